"""A report whose every string is hostile: markup, script, formula, control and command text."""

from __future__ import annotations

from checker.findings import Code
from checker.model import (
    CheckedCitation,
    CheckedDocument,
    Citation,
    CitationKind,
    Cited,
    Document,
    Finding,
    Observed,
    Report,
    Status,
)

SCRIPT = "<script>window.__pwned = 1</script>"
IMG = '<img src=x onerror="window.__pwned = 2">'
FORMULA = '=HYPERLINK("http://evil.example/","click")'
COMMAND = "bad\n::error file=evil.py::injected, with: colon %0A"
JS_URL = "javascript:window.__pwned=3"
CONTROL = "bell\x07and\x00nul"


def hostile_report() -> Report:
    """One post from a folder, one citation with a ``javascript:`` URL and every trap at once."""
    citation = CheckedCitation(
        Citation(
            CitationKind.LINK,
            JS_URL,
            Cited(title=SCRIPT, author=FORMULA, text=IMG),
            line=7,
        ),
        Status.BROKEN,
        final_url=JS_URL,
        observed=Observed(404, IMG, "+cmd|' /C calc'!A0", None, "@SUM(1+1)", None, CONTROL),
        findings=(
            Finding.of(Code.TITLE_MISMATCH, COMMAND, suggestion=FORMULA, archive_url=JS_URL),
            Finding.of(Code.BROKEN, "-2+3 " + CONTROL),
        ),
    )
    safe = CheckedCitation(
        Citation(CitationKind.LINK, "https://ok.example.com/a b?x=1&y=<2>", line=9),
        Status.OK,
        observed=Observed(200, "fine"),
    )
    document = Document(
        "https://blog.example.com/p.html?q=<x>", "posts/dir, one/p:1.html", IMG, None, ()
    )
    return Report(
        inputs=(JS_URL, "posts/"),
        documents=(CheckedDocument(document, (citation, safe)),),
        version="0.1.0",
        started="2025-12-09T00:00:00+00:00",
        finished="2025-12-09T00:00:02.500000+00:00",
    )
