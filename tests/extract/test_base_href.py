"""A relative ``<base href>`` in a local HTML file (session 22's leftover, session 23).

HTML parses a ``<base href>`` against the document's own URL (its fallback base URL), then
resolves every relative link against the result.  Only a web base was taken, so in a local file
a relative base was ignored and its links named files beside the page, not the ones a browser
opening the file goes to.
"""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.extract.links import base_url
from checker.model import Page, PageKind

FILE = "file:///home/me/site/docs/guide/page.html"


def _cited(base: str, url: str = FILE) -> list[str]:
    body = (
        f'<html><head><title>T</title><base href="{base}"></head><body><main><h1>T</h1>'
        '<p><a href="x.html">x</a> <a href="https://news.example/a">a</a></p></main></body></html>'
    )
    (doc,) = extract(Page(url, "page.html", body, PageKind.HTML))
    return [c.url for c in doc.citations]


@pytest.mark.parametrize(
    ("base", "first"),
    [
        ("../", "file:///home/me/site/docs/x.html"),
        ("../../assets/", "file:///home/me/site/assets/x.html"),
        ("/", "file:///x.html"),
        ("sub/index.html", "file:///home/me/site/docs/guide/sub/x.html"),
        ("//cdn.example/docs/", "https://cdn.example/docs/x.html"),
        ("https://www.example/docs/", "https://www.example/docs/x.html"),
    ],
)
def test_a_local_files_base_is_read_against_the_file(base: str, first: str) -> None:
    assert _cited(base) == [first, "https://news.example/a"]


@pytest.mark.parametrize("base", ["javascript:void(0)", "data:text/html,x", "", "  "])
def test_a_base_that_is_no_place_leaves_the_file_as_base(base: str) -> None:
    assert _cited(base)[0] == "file:///home/me/site/docs/guide/x.html"


def test_a_web_pages_relative_base_is_unchanged() -> None:
    url = "https://blog.example/2025/05/post.html"
    assert _cited("../../assets/", url)[0] == "https://blog.example/assets/x.html"


def test_base_url_takes_web_and_file_bases_only() -> None:
    assert base_url("../a/", FILE) == "file:///home/me/site/docs/a/"
    assert base_url("../a/", "https://x.example/b/c") == "https://x.example/a/"
    assert base_url("file:///etc/", "https://x.example/b/c") is None
    assert base_url("mailto:a@b.example", FILE) is None
