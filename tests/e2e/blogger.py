"""Build small Blogger pages whose posts cite sources with attribution blocks, for e2e tests."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html import escape

from checker.config import Config, ConnectTo
from checker.model import CheckedCitation, CitationKind, Report
from checker.pipeline import check
from checker.sampleweb import SampleWeb, Web

__all__ = [
    "CitedPost",
    "article_page",
    "blogger_page",
    "checked_label",
    "connect_rules",
    "source_of",
]


@dataclass(frozen=True, slots=True)
class CitedPost:
    """One translated post citing one original, the way the seed blog writes them."""

    slug: str
    publisher: str
    title: str
    author: str | None
    date: str | None
    url: str | None


def _publisher(post: CitedPost) -> str:
    return f"({escape(post.publisher)})" if post.publisher else ""


def _post(blog: str, post: CitedPost) -> str:
    lines = [post.title]
    if post.author:
        lines.append(f"By {post.author}")
    if post.date:
        lines.append(post.date)
    block = "".join(f"<div>{escape(line)}</div>\n" for line in lines)
    if post.url:
        block += f'<div><a href="{escape(post.url)}">{escape(post.url)}</a></div>\n'
    return f"""
<div class="date-outer"><h2 class="date-header"><span>2025年2月13日木曜日</span></h2>
<div class="date-posts"><div class="post-outer">
<div class="post hentry" itemprop="blogPost" itemscope itemtype="http://schema.org/BlogPosting">
<h3 class="post-title entry-title" itemprop="name">
<a href="{blog}/2025/02/{post.slug}.html">翻訳記事 {post.slug}{_publisher(post)}</a></h3>
<div class="post-body entry-content" id="post-body-{post.slug}" itemprop="description articleBody">
<div>これは翻訳記事の本文です。原文の要旨を日本語で紹介しています。■</div>
<div><br /></div>
{block}</div>
<div class="post-footer"><span class="post-labels">ラベル:
<a href="{blog}/search/label/x">x</a></span></div>
</div></div></div></div>"""


def blogger_page(blog: str, posts: list[CitedPost], *, older: str | None = None) -> str:
    """A Blogger label page listing ``posts`` (and an older-posts link to ``older``, if given).

    A page that lists every post of its label has no older-posts link: a link to a page nobody
    serves is a pager that loses posts, which discovery reports (``post-unreadable``).
    """
    body = "\n".join(_post(blog, p) for p in posts)
    pager = f'<a class="blog-pager-older-link" href="{older}">前の投稿</a>' if older else ""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Test blog</title></head>
<body><div class="blog-posts hfeed">{body}</div>
{pager}
</body></html>"""


def article_page(
    title: str,
    *,
    site: str,
    author: str | None = None,
    date: str | None = None,
    lang: str = "en",
    charset: str = "utf-8",
) -> str:
    """A plausible article page carrying its metadata the usual ways."""
    meta = [f'<meta property="og:title" content="{escape(title)}">']
    meta.append(f'<meta property="og:site_name" content="{escape(site)}">')
    if author:
        meta.append(f'<meta name="author" content="{escape(author)}">')
    if date:
        meta.append(f'<meta property="article:published_time" content="{date}T09:00:00+00:00">')
    paragraph = "本文の段落です。" if lang == "ja" else "This is a paragraph of the article body."
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="{charset}">
<title>{escape(title)} | {escape(site)}</title>{"".join(meta)}</head>
<body><header><a href="/">{escape(site)}</a></header><article><h1>{escape(title)}</h1>
{f'<p class="byline">By {escape(author)}</p>' if author else ""}
<p>{paragraph * 8}</p><p>{paragraph * 6}</p></article></body></html>"""


def connect_rules(web: Web, site: SampleWeb) -> tuple[ConnectTo, ...]:
    """``--connect-to`` rules sending every host of ``web`` (ports 80 and 443) to ``site``."""
    return tuple(
        ConnectTo.parse(f"{host}:{port}:127.0.0.1:{local}")
        for host in web.hosts
        for port, local in ((80, site.http_port), (443, site.https_port))
    )


def source_of(report: Report, slug: str) -> CheckedCitation:
    """The one attributed source of the post ``slug`` (built by :func:`blogger_page`)."""
    for document in report.documents:
        if document.document.url.endswith(f"/{slug}.html"):
            sources = [c for c in document.citations if c.citation.kind is CitationKind.SOURCE]
            assert len(sources) == 1, sources
            return sources[0]
    raise AssertionError(f"no post {slug}")


def checked_label(blog: str, posts: list[CitedPost], pages: Mapping[str, str]) -> Report:
    """A label page of ``blog`` listing ``posts``, checked through the pipeline on the sample
    web serving it and ``pages`` (URL → HTML), archive lookups off: the run's report."""
    web = Web()
    for url, html in pages.items():
        web.page(url, html)
    web.page(f"{blog}/search/label/x", blogger_page(blog, posts))
    with SampleWeb(web) as site:
        config = Config().with_(
            connect_to=connect_rules(web, site), cacert=site.ca_path, archive="off"
        )
        return check([f"{blog}/search/label/x"], config)
