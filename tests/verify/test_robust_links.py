"""Robust Links snippets: both URLs, the capture day, everything escaped."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from checker.verify.robust_links import robust_link

ORIGINAL = "https://news.example.com/a?x=1&y=2"
ARCHIVE = "https://web.archive.org/web/20200101120000/https://news.example.com/a?x=1&y=2"


@pytest.mark.parametrize(
    ("capture", "text", "expected_date", "expected_text"),
    [
        (datetime(2020, 1, 1, 12, tzinfo=UTC), "Cabinet resigns", "2020-01-01", "Cabinet resigns"),
        (datetime(2020, 1, 1, 12), "naive is UTC", "2020-01-01", "naive is UTC"),
        # near miss: a Tokyo-time capture early on Jan 2 is still Jan 1 in UTC
        (
            datetime(2020, 1, 2, 3, tzinfo=timezone(timedelta(hours=9))),
            "<b>A & B</b>",
            "2020-01-01",
            "&lt;b&gt;A &amp; B&lt;/b&gt;",
        ),
    ],
)
def test_robust_link(capture: datetime, text: str, expected_date: str, expected_text: str) -> None:
    escaped = "https://news.example.com/a?x=1&amp;y=2"
    assert robust_link(ORIGINAL, ARCHIVE, capture, text) == (
        f'<a href="{escaped}" data-originalurl="{escaped}" '
        f'data-versionurl="https://web.archive.org/web/20200101120000/{escaped}" '
        f'data-versiondate="{expected_date}">{expected_text}</a>'
    )


def test_quotes_in_urls_cannot_break_out_of_the_attribute() -> None:
    link = robust_link('https://e.com/"onmouseover="x', ARCHIVE, datetime(2020, 1, 1), "t")
    assert '"onmouseover' not in link and "&quot;onmouseover=&quot;x" in link
