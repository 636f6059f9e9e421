"""Rebuild the second seed (a live-update post of embedded tweets) and the web behind it.

The seed ``003_0d03cf4c130cef51.txt`` is a text capture: each embedded tweet shows as its text, then
``— NAME (@handle) Month D, YYYY``, then the paragraphs the blogger quoted from the linked article.
This module turns it into what tests need, once, and the output is committed:

- the Blogger post body of the live post, with X's embed markup for each tweet (the page itself is
  wrapped by :mod:`tests.fixtureweb.build_seed_blog`), and the body of the platforms fixture post;
- ``data/social/tweets.json``: what X knows about each tweet (the shown text unless
  :data:`~checker.sampleweb.social_web.TWEETS` says otherwise);
- ``data/social/articles/``: each linked article as its site serves it, its main text made of the
  paragraphs the post quotes (with the planted changes of
  :data:`~checker.sampleweb.social_web.ARTICLES`).

Run: ``python -m tests.fixtureweb.build_seed_live [SEED] [OUTPUT_DIR]``.
"""

from __future__ import annotations

import html
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from checker import sampleweb
from checker.sampleweb.news_pages import NewsPage, site_for
from checker.sampleweb.social_endpoints import (
    bluesky_blockquote,
    tiktok_blockquote,
    tweet_blockquote,
)
from checker.sampleweb.social_web import (
    ARTICLES,
    SOCIAL_POSTS,
    TCO_LINKS,
    TWEETS,
    PostState,
    SocialPost,
    TweetSpec,
)

__all__ = [
    "DEFAULT_LIVE_SEED",
    "LiveEmbed",
    "build",
    "live_post_body",
    "main",
    "platforms_post_body",
    "read_embeds",
]

DEFAULT_LIVE_SEED = (
    Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "003_0d03cf4c130cef51.txt"
)
_DEFAULT_OUT = Path(sampleweb.__file__).parent / "data" / "social"

_ATTRIBUTION = re.compile(
    r"^— (?P<name>.+) \(@(?P<handle>\w+)\) (?P<date>[A-Z][a-z]+ \d{1,2}, \d{4})$"
)
_TCO = re.compile(r"https://t\.co/(\w+)")
_PIC = re.compile(r"pic\.twitter\.com/(\w+)")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_WIDGETS = '<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>'


@dataclass(frozen=True, slots=True)
class LiveEmbed:
    """One embedded tweet of the capture, the paragraphs under it, and its truth."""

    name: str
    handle: str
    date: str
    text: str
    paragraphs: tuple[str, ...]
    spec: TweetSpec

    @property
    def article_code(self) -> str | None:
        """The ``t.co`` code of the article the paragraphs quote: the tweet's link, else theirs."""
        for source in (self.text, *self.paragraphs):
            for match in _TCO.finditer(source):
                if match[1] in ARTICLES:
                    return str(match[1])
        return None

    @property
    def quoted(self) -> tuple[str, ...]:
        """The paragraphs taken from the article (not hashtags, not lines carrying links)."""
        if self.article_code is None:
            return ()
        return tuple(line for line in self.paragraphs if _is_quotable(line))


def _is_quotable(line: str) -> bool:
    return not line.startswith("#") and not _TCO.search(line) and not _PIC.search(line)


# -- reading the capture ---------------------------------------------------------------------


def read_embeds(seed: Path = DEFAULT_LIVE_SEED) -> tuple[LiveEmbed, ...]:
    """The capture's embeds in order, each joined with its row of the truth table."""
    lines = [line.strip() for line in seed.read_text(encoding="utf-8").split("\n")]
    marks = [i for i, line in enumerate(lines) if _ATTRIBUTION.match(line)]
    if len(marks) != len(TWEETS):
        raise ValueError(f"{seed}: {len(marks)} embeds, the truth table has {len(TWEETS)}")
    embeds = []
    for number, mark in enumerate(marks):
        match = _ATTRIBUTION.match(lines[mark])
        assert match is not None
        spec = TWEETS[number]
        if spec.shown_handle != match["handle"]:
            raise ValueError(f"embed {number + 1} shows @{match['handle']}, table says otherwise")
        stop = marks[number + 1] - 1 if number + 1 < len(marks) else len(lines)
        embeds.append(
            LiveEmbed(
                name=match["name"],
                handle=match["handle"],
                date=match["date"],
                text=lines[mark - 1],
                paragraphs=tuple(line for line in lines[mark + 1 : stop] if line),
                spec=spec,
            )
        )
    return tuple(embeds)


# -- the live post body ------------------------------------------------------------------------


def _lang(text: str) -> str:
    return "ja" if _CJK.search(text) else "en"


def _paragraph_html(line: str, *, quoted: bool) -> str:
    escaped = html.escape(line, quote=False)
    escaped = _TCO.sub(lambda m: f'<a href="{m[0]}">{m[0]}</a>', escaped)
    escaped = _PIC.sub(lambda m: f'<a href="https://t.co/{m[1]}">{m[0]}</a>', escaped)
    return f"<p>{escaped}</p>" if quoted else f"<div>{escaped}</div>"


def _embed_html(embed: LiveEmbed) -> str:
    quote = tweet_blockquote(
        embed.text,
        name=embed.name,
        handle=embed.handle,
        status_id=embed.spec.status_id,
        date=embed.date,
        lang=_lang(embed.text),
    )
    quoted = set(embed.quoted)
    paragraphs = [_paragraph_html(line, quoted=line in quoted) for line in embed.paragraphs]
    return "\n".join([f"{quote} {_WIDGETS}", *paragraphs, "<div><br /></div>"])


def live_post_body(embeds: tuple[LiveEmbed, ...]) -> str:
    """The live post's Blogger body: X's markup for each embed, then the paragraphs under it."""
    return "\n".join(_embed_html(embed) for embed in embeds).removesuffix("\n<div><br /></div>")


# -- the platforms fixture post --------------------------------------------------------------------


_PLATFORM_HEADINGS = {
    "bluesky": (
        "Bluesky",
        '<script async src="https://embed.bsky.app/static/embed.js" charset="utf-8"></script>',
    ),
    "telegram": ("Telegram", ""),
    "youtube": ("YouTube", ""),
    "mastodon": (
        "Mastodon",
        '<script src="https://mastodon.social/embed.js" async="async"></script>',
    ),
    "tiktok": ("TikTok", '<script async src="https://www.tiktok.com/embed.js"></script>'),
}


def _platform_embed(post: SocialPost) -> str:
    if post.platform == "bluesky":
        return bluesky_blockquote(post, handle=post.shown_handle or post.author_handle)
    if post.platform == "telegram":
        channel_post = post.embed_key.removeprefix("https://t.me/")
        return (
            '<script async src="https://telegram.org/js/telegram-widget.js?22" '
            f'data-telegram-post="{channel_post}" data-width="100%"></script>'
        )
    if post.platform == "youtube":
        return (
            f'<iframe width="560" height="315" src="{post.embed_key}" '
            'title="YouTube video player" frameborder="0" allow="accelerometer; autoplay; '
            'clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share" '
            'referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>'
        )
    if post.platform == "mastodon":
        return (
            f'<iframe src="{post.embed_key}" class="mastodon-embed" '
            'style="max-width: 100%; border: 0" width="400" allowfullscreen="allowfullscreen">'
            "</iframe>"
        )
    return tiktok_blockquote(post)


def platforms_post_body() -> str:
    """The platforms fixture post: one section per platform with its embeds."""
    chunks = [
        "<p>2月12日の米ロ首脳電話会談をめぐる各SNSの投稿をまとめました。"
        "X以外のプラットフォームからの埋め込みです。</p>"
    ]
    for platform, (heading, script) in _PLATFORM_HEADINGS.items():
        chunks.append(f"<h3>{heading}</h3>")
        for post in SOCIAL_POSTS:
            if post.platform == platform and post.state is not PostState.NOT_PUBLIC:
                chunks.append(_platform_embed(post))
        if script:
            chunks.append(script)
    return "\n".join(chunks)


# -- what X and the news sites know ------------------------------------------------------------


def _truth(embed: LiveEmbed) -> dict[str, object]:
    spec = embed.spec
    text = spec.text if spec.text is not None else _PIC.sub(r"https://t.co/\1", embed.text)
    photos = [
        (f"https://t.co/{code}", f"pic.twitter.com/{code}") for code in _PIC.findall(embed.text)
    ]
    photo_urls = {url for url, _ in photos}
    urls: list[tuple[str, str]] = []
    for match in _TCO.finditer(text):
        pair = (match[0], TCO_LINKS[match[1]])
        if match[0] not in photo_urls and pair not in urls:
            urls.append(pair)
    return {
        "status_id": spec.status_id,
        "screen_name": spec.author_handle or embed.handle,
        "name": spec.author_name or embed.name,
        "text": text,
        "created_at": spec.created_at,
        "lang": _lang(text),
        "state": str(spec.state),
        "urls": urls,
        "photos": photos if spec.text is None else [],
    }


def _article_paragraphs(code: str, embeds: tuple[LiveEmbed, ...]) -> tuple[str, ...]:
    article = ARTICLES[code]
    quoted = next((e.quoted for e in embeds if e.article_code == code and e.quoted), ())
    replaced = dict(article.replaced)
    return tuple(replaced.get(line, line) for line in quoted) or article.lede


def _article_file(url: str) -> str:
    rest = url.split("://", 1)[1].rstrip("/")
    return re.sub(r"[^A-Za-z0-9._-]+", "_", rest).removesuffix(".html") + ".html"


def build(seed: Path = DEFAULT_LIVE_SEED, out: Path = _DEFAULT_OUT) -> dict[str, str]:
    """Write ``tweets.json`` and the articles under ``out``; return the article manifest."""
    embeds = read_embeds(seed)
    out.mkdir(parents=True, exist_ok=True)
    truths = [_truth(embed) for embed in embeds]
    (out / "tweets.json").write_text(
        json.dumps(truths, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    articles = out / "articles"
    articles.mkdir(exist_ok=True)
    for old in articles.iterdir():
        old.unlink()
    manifest: dict[str, str] = {}
    for code, article in ARTICLES.items():
        if article.removed:
            continue
        page = NewsPage(
            url=article.url,
            headline=article.headline,
            published=article.published,
            section=article.section,
            paragraphs=_article_paragraphs(code, embeds),
        )
        name = _article_file(article.url)
        (articles / name).write_text(site_for(article.host).article(page), encoding="utf-8")
        manifest[article.url] = name
    lines = "".join(f"{url}\t{name}\n" for url, name in sorted(manifest.items()))
    (articles / "MANIFEST.tsv").write_text(lines, encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: ``[SEED] [OUTPUT_DIR]``."""
    args = sys.argv[1:] if argv is None else argv
    seed = Path(args[0]) if args else DEFAULT_LIVE_SEED
    out = Path(args[1]) if len(args) > 1 else _DEFAULT_OUT
    manifest = build(seed, out)
    print(f"wrote tweets.json and {len(manifest)} articles to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
