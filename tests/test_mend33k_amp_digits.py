"""An AMP component's numeric id is ASCII digits, as its format says: ``\\d`` took full-width
or Arabic-Indic digits (``data-trackid="２４３"``) for a SoundCloud track, a Vimeo video or a
tweet and cited a player URL that names none.  Extraction of a local page only."""

from __future__ import annotations

import pytest

from tests.test_left33a_amp_players import _cited


@pytest.mark.parametrize(
    "component",
    [
        '<amp-soundcloud data-trackid="２４３１６９２３２"></amp-soundcloud>',
        '<amp-soundcloud data-playlistid="١٥١٥٨٤٦٨٣"></amp-soundcloud>',
        '<amp-vimeo data-videoid="１４０２６１０１６"></amp-vimeo>',
        '<amp-twitter data-tweetid="６８５２３９３２０２４３６３３８"></amp-twitter>',
    ],
    ids=["soundcloud-track", "soundcloud-playlist", "vimeo", "tweet"],
)
def test_an_id_in_other_digits_makes_no_player(component: str) -> None:
    """Cited as written, no player made (left 34a: it was cited nowhere, said nowhere)."""
    assert [url for _kind, url, _line in _cited(component)] == [
        component[: component.index(">") + 1]
    ]


def test_an_id_in_ascii_digits_still_does() -> None:
    cited = _cited('<amp-soundcloud data-trackid="243169232"></amp-soundcloud>')
    assert [url for _kind, url, _line in cited] == [
        "https://w.soundcloud.com/player/?url=https%3A//api.soundcloud.com/tracks/243169232"
    ]
