"""A Blogger blog's pages (``/p/about.html``: an About page, a reading list) are read with its
posts when its home is crawled, from its feed of pages (``/feeds/pages/default``), whole, as its
export reads its ``kind#page`` entries: the posts' feed never lists them, and a crawl neither
read nor said them (session 32 left).  A blog without pages answers that feed empty (guard: the
posts alone).  Served through the sample web (loopback TLS, ``--connect-to``)."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from checker.discover.crawl import BLOGGER_FEED_PAGE as PAGE
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from tests.test_probe24_sitemap_listings import run_on_web

HOST = "l33a-pages.blogspot.com"
SOURCE = "https://src.fixture-l33a.example"
_ATOM = (("Content-Type", "application/atom+xml; charset=UTF-8"),)
_KIND = "http://schemas.google.com/g/2005#kind"


def _body(name: str) -> str:
    return f"<p>As <a href='{SOURCE}/{name}'>the {name} report</a> says. " + "Words. " * 30 + "</p>"


def _feed(kind: str, paths: list[str]) -> bytes:
    entries = "".join(
        f"<entry><id>tag:blogger.com,1999:blog-1.{kind}-{n}</id>"
        "<published>2025-01-0{0}T10:00:00.000+09:00</published>".format(n + 1)
        + f'<category scheme="{_KIND}" term="http://schemas.google.com/blogger/2008/kind#{kind}"/>'
        f"<title type='text'>{path}</title>"
        f"<content type='html'>{escape(_body(path.rsplit('/', 1)[-1].removesuffix('.html')))}"
        f"</content><link rel='alternate' type='text/html' href='https://{HOST}/{path}'/></entry>"
        for n, path in enumerate(paths)
    )
    return (
        "<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom' "
        "xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/'>"
        f"<id>tag:blogger.com,1999:blog-1.{kind}s</id><title>Blog</title>"
        f"<openSearch:totalResults>{len(paths)}</openSearch:totalResults>"
        f"<openSearch:startIndex>1</openSearch:startIndex>{entries}</feed>"
    ).encode()


POSTS = ["2025/01/first.html", "2025/02/second.html"]
PAGES = ["p/about.html", "p/reading-list.html"]


def _web(pages: list[str]) -> Web:
    web = Web()
    outer = "".join(
        f"<div class='post-outer'><h3 class='post-title'><a href='https://{HOST}/{p}'>{p}</a>"
        "</h3></div>"
        for p in POSTS
    )
    web.page(
        f"https://{HOST}/", f"<html><head><title>Blog</title></head><body>{outer}</body></html>"
    )
    for kind, listed in (("posts", POSTS), ("pages", pages)):
        feed = Response(200, _ATOM, _feed(kind[:-1], listed))
        web.add(f"https://{HOST}/feeds/{kind}/default?start-index=1&max-results={PAGE}", feed)
    for name in (*POSTS, *PAGES):
        stem = name.rsplit("/", 1)[-1].removesuffix(".html")
        web.page(
            f"{SOURCE}/{stem}", f"<html><head><title>{stem}</title></head><body>x</body></html>"
        )
    return web


@pytest.mark.parametrize("pages", [PAGES, []], ids=["pages", "no-pages"])
def test_a_blogger_blog_s_pages_are_read_with_its_posts(tmp_path: Path, pages: list[str]) -> None:
    _code, report, asked = run_on_web(_web(pages), f"https://{HOST}/", tmp_path)
    read = sorted(d["url"].removeprefix(f"https://{HOST}/") for d in report["documents"])
    assert read == sorted(POSTS + pages)
    cited = sorted(c["url"] for d in report["documents"] for c in d["citations"])
    assert cited == sorted(f"{SOURCE}/{p.rsplit('/', 1)[-1][:-5]}" for p in POSTS + pages)
    assert f"https://{HOST}/feeds/pages/default" in {a.split("?", 1)[0] for a in asked}
