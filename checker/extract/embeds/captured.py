"""Embeds in plain-text captures: a post's text, then ``— NAME (@handle) DATE`` on its own line.

When a page with Twitter or Bluesky embeds is copied as text, each embed leaves its text and the
author line of its fallback markup, and the permalink is lost.  The author line is unmistakable
(a dash, a name, an ``(@handle)``, a date), so it marks the embed; the non-blank line before it is
the post's text as shown, its bare URLs the post's links.  A handle with a dot is a Bluesky
handle (a domain name); any other is a Twitter/X one.  With no permalink the embed has no URL
and no post id, but its author, handle, date and text are still what the post claims.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from checker.dates import parse_post_date
from checker.extract.embeds._shared import Embed
from checker.extract.lines import Anchor, Line
from checker.model import Cited, Platform

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["captured_after", "find_captured", "is_author_line"]

_AUTHOR_LINE = re.compile(
    r"^(?:[—–―]+|--?)\s*(?P<name>[^—–―]*?)\s*\(\s*@(?P<handle>[A-Za-z0-9_.-]+)\s*\)\s*(?P<date>.+)$"
)
_NOT_LINK_TEXT = re.compile(r"^(?:[#＃@＠]|https?://pic\.(?:twitter|x)\.com/)", re.IGNORECASE)


def is_author_line(text: str) -> bool:
    """True for an embed's ``— NAME (@handle) DATE`` line."""
    found = _AUTHOR_LINE.match(text.strip())
    return found is not None and parse_post_date(found.group("date")) is not None


def _mark(line: Line, index: int) -> Line:
    anchors = tuple(dataclasses.replace(a, in_embed=True) for a in line.anchors)
    return dataclasses.replace(line, anchors=anchors, embed=index)


def _links(line: Line | None) -> tuple[Anchor, ...]:
    if line is None:
        return ()
    seen: set[str] = set()
    links: list[Anchor] = []
    for anchor in line.anchors:
        if anchor.href in seen or _NOT_LINK_TEXT.match(anchor.text):
            continue
        seen.add(anchor.href)
        links.append(Anchor(anchor.text, anchor.href, True, anchor.line or line.number))
    return tuple(links)


def _text_line(lines: Sequence[Line], index: int) -> int | None:
    """The post's text: the nearest non-blank line above the author line, if it is free."""
    for before in range(index - 1, -1, -1):
        line = lines[before]
        if not line.text and not line.anchors:
            continue
        if line.embed is not None or is_author_line(line.text):
            return None
        return before
    return None


def captured_after(lines: Sequence[Line], first: int) -> tuple[list[Line], list[Embed]]:
    """``lines`` with text-captured embeds (``— NAME (@handle) DATE``) marked from ``first`` on.

    Embed markup read as HTML already (its lines carry an embed index below ``first``) stays
    as it is; :func:`find_captured` numbers its own embeds from 0, so they are shifted past it.
    """
    marked, captured = find_captured(lines)
    shifted = [
        dataclasses.replace(after, embed=after.embed + first)
        if after.embed is not None and before.embed is None
        else after
        for before, after in zip(lines, marked, strict=True)
    ]
    return shifted, list(captured)


def find_captured(lines: Sequence[Line]) -> tuple[tuple[Line, ...], tuple[Embed, ...]]:
    """``lines`` with each captured embed's lines marked, and the embeds in order."""
    marked = list(lines)
    embeds: list[Embed] = []
    for index, line in enumerate(lines):
        found = _AUTHOR_LINE.match(line.text.strip())
        if found is None or line.embed is not None or parse_post_date(found.group("date")) is None:
            continue
        text_index = _text_line(marked, index)
        text_line = marked[text_index] if text_index is not None else None
        handle = found.group("handle")
        platform = Platform.BLUESKY if "." in handle else Platform.TWITTER
        cited = Cited(
            author=found.group("name").strip() or None,
            handle=handle,
            date=found.group("date").strip(),
            text=text_line.text or None if text_line is not None else None,
        )
        number = len(embeds)
        embeds.append(Embed(platform, None, None, cited, _links(text_line)))
        if text_index is not None:
            marked[text_index] = _mark(marked[text_index], number)
        marked[index] = _mark(line, number)
    return tuple(marked), tuple(embeds)
