"""Telegram embeds: the widget ``<script data-telegram-post="CHANNEL/ID">`` and its relatives.

The widget script is the embed (it draws the post where it stands); ``t.me/CHANNEL/ID?embed=1``
iframes and ``t.me`` links inside a Telegram-classed container (WordPress' embed block, a
``telegram-post`` blockquote) are the same post saved another way.  A ``t.me`` link in running
text is an ordinary link, not an embed.
"""

from __future__ import annotations

import re

from checker.extract.embeds._shared import Embed, attr, classes, links_in, visible_text
from checker.extract.lines import bare_urls
from checker.extract.tree import Element, text_of
from checker.lazyre import lazy
from checker.model import Cited, Platform

__all__ = ["from_url", "read"]

_POST = lazy(r"^(?P<channel>[A-Za-z0-9_]{3,64})/(?P<id>\d+)$")
_LINK = lazy(
    r"^(?:https?:)?//(?:www\.)?(?:t\.me|telegram\.me)/(?:s/)?(?P<channel>[A-Za-z0-9_]{3,64})/"
    r"(?P<id>\d+)",
    re.IGNORECASE,
)


def _embed(channel: str, post: str, text: str | None = None) -> Embed:
    return Embed(
        Platform.TELEGRAM, f"{channel}/{post}", f"https://t.me/{channel}/{post}", Cited(text=text)
    )


def _container(tag: Element) -> Embed | None:
    """A Telegram-classed element holding a ``t.me/CHANNEL/ID`` link or bare URL."""
    hrefs = [a.get("href") for a in links_in(tag)]
    for href in (*hrefs, *bare_urls(text_of(tag))):
        found = _LINK.match(href.strip())
        if found is not None:
            shown = visible_text(tag).replace(href, "").strip()
            return _embed(found.group("channel"), found.group("id"), shown or None)
    return None


def from_url(url: str) -> Embed | None:
    """The Telegram post a ``t.me/CHANNEL/ID`` URL names, as an embed of it."""
    found = _LINK.match(url.strip())
    return _embed(found.group("channel"), found.group("id")) if found else None


def read(tag: Element, base: str) -> Embed | None:
    """The Telegram post ``tag`` embeds, when it is a Telegram embed's root."""
    del base  # Telegram embeds always carry absolute addresses
    name = tag.tag.lower()
    if name == "script":
        found = _POST.match(attr(tag, "data-telegram-post") or "")
        return _embed(found.group("channel"), found.group("id")) if found else None
    if name == "iframe":
        found = _LINK.match(attr(tag, "src") or attr(tag, "data-src") or "")
        return _embed(found.group("channel"), found.group("id")) if found else None
    if any("telegram" in c.lower() for c in classes(tag)):
        return _container(tag)
    return None
