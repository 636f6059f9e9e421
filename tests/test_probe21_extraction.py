"""Probe 21 (differential against lychee): URLs cut wrong, and links neither cited nor reported.

- ``https://asciidoctor.org[Asciidoctor site]`` (AsciiDoc's ``URL[text]``, a host with no path)
  was cited as ``https://asciidoctor.org[Asciidoctor``: the cut at an unclosed ``[`` looked for
  it only after a path, to spare an IPv6 host's brackets.  The same in text: ``…example.org[dead
  link]``.
"""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.extract.lines import bare_urls
from checker.model import Page, PageKind


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("The https://asciidoctor.org[Asciidoctor site] docs", "https://asciidoctor.org"),
        ("See https://example.org[dead link].", "https://example.org"),
        ("See https://example.org:8080[dead link].", "https://example.org:8080"),
        ("Host http://[2001:db8::1]:8080[the box] here", "http://[2001:db8::1]:8080"),
        ("Host http://[2001:db8::1]/a[the box] here", "http://[2001:db8::1]/a"),
        ("User https://me@[2001:db8::1][x y]", "https://me@[2001:db8::1]"),
        ("https://list.example.org/item[list item]", "https://list.example.org/item"),
        ("Kept http://[::1]:8080/ as it is", "http://[::1]:8080/"),
    ],
)
def test_an_unclosed_bracket_after_a_host_ends_the_url(text: str, url: str) -> None:
    assert bare_urls(text) == (url,)


_FOOTNOTES = """# Notes

A claim.[^long] Another.[^short]

[^long]: The first paragraph of a long note.

    Its second paragraph, indented as GFM and Pandoc want it, cites
    https://fn.example/second and [a page](https://fn.example/linked).

        https://fn.example/code-in-the-note

[^short]: https://fn.example/short

    https://fn.example/after-short

Back in the text.

    https://fn.example/code-block

```
[^x]: inside a fence

    https://fn.example/fenced
```
"""


def test_a_footnotes_indented_paragraphs_are_its_text_not_code() -> None:
    """GFM, Pandoc and PHP Markdown Extra continue a footnote with paragraphs indented by four
    spaces; CommonMark alone reads them as a code block, so their links were skipped as code
    with no word while lychee checked them.  A block indented further is the note's code, and
    an indented block after the note has ended is code."""
    page = Page("https://blog.example/notes.html", "notes.md", _FOOTNOTES, PageKind.MARKDOWN)
    (document,) = extract(page)
    assert [(c.line, c.url) for c in document.citations] == [
        (8, "https://fn.example/linked"),
        (8, "https://fn.example/second"),
        (12, "https://fn.example/short"),
        (14, "https://fn.example/after-short"),
    ]


def test_an_image_maps_areas_are_links() -> None:
    """``<area href>`` in an image map is a link the reader clicks (lychee checks it); it was
    neither cited nor reported.  Its ``alt`` is the text shown for it."""
    html = (
        "<html><body><article><h1>Map</h1><p>The districts of the city, each linked to its"
        ' page:</p>\n<img src="city.png" usemap="#m"><map name="m">\n'
        '<area shape="rect" coords="0,0,9,9" href="https://north.example/" alt="North">\n'
        '<area shape="rect" coords="9,9,19,19" nohref alt="Nothing">\n'
        "</map></article></body></html>"
    )
    page = Page("https://blog.example/map.html", "map.html", html, PageKind.HTML)
    (document,) = extract(page)
    assert [(c.line, c.url) for c in document.citations] == [(3, "https://north.example/")]


@pytest.mark.parametrize(
    ("text", "url"),
    [
        (
            "[https://www.nhk.or.jp/news/html/k1.html:title]",
            "https://www.nhk.or.jp/news/html/k1.html",
        ),
        ("見て[https://news.example/a/b:title=記事の題]ください", "https://news.example/a/b"),
        ("[https://news.example/a:embed:cite]", "https://news.example/a"),
        ("[https://news.example/a:title=The Title]", "https://news.example/a"),
        ("[https://news.example/:bookmark]", "https://news.example/"),
        (
            "not Hatena: https://wiki.example/Special:title here",
            "https://wiki.example/Special:title",
        ),
    ],
)
def test_hatena_link_notation_is_the_url_without_its_option(text: str, url: str) -> None:
    """Hatena Blog's ``[URL:title]`` (``:title=…``, ``:embed``, ``:bookmark``…), as a post's
    Markdown source holds it, was cited with its option: ``…/k1.html:title``, a 404."""
    assert bare_urls(text) == (url,)
