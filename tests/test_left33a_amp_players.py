"""AMP's Dailymotion, SoundCloud and Brightcove players (``<amp-dailymotion data-videoid>``,
``<amp-soundcloud data-trackid|data-playlistid>``, ``<amp-brightcove data-account
data-video-id>``) are read as the player frame the AMP runtime renders, as ``<amp-vimeo>`` is:
they had no row in ``extract/amp.py``'s table, so the videos and tracks an AMP post embeds were
neither cited nor said (session 32 left).  The URLs are the runtime's own (its components' tests:
Brightcove's player and embed ``default`` when unnamed).  Extraction of a local page only."""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.model import CitationKind, Page, PageKind


def _cited(component: str) -> list[tuple[CitationKind, str, int | None]]:
    html = (
        "<!doctype html><html amp><head><title>Post</title></head><body><article><h1>Post</h1>"
        f"<p>The council met today.</p>\n{component}\n<p>More later.</p></article></body></html>"
    )
    (doc,) = extract(Page("https://blog.example/post/amp/", "post.html", html, PageKind.HTML))
    return [(c.kind, c.url, c.line) for c in doc.citations]


@pytest.mark.parametrize(
    ("component", "url"),
    [
        (
            '<amp-dailymotion data-videoid="x2m8jpp" layout="responsive" width="480" '
            'height="270"></amp-dailymotion>',
            "https://www.dailymotion.com/embed/video/x2m8jpp",
        ),
        (
            '<amp-soundcloud height="657" layout="fixed-height" data-trackid="243169232" '
            'data-visual="true"></amp-soundcloud>',
            "https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/243169232",
        ),
        (
            '<amp-soundcloud height="300" layout="fixed-height" data-playlistid="151584683">'
            "</amp-soundcloud>",
            "https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/playlists/151584683",
        ),
        (
            '<amp-brightcove data-account="906043040001" data-video-id="ref:ampdemo" '
            'layout="responsive" width="480" height="270"></amp-brightcove>',
            "https://players.brightcove.net/906043040001/default_default/index.html"
            "?videoId=ref:ampdemo",
        ),
        (
            '<amp-brightcove data-account="1290862519001" data-player="SyZyZ8Hu" '
            'data-embed="default" data-playlist-id="5290181545001" width="480" height="270">'
            "</amp-brightcove>",
            "https://players.brightcove.net/1290862519001/SyZyZ8Hu_default/index.html"
            "?playlistId=5290181545001",
        ),
    ],
    ids=["dailymotion", "soundcloud-track", "soundcloud-playlist", "brightcove", "bc-playlist"],
)
def test_an_amp_player_cites_the_player_it_renders(component: str, url: str) -> None:
    assert _cited(component) == [(CitationKind.LINK, url, 2)]


@pytest.mark.parametrize(
    "component",
    [
        '<amp-soundcloud data-trackid="not a number"></amp-soundcloud>',
        '<amp-brightcove data-video-id="123"></amp-brightcove>',  # no account: no player
    ],
    ids=["soundcloud-id-of-words", "brightcove-without-account"],
)
def test_a_player_naming_nothing_it_can_play_cites_nothing(component: str) -> None:
    """No player cited: the component as written (left 34a: it said nothing before)."""
    assert [url for _kind, url, _line in _cited(component)] == [
        component[: component.index(">") + 1]
    ]
