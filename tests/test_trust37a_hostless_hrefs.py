"""An href written as a web scheme and no host is a ``malformed-url``, never the post itself
(session 37).

``https://?x``, ``https://#y``, ``//?x`` and ``https:`` (a CMS's link dialog left with a query
or an anchor but no address) were joined to the post's own URL by ``urljoin``: the citation
was the post (``https://blog.example/posts/p.html?x``), kind WEB, and it passed as a working
link.  A browser goes nowhere with any of them (WHATWG: no host, failure).  The same href in a
feed's ``<link>`` or a sitemap's ``<loc>`` named the feed or the sitemap itself as the post.
"""

from __future__ import annotations

import pytest

from checker.discover.exports import export_pages
from checker.discover.feeds import parse_feed
from checker.discover.sitemap import parse_sitemap
from checker.discover.urls import absolute
from checker.extract import extract
from checker.extract.links import HrefKind, classify_href, resolve
from checker.model import Page, PageKind
from checker.verify.availability import unfetched_verdict

POST = "https://blog.example/posts/p.html"
HOSTLESS = ["https://?x", "https://#y", "HTTPS://?x", "//?x", "//#y", "https:", "https:/", "http:"]


@pytest.mark.parametrize("base", [POST, "http://blog.example/posts/p.html"])
@pytest.mark.parametrize("href", [*HOSTLESS, "https:\t?q", "http:?q", "https:///?x"])
def test_an_href_with_no_host_is_malformed_as_written(href: str, base: str) -> None:
    assert classify_href(href, base) == classify_href(href, "file:///blog/p.html")
    assert classify_href(href, base).kind is HrefKind.MALFORMED
    assert classify_href(href, base).url == href.strip()
    assert resolve(href, base) is None  # no canonical URL, quote source or attribution either


@pytest.mark.parametrize("href", [*HOSTLESS, "https:\t?q"])
def test_it_is_reported_malformed_without_a_request(href: str) -> None:
    verdict = unfetched_verdict(href)
    assert verdict is not None
    assert [f.code.value for f in verdict.findings] == ["malformed-url"]
    assert verdict.findings[0].suggestion is None  # no address to suggest


@pytest.mark.parametrize(
    ("href", "fix"), [("https:///path", "https://path"), ("https:/x.example", "https://x.example")]
)
def test_a_host_after_extra_or_missing_slashes_keeps_its_fix(href: str, fix: str) -> None:
    verdict = unfetched_verdict(href)
    assert verdict is not None
    assert verdict.findings[0].suggestion == f"did you mean {fix}?"


@pytest.mark.parametrize(
    ("href", "url"),
    [
        ("https://x.example/?q", "https://x.example/?q"),
        ("https://x.example#top", "https://x.example"),
        ("//cdn.example/a?b", "https://cdn.example/a?b"),
        ("?page=2", f"{POST}?page=2"),
        ("/about", "https://blog.example/about"),
    ],
)
def test_a_link_with_a_host_or_a_relative_one_is_unchanged(href: str, url: str) -> None:
    found = classify_href(href, POST)
    assert (found.kind, found.url) == (HrefKind.WEB, url)


def _cited(body: str, kind: PageKind) -> list[str]:
    return [c.url for d in extract(Page(POST, "/p", body, kind)) for c in d.citations]


@pytest.mark.parametrize("href", ["https://?x", "https://#y", "HTTPS://?x"])
def test_every_extraction_path_cites_it_as_written(href: str) -> None:
    html = f'<p>See <a href="{href}">the report</a> and <a href="https://ok.example/a">it</a>.</p>'
    markdown = f"See [the report]({href}), <{href}> and [it](https://ok.example/a).\n"
    text = f"See {href} and https://ok.example/a today.\n"
    for body, kind in ((html, PageKind.HTML), (markdown, PageKind.MARKDOWN), (text, PageKind.TEXT)):
        assert _cited(body, kind) == [href, "https://ok.example/a"], kind


def test_a_feed_entry_with_no_host_is_not_the_feed() -> None:
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>B</title>'
        "<link>https://blog.example/</link><item><title>P</title><link>https://?x</link>"
        "<description>text</description></item></channel></rss>"
    )
    feed = parse_feed(rss, "https://blog.example/feed.xml")
    assert feed is not None
    assert not any(e.url.startswith("https://blog.example/feed.xml") for e in feed.entries)


def test_a_sitemap_location_with_no_host_is_not_the_sitemap() -> None:
    urlset = (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>https://?x</loc></url><url><loc>https://blog.example/p</loc></url></urlset>"
    )
    found = parse_sitemap(urlset, "https://blog.example/sitemap.xml")
    assert found is not None
    assert found.urls == (("https://blog.example/p", None),)
    assert absolute("https://blog.example/sitemap.xml", "//?x") is None


def test_a_social_embeds_link_with_no_host_is_cited_as_written() -> None:
    tweet = (
        '<article><p>Post</p><blockquote class="twitter-tweet"><p>Big news <a href="https://?x">'
        'here</a></p>&mdash; A (@a) <a href="https://twitter.com/a/status/123456789">May 1, 2024'
        "</a></blockquote></article>"
    )
    assert "https://?x" in _cited(tweet, PageKind.HTML)
    assert not any(url.startswith(POST) for url in _cited(tweet, PageKind.HTML))


def test_a_saved_sitemaps_location_with_no_host_is_malformed() -> None:
    urlset = (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>https://?x</loc></url><url><loc>https://blog.example/p</loc></url></urlset>"
    )
    pages = export_pages(urlset, "/site/sitemap.xml")
    assert pages is not None
    cited = [c.url for page in pages for d in extract(page) for c in d.citations]
    assert cited == ["https://?x", "https://blog.example/p"]
    verdict = unfetched_verdict(cited[0])  # reported, not requested
    assert verdict is not None
    assert [f.code.value for f in verdict.findings] == ["malformed-url"]
