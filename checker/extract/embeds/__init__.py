"""Social embeds: which element of a post is an embedded post, and what it shows.

Each platform is one module exposing ``read(tag, base) -> Embed | None``: given any element of a
post body, the post it embeds when the element is an embed's root, else None.  The table
:data:`READERS` is the only list of platforms, so a new platform is one module and one row (and,
for checking, a ``verify/embeds`` module).  :func:`find_embeds` walks a post body once in
document order, asks each reader about each element, and never looks inside an embed it has
found, so a tweet's inner ``<p>`` is not asked again.  Only elements some reader can take are
asked (:data:`_CANDIDATE_TAGS`, or an element with a class): a page's thousands of plain
``<p>`` and ``<span>`` cost one test each.  Plain-text captures have no markup; their
embeds are read by :mod:`checker.extract.embeds.captured`.  A site generator's shortcode
(``{{< tweet … >}}``, ``[embed]URL[/embed]``) is read off a post's lines by
:mod:`checker.extract.embeds.shortcodes`, through each platform's ``from_url``
(:data:`~checker.extract.embeds.shortcodes.URL_READERS`, a row per platform).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from checker.extract.embeds import (
    blocks,
    bluesky,
    mastodon,
    meta,
    telegram,
    tiktok,
    twitter,
    youtube,
)
from checker.extract.embeds._shared import Embed
from checker.extract.embeds.captured import captured_after, find_captured, is_author_line
from checker.extract.tree import Element, PageIndex, is_element

__all__ = [
    "READERS",
    "Embed",
    "Reader",
    "captured_after",
    "find_captured",
    "find_embeds",
    "is_author_line",
]

Reader = Callable[[Element, str], Embed | None]

READERS: dict[str, Reader] = {
    "twitter": twitter.read,
    "bluesky": bluesky.read,
    "telegram": telegram.read,
    "youtube": youtube.read,
    "mastodon": mastodon.read,
    "tiktok": tiktok.read,
    "meta": meta.read,
}


# The elements a reader recognises by tag; any other embed root has one of these in its class
# (twitter-tweet and the like are blockquotes; fb-post, Telegram and YouTube containers, the
# wp-block-embed family are not).
_CANDIDATE_TAGS = frozenset({"blockquote", "iframe", "embed", "object", "lite-youtube", "script"})
_CANDIDATE_WORDS = ("telegram", "youtube", "embed", "fb-post", "fb-video")
_CANDIDATE_CLASS = re.compile("|".join(_CANDIDATE_WORDS), re.IGNORECASE)


_CACHED_CLASS = 200  # longer class values are searched every time, never kept


def _candidate_class(value: str) -> bool:
    if value.isascii():  # most values: five substring tests on it lower-cased (no case folding
        # at every character; only a character outside ASCII, ``ſ`` or ``K``, folds to a word's)
        lowered = value.lower()
        for word in _CANDIDATE_WORDS:  # noqa: SIM110 (a generator in any() costs more than this)
            if word in lowered:
                return True
        return False
    return _CANDIDATE_CLASS.search(value) is not None


# A page repeats its class values on hundreds of elements: each is searched once (issue 19).
_cached_candidate_class = functools.lru_cache(maxsize=4096)(_candidate_class)


def _may_be_embed(tag: Element) -> bool:
    """Whether some reader can take ``tag``: by its tag, or by a word in its class."""
    return _may_be(tag.tag, tag.get("class"))


def _may_be(name: str, value: str | None) -> bool:
    """:func:`_may_be_embed` of an element named ``name`` whose class is ``value``."""
    if name in _CANDIDATE_TAGS:
        return True
    if not value:
        return False
    return (
        _cached_candidate_class(value) if len(value) <= _CACHED_CLASS else _candidate_class(value)
    )


def _read(tag: Element, base: str) -> Embed | None:
    """The embed ``tag`` is the root of, asked of every reader (the caller has found that
    :func:`_may_be_embed`: most elements are not asked at all)."""
    for read in READERS.values():
        found = read(tag, base)
        if found is not None:
            return found
    # WordPress's stored embed block names any platform's post by URL: asked last, so that a
    # platform's own reader of the same figure (YouTube's container) answers first.
    return blocks.read(tag, base)


def find_embeds(
    body: Element, base: str, index: PageIndex | None = None
) -> list[tuple[Element, Embed]]:
    """Every embed root in ``body`` with the post it embeds, outermost first, in page order.

    With the page's :class:`~checker.extract.tree.PageIndex` the candidates are picked from its
    lists of tags and classes (one comprehension) instead of a walk that makes a proxy and reads
    a tag and a class of every element (issue 19); the answer is the same.
    """
    if index is not None and body in index.position:
        return _indexed_embeds(body, base, index)
    found: list[tuple[Element, Embed]] = []
    stack = list(reversed(body))  # a stack, not recursion: markup nests as deep as it likes
    while stack:
        node = stack.pop()
        if not is_element(node):
            continue
        embed = _read(node, base) if _may_be_embed(node) else None
        if embed is not None:
            found.append((node, embed))  # and its inside is the embed's, not asked again
        else:
            stack.extend(reversed(node))
    return found


def _indexed_embeds(body: Element, base: str, index: PageIndex) -> list[tuple[Element, Embed]]:
    """:func:`find_embeds` from the page index: the candidates below ``body`` in page order,
    those inside an embed already found left out (its inside is the embed's)."""
    span = index.subtree(body)
    tags, classes = index.tags, index.classes
    candidates = [at for at in range(span.start + 1, span.stop) if _may_be(tags[at], classes[at])]
    found: list[tuple[Element, Embed]] = []
    inside = -1  # the end of the last embed found: candidates before it are inside it
    for at in candidates:
        if at < inside:
            continue
        node = index.elements[at]
        embed = _read(node, base)
        if embed is not None:
            found.append((node, embed))
            inside = index.subtree(node).stop
    return found
