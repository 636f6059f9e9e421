"""The shared normalisers, including their fast paths for ASCII and for long pages."""

from __future__ import annotations

import re
import sys
import unicodedata

import pytest

from checker.verify.text import clean_space, letters_only, normalize, split_title, strip_diacritics
from tests.cost import cpu_seconds


@pytest.mark.parametrize(
    ("name", "skeleton"),
    [
        ("José Mejías", "josemejias"),
        ("JOSÉ MEJÍAS", "josemejias"),
        ("Jose\u0301 Meji\u0301as", "josemejias"),  # already decomposed
        ("Søren Ørsted", "sorenorsted"),
        ("Franz Straße", "franzstrasse"),
        ("Zoë Brontë-Smith", "zoebrontesmith"),
        ("François d’Arc", "francoisdarc"),
        ("Łukasz Nowak", "łukasznowak"),  # Ł has no decomposition: kept, lower-cased
        ("山田 太郎", "山田太郎"),
        ("Jane_Doe-Smith, Jr.", "janedoesmithjr"),
    ],
)
def test_letters_only_strips_case_accents_and_punctuation(name: str, skeleton: str) -> None:
    assert letters_only(name) == skeleton


@pytest.mark.parametrize("code", range(128))
def test_ascii_fast_path_agrees_with_the_general_path(code: int) -> None:
    """A trailing ``é`` sends the same text down the non-ASCII path, which must agree."""
    text = f"Ab{chr(code)}{chr(code)}c_1 `x` d"
    assert letters_only(text + " é") == letters_only(text) + "e"
    assert normalize(text + " é") == normalize(text) + " é"
    assert strip_diacritics(text) == text


def _strip_one_by_one(text: str) -> str:
    """What strip_diacritics means, a character at a time (the oracle for its regex)."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFKC", bare.replace("ß", "ss").replace("ø", "o"))


def test_strip_diacritics_removes_every_combining_mark() -> None:
    marks = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.combining(chr(c))]
    assert any(ord(mark) > 0xFFFF for mark in marks)  # the class must cover the astral planes
    text = "".join(f"a{mark}" for mark in marks) + " 😀 \U0001d15e ß ø Ø ﬁ ①"
    assert strip_diacritics(text) == _strip_one_by_one(text)


@pytest.mark.parametrize(
    "text",
    [
        "Mejías",
        "Ελληνικά τονούμενα: άέήίόύώ",
        "Tiếng Việt có dấu",
        "हिन्दी",
        "emoji 👍🏽 and 🇩🇪 flags",
        "ãÃõÕñÑ" * 500,
    ],
)
def test_strip_diacritics_agrees_with_the_per_character_definition(text: str) -> None:
    assert strip_diacritics(text) == _strip_one_by_one(text)


def test_clean_space_collapses_every_unicode_space() -> None:
    spaces = [chr(c) for c in range(sys.maxunicode + 1) if re.fullmatch(r"\s", chr(c))]
    for space in spaces:
        text = unicodedata.normalize("NFKC", f"{space}a{space}{space}b {space}")
        assert clean_space(f"{space}a{space}{space}b {space}") == re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("`Quoted` -- plain", "'quoted' -- plain"),
        ("‘Quoted’ – “dashed” — ok", "'quoted' - \"dashed\" - ok"),
        ("«Wörter» ‹und› 「括弧」 − minus", '"wörter" \'und\' "括弧" - minus'),
        ("A&amp;amp;B\u00a0\u200bC", "a&b c"),
    ],
)
def test_normalize_straightens_quotes_and_dashes(text: str, normal: str) -> None:
    assert normalize(text) == normal


def test_short_text_is_stripped_the_same_before_and_after_the_regex_is_compiled() -> None:
    """Short text (a name, a lexicon word) skips the marks regex until it is compiled; the
    answer is the same either way, every mark of the Basic Multilingual Plane included."""
    from checker.verify import text as module  # noqa: PLC0415

    marks = [chr(c) for c in range(0x10000) if unicodedata.combining(chr(c))]
    samples = ["Mejías", "Ørsted ß", "e\u0301\U0001d165x", *("a" + m for m in marks[::7])]
    fresh = module.lazy(module._MAYBE_MARKS.pattern)
    original = module._MAYBE_MARKS
    try:
        module._MAYBE_MARKS = fresh  # not compiled: the short path
        short = [strip_diacritics(s) for s in samples]
        assert not fresh.is_compiled
        fresh.compiled  # noqa: B018 (compiled now: the regex path)
        assert [strip_diacritics(s) for s in samples] == short
    finally:
        module._MAYBE_MARKS = original
    assert short == [_strip_one_by_one(s) for s in samples]


def test_a_title_with_a_long_run_of_blanks_splits_in_linear_time() -> None:
    """A cited title is the post's text: 20,000 blanks between two words cost as little to split
    as 20,000 letters (the split's regex once tried every position of the run: seconds)."""
    blanks = "A" + " " * 20_000 + "B | Site"
    letters = "A" + "x" * 20_000 + "B | Site"
    assert split_title(blanks)[1] == "Site"
    ratio = cpu_seconds(lambda: split_title(blanks)) / cpu_seconds(lambda: split_title(letters))
    assert ratio < 20
