"""Probe 18: an editor's marks in a quotation are not part of what is quoted.

Curators write ``[sic]``, ``[sic!]``, ``[emphasis added]``; Japanese translators ``〔ママ〕`` and
``（中略）`` for a cut.  Each made the sentence around it "changed in" its source: on 30 paragraphs
of ../shared/realpages quoted with a ``[sic]``, 29 of 29 were a false ``quote-not-found``
(``[emphasis added]`` 2, ``[sic!]`` 29), and 0 after.  A changed word next to a mark is still
caught.
"""

from __future__ import annotations

import pytest

from checker.verify.quotes import _EDITORIAL, find_quote
from tests.verify.test_quotes import EN, JA, _page

URL = "https://news.example/a"


@pytest.mark.parametrize(
    "passage",
    [
        EN[0].replace("lengthy", "lengthy [sic]"),
        EN[0].replace("productive phone", "productive [sic!] phone"),
        EN[1] + " [emphasis added]",
        EN[1].replace("nearly", "(emphasis mine) nearly"),
        EN[2].replace("unrealistic", "[SIC] unrealistic"),
        JA[1].replace("12日", "12日〔ママ〕"),
        JA[1].replace("「それは不可能だ。", "「それは不可能だ。（中略）"),
        JA[0][:40] + "（中略）" + JA[0][-30:],
    ],
)
def test_an_editors_mark_is_not_quoted_text(passage: str) -> None:
    match = find_quote(passage, _page(JA if "日" in passage or "ロ" in passage else EN), URL)
    assert match.found, match


@pytest.mark.parametrize(
    "passage",
    [
        EN[0].replace("lengthy", "short [sic]"),
        EN[1].replace("would not", "would [emphasis added]"),
        JA[1].replace("12日", "13日〔ママ〕"),
        JA[1][:30] + "（中略）" + JA[1][-40:].replace("議論したこともない", "議論したことがある"),
        EN[1].replace("nearly 90", "nearly 95 [sic] … "),
    ],
)
def test_a_change_beside_a_mark_is_still_caught(passage: str) -> None:
    page = _page(JA if "日" in passage else EN)
    assert not find_quote(passage, page, URL).found


def test_a_mark_the_source_itself_prints_is_no_change() -> None:
    source = EN[0].replace("lengthy", "lenghty [sic]")
    quoted = EN[0].replace("lengthy", "lenghty")
    assert find_quote(quoted, _page([source, *EN[1:]]), URL).found


@pytest.mark.parametrize("bracketed", ["[he]", "[Putin]", "(1)"])
def test_other_brackets_are_not_marks(bracketed: str) -> None:
    """Only the marks are dropped: an inserted ``[Putin]`` is still text compared."""
    assert _EDITORIAL.search(f"said {bracketed} today") is None
