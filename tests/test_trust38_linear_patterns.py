"""URL patterns of many repeats matched in time linear in the URL (trust, session 38).

``re`` backtracks: ``.*/a/.*/b/.*`` took 13 s on one 2,000-character URL and ``a.*`` eight times
then ``x`` 7.5 s on 40 characters, a run held by one hostile link; refusing such patterns
refused lychee's everyday ones (``^https://github\\.com/.*/.*/pull/.*``).  RE2 (google-re2)
matches them as Rust's engine does, in linear time, and answers as ``re`` where it is used.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from checker.patterns import UrlPattern
from checker.url_regex import compile_url_regex

_POLYNOMIAL = (
    ".*/a/.*/b/.*x$",
    "a.*a.*a.*a.*a.*a.*a.*a.*x",
    r"^https://github\.com/.*/.*/pull/.*",
    r".*/wiki/.*/edit/.*",
    r"(?:[a-z]+/)+[0-9]{4,}\.html$",
    r"\d+.*\d+.*\.pdf$",
)
_SIMPLE = (r"\.pdf$", r"^https://example\.com/", r"example\.(?:com|org)", "[[:digit:]]+$", r"\z")


def test_a_pattern_of_many_repeats_is_matched_by_a_linear_engine() -> None:
    for text in _POLYNOMIAL:
        compiled = compile_url_regex(text, "exclude pattern")
        assert compiled.linear is not None and compiled.always_linear, text


def test_a_pattern_of_one_repeat_stays_with_re_on_a_url_of_bounded_length() -> None:
    for text in _SIMPLE:
        assert not compile_url_regex(text, "exclude pattern").always_linear, text


_URLS = (
    "https://github.com/org/repo/pull/12",
    "https://github.com/org/pull/12",
    "https://en.example.org/wiki/Page/edit/3",
    "https://example.com/a/b/c/20240501.html",
    "https://example.com/2024/report-2025.pdf",
    "https://example.com/a/x/b/x",
    "https://例え.jp/2024/05/記事.html",
    "https://example.com/٣٤٥/page",  # Arabic-Indic digits: \\d is Unicode in Rust and re
    "https://example.com/a\x1cb c",  # \\s: re holds \\x1c, RE2 does not
    "",
)
_LONG_URLS = (  # past re's length: RE2 whatever the pattern (re is quadratic at most here)
    "https://example.org/" + "/a/b" * 600 + "x",
    "https://example.com/" + "a" * 3000 + ".pdf",
    "https://example.com/" + "٣" * 3000 + ".pdf",
)
_UNICODE = (r"\bpull\b", r"\w+\.pdf$", r"(?i)GITHUB", r"\d+/page", r"a\s.*b.*c")


@pytest.mark.parametrize("text", _POLYNOMIAL + _SIMPLE + _UNICODE)
def test_the_linear_engine_answers_as_re(text: str) -> None:
    compiled = compile_url_regex(text, "exclude pattern")
    assert compiled.linear is not None
    for url in _URLS:
        expected = compiled.python.search(url) is not None
        assert compiled.search(url) is expected, (text, url)
        if (url.isascii() and url.isprintable()) or not compiled.ascii_only:  # RE2 asked
            assert (compiled.linear.search(url) is not None) is expected, (text, url)


@pytest.mark.parametrize("text", _SIMPLE + _UNICODE)
def test_a_long_url_is_answered_by_the_linear_engine_as_by_re(text: str) -> None:
    compiled = compile_url_regex(text, "exclude pattern")
    for url in _LONG_URLS:
        assert compiled.search(url) is (compiled.python.search(url) is not None), (text, url)


def test_a_hostile_url_with_a_polynomial_pattern_is_answered() -> None:
    pattern = UrlPattern.compile("a.*a.*a.*a.*a.*a.*a.*a.*x", "--exclude")
    assert not pattern.matches("a" * 2000)  # re: 7.5 s at 40 characters, hours at this
    assert not UrlPattern.compile(".*/a/.*/b/.*x$", "--exclude").matches("/a/b" * 5000)


def test_a_url_re2_cannot_encode_is_searched_by_re() -> None:
    compiled = compile_url_regex("a.*b.*c", "exclude pattern")
    assert compiled.search("https://x.example/a\udc80b/c")  # RE2 raised UnicodeEncodeError


def test_a_pattern_re2_does_not_read_stays_with_re_and_prints_nothing() -> None:
    code = (
        "from checker.url_regex import compile_url_regex\n"
        "c = compile_url_regex('a(?=b)b{1,3}c', 'exclude pattern')\n"
        "assert c.linear is None and c.search('xabcd')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_a_pattern_is_described_as_written() -> None:
    assert UrlPattern.compile(r"[[:digit:]]+\z", "--exclude").describe() == (
        r"'[[:digit:]]+\\z' (--exclude)"
    )
