"""Dates as posts write them: recognising a date line and turning a post's date into ISO form.

Two different needs share these patterns.  The attribution parser must know that a line *is* a
date (``November 11, 2025``, ``5/20/2025``, ``2025年11月11日``) while keeping its text as written,
because the verifier compares what the post says.  The post itself needs its publication date as
ISO ``YYYY-MM-DD`` for report.json, from Blogger date headers (``2025年12月8日月曜日``,
``Monday, December 8, 2025``) or machine-readable attributes.  Nothing here guesses a missing
year or day: an incomplete date is no date.
"""

from __future__ import annotations

import re
from datetime import date

__all__ = ["is_blogger_date_header", "is_date_line", "to_iso"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+"
_JA_WEEKDAY = r"(?:[\(（]?[月火水木金土日](?:曜日?)?[\)）]?)?"

_JA = re.compile(
    r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日\s*" + _JA_WEEKDAY
)
_MDY = re.compile(
    r"(?:" + _WEEKDAY + r")?" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})",
    re.IGNORECASE,
)
_DMY = re.compile(
    r"(?:" + _WEEKDAY + r")?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})",
    re.IGNORECASE,
)
_ISO = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})")
_SLASH_YMD = re.compile(r"(?P<year>\d{4})[/.](?P<month>\d{1,2})[/.](?P<day>\d{1,2})")
_SLASH_MDY = re.compile(r"(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})")
_PATTERNS = (_JA, _ISO, _SLASH_YMD, _MDY, _DMY, _SLASH_MDY)

# Words that may stand before a date on a line of its own without making it prose.
_DATE_PREFIX = re.compile(
    r"^(?:published|posted|updated|last updated|date|dated|公開|更新|掲載|投稿)"
    r"\s*(?:on)?\s*[:：]?\s*",
    re.IGNORECASE,
)
_BLOGGER_HEADER = re.compile(
    r"^(?:\d{4}年\d{1,2}月\d{1,2}日[月火水木金土日]曜日"
    r"|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),\s+"
    + _MONTH
    + r"\s+\d{1,2},\s+\d{4})$",
    re.IGNORECASE,
)


def _match_date(text: str) -> date | None:
    """The first complete, valid date in ``text``, or None."""
    for pattern in _PATTERNS:
        found = pattern.search(text)
        if found is None:
            continue
        month_text = found.group("month")
        month = int(month_text) if month_text.isdigit() else _MONTHS[month_text.lower()]
        try:
            return date(int(found.group("year")), month, int(found.group("day")))
        except ValueError:
            continue
    return None


def to_iso(text: str | None) -> str | None:
    """``YYYY-MM-DD`` for the first complete date in ``text`` (any known spelling), else None."""
    if not text:
        return None
    found = _match_date(text)
    return found.isoformat() if found else None


def is_date_line(text: str) -> bool:
    """True when the whole line is one date, optionally labelled (``Published: May 5, 2025``)."""
    rest = _DATE_PREFIX.sub("", text.strip())
    for pattern in _PATTERNS:
        found = pattern.fullmatch(rest.strip(" ,.|-–—"))
        if found is not None:
            return _match_date(found.group(0)) is not None
    return False


def is_blogger_date_header(text: str) -> bool:
    """True for the day headers Blogger prints above each day's posts, with the weekday."""
    return _BLOGGER_HEADER.fullmatch(text.strip()) is not None
