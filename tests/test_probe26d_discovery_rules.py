"""Probe 26d: session 26's discovery rules (probe 26) met as a hostile server and as honest sites.

Probe 26 taught discovery to follow a listing's next page without ``rel=next``, to read a page
that links its own next page or declares a feed under its own path as a listing whatever its
``og:type``, and to walk a home's pager after its feed.  Each rule reached too far once:

* A WordPress post declares its own comments feed (``/post/feed/``), the very shape of a tag
  page's feed (``/tag/x/feed/``): an article under a listing word (``/series/guide/``) was read
  as a listing of the posts it links.
* A home page showing the latest whole post links the previous post with ``rel=next``: after
  the feed, that "pager" was walked through the articles, and each article's own links to the
  site (a project page) were taken for posts: a dead link of a page that is no post reported.
* WordPress's plain permalinks keep the listing's own key beside the page number
  (``/?cat=3&paged=2``): the next page was never recognised, 4 of 6 posts silently left out.
* A pager that never ends (a hostile server answering each ``?page=N`` with new posts) stops at
  the crawl's page cap, as it must, but said nothing: the posts past the cap were left out
  without a word.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from checker.cli import ExitCode
from checker.config import Config, ConnectTo
from checker.discover.blogger import post_parts
from checker.discover.crawl import Scope, discover_blog
from checker.fetch import HttpFetcher
from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Request, Response
from tests.test_probe24_sitemap_listings import run_on_web

HOST = "https://blog.fixture-p26d.example"
LIVE = "https://live.fixture-p26d.example/source"
DEAD = "https://gone.fixture-p26d.example/dead"
_HTML = (("Content-Type", "text/html; charset=utf-8"),)


def _post(slug: str, cited: str = LIVE, extra: str = "", head: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head><title>{slug}</title>{head}</head><body><article>"
        f"<h1>{slug}</h1><p>The post {slug} cites <a href='{cited}'>its source</a> for the claim "
        f"it makes, with enough words around the link to be read as the post's own text.</p>"
        f"{extra}</article></body></html>"
    )


def _teasers(slugs: list[str], pager: str = "") -> str:
    items = "".join(
        f"<article><h2><a href='{HOST}/2024/05/{s}/'>{s}</a></h2><p>Excerpt of {s}.</p></article>"
        for s in slugs
    )
    return f"<!DOCTYPE html><html><head><title>Blog</title></head><body><main>{items}{pager}</main>"


def _web() -> Web:
    web = Web()
    web.page(LIVE, "<title>Source</title><article><h1>Source</h1><p>The source's text.</p>")
    web.page(DEAD, "<title>Not Found</title><p>No such page.</p>", status=404)
    return web


def _urls(report: dict[str, Any]) -> list[str]:
    return sorted(d["url"] for d in report["documents"])


def test_an_article_s_comments_feed_does_not_make_it_a_listing(tmp_path: Path) -> None:
    web = _web()
    head = (
        "<meta property='og:type' content='article'><link rel='alternate' "
        "type='application/rss+xml' title='Blog » Guide Comments Feed' href='/series/guide/feed/'>"
    )
    body = (
        "<p>Part one is <a href='/2024/05/part-1/'>here</a> and part two "
        f"<a href='/2024/05/part-2/'>here</a>; the spec says <a href='{DEAD}'>this</a>.</p>"
    )
    web.page(f"{HOST}/series/guide/", _post("guide", LIVE, body, head))
    for part in ("part-1", "part-2"):
        web.page(f"{HOST}/2024/05/{part}/", _post(part))
    code, report, _asked = run_on_web(web, f"{HOST}/series/guide/", tmp_path)
    assert _urls(report) == [f"{HOST}/series/guide/"]  # the article, read as the page it is
    assert not [p for p in report["problems"] if p["code"] == "files-not-read"]
    assert code == ExitCode.FAILED  # its own dead link


def test_a_home_showing_a_whole_post_is_not_walked_as_a_pager(tmp_path: Path) -> None:
    web = _web()
    slugs = ["p3", "p2", "p1"]
    feed_link = "<link rel=alternate type=application/atom+xml href='/feed.xml'>"
    related = "<p>Related: <a href='/projects/old-tool/'>my old tool</a>.</p>"

    def article(i: int) -> str:
        older = f"<link rel=next href='/2024/05/{slugs[i + 1]}/'>" if i + 1 < len(slugs) else ""
        return _post(slugs[i], LIVE, related, older + feed_link)

    def escape(text: str) -> str:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    entries = "".join(
        f"<entry><title>{s}</title><link href='{HOST}/2024/05/{s}/'/><id>{HOST}/2024/05/{s}/</id>"
        f"<updated>2024-05-0{3 - i}T00:00:00Z</updated>"
        f"<content type='html'>{escape(_post(s))}</content></entry>"
        for i, s in enumerate(slugs)
    )
    feed = (
        "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><title>B</title>"
        f"<id>{HOST}/</id>{entries}</feed>"
    )
    atom = (("Content-Type", "application/atom+xml"),)
    web.add(f"{HOST}/feed.xml", Response(200, atom, feed.encode()))
    web.page(f"{HOST}/", article(0))  # the home: the latest post, whole
    for i, slug in enumerate(slugs):
        web.page(f"{HOST}/2024/05/{slug}/", article(i))
    web.page(f"{HOST}/projects/old-tool/", _post("old tool", DEAD))
    code, report, asked = run_on_web(web, f"{HOST}/", tmp_path)
    assert _urls(report) == sorted(f"{HOST}/2024/05/{s}/" for s in slugs)
    assert not any(f"{HOST}/2024/05/{s}/" in asked for s in slugs)  # each read from the feed
    assert code == ExitCode.OK


def test_a_pager_keeping_the_listing_s_own_query_keys_is_followed(tmp_path: Path) -> None:
    web = _web()
    pages = (["c1", "c2"], ["c3", "c4"], ["c5", "c6"])
    for number, slugs in enumerate(pages, start=1):
        pager = (
            "<nav class='pagination'><a class='page-numbers' "
            f"href='/?cat=3&amp;paged={number + 1}'>{number + 1}</a></nav>"
            if number < len(pages)
            else ""
        )
        query = "?cat=3" if number == 1 else f"?cat=3&paged={number}"
        web.page(f"{HOST}/{query}", _teasers(slugs, pager))
        for slug in slugs:
            web.page(f"{HOST}/2024/05/{slug}/", _post(slug, DEAD if slug == "c6" else LIVE))
    code, report, _asked = run_on_web(web, f"{HOST}/?cat=3", tmp_path)
    assert _urls(report) == sorted(f"{HOST}/2024/05/{s}/" for p in pages for s in p)
    assert code == ExitCode.FAILED  # the last page's last post's dead link


def _endless(request: Request) -> Response:
    """A hostile pager: every ``?page=N`` lists two posts never seen before and links N+1."""
    page = int(request.path.rpartition("page=")[2]) if "page=" in request.path else 1
    if request.path.startswith("/2024/"):
        return Response(200, _HTML, _post(request.path).encode())
    pager = f"<a href='/tags/x/?page={page + 1}'>Next</a>"
    return Response(200, _HTML, _teasers([f"q{page}a", f"q{page}b"], pager).encode())


def _discover_capped(handler: Callable[[Request], Response], path: str) -> Any:
    """Discovery from ``HOST + path`` over real loopback HTTP, ``handler`` answering every
    request, with the crawl's cap on listing pages at five."""
    web = Web()
    web.fallback("blog.fixture-p26d.example", handler)
    with SampleWeb(web) as site:
        config = Config().with_(
            connect_to=tuple(ConnectTo.parse(rule) for rule in site.connect_to()),
            cacert=site.ca_path,
            retries=0,
            timeout=5.0,
        )

        async def go() -> Any:
            async with HttpFetcher(config, version="test") as fetcher:
                return await discover_blog(f"{HOST}{path}", fetcher, Scope(max_pages=5))

        return asyncio.run(go())


def test_a_pager_past_the_page_cap_is_said() -> None:
    found = _discover_capped(_endless, "/tags/x/")
    assert len(found.pages) == 10  # five pages of two posts: the cap holds
    (said,) = found.failed
    assert said.url == f"{HOST}/tags/x/?page=6" and said.listing == "older-posts page"
    assert "5" in said.reason


def _long_post_web() -> Web:
    """A WordPress post split by ``<!--nextpage-->`` in three; part 3 cites a dead link."""
    web = _web()
    base = f"{HOST}/2024/05/long/"

    def pager(current: int) -> str:
        links = "".join(
            f"<span class='post-page-numbers current'>{n}</span>"
            if n == current
            else f"<a href='{base if n == 1 else f'{base}{n}/'}' class='post-page-numbers'>{n}</a>"
            for n in (1, 2, 3)
        )
        return f"<p class='post-nav-links'>Pages: {links}</p>"

    for number in (1, 2, 3):
        url = base if number == 1 else f"{base}{number}/"
        web.page(url, _post(f"long part {number}", DEAD if number == 3 else LIVE, pager(number)))
    feed = (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>B</title><link>{HOST}/</link>"
        f"<item><title>long</title><link>{base}</link><description>The long post "
        "starts here [&#8230;]</description></item></channel></rss>"
    )
    rss = (("Content-Type", "application/rss+xml"),)
    web.add(f"{HOST}/feed/", Response(200, rss, feed.encode()))
    return web


def test_a_post_s_later_parts_are_read(tmp_path: Path) -> None:
    code, report, _asked = run_on_web(_long_post_web(), f"{HOST}/2024/05/long/", tmp_path)
    parts = [f"{HOST}/2024/05/long/{n}" for n in ("", "2/", "3/")]
    assert _urls(report) == sorted(parts)
    assert report["summary"]["findings"].get("broken") == 1  # part 3's dead link
    assert code == ExitCode.FAILED


def test_a_post_s_later_parts_are_read_from_a_feed(tmp_path: Path) -> None:
    code, report, _asked = run_on_web(_long_post_web(), f"{HOST}/feed/", tmp_path)
    assert len(report["documents"]) == 3
    assert code == ExitCode.FAILED


def test_a_numbered_link_is_a_part_only_under_the_post_s_own_address() -> None:
    text = (
        "<p><a href='/2024/05/long/2/'>2</a> <a href='/2024/05/long/2/#c'>2</a> "
        "<a href='/2024/05/other/2/'>2</a> <a href='/2024/05/long/2/x/'>2</a> "
        "<a href='/2024/05/long/1/'>1</a> <a href='/2024/05/long/4/'>Chapter four</a> "
        "<a class='post-page-numbers' href='/2024/05/long/3/'>Next</a></p>"
    )
    assert post_parts(text, f"{HOST}/2024/05/long/") == (
        f"{HOST}/2024/05/long/2/",
        f"{HOST}/2024/05/long/3/",
    )
    assert post_parts(text, f"{HOST}/") == ()  # a home's /page/2/ is its pager's


def _endless_feed(request: Request) -> Response:
    """A hostile feed: every page holds two entries never seen before and a ``rel=next``."""
    if request.path.startswith("/2024/"):
        return Response(200, _HTML, _post(request.path).encode())
    page = int(request.path.rpartition("page=")[2]) if "page=" in request.path else 1
    items = "".join(
        f"<item><title>p{page}{c}</title><link>{HOST}/2024/p{page}{c}/</link>"
        f"<description>&lt;p&gt;{'A whole sentence of the post. ' * 20}&lt;/p&gt;</description>"
        "</item>"
        for c in "ab"
    )
    after = f"<atom:link rel='next' href='{HOST}/feed/?page={page + 1}'/>"
    body = (
        "<?xml version='1.0'?><rss version='2.0' xmlns:atom='http://www.w3.org/2005/Atom'>"
        f"<channel><title>B</title><link>{HOST}/</link>{after}{items}</channel></rss>"
    )
    return Response(200, (("Content-Type", "application/rss+xml"),), body.encode())


def test_a_feed_past_the_page_cap_is_said() -> None:
    """The feed reader stopped at ``Scope.max_pages`` without a word, as the pager did (probe
    26d left it; the pager's is said since): the posts past it were silently left out."""
    found = _discover_capped(_endless_feed, "/feed/")
    assert len(found.pages) == 10  # five pages of two posts: the cap holds
    (said,) = found.failed
    assert said.url == f"{HOST}/feed/?page=6" and said.listing == "feed page"
    assert "feed" in said.reason and "5" in said.reason
