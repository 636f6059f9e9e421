"""Probe 26: a WordPress site exported to static files, its feed paged by a guessed ``?paged=N``.

WordPress pages its feed with ``/feed/?paged=2`` and answers 404 past the end, so discovery asks
for the next page until one fails.  A static host (GitHub Pages, Netlify, S3, the Staatic export
of a real WordPress blog) ignores the query and answers every ``/feed/?paged=N`` with the one
feed file: the crawl asked ``?paged=2`` … ``?paged=999`` of a real export (``Scope.max_pages``),
53 s on loopback, and at a polite pace on a real host far longer, for the two posts the first
page had given.  A feed page whose entries all came on an earlier page is the feed repeating
itself: its end.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from checker.cli import ExitCode
from checker.sampleweb import Web
from checker.sampleweb.server import Request, Response
from tests.test_probe24_sitemap_listings import run_on_web

HOST = "static-wp.fixture-p26.example"
LIVE = "https://live.fixture-p26.example/source"


def _body(slug: str) -> str:
    return (
        f"<p>The post {slug} cites <a href='{LIVE}'>its source</a> for what it says, with "
        "enough words around the link to be read as the post's own text.</p>"
    )


def _post(slug: str) -> str:
    return (
        f"<!DOCTYPE html><html><head><title>{slug}</title></head><body><article><h1>{slug}</h1>"
        f"{_body(slug)}</article></body></html>"
    )


def _feed(slugs: tuple[str, ...]) -> bytes:
    items = "".join(
        f"<item><title>{s}</title><link>https://{HOST}/{s}/</link>"
        f"<pubDate>Mon, 01 Jan 2024 00:00:00 +0000</pubDate>"
        f"<content:encoded><![CDATA[{_body(s)}]]></content:encoded></item>"
        for s in slugs
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Static</title><link>https://{HOST}/</link>{items}</channel></rss>"
    ).encode()


def _static_host(request: Request) -> Response:
    """A static file host: the path picks the file, the query is ignored."""
    path = urlsplit(request.path).path
    if path in ("/feed/", "/feed"):
        return Response(200, (("Content-Type", "application/rss+xml"),), _feed(("one", "two")))
    if path in ("/one/", "/two/"):
        body = _post(path.strip("/")).encode()
        return Response(200, (("Content-Type", "text/html; charset=utf-8"),), body)
    return Response(404, (("Content-Type", "text/html"),), b"<title>404</title>")


def test_a_feed_that_repeats_its_first_page_ends_there(tmp_path: Path) -> None:
    web = Web()
    web.fallback(HOST, _static_host)
    web.page(LIVE, "<title>Source</title><article><h1>Source</h1><p>The source's text.</p>")
    code, report, asked = run_on_web(web, f"https://{HOST}/feed/", tmp_path)
    assert sorted(d["url"] for d in report["documents"]) == [
        f"https://{HOST}/one/",
        f"https://{HOST}/two/",
    ]
    paged = [url for url in asked if "paged=" in url]
    assert len(paged) == 1, paged  # ``?paged=2`` repeats page one: the end
    assert code == ExitCode.OK


def _growing_host(request: Request) -> Response:
    """A real WordPress feed: ``?paged=2`` holds one entry of page one (a post published
    between the two requests pushed it down) and a new one; ``?paged=3`` is past the end."""
    parts = urlsplit(request.path)
    pages = {"": ("one", "two"), "paged=2": ("two", "three")}
    if parts.path == "/feed/" and parts.query in pages:
        body = _feed(pages[parts.query])
        return Response(200, (("Content-Type", "application/rss+xml"),), body)
    if parts.path in ("/one/", "/two/", "/three/"):
        body = _post(parts.path.strip("/")).encode()
        return Response(200, (("Content-Type", "text/html; charset=utf-8"),), body)
    return Response(404, (("Content-Type", "text/html"),), b"<title>404</title>")


def test_a_page_with_one_new_entry_is_no_repeat(tmp_path: Path) -> None:
    web = Web()
    web.fallback(HOST, _growing_host)
    web.page(LIVE, "<title>Source</title><article><h1>Source</h1><p>The source's text.</p>")
    _code, report, _asked = run_on_web(web, f"https://{HOST}/feed/", tmp_path)
    assert len(report["documents"]) == 3
