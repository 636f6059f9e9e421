"""The backtracking check of URL patterns reads what ``re`` matches: a repeat of an exact small
count (``a{2}``) as that many characters, not one; a character ignoring case as every character
``re`` folds it with, beyond ASCII too; and a pattern of more than 2**20 ways to match one text
is refused though no part of it repeats in two ways.

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
    "(?i)(?:Kx|\u212ax)+$",
    "(?i)(?:sx|\u017fx)+$",
    "(?i)(?:\u212bx|\u00e5x)+$",
    r"(?:(?:a|a){8}){3}$",
    "(?:a|a)" * 25 + "$",
]
"""Each measured at 0.7 s or more on 22 repeats then ``c`` (the counted ones) or ``!`` (the
folded ones: ``re`` folds the Kelvin sign into ``k``, ``ſ`` into ``s``, the Ångström sign into
``å``), or 1.8 s on 24 ``a`` then ``!`` (the last two: 2**24 ways and more, no part repeating
in two ways), Python 3.11."""
_LINEAR = [
    r"(?:[0-9a-f]{2})+$",
    r"(?:a{2}|b)+$",
    r"(a|a){2}$",
    r"^https://example\.com/[0-9a-f]{8}/\d{4}/(\w+/)*$",
    "(?i)(?:ab|\u00e9b)+$",
    r"(?i)^https://[a-z]+\.test/(\w+/)*$",
    r"(?:(?:a|a){8}){2}$",
    "(?:a|b)" * 25 + "$",
]


@pytest.mark.parametrize(
    ("pattern", "slow"), [(p, True) for p in _SLOW] + [(p, False) for p in _LINEAR]
)
def test_a_pattern_is_judged_as_re_matches_it(pattern: str, *, slow: bool) -> None:
    assert (exponential_backtracking(pattern) is not None) is slow


def test_nested_counts_are_refused_as_too_complex_not_built() -> None:
    nested = "(?:" * 6 + "a{8}" + "){8}" * 5 + ")" + "|(a|b))+"
    assert "too complex" in (exponential_backtracking("(?:" + nested) or "")
