"""Session 29's review of the new reading rules (mend29b): what a reviewer found in them, each
mended with a test that failed before."""

from __future__ import annotations

import pytest

from checker.urls import is_unreadable_embed
from tests.cost import cpu_seconds


@pytest.mark.timeout(60)
def test_an_include_href_of_many_folders_is_read_in_linear_time() -> None:
    """Every href without a scheme is asked whether it is an unreadable embed call: a greedy
    folder run gave back one ``/`` at a time and rescanned the rest from each, so a
    ``{% include /a/a/…`` href was quadratic (128 KB took 40 s).  Against an href of the same
    size and no folders, it costs about the same now (it cost thousands of times more)."""
    size = 20_000
    hostile = "{% include " + "/a" * size
    normal = "{% include " + "ab" * size
    assert not is_unreadable_embed(hostile)
    assert not is_unreadable_embed(hostile + " %}")
    cost = cpu_seconds(lambda: is_unreadable_embed(hostile))
    base = cpu_seconds(lambda: is_unreadable_embed(normal))
    assert cost < 50 * base, (cost, base)


@pytest.mark.parametrize(
    "call",
    [
        '{% include embeds/tweet.html id="x" %}',
        '{% include a/b/video.html id="" %}',
        "{% include /x/vimeo.html %}",
    ],
)
def test_an_include_in_folders_is_still_known_by_its_file_stem(call: str) -> None:
    assert is_unreadable_embed(call)
