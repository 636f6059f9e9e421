"""What running citecheck over lychee's ``fixtures/`` found (session 21).

``<a href="https;//example.com/x">`` (lychee's TEST_HTML5_MALFORMED_LINKS.html: ``;`` is the
key beside ``:``) was resolved as a relative path, ``file:///…/https;/example.com/x``, and
skipped as a file reference: a typo that breaks the link, passed in silence.  It is a
``malformed-url`` with its fix, as ``htps://`` and ``http//`` are.
"""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.model import Page, PageKind
from checker.urls import is_near_miss, repair


@pytest.mark.parametrize(
    ("written", "fixed"),
    [
        ("https;//example.com/a", "https://example.com/a"),
        ("http;//example.com/b?q=1", "http://example.com/b?q=1"),
        ("https;/example.com/c", "https://example.com/c"),
    ],
)
def test_a_semicolon_for_the_colon_is_a_near_miss(written: str, fixed: str) -> None:
    assert is_near_miss(written)
    assert repair(written) == fixed


@pytest.mark.parametrize("written", ["https://example.com/a;b", "a;//b", "docs/http;x"])
def test_a_semicolon_elsewhere_is_no_near_miss(written: str) -> None:
    assert not is_near_miss(written)


@pytest.mark.parametrize(
    ("body", "kind", "name"),
    [
        ('<p><a href="https;//example.com/x">x</a></p>', PageKind.HTML, "post.html"),
        ("# P\n\nSee [x](https;//example.com/x).\n", PageKind.MARKDOWN, "post.md"),
        ("# P\n\nSee https;//example.com/x here.\n", PageKind.MARKDOWN, "post.md"),
    ],
)
def test_the_typo_is_cited_as_written(body: str, kind: PageKind, name: str) -> None:
    page = Page(f"file:///blog/{name}", f"/blog/{name}", body, kind)
    (document,) = extract(page)
    assert [c.url for c in document.citations] == ["https;//example.com/x"]
