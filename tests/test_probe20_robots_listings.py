"""Probe 20: a listing page robots.txt forbids, when a listing names it, is said lost.

A sitemap index names two child sitemaps; the blog's robots.txt disallows one.  Discovery
skipped it, as robots asks, but only into ``Discovery.skipped``, which nothing reads: the posts
only it listed vanished from a run that passed.  Likewise a feed's announced next page.  Now
each is a ``listing-unreadable`` problem saying why and how to read it anyway (name its URL).

The other side of the rule: a page the crawler walks to by itself (Blogger's older-posts pages,
all under the ``Disallow: /search`` every Blogger blog has) stays a quiet skip.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from checker.findings import Code, Severity
from checker.pipeline import check
from checker.sampleweb import Response, SampleWeb, Web
from tests.e2e.blogger import CitedPost, blogger_page
from tests.fetch.support import config_for

BLOG = "https://index-blog.example"
_HTML = (("Content-Type", "text/html; charset=utf-8"),)
_XML = (("Content-Type", "application/xml"),)
_ATOM = (("Content-Type", "application/atom+xml"),)
_TEXT = (("Content-Type", "text/plain"),)
_SITEMAPS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def _post(title: str, source: str) -> Response:
    body = f'<article><h1>{title}</h1><p>As <a href="{source}">reported</a>.</p></article>'
    return Response(200, _HTML, f"<html><head><title>{title}</title></head>{body}".encode())


def _urlset(*paths: str) -> Response:
    locs = "".join(f"<url><loc>{BLOG}{p}</loc></url>" for p in paths)
    return Response(200, _XML, f"<urlset {_SITEMAPS}>{locs}</urlset>".encode())


def _feed(entries: tuple[str, ...], next_url: str | None) -> Response:
    items = "".join(
        f"<entry><id>{BLOG}{p}</id><title>{p}</title><link rel='alternate' href='{BLOG}{p}'/>"
        f"<updated>2025-01-0{n + 1}T00:00:00Z</updated>"
        f"<content type='html'>&lt;p&gt;As &lt;a href=&quot;https://src.example{p}&quot;&gt;"
        f"reported&lt;/a&gt;, at length.&lt;/p&gt;</content></entry>"
        for n, p in enumerate(entries)
    )
    more = f"<link rel='next' href='{next_url}'/>" if next_url else ""
    text = f"<feed xmlns='http://www.w3.org/2005/Atom'><title>B</title>{more}{items}</feed>"
    return Response(200, _ATOM, text.encode())


def _web() -> Web:
    web = Web()
    for name in ("p1", "p2", "p3", "p4"):
        web.add(f"{BLOG}/{name}", _post(name, f"https://src.example/{name}"))
        web.add(f"https://src.example/{name}", Response(200, _HTML, b"<title>S</title>"))
    children = "".join(
        f"<sitemap><loc>{BLOG}/{n}.xml</loc></sitemap>" for n in ("open", "closed/more")
    )
    index = f"<sitemapindex {_SITEMAPS}>{children}</sitemapindex>"
    web.add(f"{BLOG}/index.xml", Response(200, _XML, index.encode()))
    web.add(f"{BLOG}/open.xml", _urlset("/p1", "/p2"))
    web.add(f"{BLOG}/closed/more.xml", _urlset("/p3", "/p4"))
    web.add(f"{BLOG}/feed.xml", _feed(("/p1", "/p2"), f"{BLOG}/closed/feed-2.xml"))
    web.add(f"{BLOG}/closed/feed-2.xml", _feed(("/p3", "/p4"), None))
    robots = "User-agent: *\nDisallow: /closed/\n"
    web.add(f"{BLOG}/robots.txt", Response(200, _TEXT, robots.encode()))
    return web


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    with SampleWeb(_web()) as running:
        yield running


@pytest.mark.parametrize(
    ("named", "lost", "what"),
    [
        ("/index.xml", "/closed/more.xml", "sitemap"),
        ("/feed.xml", "/closed/feed-2.xml", "feed page"),
    ],
    ids=["sitemap-index-child", "feed-next-page"],
)
def test_a_disallowed_listing_a_listing_names_is_a_failing_problem(
    site: SampleWeb, named: str, lost: str, what: str
) -> None:
    report = check([f"{BLOG}{named}"], config_for(site, archive="off"))
    listings = {
        p.subject: p.finding for p in report.problems if p.finding.code is Code.LISTING_UNREADABLE
    }
    assert set(listings) == {f"{BLOG}{lost}"}, report.problems
    finding = listings[f"{BLOG}{lost}"]
    assert what in finding.message and "robots.txt" in finding.message
    assert "name its URL" in (finding.suggestion or "")  # how to read it anyway
    assert finding.severity is Severity.ERROR  # its posts were not checked: no pass
    assert [d.document.url for d in report.documents] == [f"{BLOG}/p1", f"{BLOG}/p2"]


def test_the_named_listing_is_read_whatever_robots_says(site: SampleWeb) -> None:
    """The remedy the finding gives works: a listing the user names is read."""
    report = check([f"{BLOG}/closed/more.xml"], config_for(site, archive="off"))
    assert [d.document.url for d in report.documents] == [f"{BLOG}/p3", f"{BLOG}/p4"]
    assert not [p for p in report.problems if p.finding.code is Code.LISTING_UNREADABLE]


PAGER = "https://pager-blog.blogspot.com"
OLDER = f"{PAGER}/search/label/x?updated-max=2025-01-01T00:00:00Z&max-results=20"


def _pager_web() -> Web:
    """A Blogger label page with no feed: its older-posts page is under Blogger's /search rule."""
    web = Web()
    post = CitedPost("a", "Src", "A", None, None, "https://src.example/p1")
    listing = blogger_page(PAGER, [post], older=OLDER)
    web.add(f"{PAGER}/search/label/x", Response(200, _HTML, listing.encode()))
    web.add(f"{PAGER}/2025/02/a.html", _post("A", "https://src.example/p1"))
    web.add("https://src.example/p1", Response(200, _HTML, b"<title>S</title>"))
    robots = "User-agent: *\nDisallow: /search\nAllow: /\n"
    web.add(
        f"{PAGER}/robots.txt", Response(200, (("Content-Type", "text/plain"),), robots.encode())
    )
    return web


def test_blogger_s_search_rule_on_the_pager_stays_quiet() -> None:
    with SampleWeb(_pager_web()) as site:
        report = check([f"{PAGER}/search/label/x"], config_for(site, archive="off"))
        assert site.count(OLDER) == 0  # robots.txt kept the crawler off it
    assert [d.document.url for d in report.documents] == [f"{PAGER}/2025/02/a.html"]
    # quiet: no failing finding; but counted (session 21: no number said it at all)
    (note,) = [p.finding for p in report.problems if p.finding.code is Code.LISTING_UNREADABLE]
    assert note.severity is Severity.INFO
    assert note.message.startswith("not read: robots.txt disallows crawling this page")
    (subject,) = [p.subject for p in report.problems if p.finding is note]
    assert subject == OLDER


def test_a_disallowed_label_page_named_by_label_is_a_failing_problem() -> None:
    """``--label x`` on a Blogger blog with no feed: the label page is the list the user asked
    for, and Blogger's ``Disallow: /search`` forbids it: said, with the way to read it."""
    web = _pager_web()
    home = blogger_page(PAGER, [CitedPost("b", "Src", "B", None, None, "https://src.example/p1")])
    web.add(f"{PAGER}/", Response(200, _HTML, home.encode()))
    with SampleWeb(web) as site:
        report = check([f"{PAGER}/"], config_for(site, archive="off", label="x"))
        assert site.count(f"{PAGER}/search/label/x") == 0
    listings = {
        p.subject: p.finding for p in report.problems if p.finding.code is Code.LISTING_UNREADABLE
    }
    assert set(listings) == {f"{PAGER}/search/label/x"}, report.problems
    assert "label page" in listings[f"{PAGER}/search/label/x"].message
