"""YouTube embeds: ``/embed/ID`` iframes (youtube.com and youtube-nocookie.com) and kin.

A video is embedded by an iframe, an old ``<embed>``/``<object>`` player, a ``<lite-youtube>``
element, or a ``watch?v=``/``youtu.be`` link inside a container that says it is an embed (such as
WordPress' ``wp-block-embed-youtube``).  A plain link to a video in running text stays a link.
"""

from __future__ import annotations

import re

from checker.extract.embeds._shared import Embed, attr, classes, links_in
from checker.extract.lines import bare_urls
from checker.extract.tree import Element, text_of
from checker.lazyre import lazy
from checker.model import Cited, Platform

__all__ = ["from_id", "from_url", "read", "video_id"]

_ID = r"(?P<id>[A-Za-z0-9_-]{11})"
_NOT_VIDEOS = r"(?!(?:live_stream|videoseries)(?:[?&#/]|$))"
"""The players of a channel's live stream and of a playlist (``/embed/live_stream?channel=``,
``/embed/videoseries?list=``): 11 letters, the form of a video id, that name no video (mend
34q: read as the video ``live_stream``, its watch page cited)."""
_PLAYER = lazy(
    r"^(?:https?:)?//(?:www\.|m\.)?youtube(?:-nocookie)?\.com/(?:embed|v)/"
    + _NOT_VIDEOS
    + _ID
    + r"(?:[?&#/]|$)",
    re.IGNORECASE,
)
_WATCH = lazy(
    r"^(?:https?:)?//(?:(?:www\.|m\.)?youtube\.com/(?:watch\?(?:[^#]*&)?v=|shorts/|live/)"
    r"|youtu\.be/)" + _ID + r"(?:[?&#/]|$)",
    re.IGNORECASE,
)
_CONTAINER_WORDS = ("youtube", "wp-block-embed", "video-embed", "embed-video", "embed-responsive")


def video_id(url: str) -> str | None:
    """The video id of a player, watch, shorts or youtu.be URL."""
    found = _PLAYER.match(url.strip()) or _WATCH.match(url.strip())
    return found.group("id") if found else None


def _embed(video: str) -> Embed:
    return Embed(Platform.YOUTUBE, video, f"https://www.youtube.com/watch?v={video}", Cited())


def _player(tag: Element) -> Embed | None:
    for name in ("src", "data-src", "data", "data-lazy-src"):
        found = _PLAYER.match(attr(tag, name) or "")
        if found is not None:
            return _embed(found.group("id"))
    return None


def _container(tag: Element) -> Embed | None:
    """A ``watch?v=`` link or bare URL inside an element classed as an embed."""
    label = " ".join(classes(tag)).lower()
    if not any(word in label for word in _CONTAINER_WORDS):
        return None
    hrefs = [a.get("href") for a in links_in(tag)]
    players = [str(t.get("src") or "") for t in tag.iterdescendants("iframe", "embed")]
    for url in (*players, *hrefs, *bare_urls(text_of(tag))):
        video = video_id(url)
        if video is not None:
            return _embed(video)
    return None


def from_url(url: str) -> Embed | None:
    """The video a player, watch or youtu.be URL names, as an embed of it."""
    video = video_id(url)
    return _embed(video) if video is not None else None


def from_id(video: str) -> Embed | None:
    """The video of an id as a shortcode gives it (``{{< youtube w7Ft2ymGmfc >}}``)."""
    return _embed(video) if re.fullmatch(_ID, video) else None


def read(tag: Element, base: str) -> Embed | None:
    """The video ``tag`` embeds, when it is a YouTube embed's root."""
    del base  # players and watch links are absolute or protocol-relative
    name = tag.tag.lower()
    if name in ("iframe", "embed", "object"):
        return _player(tag)
    if name == "lite-youtube":
        video = attr(tag, "videoid")
        return _embed(video) if video and re.fullmatch(_ID, video) else None
    if name in ("div", "figure", "p", "span", "section"):
        return _container(tag)
    return None
