"""Probe 18c: a quote that holds its source's link belongs to that link.

A quote with a link inside it, followed by an HTML block with one link (the post's next item),
was attributed to that later link: the quote was checked against a page it never came from.
"""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.model import CitationKind, Page, PageKind

BASE = "https://blog.example/posts/p.html"
PASSAGE = "The central bank will keep rates unchanged for the rest of the year, officials said."


def _quotes(body: str, kind: PageKind) -> list[tuple[str | None, int | None]]:
    (document,) = extract(Page(BASE, "p", body, kind))
    return [(c.url, c.line) for c in document.citations if c.kind is CitationKind.QUOTE]


@pytest.mark.parametrize(
    ("kind", "body"),
    [
        (
            PageKind.MARKDOWN,
            f'# T\n\n> "{PASSAGE}" ([Reuters](https://reuters.example/a))\n\n'
            '<p>Next: <a href="https://other.example/b">another story</a></p>\n',
        ),
        (
            PageKind.HTML,
            f'<html><body><article><h1>T</h1>\n<blockquote><p>"{PASSAGE}"'
            ' (<a href="https://reuters.example/a">Reuters</a>)</p></blockquote>\n'
            '<p>Next: <a href="https://other.example/b">another story</a></p>\n'
            "</article></body></html>",
        ),
    ],
)
def test_a_quote_belongs_to_the_link_inside_it(kind: PageKind, body: str) -> None:
    assert [url for url, _line in _quotes(body, kind)] == ["https://reuters.example/a"]


def test_a_source_line_after_the_quote_still_names_it() -> None:
    body = (
        f'# T\n\n> "{PASSAGE}" As [the minutes](https://bank.example/minutes) show.\n\n'
        '<p>— <a href="https://reuters.example/a">Reuters</a></p>\n'
    )
    assert _quotes(body, PageKind.MARKDOWN) == [("https://reuters.example/a", 3)]


def test_a_teaser_box_that_is_its_link_is_no_quote() -> None:
    body = (
        "# T\n\n> LEE MÁS | [Exminister denies the deal](https://news.example/related)\n\n"
        f"{PASSAGE}\n"
    )
    assert _quotes(body, PageKind.MARKDOWN) == []
