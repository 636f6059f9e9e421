"""A WordPress site's pages read from its REST route (``/wp-json/wp/v2/pages``) past page one.

Session 33's reader asked page N+1 only after a page of 100 links, with nothing to stop it: a
server ignoring ``page`` (a CDN caching the route without its query) answered the same 100
links and was asked 1,000 times (``Scope.max_pages``); a failing page 2 lost pages 101+
without a word; the cap was not said.  It now follows ``X-WP-TotalPages`` (core sends it), says
an announced page that fails, repeats or lies past the cap, and ends at a repeated answer.

And a WordPress theme ported from Blogger (its ``post-outer`` class) made the site look like
Blogger: its feed of pages (404) was asked and nothing else, its pages neither read nor said.

Discovery over real loopback HTTP (the sample web), ``handler`` answering every request.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from checker.sampleweb.server import Request, Response
from tests.test_probe26d_discovery_rules import HOST, _discover_capped

REST = "/wp-json/wp/v2/pages?per_page=100&page="
_HTML = (("Content-Type", "text/html; charset=utf-8"),)
_JSON = (("Content-Type", "application/json; charset=UTF-8"),)
_WP_HEAD = f'<link rel="https://api.w.org/" href="{HOST}/wp-json/">'


def _page(title: str, body: str = "", head: str = _WP_HEAD) -> Response:
    html = (
        f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head><body>"
        f"<article><h1>{title}</h1>{body}<p>" + "Words. " * 30 + "</p></article></body></html>"
    )
    return Response(200, _HTML, html.encode())


def _home(outer: bool) -> Response:
    """The home: WordPress's marks, a feed of one post, and maybe Blogger's ``post-outer``."""
    post = "<a href='/first-post/'>First</a>"
    body = f"<div class='post-outer'><h3 class='post-title'>{post}</h3></div>" if outer else post
    feed = f'<link rel="alternate" type="application/rss+xml" href="{HOST}/feed/">'
    return _page("WP", body, _WP_HEAD + feed)


def _rss() -> Response:
    body = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>WP</title>'
        f"<link>{HOST}/</link><item><title>First</title><link>{HOST}/first-post/</link>"
        "<description>First</description></item></channel></rss>"
    )
    return Response(200, (("Content-Type", "application/rss+xml"),), body.encode())


def _site(rest: Callable[[int], Response], *, outer: bool = False) -> Callable[[Request], Response]:
    """A WordPress site with no sitemaps, its REST pages answered by ``rest(page number)``."""

    def handler(request: Request) -> Response:
        if request.path.startswith(REST):
            return rest(int(request.path.removeprefix(REST).partition("&")[0]))
        if request.path == "/":
            return _home(outer)
        if request.path.startswith("/feed/") and "paged" not in request.path:
            return _rss()
        if request.path.startswith(("/page-", "/first-post/")):
            return _page(request.path.strip("/"))
        return Response(404, _HTML, b"<html><body>Not found</body></html>")

    return handler


def _listed(links: list[str], total: int | None) -> Response:
    headers = _JSON if total is None else (*_JSON, ("X-WP-TotalPages", str(total)))
    return Response(200, headers, json.dumps([{"link": f"{HOST}{p}"} for p in links]).encode())


def _discover(handler: Callable[[Request], Response]) -> tuple[Any, list[str]]:
    """Discovery of the site's home with the cap on listing pages at five (probe 26d's way), and
    the REST pages asked, in order."""
    asked: list[str] = []

    def counted(request: Request) -> Response:
        if request.path.startswith(REST):
            asked.append(request.path)
        return handler(request)

    return _discover_capped(counted, "/"), asked


def _read(found: Any) -> list[str]:
    return sorted(page.url.removeprefix(HOST).strip("/") for page in found.pages)


def _two_per_page(number: int, total: int | None = None) -> Response:
    return _listed([f"/page-{number}a/", f"/page-{number}b/"], total)


def test_the_pages_the_api_announces_are_all_read() -> None:
    found, asked = _discover(_site(lambda n: _two_per_page(n, 3)))
    pages = [f"page-{n}{x}" for n in (1, 2, 3) for x in "ab"]
    assert _read(found) == sorted(["first-post", *pages])
    assert len(asked) == 3 and not found.failed


def test_announced_pages_past_the_cap_are_said() -> None:
    found, asked = _discover(_site(lambda n: _two_per_page(n, 40)))
    assert len(asked) == 5 and len(found.pages) == 1 + 2 * 5
    (said,) = found.failed
    assert said.url == f"{HOST}{REST}6&_fields=link" and said.listing == "pages listing"
    assert "5 pages" in said.reason


def test_an_announced_page_that_fails_is_said() -> None:
    def rest(number: int) -> Response:
        return _two_per_page(1, 2) if number == 1 else Response(503, _HTML, b"busy")

    found, _asked = _discover(_site(rest))
    assert _read(found) == ["first-post", "page-1a", "page-1b"]
    (said,) = found.failed
    assert said.url == f"{HOST}{REST}2&_fields=link" and said.listing == "pages listing"
    assert "503" in said.reason


def test_a_server_ignoring_the_page_asked_is_asked_twice_not_to_the_cap() -> None:
    """No header, 100 links each time (a full page: the next is guessed): the second answer
    repeats the first, which ends it, quietly (a guess); the base asked up to the cap."""
    full = _listed([f"/page-{n}/" for n in range(100)], None)
    found, asked = _discover(_site(lambda _n: full))
    assert len(asked) == 2
    assert len(found.pages) == 101 and not found.failed


def test_announced_pages_answering_the_same_again_are_said() -> None:
    found, asked = _discover(_site(lambda _n: _two_per_page(1, 3)))
    assert len(asked) == 2 and _read(found) == ["first-post", "page-1a", "page-1b"]
    (said,) = found.failed
    assert said.listing == "pages listing" and "the same pages" in said.reason


def test_a_wordpress_theme_with_blogger_s_classes_still_has_its_pages_read() -> None:
    """``post-outer`` on the home: Blogger's feed of pages is asked (404), then the site is read
    as the WordPress it is; the base stopped at the 404, its pages neither read nor said."""
    found, asked = _discover(_site(lambda n: _two_per_page(n, 1), outer=True))
    assert _read(found) == ["first-post", "page-1a", "page-1b"]
    assert len(asked) == 1 and not found.failed


def test_a_guessed_page_that_fails_is_said_at_warning() -> None:
    """Left 36 (session 34's leftover): no header, a full first page, page 2 a 503: its pages
    may be lost, said as a warning; the base said nothing."""
    full = _listed([f"/page-{n}/" for n in range(100)], None)

    def rest(number: int) -> Response:
        return full if number == 1 else Response(503, _HTML, b"busy")

    found, asked = _discover(_site(rest))
    assert len(asked) == 2 and len(found.pages) == 101
    (said,) = found.failed
    assert said.url == f"{HOST}{REST}2&_fields=link" and said.listing == "pages listing"
    assert "503" in said.reason and said.guessed and "X-WP-TotalPages" in (said.fix or "")


def test_a_guessed_page_past_the_last_is_the_end_unsaid() -> None:
    """Exactly 100 pages, no header: WordPress answers page 2 with a 400 (an invalid page
    number), which is the listing's end, not a failure."""
    full = _listed([f"/page-{n}/" for n in range(100)], None)

    def rest(number: int) -> Response:
        return (
            full
            if number == 1
            else Response(400, _JSON, b'{"code":"rest_post_invalid_page_number"}')
        )

    found, asked = _discover(_site(rest))
    assert len(asked) == 2 and len(found.pages) == 101 and not found.failed
