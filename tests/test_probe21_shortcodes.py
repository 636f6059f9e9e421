"""Shortcodes the shortcode reader lost (session 21): an unspaced Hugo call in an ``.html``
post, and a call written over several lines.

Hugo reads ``{{<tweet user="…" id="…">}}`` in a ``.html`` content file as it does in Markdown,
but the HTML parser took ``<tweet …>`` for an element no reader sees: the embedded tweet was
cited nowhere and the run passed.  A call with one argument a line (``{{< tweet`` ⏎
``user="x"`` ⏎ ``id="1"`` ⏎ ``>}}``, Jekyll's ``{% twitter`` ⏎ ``URL %}``) was read one line
at a time: Hugo's embed was lost, Jekyll's cited as a plain link.
"""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.model import Page, PageKind

TWEET = "https://twitter.com/SanDiegoZoo/status/1453110110599868418"


def _cited(body: str, kind: PageKind, name: str) -> list[tuple[str, str, int]]:
    page = Page(f"file:///blog/{name}", f"/blog/{name}", body, kind)
    (document,) = extract(page)
    return [(c.kind.value, c.url or "", c.line or 0) for c in document.citations]


@pytest.mark.parametrize(
    "written",
    [
        '{{<tweet user="SanDiegoZoo" id="1453110110599868418">}}',
        '{{<tweet\n  user="SanDiegoZoo"\n  id="1453110110599868418">}}',
        '{{< tweet\n  user="SanDiegoZoo"\n  id="1453110110599868418" >}}',
    ],
)
def test_a_hugo_call_in_an_html_post_is_its_embed(written: str) -> None:
    body = f'<html><body><h1>Post</h1>\n<p>Look {written} and <a href="https://ok.example.org/x">x</a></p></body></html>\n'
    cited = _cited(body, PageKind.HTML, "post.html")
    assert ("embed", TWEET, 2) in cited
    assert ("link", "https://ok.example.org/x", 2 + written.count("\n")) in cited


def test_an_element_in_braces_that_is_no_call_stays_html() -> None:
    """A page's ``{{<b>x</b>}}`` (a template's braces around bold text) is not escaped."""
    body = '<p>{{<b><a href="https://ok.example.org/b">b</a></b>}}</p>'
    assert _cited(body, PageKind.HTML, "post.html") == [("link", "https://ok.example.org/b", 1)]


@pytest.mark.parametrize(
    ("written", "url"),
    [
        ('{{< tweet\n  user="SanDiegoZoo"\n  id="1453110110599868418"\n>}}', TWEET),
        ('{{<tweet\n  user="SanDiegoZoo"\n  id="1453110110599868418">}}', TWEET),
        ('{{% tweet\n  user="SanDiegoZoo"\n  id="1453110110599868418"\n%}}', TWEET),
        ('{{< youtube\n    id="w7Ft2ymGmfc" >}}', "https://www.youtube.com/watch?v=w7Ft2ymGmfc"),
        (
            "{% twitter\n   https://twitter.com/jack/status/20 %}",
            "https://twitter.com/jack/status/20",
        ),
    ],
)
def test_a_call_over_several_lines_is_one_embed(written: str, url: str) -> None:
    cited = _cited(f"# Post\n\n{written}\n\nAfter.\n", PageKind.MARKDOWN, "post.md")
    assert cited == [("embed", url, 3)]


def test_a_call_over_several_lines_in_a_text_post_is_one_embed() -> None:
    body = 'Post\n\n{{< tweet\nuser="SanDiegoZoo"\nid="1453110110599868418"\n>}}\n'
    assert _cited(body, PageKind.TEXT, "post.txt") == [("embed", TWEET, 3)]


def test_an_unclosed_opening_joins_nothing() -> None:
    """``{{<`` in prose that never closes is no call: the lines after it keep their links."""
    body = "# Post\n\nAn opening {{< without a close\n\nSee https://ok.example.org/a\n"
    assert _cited(body, PageKind.MARKDOWN, "post.md") == [("link", "https://ok.example.org/a", 5)]


def test_a_line_opening_a_block_quote_stays_one() -> None:
    """Only ``>}}`` is taken for a call's end: a block quote still quotes."""
    body = "# Post\n\n{{< notice >}}\n> quoted https://ok.example.org/q\n"
    assert _cited(body, PageKind.MARKDOWN, "post.md") == [("link", "https://ok.example.org/q", 4)]
