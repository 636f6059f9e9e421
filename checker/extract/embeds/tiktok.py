"""TikTok embeds: ``blockquote.tiktok-embed`` with ``cite`` and ``data-video-id``.

The fallback markup shows the author as an ``@handle`` link, then the caption with its hashtag
links, then the sound as a ``♬`` link; the caption is the text between them.
"""

from __future__ import annotations

import re

from checker.extract.embeds._shared import Embed, absolute, attr, classes, visible_text
from checker.extract.tree import Element, text_of
from checker.lazyre import lazy
from checker.model import Cited, Platform

__all__ = ["from_url", "read"]

_VIDEO = lazy(
    r"^https?://(?:www\.|m\.)?tiktok\.com/@(?P<user>[^/?#]+)/video/(?P<id>\d+)", re.IGNORECASE
)


def _shown_handle(tag: Element) -> tuple[str | None, list[Element]]:
    for a in tag.iterdescendants("a"):
        text = text_of(a).strip()
        if text.startswith("@"):
            return text[1:], [a]
    return None, []


def _video_url(user: str, video: str) -> str:
    return f"https://www.tiktok.com/@{user}/video/{video}"


def from_url(url: str) -> Embed | None:
    """The TikTok video a ``/@user/video/ID`` URL names, as an embed of it."""
    found = _VIDEO.match(url.strip())
    if found is None:
        return None
    video = found.group("id")
    return Embed(Platform.TIKTOK, video, _video_url(found.group("user"), video), Cited())


def read(tag: Element, base: str) -> Embed | None:
    """The TikTok video ``tag`` embeds, when it is a TikTok embed's root."""
    if tag.tag.lower() != "blockquote" or "tiktok-embed" not in classes(tag):
        return None
    cite = absolute(attr(tag, "cite"), base) or ""
    found = _VIDEO.match(cite)
    video = attr(tag, "data-video-id") or (found.group("id") if found else None)
    handle, furniture = _shown_handle(tag)
    furniture += [a for a in tag.iterdescendants("a") if text_of(a).strip().startswith("♬")]
    url: str | None = None
    if found is not None and video is not None:
        url = _video_url(found.group("user"), video)
    text = " ".join(visible_text(tag, skip=furniture).split()) or None
    return Embed(Platform.TIKTOK, video, url, Cited(handle=handle, text=text))
