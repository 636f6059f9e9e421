"""Session 19's CPU cuts in judging a source (issue 19) change no answer.

- ``metadata._htmldate`` reads only the URL of a page that writes no digit (htmldate builds
  every date from digits of its input), instead of htmldate's two searches of the page;
- ``metadata._headings`` runs its eight XPath searches only on a page with an h1, h2, h3 or
  ``itemprop="headline"`` element (every one of them finds only such elements);
- ``citation.date_finding`` parses the cited date only when the page has dates to compare it
  with or states an edit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import htmldate
import pytest

from checker.verify import citation, metadata
from checker.verify.metadata import (
    PageMetadata,
    _headings,
    _htmldate,
    _undated_markup,
    read_metadata,
)
from checker.verify.page import parse_html

TITLE_ONLY = (
    "<!DOCTYPE html><html><head><title>Market sanctions</title></head><body>Text.</body></html>"
)

URLS = (
    "http://news.example/2024/04/market-sanctions-1.html",  # a month: htmldate reads no day
    "http://news.example/2024/04/06/market-sanctions.html",  # a day in the URL
    "http://news.example/2024-04-06-market-sanctions",
    "http://news.example/2031/04/06/future.html",  # after today: htmldate refuses it
    "http://news.example/market-sanctions",
    "http://news.example/",
)


@pytest.mark.parametrize(
    ("html", "undated"),
    [
        (TITLE_ONLY, True),
        ("<p>one</p>", True),
        ("<p>née café</p>", True),  # non-ASCII, no digit
        ("<p>Nov 5</p>", False),
        ("<p a='x1'>attribute</p>", False),
        ("<!-- 2024 --><p>comment</p>", False),
        ("<p>Tamil four: \u0bea</p>", False),  # a decimal digit of another script
        ("<p>squared\u00b2</p>", False),  # isdigit, though not \\d
        ("<p>circled \u2460</p>", False),
        ("<p>&#50;&#48;&#50;&#52;</p>", False),  # references that decode to digits
        ("<p>&sup2; &amp;</p>", False),  # any reference: not ruled out
        ("<p>&#xBEA;</p>", False),  # a hex reference without a decimal digit (Tamil four)
    ],
)
def test_undated_markup_is_said_only_of_pages_without_any_digit(html: str, undated: bool) -> None:
    assert _undated_markup(html) is undated


def _counting(calls: list[Any], function: Callable[..., Any]) -> Callable[..., Any]:
    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return function(*args, **kwargs)

    return counted


@pytest.mark.parametrize("url", URLS)
def test_a_page_without_digits_is_not_searched_and_gets_htmldates_answer(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree = parse_html(TITLE_ONLY)
    full = _htmldate(tree, url)  # no text given: htmldate's own searches
    calls: list[Any] = []
    monkeypatch.setattr(htmldate, "find_date", _counting(calls, htmldate.find_date))
    assert _htmldate(tree, url, TITLE_ONLY) == full
    assert calls == []


def test_the_url_date_is_the_one_htmldate_finds() -> None:
    tree = parse_html(TITLE_ONLY)
    assert _htmldate(tree, URLS[1], TITLE_ONLY) == ["2024-04-06"]
    assert _htmldate(tree, URLS[0], TITLE_ONLY) == []


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><meta name='date' content='2024-04-06'></head><body>x</body></html>",
        "<html><body><p>Published &#50;024-04-06</p></body></html>",
        "<html><body><p>April 6, 2024</p></body></html>",
    ],
)
def test_a_page_with_digits_is_still_searched(html: str, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Any] = []
    monkeypatch.setattr(htmldate, "find_date", _counting(calls, htmldate.find_date))
    found = read_metadata(html, URLS[0]).dates
    assert calls
    assert found == ("2024-04-06",)


HEADED = (
    "<html><body><h1>One</h1></body></html>",
    "<html><body><article><h2 class='x'>Two</h2></article></body></html>",
    "<html><body><header><h3 class='title'>Three</h3></header></body></html>",
    "<html><body><span itemprop='headline'>Span headline</span></body></html>",
    "<html><body><main><H2>Upper</H2></main></body></html>",
)


@pytest.mark.parametrize("html", HEADED)
def test_pages_with_headings_still_give_them(html: str) -> None:
    assert _headings(parse_html(html))


def test_a_page_without_headings_is_searched_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Any] = []
    wrapped = tuple(_counting(calls, xpath) for xpath in metadata._HEADING_XPATHS)
    monkeypatch.setattr(metadata, "_HEADING_XPATHS", wrapped)
    page = "<html><body><div class='title'>Not a heading</div><p>x</p></body></html>"
    assert _headings(parse_html(page)) == []
    assert _headings(parse_html(TITLE_ONLY)) == []
    assert calls == []
    assert _headings(parse_html(HEADED[0])) == ["One"]
    assert calls


def test_a_cited_date_is_not_parsed_against_a_page_without_dates(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[Any] = []
    monkeypatch.setattr(citation, "parse_cited", _counting(calls, citation.parse_cited))
    assert citation.date_finding("April 6, 2024", PageMetadata(titles=("x",)), "x") is None
    assert calls == []
    edited = PageMetadata(modified=("2024-04-01",))
    assert citation.date_finding("March 1, 2024", edited, "x") is not None  # date-not-stated
    assert calls
