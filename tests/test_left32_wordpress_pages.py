"""A WordPress site's pages (its ``page`` post type: About, Sources, …) are read with its posts.

Crawling a WordPress blog, the feed lists posts only, so a page citing sources (an About page,
a reading list) was neither read nor said (probe 31: ``wp-sitemap-posts-page-1.xml`` never
asked).  A WordPress export (WXR) reads pages as posts, as a Blogger export reads its
``PAGE`` entries: the crawl now does too, from the site's sitemap of pages (WordPress's own,
``wp-sitemap-posts-page-N.xml``, or Yoast's and Rank Math's ``page-sitemap.xml``); other
sitemaps of the index (categories, tags, users) stay unread.  A site that is not WordPress asks
for nothing more.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.cli import ExitCode
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from tests.test_probe24_sitemap_listings import run_on_web

HOST = "wp.fixture-l32.example"
SOURCE = "https://src.fixture-l32.example"
_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
_XML = (("Content-Type", "application/xml; charset=UTF-8"),)
_WP_HEAD = (
    f'<link rel="https://api.w.org/" href="https://{HOST}/wp-json/">'
    f"<link rel='stylesheet' href='https://{HOST}/wp-content/themes/x/style.css'>"
)


def _html(title: str, body: str, head: str = _WP_HEAD) -> str:
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head><body>"
        f"<article><h1>{title}</h1>{body}</article></body></html>"
    )


def _cites(name: str) -> str:
    return f"<p>As <a href='{SOURCE}/{name}'>the {name} report</a> says. " + "Words. " * 30 + "</p>"


def _rss(posts: list[str]) -> bytes:
    items = "".join(
        f"<item><title>{p}</title><link>https://{HOST}/{p}/</link>"
        f"<content:encoded><![CDATA[{_cites(p)}]]></content:encoded></item>"
        for p in posts
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>WP</title><link>https://{HOST}/</link>"
        f"<generator>https://wordpress.org/?v=6.5</generator>{items}</channel></rss>"
    ).encode()


def _urlset(paths: list[str]) -> bytes:
    locs = "".join(f"<url><loc>https://{HOST}/{p}</loc></url>" for p in paths)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset {_NS}>{locs}</urlset>'.encode()


def _index(names: list[str]) -> bytes:
    locs = "".join(f"<sitemap><loc>https://{HOST}/{n}</loc></sitemap>" for n in names)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex {_NS}>{locs}</sitemapindex>'.encode()
    )


def _web(*, yoast: bool = False, wordpress: bool = True) -> Web:
    web = Web()
    head = _WP_HEAD if wordpress else ""
    posts = ["first-post", "second-post"]
    pages = ["about", "reading-list"]
    web.page(
        f"https://{HOST}/",
        _html("WP", "".join(f"<a href='/{p}/'>{p}</a>" for p in posts), head)
        + f'<link rel="alternate" type="application/rss+xml" href="https://{HOST}/feed/">',
    )
    web.add(
        f"https://{HOST}/feed/",
        Response(200, (("Content-Type", "application/rss+xml"),), _rss(posts)),
    )
    for name in (*posts, *pages):
        web.page(f"https://{HOST}/{name}/", _html(name, _cites(name), head))
        web.page(
            f"{SOURCE}/{name}", f"<html><head><title>{name}</title></head><body>x</body></html>"
        )
    web.page(f"https://{HOST}/category/news/", _html("News", _cites("category"), head))
    if yoast:
        robots = f"User-agent: *\nDisallow:\n\nSitemap: https://{HOST}/sitemap_index.xml\n"
        web.add(
            f"https://{HOST}/robots.txt",
            Response(200, (("Content-Type", "text/plain"),), robots.encode()),
        )
        index = ["post-sitemap.xml", "page-sitemap.xml", "category-sitemap.xml"]
        web.add(f"https://{HOST}/sitemap_index.xml", Response(200, _XML, _index(index)))
        web.add(
            f"https://{HOST}/page-sitemap.xml",
            Response(200, _XML, _urlset([f"{p}/" for p in pages])),
        )
        web.add(
            f"https://{HOST}/post-sitemap.xml",
            Response(200, _XML, _urlset([f"{p}/" for p in posts])),
        )
    else:
        index = [
            "wp-sitemap-posts-post-1.xml",
            "wp-sitemap-posts-page-1.xml",
            "wp-sitemap-taxonomies-category-1.xml",
            "wp-sitemap-users-1.xml",
        ]
        web.add(f"https://{HOST}/wp-sitemap.xml", Response(200, _XML, _index(index)))
        page_sitemap = _urlset([f"{p}/" for p in pages])
        web.add(f"https://{HOST}/wp-sitemap-posts-page-1.xml", Response(200, _XML, page_sitemap))
        web.add(
            f"https://{HOST}/wp-sitemap-posts-post-1.xml",
            Response(200, _XML, _urlset([f"{p}/" for p in posts])),
        )
        web.add(
            f"https://{HOST}/wp-sitemap-taxonomies-category-1.xml",
            Response(200, _XML, _urlset(["category/news/"])),
        )
    return web


@pytest.mark.parametrize("yoast", [False, True], ids=["core", "yoast"])
def test_a_wordpress_site_s_pages_are_read_with_its_posts(tmp_path: Path, yoast: bool) -> None:
    code, report, asked = run_on_web(_web(yoast=yoast), f"https://{HOST}/", tmp_path)
    read = sorted(d["url"].removeprefix(f"https://{HOST}/") for d in report["documents"])
    assert read == ["about/", "first-post/", "reading-list/", "second-post/"]
    cited = sorted(c["url"].rsplit("/", 1)[-1] for d in report["documents"] for c in d["citations"])
    assert cited == ["about", "first-post", "reading-list", "second-post"]
    assert f"https://{HOST}/category/news/" not in asked  # a category is no page of the site's
    assert code == ExitCode.OK


def test_a_site_that_is_not_wordpress_asks_for_no_page_sitemap(tmp_path: Path) -> None:
    code, report, asked = run_on_web(_web(wordpress=False), f"https://{HOST}/", tmp_path)
    read = sorted(d["url"].removeprefix(f"https://{HOST}/") for d in report["documents"])
    assert read == ["first-post/", "second-post/"]
    assert not any("sitemap" in url for url in asked)
    assert code == ExitCode.OK
