"""The per-post citation cap (issue 13): a post's links past it are counted, never built."""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.model import CitationKind, Page, PageKind

_CAP = 50


def _urls(count: int) -> list[str]:
    return [f"https://example.com/{i}" for i in range(count)]


def page_of_links(kind: PageKind, urls: list[str]) -> Page:
    """A post of ``urls`` as links, one a line, in ``kind``'s markup."""
    if kind is PageKind.HTML:
        links = "".join(f'<p><a href="{u}">item {i}</a></p>\n' for i, u in enumerate(urls))
        body = f"<html><body><article><h1>Links</h1>{links}</article></body></html>"
    elif kind is PageKind.MARKDOWN:
        body = "# Links\n\n" + "".join(f"- [item {i}]({u})\n" for i, u in enumerate(urls))
    else:
        body = "Links\n" + " ".join(urls) + "\n"
    return Page("https://blog.example/p", "p", body, kind)


@pytest.mark.parametrize("kind", list(PageKind))
def test_a_post_past_the_cap_keeps_the_first_links_and_counts_the_rest(kind: PageKind) -> None:
    urls = _urls(_CAP + 10)
    (document,) = extract(page_of_links(kind, urls), max_citations=_CAP)
    assert [c.url for c in document.citations] == urls[:_CAP]
    assert document.omitted == 10


@pytest.mark.parametrize("cap", [None, 0, _CAP + 10])
def test_no_cap_or_a_cap_not_reached_omits_nothing(cap: int | None) -> None:
    urls = _urls(_CAP + 10)
    (document,) = extract(page_of_links(PageKind.HTML, urls), max_citations=cap)
    assert len(document.citations) == _CAP + 10
    assert document.omitted == 0


def test_the_attribution_is_kept_when_body_links_fill_the_cap() -> None:
    links = "".join(f'<p><a href="{u}">x</a></p>' for u in _urls(10))
    body = (
        "<html><body><article><h1>翻訳記事</h1><p>本文です。日本語の文章です。■</p>"
        f"{links}<p>The Original Title</p><p>https://source.example/original</p>"
        "</article></body></html>"
    )
    page = Page("https://blog.example/p", "p", body, PageKind.HTML)
    (document,) = extract(page, max_citations=3)
    kinds = [(c.kind, c.url) for c in document.citations]
    assert (CitationKind.SOURCE, "https://source.example/original") in kinds
    assert len(kinds) == 3
    assert document.omitted == 8
