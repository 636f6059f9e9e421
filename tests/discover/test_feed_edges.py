"""What a blog crawl meets in feeds: ``xml:base``, a declared non-UTF-8 encoding, loops.

Probe 18.  A feed whose links are relative to ``xml:base`` named posts at the feed's own path
(``/feeds/p0.html``, a 404: a ``post-unreadable`` false alarm for every post), and its content's
relative links resolved against the post instead of the base.  A feed declaring
``encoding="shift_jis"`` was decoded once by the fetcher and again by lxml from the declaration:
every title and body mojibake.  Loops (a sitemap index naming itself, ``rel=next`` back to the
first page) end, with every post found once.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from checker.config import DEFAULT_MAX_BYTES, Config
from checker.discover.feeds import parse_feed
from checker.discover.sitemap import parse_sitemap
from checker.extract import extract
from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Response
from tests.discover.conftest import run_discovery
from tests.fetch.support import config_for

_ATOM = (("Content-Type", "application/atom+xml"),)
_XML = (("Content-Type", "application/xml"),)
_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def _home(web: Web, host: str, feed: str = "/feed.atom") -> None:
    link = f'<link rel="alternate" type="application/atom+xml" href="{feed}">'
    web.page(f"https://{host}/", f"<html><head><title>B</title>{link}</head><body></body></html>")


_BASED = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://base.x/blog/">
<link rel="alternate" href="./"/>
<entry xml:base="2025/01/"><title>P0</title><link rel="alternate" href="p0.html"/>
<content type="html">&lt;p&gt;See &lt;a href="notes/a.html"&gt;notes&lt;/a&gt;.&lt;/p&gt;</content>
</entry>
<entry><title>P1</title><link rel="alternate" href="2025/01/p1.html"/>
<content type="html">&lt;p&gt;Plain.&lt;/p&gt;</content></entry>
</feed>"""

_JA = """<?xml version="1.0" encoding="shift_jis"?>
<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>日本語の題名(Foreign Affairs)</title>
<link rel="alternate" href="https://HOST/2025/01/j.html"/>
<content type="html">&lt;p&gt;本文です。&lt;/p&gt;</content></entry></feed>"""


def _cycle(n: int, next_page: str) -> bytes:
    entry = (
        f'<entry><title>C{n}</title><link rel="alternate" href="https://cycle.x/2025/01/c{n}.html"/>'
        '<content type="html">&lt;p&gt;c&lt;/p&gt;</content></entry>'
    )
    feed = f'<feed xmlns="http://www.w3.org/2005/Atom"><link rel="next" href="{next_page}"/>'
    return f"{feed}{entry}</feed>".encode()


def _web() -> Web:
    web = Web()
    _home(web, "base.x")
    web.add("https://base.x/feed.atom", Response(200, _ATOM, _BASED.encode()))
    for host, kind in (
        ("sjis.x", "application/atom+xml"),
        ("mislabel.x", "text/xml; charset=utf-8"),
    ):
        _home(web, host, "/f")
        body = _JA.replace("HOST", host).encode("shift_jis")
        web.add(f"https://{host}/f", Response(200, (("Content-Type", kind),), body))
    _home(web, "cycle.x", "/f1")
    web.add("https://cycle.x/f1", Response(200, _ATOM, _cycle(1, "/f2")))
    web.add("https://cycle.x/f2", Response(200, _ATOM, _cycle(2, "https://cycle.x/f1")))
    web.page("https://loop.x/", "<html><body></body></html>")
    web.page("https://loop.x/p.html", "<html><head><title>P</title></head><body>x</body></html>")
    index = (
        f"<sitemapindex {_NS}><sitemap><loc>https://loop.x/sitemap.xml</loc></sitemap>"
        "<sitemap><loc>https://loop.x/s2.xml</loc></sitemap></sitemapindex>"
    )
    web.add("https://loop.x/sitemap.xml", Response(200, _XML, index.encode()))
    web.add(
        "https://loop.x/s2.xml", Response(200, _XML, index.replace("s2.xml", "s3.xml").encode())
    )
    urls = f"<urlset {_NS}><url><loc>https://loop.x/p.html</loc></url></urlset>"
    web.add("https://loop.x/s3.xml", Response(200, _XML, urls.encode()))
    return web


@pytest.fixture(scope="module")
def config() -> Iterator[Config]:
    with SampleWeb(_web()) as site:
        yield config_for(site, retries=0, timeout=10.0, max_bytes=DEFAULT_MAX_BYTES)


def test_feed_links_resolve_against_xml_base(config: Config) -> None:
    found, _requests = run_discovery(config, "https://base.x/")
    assert [page.url for page in found.pages] == [
        "https://base.x/blog/2025/01/p0.html",
        "https://base.x/blog/2025/01/p1.html",
    ]
    assert found.failed == ()


def test_content_links_resolve_against_the_contents_xml_base(config: Config) -> None:
    found, _requests = run_discovery(config, "https://base.x/")
    (document,) = extract(found.pages[0])
    assert [c.url for c in document.citations if c.kind.value == "link"] == [
        "https://base.x/blog/2025/01/notes/a.html"
    ]
    # the feed's own xml:base is the second entry's content base, not its link
    assert '<base href="https://base.x/blog/">' in found.pages[1].body


@pytest.mark.parametrize("host", ["sjis.x", "mislabel.x"])
def test_a_feed_in_its_declared_encoding_is_read_once(config: Config, host: str) -> None:
    found, _requests = run_discovery(config, f"https://{host}/")
    (page,) = found.pages
    (document,) = extract(page)
    assert document.title == "日本語の題名(Foreign Affairs)"
    assert "本文です" in page.body


def test_a_declared_encoding_does_not_decode_decoded_text_again() -> None:
    feed = parse_feed(_JA.replace("HOST", "x.x"), "https://x.x/f")
    assert feed is not None and feed.entries[0].title == "日本語の題名(Foreign Affairs)"
    sitemap = parse_sitemap(
        f'<?xml version="1.0" encoding="shift_jis"?><urlset {_NS}>'
        "<url><loc>https://x.x/ラベル.html</loc></url></urlset>",
        "https://x.x/sitemap.xml",
    )
    assert sitemap is not None and sitemap.urls == (("https://x.x/ラベル.html", None),)


def test_a_next_link_back_to_the_first_page_ends(config: Config) -> None:
    found, requests = run_discovery(config, "https://cycle.x/")
    assert sorted(page.url for page in found.pages) == [
        "https://cycle.x/2025/01/c1.html",
        "https://cycle.x/2025/01/c2.html",
    ]
    assert found.failed == () and requests < 10


def test_a_sitemap_index_naming_itself_ends(config: Config) -> None:
    found, requests = run_discovery(config, "https://loop.x/")
    assert [page.url for page in found.pages] == ["https://loop.x/p.html"]
    assert found.failed == () and requests < 10
