"""Discovery never loses a post without a word (issue 12), over real sockets.

Cut feed entries are read from the post's own page, a label page's posts are kept when its feed
answers with fewer, one post written several ways is one page, and every post page that cannot be
read is listed with the reason.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterator

import pytest

from checker.config import Config, ConnectTo
from checker.discover import discover_inputs
from checker.discover.blogger import read_listing
from checker.discover.crawl import Route, Unread
from checker.discover.feeds import FeedEntry, is_truncated, parse_feed
from checker.discover.urls import canonical_post_url
from checker.errors import InputError
from checker.fetch import HttpFetcher
from checker.model import CitationKind, Page, Status
from checker.pipeline import check
from checker.sampleweb import SampleWeb
from tests.discover.conftest import run_discovery
from tests.discover.lossy_web import (
    ARTICLES,
    CUTS,
    DISALLOWED,
    FAILING,
    WP_HOST,
    WP_POSTS,
    LossyBlogs,
    lossy_web,
    wordpress_post_url,
)


@pytest.fixture(scope="module")
def lossy() -> Iterator[tuple[SampleWeb, LossyBlogs]]:
    web, blogs = lossy_web()
    with SampleWeb(web) as site:
        yield site, blogs


@pytest.fixture(scope="module")
def lossy_config(lossy: tuple[SampleWeb, LossyBlogs]) -> Config:
    site, _ = lossy
    return Config().with_(
        connect_to=tuple(ConnectTo.parse(rule) for rule in site.connect_to()),
        cacert=site.ca_path,
        retries=0,
        timeout=1.0,
        archive="off",
    )


def _checked_sources(report: object) -> dict[str, Status]:
    """Every source citation of the report's documents: its URL and its status."""
    return {
        checked.citation.url: checked.status
        for document in report.documents  # type: ignore[attr-defined]
        for checked in document.citations
        if checked.citation.kind is CitationKind.SOURCE and checked.citation.url
    }


# -- 1. a feed is a way to find posts, not always their content ---------------------------------


@pytest.mark.parametrize("cut", sorted(CUTS))
def test_a_cut_feed_entry_is_read_from_the_post_page(
    lossy: tuple[SampleWeb, LossyBlogs], lossy_config: Config, cut: str
) -> None:
    site, blogs = lossy
    blog = blogs.cut[cut]
    report = check([blog.home], lossy_config)
    assert [d.document.url for d in report.documents] == list(blog.post_urls)
    expected = {p.source_url: Status.OK for p in blog.posts}
    assert _checked_sources(report) == expected
    assert all(site.count(url) == 1 for url in blog.post_urls)  # each post page read once


def test_a_wordpress_excerpt_feed_is_read_from_the_post_pages(
    lossy: tuple[SampleWeb, LossyBlogs], lossy_config: Config
) -> None:
    _, _ = lossy
    report = check([f"https://{WP_HOST}/"], lossy_config)
    posts = [wordpress_post_url(i) for i in reversed(range(WP_POSTS))]
    assert [d.document.url for d in report.documents] == posts
    expected = {f"https://{ARTICLES}/news/{i}": Status.OK for i in range(WP_POSTS)}
    assert _checked_sources(report) == expected


# -- 2. the posts an input page shows are never lost --------------------------------------------


@pytest.mark.parametrize("kind", ["short", "empty", "missing"])
def test_a_label_page_keeps_the_posts_its_feed_leaves_out(
    lossy: tuple[SampleWeb, LossyBlogs], lossy_config: Config, kind: str
) -> None:
    _, blogs = lossy
    blog = blogs.label_feed[kind]
    found, _ = run_discovery(lossy_config, blog.label_url("ロシア"))
    wanted = [p.url for p in blog.label_posts("ロシア")]
    assert len(wanted) > 2
    assert Counter(page.url for page in found.pages) == Counter(wanted)
    assert found.failed == ()


def test_a_label_page_whose_pager_robots_forbids_keeps_its_own_posts(
    lossy: tuple[SampleWeb, LossyBlogs], lossy_config: Config
) -> None:
    _, blogs = lossy
    blog = blogs.label_feed["empty-robots"]
    found, _ = run_discovery(lossy_config, blog.label_url("ウクライナ"))
    posts = blog.label_posts("ウクライナ")
    assert len(posts) > 20  # more than the label page shows
    assert [page.url for page in found.pages] == [p.url for p in posts[:20]]
    assert found.route is Route.PAGER
    # the older posts are not lost without a word: the pager page robots.txt forbids is named
    assert len(found.skipped) == 1 and "/search/label/" in found.skipped[0]


# -- 3. one post reached several ways is one page -----------------------------------------------


def test_one_post_written_several_ways_is_one_page(
    lossy: tuple[SampleWeb, LossyBlogs], lossy_config: Config
) -> None:
    _, blogs = lossy
    blog = blogs.variants
    found, _ = run_discovery(lossy_config, blog.home)
    assert found.route is Route.SITEMAP
    assert [page.url for page in found.pages] == list(blog.post_urls)


def test_a_feed_in_the_other_scheme_adds_no_second_copy_of_the_label_page_posts(
    lossy: tuple[SampleWeb, LossyBlogs], lossy_config: Config
) -> None:
    _, blogs = lossy
    blog = blogs.cut["jump"]
    found, _ = run_discovery(lossy_config, f"http://{blog.host}/?m=1")
    assert Counter(page.url for page in found.pages) == Counter(blog.post_urls)


@pytest.mark.parametrize(
    ("url", "blogger", "canonical"),
    [
        (
            "https://b.blogspot.com/2025/01/p.html?m=1",
            True,
            "https://b.blogspot.com/2025/01/p.html",
        ),
        (
            "http://B.blogspot.com/2025/01/p.html#more",
            True,
            "https://b.blogspot.com/2025/01/p.html",
        ),
        (
            "https://b.blogspot.com/2025/01/p.html?showComment=1700000000000#c1",
            True,
            "https://b.blogspot.com/2025/01/p.html",
        ),
        ("https://b.blogspot.com/p.html?m=0&x=1", True, "https://b.blogspot.com/p.html?x=1"),
        ("https://wp.example/p/?m=1", False, "https://wp.example/p/?m=1"),
    ],
)
def test_canonical_post_url(url: str, blogger: bool, canonical: str) -> None:
    assert canonical_post_url(url, blogger=blogger, scheme="https") == canonical


# -- 4. every post page that could not be read is named, with why -------------------------------


def test_every_unreadable_post_page_is_listed_with_its_reason(
    lossy: tuple[SampleWeb, LossyBlogs], lossy_config: Config
) -> None:
    _, blogs = lossy
    blog = blogs.failing
    found, _ = run_discovery(lossy_config, blog.home)
    by_name = {unread.url.rsplit("/", 1)[-1]: unread for unread in found.failed}
    # a post robots.txt forbids is skipped and said unreadable, with why (probe 19)
    assert set(by_name) == {*FAILING, DISALLOWED}
    assert by_name[DISALLOWED].reason.startswith("robots.txt disallows crawling it")
    for name, reason in FAILING.items():
        assert isinstance(by_name[name], Unread)
        assert by_name[name].reason.startswith(reason), (name, by_name[name].reason)
    assert [url.rsplit("/", 1)[-1] for url in found.skipped] == [DISALLOWED]
    read = {page.url.rsplit("/", 1)[-1] for page in found.pages}
    assert read == {"post-0.html"}


def _discover_inputs(config: Config, inputs: list[str]) -> tuple[list[Page], str]:
    handed: list[Page] = []

    async def go() -> str:
        async with HttpFetcher(config, version="test") as fetcher:
            try:
                await discover_inputs(inputs, fetcher, crawl=True, on_page=handed.append)
            except InputError as exc:
                return str(exc)
        return ""

    return handed, asyncio.run(go())


def test_a_dead_input_among_several_is_named_before_any_post_is_handed_on(
    lossy: tuple[SampleWeb, LossyBlogs], lossy_config: Config
) -> None:
    _, blogs = lossy
    good = blogs.cut["jump"].home
    dead = f"{blogs.cut['short'].home}no/such/page.html"
    slow = f"{blogs.failing.home}2023/01/post-5.html"
    handed, message = _discover_inputs(lossy_config, [good, dead, slow])
    assert handed == []
    assert message.startswith("2 of 3 inputs cannot be read: ")
    assert f"{dead}: cannot fetch input (HTTP 404)" in message
    assert f"{slow}: cannot fetch input (HTTP 503)" in message
    assert "\n" not in message


def test_an_input_that_yields_no_post_is_an_empty_discovery(
    lossy: tuple[SampleWeb, LossyBlogs], lossy_config: Config
) -> None:
    _, blogs = lossy
    found, _ = run_discovery(lossy_config, f"{blogs.failing.home}sitemap.xml?page=9")
    assert found.pages == () and found.failed == ()


# -- pure parts ---------------------------------------------------------------------------------

_POST = "https://b.blogspot.com/2025/01/p.html"
_FULL = (
    "<p>本文です。引用 […] の途中。</p>"
    + "<p>本文の段落がまだ続きます。</p>" * 40
    + "<p>■</p><p>Title</p><p>By A</p>"
    + '<p><a href="https://example.org/a">https://example.org/a</a></p>'
)


@pytest.mark.parametrize(
    ("content", "summary", "cut"),
    [
        pytest.param(_FULL, False, False, id="whole-post-quoting-[…]-early"),
        ('<p>See <a href="https://example.org/more">more on this</a></p>', False, False),
        ("<p>短い要約</p>", True, True),  # an Atom <summary> only
        ("", False, True),
        ("  <p> </p> ", False, True),
        (f'<p>前半</p><a href="{_POST}#more">Read more »</a>', False, True),
        (f'<p>前半</p><a href="{_POST}">続きを読む</a>', False, True),
        (
            '<p>前半</p><span class="jump-link"><a class="jump-link" href="/x">»</a></span>',
            False,
            True,
        ),
        ("<p>Words of the excerpt [&hellip;]</p>", False, True),
        ("Words of the excerpt [&#8230;]", False, True),
        ("Words of the excerpt […]", False, True),
        (
            f'<p>Words&#8230; <a href="{_POST}" class="more-link">Continue reading</a></p>'
            f'<p>The post <a href="{_POST}">P</a> appeared first on <a href="/">B</a>.</p>',
            False,
            True,
        ),
        ("<p>Plain words and then Read more…</p>", False, True),
    ],
)
def test_is_truncated(content: str, summary: bool, cut: bool) -> None:
    """A false "cut" costs a request; a missed one loses the post's attribution block."""
    entry = FeedEntry(_POST, "t", None, None, content, (), summary)
    assert is_truncated(entry) is cut


def test_a_plain_text_rss_description_is_a_summary_and_html_is_not() -> None:
    rss = (
        '<rss version="2.0"><channel><item><link>https://r.example/1</link>'
        "<description>Just the first words of the post</description></item>"
        "<item><link>https://r.example/2</link>"
        "<description>&lt;p&gt;The &lt;b&gt;whole&lt;/b&gt; post&lt;/p&gt;</description></item>"
        "</channel></rss>"
    )
    feed = parse_feed(rss, "https://r.example/feed")
    assert feed is not None
    assert [e.summary for e in feed.entries] == [True, False]


def test_hostile_links_in_a_listing_are_passed_over() -> None:
    text = (
        '<html><head><link rel="alternate" type="application/atom+xml" href="http://[bad]/f">'
        "</head><body><article><h2><a href='http://[ccpa-preferences]'>x</a></h2></article>"
        "<article><h2><a href='/ok/1'>ok</a></h2></article>"
        "<a rel='next' href='http://h:notaport/'>n</a></body></html>"
    )
    listing = read_listing(text, "https://w.example/")
    assert [p.url for p in listing.posts] == ["https://w.example/ok/1"]
    assert listing.older is None and listing.feeds == ()


def test_a_listing_cut_from_the_mobile_view_names_each_post_by_its_permalink() -> None:
    text = (
        '<div class="date-outer"><div class="post-outer"><div class="post hentry">'
        f'<h3 class="post-title"><a href="{_POST}?m=1">T</a></h3>'
        '<div class="post-body">本文</div></div></div></div>'
    )
    [post] = read_listing(text, "https://b.blogspot.com/?m=1").posts
    assert post.url == _POST
    assert post.html is not None and f'href="{_POST}"' in post.html and "?m=1" not in post.html


def test_a_named_mobile_post_url_is_one_page_at_its_permalink(
    lossy: tuple[SampleWeb, LossyBlogs], lossy_config: Config
) -> None:
    _, blogs = lossy
    post = blogs.variants.posts[0].url
    found, _ = run_discovery(lossy_config, f"{post}?m=1#more")
    assert [page.url for page in found.pages] == [post]
