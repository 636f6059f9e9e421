"""Probe 21 (left): what the differential probe against lychee left unsaid or uncited.

A quote whose source page has no text could not be compared: it is a note that says so, never a
``quote-not-found`` with an empty sentence, and never a silent pass.
"""

from __future__ import annotations

import pytest

from checker.findings import Code
from checker.model import Severity
from checker.verify.quotes import find_quote, quote_finding

QUOTE_EN = "The two leaders agreed to begin negotiations immediately, the statement said."
QUOTE_JA = "ロシアは領土の交換について議論したこともないし、今後も議論することはない。"
EMPTY_PAGES = [
    "<html><head><title>x</title></head><body></body></html>",
    "<html><body><script>render()</script><p>   </p></body></html>",
    "<html><body><p>— · —</p></body></html>",
]


@pytest.mark.parametrize("page", EMPTY_PAGES)
@pytest.mark.parametrize("quote", [QUOTE_EN, QUOTE_JA])
def test_a_quote_against_a_page_without_text_is_a_could_not_compare_note(
    page: str, quote: str
) -> None:
    match = find_quote(quote, page, "https://news.example/a")
    finding = quote_finding(match, "https://news.example/a")
    assert finding is not None  # never a silent pass (a Japanese quote was "translated")
    assert finding.code is Code.BLOCKED
    assert finding.severity is Severity.INFO
    assert "could not be compared" in finding.message
    assert "“”" not in finding.message
    assert "https://news.example/a" in finding.message


def test_a_quote_missing_from_a_page_with_text_is_still_not_found() -> None:
    page = "<html><body><article><p>" + "An unrelated report about the weather. " * 5
    match = find_quote(QUOTE_EN, page + "</p></article></body></html>", "https://news.example/b")
    finding = quote_finding(match, "https://news.example/b")
    assert finding is not None
    assert finding.code is Code.QUOTE_NOT_FOUND
