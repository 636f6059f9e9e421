"""Blogs whose feeds, listings and post pages lose posts, for the "no post lost" tests.

Each blog is the fixture blog of :mod:`tests.fixtureweb.big_blog` served through a wrapper that
changes what one kind of answer says: a feed whose entries are cut (Blogger "short" feeds, the
jump break, no content), a label feed that answers with fewer posts than the label page shows,
permalinks written another way (``http://``, ``?m=1``, ``#more``), post pages that fail.  A small
WordPress-like site serves an excerpt feed.  Every post ends in an attribution block citing an
article on ``articles.example.com``, so a test can see that the block was found and checked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from html import escape, unescape

from checker.sampleweb.server import Request, Response, Web
from tests.fixtureweb.big_blog import BlogFixture, big_blog

ARTICLES = "articles.example.com"
WP_HOST = "wp.example.com"
WP_POSTS = 4
POSTS = 6
"""Posts of each small blog (one feed page, one listing page)."""

_ENTRY = re.compile(r"<entry>.*?</entry>", re.S)
_CONTENT = re.compile(r"<content type='html'>(.*?)</content>", re.S)
_ALTERNATE = re.compile(r"<link rel='alternate' type='text/html' href='([^']+)'")
_TAGS = re.compile(r"<[^>]+>")
_END_MARK = "<p>■</p>"
_HTML = (("Content-Type", "text/html; charset=utf-8"),)

Change = Callable[[Request, Response], Response]


@dataclass(frozen=True, slots=True)
class LossyBlogs:
    """The blogs of the lossy web, by the way each one loses posts."""

    cut: dict[str, BlogFixture]
    label_feed: dict[str, BlogFixture]
    variants: BlogFixture
    failing: BlogFixture


def lossy_web() -> tuple[Web, LossyBlogs]:
    """The web of every lossy blog, and what the tests need to know about them."""
    web, inner = Web(), Web()
    cut = {
        kind: _blog(web, inner, f"cut-{kind}.blogspot.com", _cut_feed(make))
        for kind, make in CUTS.items()
    }
    label_feed = {
        kind: _blog(web, inner, f"label-{kind}.blogspot.com", change, posts=60, allow=allow)
        for kind, change, allow in (
            ("short", _label_feed(lambda entries: entries[:2]), True),
            ("empty", _label_feed(lambda entries: []), True),
            ("empty-robots", _label_feed(lambda entries: []), False),
            ("missing", _label_feed_missing, True),
        )
    }
    variants = _blog(web, inner, "variants.blogspot.com", _variants, sitemap_only=True)
    failing = _blog(web, inner, "failing.blogspot.com", _failing, sitemap_only=True)
    web.fallback(ARTICLES, inner.respond)
    _wordpress(web)
    return web, LossyBlogs(cut, label_feed, variants, failing)


def _blog(
    web: Web,
    inner: Web,
    host: str,
    change: Change,
    *,
    posts: int = POSTS,
    allow: bool = False,
    sitemap_only: bool = False,
) -> BlogFixture:
    blog = big_blog(
        inner,
        host=host,
        posts=posts,
        articles_host=ARTICLES,
        feeds=not sitemap_only,
        disallow_search=not allow,
    )
    web.fallback(host, lambda request: change(request, inner.respond(request)))
    return blog


def _text(response: Response) -> str:
    return response.body.decode("utf-8")


def _with_body(response: Response, text: str) -> Response:
    return Response(response.status, response.headers, text.encode("utf-8"))


# -- feeds whose entries are not the whole post -------------------------------------------------

EntryCut = Callable[[str, str], str]
"""(the entry's HTML content, its permalink) → the element that replaces its ``<content>``."""


def _short(content: str, url: str) -> str:
    text = " ".join(_TAGS.sub(" ", content).split())[:60]
    return f"<summary type='text'>{escape(text)}</summary>"


def _jump(content: str, url: str) -> str:
    head = content.split(_END_MARK, 1)[0]
    return _html_content(f'{head}<a href="{url}#more">Read more »</a>')


def _jump_ja(content: str, url: str) -> str:
    head = content.split(_END_MARK, 1)[0]
    return _html_content(f'{head}<div class="jump-link"><a href="{url}">続きを読む »</a></div>')


def _empty(content: str, url: str) -> str:
    return "<content type='html'></content>"


def _html_content(html: str) -> str:
    return f"<content type='html'>{escape(html)}</content>"


CUTS: dict[str, EntryCut] = {"short": _short, "jump": _jump, "jump-ja": _jump_ja, "empty": _empty}
"""Each way a Blogger feed gives less than the post."""


def _cut_feed(cut: EntryCut) -> Change:
    def change(request: Request, response: Response) -> Response:
        if not request.path.startswith("/feeds/") or response.status != 200:
            return response

        def entry(match: re.Match[str]) -> str:
            found = _ALTERNATE.search(match.group(0))
            url = found.group(1) if found else ""
            return _CONTENT.sub(lambda c: cut(unescape(c.group(1)), url), match.group(0))

        return _with_body(response, _ENTRY.sub(entry, _text(response)))

    return change


# -- label feeds that answer with fewer posts than the label page shows --------------------------


def _label_feed(keep: Callable[[list[str]], list[str]]) -> Change:
    def change(request: Request, response: Response) -> Response:
        if not request.path.startswith("/feeds/posts/default/-/"):
            return response
        text = _text(response)
        entries = _ENTRY.findall(text)
        kept = keep(entries)
        text = _ENTRY.sub("", text)
        text = re.sub(r"<link rel='next'[^>]*/>", "", text)
        text = re.sub(
            r"<openSearch:totalResults>\d+<", f"<openSearch:totalResults>{len(kept)}<", text
        )
        return _with_body(response, text.replace("</feed>", "".join(kept) + "</feed>"))

    return change


def _label_feed_missing(request: Request, response: Response) -> Response:
    if request.path.startswith("/feeds/"):
        return Response(404, _HTML, b"<html><body>Not found</body></html>")
    return response


# -- the same post written several ways ---------------------------------------------------------


def _variants(request: Request, response: Response) -> Response:
    """A sitemap that names each post three ways, and listing links in ``http://`` + ``?m=1``."""
    if request.path.startswith("/sitemap.xml?"):
        text = _text(response)
        text = re.sub(
            r"<url><loc>https://([^<]+)</loc>(.*?)</url>",
            lambda m: (
                f"{m.group(0)}<url><loc>http://{m.group(1)}?m=1</loc>{m.group(2)}</url>"
                f"<url><loc>https://{m.group(1)}#more</loc>{m.group(2)}</url>"
                f"<url><loc>https://{m.group(1)}?showComment=17#c17</loc>{m.group(2)}</url>"
            ),
            text,
        )
        return _with_body(response, text)
    return response


# -- post pages that cannot be read -------------------------------------------------------------

FAILING = {
    "post-5.html": "HTTP 503",
    "post-4.html": "timeout",
    "post-3.html": "not an HTML page (application/json)",
    "post-2.html": "not an HTML page (no HTML markup in the body)",
}
"""Post pages of the failing blog that answer badly, and the reason discovery must give."""
DISALLOWED = "post-1.html"
"""The failing blog's robots.txt disallows this post."""
SLOW = 3.0
"""Seconds the timing-out post waits before answering (tests use a shorter timeout)."""


def _failing(request: Request, response: Response) -> Response:
    name = request.path.rsplit("/", 1)[-1]
    if request.path == "/robots.txt":
        rules = _text(response).replace("Allow: /\n", f"Disallow: /2023/01/{DISALLOWED}\n")
        return _with_body(response, rules)
    if name == "post-5.html":
        return Response(503, _HTML, b"<html><body>Service Unavailable</body></html>")
    if name == "post-4.html":
        return Response(200, _HTML, response.body, delay=SLOW)
    if name == "post-3.html":
        return Response(200, (("Content-Type", "application/json"),), b'{"post": 3}')
    if name == "post-2.html":
        return Response(200, _HTML, "本文だけ、マークアップなし。".encode())
    return response


# -- a WordPress site whose feed gives excerpts -------------------------------------------------

_FIRST_DAY = datetime(2023, 1, 1, 9, 0, tzinfo=UTC)


def wordpress_post_url(i: int) -> str:
    """The permalink of WordPress post ``i``."""
    return f"https://{WP_HOST}/2023/01/wp-post-{i}/"


def _wp_body(i: int) -> str:
    day = _FIRST_DAY + timedelta(days=i)
    return (
        f"<p>ワードプレスの投稿 {i} です。</p>{_END_MARK}"
        f"<p>Report number {i} on the state of the world</p><p>By Jane Writer</p>"
        f"<p>{day:%B} {day.day}, {day.year}</p>"
        f'<p><a href="https://{ARTICLES}/news/{i}">https://{ARTICLES}/news/{i}</a></p>'
    )


def _wp_excerpt(i: int) -> str:
    """Excerpts as WordPress writes them: ``[&#8230;]``, or a "Continue reading" link."""
    url = wordpress_post_url(i)
    if i % 2:
        return f"ワードプレスの投稿 {i} です。 [&#8230;]"
    return (
        f'<p>ワードプレスの投稿 {i} です。&#8230; <a href="{url}" class="more-link">'
        f'Continue reading<span class="screen-reader-text"> "Post {i}"</span></a></p>'
        f'<p>The post <a href="{url}">Post {i}</a> appeared first on <a href="/">WP</a>.</p>'
    )


def _wordpress(web: Web) -> None:
    items = "".join(
        f"<item><title>Post {i}</title><link>{wordpress_post_url(i)}</link>"
        f"<pubDate>{(_FIRST_DAY + timedelta(days=i)):%a, %d %b %Y %H:%M:%S} +0000</pubDate>"
        f"<description><![CDATA[{_wp_excerpt(i)}]]></description></item>"
        for i in reversed(range(WP_POSTS))
    )
    feed = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>WP</title><link>https://{WP_HOST}/</link>{items}</channel></rss>"
    )
    web.add(
        f"https://{WP_HOST}/feed/",
        Response(200, (("Content-Type", "application/rss+xml"),), feed.encode("utf-8")),
    )
    teasers = "".join(
        f'<article><h2 class="entry-title"><a href="{wordpress_post_url(i)}">Post {i}</a></h2>'
        "</article>"
        for i in reversed(range(WP_POSTS))
    )
    web.page(
        f"https://{WP_HOST}/",
        '<!DOCTYPE html><html><head><link rel="alternate" type="application/rss+xml" '
        f'href="https://{WP_HOST}/feed/"></head><body>{teasers}</body></html>',
    )
    for i in range(WP_POSTS):
        web.page(
            wordpress_post_url(i),
            f"<!DOCTYPE html><html><head><title>Post {i}</title></head><body>"
            f'<article class="post"><h1 class="entry-title">Post {i}</h1>'
            f'<div class="entry-content">{_wp_body(i)}</div></article></body></html>',
        )
