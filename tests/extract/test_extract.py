"""The extract switch: one extractor per page kind, each pure."""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.model import Page, PageKind

BODIES = {
    PageKind.HTML: '<html><body><main><p><a href="https://ex.example/a">A</a></p></main></body></html>',
    PageKind.MARKDOWN: "# T\n\n[A](https://ex.example/a)\n",
    PageKind.TEXT: "T\nhttps://ex.example/a\n",
}


@pytest.mark.parametrize("kind", list(PageKind))
def test_every_kind_extracts_its_links(kind: PageKind) -> None:
    page = Page("https://site.example/p", "p", BODIES[kind], kind)
    (doc,) = extract(page)
    assert [c.url for c in doc.citations] == ["https://ex.example/a"]
    assert extract(page) == (doc,)  # pure: same page, same answer


def test_empty_pages_give_a_post_without_citations() -> None:
    for kind in PageKind:
        docs = extract(Page("https://site.example/p", "p", "", kind))
        assert all(d.citations == () for d in docs)
