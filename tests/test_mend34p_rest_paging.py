"""Mend 34p: a failing page of a WordPress REST listing whose length is announced does not end it.

``X-WP-TotalPages: 5`` and page 2 answering 503: the base said page 2 and stopped, pages 3-5
(up to 300 of the site's pages) neither asked nor said.  The pages after a failed one are now
asked, the failed one said (mend33k's test had two pages, so could not see it).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

from checker.discover.crawl import Scope, discover_blog
from checker.fetch import HttpFetcher
from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Request, Response
from tests.fetch.support import config_for
from tests.test_mend33k_wordpress_rest_pages import (
    _HTML,
    HOST,
    REST,
    _discover,
    _read,
    _site,
    _two_per_page,
)


def test_the_pages_after_an_announced_page_that_fails_are_read() -> None:
    def rest(number: int) -> Response:
        return Response(503, _HTML, b"busy") if number == 2 else _two_per_page(number, 5)

    found, asked = _discover(_site(rest))
    pages = [f"page-{n}{x}" for n in (1, 3, 4, 5) for x in "ab"]
    assert _read(found) == sorted(["first-post", *pages])
    assert len(asked) == 5
    (said,) = found.failed
    assert said.url == f"{HOST}{REST}2&_fields=link" and "503" in said.reason


def test_a_failing_first_page_is_asked_once_and_said_as_a_guess() -> None:
    """The first page announces nothing: a site whose API fails is asked once, and its pages
    said unlisted at warning only (``guessed``: the site may have none; left34a)."""
    found, asked = _discover(_site(lambda _n: Response(503, _HTML, b"busy")))
    assert _read(found) == ["first-post"]
    assert len(asked) == 1
    assert [(u.url, u.guessed) for u in found.failed] == [(f"{HOST}{REST}1&_fields=link", True)]


def _discover_twice(store: Path, handler: Callable[[Request], Response]) -> tuple[Any, Any]:
    """Discovery of the site's home over real loopback HTTP through the store at ``store``,
    cold then warm (one server: the store's answers are reused under the same settings)."""
    web = Web()
    web.fallback("blog.fixture-p26d.example", handler)
    with SampleWeb(web) as site:
        config = config_for(site, retries=0, timeout=5.0, store=store)

        async def go() -> Any:
            async with HttpFetcher(config, version="test") as fetcher:
                return await discover_blog(f"{HOST}/", fetcher, Scope(max_pages=5))

        return asyncio.run(go()), asyncio.run(go())


def test_a_warm_run_reads_the_pages_a_cold_run_read(tmp_path: Path) -> None:
    """Discovery sends the stored validators and a 304 hands back the stored answer: without
    ``X-WP-TotalPages`` in it, a warm run read page one only and lost pages 2-3 unsaid."""

    def rest(number: int) -> Response:
        return _two_per_page(number, 3)

    answered = _site(rest)

    def handler(request: Request) -> Response:
        if request.path.startswith(REST):
            etag = f'"rest-{request.path}"'
            if (("if-none-match", etag)) in {(k.lower(), v) for k, v in request.headers}:
                return Response(304, (("ETag", etag),), b"")
            response = answered(request)
            return Response(response.status, (*response.headers, ("ETag", etag)), response.body)
        return answered(request)

    asked: list[str] = []

    def counted(request: Request) -> Response:
        response = handler(request)
        if request.path.startswith(REST):
            asked.append(f"{request.path.split('&')[1]} {response.status}")
        return response

    cold, warm = _discover_twice(tmp_path / "store", counted)
    pages = [f"page-{n}{x}" for n in (1, 2, 3) for x in "ab"]
    assert _read(cold) == sorted(["first-post", *pages]) and not cold.failed
    assert _read(warm) == _read(cold) and warm.failed == cold.failed
    assert asked == [f"page={n} {code}" for code in (200, 304) for n in (1, 2, 3)]


def test_two_failed_pages_in_a_row_end_the_listing_and_say_the_rest_once() -> None:
    """Mend 34v: ``X-WP-TotalPages: 999999`` and every later page refused (429): the base asked
    each page up to the cap, a ``failed`` line each; now the second failure in a row ends it
    and the pages still unasked are one line."""

    def rest(number: int) -> Response:
        if number == 1:
            return _two_per_page(1, 999999)
        return Response(429, (*_HTML, ("Retry-After", "1")), b"slow down")

    found, asked = _discover(_site(rest))
    assert _read(found) == sorted(["first-post", "page-1a", "page-1b"])
    assert len(asked) == 3
    assert [u.url for u in found.failed] == [f"{HOST}{REST}{n}&_fields=link" for n in (2, 3, 4)]
    assert all(u.listing for u in found.failed)
    assert "pages 4-5 " in found.failed[-1].reason and "not asked" in found.failed[-1].reason
