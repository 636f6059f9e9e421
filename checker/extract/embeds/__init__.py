"""Social embeds: which element of a post is an embedded post, and what it shows.

Each platform is one module exposing ``read(tag, base) -> Embed | None``: given any element of a
post body, the post it embeds when the element is an embed's root, else None.  The table
:data:`READERS` is the only list of platforms, so a new platform is one module and one row (and,
for checking, a ``verify/embeds`` module).  :func:`find_embeds` walks a post body once in
document order, asks each reader about each element, and never looks inside an embed it has
found, so a tweet's inner ``<p>`` is not asked again.  Plain-text captures have no markup; their
embeds are read by :mod:`checker.extract.embeds.captured`.
"""

from __future__ import annotations

from collections.abc import Callable

from bs4.element import Tag

from checker.extract.embeds import (
    bluesky,
    mastodon,
    meta,
    telegram,
    tiktok,
    twitter,
    youtube,
)
from checker.extract.embeds._shared import Embed
from checker.extract.embeds.captured import find_captured, is_author_line

__all__ = ["READERS", "Embed", "Reader", "find_captured", "find_embeds", "is_author_line"]

Reader = Callable[[Tag, str], Embed | None]

READERS: dict[str, Reader] = {
    "twitter": twitter.read,
    "bluesky": bluesky.read,
    "telegram": telegram.read,
    "youtube": youtube.read,
    "mastodon": mastodon.read,
    "tiktok": tiktok.read,
    "meta": meta.read,
}


def _read(tag: Tag, base: str) -> Embed | None:
    for read in READERS.values():
        found = read(tag, base)
        if found is not None:
            return found
    return None


def find_embeds(body: Tag, base: str) -> list[tuple[Tag, Embed]]:
    """Every embed root in ``body`` with the post it embeds, outermost first, in page order."""
    found: list[tuple[Tag, Embed]] = []
    inside: Tag | None = None
    for node in body.descendants:
        if not isinstance(node, Tag):
            continue
        if inside is not None and any(parent is inside for parent in node.parents):
            continue
        embed = _read(node, base)
        if embed is not None:
            found.append((node, embed))
            inside = node
    return found
