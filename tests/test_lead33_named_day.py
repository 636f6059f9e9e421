"""The common named-day forms of a cited date are read at once, as the full scan reads them.

``February 8, 2024`` and ``8 Feb 2024`` were read by the lenient scan (dateutil's fuzzy rules
rebuilt), ~86 µs a date, for every source judged for its date (issue 19).  A fullmatch of the two
forms reads them now; the scan stays the rule, so the two must agree on every month name
citecheck knows, every day (valid or not) and every spelling of the forms.
"""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from checker import dates

_NAMES = sorted(
    name for name in dates.MONTH_NUMBER if name.isascii() and name.isalpha() and 3 <= len(name) <= 9
)
_FORMS = (
    "{m} {d}, {y}",
    "{m} {d} {y}",
    "{m}. {d}, {y}",
    "{d} {m} {y}",
    "{d} {m}. {y}",
    "{d} {m}, {y}",
    "{M} {d}, {y}",
    "{d} {M} {y}.",
)


def _scan(text: str) -> date | None:
    return dates._scanned(dates._plain(text).strip(" .,"))


@pytest.mark.parametrize("form", _FORMS)
def test_the_fast_read_agrees_with_the_scan(form: str) -> None:
    differ = []
    for name, day, year in itertools.product(
        _NAMES, (0, 1, 8, 12, 13, 28, 29, 30, 31, 32), (1999, 2000, 2024, 2100)
    ):
        text = form.format(m=name, M=name.title(), d=day, y=year)
        if dates.parse_cited(text) != _scan(text):
            differ.append(text)
    assert differ == []


def test_the_fast_read_is_the_one_taken() -> None:
    """Not a test of speed: that the common form no longer goes through the scan at all."""
    assert dates._named_day("february 8, 2024") == date(2024, 2, 8)
    assert dates._named_day("8 feb. 2024") == date(2024, 2, 8)
    assert dates._named_day("february 30, 2024") is None  # the scan decides
    assert dates._named_day("someday 8, 2024") is None
