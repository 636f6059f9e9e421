"""A Textile image (``!src!``, a linked one ``!src!:URL``) is no citation, and its marks are no
part of a URL.

``.textile`` posts are read as text this session.  ``!https://img.example/p.png!:https://x.example/c``
was cited as ``https://img.example/p.png!:https://x.example/c``, a URL nobody wrote (a false
``broken``), and the link the image carries was not cited.  An image is not cited in Markdown or
HTML either (a reader cannot follow it); the link around it is.
"""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.extract.markups import readable
from checker.model import Page, PageKind
from tests.cost import cpu_seconds


def _urls(body: str) -> list[str]:
    page = Page("file:///blog/post.textile", "/blog/post.textile", body, PageKind.TEXT)
    (document,) = extract(page)
    return [c.url or "" for c in document.citations]


@pytest.mark.parametrize(
    ("written", "cited"),
    [
        ("!https://img.example/p.png!:https://x.example/c", ["https://x.example/c"]),
        ("!https://img.example/p.png(a photo)!:https://x.example/c", ["https://x.example/c"]),
        ("!>/images/p.png! and https://x.example/d", ["https://x.example/d"]),
        ("!https://img.example/p.png!", []),
        ("Wow! See https://x.example/e! Great!", ["https://x.example/e"]),
    ],
)
def test_an_image_is_no_citation_and_its_link_is(written: str, cited: list[str]) -> None:
    assert _urls(f"h1. Post\n\n{written}\n") == cited


def test_reading_images_is_linear() -> None:
    hostile = "!a(" * 30_000
    normal = ("See https://real.example/a, a line of a post.\n" * 4000)[: len(hostile)]
    base = cpu_seconds(lambda: readable(normal, "p.textile"))
    cost = cpu_seconds(lambda: readable(hostile, "p.textile"))
    assert cost < 50 * base, (cost, base)
