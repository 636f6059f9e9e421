"""The bench's politeness bound: from each row's own per-host lanes and start interval."""

from __future__ import annotations

import pytest

from bench.run import _policy, politeness_bound
from bench.site import build_site


def test_the_bound_scales_with_the_lanes_and_a_start_interval_can_set_it() -> None:
    """The Zipf small web's busiest host: 479 requests, 77.92 s of answers; at 4 lanes 19.48 s,
    at 8 half that; 50 ms between its starts needs 478 x 50 ms, longer than 8 lanes' answers."""
    site = build_site(1, 40, 2000, regime="zipf")
    at_four = politeness_bound(site, 4)
    assert at_four == pytest.approx(19.48, abs=0.01)
    assert politeness_bound(site, 8) == pytest.approx(at_four / 2)
    assert politeness_bound(site, 8, 0.05) == pytest.approx(478 * 0.05)
    assert politeness_bound(site, 4, 0.02) == at_four  # 9.56 s of starts: the lanes bind


def test_a_policy_names_lanes_and_an_optional_start_interval() -> None:
    assert _policy("6") == (6, 0.0)
    assert _policy("8@0.02") == (8, 0.02)
