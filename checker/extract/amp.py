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
if it fails.  A value that is no id of its platform's (a tweet id with letters) is not rendered:
the component stays unread, as it would not render in a browser either.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import quote

from checker.lazyre import LazyPattern, lazy

if TYPE_CHECKING:
    from collections.abc import Callable

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


def _player(attribute: str, pattern: LazyPattern[str], url: str) -> Callable[[Element], None]:
    """A component rendered as a player frame: ``url`` with its id ``attribute`` put in."""

    def render(element: Element) -> None:
        value = (element.get(attribute) or "").strip()
        if pattern.fullmatch(value):
            _frame(element, url.format(quote(value, safe="")))

    return render


def _framed(attribute: str) -> Callable[[Element], None]:
    """A component rendered as a frame of the page its ``attribute`` names."""

    def render(element: Element) -> None:
        value = (element.get(attribute) or "").strip()
        if value:
            _frame(element, value)

    return render


_TWEET_FRAME = _player(
    "data-tweetid", _DIGITS, "https://platform.twitter.com/embed/Tweet.html?id={}"
)


def _twitter(element: Element) -> None:
    """The AMP plugin writes the fallback blockquote as the component's own child: only the
    children are looked at, so nested components cost one look each, not their subtrees."""
    if any(
        child.tag == "blockquote" and "twitter-tweet" in (child.get("class") or "")
        for child in element
    ):
        element.tag = "div"  # its fallback blockquote is the tweet's embed code: read as such
        return
    _TWEET_FRAME(element)


def _soundcloud(element: Element) -> None:
    """A track's player, or a playlist's when the component names one instead (its
    ``data-playlistid``), as the runtime frames SoundCloud's widget."""
    for attribute, kind in (("data-trackid", "tracks"), ("data-playlistid", "playlists")):
        value = (element.get(attribute) or "").strip()
        if _DIGITS.fullmatch(value):
            _frame(
                element,
                f"https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/{kind}/{value}",
            )
            return


_BRIGHTCOVE_ID = lazy(r"[A-Za-z0-9_:.-]{1,64}")
"""A Brightcove account's, player's or video's id: digits, a GUID, ``default``, ``ref:NAME``."""


def _brightcove(element: Element) -> None:
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


def _instagram(element: Element) -> None:
    shortcode = (element.get("data-shortcode") or "").strip()
    if _ID.fullmatch(shortcode):
        element.tag = "blockquote"
        element.set("class", "instagram-media")
        element.set("data-instgrm-permalink", f"https://www.instagram.com/p/{shortcode}/")


def _facebook(element: Element) -> None:
    if (element.get("data-href") or "").strip():
        video = (element.get("data-embed-as") or "").strip().lower() == "video"
        element.tag = "div"
        element.set("class", "fb-video" if video else "fb-post")


def _tiktok(element: Element) -> None:
    source = (element.get("data-src") or "").strip()
    if _URL.fullmatch(source):
        element.set("cite", source)
    elif _DIGITS.fullmatch(source):
        element.set("data-video-id", source)
    else:
        return
    element.tag = "blockquote"
    element.set("class", "tiktok-embed")


_RENDERED: dict[str, Callable[[Element], None]] = {
    "amp-iframe": _framed("src"),
    "amp-twitter": _twitter,
    "amp-youtube": _player("data-videoid", _ID, "https://www.youtube.com/embed/{}"),
    "amp-vimeo": _player("data-videoid", _DIGITS, "https://player.vimeo.com/video/{}"),
    "amp-dailymotion": _player("data-videoid", _ID, "https://www.dailymotion.com/embed/video/{}"),
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
        _RENDERED[element.tag](element)
