"""Probe 17: a sitemap robots.txt declares and that cannot be read is said, when it was the way.

A blog whose robots.txt names only ``sitemap.xml.gz`` (gzip-compressed, which discovery did not
read) "yielded no post to check" with no word of why: a sitemap named by robots.txt was tried
as quietly as the guessed ``/sitemap.xml``.  Now, when no sitemap can be read, each declared one
is an unread listing with its reason; when another one is read, nothing is said (no false alarm).
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator

import pytest

from checker.config import Config
from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Response
from tests.discover.conftest import run_discovery, served_config

_XML = (("Content-Type", "application/xml"),)
_TEXT = (("Content-Type", "text/plain"),)


def _urlset(host: str) -> bytes:
    loc = f"<url><loc>https://{host}/2025/01/post.html</loc></url>"
    return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{loc}</urlset>'.encode()


def _blog(web: Web, host: str, declared: dict[str, Response]) -> None:
    web.page(f"https://{host}/", "<html><head><title>A blog</title></head><body></body></html>")
    page = "<html><head><title>A post</title></head><body><p>Text.</p></body></html>"
    web.page(f"https://{host}/2025/01/post.html", page)
    lines = "".join(f"Sitemap: https://{host}{path}\n" for path in declared)
    web.add(f"https://{host}/robots.txt", Response(200, _TEXT, f"User-agent: *\n{lines}".encode()))
    for path, answer in declared.items():
        web.add(f"https://{host}{path}", answer)


def _web() -> Web:
    web = Web()
    # a gzip sitemap is read since probe 18 (tests/discover/test_gzip_sitemaps.py): a corrupt one
    # still cannot be
    corrupt = gzip.compress(_urlset("gz.x"))[:12] + b"not deflate data"
    gz = Response(200, (("Content-Type", "application/x-gzip"),), corrupt)
    _blog(web, "gz.x", {"/sitemap.xml.gz": gz})
    _blog(web, "html.x", {"/sitemap": Response(200, (("Content-Type", "text/html"),), b"<p>")})
    _blog(web, "both.x", {"/s.xml.gz": gz, "/s.xml": Response(200, _XML, _urlset("both.x"))})
    _blog(web, "guess.x", {})
    return web


@pytest.fixture(scope="module")
def config() -> Iterator[Config]:
    with SampleWeb(_web()) as site:
        yield served_config(site)


@pytest.mark.parametrize(
    ("host", "path", "reason"),
    [
        ("gz.x", "/sitemap.xml.gz", "not a text page (application/x-gzip)"),
        ("html.x", "/sitemap", "not a sitemap"),
    ],
)
def test_the_only_declared_sitemap_unread_is_a_listing_with_its_reason(
    config: Config, host: str, path: str, reason: str
) -> None:
    found, _requests = run_discovery(config, f"https://{host}/")
    assert found.pages == ()
    assert [(u.url, u.reason, u.listing) for u in found.failed] == [
        (f"https://{host}{path}", reason, "sitemap")
    ]


def test_an_unread_sitemap_is_not_said_when_another_gives_the_posts(config: Config) -> None:
    found, _requests = run_discovery(config, "https://both.x/")
    assert [page.url for page in found.pages] == ["https://both.x/2025/01/post.html"]
    assert found.failed == ()


def test_the_guessed_sitemap_fails_quietly(config: Config) -> None:
    found, _requests = run_discovery(config, "https://guess.x/")
    assert found.pages == () and found.failed == ()
