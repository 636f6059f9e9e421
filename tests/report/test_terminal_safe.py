"""report.md and report.csv are shown in terminals and CI logs: no control or bidi character.

A cited URL or a page's title may carry ESC sequences (``\\x1b]0;title\\x07`` retitles a terminal,
``\\x1b[2J`` clears it) or a right-to-left override that reorders what a reader sees.  The
Markdown and CSV reports show each such character as a visible ``<U+XXXX>`` instead.
"""

from __future__ import annotations

import re

from checker.config import Config
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
from checker.report import build_document
from checker.report.csv import render as render_csv
from checker.report.markdown import render as render_markdown

URL = "https://evil.example.com/a\x1b]0;pwned\x07b\x1b[2J\u202egpj.exe>[x](javascript:1)"
_HIDDEN = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _report() -> Report:
    citation = CheckedCitation(
        Citation(CitationKind.LINK, URL, Cited(title="t\x1b[31mred"), line=3),
        Status.BROKEN,
        final_url=URL + "/final",
        observed=Observed(404, "page \x1b[5m title \u202eevil"),
        findings=(
            Finding.of(Code.BROKEN, "gone \x1b[2J\x9b31m", archive_url=URL + "/archived"),
            Finding.of(Code.TITLE_MISMATCH, "differs", suggestion="cite \u2066x\u2069"),
        ),
    )
    document = Document("https://blog.example.com/p\x1b[1m", "p.md", "title\x07", None, ())
    return Report(
        inputs=("p.md",),
        documents=(CheckedDocument(document, (citation,)),),
        version="0.1.0",
        started="2025-12-09T00:00:00+00:00",
        finished="2025-12-09T00:00:02+00:00",
    )


def test_markdown_shows_control_characters_visibly() -> None:
    text = render_markdown(build_document(_report(), config=Config()))
    assert not _HIDDEN.search(text), repr(_HIDDEN.findall(text))
    assert "U+001B" in text and "U+202E" in text
    for line in text.splitlines():
        for autolink in re.findall(r"<https?://[^>]*>", line):
            assert " " not in autolink and "<" not in autolink[1:]
    assert "/a%1B]0;pwned%07b" in text  # the link still points where the cited one did


def test_csv_shows_control_characters_visibly() -> None:
    text = render_csv(build_document(_report(), config=Config()))
    assert not _HIDDEN.search(text), repr(_HIDDEN.findall(text))
    assert "<U+001B>" in text
