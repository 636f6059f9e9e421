"""Session 36 (cpu36a, issue 19): work a verdict does not need is skipped, and skipping it
changes no reading.  Each shortcut is tested on both sides: where it skips (the skipped work
is not done) and where it must not (the reading is what the full work gives)."""

from __future__ import annotations

import random
from itertools import islice

import pytest

from checker.model import FetchResult, Outcome
from checker.urls import split_url
from checker.verify import metadata
from checker.verify.availability import _is_challenge, names_a_challenge
from checker.verify.metadata import (
    _PUBLISHED_NOTE,
    _PUBLISHED_OPENINGS,
    _UPDATED_NOTE,
    _UPDATED_OPENINGS,
    _notes,
    _self_links,
    _url_day,
    read_metadata,
)
from checker.verify.page import parse_html

URL = "https://news.example/2021/03/story.html"


def _count(monkeypatch: pytest.MonkeyPatch, name: str) -> list[str]:
    """Calls of ``metadata.<name>`` from now on, by their first argument."""
    calls: list[str] = []
    original = getattr(metadata, name)

    def counted(first: str, *rest: object) -> object:
        calls.append(first)
        return original(first, *rest)

    monkeypatch.setattr(metadata, name, counted)
    return calls


# --- a page's links to itself: none without a link --------------------------------------------


def test_a_page_without_a_link_is_not_asked_for_links_to_itself(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keys = _count(monkeypatch, "_url_key")
    tree = parse_html("<html><head><title>A story</title></head><body>Text.</body></html>")
    assert _self_links(tree, URL) == []
    assert keys == []  # the page's URL was not split for links it does not have


@pytest.mark.parametrize(
    "href",
    [URL, "/2021/03/story.html", "story.html", "https://www.news.example/2021/03/story.html/"],
)
def test_a_link_to_the_page_itself_is_still_read(href: str) -> None:
    html = f'<html><body><a href="{href}" title="The story\'s headline">Read it</a></body></html>'
    assert _self_links(parse_html(html), URL) == ["The story's headline", "Read it"]


def test_links_elsewhere_and_to_the_page_are_told_apart() -> None:
    html = (
        '<html><body><a href="/other.html">Other story</a><a href="#top">Top</a>'
        f'<a href="{URL}">This story</a></body></html>'
    )
    assert _self_links(parse_html(html), URL) == ["This story"]


def test_the_first_link_is_read_when_it_is_the_only_one() -> None:
    html = f'<html><body><a href="{URL}">This story</a></body></html>'
    assert _self_links(parse_html(html), URL) == ["This story"]


# --- notes: none in a text without a digit ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["Text.", "Published by the desk", "Updated: yesterday", "Veröffentlicht am ٥ März ٢٠٢١"],
)
def test_a_text_without_a_digit_is_not_searched_for_note_words(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    starts = _count(monkeypatch, "_note_word_starts")
    assert _notes(text, _PUBLISHED_NOTE, _PUBLISHED_OPENINGS, 2) == []
    assert _notes(text, _UPDATED_NOTE, _UPDATED_OPENINGS, 2) == []
    assert starts == []


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("Published on 5 March 2021 by the desk", "on 5 March 2021 by the desk"),
        ("Published: March 5, 2021", "March 5, 2021"),
        ("公開日2019/3/5", "2019/3/5"),
    ],
)
def test_a_note_with_a_digit_is_still_found(text: str, note: str) -> None:
    assert _notes(text, _PUBLISHED_NOTE, _PUBLISHED_OPENINGS, 2) == [note]


def test_notes_agree_with_the_regex_on_texts_with_and_without_digits() -> None:
    rng = random.Random(36)
    pieces = ["Published", "updated", "Last updated", "on", ": ", " ", "March", "x", "٥", "二〇"]
    pieces += ["5", "2021", "\n", "<", "é", "İ"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 20)))
        for note, words in (
            (_PUBLISHED_NOTE, _PUBLISHED_OPENINGS),
            (_UPDATED_NOTE, _UPDATED_OPENINGS),
        ):
            expected = [m.group(1) for m in islice(note.finditer(text), 2)]
            assert _notes(text, note, words, 2) == expected, text


# --- one header read without lower-casing them all ---------------------------------------------


def _answer(headers: dict[str, str], text: str = "<html><body>Hello</body></html>") -> FetchResult:
    return FetchResult("https://x.test/", Outcome.OK, status_code=200, headers=headers, text=text)


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"cf-mitigated": "challenge"},
        {"CF-Mitigated": " Challenge "},
        {"cf-mitigated": "none", "CF-MITIGATED": "challenge"},  # the last of one name wins
        {"CF-MITIGATED": "challenge", "cf-mitigated": "none"},
        {"cf-mıtigated": "challenge"},  # dotless ı: another name, as in header_lookup
        {"cf-m\u0130tigated": "challenge"},  # İ lowers to two characters
        {"content-type": "text/html", "Server": "cloudflare"},
    ],
)
def test_one_header_reads_as_the_lower_cased_lookup_does(headers: dict[str, str]) -> None:
    result = _answer(headers)
    for name in ("cf-mitigated", "content-type", "server", "absent"):
        assert result.header(name) == result.header_lookup.get(name, "")


def test_the_challenge_header_is_read_without_lower_casing_every_header(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refused(self: FetchResult) -> object:
        raise AssertionError("every header lower-cased into a new dict")

    monkeypatch.setattr(FetchResult, "header_lookup", property(refused))
    assert _is_challenge(_answer({"CF-Mitigated": "challenge"}))
    assert not _is_challenge(_answer({"Server": "nginx"}))
    assert not names_a_challenge(_answer({"CF-Mitigated": "challenge"}))


# --- the day a page's URL names: the URL split once ----------------------------------------------


def test_the_url_s_day_is_read_from_the_url_split_once(monkeypatch: pytest.MonkeyPatch) -> None:
    url = "https://news.example/topics/alert20190402.html"
    split_url(url)  # as judging the answer did

    def refused(*args: object) -> object:
        raise AssertionError("the page's URL split again")

    monkeypatch.setattr(metadata, "urlsplit", refused)
    assert _url_day(url) == ("2019-04-02",)


@pytest.mark.parametrize(
    ("url", "days"),
    [
        ("https://news.example/topics/alert20190402.html", ("2019-04-02",)),
        ("https://news.example/2019/04/02/story.html", ("2019-04-02",)),
        ("https://news.example/2019/04/story.html", ()),
        ("https://news.example/a20190402/b20190403", ()),  # two days state none
        ("http://[::1/alert20190402.html", ()),  # no URL: nothing stated
    ],
)
def test_the_url_s_day_as_before(url: str, days: tuple[str, ...]) -> None:
    assert _url_day(url) == days


# --- the page's first <title>: read once, and only it -------------------------------------------

_ICONS = "".join(f"<svg><title>Icon {n}</title></svg>" for n in range(5))


def test_only_the_first_title_is_read_and_once(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []
    original = metadata._text

    def counted(element: object) -> str:
        if getattr(element, "tag", None) == "title":
            read.append(original(element))
        return original(element)

    monkeypatch.setattr(metadata, "_text", counted)
    html = f"<html><head><title>A story | The Paper</title></head><body>{_ICONS}</body></html>"
    read_metadata(html, URL)
    assert read == ["A story | The Paper"]


@pytest.mark.parametrize(
    ("head", "titles", "site_names"),
    [
        ("<title>A story | The Paper</title>", ("A story | The Paper", "A story"), ("The Paper",)),
        ("<title>A long story told</title>", ("A long story told",), ()),
    ],
)
def test_titles_and_site_names_read_from_the_first_title(
    head: str, titles: tuple[str, ...], site_names: tuple[str, ...]
) -> None:
    found = read_metadata(f"<html><head>{head}</head><body>{_ICONS}</body></html>", URL)
    assert found.titles[: len(titles)] == titles
    assert not any(title.startswith("Icon") for title in found.titles)
    assert found.site_names[: len(site_names)] == site_names
