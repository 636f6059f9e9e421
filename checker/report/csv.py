"""report.csv: one row per citation and finding, for spreadsheets and quick filtering.

Editors who fix citations work in spreadsheets, so the file opens correctly in Excel as well as
LibreOffice and pandas: UTF-8 with a byte-order mark (without it Excel reads Japanese titles as
mojibake), CRLF line ends, every value quoted where needed.  A cell that begins with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return would be run as a formula by a spreadsheet
(CSV injection), and cited titles and messages come from the web, so such a cell gets a
leading apostrophe, which spreadsheets show as text.  A citation with several findings has one
row per finding; a citation without findings still has one row, so the file lists every
citation checked, and its note (why a citation was not checked) in ``message``.  The problems
of the run itself come first, one row each, with ``kind`` ``problem`` and what they are about
(an input, a post's URL, or empty for the run) in ``post_url``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

from checker.report._common import visible

__all__ = ["COLUMNS", "neutralise", "render"]

COLUMNS: tuple[str, ...] = (
    "post_url",
    "post_title",
    "kind",
    "url",
    "final_url",
    "status",
    "code",
    "severity",
    "failing",
    "message",
    "suggestion",
    "archive_url",
    "cited_title",
    "observed_title",
    "line",
)
_BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def render(document: dict[str, Any]) -> str:
    """The report dictionary as CSV text, starting with a byte-order mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for problem in document.get("problems", ()):
        row = _problem_row(problem)
        writer.writerow([neutralise(row.get(column)) for column in COLUMNS])
    for post in document.get("documents", ()):
        for citation in post.get("citations", ()):
            findings = citation.get("findings") or [None]
            for finding in findings:
                row = _row(post, citation, finding)
                writer.writerow([neutralise(row[column]) for column in COLUMNS])
    return _BOM + buffer.getvalue()


def neutralise(value: object) -> str:
    """The cell text for ``value``: empty for None, apostrophe-prefixed if it could be a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = visible(str(value))
    return "'" + text if text.startswith(_FORMULA_START) else text


def _problem_row(problem: Mapping[str, Any]) -> dict[str, object]:
    return {
        "post_url": problem.get("subject"),
        "kind": "problem",
        "code": problem.get("code"),
        "severity": problem.get("severity"),
        "failing": bool(problem.get("failing")),
        "message": problem.get("message"),
        "suggestion": problem.get("suggestion"),
        "archive_url": problem.get("archive_url"),
    }


def _row(
    post: Mapping[str, Any], citation: Mapping[str, Any], finding: Mapping[str, Any] | None
) -> dict[str, object]:
    cited = citation.get("cited") or {}
    observed = citation.get("observed") or {}
    found = finding or {}
    return {
        "post_url": post.get("url"),
        "post_title": post.get("title"),
        "kind": citation.get("kind"),
        "url": citation.get("url"),
        "final_url": citation.get("final_url"),
        "status": citation.get("status"),
        "code": found.get("code"),
        "severity": found.get("severity"),
        "failing": bool(found.get("failing")) if finding is not None else None,
        # a row without a finding says the citation's note: why it was skipped ("not checked:
        # the run was interrupted"), which nothing else in the file says (probe 30i)
        "message": found.get("message") if finding is not None else citation.get("note"),
        "suggestion": found.get("suggestion"),
        "archive_url": found.get("archive_url"),
        "cited_title": cited.get("title"),
        "observed_title": observed.get("title"),
        "line": citation.get("line"),
    }
