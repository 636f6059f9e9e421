"""Discovering every post of the 520-post fixture blog over real sockets, by each route."""

from __future__ import annotations

import time
from collections import Counter
from datetime import date

import pytest

from checker.config import Config
from checker.discover.crawl import Route, Scope
from checker.errors import InputError
from tests.discover.conftest import Blogs, run_discovery


def _urls(found: object) -> list[str]:
    return [page.url for page in found.pages]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("variant", "route"),
    [("full", Route.FEED), ("no_feed", Route.SITEMAP), ("pager_only", Route.PAGER)],
)
def test_each_route_finds_every_post_exactly_once(
    blogs: Blogs, config: Config, variant: str, route: Route
) -> None:
    blog = getattr(blogs, variant)
    before = len(blogs.site.requests)
    started = time.monotonic()
    found, sent = run_discovery(config, blog.home)
    elapsed = time.monotonic() - started
    served = len(blogs.site.requests) - before
    print(f"\n{route}: {len(found.pages)} posts, {served} requests, {elapsed:.2f}s")
    assert found.route is route
    assert Counter(_urls(found)) == Counter(blog.post_urls)
    assert found.requests == served == sent
    assert len(found.pages) == 520


def test_feed_route_costs_a_handful_of_requests(blogs: Blogs, config: Config) -> None:
    found, _ = run_discovery(config, blogs.full.home)
    # home page, robots.txt, four feed pages of at most 150 posts, the feed of pages (none here)
    assert found.requests == 7
    assert found.source == "https://bigblog.blogspot.com/feeds/posts/default"
    assert found.updated[blogs.full.posts[0].url] == blogs.full.posts[0].published


def test_sitemap_route_keeps_lastmod(blogs: Blogs, config: Config) -> None:
    found, _ = run_discovery(config, blogs.no_feed.home, Scope(max_posts=3))
    assert found.route is Route.SITEMAP
    assert len(found.pages) == 3 and len(found.updated) == 3


def test_max_posts_keeps_the_newest(blogs: Blogs, config: Config) -> None:
    found, _ = run_discovery(config, blogs.full.home, Scope(max_posts=30))
    assert _urls(found) == list(blogs.full.post_urls[:30])
    assert found.requests == 3


@pytest.mark.parametrize("variant", ["full", "pager_only", "no_feed"])
def test_since_keeps_posts_on_or_after_the_day(blogs: Blogs, config: Config, variant: str) -> None:
    blog = getattr(blogs, variant)
    since = blog.posts[40].day
    found, _ = run_discovery(config, blog.home, Scope(since=since, max_posts=200))
    assert set(_urls(found)) == {p.url for p in blog.posts if p.day >= since}
    assert len(found.pages) == 41


def test_label_page_gives_that_label_only(blogs: Blogs, config: Config) -> None:
    blog = blogs.full
    found, _ = run_discovery(config, blog.label_url("ロシア"))
    assert found.route is Route.FEED
    assert found.source is not None and "/feeds/posts/default/-/" in found.source
    assert Counter(_urls(found)) == Counter(p.url for p in blog.label_posts("ロシア"))


def test_label_option_on_the_home_page(blogs: Blogs, config: Config) -> None:
    blog = blogs.full
    found, _ = run_discovery(config, blog.home, Scope(label="日本"))
    assert set(_urls(found)) == {p.url for p in blog.label_posts("日本")}
    assert len(found.pages) == len(blog.label_posts("日本")) < 520


def test_label_through_the_pager(blogs: Blogs, config: Config) -> None:
    blog = blogs.pager_only
    found, _ = run_discovery(config, blog.label_url("ウクライナ"))
    assert found.route is Route.PAGER
    assert Counter(_urls(found)) == Counter(p.url for p in blog.label_posts("ウクライナ"))


def test_robots_stops_the_crawler_not_the_named_url(blogs: Blogs, config: Config) -> None:
    blog = blogs.robots_pager
    label = blog.label_url("ウクライナ")
    found, _ = run_discovery(config, label)
    assert blogs.site.count(label) >= 1  # named, fetched although robots.txt disallows /search
    assert _urls(found) == [p.url for p in blog.label_posts("ウクライナ")[:20]]
    assert len(found.skipped) == 1 and "/search/label/" in found.skipped[0]


def test_robots_allowing_search_lets_the_pager_go_on(blogs: Blogs, config: Config) -> None:
    found, _ = run_discovery(config, blogs.pager_only.label_url("ウクライナ"))
    assert found.skipped == ()
    assert len(found.pages) == len(blogs.pager_only.label_posts("ウクライナ")) > 20


@pytest.mark.parametrize("url", ["https://trap.example.com/", "https://loop.example.com/"])
def test_crawl_traps_end(config: Config, url: str, blogs: Blogs) -> None:
    found, _ = run_discovery(config, url)
    assert found.route is Route.PAGER
    assert found.pages == ()
    assert found.requests <= 12


def test_a_post_url_is_one_page(blogs: Blogs, config: Config) -> None:
    post = blogs.small.posts[3].url
    found, _ = run_discovery(config, post)
    assert (found.route, _urls(found)) == (Route.PAGE, [post])


def test_without_crawl_a_home_page_is_one_page(blogs: Blogs, config: Config) -> None:
    found, _ = run_discovery(config, blogs.small.home, crawl=False)
    assert found.route is Route.PAGE and len(found.pages) == 1


def test_a_named_feed_url_gives_its_posts_even_without_crawl(blogs: Blogs, config: Config) -> None:
    found, _ = run_discovery(config, f"{blogs.small.home}feeds/posts/default", crawl=False)
    assert found.route is Route.FEED
    assert Counter(_urls(found)) == Counter(blogs.small.post_urls)


def test_a_named_sitemap_url_gives_its_posts(blogs: Blogs, config: Config) -> None:
    found, _ = run_discovery(config, f"{blogs.small.home}sitemap.xml")
    assert found.route is Route.SITEMAP
    assert Counter(_urls(found)) == Counter(blogs.small.post_urls)


def test_unreadable_named_url_is_an_input_error(blogs: Blogs, config: Config) -> None:
    with pytest.raises(InputError, match="HTTP 404"):
        run_discovery(config, f"{blogs.small.home}no/such/page.html")


def test_since_in_the_future_finds_nothing(blogs: Blogs, config: Config) -> None:
    found, _ = run_discovery(config, blogs.small.home, Scope(since=date(2100, 1, 1)))
    assert found.pages == ()
    assert found.requests == 4  # home, robots.txt, the feed, the feed of pages
