"""Bot-challenge detection without the costly passes, with the same verdicts (issue 19, session 17).

``availability._is_challenge`` looks for its markers in the UTF-8 bytes of the page lowered as
ASCII (not ``str.lower()`` of a 300 KB page), and computes the visible text only when a word of a
challenge phrase is in the page's decoded head.  Each page here is judged by the function and by
the straightforward reading it replaced (:func:`_reference`); they must agree.
"""

from __future__ import annotations

import html

import pytest

import checker.verify.availability as availability_module
from checker.model import FetchResult, Outcome
from checker.verify.availability import (
    _CHALLENGE_MARKERS,
    _CHALLENGE_PHRASES,
    _CHALLENGE_TITLES,
    _PHRASE_WORDS,
    _SHORT_PAGE,
    _ascii_lowered,
    _first_element,
    _is_challenge,
    _visible_text,
)

URL = "https://news.example.com/2025/02/ukraine-ceasefire-talks-stall"
ARTICLE = (
    "<html><head><title>Talks stall | Example News</title></head><body><article>"
    + "<p>The talks went nowhere this week, the ministers said in Geneva.</p>" * 150
    + "</article></body></html>"
)


def _reference(text: str) -> bool:
    """What ``_is_challenge`` computed before: ``str.lower()`` and the visible text always."""
    lowered = text.lower()
    if any(marker in lowered for marker in _CHALLENGE_MARKERS):
        return True
    title = _first_element(text, "title")
    if title is not None and _CHALLENGE_TITLES.match(title.lower()):
        return True
    visible = _visible_text(text)
    return len(visible) < _SHORT_PAGE and any(p in visible.lower() for p in _CHALLENGE_PHRASES)


def _answer(text: str) -> FetchResult:
    return FetchResult(URL, Outcome.OK, final_url=URL, status_code=200, text=text)


PAGES = {
    "article": ARTICLE,
    "article, not ASCII": ARTICLE.replace("Geneva", "Genève — 日本"),
    "phrase": "<p>Verify you are human</p>",
    "phrase split by tags": "<p><b>Verify</b> you\n are <i>human</i></p>",
    "phrase spelled by references": "<p>&#86;erify you are hu&#x6d;an</p>",
    "phrase word spelled by a ligature reference": "<p>Please enable &fjlig; and</p>",
    "phrase in a script only": "<script>verify you are human</script><p>Hello</p>",
    "phrase on a long page": "<p>Verify you are human</p>" + "<p>text words</p>" * 400,
    "phrase with a dotted capital I": "<p>WHY HAVE \u0130 BEEN BLOCKED</p>",
    "marker in upper case, not ASCII": "<p>日本</p><script>var CF_CHL_OPT = {}</script>",
    "marker with a Kelvin sign": "<p>日本</p><script>window.go\u212auprops = 1</script>",
    "marker with a dotted capital I": "<p>\u0130NCAPSULA incident ID</p>",
    "marker split by a reference": "<p>cf_chl&#95;opt</p>",
    "title": "<html><head><title>Just a moment...</title></head><body>x</body></html>",
    "ddos-guard": "<p>DDoS-Guard</p>",
    "unclosed script": "<p>Verify you are human</p><script>" + "x" * 5000,
    "lone surrogate": "<p>Verify you are human \udc80</p>",
    "marker in upper case, ASCII": "<script>var CF_CHL_OPT = {}</script>",
    "phrase in upper case, ASCII, with a reference": "<p>VERIFY you are&nbsp;human</p>",
    "phrase word only by a reference, ASCII": "<p>&#86;ERIFY you are human</p>",
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_the_same_verdict_as_the_straightforward_reading(name: str) -> None:
    assert _is_challenge(_answer(PAGES[name])) == _reference(PAGES[name])


def test_the_pages_cover_both_verdicts() -> None:
    verdicts = {_reference(page) for page in PAGES.values()}
    assert verdicts == {True, False}


def test_the_kelvin_sign_case_is_a_challenge() -> None:
    """str.lower() turns the Kelvin sign into "k": the marker is there, as it always was."""
    assert _is_challenge(_answer(PAGES["marker with a Kelvin sign"]))


def test_every_phrase_has_a_word_of_its_own() -> None:
    assert set(_PHRASE_WORDS) == set(_CHALLENGE_PHRASES)
    for phrase, word in _PHRASE_WORDS.items():
        # inside one run of the phrase without white space, and no reference of its own
        assert any(word in token for token in phrase.split()), phrase
        assert html.unescape(word) == word and word.isascii()


def test_an_article_costs_no_visible_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """No challenge phrase's word in the page: its visible text is never computed."""

    def visible(text: str) -> str:
        raise AssertionError("the visible text was computed")

    monkeypatch.setattr(availability_module, "_visible_text", visible)
    assert not _is_challenge(_answer(ARTICLE))
    assert not _is_challenge(_answer(PAGES["article, not ASCII"]))


def test_an_ascii_page_is_searched_as_str() -> None:
    """``in`` on ``bytes`` costs ~4x ``in`` on ``str``: an ASCII page is lowered as ``str``
    (issue 19: CPU per checked URL on small pages); any other as its lowered UTF-8."""
    assert _ascii_lowered("<P>Verify</P>") == "<p>verify</p>"
    assert _ascii_lowered("<P>Genève</P>") == "<p>genève</p>".encode()
