"""A large Blogger blog on the sample web, to test discovering every post of a blog.

A real translation blog has hundreds of posts spread over label pages, feed pages and a sitemap,
and each discovery route (feeds, sitemap, HTML pager) must find every one of them exactly once.
Writing 500 pages to disk would be slow and pointless, so every page here is rendered by a
handler when it is asked for: the home and label pages (20 posts each, Blogger's
``blog-pager-older-link`` to older posts), the Atom feeds with ``start-index``/``max-results``
paging (Blogger caps ``max-results`` at 150), ``sitemap.xml`` as an index of sitemap pages, and a
robots.txt like Blogger's (``Disallow: /search`` and a ``Sitemap:`` line).  Each post ends in an
attribution block citing an article on ``articles_host``, which the fixture also serves, so the
whole pipeline can run on it.

Switches let a test take a route away (``feeds=False`` answers 404 for feeds, ``sitemap=False``
for the sitemap) or allow ``/search`` in robots.txt so the HTML pager may be crawled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from html import escape
from urllib.parse import parse_qs, quote, unquote, urlsplit

from checker.sampleweb.server import Request, Response, Web

__all__ = ["BIG_BLOG_LABELS", "BlogFixture", "FixturePost", "big_blog"]

BIG_BLOG_LABELS = ("ウクライナ", "ロシア", "Foreign Affairs", "日本")
"""Default labels: post ``i`` has label ``i % len(labels)``, and the first one if 5 divides i."""

_PAGE_SIZE = 20
_FEED_DEFAULT = 25
_FEED_CAP = 150
_SITEMAP_PAGE = 150
_FIRST_DAY = datetime(2023, 1, 1, 9, 0, tzinfo=UTC)
_HTML = (("Content-Type", "text/html; charset=utf-8"),)
_ATOM = (("Content-Type", "application/atom+xml; charset=utf-8"),)
_XML = (("Content-Type", "text/xml; charset=utf-8"),)
_TEXT = (("Content-Type", "text/plain; charset=utf-8"),)


@dataclass(frozen=True, slots=True)
class FixturePost:
    """One post of the fixture blog."""

    index: int
    url: str
    title: str
    published: datetime
    labels: tuple[str, ...]
    source_url: str
    source_title: str

    @property
    def day(self) -> date:
        """The publication day."""
        return self.published.date()


@dataclass(frozen=True, slots=True)
class BlogFixture:
    """What a test needs to know about the blog: its addresses and its posts, newest first."""

    host: str
    home: str
    posts: tuple[FixturePost, ...]
    labels: tuple[str, ...]

    @property
    def post_urls(self) -> tuple[str, ...]:
        """Every permalink, newest first."""
        return tuple(p.url for p in self.posts)

    def label_url(self, label: str) -> str:
        """The label page, percent-encoded as a browser sends it."""
        return f"{self.home}search/label/{quote(label)}"

    def label_posts(self, label: str) -> tuple[FixturePost, ...]:
        """The posts carrying ``label``, newest first."""
        return tuple(p for p in self.posts if label in p.labels)


def big_blog(
    web: Web,
    *,
    host: str,
    posts: int = 520,
    labels: tuple[str, ...] = BIG_BLOG_LABELS,
    articles_host: str = "articles.example.com",
    feeds: bool = True,
    sitemap: bool = True,
    disallow_search: bool = True,
) -> BlogFixture:
    """Add a Blogger blog of ``posts`` posts on ``https://host/`` (and its sources) to ``web``."""
    blog = BlogFixture(
        host, f"https://{host}/", _make_posts(host, posts, labels, articles_host), labels
    )
    web.fallback(host, _Site(blog, feeds=feeds, sitemap=sitemap, disallow=disallow_search).respond)
    if articles_host not in web.hosts:
        web.fallback(articles_host, _article)
    return blog


def _make_posts(
    host: str, count: int, labels: tuple[str, ...], articles_host: str
) -> tuple[FixturePost, ...]:
    made = []
    for i in range(count):
        published = _FIRST_DAY + timedelta(days=i, minutes=i)
        own = (labels[i % len(labels)],) if labels else ()
        if labels and i % 5 == 0 and labels[0] not in own:
            own = (*own, labels[0])
        url = f"https://{host}/{published:%Y/%m}/post-{i}.html"
        source_title = f"Report number {i} on the state of the world"
        made.append(
            FixturePost(
                i,
                url,
                f"世界情勢の報告 第{i}号(Sample Times)",
                published,
                own,
                f"https://{articles_host}/news/{i}",
                source_title,
            )
        )
    return tuple(reversed(made))


class _Site:
    """Renders every page of one blog on demand."""

    def __init__(self, blog: BlogFixture, *, feeds: bool, sitemap: bool, disallow: bool) -> None:
        self.blog = blog
        self.feeds = feeds
        self.sitemap = sitemap
        self.disallow = disallow
        self.by_path = {urlsplit(p.url).path: p for p in blog.posts}

    def respond(self, request: Request) -> Response:
        parts = urlsplit(request.path)
        path = unquote(parts.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        if path == "/robots.txt":
            return Response(200, _TEXT, self._robots().encode())
        if path in ("/", "/search") or path.startswith("/search/label/"):
            label = path.removeprefix("/search/label/") if path.startswith("/search/") else None
            return self._listing(path, label or None, query)
        if path.startswith("/feeds/posts/default"):
            return self._feed(path, query) if self.feeds else _missing()
        if path == "/sitemap.xml":
            return self._sitemap(query) if self.sitemap else _missing()
        post = self.by_path.get(path)
        if post is not None:
            return Response(200, _HTML, _page([post], self.blog, None).encode())
        return _missing()

    def _robots(self) -> str:
        rule = "Disallow: /search\n" if self.disallow else ""
        return (
            "User-agent: Mediapartners-Google\nDisallow:\n\n"
            f"User-agent: *\n{rule}Allow: /\n\nSitemap: {self.blog.home}sitemap.xml\n"
        )

    def _listing(self, path: str, label: str | None, query: dict[str, str]) -> Response:
        chosen = self.blog.label_posts(label) if label else self.blog.posts
        if "updated-max" in query:
            limit = datetime.fromisoformat(query["updated-max"])
            chosen = tuple(p for p in chosen if p.published < limit)
        size = min(int(query.get("max-results", _PAGE_SIZE)), _PAGE_SIZE)
        shown = chosen[:size]
        older = None
        if len(chosen) > size:
            base = f"{self.blog.home}search"
            if label:
                base += f"/label/{quote(label)}"
            stamp = quote(shown[-1].published.isoformat())
            older = f"{base}?updated-max={stamp}&max-results={size}"
        return Response(200, _HTML, _page(list(shown), self.blog, older).encode())

    def _feed(self, path: str, query: dict[str, str]) -> Response:
        label = unquote(path.removeprefix("/feeds/posts/default").removeprefix("/-/")) or None
        chosen = self.blog.label_posts(label) if label else self.blog.posts
        start = max(int(query.get("start-index", 1)), 1)
        size = min(int(query.get("max-results", _FEED_DEFAULT)), _FEED_CAP)
        return Response(200, _ATOM, _atom(self.blog, path, chosen, start, size).encode())

    def _sitemap(self, query: dict[str, str]) -> Response:
        posts = self.blog.posts
        if "page" not in query:
            pages = (len(posts) + _SITEMAP_PAGE - 1) // _SITEMAP_PAGE
            items = "".join(
                f"<sitemap><loc>{self.blog.home}sitemap.xml?page={n}</loc></sitemap>"
                for n in range(1, pages + 1)
            )
            body = f'{_XML_DECL}<sitemapindex xmlns="{_SM}">{items}</sitemapindex>'
            return Response(200, _XML, body.encode())
        n = int(query["page"])
        chunk = posts[(n - 1) * _SITEMAP_PAGE : n * _SITEMAP_PAGE]
        urls = "".join(
            f"<url><loc>{p.url}</loc><lastmod>{p.published.isoformat()}</lastmod></url>"
            for p in chunk
        )
        body = f'{_XML_DECL}<urlset xmlns="{_SM}">{urls}</urlset>'
        return Response(200, _XML, body.encode())


_SM = "http://www.sitemaps.org/schemas/sitemap/0.9"
_XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>'


def _missing() -> Response:
    return Response(404, _HTML, b"<html><title>404</title><body>Not found</body></html>")


def _body(post: FixturePost) -> str:
    return (
        f"<p>これは第{post.index}号の翻訳です。世界の情勢についての記事を紹介します。</p>"
        f"<p>本文の段落 {post.index}。</p><p>■</p>"
        f"<p>{escape(post.source_title)}</p><p>By Jane Writer</p>"
        f"<p>{post.published:%B} {post.published.day}, {post.published.year}</p>"
        f'<p><a href="{post.source_url}">{post.source_url}</a></p>'
    )


def _post_html(post: FixturePost) -> str:
    labels = ", ".join(
        f'<a href="/search/label/{quote(label)}" rel="tag">{escape(label)}</a>'
        for label in post.labels
    )
    return (
        f'<div class="date-outer"><h2 class="date-header"><span>{post.day.isoformat()}</span></h2>'
        '<div class="date-posts"><div class="post-outer">'
        '<div class="post hentry" itemprop="blogPost" itemscope '
        'itemtype="http://schema.org/BlogPosting">'
        f'<h3 class="post-title entry-title" itemprop="name"><a href="{post.url}">'
        f"{escape(post.title)}</a></h3>"
        f'<div class="post-body entry-content" id="post-body-{post.index}" '
        f'itemprop="description articleBody">{_body(post)}</div>'
        f'<div class="post-footer"><span class="post-labels">ラベル: {labels}</span></div>'
        "</div></div></div></div>"
    )


def _page(posts: list[FixturePost], blog: BlogFixture, older: str | None) -> str:
    pager = (
        f'<div class="blog-pager" id="blog-pager"><span id="blog-pager-older-link">'
        f'<a class="blog-pager-older-link" href="{escape(older)}" title="前の投稿">前の投稿</a>'
        "</span></div>"
        if older
        else '<div class="blog-pager" id="blog-pager"></div>'
    )
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Sample big blog</title>'
        f'<link rel="alternate" type="application/atom+xml" title="Atom" '
        f'href="{blog.home}feeds/posts/default">'
        '<meta name="generator" content="Blogger"></head><body><div class="blog-posts hfeed">'
        + "".join(_post_html(p) for p in posts)
        + f"</div>{pager}</body></html>"
    )


def _atom(
    blog: BlogFixture, path: str, posts: tuple[FixturePost, ...], start: int, size: int
) -> str:
    chosen = posts[start - 1 : start - 1 + size]
    self_url = f"{blog.home}{path.lstrip('/')}"
    links = [f"<link rel='self' type='application/atom+xml' href='{self_url}'/>"]
    if start - 1 + size < len(posts):
        nxt = f"{self_url}?start-index={start + size}&amp;max-results={size}"
        links.append(f"<link rel='next' type='application/atom+xml' href='{nxt}'/>")
    entries = "".join(_entry(p) for p in chosen)
    return (
        "<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom' "
        "xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/'>"
        "<id>tag:blogger.com,1999:blog-1</id><title type='text'>Sample big blog</title>"
        + "".join(links)
        + f"<openSearch:totalResults>{len(posts)}</openSearch:totalResults>"
        f"<openSearch:startIndex>{start}</openSearch:startIndex>"
        f"<openSearch:itemsPerPage>{size}</openSearch:itemsPerPage>{entries}</feed>"
    )


def _entry(post: FixturePost) -> str:
    cats = "".join(
        f"<category scheme='http://www.blogger.com/atom/ns#' term='{escape(label)}'/>"
        for label in post.labels
    )
    stamp = post.published.isoformat()
    return (
        f"<entry><id>tag:blogger.com,1999:blog-1.post-{post.index}</id>"
        f"<published>{stamp}</published><updated>{stamp}</updated>{cats}"
        f"<title type='text'>{escape(post.title)}</title>"
        f"<content type='html'>{escape(_body(post))}</content>"
        f"<link rel='alternate' type='text/html' href='{post.url}' title='{escape(post.title)}'/>"
        "<author><name>翻訳子</name></author></entry>"
    )


def _article(request: Request) -> Response:
    tail = urlsplit(request.path).path.rstrip("/").rsplit("/", 1)[-1]
    if not tail.isdigit():
        return _missing()
    i = int(tail)
    day = (_FIRST_DAY + timedelta(days=i)).date()
    title = f"Report number {i} on the state of the world"
    html = (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="og:title" content="{title}">'
        '<meta name="author" content="Jane Writer">'
        f'<meta property="article:published_time" content="{day.isoformat()}T08:00:00Z">'
        '<meta property="og:site_name" content="Sample Times"></head>'
        f"<body><article><h1>{title}</h1><p>By Jane Writer</p><p>Body.</p></article></body></html>"
    )
    return Response(200, _HTML, html.encode())
