"""Probe 19c: a lunar Hijri date in Arabic digits is not read as a Solar Hijri one.

Arabic news sites print the day in the Islamic (lunar Hijri) calendar, ``١٤٤٥/٠٣/١٢``
(2023-09-27).  Numeric dates in Eastern Arabic digits were read as Solar Hijri whenever the
year was 1300-1499, so this one became 2066-06-01, the page's publication date: every correct
citation of such an article had a false ``date-mismatch``.  A Solar Hijri year from 1420 is
2041 or later, no publication date, while 1420-1499 are the lunar years of pages since 1999:
numeric dates are read as Solar Hijri only up to 1419 (Persian and Afghan pages' 13xx and 14xx
so far, ``۱۴۰۴/۰۸/۲۰`` still 2025-11-11).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from checker.dates import parse_other_script
from checker.findings import Code
from tests.fetch.support import OneAnswerServer, check_post_on

PAGE = (
    '<html lang="ar"><head><meta charset="utf-8"><title>جسر مغلق</title>'
    '<meta property="og:title" content="Bridge Closed for Good"><meta property="og:type" '
    'content="article"></head><body><article>'
    '<h1>Bridge Closed for Good</h1><p class="date">١٤٤٥/٠٣/١٢</p>'
    "<p>صوّت المجلس يوم الاثنين على إغلاق الجسر القديم أمام الشاحنات نهائياً.</p>"
    "</article></body></html>"
)
POST = """# 記事

本文です。

■

Bridge Closed for Good
September 27, 2023
http://src.example/news/bridge
"""


@pytest.mark.parametrize("text", ["١٤٤٥/٠٣/١٢", "۱۴۴۵/۰۳/۱۲", "نشر في ١٤٤٦/١١/٠٢"])
def test_a_lunar_year_is_no_solar_date(text: str) -> None:
    assert parse_other_script(text) is None


@pytest.mark.parametrize("text", ["۱۴۰۴/۰۸/۲۰", "١٤٠٤/٠٨/٢٠", "۱۳۹۸/۱۱/۲۹"])
def test_solar_dates_of_pages_are_still_read(text: str) -> None:
    """What held up: Persian and Afghan pages' numeric dates."""
    assert parse_other_script(text) in {date(2025, 11, 11), date(2020, 2, 18)}


@pytest.fixture
def site() -> Iterator[OneAnswerServer]:
    raw = PAGE.encode()
    kind = "Content-Type: text/html; charset=utf-8"
    head = f"HTTP/1.1 200 OK\r\n{kind}\r\nContent-Length: {len(raw)}"
    server = OneAnswerServer(head.encode() + b"\r\n\r\n" + raw)
    yield server
    server.close()


def test_a_right_citation_of_an_arabic_page_has_no_date_mismatch(
    tmp_path: Path, site: OneAnswerServer
) -> None:
    report = check_post_on(site, tmp_path, POST)
    (checked,) = report.documents[0].citations
    assert checked.citation.cited.date is not None, checked.citation
    assert Code.DATE_MISMATCH not in {f.code for f in checked.findings}, checked.findings
