"""What running citecheck over lychee's ``fixtures/`` found (session 21).

``<a href="https;//example.com/x">`` (lychee's TEST_HTML5_MALFORMED_LINKS.html: ``;`` is the
key beside ``:``) was resolved as a relative path, ``file:///…/https;/example.com/x``, and
skipped as a file reference: a typo that breaks the link, passed in silence.  It is a
``malformed-url`` with its fix, as ``htps://`` and ``http//`` are.
"""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.extract.lines import bare_urls
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


@pytest.mark.parametrize(
    ("written", "urls"),
    [
        (
            "[[https://example.com/destination]][[https://example.com/source]]",
            ("https://example.com/destination", "https://example.com/source"),
        ),
        ("see [[https://x.example/o][text]] here", ("https://x.example/o",)),
        # near misses: a query's own brackets, an IPv6 host, a stray bracket
        ("https://x.example/q?f[a][b]=1 ok", ("https://x.example/q?f[a][b]=1",)),
        ("http://[::1]:80/a]b", ("http://[::1]:80/a]b",)),
    ],
)
def test_wiki_links_side_by_side_are_two_urls(written: str, urls: tuple[str, ...]) -> None:
    """lychee's ``test_multiple_wiki_links``: one URL nobody wrote, ``…/destination]][[…``, was
    cited (a false ``broken``) and the second link lost."""
    assert bare_urls(written) == urls


def test_brackets_run_together_cost_one_scan() -> None:
    """A run of ``][`` pieces is split in one pass, each piece read once (no rescanning of the
    rest of the run per piece): its URLs are found, whatever they are."""
    urls = bare_urls("https://x.example/a]][[" * 5000)
    assert urls[:2] == ("https://x.example/a", "https://x.example/a")
