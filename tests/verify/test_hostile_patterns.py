"""Patterns of the verify stage over hostile text (issue 13): linear, however the text is built.

Embed texts come from servers the checker does not control.  Each case is timed as
a ratio to ordinary text of the same size, with a generous bound.
"""

from __future__ import annotations

import pytest

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
