"""An article page is one post, a listing is split (issue 16): real HTML files read as input.

The fixtures in ``pages/`` are small pages written here in the shapes real news sites and blogs
have (teaser cards, "best deals" boxes, comment sections, hfeed and WordPress archives), read
exactly as ``citecheck FILE`` reads a file: discover, then extract.
"""

from __future__ import annotations

from pathlib import Path

from checker.discover.inputs import _path_discovery
from checker.extract import extract
from checker.model import Document, Page, PageKind

PAGES = Path(__file__).parent / "pages"


def _posts(name: str) -> tuple[Document, ...]:
    (page,) = _path_discovery(PAGES / name).pages
    return extract(page)


def _urls(document: Document) -> list[str | None]:
    return [c.url for c in document.citations]


def test_article_with_teaser_cards_is_one_post_citing_its_text_only() -> None:
    (post,) = _posts("article_with_teasers.html")
    assert post.url == "https://news.example/city/bridge-closes"
    assert post.title == "Bridge closes for repairs"
    assert _urls(post) == [
        "https://council.example.org/minutes/2024-05-14",
        "https://engineering.example.net/report.pdf",
        "https://news.example/city/bridge-inspection",  # the author's own inline link stays
    ]


def test_hfeed_listing_is_split_into_its_entries() -> None:
    posts = _posts("hfeed_listing.html")
    assert [p.title for p in posts] == ["First note", "Second note", "Third note"]
    assert [u for p in posts for u in _urls(p) if u and "source.example" in u] == [
        "https://source.example/one",
        "https://source.example/two",
        "https://source.example/three",
    ]


def test_wordpress_archive_is_split_into_its_posts() -> None:
    posts = _posts("wordpress_archive.html")
    assert [(p.url, _urls(p)) for p in posts] == [
        ("https://blog.example/2024/04/one/", ["https://paper.example/a"]),
        ("https://blog.example/2024/03/two/", ["https://paper.example/b"]),
    ]


def test_comments_sidebar_and_textarea_are_not_cited() -> None:
    (post,) = _posts("article_with_comments.html")
    assert post.title == "Why the bridge cracked"
    assert _urls(post) == ["https://engineering.example.net/report.pdf"]


def test_a_page_libxml2_nests_in_a_noscript_is_still_read() -> None:
    (post,) = _posts("noscript_wrapped.html")
    assert "https://ispra.example.it/rapporto" in _urls(post)


def test_a_links_only_page_in_sections_loses_no_section() -> None:
    """No prose, no permalinks: nothing says which block is the article, so none is dropped."""
    sections = "".join(
        f"<article><h2>Links {s}</h2>"
        + "".join(f'<p><a href="https://example.com/{s}/{i}">x</a></p>' for i in range(20))
        + "</article>"
        for s in range(5)
    )
    body = f"<html><head><title>Links</title></head><body>{sections}</body></html>"
    (doc,) = extract(Page("https://blog.example/links.html", "links.html", body, PageKind.HTML))
    assert len(doc.citations) == 100
