"""``urls.URL_CHAR`` is compiled without ``re.IGNORECASE``: that is only right while the class is
its own case closure (every character it takes has all its case variants taken too)."""

from __future__ import annotations

import re

from checker.urls import NEAR_URL_TEXT, URL_CHAR


def test_the_class_takes_the_same_characters_with_and_without_ignorecase() -> None:
    plain = re.compile(URL_CHAR)
    folded = re.compile(URL_CHAR, re.IGNORECASE)
    differ = [
        hex(c)
        for c in range(0x110000)
        if (plain.fullmatch(chr(c)) is None) != (folded.fullmatch(chr(c)) is None)
    ]
    assert differ == []


def test_a_near_miss_in_any_case_is_found_and_stops_at_cjk_text() -> None:
    found = NEAR_URL_TEXT.search("見て HTPS://Example.com/Path。続き")
    assert found is not None
    assert found.group() == "HTPS://Example.com/Path"
    assert NEAR_URL_TEXT.search("see WWW.Example.org/x") is not None
