"""Twitter/X embeds: the ``blockquote.twitter-tweet`` fallback markup and rendered iframes.

The fallback markup is what a blog stores: the tweet's text in ``<p>`` (its ``t.co`` links shown
as written), then ``&mdash; NAME (@handle)`` and a link to the status whose text is the date.
twitter.com and x.com permalinks name the same post, so both become
``https://twitter.com/<handle>/status/<id>`` without ``?ref_src``: one post, one URL, whatever
the embed code's vintage.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from checker.encoding import ascii_digits
from checker.extract.embeds._shared import Embed, attr, classes, read_blockquote_post
from checker.extract.tree import Element
from checker.lazyre import lazy
from checker.model import Cited, Platform

__all__ = ["canonical_status", "from_url", "read"]

_STATUS = lazy(
    r"^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/(?P<handle>[^/?#]+)/status(?:es)?/"
    r"(?P<id>\d+)",
    re.IGNORECASE,
)
_WEB_STATUS = lazy(
    r"^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/i/(?:web/)?status/(?P<id>\d+)", re.IGNORECASE
)
_IFRAME = lazy(r"^(?:https?:)?//platform\.twitter\.com/embed/", re.IGNORECASE)
_CLASSES = frozenset({"twitter-tweet", "twitter-video"})
_OWN_HOSTS = frozenset({"twitter.com", "x.com", "pic.twitter.com", "pic.x.com"})


def canonical_status(url: str, shown_handle: str | None = None) -> tuple[str, str] | None:
    """``(id, https://twitter.com/<handle>/status/<id>)`` for a status URL, else None.

    The handle is the URL's own (a wrong handle there is for the verifier to catch); ``/i/web/``
    URLs name no handle, so the one the embed shows stands in.
    """
    web = _WEB_STATUS.match(url)
    if web is not None:
        handle = shown_handle or "i/web"
        return web.group("id"), f"https://twitter.com/{handle}/status/{web.group('id')}"
    found = _STATUS.match(url)
    if found is None:
        return None
    status = found.group("id")
    return status, f"https://twitter.com/{found.group('handle')}/status/{status}"


def _is_status(url: str) -> bool:
    return bool(_STATUS.match(url) or _WEB_STATUS.match(url))


def _blockquote(tag: Element, base: str) -> Embed:
    post = read_blockquote_post(tag, base, is_permalink=_is_status, own_hosts=_OWN_HOSTS)
    status = canonical_status(post.permalink, post.cited.handle) if post.permalink else None
    post_id, url = status if status is not None else (None, None)
    return Embed(Platform.TWITTER, post_id, url, post.cited, post.links)


def _iframe(tag: Element) -> Embed | None:
    src = attr(tag, "src") or attr(tag, "data-src") or ""
    if not _IFRAME.match(src):
        return None
    ids = parse_qs(urlsplit(src).query).get("id") or []
    if not ids or not ascii_digits(ids[0]):
        return None
    tweet = ids[0]
    return Embed(Platform.TWITTER, tweet, f"https://twitter.com/i/web/status/{tweet}", Cited())


def from_url(url: str) -> Embed | None:
    """The tweet a status URL names, as an embed of it (a shortcode's ``[tweet URL]``)."""
    status = canonical_status(url.strip())
    return Embed(Platform.TWITTER, status[0], status[1], Cited()) if status else None


def read(tag: Element, base: str) -> Embed | None:
    """The tweet ``tag`` embeds, when it is a tweet embed's root."""
    name = tag.tag.lower()
    if name == "blockquote" and classes(tag) & _CLASSES:
        return _blockquote(tag, base)
    if name == "iframe":
        return _iframe(tag)
    return None
