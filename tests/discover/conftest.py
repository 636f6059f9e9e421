"""The 520-post fixture blog and its variants, served once for the discover tests."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from checker.config import Config, ConnectTo
from checker.discover.crawl import Discovery, Scope, discover_blog
from checker.fetch import HttpFetcher
from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Response
from tests.fixtureweb.big_blog import BlogFixture, big_blog


@dataclass(frozen=True, slots=True)
class Blogs:
    """Every variant of the fixture blog on one sample web."""

    site: SampleWeb
    full: BlogFixture
    no_feed: BlogFixture
    pager_only: BlogFixture
    robots_pager: BlogFixture
    small: BlogFixture


def _web() -> tuple[Web, dict[str, BlogFixture]]:
    web = Web()
    blogs = {
        "full": big_blog(web, host="bigblog.blogspot.com"),
        "no_feed": big_blog(web, host="nofeed.blogspot.com", feeds=False),
        "pager_only": big_blog(
            web, host="pager.blogspot.com", feeds=False, sitemap=False, disallow_search=False
        ),
        "robots_pager": big_blog(web, host="strict.blogspot.com", feeds=False, sitemap=False),
        "small": big_blog(web, host="small.blogspot.com", posts=30),
    }
    trap = '<html><body><a class="blog-pager-older-link" href="{0}">older</a></body></html>'
    web.page("https://trap.example.com/", trap.format("/search?updated-max=1"))
    web.fallback(
        "trap.example.com",
        lambda r: Response(
            200,
            (("Content-Type", "text/html"),),
            trap.format(f"{r.path}1").encode(),  # a new, never-ending older link each time
        ),
    )
    web.page("https://loop.example.com/", trap.format("/"))
    return web, blogs


@pytest.fixture(scope="session")
def blogs() -> Iterator[Blogs]:
    web, made = _web()
    with SampleWeb(web) as site:
        yield Blogs(site, **made)


@pytest.fixture(scope="session")
def config(blogs: Blogs) -> Config:
    return served_config(blogs.site)


def served_config(site: SampleWeb) -> Config:
    """Discovery's settings on the fixture web ``site``: its addresses and CA, no retries."""
    return Config().with_(
        connect_to=tuple(ConnectTo.parse(rule) for rule in site.connect_to()),
        cacert=site.ca_path,
        retries=0,
        timeout=5.0,
    )


def run_discovery(
    config: Config, url: str, scope: Scope | None = None, *, crawl: bool = True
) -> tuple[Discovery, int]:
    """Discover ``url`` through a fresh HttpFetcher; also return the HTTP requests it sent."""

    async def go() -> tuple[Discovery, int]:
        async with HttpFetcher(config, version="test") as fetcher:
            found = await discover_blog(url, fetcher, scope, crawl=crawl)
            return found, fetcher.requests

    return asyncio.run(go())
