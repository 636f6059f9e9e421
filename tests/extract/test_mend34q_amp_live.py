"""Mend 34q: ``<amp-youtube data-live-channelid>`` (amp.dev's own example: a channel's live
stream, no video id) was cited as written and said ``malformed-url``, a valid embed failing
the run.  It is the player the runtime frames, ``/embed/live_stream?channel=ID``, a link, not
read as a video named ``live_stream`` (the 11 letters a video id has).  Extraction only."""

from __future__ import annotations

from checker.model import CitationKind
from tests.test_left33a_amp_players import _cited

CHANNEL = "UCB8Kb4pxYzsDsHxzBfnid4Q"


def test_a_youtube_live_channel_cites_its_live_player() -> None:
    component = (
        f'<amp-youtube id="myLiveChannel" data-live-channelid="{CHANNEL}" width="358" '
        'height="204" layout="responsive"><amp-img src="https://i.ytimg.com/vi/x/hq.jpg" '
        'placeholder layout="fill"></amp-img></amp-youtube>'
    )
    assert _cited(component) == [
        (CitationKind.LINK, f"https://www.youtube.com/embed/live_stream?channel={CHANNEL}", 2)
    ]


def test_a_video_id_wins_over_a_channel() -> None:
    component = (
        f'<amp-youtube data-videoid="dQw4w9WgXcQ" data-live-channelid="{CHANNEL}" width="1" '
        'height="1"></amp-youtube>'
    )
    assert [url for _kind, url, _line in _cited(component)] == [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    ]


def test_a_channel_id_of_no_form_is_cited_as_written() -> None:
    component = '<amp-youtube data-live-channelid="a b"></amp-youtube>'
    assert [url for _kind, url, _line in _cited(component)] == [
        component[: component.index(">") + 1]
    ]


def test_a_live_or_playlist_player_frame_is_no_video_of_that_name() -> None:
    """The same players written as YouTube's own ``<iframe>`` embed code."""
    for player in (
        f"https://www.youtube.com/embed/live_stream?channel={CHANNEL}",
        "https://www.youtube.com/embed/videoseries?list=PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG",
    ):
        cited = _cited(f'<iframe width="560" height="315" src="{player}"></iframe>')
        assert cited == [(CitationKind.LINK, player, 2)]
