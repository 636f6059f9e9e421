"""report.md: a short summary a person can read in a CI log or a pull-request comment.

It opens with one line saying whether the run passed and one saying what the run checked (the
accounting line), then a table of findings by code and severity, then the problems of the run
itself (an input that yielded no post, a post that could not be read, a run that checked
nothing), then only the citations that need attention (an error or a warning), grouped by post.
For each it shows the cited-versus-observed fields that a finding is about (plus the cited title,
so the source can be recognised), not every field, so a long run stays skimmable.  Everything
comes from the report dictionary built by ``document.py``; nothing is re-derived here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from checker.lazyre import lazy
from checker.report._common import (
    accounting_line,
    finding_marks,
    posts_with_findings,
    problem_label,
    url_text,
    verdict,
    visible,
)

__all__ = ["render", "stream"]

_ATTENTION = frozenset({"error", "warning"})
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
# (label, cited key, observed key), each shown when a finding is about that field.
_FIELDS = (
    ("title", "title", "title"),
    ("author", "author", "author"),
    ("date", "date", "date"),
    ("publisher", "publisher", "site_name"),
    ("handle", "handle", "handle"),
    ("text", "text", "text"),
)
_FIELD_CODES = {
    "title": frozenset({"title-mismatch"}),
    "author": frozenset({"author-mismatch", "embed-author-mismatch", "embed-secondary-source"}),
    "date": frozenset({"date-mismatch", "embed-date-mismatch"}),
    "publisher": frozenset({"publisher-mismatch"}),
    "handle": frozenset({"embed-author-mismatch", "embed-secondary-source"}),
    "text": frozenset({"embed-text-mismatch", "quote-not-found"}),
}
_MAX_TEXT = 160
_ESCAPED = str.maketrans({mark: "\\" + mark for mark in "\\`*_[]<>"})
"""Markdown's punctuation, each mark after a backslash: ``str.translate`` in C, where a
pattern's ``sub`` with a template (``\\\1``) called ``re``'s template code in Python for each
text (issue 19, session 33: ~a fifth of writing report.md)."""
_SPACE = lazy(r"\s+")


def render(document: dict[str, Any]) -> str:
    """The Markdown summary of a report dictionary."""
    return "".join(stream(document))


def stream(document: dict[str, Any]) -> Iterator[str]:
    """:func:`render`'s text, line by line: the text joins its lines with newlines and ends in
    exactly one (a run of newlines at the end is held back until text follows it)."""
    held = ""
    separator = ""
    for line in _lines(document):
        piece = separator + line
        separator = "\n"
        text = piece.rstrip("\n")
        if text:
            yield held + text
            held = piece[len(text) :]
        else:
            held += piece
    yield "\n"


def _lines(document: dict[str, Any]) -> Iterator[str]:
    """The summary's lines.  The counts table comes before the posts, so the findings are
    counted first (``finding_marks``: no post is built for it) and the posts with findings read
    once, to show them (the others never): no post's dictionary, nor the text of them all, is
    held (a 20,000-citation run's report.md was 24 MB at its peak, issue 19)."""
    rows: Counter[tuple[str, str]] = Counter()
    failing: Counter[tuple[str, str]] = Counter()
    _count(document.get("problems", ()), rows, failing)
    for mark in finding_marks(document):
        key = (mark.code, mark.severity)
        rows[key] += 1
        failing[key] += mark.failing
    yield from _headline(document)
    yield ""
    yield from _counts(rows, failing)
    yield from _problems(document)
    for post in posts_with_findings(document):
        yield from _post(post)


def _headline(document: dict[str, Any]) -> list[str]:
    summary = document["summary"]
    tool = document["tool"]
    line = (
        f"# citecheck {verdict(document)}: {summary['failing']} failing finding(s) in "
        f"{summary['citations']} citation(s) from {summary['documents']} document(s)"
    )
    statuses = ", ".join(f"{n} {s}" for s, n in summary.get("statuses", {}).items() if n)
    return [
        line,
        "",
        f"{tool['name']} {tool['version']} · citations: {statuses or 'none'}",
        "",
        f"Checked: {_inline(accounting_line(document))}",
    ]


def _count(
    findings: Iterable[Mapping[str, Any]],
    rows: Counter[tuple[str, str]],
    failing: Counter[tuple[str, str]],
) -> None:
    """Add ``findings`` to the table's counts, by (code, severity), and the failing ones."""
    for finding in findings:
        key = (finding["code"], finding["severity"])
        rows[key] += 1
        failing[key] += bool(finding.get("failing"))


def _counts(rows: Counter[tuple[str, str]], failing: Counter[tuple[str, str]]) -> list[str]:
    if not rows:
        return ["No findings."]
    ordered = sorted(rows, key=lambda k: (_SEVERITY_ORDER.get(k[1], 9), k[0]))
    table = ["| code | severity | count | failing |", "|---|---|---:|---:|"]
    table += [
        f"| {_cell(code)} | {_cell(sev)} | {rows[(code, sev)]} | {failing[(code, sev)]} |"
        for code, sev in ordered
    ]
    return table


def _problems(document: dict[str, Any]) -> list[str]:
    """The findings about an input, a post or the run, each naming what it is about."""
    problems = document.get("problems") or []
    if not problems:
        return []
    lines = ["", "## Problems of the run", ""]
    for problem in problems:
        subject = problem_label(problem)
        shown = f"<{url_text(subject)}>" if "://" in subject else _inline(subject)
        lines.append(f"- {shown}")
        lines.extend(_finding(problem))
    return lines


def _post(post: dict[str, Any]) -> list[str]:
    flagged = [c for c in post["citations"] if _needs_attention(c)]
    if not flagged:
        return []
    title = _inline(post.get("title") or post["url"])
    lines = ["", f"## {title}", "", f"<{url_text(post['url'])}>"]
    for citation in flagged:
        lines.extend(_citation(citation))
    return lines


def _needs_attention(citation: dict[str, Any]) -> bool:
    return any(f["severity"] in _ATTENTION or f.get("failing") for f in citation["findings"])


def _citation(citation: dict[str, Any]) -> list[str]:
    where = f" (line {citation['line']})" if citation.get("line") else ""
    platform = f" {citation['platform']}" if citation.get("platform") else ""
    target = f"<{url_text(citation['url'])}>" if citation.get("url") else "(no URL)"
    lines = ["", f"- **{citation['kind']}{platform}** {target}{where}: `{citation['status']}`"]
    final = citation.get("final_url")
    if final and final != citation.get("url"):
        lines.append(f"  - now at <{url_text(final)}>")
    lines.extend(f"  - {line}" for line in _comparison(citation))
    for finding in citation["findings"]:
        lines.extend(_finding(finding))
    return lines


def _comparison(citation: dict[str, Any]) -> list[str]:
    """Cited against observed, for the fields a finding is about (formats alone differ often)."""
    cited = citation.get("cited") or {}
    observed = citation.get("observed") or {}
    codes = {f["code"] for f in citation["findings"]}
    lines = []
    status_code = observed.get("status_code")
    if status_code is not None and status_code != 200:
        lines.append(f"HTTP status: {status_code}")
    for label, cited_key, observed_key in _FIELDS:
        mine, theirs = cited.get(cited_key), observed.get(observed_key)
        if not codes.isdisjoint(_FIELD_CODES[label]) and (mine or theirs):
            lines.append(f"{label}: cited {_quoted(mine)} · observed {_quoted(theirs)}")
    if cited.get("title") and not any(line.startswith("title:") for line in lines):
        lines.append(f"cited title: {_quoted(cited['title'])}")
    return lines


def _finding(finding: dict[str, Any]) -> list[str]:
    mark = " (failing)" if finding.get("failing") else ""
    lines = [
        f"  - **{finding['severity']}** `{finding['code']}`{mark}: {_inline(finding['message'])}"
    ]
    if finding.get("suggestion"):
        lines.append(f"    - suggestion: {_inline(finding['suggestion'])}")
    if finding.get("archive_url"):
        lines.append(f"    - archived copy: <{url_text(finding['archive_url'])}>")
    return lines


def _quoted(value: str | None) -> str:
    if value is None:
        return "—"
    text = _SPACE.sub(" ", value).strip()
    if len(text) > _MAX_TEXT:
        text = text[: _MAX_TEXT - 1] + "…"
    return f"“{_inline(text)}”"


def _inline(value: str) -> str:
    """Text safe in a Markdown line: one line, Markdown punctuation escaped, CJK untouched."""
    return visible(_SPACE.sub(" ", str(value)).strip()).translate(_ESCAPED)


def _cell(value: str) -> str:
    """Text safe in a Markdown table cell: ``|`` escaped and newlines flattened."""
    return _inline(value).replace("|", "\\|")
