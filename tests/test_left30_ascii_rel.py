"""``rel`` keywords and media types compare in ASCII case only, wherever they are read (session
29 left: ``extract.posts._is_canonical`` missed ``rel="Canonical"``; so did the author, pager
and feed links and a ``type="Application/LD+JSON"``).  A Unicode look-alike (``canonıcal``, a
dotless ı; a Kelvin sign in a shortcode's name) is still not the keyword."""

from __future__ import annotations

from lxml import html

from checker.discover import blogger
from checker.discover.feeds import parse_feed
from checker.extract import extract
from checker.extract.content import _says_article
from checker.model import Page, PageKind
from checker.verify.metadata import read_metadata

POST = "https://blog.example/2024/05/post.html"


def _url_of(head: str) -> str:
    body = f"<html><head>{head}<title>T</title></head><body><p>Text.</p></body></html>"
    (document,) = extract(Page("file:///site/post.html", "/site/post.html", body, PageKind.HTML))
    return document.url


def test_a_canonical_link_in_any_ascii_case_names_the_post() -> None:
    assert _url_of(f'<link rel="Canonical" href="{POST}">') == POST
    assert _url_of(f'<link rel="STYLESHEET CANONICAL" href="{POST}">') == POST
    assert _url_of(f'<link rel="canonıcal" href="{POST}">') == "file:///site/post.html"


def test_a_rel_author_link_in_any_ascii_case_names_the_author() -> None:
    page = '<html><body><a rel="Author" href="/by/jane">Jane Roe</a><p>Story.</p></body></html>'
    assert "Jane Roe" in read_metadata(page, POST).authors


def test_a_pager_and_feed_links_in_any_ascii_case_are_read() -> None:
    root = html.fromstring(
        '<html><head><link rel="Alternate" type="application/atom+xml" href="/feed.xml">'
        '</head><body><a rel="Next nofollow" href="/page/2">Older</a></body></html>'
    )
    assert blogger._older(root, "https://blog.example/") == "https://blog.example/page/2"
    assert blogger._feeds(root, "https://blog.example/") == ("https://blog.example/feed.xml",)


def test_an_atom_feed_s_next_page_in_any_ascii_case_is_followed() -> None:
    feed = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>B</title>'
        '<link rel="Alternate" type="TEXT/HTML" href="https://blog.example/"/>'
        '<link rel="NEXT" href="https://blog.example/feed?page=2"/>'
        f'<entry><title>P</title><link rel="alternate" href="{POST}"/>'
        "<updated>2024-05-01T00:00:00Z</updated><content type='html'>x</content></entry></feed>"
    )
    page = parse_feed(feed, "https://blog.example/feed")
    assert page is not None
    assert page.next_url == "https://blog.example/feed?page=2"


def test_json_ld_typed_in_any_ascii_case_says_article() -> None:
    script = '{"@type": "NewsArticle", "headline": "H"}'
    for kind, says in (("Application/LD+JSON", True), ("application/ld+jſon", False)):
        root = html.fromstring(f'<html><head><script type="{kind}">{script}</script></head></html>')
        assert _says_article(root, frozenset()) is says


def test_a_shortcode_name_with_a_kelvin_sign_is_no_embed() -> None:
    body = "# Post\n\n{{< spea\u212aerdeck abcdef >}}\n"
    (document,) = extract(Page("file:///blog/p.md", "/blog/p.md", body, PageKind.MARKDOWN))
    assert [c.url for c in document.citations] == []
