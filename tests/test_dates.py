"""The date grammars of checker.dates: post dates, cited dates, machine stamps, ISO days.

Each grammar: its spellings, its near misses, garbage (None, never an exception) and hostile or
huge input (bounded work, measured as a CPU-time ratio against a normal input).
"""

from __future__ import annotations

import calendar
import random
import re
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from dateutil import parser as date_parser

from checker.dates import (
    CITED_LIMIT,
    MONTH_NUMBER,
    TEXT_LIMIT,
    is_blogger_date_header,
    is_date_line,
    parse_cited,
    parse_day,
    parse_other_script,
    parse_post_date,
    parse_stamp,
    solar_hijri_to_gregorian,
    western_digits,
)
from checker.verify.text import normalize

# --- post dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2025年12月8日月曜日", date(2025, 12, 8)),
        ("2025年 12月 8日 (月)", date(2025, 12, 8)),
        ("Monday, December 8, 2025", date(2025, 12, 8)),
        ("November 11, 2025", date(2025, 11, 11)),
        ("November\n  11,\t2025", date(2025, 11, 11)),
        ("5/20/2025", date(2025, 5, 20)),
        ("8 December 2025", date(2025, 12, 8)),
        ("2025-02-13T09:00:00+09:00", date(2025, 2, 13)),
        ("Sept. 3, 2024", date(2024, 9, 3)),
        ("2025/05/09", date(2025, 5, 9)),
        # near misses: incomplete or impossible dates are no date
        ("December 2025", None),
        ("2/30/2025", None),
        ("20. Mai 2025", None),  # the post-date grammar reads English month names only
        ("", None),
        (None, None),
    ],
)
def test_parse_post_date(text: str | None, day: date | None) -> None:
    assert parse_post_date(text) == day


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("November 11, 2025", True),
        ("5/20/2025", True),
        ("May 5, 2025", True),
        ("Published: May 5, 2025", True),
        ("Published  on:  May 5, 2025", True),
        ("2025年11月11日", True),
        ("公開日：2025年11月11日", True),  # the full-width colon of CJK labels
        ("最終更新日：2025年11月11日", True),
        ("发布时间：2025-11-11", True),
        ("게시일: 2025/11/11", True),
        ("公開日：2025年11月11日に会談", False),
        # near misses: a sentence or a title holding a date is not a date line
        ("On May 5, 2025 the Kremlin said", False),
        ("The War Since May 5, 2025 and After", False),
        ("Jack Watling", False),
        ("2/30/2025", False),
    ],
)
def test_is_date_line(text: str, expected: bool) -> None:
    assert is_date_line(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025年12月8日月曜日", True),
        ("Monday, December 8, 2025", True),
        (" Monday,  December 8, 2025 ", True),
        ("November 11, 2025", False),  # attribution date, no weekday
        ("2025年12月8日に発表した", False),
    ],
)
def test_is_blogger_date_header(text: str, expected: bool) -> None:
    assert is_blogger_date_header(text) is expected


# --- cited dates -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("November 11, 2025", date(2025, 11, 11)),
        ("Nov. 11, 2025", date(2025, 11, 11)),
        ("5/20/2025", date(2025, 5, 20)),
        ("20/5/2025", date(2025, 5, 20)),  # the first number cannot be a month
        ("2025-05-20", date(2025, 5, 20)),
        ("20 May 2025", date(2025, 5, 20)),
        ("2025年5月20日", date(2025, 5, 20)),
        ("20. Mai 2025", date(2025, 5, 20)),
        ("20.05.2025", date(2025, 5, 20)),
        ("le 3 août 2024", date(2024, 8, 3)),
        ("Tuesday, November 11th, 2025 at 10:30 a.m. ET", date(2025, 11, 11)),
        ("Nov 11, 2025 10:00 AM", date(2025, 11, 11)),
        ("11 November 2025 – updated", date(2025, 11, 11)),
        ("May 2025", date(2025, 5, 1)),  # as dateutil read it: the first of the month
        ("20250520", date(2025, 5, 20)),
        # no year, impossible, or not a date
        ("November 11", None),
        ("2/30/2025", None),
        ("Nov 11, 2025 25:00", None),  # dateutil refused an impossible time, and so do we
        ("no date here", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_cited(text: str | None, expected: date | None) -> None:
    assert parse_cited(text) == expected


def _dateutil_reading(text: str) -> date | None:
    """How citecheck read a cited date before checker.dates: dateutil's fuzzy parser after the
    same normalisation (the reference the lenient grammar must agree with)."""
    value = normalize(text).strip(" .,")
    if not value:
        return None
    for pattern, order in (
        (r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", (0, 1, 2)),
        (r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\b|T)", (0, 1, 2)),
        (r"^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})$", (2, 1, 0)),
    ):
        match = re.search(pattern, value)
        if match:
            groups = match.groups()
            try:
                return date(*(int(groups[i]) for i in order))
            except ValueError:
                return None
    names = "|".join(sorted(MONTH_NUMBER, key=len, reverse=True))
    value = re.sub(
        rf"\b({names})\b",
        lambda m: calendar.month_name[MONTH_NUMBER[m[1].lower()]],
        value,
        flags=re.IGNORECASE,
    )
    value = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", value)
    try:
        parsed = date_parser.parse(value, dayfirst=False, fuzzy=True, default=datetime(1, 1, 1))
    except (ValueError, OverflowError):
        return None
    return parsed.date() if parsed.year > 1 else None


_WORDS = [
    "November", "Nov.", "mai", "März", "sept", "May", "dec", "janvier", "Tuesday", "tue",
    "mon", "of", "at", "on", "the", "by", "am", "PM", "a.m.", "h", "m", "s", "UTC", "GMT",
    "updated", "published", "de", "le", "and", "Jones's", "5月", "20日",
]  # fmt: skip
_NUMBERS = [
    "1", "5", "11", "12", "13", "20", "25", "29", "30", "31", "32", "0", "00", "05", "99",
    "100", "2025", "1999", "0001", "202505", "20250520", "10", "23", "24", "59", "60", "3.5",
]  # fmt: skip
_SEPARATORS = [" ", ", ", "/", "-", ".", ":", " - ", ". ", " + ", "+", "'", "", ",", "|", "–"]


def _cited_like(rng: random.Random) -> str:
    parts: list[str] = []
    for _ in range(rng.randint(1, 6)):
        parts.append(rng.choice(_WORDS if rng.random() < 0.4 else _NUMBERS))
        parts.append(rng.choice(_SEPARATORS))
    return "".join(parts[:-1])


def test_a_huge_number_of_hours_is_no_date_not_a_crash() -> None:
    """dateutil raised decimal.InvalidOperation on ``999…9 h`` (a crash of the citation's
    check); the port reads it as no date."""
    with pytest.raises(ArithmeticError):
        _dateutil_reading("9" * 150 + " h")
    assert parse_cited("9" * 150 + " h") is None


def test_parse_cited_reads_what_dateutil_read() -> None:
    """The lenient grammar is dateutil's fuzzy reading, ported: over thousands of date-like
    strings (every form above, times, zones, words and stray numbers) they agree exactly."""
    rng = random.Random(15)
    texts = [_cited_like(rng) for _ in range(4000)]
    texts += ["\u19da/5/2025", "Nov \u19da, 2025", "٢٠/٥/٢٠٢٥", "May 2025", "Tue May 2025"]
    differ = [(t, _dateutil_reading(t), parse_cited(t)) for t in texts]
    differ = [d for d in differ if d[1] != d[2]]
    assert differ == []


# --- machine stamps and ISO days ---------------------------------------------------------------

JST = timezone(timedelta(hours=9))


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("Wed, 04 May 2022 02:41:00 GMT", datetime(2022, 5, 4, 2, 41, tzinfo=UTC)),
        ("Fri, 09 May 2025 10:00:00 +0900", datetime(2025, 5, 9, 10, tzinfo=JST)),
        ("2025-05-09T10:00:00+09:00", datetime(2025, 5, 9, 10, tzinfo=JST)),
        ("2025-05-09T10:00:00.001+09:00", datetime(2025, 5, 9, 10, 0, 0, 1000, tzinfo=JST)),
        ("2025-05-09T01:00:00Z", datetime(2025, 5, 9, 1, tzinfo=UTC)),
        ("2025-05-09 01:00:00", datetime(2025, 5, 9, 1, tzinfo=UTC)),  # post_date_gmt
        ("2025-05-09", datetime(2025, 5, 9, tzinfo=UTC)),
        ("2025-05", datetime(2025, 5, 1, tzinfo=UTC)),  # W3C datetime, month precision
        ("2025", datetime(2025, 1, 1, tzinfo=UTC)),
        # not stamps
        ("0000-00-00 00:00:00", None),
        ("2025-13", None),
        ("May 9, 2025", None),
        ("yesterday", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_stamp(text: str | None, moment: datetime | None) -> None:
    assert parse_stamp(text) == moment
    if moment is not None:
        assert parse_stamp(text).tzinfo is not None  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2025-05-20", date(2025, 5, 20)),
        (" 2025-05-20 ", date(2025, 5, 20)),
        ("2025-02-30", None),
        ("May 20, 2025", None),  # a person's spelling is not an ISO day
        ("5/20/2025", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_day(text: str | None, day: date | None) -> None:
    assert parse_day(text) == day


# --- garbage and hostile input -----------------------------------------------------------------

GRAMMARS: dict[str, Callable[[str], object]] = {
    "parse_post_date": parse_post_date,
    "is_date_line": is_date_line,
    "is_blogger_date_header": is_blogger_date_header,
    "parse_cited": parse_cited,
    "parse_stamp": parse_stamp,
    "parse_day": parse_day,
    "parse_other_script": parse_other_script,
}


@pytest.mark.parametrize("name", GRAMMARS)
def test_garbage_is_no_date_never_an_exception(name: str) -> None:
    grammar = GRAMMARS[name]
    rng = random.Random(name)
    alphabet = "0123456789 ./-:,+年月日T Z\u00a0\u0663\uff11&;#x" + "abcdefmnoprstuy"
    samples = [
        "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(3000)
    ]
    samples += ["9" * 300, "9" * 5000 + "-1-1", "&#99999999;", "\x00\ud800", "nan", "inf 2025"]
    samples += ["2025年99月99日", "99/99/9999", "Feb 30, 2025", "0/0/0", "+99:99", "1e400"]
    samples += ["9" * 150 + " h", "may of \u19da", "\u19da/5/2025", "12:\u19da", "٢٠/٥/٢٠٢٥"]
    for text in samples:
        result = grammar(text)
        assert result is None or isinstance(result, bool | date), (text, result)
    assert grammar("no date at all") in (None, False)


def _cpu(grammar: Callable[[str], object], text: str, rounds: int = 20) -> float:
    """CPU seconds for ``rounds`` readings of ``text``: the best of five tries (load noise)."""
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        for _ in range(rounds):
            grammar(text)
        best = min(best, time.process_time() - start)
    return max(best, 1e-6)


HOSTILE = [
    "mon" * 400,  # a weekday prefix that never ends: quadratic under ``[a-z]*`` then ``\s+``
    "Monday, " * 200,
    "1" * 1500,
    "2025 " * 300,
    "2025年" * 300,
    "November " * 200,
    " " * 1500 + "x",
    "1/" * 700,
    "1:" * 700,
    "&amp;" * 300,
    "Published: " * 150,
    "۱۲ " * 500,  # Persian digits and Solar month names that never make a date
    "۲۹ بهمن " * 200,
    "١٤٠١/" * 300,
    "১৯ জুলাই " * 100,
]


@pytest.mark.parametrize("name", GRAMMARS)
def test_hostile_input_costs_what_a_normal_one_does(name: str) -> None:
    """Linear, bounded work: hostile texts near the read limit cost about what an ordinary text
    of the same length costs, and a megabyte costs no more (only its head is read)."""
    grammar = GRAMMARS[name]
    normal = ("Published on Monday, December 8, 2025 by the desk. " * 40)[:TEXT_LIMIT]
    baseline = _cpu(grammar, normal)
    for text in HOSTILE:
        ratio = _cpu(grammar, text) / baseline
        assert ratio < 50, (text[:20], ratio)
    huge = "mon" * 400_000 + " December 8, 2025"
    assert _cpu(grammar, huge, rounds=5) / (baseline / 4) < 50


def test_limits_are_what_the_docs_say() -> None:
    late = "x " * TEXT_LIMIT + "December 8, 2025"
    assert parse_post_date(late) is None  # past the head a post date is looked for in
    assert parse_post_date("x " * 100 + "December 8, 2025") == date(2025, 12, 8)
    assert parse_cited("x " * CITED_LIMIT + "May 5, 2025") is None


# --- other digits, month names and calendars --------------------------------------------------

SOLAR_HIJRI = [
    ((1357, 11, 22), date(1979, 2, 11)),  # 22 Bahman 1357, the revolution's day
    ((1398, 11, 29), date(2020, 2, 18)),
    ((1399, 1, 1), date(2020, 3, 20)),  # Nowruz after a Gregorian leap day
    ((1399, 12, 30), date(2021, 3, 20)),  # 1399 is a leap year: its Esfand has 30 days
    ((1400, 1, 1), date(2021, 3, 21)),
    ((1401, 3, 12), date(2022, 6, 2)),
    ((1402, 10, 1), date(2023, 12, 22)),  # Yalda's morrow
    ((1403, 12, 30), date(2025, 3, 20)),
    ((1404, 1, 1), date(2025, 3, 21)),
]
"""Known conversions (Iran's official calendar, as timeanddate.com and the jalaali tables give
them)."""


@pytest.mark.parametrize(("solar", "gregorian"), SOLAR_HIJRI)
def test_solar_hijri_converts_exactly(solar: tuple[int, int, int], gregorian: date) -> None:
    assert solar_hijri_to_gregorian(*solar) == gregorian


def test_solar_hijri_days_follow_each_other_across_years() -> None:
    """Every day of 1380-1420 is the day after the one before: no gap, no overlap, and each year
    is 365 or 366 days long with Esfand 30 only in its leap years."""
    previous = solar_hijri_to_gregorian(1379, 12, 30)  # 1379 was a leap year
    leaps = 0
    for year in range(1380, 1421):
        leaps += solar_hijri_to_gregorian(year, 12, 30) is not None
        for month in range(1, 13):
            for day in range(1, 32):
                found = solar_hijri_to_gregorian(year, month, day)
                if found is None:
                    continue
                assert previous is not None and found - previous == timedelta(days=1)
                previous = found
    assert leaps == 10  # 1383, 1387, 1391, 1395, 1399, 1403, then 1408 (five years on), 1412 ...


@pytest.mark.parametrize(
    "solar", [(1400, 12, 30), (1402, 12, 30), (1401, 7, 31), (1401, 13, 1), (1401, 1, 0)]
)
def test_solar_hijri_days_the_calendar_lacks_are_none(solar: tuple[int, int, int]) -> None:
    assert solar_hijri_to_gregorian(*solar) is None


def test_other_digits_are_western() -> None:
    assert western_digits("۱۴۰۱ ١٤٠١ ১৪০১ १४०१ 1401") == "1401 1401 1401 1401 1401"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("سه\u200cشنبه ۲۹ بهمن ۱۳۹۸ - ۰۶:۵۵", date(2020, 2, 18)),  # an Iranian news dateline
        ("۱۲ خرداد ۱۴۰۱", date(2022, 6, 2)),
        ("۲۹ام بهمن ماه ۱۳۹۸", date(2020, 2, 18)),
        ("۱۲ جوزا ۱۴۰۱", date(2022, 6, 2)),  # Afghanistan's name of Khordad
        ("12 خرداد 1401", date(2022, 6, 2)),  # a Solar month's name makes Latin digits Solar
        ("۱۴۰۱/۰۳/۱۲", date(2022, 6, 2)),
        ("تاریخ انتشار: ١٣٩٨/١١/٢٩", date(2020, 2, 18)),  # Arabic-Indic digits
        (
            "এই পাতাটি শেষ সম্পাদিত হয়েছে ১৯ জুলাই ২০২০ তারিখে, ১৮:০৯টার সময়।",
            date(2020, 7, 19),
        ),  # Bengali Wikipedia's last-edit line
        ("২ ফেব্রু\u09dfারি ২০২১", date(2021, 2, 2)),  # য় as one code point
        ("২ ফেব্রুয়ারি ২০২১", date(2021, 2, 2)),  # য় as য + nukta
        ("19 जुलाई 2020", date(2020, 7, 19)),
        ("जुलाई १९, २०२०", date(2020, 7, 19)),
        ("١٥ مارس ٢٠٢١", date(2021, 3, 15)),
        ("15 كانون الثاني 2021", date(2021, 1, 15)),
        ("۵ ژوئن ۲۰۲۰", date(2020, 6, 5)),
        # Persian typed on an Arabic keyboard: Arabic yeh and kaf in Persian month names
        ("دوشنبه ۲ تير ۱۳۹۹", date(2020, 6, 22)),
        ("۱۰ دي ۱۳۹۸", date(2019, 12, 31)),
        ("۵ ژوئيه ۲۰۲۰", date(2020, 7, 5)),
    ],
)
def test_dates_in_other_scripts_and_calendars(text: str, day: date) -> None:
    assert parse_other_script(text) == day
    assert parse_cited(text) == day  # a post may cite a date as its source writes it


@pytest.mark.parametrize(
    "text",
    [
        "1401/03/12",  # Latin digits and no month name: the Gregorian grammars' (or nothing)
        "۲۰۲۰/۰۲/۱۸",  # a Gregorian year in Persian digits: not Solar
        "۳۰ اسفند ۱۴۰۰",  # 1400 is no leap year
        "۱۲ خرداد ۲۰۲۲",  # a Solar month with a Gregorian year
        "۱۹ জুলাই ১৩৯৮",  # a Gregorian month with a year no page has
        "مهر ۱۴۰۱",  # no day
        "خبرگزاری مهر ۱۲ ساعت پیش",  # Mehr is also a news agency
        "December 5, 2020",
    ],
)
def test_other_script_near_misses_are_no_date(text: str) -> None:
    assert parse_other_script(text) is None


def test_persian_digits_are_not_read_as_a_gregorian_day() -> None:
    """Before the Solar reading, ``۲۹ بهمن ۱۳۹۸`` was the 29th of January 1398."""
    assert parse_cited("۲۹ بهمن ۱۳۹۸") == date(2020, 2, 18)
