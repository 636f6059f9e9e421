"""A number read from input is read by one helper, :func:`checker.encoding.ascii_int`: ASCII
digits only, and a length ``int`` accepts.

The test was written out by hand at ten sites (review of session 33), and some guarded the
length ``int`` refuses (over 4,300 digits: a ``ValueError``) while others did not: the sites'
own tests are in ``test_lead33_digits.py``.
"""

from __future__ import annotations

import pytest

from checker.encoding import ascii_int

LONG = "9" * 5_000


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("0", 0),
        ("007", 7),
        ("65535", 65535),
        pytest.param("0" * 5_000 + "12", 12, id="zeros"),  # no digits of the number
        ("", None),
        ("²", None),
        ("1²", None),
        ("٣", None),  # a digit int() reads, but no format here writes it
        ("-1", None),
        (" 1", None),
        ("+1", None),
        pytest.param(LONG, None, id="long"),
    ],
)
def test_ascii_int_reads_ascii_digits_only(text: str, number: int | None) -> None:
    assert ascii_int(text) == number


def test_a_bound_on_the_digits_is_the_callers() -> None:
    assert ascii_int("1234567", max_digits=6) is None
    assert ascii_int("0123456", max_digits=6) == 123456
