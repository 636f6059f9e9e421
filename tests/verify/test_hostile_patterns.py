"""Patterns of the verify stage over hostile text (issue 13): linear, however the text is built.

Embed texts and TimeMaps come from servers the checker does not control.  Each case is timed as
a ratio to ordinary text of the same size, with a generous bound.
"""

from __future__ import annotations

import pytest

from checker.verify.archive import _timemap_entries
from checker.verify.embeds._common import post_skeleton
from tests.cost import cpu_seconds

_SIZE = 40_000
_BOUND = 25


_ORDINARY = "Words of an ordinary post, nothing more. "


@pytest.mark.parametrize("unit", ["#tag ", "a.", "-", "a-"])
def test_post_skeleton_is_linear(unit: str) -> None:
    hostile = unit * (_SIZE // len(unit)) + " end"
    normal = _ORDINARY * (_SIZE // len(_ORDINARY))
    assert (
        cpu_seconds(lambda: post_skeleton(hostile)) / cpu_seconds(lambda: post_skeleton(normal))
        < _BOUND
    )


def test_post_skeleton_still_drops_links_and_trailing_tags() -> None:
    skeleton, cut = post_skeleton("Talks stall example.com/a/b #Ukraine #news", ())
    assert (skeleton, cut) == ("talksstall", False)


def test_timemap_reading_is_linear() -> None:
    entry = '<https://web.archive.org/web/20200101000000/https://a.example/>; rel="memento"; '
    entry += 'datetime="Wed, 01 Jan 2020 00:00:00 GMT",\n'
    normal = entry * (_SIZE // len(entry))
    hostile = "<" * _SIZE
    assert (
        cpu_seconds(lambda: _timemap_entries(hostile))
        / cpu_seconds(lambda: _timemap_entries(normal))
        < 25
    )
    assert len(_timemap_entries(normal)) == _SIZE // len(entry)
