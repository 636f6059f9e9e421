"""Bluesky embeds: ``blockquote.bluesky-embed`` with the post's ``at://`` URI and CID.

The markup follows Twitter's (text in ``<p>``, ``&mdash; NAME (@handle)``, a dated permalink),
with the handle inside a profile link.  The post's identity is its ``at://`` URI; the URL is the
``bsky.app`` permalink the embed shows, built from the URI when it shows none.
"""

from __future__ import annotations

import re

from checker.extract.embeds._shared import Embed, attr, classes, read_blockquote_post, without_query
from checker.extract.tree import Element
from checker.lazyre import lazy
from checker.model import Cited, Platform

__all__ = ["from_url", "read"]

_PERMALINK = lazy(
    r"^https?://(?:www\.)?bsky\.app/profile/(?P<actor>[^/?#]+)/post/(?P<rkey>[^/?#]+)",
    re.IGNORECASE,
)
_AT_URI = lazy(r"^at://(?P<actor>[^/]+)/app\.bsky\.feed\.post/(?P<rkey>[^/?#]+)$")
_OWN_HOSTS = frozenset({"bsky.app", "bsky.social"})


def from_url(url: str) -> Embed | None:
    """The Bluesky post a ``bsky.app`` permalink names, as an embed of it."""
    if _PERMALINK.match(url.strip()) is None:
        return None
    return Embed(Platform.BLUESKY, None, without_query(url.strip()), Cited())


def read(tag: Element, base: str) -> Embed | None:
    """The Bluesky post ``tag`` embeds, when it is a Bluesky embed's root."""
    if tag.tag.lower() != "blockquote" or "bluesky-embed" not in classes(tag):
        return None
    post = read_blockquote_post(
        tag, base, is_permalink=lambda u: bool(_PERMALINK.match(u)), own_hosts=_OWN_HOSTS
    )
    uri = attr(tag, "data-bluesky-uri")
    at = _AT_URI.match(uri or "")
    url: str | None = None
    if post.permalink is not None:
        url = without_query(post.permalink)
    elif at is not None:
        url = f"https://bsky.app/profile/{at.group('actor')}/post/{at.group('rkey')}"
    return Embed(Platform.BLUESKY, uri, url, post.cited, post.links)
