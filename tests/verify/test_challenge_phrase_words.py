"""A challenge phrase is looked for in the visible text only when all its words are in the page's
decoded head (issue 19): one rare word was not enough on articles ("continue reading", "security
council", "confirmed"), each of which went through the visible-text pass for nothing.

Held to the straightforward reading (``test_challenge_precheck._reference``) on pages that hold
every phrase whole, split by tags and references, scattered word by word, and cut by one word.
"""

from __future__ import annotations

import pytest

import checker.verify.availability as availability_module
from checker.model import FetchResult, Outcome
from checker.verify.availability import _CHALLENGE_PHRASES, _PHRASE_WORDS, _is_challenge
from tests.verify.test_challenge_precheck import _reference

URL = "https://news.example.com/2025/02/ukraine-ceasefire-talks-stall"
NEWS = (
    "<html><head><title>Council meets | Example News</title></head><body><article>"
    "<p>The security council will continue its talks, officials confirmed; some were blocked "
    "by unusual procedure and a blocker, and would verify the accessing of files.</p>"
    + "<p>The talks went nowhere this week, the ministers said in Geneva.</p>" * 20
    + "<a href='/next'>Continue reading</a></article></body></html>"
)


def _answer(text: str) -> FetchResult:
    return FetchResult(URL, Outcome.OK, final_url=URL, status_code=200, text=text)


def test_a_news_page_with_the_rare_words_costs_no_visible_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lowered = NEWS.lower()
    assert all(word in lowered for word in set(_PHRASE_WORDS.values()) - {"sucuri", "ddos-guard"})

    def visible(text: str) -> str:
        raise AssertionError("the visible text was computed")

    monkeypatch.setattr(availability_module, "_visible_text", visible)
    assert not _is_challenge(_answer(NEWS))


def _split(phrase: str) -> str:
    """The phrase with a tag between each pair of words and its first letter a reference."""
    words = phrase.split()
    first = f"&#{ord(words[0][0])};{words[0][1:]}"
    return "<p>" + " <b></b>".join([first, *words[1:]]) + "</p>"


def _pages() -> dict[str, str]:
    pages: dict[str, str] = {}
    for phrase in _CHALLENGE_PHRASES:
        words = phrase.split()
        pages[f"{phrase}: whole"] = f"<p>{phrase.upper()}</p>"
        pages[f"{phrase}: split"] = _split(phrase)
        pages[f"{phrase}: scattered"] = "".join(f"<p>{w} x</p>" for w in reversed(words))
        pages[f"{phrase}: one word short"] = "<p>" + " ".join(words[:-1]) + "</p>"
        pages[f"{phrase}: in a script"] = f"<script>{phrase}</script><p>hello</p>"
        pages[f"{phrase}: not ASCII"] = f"<p>日本 {phrase} Genève</p>"
        pages[f"{phrase}: long"] = f"<p>{phrase}</p>" + "<p>text words</p>" * 400
    pages["news"] = NEWS
    return pages


PAGES = _pages()


@pytest.mark.parametrize("name", sorted(PAGES))
def test_the_same_verdict_as_the_straightforward_reading(name: str) -> None:
    assert _is_challenge(_answer(PAGES[name])) == _reference(PAGES[name])


def test_the_pages_cover_both_verdicts() -> None:
    assert {_reference(page) for page in PAGES.values()} == {True, False}
