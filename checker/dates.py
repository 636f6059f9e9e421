"""Dates: one grammar for each kind of date text the checker reads, and nowhere else.

Four kinds of text carry dates, and each is read as strictly as its writer is careful:

- :func:`parse_post_date` — the date a post or page states as its own (a Blogger day header
  ``2025年12月8日月曜日``, ``abbr.published``, a ``<time>`` text, front matter, a meta value).
  Strict: a complete date of a known spelling, nothing guessed (``December 2025`` is no date),
  because a wrong post date silently changes which posts ``--since`` keeps and which archived
  copy is looked for.  :func:`is_date_line` and :func:`is_blogger_date_header` are the same
  spellings asked of a whole line.
- :func:`parse_cited` — a date a person typed into an attribution (``Nov. 11, 2025``,
  ``5/20/2025``, ``20. Mai 2025``, ``20.05.2025``, ``2025年5月20日``).  Lenient: it reads what
  the checker used to hand to dateutil's fuzzy parser (US month-first order unless the first
  number cannot be a month, two-digit years, month names of several languages, words around the
  date skipped), because a date the post cites and the checker cannot read is a date it cannot
  check; only a date without a year is no date.
- :func:`parse_stamp` — a machine's time stamp: HTTP and RSS dates (RFC 822/1123), Atom and
  sitemap stamps (RFC 3339 / W3C ISO 8601).  Strict and whole: a program wrote it, so anything
  else is no stamp.  Always an aware datetime (a stamp without a zone is UTC).
- :func:`parse_day` — an ISO day the user or the program wrote (``--since``, config, a job's
  JSON): ``YYYY-MM-DD`` as :meth:`datetime.date.fromisoformat` reads it, nothing else.
- :func:`parse_other_script` — a date written in other digits, month names or calendars: Persian,
  Arabic-Indic, Bengali and Devanagari digits, Gregorian month names in Bengali, Hindi, Persian
  and Arabic (``১৯ জুলাই ২০২০``), and the Solar Hijri calendar as Iranian and Afghan sites write
  it (``۲۹ بهمن ۱۳۹۸``, ``۱۴۰۱/۰۳/۱۲``, ``۱۲ جوزا ۱۴۰۱``), converted exactly
  (:func:`solar_hijri_to_gregorian`).  The page reader and :func:`parse_cited` ask it for text
  the grammars above cannot read.

Every function takes untrusted text: input is cut to a bounded length first, every regex has
only bounded repetition (no backtracking the input controls), and garbage is ``None``, never an
exception.  A leaf: the standard library only.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

from checker.encoding import clean_space
from checker.lazyre import lazy

if TYPE_CHECKING:
    from decimal import Decimal

__all__ = [
    "MONTH_NAMES",
    "MONTH_NUMBER",
    "UPDATE_WORD",
    "is_blogger_date_header",
    "is_date_line",
    "parse_cited",
    "parse_day",
    "parse_other_script",
    "parse_post_date",
    "parse_stamp",
    "solar_hijri_to_gregorian",
    "western_digits",
]

TEXT_LIMIT = 1_000
"""Characters of a text searched for a post date: a date stands near the start of the element
that holds it, and a longer text (a whole ``.published`` container) costs no more than this."""
CITED_LIMIT = 200
"""Characters of a cited date read: an attribution's date line is a few words."""
STAMP_LIMIT = 100
"""Longest machine stamp or ISO day accepted; a longer one is not a stamp at all."""

MONTH_NAMES: tuple[tuple[str, ...], ...] = tuple(
    tuple(names.split())
    for names in (
        "januar january janvier gennaio enero jan jänner",
        "februar february février fevrier febbraio febrero feb",
        "märz maerz march mars marzo mar mär",
        "april avril aprile abril apr",
        "mai may maggio mayo",
        "juni june juin giugno junio jun",
        "juli july juillet luglio julio jul",
        "august août aout agosto aug",
        "september septembre settembre septiembre sep sept",
        "oktober october octobre ottobre octubre oct okt",
        "november novembre noviembre nov",
        "dezember december décembre decembre dicembre diciembre dec dez",
    )
)
"""Month names and abbreviations (lower case) as dates are written; January first."""

MONTH_NUMBER: dict[str, int] = {
    name: number for number, names in enumerate(MONTH_NAMES, start=1) for name in names
}
"""A month name or abbreviation → its number."""


def _one_line(text: str, limit: int) -> str:
    """The first ``limit`` characters of ``text`` with every run of white space one space.

    The grammars below then need exactly one optional space where a writer may put any white
    space, so no pattern repeats anything the input can make long.
    """
    return " ".join(text[:limit].split())


# --- post dates: strict ------------------------------------------------------------------------

_EN_MONTHS: dict[str, int] = {
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
_MONTH = r"(?P<month>" + "|".join(sorted(_EN_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,? "
_JA_WEEKDAY = r"(?:[\(（]?[月火水木金土日](?:曜日?)?[\)）]?)?"

_JA = lazy(r"(?P<year>\d{4}) ?年 ?(?P<month>\d{1,2}) ?月 ?(?P<day>\d{1,2}) ?日 ?" + _JA_WEEKDAY)
_MDY = lazy(
    r"(?:" + _WEEKDAY + r")?" + _MONTH + r" (?P<day>\d{1,2})(?:st|nd|rd|th)?,? (?P<year>\d{4})",
    re.IGNORECASE,
)
_DMY = lazy(
    r"(?:" + _WEEKDAY + r")?(?P<day>\d{1,2})(?:st|nd|rd|th)? " + _MONTH + r",? (?P<year>\d{4})",
    re.IGNORECASE,
)
_ISO = lazy(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})")
_SLASH_YMD = lazy(r"(?P<year>\d{4})[/.](?P<month>\d{1,2})[/.](?P<day>\d{1,2})")
_SLASH_MDY = lazy(r"(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})")
_PATTERNS = (_JA, _ISO, _SLASH_YMD, _MDY, _DMY, _SLASH_MDY)

CJK_PUBLISHED_LABELS = (
    "配信開始日",
    "配信日",
    "公開日",
    "掲載日",
    "投稿日",
    "発行日",
    "发布时间",
    "发布日期",
    "發布時間",
    "發布日期",
    "發佈時間",
    "發佈日期",
    "发表时间",
    "發表時間",
    "게시일",
    "작성일",
    "등록일",
    "발행일",
)
"""Japanese, Chinese and Korean labels of a page's publication day (``公開日：2020年1月2日``,
``<dt>配信開始日</dt><dd>2019/3/5</dd>``, ``发布时间``, ``게시일``): such pages often state
their date only so, in plain text or a definition list, with no markup (issue 14)."""
CJK_UPDATED_LABELS = (
    "最終更新日",
    "更新日時",
    "更新日",
    "更新时间",
    "更新日期",
    "更新時間",
    "最后更新",
    "最後更新",
    "최종 수정일",
    "최종수정일",
    "수정일",
)
"""Their labels of the day a page was last updated: never its publication, as the English
``Updated:`` (a cited date may still be one of them)."""
UPDATE_WORD = lazy(
    r"\b(?:updated?|modified|(?:last\s+)?edited|aktualisiert|zuletzt|geändert|bearbeitet|"
    r"mis[e]?\s+à\s+jour|actualizado|actualización|aggiornat[oa]|aggiornamento|bijgewerkt)\b|"
    r"\bStand\s*:|" + "|".join(CJK_UPDATED_LABELS),
    re.IGNORECASE,
)
"""Words that say the date after them is an update, not the publication (``Updated 5 June``,
``Aktualisiert am``, ``last edited on``, ``Stand: 12.01.2022``, ``最終更新日：``, ``수정일``):
the page reader's datelines (``verify.metadata``) and an edit shown without its year
(``verify.support.day_shown``) know them from here."""

# Words that may stand before a date on a line of its own without making it prose (longest
# first: ``公開日`` is read whole, not as ``公開`` before a stray ``日``).
_DATE_PREFIX = lazy(
    r"^(?:published|posted|updated|last updated|date|dated|"
    + "|".join(sorted((*CJK_PUBLISHED_LABELS, *CJK_UPDATED_LABELS), key=len, reverse=True))
    + r"|公開|更新|掲載|投稿)"
    r" ?(?:on)? ?[:：]? ?",
    re.IGNORECASE,
)
_BLOGGER_HEADER = lazy(
    r"(?:\d{4}年\d{1,2}月\d{1,2}日[月火水木金土日]曜日"
    r"|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday), "
    + _MONTH
    + r" \d{1,2}, \d{4})",
    re.IGNORECASE,
)


def _post_date(text: str) -> date | None:
    """The first complete, valid date in ``text`` (spaces already collapsed), or None."""
    for pattern in _PATTERNS:
        found = pattern.search(text)
        if found is None:
            continue
        month_text = found.group("month")
        month = int(month_text) if month_text.isdigit() else _EN_MONTHS[month_text.lower()]
        try:
            return date(int(found.group("year")), month, int(found.group("day")))
        except ValueError:
            continue
    return None


def parse_post_date(text: str | None) -> date | None:
    """The first complete date of a known spelling in ``text`` (a post's or page's own date).

    Spellings: ``2025年12月8日(月)``, ISO ``2025-12-08`` (a time after it is ignored),
    ``2025/12/08``, ``[Monday,] December 8[th], 2025``, ``8 December 2025``, US ``12/8/2025``.
    An incomplete or impossible date is no date: a post date is never guessed.
    """
    if not text:
        return None
    return _post_date(_one_line(text, TEXT_LIMIT))


def is_date_line(text: str) -> bool:
    """True when the whole line is one date, optionally labelled (``Published: May 5, 2025``).

    The attribution parser asks this to tell a block's date line from its title or byline, and
    keeps the text as written for the verifier; so the line must be a date and nothing more.
    """
    if len(text) > CITED_LIMIT:
        return False
    rest = _DATE_PREFIX.sub("", _one_line(text, CITED_LIMIT))
    for pattern in _PATTERNS:
        found = pattern.fullmatch(rest.strip(" ,.|-–—"))
        if found is not None:
            return _post_date(found.group(0)) is not None
    return False


def is_blogger_date_header(text: str) -> bool:
    """True for the day headers Blogger prints above each day's posts, with the weekday."""
    if len(text) > CITED_LIMIT:
        return False
    return _BLOGGER_HEADER.fullmatch(_one_line(text, CITED_LIMIT)) is not None


# --- cited dates: lenient ----------------------------------------------------------------------

_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63"
_APOSTROPHES = "\u2018\u2019\u201a\u201b\u2032\u00b4`\u2039\u203a"
_PLAIN = str.maketrans(dict.fromkeys(_DASHES, "-") | dict.fromkeys(_APOSTROPHES, "'"))
_CJK_DATE = lazy(r"(\d{4}) ?年 ?(\d{1,2}) ?月 ?(\d{1,2}) ?日")
_ISO_DATE = lazy(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\b|T)")
_DOTTED = lazy(r"^(\d{1,2})\. ?(\d{1,2})\. ?(\d{4})$")
_ORDINAL = lazy(r"(\d)(?:st|nd|rd|th)\b")
_DECIMAL_SPLIT = lazy(r"([.,])")
_WEEKDAYS = {
    name: number
    for number, names in enumerate(
        (
            ("mon", "monday"),
            ("tue", "tuesday"),
            ("wed", "wednesday"),
            ("thu", "thursday"),
            ("fri", "friday"),
            ("sat", "saturday"),
            ("sun", "sunday"),
        )
    )
    for name in names
}
_JUMP = {" ", ".", ",", ";", "-", "/", "'", "at", "on", "and", "ad", "m", "t", "of"}
_JUMP |= {"st", "nd", "rd", "th"}
_HMS = {"h": 0, "hour": 0, "hours": 0, "m": 1, "minute": 1, "minutes": 1}
_HMS |= {"s": 2, "second": 2, "seconds": 2}
_AMPM = {"am": 0, "a": 0, "pm": 1, "p": 1}
_NOT_NUMBERS = {"nan", "inf", "infinity"}
"""Words Python's ``float`` reads, on which dateutil gave up the whole text."""
_MONTH_WORD = lazy(
    r"\b(" + "|".join(sorted(MONTH_NUMBER, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
"""A month name or abbreviation of any language :data:`MONTH_NUMBER` knows, as a whole word; it
is read as the English name (which is what dateutil knew)."""
_CITED_MONTHS = _EN_MONTHS
"""The month names dateutil knows (English, with ``sept``): the same table as post dates'."""
_ENGLISH = {number: name for name, number in reversed(_EN_MONTHS.items())}
"""A month's number → its first (full) English name, whatever the process's locale."""


class _NoDateError(ValueError):
    """The text is not a date the cited grammar reads (dateutil's "does not contain a date")."""


def _lex(value: str) -> list[str]:
    """The tokens dateutil's ``_timelex`` makes of ``value``: runs of letters, runs of digits
    (with a decimal point: ``4:30:21.447``), one token per other character; dotted runs such as
    ``Sep.20.2009`` or ``20.05.`` are split at their dots.  One pass, linear in the length."""
    tokens: list[str] = []
    i, size = 0, len(value)
    while i < size:
        start, char = i, value[i]
        i += 1
        if not (char.isalpha() or char.isdigit()):
            tokens.append(char)
            continue
        state, letters = ("a" if char.isalpha() else "0"), False
        while i < size:
            char = value[i]
            if state == "a":
                letters = True
                if char == ".":
                    state = "a."
                elif not char.isalpha():
                    break
            elif state == "0":
                if char == "." or (char == "," and i - start >= 2):
                    state = "0."
                elif not char.isdigit():
                    break
            elif state == "a.":
                letters = True
                if char.isdigit() and value[i - 1] == ".":
                    state = "0."
                elif not (char == "." or char.isalpha()):
                    break
            elif char.isalpha() and value[i - 1] == ".":
                state = "a."
            elif not (char == "." or char.isdigit()):
                break
            i += 1
        token = value[start:i]
        if state in ("a.", "0.") and (letters or token.count(".") > 1 or token[-1] in ".,"):
            tokens += [t for t in _DECIMAL_SPLIT.split(token) if t]
        elif state == "0." and "." not in token:
            tokens.append(token.replace(",", "."))
        else:
            tokens.append(token)
    return tokens


def _number(token: str) -> Decimal | None:
    """The value of a numeric token (``12``, ``21.447``), None for any other token."""
    if token in _NOT_NUMBERS:
        raise _NoDateError(token)
    if not token[:1].isdigit():
        return None
    # Imported on the first number of a date read: the module (and ``numbers``' ABCs) was
    # ~1.5 ms of every start, and a run whose pages and citations carry no date needs none.
    from decimal import Decimal, InvalidOperation  # noqa: PLC0415

    try:
        return Decimal(token)
    except InvalidOperation:
        return None


def _int(text: str) -> int:
    """``int(text)`` for digits; dateutil gave up the whole text on anything else."""
    if not text.isdecimal():
        raise _NoDateError(text)
    return int(text)


# Never compared nor printed: no __eq__/__repr__ compiled at import (issue 19).
@dataclass(slots=True, eq=False, repr=False)
class _Parts:
    """Year, month and day candidates in the order written, as dateutil's ``_ymd`` keeps them.

    ``year_at``/``month_at`` say which candidate is known to be the year (written with more
    than two digits) or the month (written as a name).
    """

    values: list[int] = field(default_factory=list)
    year_at: int | None = None
    month_at: int | None = None
    century: bool = False
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    weekday: int | None = None

    def add(self, text: str) -> None:
        """A number as written (``05``, ``2025``): more than two digits make it the year."""
        self.add_number(_int(text), year=len(text) > 2)

    def add_number(self, value: int | Decimal, *, year: bool = False, month: bool = False) -> None:
        if year or value > 100:
            self.century = True
            if self.year_at is not None:
                raise _NoDateError("two years")
            self.year_at = len(self.values)
        if month:
            if self.month_at is not None:
                raise _NoDateError("two months")
            self.month_at = len(self.values)
        self.values.append(int(value))

    def clock(self, hour: int | None, minute: int | None = None, second: int | None = None) -> None:
        """A time of day was written (the parts given replace what was read before)."""
        if hour is not None:
            self.hour = hour
        if minute is not None:
            self.minute = minute
        if second is not None:
            self.second = second

    def timely(self) -> bool:
        """Whether the time read, if any, is a time of day: dateutil refused the text if not."""
        hour, minute, second = self.hour or 0, self.minute or 0, self.second or 0
        return 0 <= hour < 24 and 0 <= minute < 60 and 0 <= second < 60

    def could_be_day(self, value: Decimal) -> bool:
        if self.month_at is None:
            return 1 <= value <= 31
        month = self.values[self.month_at]
        year = self.values[self.year_at] if self.year_at is not None else 2000
        if not (1 <= month <= 12 and 1 <= year <= 9999):
            return False
        return 1 <= value <= calendar.monthrange(year, month)[1]

    def resolve(self) -> tuple[int | None, int | None, int | None]:
        """(year, month, day) as dateutil resolves them, month first (``dayfirst=False``)."""
        values = self.values
        known = {k: v for k, v in (("y", self.year_at), ("m", self.month_at)) if v is not None}
        if len(values) == len(known) > 0 or (len(values) == 3 and len(known) == 2):
            if len(values) == 3 and len(known) == 2:
                missing = ({0, 1, 2} - set(known.values())).pop()
                known[({"y", "m", "d"} - known.keys()).pop()] = missing
            picked = {key: values[at] for key, at in known.items()}
            return picked.get("y"), picked.get("m"), picked.get("d")
        if len(values) > 3:
            raise _NoDateError("more than three numbers")
        if len(values) == 1 or (self.month_at is not None and len(values) == 2):
            return self._one_or_month_and_one()
        if len(values) == 2:
            first, second = values
            if first > 31:
                return first, second, None
            if second > 31:
                return second, first, None
            return None, first, second
        if len(values) == 3:
            return self._three()
        return None, None, None

    def _one_or_month_and_one(self) -> tuple[int | None, int | None, int | None]:
        values = self.values
        if self.month_at is None:
            other = values[0]
            return (other, None, None) if other > 31 else (None, None, other)
        month, other = values[self.month_at], values[self.month_at - 1]
        return (other, month, None) if other > 31 else (None, month, other)

    def _three(self) -> tuple[int | None, int | None, int | None]:
        a, b, c = self.values
        if self.month_at == 0:
            return (b, a, c) if b > 31 else (c, a, b)
        if self.month_at == 1:
            return (a, b, c) if a > 31 else (c, b, a)
        if self.month_at == 2:
            return (b, c, a) if b > 31 else (a, c, b)
        if a > 31 or self.year_at == 0:
            return a, b, c
        if a > 12:
            return c, b, a
        return c, a, b


def _cited_scan(tokens: list[str]) -> _Parts:
    """dateutil's fuzzy reading of ``tokens``: numbers, month and weekday names; rest skipped."""
    parts = _Parts()
    i = 0
    while i < len(tokens):
        token = tokens[i]
        value = _number(token)
        if value is not None:
            i = _cited_number(tokens, i, value, parts)
        elif token in _WEEKDAYS:
            parts.weekday = _WEEKDAYS[token]
        elif token in _CITED_MONTHS:
            i = _cited_month(tokens, i, parts)
        elif token in ("+", "-") and parts.hour is not None:
            i = _zone_offset(tokens, i)
        i += 1
    return parts


def _zone_offset(tokens: list[str], i: int) -> int:
    """Skip ``+0900``, ``-03:00``, ``+3`` after a time; anything else there is no date."""
    hours = _at(tokens, i + 1)
    if len(hours) == 4:
        _int(hours[:2])
        _int(hours[2:])
        return i + 1
    if _at(tokens, i + 2) == ":":
        _int(hours)
        _int(_at(tokens, i + 3))
        return i + 3
    if len(hours) <= 2:
        _int(hours)
        return i + 1
    raise _NoDateError("not a zone offset")


def _at(tokens: list[str], i: int) -> str:
    return tokens[i] if i < len(tokens) else ""


def _cited_month(tokens: list[str], i: int, parts: _Parts) -> int:
    """A month name, with dateutil's ``Jan-01[-99]`` and ``Jan of 01`` readings after it."""
    parts.add_number(_CITED_MONTHS[tokens[i]], month=True)
    sep = _at(tokens, i + 1)
    if sep in ("-", "/"):
        parts.add(_at(tokens, i + 2))
        if _at(tokens, i + 3) == sep:
            parts.add(_at(tokens, i + 4))
            i += 2
        return i + 2
    if i + 4 < len(tokens) and tokens[i + 1] == tokens[i + 3] == " " and tokens[i + 2] == "of":
        if tokens[i + 4].isdigit():
            parts.add_number(_full_year(_int(tokens[i + 4]), century=False), year=True)
        return i + 4
    return i


def _cited_number(tokens: list[str], i: int, value: Decimal, parts: _Parts) -> int:
    """One number read as dateutil's ``_parse_numeric_token`` reads it; the index it ends on."""
    token, after = tokens[i], _at(tokens, i + 1)
    size = len(token)
    full = len(parts.values) == 3 and parts.hour is None
    if full and size in (2, 4) and after != ":" and after not in _HMS:
        parts.clock(_int(token[:2]), _int(token[2:]) if size == 4 else None)  # 19990101T23[59]
        return i
    if size == 6 or (size > 6 and token.find(".") == 6):
        if not parts.values and "." not in token:
            for start in (0, 2, 4):
                parts.add(token[start : start + 2])
        else:
            parts.clock(_int(token[:2]), _int(token[2:4]), _int(token[4:].partition(".")[0]))
        return i
    if size in (8, 12, 14):
        parts.add_number(_int(token[:4]), year=True)
        parts.add(token[4:6])
        parts.add(token[6:8])
        if size > 8:
            parts.clock(
                _int(token[8:10]), _int(token[10:12]), _int(token[12:]) if size > 12 else None
            )
        return i
    unit = _hms_unit(tokens, i)
    if unit is not None:
        return _cited_hms(tokens, i, value, parts, unit)
    if after == ":" and i + 2 < len(tokens):
        return _cited_clock(tokens, i, value, parts)
    if after in ("-", "/", "."):
        return _cited_group(tokens, i, parts)
    if not after or after in _JUMP:
        if _at(tokens, i + 2) in _AMPM:
            parts.clock(_half_day(int(value), _AMPM[_at(tokens, i + 2)]))
            return i + 1
        parts.add_number(value)
        return i
    if after in _AMPM and 0 <= value < 24:
        parts.clock(_half_day(int(value), _AMPM[after]))
        return i + 1
    if parts.could_be_day(value):
        parts.add_number(value)
    return i


def _cited_clock(tokens: list[str], i: int, hour: Decimal, parts: _Parts) -> int:
    """``HH:MM[:SS[.ss]]``."""
    minute = _number(tokens[i + 2])
    if minute is None:
        raise _NoDateError("not a time")
    if i + 4 < len(tokens) and tokens[i + 3] == ":":
        seconds = tokens[i + 4].partition(".")[0]
        parts.clock(int(hour), int(minute), _int(seconds))
        return i + 4
    parts.clock(int(hour), int(minute))
    parts.second = int(minute % 1 * 60) if minute % 1 else None
    return i + 2


def _half_day(hour: int, pm: int) -> int:
    """``hour`` on the 24-hour clock, given am (0) or pm (1)."""
    if hour < 12 and pm:
        return hour + 12
    return 0 if hour == 12 and not pm else hour


def _cited_group(tokens: list[str], i: int, parts: _Parts) -> int:
    """``01-01[-01]``, ``01/Jan[/01]``: numbers (or a month) joined by one separator."""
    sep = tokens[i + 1]
    parts.add(tokens[i])
    following = _at(tokens, i + 2)
    if following and following not in _JUMP:
        if following.isdigit():
            parts.add(following)
        elif following in _CITED_MONTHS:
            parts.add_number(_CITED_MONTHS[following], month=True)
        else:
            raise _NoDateError(following)
        if _at(tokens, i + 3) == sep:
            last = _at(tokens, i + 4)
            if last in _CITED_MONTHS:
                parts.add_number(_CITED_MONTHS[last], month=True)
            else:
                parts.add(last)
            i += 2
        i += 1
    return i + 1


def _hms_unit(tokens: list[str], i: int) -> int | None:
    """Whether an hour (0), minute (1) or second (2) unit labels the number at ``i`` (``12h``,
    ``12 h``, the ``04`` of ``12h04``), as dateutil's ``_find_hms_idx`` looks for one; the unit
    of a label found before the number is the next smaller one."""
    after = _at(tokens, i + 1)
    if after in _HMS:
        return _HMS[after]
    if after == " " and _at(tokens, i + 2) in _HMS:
        return _HMS[tokens[i + 2]]
    before = tokens[i - 1] if i > 0 else ""
    if before in _HMS:
        return _HMS[before] + 1
    if 1 < i == len(tokens) - 1 and before == " " and tokens[i - 2] in _HMS:
        return _HMS[tokens[i - 2]] + 1
    return None


def _cited_hms(tokens: list[str], i: int, value: Decimal, parts: _Parts, unit: int) -> int:
    """A number with its unit: an hour sets the clock; minutes and seconds must be in range."""
    if unit == 0:
        parts.clock(int(value), int(value % 1 * 60) if value % 1 else None)
    elif unit == 1:
        parts.minute = int(value)
        parts.second = int(value % 1 * 60) if value % 1 else None
    elif unit == 2:
        parts.second = int(value)
    if _at(tokens, i + 1) in _HMS:
        return i + 1
    return i + 2 if _at(tokens, i + 1) == " " and _at(tokens, i + 2) in _HMS else i


def _full_year(year: int, *, century: bool) -> int:
    """A two-digit year in the century that puts it within 50 years of today, as dateutil does."""
    if year >= 100 or century:
        return year
    this_year = date.today().year
    year += this_year // 100 * 100
    if year >= this_year + 50:
        return year - 100
    return year + 100 if year < this_year - 50 else year


def _plain(text: str) -> str:
    """The cited text in one form (:func:`clean_space`: every invisible character dropped, not
    only U+200B and U+FEFF), one kind of dash and of apostrophe, case folded (what
    ``verify.text.normalize`` made of it for dateutil)."""
    return clean_space(text).translate(_PLAIN).casefold()


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None


def parse_cited(text: str | None) -> date | None:
    """The date a person wrote in an attribution, read leniently; None if it names no year.

    ``2025年5月20日``, ISO (``2025-05-20``, ``2025/5/20``), ``20.05.2025`` (day first, as
    Europe writes it with dots) come first; anything else is read the way dateutil's fuzzy parser
    read it before: month names of English, German, French, Italian and Spanish, US order
    ``5/20/2025`` unless the first number exceeds 12, two-digit years, ordinals, weekdays,
    times and stray words skipped; a missing day is the 1st (``May 2025``).
    """
    if not text:
        return None
    value = _plain(text[: CITED_LIMIT * 2])[:CITED_LIMIT].strip(" .,")
    if not value:
        return None
    if not value.isascii():  # before the numbers: ``۲۹ بهمن ۱۳۹۸`` is no day 29 of 1398
        other = parse_other_script(value)
        if other is not None:
            return other
    for pattern, order in ((_CJK_DATE, (0, 1, 2)), (_ISO_DATE, (0, 1, 2)), (_DOTTED, (2, 1, 0))):
        match = pattern.search(value)
        if match:
            groups = match.groups()
            return _valid(*(int(groups[i]) for i in order))
    return _named_day(value) or _scanned(value)


_NAMED_DAY = lazy(
    r"(?P<m1>[a-z]{3,9})\.? (?P<d1>[0-9]{1,2}),? (?P<y1>[12][0-9]{3})"
    r"|(?P<d2>[0-9]{1,2}) (?P<m2>[a-z]{3,9})\.?,? (?P<y2>[12][0-9]{3})",
    re.ASCII,
)
"""The two forms most attributions write a day in (``february 8, 2024``, ``8 feb 2024``, case
folded): read at once, as :func:`_scanned` reads them (a test holds the two to the same answer
on every month name, day and form), at a tenth of its cost: the scan was ~86 µs a date, paid by
every source judged for its date (issue 19)."""


def _named_day(value: str) -> date | None:
    """A day of :data:`_NAMED_DAY`'s forms, or None (not that form, or no such day: the scan
    then decides, as before)."""
    match = _NAMED_DAY.fullmatch(value)
    if match is None:
        return None
    month_name, day, year = match.group("m1", "d1", "y1")
    if month_name is None:
        month_name, day, year = match.group("m2", "d2", "y2")
    month = MONTH_NUMBER.get(month_name)
    return None if month is None else _valid(int(year), month, int(day))


def _scanned(value: str) -> date | None:
    """The day a prepared cited text (:func:`parse_cited`) names, read the way dateutil's fuzzy
    parser read it."""
    try:
        english = _MONTH_WORD.sub(lambda m: _ENGLISH[MONTH_NUMBER[m[1].lower()]], value)
        parts = _cited_scan(_lex(_ORDINAL.sub(r"\1", english.lower())))
        year, month, day = parts.resolve()
    except (ValueError, ArithmeticError):  # _NoDateError; a digit int() refuses; a huge decimal
        return None
    if year is None or not parts.timely():
        return None
    year = _full_year(year, century=parts.century)
    month = 1 if month is None else month
    if not 1 <= month <= 12 or year <= 1 or year > 9999:
        return None
    if day is None:
        found = _valid(year, month, 1)
        if found is not None and parts.weekday is not None:
            found += timedelta(days=(parts.weekday - found.weekday()) % 7)
        return found
    return _valid(year, month, day)


# --- machine stamps and ISO days: strict ---------------------------------------------------------

_YEAR_MONTH = lazy(r"(\d{4})(?:-(\d{2}))?")


def parse_stamp(text: str | None) -> datetime | None:
    """An HTTP/RSS date (RFC 822/1123) or an Atom/sitemap stamp (RFC 3339, W3C ISO 8601).

    Aware: a stamp without a zone (WordPress's ``post_date_gmt``, a sitemap's ``2025-05-09``)
    is UTC.  The W3C forms ``YYYY`` and ``YYYY-MM`` are the first day of the period.
    """
    if not text or len(text) > STAMP_LIMIT:
        return None
    value = text.strip()
    moment = _iso_stamp(value) or _rfc822(value)
    if moment is None:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _iso_stamp(value: str) -> datetime | None:
    short = _YEAR_MONTH.fullmatch(value)
    if short:
        month = int(short.group(2) or 1)
        return datetime(int(short.group(1)), month, 1) if 1 <= month <= 12 else None
    if not value[:4].isdigit():
        return None
    try:
        return datetime.fromisoformat(value.replace("z", "Z"))
    except ValueError:
        return None


def _rfc822(value: str) -> datetime | None:
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def parse_day(text: str | None) -> date | None:
    """An ISO day (``2025-05-20``) as a user or a program wrote it; anything else is None.

    The user's ``--since``, a config's ``since`` and a job's ``published`` are written by
    people or programs who were asked for exactly this form, so no other form is guessed at.
    """
    if not text or len(text) > STAMP_LIMIT:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


# --- other digits, month names and calendars -----------------------------------------------------

_DIGIT_BLOCKS = {"arabic-indic": 0x0660, "persian": 0x06F0, "devanagari": 0x0966, "bengali": 0x09E6}
"""The first code point (zero) of each run of ten decimal digits read as ``0``-``9``."""
_WESTERN = str.maketrans(
    {chr(zero + i): str(i) for zero in _DIGIT_BLOCKS.values() for i in range(10)}
)
_EASTERN_ARABIC = frozenset(
    chr(_DIGIT_BLOCKS[block] + i) for block in ("arabic-indic", "persian") for i in range(10)
)


def western_digits(text: str) -> str:
    """``text`` with Persian, Arabic-Indic, Bengali and Devanagari digits written ``0``-``9``."""
    return text.translate(_WESTERN)


_ARABIC_LETTERS = str.maketrans("یک", "يك")
_PERSIAN_LETTERS = str.maketrans("يك", "یک")
"""Yeh and kaf as Arabic and as Persian write them: Persian pages typed on an Arabic keyboard
write ``تير`` (Arabic yeh) for the month ``تیر`` (issue 14: a Persian news page's ``۲ تير ۱۳۹۹``
was no date)."""


def _month_table(rows: tuple[str, ...]) -> dict[str, int]:
    """``{name: number}`` from twelve rows of space-separated spellings, NFC (a Bengali ``য়`` is
    one code point or two, and NFC makes both the same two), each also with its yeh and kaf in
    the other alphabet's form (``_ARABIC_LETTERS``)."""
    table: dict[str, int] = {}
    for number, names in enumerate(rows, start=1):
        for name in names.split():
            plain = unicodedata.normalize("NFC", name)
            for spelling in (plain.translate(_ARABIC_LETTERS), plain.translate(_PERSIAN_LETTERS)):
                table.setdefault(spelling, number)
            table[plain] = number
    return table


_OTHER_SCRIPT_MONTHS = _month_table(
    (
        "জানুয়ারি জানুয়ারী जनवरी ژانویه ژانویهٔ يناير كانون_الثاني",
        "ফেব্রুয়ারি ফেব্রুয়ারী फ़रवरी फरवरी فوریه فبراير شباط",
        "মার্চ मार्च مارس آذار",
        "এপ্রিল अप्रैल آوریل أبريل ابريل إبريل نيسان",
        "মে मई مه مى مايو أيار",
        "জুন जून ژوئن يونيو حزيران",
        "জুলাই जुलाई ژوئیه جولای يوليو تموز",
        "আগস্ট অগাস্ট अगस्त اوت آگوست أغسطس اغسطس آب",
        "সেপ্টেম্বর सितंबर सितम्बर سپتامبر سبتمبر أيلول",
        "অক্টোবর अक्टूबर अक्तूबर اکتبر أكتوبر اكتوبر تشرين_الأول",
        "নভেম্বর नवंबर नवम्बर نوامبر نوفمبر تشرين_الثاني",
        "ডিসেম্বর दिसंबर दिसम्बर دسامبر ديسمبر كانون_الأول",
    )
)
"""Gregorian month names in Bengali, Hindi, Persian and Arabic (Egyptian and Levantine; the
two-word Levantine names joined by ``_``, as :func:`_date_tokens` joins them)."""
_SOLAR_HIJRI_MONTHS = _month_table(
    (
        "فروردین حمل",
        "اردیبهشت ثور",
        "خرداد جوزا",
        "تیر سرطان",
        "مرداد امرداد اسد",
        "شهریور سنبله",
        "مهر میزان",
        "آبان عقرب",
        "آذر قوس",
        "دی جدی",
        "بهمن دلو",
        "اسفند حوت",
    )
)
"""Solar Hijri month names as Iran writes them, then as Afghanistan does (the zodiac names)."""
_SOLAR_YEARS = range(1300, 1500)
"""Solar Hijri years read (1921-2121): a numeric ``۱۴۰۱/۰۳/۱۲`` of these years is no Gregorian
date (and lunar Hijri years of pages, 1410-1460, are not written with Solar month names)."""
_LUNAR_ERA = 1420
"""From this year on a numeric ``١٤٤٥/٠٣/١٢`` is lunar Hijri (Arabic pages' calendar, 1999 on),
not Solar Hijri (1420 is 2041, no publication date): read as Solar it was 2066-06-01, a false
``date-mismatch`` on every right citation of such an article (probe 19c).  A month's name still
says the calendar."""
_GREGORIAN_YEARS = range(1900, 2101)
_MONTH_WORDS = {"ماه"}
"""A word that may follow a month's name (``۲۹ بهمن ماه ۱۳۹۸``)."""
_DAY_SUFFIXES = ("ام", "م")
"""Ordinal endings of a day number in Persian (``۲۹ام``, ``۱۲م``)."""
_TOKEN_SPLIT = lazy(r"[\s,،.:;؛()\[\]|–—\u200c\u200f\u200e-]+")
_JOINED = {"كانون": "_", "تشرين": "_"}
"""First words of the two-word Levantine month names, joined to the next word."""


def _jalali_year(year: int) -> tuple[bool, date]:
    """``(leap, 1 Farvardin)`` of Solar Hijri ``year``: the arithmetic of jalaali-js (Borkowski's
    breaks of the 2820-year cycle, exact against the astronomical calendar for 1178-1633)."""
    breaks = (-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192)
    gregorian = year + 621
    leap_days = -14
    previous = breaks[0]
    jump = 0
    for brk in breaks[1:]:
        jump = brk - previous
        if year < brk:
            break
        leap_days += _div(jump, 33) * 8 + _div(_mod(jump, 33), 4)
        previous = brk
    n = year - previous
    leap_days += _div(n, 33) * 8 + _div(_mod(n, 33) + 3, 4)
    if _mod(jump, 33) == 4 and jump - n == 4:
        leap_days += 1
    gregorian_leaps = _div(gregorian, 4) - _div((_div(gregorian, 100) + 1) * 3, 4) - 150
    march = 20 + leap_days - gregorian_leaps
    if jump - n < 6:
        n = n - jump + _div(jump + 4, 33) * 33
    leap = _mod(_mod(n + 1, 33) - 1, 4)
    return leap == 0, date(gregorian, 3, march)  # jalaali-js: a remainder of 0 is a leap year


def _div(a: int, b: int) -> int:
    """Integer division towards zero (JavaScript's ``~~(a / b)``, as jalaali-js computes)."""
    quotient = abs(a) // abs(b)
    return quotient if (a >= 0) == (b > 0) else -quotient


def _mod(a: int, b: int) -> int:
    """The remainder of :func:`_div` (the sign of ``a``)."""
    return a - _div(a, b) * b


def solar_hijri_to_gregorian(year: int, month: int, day: int) -> date | None:
    """The Gregorian day of Solar Hijri ``year/month/day`` (``1398/11/29`` → 2020-02-18), or
    None for a day the calendar does not have (months 1-6 have 31 days, 7-11 30, the 12th 29 or
    30 in a leap year).  Years outside :data:`_SOLAR_YEARS` are not read."""
    if year not in _SOLAR_YEARS or not 1 <= month <= 12 or day < 1:
        return None
    leap, first = _jalali_year(year)
    length = 31 if month <= 6 else 30 if month <= 11 else 30 if leap else 29
    if day > length:
        return None
    offset = (month - 1) * 31 - (month - 7 if month >= 7 else 0) + day - 1
    return first + timedelta(days=offset)


def _date_tokens(text: str) -> list[str]:
    """Words and numbers of ``text`` (digits western, NFC), Persian ordinal endings dropped."""
    plain = unicodedata.normalize("NFC", western_digits(text))
    tokens: list[str] = []
    for token in _TOKEN_SPLIT.split(plain):
        if not token:
            continue
        if tokens and tokens[-1] in _JOINED:
            tokens[-1] += _JOINED[tokens[-1]] + token
            continue
        tokens.append(_day_number(token))
    return tokens


def _day_number(token: str) -> str:
    """``token`` without a Persian ordinal ending when what remains is a number (``۲۹ام``)."""
    for suffix in _DAY_SUFFIXES:
        stem = token.removesuffix(suffix)
        if stem != token and stem.isdigit():
            return stem
    return token


def _named_date(day: str, month: str, year: str) -> date | None:
    """A day, a month name and a year, in the calendar the month's name belongs to."""
    if not (day.isdecimal() and len(day) <= 2 and year.isdecimal() and len(year) == 4):
        return None
    if month in _SOLAR_HIJRI_MONTHS:
        return solar_hijri_to_gregorian(int(year), _SOLAR_HIJRI_MONTHS[month], int(day))
    if month in _OTHER_SCRIPT_MONTHS and int(year) in _GREGORIAN_YEARS:
        return _valid(int(year), _OTHER_SCRIPT_MONTHS[month], int(day))
    return None


def _numeric_solar(token: str) -> date | None:
    """``1401/03/12`` (written in Persian or Arabic-Indic digits): a Solar Hijri day."""
    parts = token.split("/")
    if len(parts) != 3 or not all(p.isdecimal() and len(p) <= 4 for p in parts):
        return None
    year, month, day = (int(p) for p in parts)
    if len(parts[0]) != 4 or year >= _LUNAR_ERA:
        return None
    return solar_hijri_to_gregorian(year, month, day)


def _skip_month_word(tokens: list[str], at: int) -> int:
    return at + 1 if at < len(tokens) and tokens[at] in _MONTH_WORDS else at


def parse_other_script(text: str | None) -> date | None:
    """The first date in ``text`` written in other digits, month names or calendars, as a
    Gregorian day: ``১৯ জুলাই ২০২০`` and ``जुलाई 19, 2020`` (2020-07-19), ``سه‌شنبه ۲۹ بهمن
    ۱۳۹۸`` (Solar Hijri: 2020-02-18), ``۱۲ جوزا ۱۴۰۱`` (Afghan month names), ``۱۳۹۸/۱۱/۲۹``.

    Only what is unambiguous: a month's name, or a numeric date in Persian or Arabic-Indic digits
    whose year is a Solar Hijri one; a date of Latin digits and names is the other grammars'.
    One pass over at most :data:`TEXT_LIMIT` characters' words, no regex the text can make slow.
    """
    if not text:
        return None
    head = text[:TEXT_LIMIT]
    tokens = _date_tokens(head)
    eastern = any(char in _EASTERN_ARABIC for char in head)
    for i, token in enumerate(tokens):
        if token in _SOLAR_HIJRI_MONTHS or token in _OTHER_SCRIPT_MONTHS:
            after = _skip_month_word(tokens, i + 1)
            if i > 0 and after < len(tokens):  # 19 জুলাই 2020, ۲۹ بهمن ماه ۱۳۹۸
                found = _named_date(tokens[i - 1], token, tokens[after])
                if found is not None:
                    return found
            if after + 1 < len(tokens):  # जुलाई 19, 2020
                found = _named_date(tokens[after], token, tokens[after + 1])
                if found is not None:
                    return found
        elif eastern and "/" in token:
            found = _numeric_solar(token)
            if found is not None:
                return found
    return None
