"""The backtracking check of URL patterns reads what ``re`` matches: a repeat of an exact small
count (``a{2}``) as that many characters, not one; a character ignoring case as every character
``re`` folds it with, beyond ASCII too.

Read once, ``a{2}`` stood for a single ``a``, so ``(?:ba{2}|baa)+$`` (each ``baa`` matched two
ways) looked unambiguous and passed as a URL pattern, yet took 0.7 s on 67 characters and twice
that for each ``baa`` more (review36 of ed9038d).  Exact counts nested are capped, never built
without end.
"""

from __future__ import annotations

import pytest

from checker.backtracking import exponential_backtracking

_SLOW = [
    r"(?:ba{2}|baa)+$",
    r"(?:x{2}y|xxy)+$",
    r"(?:[ab]{3}|aab)+$",
]
"""Each measured at 0.7 s or more on 22 repeats then ``c``, Python 3.11."""
_LINEAR = [
    r"(?:[0-9a-f]{2})+$",
    r"(?:a{2}|b)+$",
    r"(a|a){2}$",
    r"^https://example\.com/[0-9a-f]{8}/\d{4}/(\w+/)*$",
]


@pytest.mark.parametrize("pattern", _SLOW)
def test_a_counted_repeat_hiding_two_ways_is_told(pattern: str) -> None:
    assert exponential_backtracking(pattern) is not None


@pytest.mark.parametrize("pattern", _LINEAR)
def test_a_counted_repeat_matching_one_way_passes(pattern: str) -> None:
    assert exponential_backtracking(pattern) is None


def test_nested_counts_are_refused_as_too_complex_not_built() -> None:
    nested = "(?:" * 6 + "a{8}" + "){8}" * 5 + ")" + "|(a|b))+"
    assert "too complex" in (exponential_backtracking("(?:" + nested) or "")


_FOLDED_SLOW = [
    "(?i)(?:Kx|\u212ax)+$",
    "(?i)(?:sx|\u017fx)+$",
    "(?i)(?:\u212bx|\u00e5x)+$",
]
"""Each measured at 1.4 s or more on 22 repeats of ``kx``/``sx``/``åx`` then ``!``: ``re``
folds the Kelvin sign into ``k``, ``ſ`` into ``s``, the Ångström sign into ``å``."""


@pytest.mark.parametrize("pattern", _FOLDED_SLOW)
def test_a_character_folded_into_another_ignoring_case_is_told(pattern: str) -> None:
    assert exponential_backtracking(pattern) is not None


@pytest.mark.parametrize(
    "pattern", ["(?i)(?:ab|\u00e9b)+$", "(?i)^https://[a-z]+\\.test/(\\w+/)*$"]
)
def test_case_folding_keeps_unambiguous_patterns_passing(pattern: str) -> None:
    assert exponential_backtracking(pattern) is None
