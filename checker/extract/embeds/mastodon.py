"""Mastodon embeds: ``iframe.mastodon-embed``, ``blockquote.mastodon-embed`` (Mastodon 4.3+).

Any server may run Mastodon, so the host is never checked against a list: the ``/@user/ID/embed``
path shape is the signature.  The handle is the ``@user@instance`` the embed shows, when it shows
one ("Post by @user@instance"); the URL is ``https://<instance>/@<user>/<id>``.
"""

from __future__ import annotations

import re

from checker.extract.embeds._shared import Embed, absolute, attr, classes, links_in, visible_text
from checker.extract.tree import Element
from checker.lazyre import lazy
from checker.model import Cited, Platform

__all__ = ["from_url", "read"]

_STATUS = lazy(
    r"^https?://(?P<host>[^/?#]+)/@(?P<user>[^/?#]+)/(?P<id>\d+)(?P<embed>/embed)?/?(?:[?#]|$)",
    re.IGNORECASE,
)
_SHOWN_HANDLE = lazy(r"@(?P<handle>[\w.-]+@[\w.-]+\.\w+)")


def _from_url(url: str, *, need_embed_path: bool) -> tuple[str, str] | None:
    found = _STATUS.match(url)
    if found is None or (need_embed_path and not found.group("embed")):
        return None
    host, user, status = found.group("host"), found.group("user"), found.group("id")
    return status, f"https://{host}/@{user}/{status}"


def _blockquote(tag: Element, base: str) -> Embed | None:
    candidates = [attr(tag, "data-embed-url")]
    candidates += [a.get("href") for a in links_in(tag)]
    for href in candidates:
        status = _from_url(absolute(href, base) or "", need_embed_path=False)
        if status is not None:
            shown = _SHOWN_HANDLE.search(visible_text(tag))
            cited = Cited(handle=shown.group("handle") if shown else None)
            return Embed(Platform.MASTODON, status[0], status[1], cited)
    return None


def from_url(url: str) -> Embed | None:
    """The Mastodon post an ``https://INSTANCE/@user/ID`` URL names, as an embed of it."""
    status = _from_url(url.strip(), need_embed_path=False)
    return Embed(Platform.MASTODON, status[0], status[1], Cited()) if status else None


def read(tag: Element, base: str) -> Embed | None:
    """The Mastodon post ``tag`` embeds, when it is a Mastodon embed's root."""
    name = tag.tag.lower()
    if name == "iframe":
        src = absolute(attr(tag, "src") or attr(tag, "data-src"), base) or ""
        status = _from_url(src, need_embed_path="mastodon-embed" not in classes(tag))
        return Embed(Platform.MASTODON, status[0], status[1], Cited()) if status else None
    if name == "blockquote" and "mastodon-embed" in classes(tag):
        return _blockquote(tag, base)
    return None
