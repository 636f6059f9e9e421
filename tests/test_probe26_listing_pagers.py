"""Probe 26 (real built sites rerun after session 25's listing rules): a listing's later pages.

A named archive or tag page is read as the posts it lists, and its older pages after it.  Real
generated sites link their next page without saying ``rel=next``: Hexo's cactus theme writes
``<div class="pagination"><a href="/archives/page/2/"><i class="fa-solid fa-angle-right">``
(a real blog's ``/archives/`` listed 10 of its 44 posts on page one, and 10 were read, the run
saying "read as 10 posts it lists"); Hugo's Bootstrap-style pager ``<a href=/tags/x/page/2/
aria-label=Next class=page-link>``.  The pages after the first were never asked: their posts
were silently left out.  A link to the listing's own next page (``…/page/N+1/``, ``?page=N+1``)
is its older-posts link.  A pager page of titles only (no teaser) is read as the first was.

The same real Hugo theme stamps ``og:type=article`` on every page, tag pages too: a tag page
was read as one post of its excerpts (41 citations), its 21 posts' pages never read, exit 0.
A page that declares a feed of its own (``/tags/x/index.xml``) or links its own next page lists
posts, whatever its Open Graph type says.
"""

from __future__ import annotations

from pathlib import Path

from checker.cli import ExitCode
from checker.discover.blogger import read_listing
from checker.sampleweb import Web
from tests.test_probe24_sitemap_listings import run_on_web

HOST = "https://hexo.fixture-p26.example"
DEAD = "https://gone.fixture-p26.example/dead"
LIVE = "https://live.fixture-p26.example/source"


def _post(slug: str, cited: str) -> str:
    return (
        f"<!DOCTYPE html><html><head><title>{slug}</title></head><body><article><h1>{slug}</h1>"
        f"<p>The post {slug} cites <a href='{cited}'>its source</a> for the claim it makes, "
        "with enough words around the link to be read as the post's own text.</p>"
        "</article></body></html>"
    )


def _hexo_archive(page: int, pages: int, slugs: tuple[str, ...]) -> str:
    """One page of a Hexo (cactus) archive: titles only, a pager of bare links."""
    items = "".join(
        f'<li class="post-item"><div class="meta"><time datetime="2023-11-23">2023-11-23</time>'
        f'</div><span><a class="" href="/2023/11/23/{s}/">{s}</a></span></li>'
        for s in slugs
    )
    newer = "/archives/" if page == 2 else f"/archives/page/{page - 1}/"
    pager = '<div class="pagination">'
    if page > 1:
        pager += f'<a href="{newer}"><i class="fa-solid fa-angle-left"></i></a>'
    pager += f'<span class="page-number">第 {page} 页，共 {pages} 页</span>'
    if page < pages:
        pager += f'<a href="/archives/page/{page + 1}/"><i class="fa-solid fa-angle-right"></i></a>'
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>归档</title></head><body>'
        '<header id="header"><nav><ul><li><a href="/">首页</a></li>'
        '<li><a href="/about/">关于</a></li></ul></nav></header>'
        f'<div class="content"><ul class="post-list">{items}</ul>{pager}</div></div>'
        "<footer id='footer'>Copyright</footer></body></html>"
    )


_SLUGS = (("a1", "a2"), ("b1", "b2"), ("c1", "c2"))


def _hexo_web() -> Web:
    web = Web()
    for number, slugs in enumerate(_SLUGS, start=1):
        path = "/archives/" if number == 1 else f"/archives/page/{number}/"
        web.page(f"{HOST}{path}", _hexo_archive(number, len(_SLUGS), slugs))
        for slug in slugs:
            web.page(f"{HOST}/2023/11/23/{slug}/", _post(slug, DEAD if slug == "c2" else LIVE))
    web.page(DEAD, "<title>Not Found</title><p>No such page.</p>", status=404)
    web.page(LIVE, "<title>Source</title><article><h1>Source</h1><p>The source's text.</p>")
    return web


def _posts(report: dict[str, object]) -> list[str]:
    documents = report["documents"]
    assert isinstance(documents, list)
    return sorted(d["url"] for d in documents)


def test_a_named_archive_s_later_pages_are_read(tmp_path: Path) -> None:
    code, report, asked = run_on_web(_hexo_web(), f"{HOST}/archives/", tmp_path)
    every = sorted(f"{HOST}/2023/11/23/{s}/" for slugs in _SLUGS for s in slugs)
    assert _posts(report) == every
    assert f"{HOST}/archives/page/3/" in asked
    assert code == ExitCode.FAILED  # the dead link of the last page's last post


TAG = "https://hugo.fixture-p26.example"


def _hugo_tag_page(page: int, slugs: tuple[str, ...], *, feed: bool = True) -> str:
    """One page of a Hugo tag page whose theme says ``og:type=article`` on every page."""
    base = "/tags/binary-search/"
    items = "".join(
        f"<li class=post_item><div class=excerpt><div class=excerpt_header><h3 class=post_link>"
        f"<a href={TAG}/2017/04{s}/ title={s}>{s}</a></h3></div><div class=excerpt_footer>"
        f"<div class=pale><p>The first lines of {s}, citing <a href={LIVE}>its source</a>.</p>"
        f"<br><a href={TAG}/2017/04{s}/ class='excerpt_more button'>阅读更多</a></div></div>"
        "</div></li>"
        for s in slugs
    )
    pager = (
        f"<li><ul class='pagination pagination-default'><li class=page-item>"
        f"<a href={base}page/2/ aria-label=Next class=page-link role=button>»</a></li></ul></li>"
        if page == 1
        else ""
    )
    alternate = (
        f"<link rel=alternate type=application/rss+xml href={TAG}{base}index.xml>" if feed else ""
    )
    return (
        "<!DOCTYPE html><html lang=zh><head><meta charset=utf-8><title>binary search</title>"
        f'<meta property="og:type" content="article">{alternate}</head><body>'
        f"<header><nav><a href={TAG}/>首页</a><a href={TAG}/top/about/>About</a></nav></header>"
        f"<main><ul class=posts id=posts>{items}{pager}</ul></main></body></html>"
    )


def _hugo_web(*, pager: bool, feed: bool) -> Web:
    web = Web()
    web.page(
        f"{TAG}/tags/binary-search/",
        _hugo_tag_page(1 if pager else 2, ("p1", "p2"), feed=feed),
    )
    web.page(f"{TAG}/tags/binary-search/page/2/", _hugo_tag_page(2, ("p3", "p4"), feed=feed))
    for slug in ("p1", "p2", "p3", "p4"):
        web.page(f"{TAG}/2017/04{slug}/", _post(slug, DEAD if slug in ("p2", "p4") else LIVE))
    web.page(DEAD, "<title>Not Found</title><p>No such page.</p>", status=404)
    web.page(LIVE, "<title>Source</title><article><h1>Source</h1><p>The source's text.</p>")
    return web


def test_a_tag_page_an_article_by_its_og_type_is_read_as_its_posts(tmp_path: Path) -> None:
    code, report, asked = run_on_web(
        _hugo_web(pager=True, feed=True), f"{TAG}/tags/binary-search/", tmp_path
    )
    assert _posts(report) == [f"{TAG}/2017/04{s}/" for s in ("p1", "p2", "p3", "p4")]
    assert f"{TAG}/2017/04p4/" in asked  # a post on page 2 of titles only, read from its page
    assert code == ExitCode.FAILED


def test_its_own_feed_alone_says_it_lists_posts(tmp_path: Path) -> None:
    code, report, _asked = run_on_web(
        _hugo_web(pager=False, feed=True), f"{TAG}/tags/binary-search/", tmp_path
    )
    assert _posts(report) == [f"{TAG}/2017/04{s}/" for s in ("p1", "p2")]
    assert code == ExitCode.FAILED  # p2's dead link, past its teaser


def test_an_article_at_a_listing_path_with_neither_stays_one_page(tmp_path: Path) -> None:
    """The guard: what says it is an article, and neither declares a feed of its own nor
    links a next page of its own, is read as the page it is (session 25's rule)."""
    _code, report, _asked = run_on_web(
        _hugo_web(pager=False, feed=False), f"{TAG}/tags/binary-search/", tmp_path
    )
    assert _posts(report) == [f"{TAG}/tags/binary-search/"]


def _older(text: str, url: str) -> str | None:
    return read_listing(text, url).older


def test_the_next_page_link_of_each_pager_scheme() -> None:
    def page(*links: str) -> str:
        anchors = "".join(f'<a href="{href}">›</a>' for href in links)
        return f"<html><body><main><p>posts</p>{anchors}</main></body></html>"

    base = "https://s.fixture-p26.example"
    cases = [
        (f"{base}/", ("/page/2/",), f"{base}/page/2/"),
        (f"{base}/page/2/", ("/", "/page/3/"), f"{base}/page/3/"),
        (f"{base}/archives/", ("/archives/page/2/",), f"{base}/archives/page/2/"),
        (f"{base}/blog/page/2", ("/blog", "/blog/page/3"), f"{base}/blog/page/3"),
        (f"{base}/tags/x/", ("/tags/x/page2/",), f"{base}/tags/x/page2/"),  # Jekyll's /pageN/
        (f"{base}/news?page=2", ("/news?page=1", "/news?page=3"), f"{base}/news?page=3"),
        (f"{base}/news", ("/news?page=2",), f"{base}/news?page=2"),
        (f"{base}/category/x/", ("/category/x/?paged=2",), f"{base}/category/x/?paged=2"),
        (f"{base}/t/index.html", ("/t/page/2/index.html",), f"{base}/t/page/2/index.html"),
    ]
    for url, links, expected in cases:
        assert _older(page(*links), url) == expected, url
    # a newer page, another listing's pager, another site's: none is the older page
    assert _older(page("/page/1/", "/tags/y/page/2/"), f"{base}/page/2/") is None
    assert _older(page("/tags/y/page/2/"), f"{base}/tags/x/") is None
    assert _older(page("https://other.fixture-p26.example/page/2/"), f"{base}/") is None
    assert _older(page("/2023/06/page-2-of-my-notes/"), f"{base}/") is None


LIGHTS = "https://lights.fixture-p26.example"


def _lights_home() -> str:
    """A Hexo home of the Lights theme: titles only, its declared feed not built."""
    items = "".join(
        f"<li><aside class='dates'>Aug 11 2017</aside><a href='/2017/08/11/{s}/'>{s}</a>"
        "<h2></h2></li>"
        for s in ("one", "two", "three")
    )
    return (
        "<!DOCTYPE html><html><head><title>BouSeng</title><link rel='alternate' "
        "href='/atom.xml' type='application/atom+xml'></head><body><nav class='main-nav'>"
        "<a href='/about/'>About</a><a href='/archives/'>Archives</a></nav>"
        f"<section id='wrapper'><ul id='post-list'>{items}</ul><nav id='post-nav'></nav>"
        "<footer id='footer'><p>Powered by Hexo</p></footer></section></body></html>"
    )


def test_a_home_of_titles_only_is_read_as_its_posts(tmp_path: Path) -> None:
    """Its feed a 404 and no sitemap: the home page lists the posts.  Read for teasers alone,
    it "yielded no post" (a real Hexo blog of 4 posts)."""
    web = Web()
    web.page(f"{LIGHTS}/", _lights_home())
    for slug in ("one", "two", "three"):
        page = _post(slug, DEAD if slug == "three" else LIVE)
        web.page(f"{LIGHTS}/2017/08/11/{slug}/", page)
    web.page(DEAD, "<title>Not Found</title><p>No such page.</p>", status=404)
    web.page(LIVE, "<title>Source</title><article><h1>Source</h1><p>The source's text.</p>")
    code, report, _asked = run_on_web(web, f"{LIGHTS}/", tmp_path)
    assert _posts(report) == sorted(f"{LIGHTS}/2017/08/11/{s}/" for s in ("one", "two", "three"))
    assert code == ExitCode.FAILED


def test_a_list_item_s_heading_is_a_teaser_title_not_its_excerpt_s_links() -> None:
    """Hugo's ``<li class=post_item><h3 class=post_link><a>`` teaser: its title is the post;
    an own page its excerpt links is not (a real blog's excerpt linked three dead pages, then
    reported as unreadable posts beside their ``broken`` citations)."""
    page = (
        "<html><body><main><ul class=posts>"
        "<li class=post_item><h3 class=post_link><a href=/2022/03/leveldb/>leveldb</a></h3>"
        "<p>see <a href=/2022/03/std-any-notes/>std::any</a></p></li>"
        "<li class=post_item><h3 class=post_link><a href=/2022/02/raft/>raft</a></h3></li>"
        "</ul></main></body></html>"
    )
    listing = read_listing(page, f"{TAG}/")
    assert [p.url for p in listing.posts] == [f"{TAG}/2022/03/leveldb/", f"{TAG}/2022/02/raft/"]
