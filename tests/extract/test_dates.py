"""Dates: ISO conversion for posts, whole-line date detection for attribution blocks."""

from __future__ import annotations

import pytest

from checker.extract.dates import is_blogger_date_header, is_date_line, to_iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2025年12月8日月曜日", "2025-12-08"),
        ("Monday, December 8, 2025", "2025-12-08"),
        ("November 11, 2025", "2025-11-11"),
        ("5/20/2025", "2025-05-20"),
        ("8 December 2025", "2025-12-08"),
        ("2025-02-13T09:00:00+09:00", "2025-02-13"),
        ("Sept. 3, 2024", "2024-09-03"),
        # near misses: incomplete or impossible dates are no date
        ("December 2025", None),
        ("2/30/2025", None),
        ("", None),
        (None, None),
    ],
)
def test_to_iso(text: str | None, iso: str | None) -> None:
    assert to_iso(text) == iso


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("November 11, 2025", True),
        ("5/20/2025", True),
        ("May 5, 2025", True),
        ("Published: May 5, 2025", True),
        ("2025年11月11日", True),
        # near misses: a sentence or a title holding a date is not a date line
        ("On May 5, 2025 the Kremlin said", False),
        ("The War Since May 5, 2025 and After", False),
        ("Jack Watling", False),
    ],
)
def test_is_date_line(text: str, expected: bool) -> None:
    assert is_date_line(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025年12月8日月曜日", True),
        ("Monday, December 8, 2025", True),
        ("November 11, 2025", False),  # attribution date, no weekday
        ("2025年12月8日に発表した", False),
    ],
)
def test_is_blogger_date_header(text: str, expected: bool) -> None:
    assert is_blogger_date_header(text) is expected
