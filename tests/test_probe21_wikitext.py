"""Wikitext the ``.wiki`` reader got wrong (session 21): ``<nowiki>`` and tweet templates.

A URL inside ``<nowiki>…</nowiki>`` is shown as text, never a link, yet it was cited (a false
``broken`` for an example URL).  ``{{Tweet|user=…|number=…}}`` and ``{{cite tweet|…}}``, how
a wiki embeds or cites a tweet, cited nothing: the tweet went unchecked and the run passed.
"""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.model import Page, PageKind


def _cited(body: str, *, verbatim: bool = False) -> list[tuple[str, str, int]]:
    page = Page("file:///wiki/a.wiki", "/wiki/a.wiki", body, PageKind.TEXT)
    (document,) = extract(page, include_verbatim=verbatim)
    return [(c.kind.value, c.url or "", c.line or 0) for c in document.citations]


def test_a_url_in_nowiki_is_not_cited() -> None:
    body = (
        "Intro\n\n"
        "Write <nowiki>https://nowiki.example.org/a [https://nowiki.example.org/b b]</nowiki>"
        " then https://real.example.org/c\n"
        "<nowiki>\nhttps://nowiki.example.org/d\n</nowiki>\n"
        "https://real.example.org/e\n"
    )
    assert _cited(body) == [
        ("link", "https://real.example.org/c", 3),
        ("link", "https://real.example.org/e", 7),
    ]


def test_a_self_closing_nowiki_hides_nothing() -> None:
    """``<nowiki/>`` breaks a markup in two and opens nothing: the text after it is read."""
    body = "Intro\n\nA<nowiki/>B https://real.example.org/c and <nowiki />\nhttps://real.example.org/d\n"
    assert _cited(body) == [
        ("link", "https://real.example.org/c", 3),
        ("link", "https://real.example.org/d", 4),
    ]


def test_nowiki_is_read_with_include_verbatim() -> None:
    body = "Intro\n\n<nowiki>https://nowiki.example.org/a</nowiki>\n"
    assert _cited(body, verbatim=True) == [("link", "https://nowiki.example.org/a", 3)]


@pytest.mark.parametrize(
    ("written", "url"),
    [
        (
            "{{Tweet|user=SanDiegoZoo|number=1453110110599868418}}",
            "https://twitter.com/SanDiegoZoo/status/1453110110599868418",
        ),
        (
            "{{cite tweet |user=jack |number=20 |title=just setting up my twttr}}",
            "https://twitter.com/jack/status/20",
        ),
        (
            "{{Cite_tweet|number=20|user=@jack|date=21 March 2006}}",
            "https://twitter.com/jack/status/20",
        ),
    ],
)
def test_a_tweet_template_is_an_embed(written: str, url: str) -> None:
    body = f"Intro\n\nHe wrote.<ref>{written}</ref> See https://real.example.org/c\n"
    assert _cited(body) == [("embed", url, 3), ("link", "https://real.example.org/c", 3)]


def test_a_tweet_template_without_a_number_cites_nothing() -> None:
    body = "Intro\n\n{{cite tweet|user=jack|title=no number}} https://real.example.org/c\n"
    assert _cited(body) == [("link", "https://real.example.org/c", 3)]
