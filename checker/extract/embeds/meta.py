"""Meta's embeds: Instagram, Facebook and Threads, which share one idea of a permalink.

- Instagram: ``blockquote.instagram-media`` with ``data-instgrm-permalink``; "A post shared by
  NAME (@handle)" names the author, a ``<time>`` the date.
- Facebook: ``div.fb-post``/``div.fb-video`` with ``data-href``, or a ``/plugins/post.php?href=``
  iframe; "Posted by NAME on DATE" in the fallback blockquote.
- Threads: ``blockquote.text-post-media`` with ``data-text-post-permalink``; "Post by @handle".

The URL is the permalink as the embed gives it; the post id is the permalink's id part.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

from checker.extract.embeds._shared import Embed, absolute, attr, classes, visible_text
from checker.extract.tree import Element, text_of
from checker.lazyre import lazy
from checker.model import Cited, Platform

__all__ = ["from_url", "instagram_post", "post_id", "read"]

_INSTAGRAM_ID = lazy(r"/(?:p|reel|reels|tv)/(?P<id>[A-Za-z0-9_-]+)")
_THREADS_ID = lazy(r"/post/(?P<id>[A-Za-z0-9_-]+)")
_SHARED_BY = lazy(r"(?:A post shared by|投稿者:?)\s*(?P<name>.*?)\s*\(@(?P<handle>[\w.]+)\)")
_POSTED_BY = lazy(r"Posted by\s+(?P<name>.+?)\s+on\s+(?P<date>.+)$", re.DOTALL)
_AT_HANDLE = lazy(r"@(?P<handle>[\w.]+)")
_FACEBOOK_PLUGIN = lazy(r"facebook\.com/plugins/(?:post|video)\.php", re.IGNORECASE)
_FURNITURE = lazy(r"^(?:View this post on (?:Instagram|Threads)|View on Threads)$")


def post_id(platform: Platform, url: str) -> str | None:
    """The id part of a Meta permalink."""
    path = urlsplit(url).path
    if platform is Platform.INSTAGRAM:
        found = _INSTAGRAM_ID.search(path)
        return found.group("id") if found else None
    if platform is Platform.THREADS:
        found = _THREADS_ID.search(path)
        return found.group("id") if found else None
    query = parse_qs(urlsplit(url).query)
    for key in ("story_fbid", "fbid", "v"):
        if query.get(key):
            return query[key][0]
    segments = [s for s in path.split("/") if s]
    return segments[-1] if segments else None


def _caption(tag: Element) -> str | None:
    """The post's own words: ``<p>`` text that is not byline, date or "View on …" furniture."""
    paragraphs = [
        p for p in tag.iterdescendants("p") if next(p.iterdescendants("time"), None) is None
    ]
    lines = [
        t
        for t in (visible_text(p) for p in paragraphs)
        if t and not _SHARED_BY.search(t) and not _POSTED_BY.search(t) and not _FURNITURE.match(t)
    ]
    return "\n".join(lines) or None


def _instagram(tag: Element, base: str) -> Embed | None:
    permalink = absolute(attr(tag, "data-instgrm-permalink"), base)
    if permalink is None:
        return None
    shared = _SHARED_BY.search(visible_text(tag).replace("\n", " "))
    time = next(tag.iterdescendants("time"), None)
    date = " ".join(text_of(time).split()) or None if time is not None else None
    cited = Cited(
        author=shared.group("name").strip() or None if shared else None,
        handle=shared.group("handle") if shared else None,
        date=date,
        text=_caption(tag),
    )
    return Embed(Platform.INSTAGRAM, post_id(Platform.INSTAGRAM, permalink), permalink, cited)


def _facebook(tag: Element, permalink: str) -> Embed:
    inner = next(tag.iterdescendants("blockquote"), None)
    author = date = None
    if inner is not None:
        tail = " ".join(text_of(inner).split())
        posted = _POSTED_BY.search(tail)
        if posted is not None:
            author, date = posted.group("name"), posted.group("date").strip()
    text = _caption(inner) if inner is not None else None
    cited = Cited(author=author, date=date, text=text)
    return Embed(Platform.FACEBOOK, post_id(Platform.FACEBOOK, permalink), permalink, cited)


def _facebook_plugin(tag: Element) -> Embed | None:
    src = attr(tag, "src") or attr(tag, "data-src") or ""
    if not _FACEBOOK_PLUGIN.search(src):
        return None
    hrefs = parse_qs(urlsplit(src).query).get("href") or []
    return _facebook(tag, unquote(hrefs[0])) if hrefs else None


def _threads(tag: Element, base: str) -> Embed | None:
    permalink = absolute(attr(tag, "data-text-post-permalink"), base)
    if permalink is None:
        return None
    shown = _AT_HANDLE.search(visible_text(tag))
    cited = Cited(handle=shown.group("handle") if shown else None, text=_caption(tag))
    return Embed(Platform.THREADS, post_id(Platform.THREADS, permalink), permalink, cited)


_INSTAGRAM_URL = lazy(
    r"^https?://(?:www\.)?instagram\.com/(?:[A-Za-z0-9_.]+/)?(?:p|reel|reels|tv)/"
    r"(?P<id>[A-Za-z0-9_-]+)",
    re.IGNORECASE,
)


def from_url(url: str) -> Embed | None:
    """The Instagram post an ``instagram.com/p/ID`` URL names, as an embed of it."""
    found = _INSTAGRAM_URL.match(url.strip())
    return instagram_post(found.group("id")) if found else None


def instagram_post(post: str) -> Embed | None:
    """The Instagram post of an id as a shortcode gives it (``{{< instagram BWNjjyYFxVx >}}``)."""
    if not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", post):
        return None
    return Embed(Platform.INSTAGRAM, post, f"https://www.instagram.com/p/{post}/", Cited())


def read(tag: Element, base: str) -> Embed | None:
    """The Instagram, Facebook or Threads post ``tag`` embeds, when it is such an embed's root."""
    name = tag.tag.lower()
    names = classes(tag)
    if name == "blockquote" and "instagram-media" in names:
        return _instagram(tag, base)
    if name == "blockquote" and "text-post-media" in names:
        return _threads(tag, base)
    if names & {"fb-post", "fb-video"}:
        permalink = absolute(attr(tag, "data-href"), base)
        return _facebook(tag, permalink) if permalink else None
    if name == "iframe":
        return _facebook_plugin(tag)
    return None
