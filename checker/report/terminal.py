"""What a run prints when it ends: the failing findings, what was skipped and why, where to look.

A user who runs a checker wants the answer in the terminal, not a count to dig behind: each
failing finding is one line, ``POST-or-FILE:LINE  URL  code  message — fix``, grouped by post,
the worst posts first, capped so a big run does not bury the summary (the rest are in the
reports, which the cap line names).  Findings that do not fail the run are counted in one line;
skipped citations are counted by reason with what would check them.

Everything here reads the report dictionary (``build_document``), like every report format, so the
terminal and the reports cannot disagree; its strings are already redacted, and each line is
passed through :func:`visible` so a cited page's control characters cannot act on the terminal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from checker.findings import CATALOGUE, Code
from checker.report._common import (
    SEVERITY_RANK,
    comparison,
    file_path,
    finding_marks,
    one_line,
    post_label,
    posts_with_findings,
    problem_label,
    visible,
)

__all__ = ["LIMIT", "failure_lines", "others_line", "skipped_lines"]

_PATH = 4096
"""Most characters of a post's file or address shown (PATH_MAX: a path is never cut)."""
LIMIT = 20
"""Failing findings printed before "… and N more": a screenful, the worst ones."""

# What would check a citation skipped for this reason (reason names: report/accounting.py).
_HINTS = {
    "excluded": "matched --exclude or the ignore file",
    "not included": "matched no --include",
    "private address": "use --allow-private",
    "embed not verifiable": "the platform has no keyless endpoint",
    "internal error": "see the internal-error findings",
    "cap": "raise max_citations_per_post",
}
_INDENT = "  "


_Failing = tuple[str, Mapping[str, Any] | None, Mapping[str, Any]]
"""A failing finding as a line will show it: where, its citation (None: a problem of the run)."""


@dataclass(frozen=True, slots=True)
class _Group:
    """The failing findings of one post (or of the run's problems), worst first.

    A line is made only when it is printed (:meth:`lines`): a run prints :data:`LIMIT` of its
    failing findings, and making every one's line (1,558 in the 20,000-URL bench) only to count
    them was ~2 % of a warm rerun's CPU (issue 19)."""

    title: str
    rank: int
    order: int
    failing: tuple[_Failing, ...]

    def lines(self, count: int, verbose: bool) -> list[str]:
        """The lines of the group's first ``count`` failing findings."""
        return [
            _line(
                where,
                citation,
                finding,
                _reasons(citation, finding) if citation is not None else [],
                verbose,
            )
            for where, citation, finding in self.failing[:count]
        ]


def failure_lines(
    document: Mapping[str, Any], *, more_in: str, verbose: bool = False, limit: int = LIMIT
) -> list[str]:
    """Every failing finding as a line, grouped by post, worst first, at most ``limit``.

    ``more_in`` names the report that holds the rest (``… and 37 more: reports/report.html``);
    ``verbose`` adds each finding's reason (cited against observed, HTTP status, the note).
    Empty when nothing fails.
    """
    groups = sorted(_groups(document), key=lambda g: (-g.rank, -len(g.failing), g.order))
    total = sum(len(g.failing) for g in groups)
    if not total:
        return []
    noun = "finding" if total == 1 else "findings"
    out = [f"citecheck: {total} failing {noun}, worst first:"]
    room = limit
    for group in groups:
        if room <= 0:
            break
        shown = group.lines(room, verbose)
        room -= len(shown)
        out.append(visible(f"{_INDENT}{group.title} ({len(group.failing)})"))
        out += [visible(f"{_INDENT * 2}{line}") for line in shown]
    if total > limit:
        out.append(f"{_INDENT}… and {total - limit} more: {more_in}")
    return out


def others_line(document: Mapping[str, Any], *, more_in: str) -> str | None:
    """``citecheck: 7 more findings do not fail the run (7 warning): …``, or None if none."""
    severities: Counter[str] = Counter(
        str(f.get("severity"))
        for f in document.get("problems", ())
        if not f.get("failing") and not f.get("baselined")
    )
    marks = finding_marks(document)
    severities.update(m.severity for m in marks if not m.failing and not m.baselined)
    if not severities:
        return None
    count = severities.total()
    noun = "finding does" if count == 1 else "findings do"
    ranked = sorted(severities, key=lambda s: -SEVERITY_RANK.get(s, -1))
    detail = ", ".join(f"{severities[s]} {s}" for s in ranked)
    return f"citecheck: {count} more {noun} not fail the run ({detail}): {more_in}"


def skipped_lines(document: Mapping[str, Any]) -> list[str]:
    """``citecheck: 4 skipped: private address, use --allow-private``, one line per reason."""
    counts = (document.get("summary") or {}).get("accounting") or {}
    out = []
    for key, label in (("skipped", "skipped"), ("not_checked", "not checked")):
        for reason, count in (counts.get(f"{key}_reasons") or {}).items():
            hint = _HINTS.get(reason)
            why = f"{reason}, {hint}" if hint else reason
            out.append(visible(f"citecheck: {count} {label}: {one_line(why)}"))
    return out


def _groups(document: Mapping[str, Any]) -> Iterator[_Group]:
    problems = [p for p in document.get("problems", ()) if p.get("failing")]
    if problems:
        worst_first: tuple[_Failing, ...] = tuple(
            (problem_label(p), None, p) for p in sorted(problems, key=lambda p: -_rank(p))
        )
        yield _Group("problems of the run", max(map(_rank, problems)), -1, worst_first)
    for order, post in enumerate(posts_with_findings(document)):
        failing = [
            (citation, finding)
            for citation in post.get("citations", ())
            for finding in citation.get("findings", ())
            if finding.get("failing")
        ]
        if not failing:
            continue
        # a file's name is one line here as every value is: a name holding a line break
        # (``x\n::error::…``) printed a line of its own, one a CI log reads as a command
        where = one_line(
            file_path(post.get("origin")) or str(post.get("url") or post.get("origin")), _PATH
        )
        ranked = sorted(failing, key=lambda pair: -_rank(pair[1]))  # stable: page order within
        yield _Group(
            post_label(post),
            max(_rank(f) for _, f in failing),
            order,
            tuple((_at(where, citation), citation, finding) for citation, finding in ranked),
        )


def _line(
    where: str,
    citation: Mapping[str, Any] | None,
    finding: Mapping[str, Any],
    reasons: Sequence[str],
    verbose: bool,
) -> str:
    """``WHERE  URL  code  message — fix`` (``(reason; …)`` after the message with ``verbose``)."""
    code = str(finding.get("code"))
    parts = [where]
    if citation is not None:
        parts.append(_target(citation))
    message = one_line(finding.get("message") or code, 400)
    told = [reason for reason in reasons if reason not in message] if verbose else []
    if told:  # a reason the message already gives (a connection's error) is not said twice
        message += f" ({'; '.join(told)})"
    fix = _fix(finding)
    parts += [code, f"{message} — {fix}" if fix else message]
    return "  ".join(parts)


def _at(where: str, citation: Mapping[str, Any]) -> str:
    line = citation.get("line")
    return f"{where}:{line}" if line else where


def _target(citation: Mapping[str, Any]) -> str:
    """The cited URL, or what the citation names when it gives none."""
    if citation.get("url"):
        return one_line(citation["url"], 500)
    cited = citation.get("cited") or {}
    named = cited.get("title") or cited.get("publisher") or cited.get("author")
    return f"(no URL) “{one_line(named, 80)}”" if named else "(no URL)"


def _fix(finding: Mapping[str, Any]) -> str:
    """The finding's own suggestion, else the archived copy, else the code's fix in few words."""
    if finding.get("suggestion"):
        return one_line(finding["suggestion"], 400)
    if finding.get("archive_url"):
        return f"cite the archived copy {finding['archive_url']}"
    try:
        return CATALOGUE[Code(str(finding.get("code")))].fix
    except ValueError:
        return ""


def _reasons(citation: Mapping[str, Any], finding: Mapping[str, Any]) -> list[str]:
    """Why the finding was made: the values it compares, and the citation's note."""
    reasons = comparison(citation, str(finding.get("code")))
    if citation.get("note"):
        reasons.append(one_line(citation["note"], 300))
    return reasons


def _rank(finding: Mapping[str, Any]) -> int:
    return SEVERITY_RANK.get(str(finding.get("severity")), -1)
