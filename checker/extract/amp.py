"""An AMP page read as the page the AMP runtime renders: its embed components as their embeds.

An AMP page (a news site's ``/amp/`` twin, a post the WordPress AMP plugin or a Blogger AMP
theme serves, a page saved from the Google AMP cache) writes its embedded posts as AMP
components: ``<amp-twitter data-tweetid>``, ``<amp-youtube data-videoid>``, ``<amp-instagram
data-shortcode>``, ``<amp-facebook data-href>``, ``<amp-tiktok data-src>``, the players of
``<amp-vimeo>``, ``<amp-dailymotion>``, ``<amp-soundcloud>`` and ``<amp-brightcove>``, and a
framed page as ``<amp-iframe src>``. No reader knew those names, so a post's embedded tweets and
videos were neither checked nor said (probe 32: an AMP post of nine embeds and two links
reported "2 citations", exit 0). The runtime replaces each component by the markup its
platform's own embed code makes (a player ``<iframe>``, Instagram's
``blockquote.instagram-media``, Facebook's ``div.fb-post``); each component is renamed here to
that markup, in the tree, before anything reads it, so the platforms' readers
(:mod:`checker.extract.embeds`) and the link walk (an ``<iframe src>`` is cited) read it as they
read a page that embeds the same post with the platform's code. One rule, one table
(:data:`_RENDERED`): a component with no row (an image, a gist, a timeline) is left as it is, as
the markup it renders (``<img>``, a script) is no citation either.

An ``<amp-twitter>`` that holds the tweet's fallback ``blockquote.twitter-tweet`` (what the AMP
plugin writes, as the placeholder shown while the frame loads) is read by that blockquote, which
shows the tweet's text, author and date: only its wrapper is renamed.  A component rendered as a
frame loses its children, which are its placeholder and fallback, shown only while it loads or
if it fails.  A component that names no id of its platform's (``<amp-youtube>`` without
``data-videoid``, a tweet id with letters) renders nothing in a browser either: it is cited as
written (``<amp-youtube data-videoid="">``), a link beside it, which verify says is a
``malformed-url`` as it says ``{{< youtube >}}`` (:func:`checker.urls.is_embed_call`); it
cited nothing and said nothing (session 33 left), the embed the post meant never accounted for.
An ``<amp-twitter>`` showing a timeline or a moment (``data-timeline-source-type``,
``data-momentid``) is no post: no citation, as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING
from urllib.parse import quote

from checker.lazyre import LazyPattern, lazy

if TYPE_CHECKING:
    from checker.extract.tree import Element

__all__ = ["MARK", "render_amp"]

MARK = "<amp-"
"""What a page holding any AMP component holds: a page without it is not looked at (one scan
of a page's text; a page writing the components' names in capitals, which no AMP generator
does, is not read so)."""

# ASCII digits: ``\d`` took ``data-trackid="２４３"`` (full-width) for a track and built a bogus
# player URL; an id is written in the digits its format says.
_DIGITS = lazy(r"[0-9]{1,25}")
_ID = lazy(r"[A-Za-z0-9_-]{1,64}")
_URL = lazy(r"https?://\S+", re.IGNORECASE)


def _frame(element: Element, src: str) -> None:
    """Render ``element`` as the ``<iframe src>`` the runtime makes, its children dropped."""
    for child in list(element):
        element.remove(child)
    element.text = None
    element.tag = "iframe"
    element.set("src", src)


_Render = Callable[["Element"], bool]
"""Render a component as its markup; False when it names nothing its platform can show."""


def _player(*choices: tuple[str, LazyPattern[str], str]) -> _Render:
    """A component rendered as a player frame: for the first of its ``choices`` (an id
    attribute, the id's form, the frame's URL) whose attribute holds an id of its form, the URL
    with that id put in.  Several when the component names what it shows in one of several
    attributes (a YouTube video or a channel's live stream, a SoundCloud track or playlist)."""

    def render(element: Element) -> bool:
        for attribute, pattern, url in choices:
            value = (element.get(attribute) or "").strip()
            if pattern.fullmatch(value):
                _frame(element, url.format(quote(value, safe="")))
                return True
        return False

    return render


def _framed(attribute: str) -> _Render:
    """A component rendered as a frame of the page its ``attribute`` names."""

    def render(element: Element) -> bool:
        value = (element.get(attribute) or "").strip()
        if value:
            _frame(element, value)
        return bool(value)

    return render


_TWEET_FRAME = _player(
    ("data-tweetid", _DIGITS, "https://platform.twitter.com/embed/Tweet.html?id={}")
)


_NO_POST = ("data-timeline-source-type", "data-momentid")
"""What an ``<amp-twitter>`` showing a timeline or a moment, no one post, names instead."""


def _twitter(element: Element) -> bool:
    """The AMP plugin writes the fallback blockquote as the component's own child: only the
    children are looked at, so nested components cost one look each, not their subtrees."""
    if any(
        child.tag == "blockquote" and "twitter-tweet" in (child.get("class") or "")
        for child in element
    ):
        element.tag = "div"  # its fallback blockquote is the tweet's embed code: read as such
        return True
    if element.get("data-tweetid") is None and any(element.get(a) for a in _NO_POST):
        return True  # a timeline is no citation (no row for it, as for a gist)
    return _TWEET_FRAME(element)


_SOUNDCLOUD = "https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/{}/{{}}"
_soundcloud = _player(
    ("data-trackid", _DIGITS, _SOUNDCLOUD.format("tracks")),
    ("data-playlistid", _DIGITS, _SOUNDCLOUD.format("playlists")),
)
"""A track's player, or a playlist's when the component names one instead (its
``data-playlistid``), as the runtime frames SoundCloud's widget."""


_BRIGHTCOVE_ID = lazy(r"[A-Za-z0-9_:.-]{1,64}")
"""A Brightcove account's, player's or video's id: digits, a GUID, ``default``, ``ref:NAME``."""


def _brightcove(element: Element) -> bool:
    """The account's player page for the video (or playlist), as the runtime frames it: its
    player and embed ``default`` when the component names none."""
    account = (element.get("data-account") or "").strip()
    player = (element.get("data-player") or element.get("data-player-id") or "default").strip()
    embed = (element.get("data-embed") or "default").strip()
    playlist = (element.get("data-playlist-id") or "").strip()
    video = (element.get("data-video-id") or "").strip()
    shown = ("playlistId", playlist) if playlist else ("videoId", video)
    if all(_BRIGHTCOVE_ID.fullmatch(x) for x in (account, player, embed, shown[1])):
        page = f"https://players.brightcove.net/{account}/{player}_{embed}/index.html"
        _frame(element, f"{page}?{shown[0]}={quote(shown[1], safe=':')}")
        return True
    return False


def _instagram(element: Element) -> bool:
    shortcode = (element.get("data-shortcode") or "").strip()
    if not _ID.fullmatch(shortcode):
        return False
    element.tag = "blockquote"
    element.set("class", "instagram-media")
    element.set("data-instgrm-permalink", f"https://www.instagram.com/p/{shortcode}/")
    return True


def _facebook(element: Element) -> bool:
    if not (element.get("data-href") or "").strip():
        return False
    video = (element.get("data-embed-as") or "").strip().lower() == "video"
    element.tag = "div"
    element.set("class", "fb-video" if video else "fb-post")
    return True


def _tiktok(element: Element) -> bool:
    source = (element.get("data-src") or "").strip()
    if _URL.fullmatch(source):
        element.set("cite", source)
    elif _DIGITS.fullmatch(source):
        element.set("data-video-id", source)
    else:
        return False
    element.tag = "blockquote"
    element.set("class", "tiktok-embed")
    return True


_RENDERED: dict[str, _Render] = {
    "amp-iframe": _framed("src"),
    "amp-twitter": _twitter,
    "amp-youtube": _player(
        ("data-videoid", _ID, "https://www.youtube.com/embed/{}"),
        ("data-live-channelid", _ID, "https://www.youtube.com/embed/live_stream?channel={}"),
    ),
    "amp-vimeo": _player(("data-videoid", _DIGITS, "https://player.vimeo.com/video/{}")),
    "amp-dailymotion": _player(("data-videoid", _ID, "https://www.dailymotion.com/embed/video/{}")),
    "amp-soundcloud": _soundcloud,
    "amp-brightcove": _brightcove,
    "amp-instagram": _instagram,
    "amp-facebook": _facebook,
    "amp-tiktok": _tiktok,
    "amp-reddit": _framed("data-src"),
    "amp-embedly-card": _framed("data-url"),
}
"""Each embed component and how the runtime renders it (AMP's component reference)."""


def render_amp(root: Element) -> None:
    """Rename the AMP components under ``root`` to the markup they render (module docstring).
    The caller asks only for a page holding :data:`MARK`; lxml finds the components in C.
    Innermost first: a component nested in another is rendered (a frame's children dropped)
    before its parent is, so no subtree is walked or dropped more than once; outermost first,
    20,000 nested ``<amp-twitter>`` took 17 s (lxml walks each dropped subtree)."""
    for element in reversed(list(root.iter(*_RENDERED))):
        tag = element.tag
        if not _RENDERED[tag](element):
            _cite_as_written(element, tag)


_WRITTEN_VALUE = 200
"""The characters of an attribute's value kept in the component as cited (a report's line)."""


def _cite_as_written(element: Element, tag: str) -> None:
    """A link to the component as written (its ``src`` and ``data-*`` attributes) put before
    it, on its line: the component itself stays, as a browser keeps it (its fallback shown)."""
    if element.getparent() is None:
        return  # the document's root: no page writes one so (nothing to put a link beside)
    named = "".join(
        f' {name}="{escape(value[:_WRITTEN_VALUE])}"'
        for name, value in element.items()
        if name == "src" or name.startswith("data-")
    )
    link = element.makeelement("a", {"href": f"<{tag}{named}>"})
    link.sourceline = element.sourceline
    element.addprevious(link)
