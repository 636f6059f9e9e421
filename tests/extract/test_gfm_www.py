"""A bare ``www.`` host in a Markdown post's text (session 22's leftover, session 23).

GFM's extended www autolink (GitHub, GitLab; Hugo's goldmark with linkify, its default) renders
``www.example.com/a`` as a link to ``http://www.example.com/a``; a CommonMark renderer without
linkify shows the text, an address a reader types.  Issue 12 made it a ``malformed-url`` error:
a correct post failed its run.  It is now checked as the link GFM renders.  Where GFM would not
link it (a ``www2.`` host, ``_`` in the domain's last two segments, glued to a word), it stays
a near-miss as written, and a link destination (``[x](www.example.com)``) stays one too: GFM
resolves it as a relative path, a broken link on the rendered page.
"""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.model import Page, PageKind

POST = "file:///home/me/posts/p.md"


def _cited(text: str) -> list[str]:
    (doc,) = extract(Page(POST, "p.md", f"# T\n\n{text}\n", PageKind.MARKDOWN))
    return [c.url for c in doc.citations]


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("see www.example.com/a, then more", "http://www.example.com/a"),
        ("www.example.com", "http://www.example.com"),
        ("(www.example.com/wiki/Go_(game))", "http://www.example.com/wiki/Go_(game)"),
        ("*www.example.org*.", "http://www.example.org"),
        ("~~www.example.org/old~~", "http://www.example.org/old"),
        ("go to www.sub_domain.example.com/x?q=1.", "http://www.sub_domain.example.com/x?q=1"),
        # where GFM links nothing, the address a reader sees is still one to follow: quoted in
        # a data file (a Jekyll blog's keybase.txt), run on from Japanese text, www2.
        ('"hostname": "www.example.com",', "http://www.example.com"),
        ("記事www.example.jp/a", "http://www.example.jp/a"),
        ("www2.example.com/a", "http://www2.example.com/a"),
    ],
)
def test_a_bare_www_is_the_link_it_names(text: str, url: str) -> None:
    assert _cited(text) == [url]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("see www.ex_ample.com/a", "www.ex_ample.com/a"),
        ("[x](www.example.com/a)", "www.example.com/a"),
    ],
)
def test_a_www_that_is_no_host_or_a_destination_stays_a_near_miss(text: str, written: str) -> None:
    assert _cited(text) == [written]
