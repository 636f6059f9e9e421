"""The citing corpus: Blogger label pages and Markdown posts that cite every URL of the site.

Each post is a Japanese translation in Blogger markup (SPEC.md): a title ending with the
publication in parentheses, Japanese paragraphs with body links to other sources, and after the
end mark ``■`` the attribution block of the original (English title, ``By`` author, date, URL).
About one URL in ten is cited twice (once more as a body link elsewhere), so a checker that
fetches per citation instead of per URL shows up as duplicate requests.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from html import escape
from pathlib import Path

from bench.site import Resource, Site

__all__ = ["BLOG_HOST", "Post", "blogger_page", "make_posts", "markdown_post", "write_corpus"]

BLOG_HOST = "benchblog.blogspot.com"
_JA = (
    "ロシアとウクライナの停戦交渉は新たな局面を迎えている。専門家は慎重な見方を示した。",
    "欧州各国の首脳は安全保障の枠組みについて協議を続けている。",
    "市場はエネルギー価格の動向に敏感に反応しており、先行きは不透明だ。",
    "政府関係者によると、合意文書の詳細はまだ詰められていないという。",
)
_LINKS_PER_POST = 4
_POSTS_PER_PAGE = 10


@dataclass(frozen=True, slots=True)
class Post:
    """One translated post: the attributed source and the body links."""

    index: int
    source: Resource
    links: tuple[Resource, ...]

    @property
    def url(self) -> str:
        return f"http://{BLOG_HOST}/2025/{1 + self.index % 12:02d}/post-{self.index}.html"

    @property
    def title(self) -> str:
        return f"{_JA[self.index % len(_JA)][:14]}…({self.source.host.split('.')[0].upper()})"


def make_posts(site: Site) -> tuple[Post, ...]:
    """Posts covering every cited URL: one attributed source plus a few body links each."""
    rng = random.Random(site.seed + 7)
    cited = list(site.cited)
    per_post = 1 + _LINKS_PER_POST
    posts = []
    for index, start in enumerate(range(0, len(cited), per_post)):
        chunk = cited[start : start + per_post]
        extra = (rng.choice(cited),) if rng.random() < 0.5 else ()
        posts.append(Post(index, chunk[0], (*chunk[1:], *extra)))
    return tuple(posts)


def _date_line(resource: Resource) -> str:
    day = resource.published
    return f"{day:%B} {day.day}, {day.year}"


def _post_body(post: Post) -> str:
    paragraphs = []
    for i, link in enumerate(post.links):
        text = _JA[(post.index + i) % len(_JA)]
        paragraphs.append(f'<p>{text}<a href="{link.url}">関連記事</a>によると、{text}</p>')
    source = post.source
    return (
        "".join(paragraphs) + "<p>■</p>"
        f"<p>{escape(source.title)}</p><p>By {escape(source.author)}</p>"
        f"<p>{_date_line(source)}</p>"
        f'<p><a href="{source.url}">{source.url}</a></p>'
    )


def _post_html(post: Post) -> str:
    return (
        '<div class="date-outer"><h2 class="date-header"><span>2025年12月8日月曜日</span></h2>'
        '<div class="date-posts"><div class="post-outer">'
        '<div class="post hentry" itemprop="blogPost" itemscope '
        'itemtype="http://schema.org/BlogPosting">'
        f'<h3 class="post-title entry-title" itemprop="name"><a href="{post.url}">'
        f"{escape(post.title)}</a></h3>"
        f'<div class="post-body entry-content" id="post-body-{post.index}" '
        f'itemprop="description articleBody">{_post_body(post)}</div>'
        '<div class="post-footer"><span class="post-labels"></span></div>'
        "</div></div></div></div>"
    )


def blogger_page(posts: tuple[Post, ...] | list[Post]) -> str:
    """A Blogger label page (or, with one post, a post page) holding ``posts``."""
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>ベンチマーク翻訳ブログ</title>'
        '<meta name="generator" content="Blogger"></head><body><div class="blog-posts hfeed">'
        + "".join(_post_html(p) for p in posts)
        + "</div></body></html>"
    )


def markdown_post(post: Post) -> str:
    """The same post as a Markdown file with front matter."""
    lines = [
        "---",
        f'title: "{post.title}"',
        "date: 2025-12-08",
        "---",
        "",
    ]
    for i, link in enumerate(post.links):
        lines += [f"{_JA[(post.index + i) % len(_JA)]}[関連記事]({link.url})を参照。", ""]
    source = post.source
    lines += ["■", "", source.title, "", f"By {source.author}", "", _date_line(source), ""]
    lines += [source.url, ""]
    return "\n".join(lines)


def write_corpus(site: Site, folder: Path, *, markdown_share: float = 0.2) -> int:
    """Write label pages and Markdown posts citing every URL of ``site``; return files written."""
    folder.mkdir(parents=True, exist_ok=True)
    posts = make_posts(site)
    cut = int(len(posts) * (1 - markdown_share))
    files = 0
    for start in range(0, cut, _POSTS_PER_PAGE):
        chunk = posts[start : min(start + _POSTS_PER_PAGE, cut)]
        (folder / f"label-{start // _POSTS_PER_PAGE:05d}.html").write_text(
            blogger_page(chunk), encoding="utf-8"
        )
        files += 1
    for post in posts[cut:]:
        (folder / f"post-{post.index:05d}.md").write_text(markdown_post(post), encoding="utf-8")
        files += 1
    return files
