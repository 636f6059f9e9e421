"""Wording and locations shared by the CI formats, so JUnit, SARIF, CSV and annotations agree.

Every CI format needs the same few things from a citation of the report dictionary: a short
name a person recognises ("source https://…", or the cited title when there is no URL), a
finding's message followed by the cited-versus-observed values it is about, and where in the
repository the post lives (its ``origin`` when that is a file path, else its URL).  Writing
them once here keeps the formats from wording or locating the same finding differently.  Only
the report dictionary is read; nothing is re-derived from the model.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import unquote, urlsplit

from checker.encoding import TEXT_INVISIBLES
from checker.lazyre import lazy
from checker.report.document import FindingMark, Posts

__all__ = [
    "FIELD_CODES",
    "SEVERITY_RANK",
    "accounting_line",
    "citation_label",
    "comparison",
    "file_path",
    "finding_lines",
    "finding_marks",
    "iter_findings",
    "one_line",
    "post_label",
    "posts_with_findings",
    "problem_label",
    "repository_path",
    "verdict",
]

SEVERITY_RANK = {"error": 2, "warning": 1, "info": 0}

# (label, cited key, observed key, the codes whose finding is about that field)
FIELD_CODES: tuple[tuple[str, str, str, frozenset[str]], ...] = (
    ("title", "title", "title", frozenset({"title-mismatch"})),
    (
        "author",
        "author",
        "author",
        frozenset({"author-mismatch", "embed-author-mismatch", "embed-secondary-source"}),
    ),
    ("date", "date", "date", frozenset({"date-mismatch", "embed-date-mismatch"})),
    ("publisher", "publisher", "site_name", frozenset({"publisher-mismatch"})),
    ("handle", "handle", "handle", frozenset({"embed-author-mismatch", "embed-secondary-source"})),
    ("text", "text", "text", frozenset({"embed-text-mismatch", "quote-not-found"})),
)
_AVAILABILITY = frozenset({"broken", "soft-404", "blocked", "unreachable", "redirected"})
_MAX_VALUE = 200
_SPACE = lazy(r"\s+")
_URL_SCHEME = lazy(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_WINDOWS_DRIVE = lazy(r"^[A-Za-z]:[\\/]")


# Characters a terminal or a text view acts on instead of showing: C0/C1 controls (ESC starts
# the sequences that recolour, clear or retitle a terminal) and the bidi controls that reorder
# what a reader sees.  Tab, newline and carriage return are left to each format's line rules.
_HIDDEN = (
    [c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)]
    + list(range(0x7F, 0xA0))
    + sorted(map(ord, TEXT_INVISIBLES))  # the bidi embeddings, overrides and isolates
)
_VISIBLE = {c: f"<U+{c:04X}>" for c in _HIDDEN}
# Finding one is a scan in C; translating every string with the table is several times slower,
# and almost no string has one (the annotations' lines, the HTML report's values: probe 28).
_HIDDEN_FOUND = re.compile("[" + "".join(re.escape(chr(c)) for c in _HIDDEN) + "]")
_URL_UNSAFE = {
    c: "".join(f"%{byte:02X}" for byte in chr(c).encode())
    for c in (*_HIDDEN, 0x09, 0x0A, 0x0D, 0x20, 0x3C, 0x3E)
}


def visible(text: str) -> str:
    """``text`` with each control and bidi character shown as ``<U+XXXX>`` (report.md, CSV).

    These reports are read in terminals and CI logs, where a cited page's ``\x1b]0;…\x07``
    would act on the viewer instead of being read.
    """
    return text.translate(_VISIBLE) if _HIDDEN_FOUND.search(text) else text


def url_text(url: str) -> str:
    """``url`` fit to stand in a Markdown autolink ``<…>``: unsafe characters percent-encoded.

    Percent-encoding keeps the link pointing where the raw one did, while a space, ``>`` or
    control character can no longer end the autolink and turn the rest into Markdown.
    """
    return url.translate(_URL_UNSAFE)


def one_line(value: object, limit: int = _MAX_VALUE) -> str:
    """``value`` as one line of at most ``limit`` characters (whitespace runs become a space)."""
    text = _SPACE.sub(" ", str(value)).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def posts_with_findings(document: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """The posts with at least one finding, in report order, each with only its citations that
    have a finding (what the formats that show findings read; the rest would show nothing).

    From a built report (``document.Posts``) the other posts and citations are never built:
    most of a big run's citations have no finding, and these formats need not pay for them.
    """
    posts = document.get("documents", ())
    if isinstance(posts, Posts):
        return posts.with_findings()
    return (
        {**post, "citations": flagged}
        for post in posts
        if (flagged := [c for c in post.get("citations", ()) if c.get("findings")])
    )


def finding_marks(document: Mapping[str, Any]) -> Iterator[FindingMark]:
    """The code, severity, ``failing`` and ``baselined`` of every finding of the posts, in
    report order: from a built report (``document.Posts``) without building a post."""
    posts = document.get("documents", ())
    if isinstance(posts, Posts):
        return posts.finding_marks()
    return (
        FindingMark(
            f.get("code"), f.get("severity"), bool(f.get("failing")), bool(f.get("baselined"))
        )
        for p in posts
        for c in p.get("citations", ())
        for f in c.get("findings", ())
    )


def iter_findings(
    document: Mapping[str, Any],
) -> Iterator[tuple[Mapping[str, Any], Mapping[str, Any], Mapping[str, Any]]]:
    """Every (post, citation, finding) of the report, in report order."""
    for post in posts_with_findings(document):
        for citation in post.get("citations", ()):
            for finding in citation.get("findings", ()):
                yield post, citation, finding


def accounting_line(document: Mapping[str, Any]) -> str:
    """What the run was given and what became of it, in one line.

    ``2 inputs, 14 posts (13 read, 1 unreadable), 120 citations: 112 checked, 6 skipped
    (4 private address, 2 excluded), 2 not checked (internal error)``.  A sitemap or feed page
    that could not be read is no post: it is said beside the inputs (``1 input (1 listing page
    unreadable, its posts not found)``).  The CLI's summary line,
    report.md and report.html all say it in these words.  An interrupted run's line says so
    first (report.json's ``"interrupted": true``).
    """
    counts = (document.get("summary") or {}).get("accounting") or {}
    inputs = _plural(counts.get("inputs", 0), "input")
    about = []
    if counts.get("inputs_without_posts"):
        about.append(f"{counts['inputs_without_posts']} yielded no post")
    if counts.get("listings_unreadable"):
        lost = _plural(counts["listings_unreadable"], "listing page")
        about.append(f"{lost} unreadable, its posts not found")
    if counts.get("listings_kept_off"):
        about.append(
            f"{_plural(counts['listings_kept_off'], 'page')} not crawled, as robots.txt asks"
        )
    if about:
        inputs += f" ({'; '.join(about)})"
    posts = _plural(counts.get("posts_found", 0), "post")
    details = []
    if counts.get("posts_unreadable"):
        details.append(
            f"{counts.get('posts_read', 0)} read, {counts['posts_unreadable']} unreadable"
        )
    if counts.get("posts_found_again"):
        details.append(f"{counts['posts_found_again']} found again by another input, checked once")
    if details:
        posts += f" ({'; '.join(details)})"
    citations = (
        f"{_plural(counts.get('citations', 0), 'citation')}: {counts.get('checked', 0)} checked"
    )
    for key, label in (("skipped", "skipped"), ("not_checked", "not checked")):
        if counts.get(key):
            reasons = counts.get(f"{key}_reasons") or {}
            why = ", ".join(f"{n} {reason}" for reason, n in reasons.items())
            if len(reasons) == 1:
                why = next(iter(reasons))
            citations += f", {counts[key]} {label}" + (f" ({why})" if why else "")
    line = f"{inputs}, {posts}, {citations}"
    if document.get("interrupted"):  # what it found is accounted for; what it had not, is not
        return f"interrupted before its end (posts not yet found are not listed): {line}"
    return line


def problem_label(problem: Mapping[str, Any]) -> str:
    """What a problem is about: the input or post it names, or ``the run``."""
    subject = problem.get("subject")
    return one_line(subject, 500) if subject else "the run"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def post_label(post: Mapping[str, Any]) -> str:
    """The post's title, else its URL."""
    return one_line(post.get("title") or post.get("url") or "(untitled)")


def citation_label(citation: Mapping[str, Any]) -> str:
    """``kind [platform] URL``, or the cited title when the citation has no URL."""
    kind = str(citation.get("kind") or "citation")
    if citation.get("platform"):
        kind = f"{kind} {citation['platform']}"
    if citation.get("url"):
        return f"{kind} {one_line(citation['url'], 500)}"
    cited = citation.get("cited") or {}
    named = cited.get("title") or cited.get("publisher") or cited.get("author")
    where = f" at line {citation['line']}" if citation.get("line") else ""
    if named:
        return f"{kind} “{one_line(named, 120)}” (no URL){where}"
    return f"{kind} (no URL){where}"


def comparison(citation: Mapping[str, Any], code: str) -> list[str]:
    """``field: cited “A” · observed “B”`` for each field the finding ``code`` is about."""
    cited = citation.get("cited") or {}
    observed = citation.get("observed") or {}
    lines = []
    for label, cited_key, observed_key, codes in FIELD_CODES:
        mine, theirs = cited.get(cited_key), observed.get(observed_key)
        if code in codes and (mine or theirs):
            lines.append(f"{label}: cited {_quoted(mine)} · observed {_quoted(theirs)}")
    if code in _AVAILABILITY:
        status_code = observed.get("status_code")
        if status_code is not None:
            lines.append(f"HTTP status: {status_code}")
        final = citation.get("final_url")
        if final and final != citation.get("url"):
            lines.append(f"now at: {final}")
    return lines


def finding_lines(citation: Mapping[str, Any], finding: Mapping[str, Any]) -> list[str]:
    """The finding's message, the values it compares, its suggestion and archived copy."""
    lines = [one_line(finding.get("message") or finding.get("code") or "", 1000)]
    lines += comparison(citation, str(finding.get("code")))
    if finding.get("suggestion"):
        lines.append(f"suggestion: {one_line(finding['suggestion'], 1000)}")
    if finding.get("archive_url"):
        lines.append(f"archived copy: {finding['archive_url']}")
    return lines


def file_path(origin: object) -> str | None:
    """``origin`` as a forward-slash file path when it names a file, else ``None`` (a URL)."""
    if not isinstance(origin, str) or not origin.strip():
        return None
    if origin.startswith("file://"):
        return unquote(urlsplit(origin).path) or None
    if _URL_SCHEME.match(origin):
        return None
    path = origin.replace("\\", "/")
    if _WINDOWS_DRIVE.match(origin):
        return path
    return path[2:] if path.startswith("./") else path


def repository_path(origin: object) -> str | None:
    """``origin``'s file (:func:`file_path`) from the repository's root under GitHub Actions, as
    the runner places an annotation and code scanning a SARIF result.

    The runner reads a relative ``file`` from ``$GITHUB_WORKSPACE`` and turns an absolute one
    inside it into that (actions/runner, ``IssueCommandExtension``); a report's paths are the
    working folder's.  A step run in a subfolder (``working-directory: docs``, ``citecheck check
    .``) put its annotations, and report.sarif its results, on ``intro.md`` at the repository's
    root: a file that is not there, or another one (probe 33).  A file outside the workspace
    keeps its absolute path, which the runner leaves as it is; without ``$GITHUB_WORKSPACE``
    the path stays as reported.
    """
    path = file_path(origin)
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if path is None or not workspace:
        return path
    absolute = os.path.abspath(path)
    relative = _inside(absolute, workspace)
    if relative is None:  # a symlinked workspace, or a file reached through a link
        relative = _inside(os.path.realpath(absolute), _real_workspace(workspace))
    if relative is None:
        return absolute
    return relative.replace(os.sep, "/") + ("/" if path.endswith("/") else "")


def _inside(file: str, root: str) -> str | None:
    """``file`` relative to ``root`` when it is inside it, else ``None``."""
    try:
        relative = os.path.relpath(file, root)
    except ValueError:  # another drive (Windows)
        return None
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return None
    return relative


@functools.lru_cache(maxsize=4)
def _real_workspace(workspace: str) -> str:
    """The workspace's real path, looked up once: both realpaths ran for every finding
    (~100 µs each, 10 s for 100,000 SARIF results), though the plain path is inside it for
    nearly all (reviewer of probe 33)."""
    return os.path.realpath(workspace)


def _quoted(value: object) -> str:
    return "—" if value is None else f"“{one_line(value)}”"


def verdict(document: Mapping[str, Any]) -> str:
    """The run's verdict as report.md's and report.html's headlines say it: ``FAILED`` when a
    finding fails it, ``INTERRUPTED`` when it stopped before its end (report.json's
    ``"interrupted"``: what it did not check is no pass, and its failing count is of what it
    checked), else ``passed``.  An interrupted run's headline said "passed" (probe 30i), and so
    did the GitHub step summary, which is report.md.  Read off ``failing``: an interrupted
    run's ``failed`` is true whatever it found."""
    if (document.get("summary") or {}).get("failing"):
        return "FAILED"
    return "INTERRUPTED" if document.get("interrupted") else "passed"
