"""Patterns with Unicode escapes matched in linear time on any URL (trust, session 39).

RE2 reads ``\\d``, ``\\w``, ``\\s`` by ASCII, ``re`` (and Rust) by Unicode; session 38 sent a
URL not all printable ASCII back to backtracking ``re`` wherever a pattern had one, so a hostile
page's long non-ASCII link held a run on ``.*\\w.*\\w.*x`` as ``.*/a/.*/b/.*`` did before RE2.
The escapes are now written out as classes of the code points ``re`` matches them on.
"""

from __future__ import annotations

import random
import re
import sys
from array import array
from pathlib import Path

import pytest

from checker.cli import main
from checker.errors import ConfigError
from checker.patterns import UrlPattern
from checker.url_regex import _spelled, _spelled_linear, compile_url_regex

re2 = pytest.importorskip("re2")

_EVERY = (
    array("I", [c for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF])
    .tobytes()
    .decode(f"utf-32-{sys.byteorder[0]}e")
)


@pytest.mark.parametrize("flags", ["", "(?i)"])
@pytest.mark.parametrize("escape", [r"\d", r"\w", r"\s"])
def test_a_spelled_escape_holds_the_code_points_re_matches_it_on(escape: str, flags: str) -> None:
    for written in (escape, escape.upper()):  # under (?i) too: U+0345 folds to a letter
        spelled = _spelled(f"{flags}{written}+")
        assert spelled is not None
        runs = [m.span() for m in re.finditer(f"{flags}{written}+", _EVERY)]
        assert [m.span() for m in re2.compile(spelled).finditer(_EVERY)] == runs, written


_PATTERNS = (
    r".*\w+.*x$",
    r"\d+.*\d+.*\.pdf$",
    r"[\w.-]+/.*\S+.*z",
    r"[^\d]+.*.*q",
    r"[]\w]+.*/.*q",
    r"[[:digit:]\s]+.*.*\D",
    r"(?i)\W+.*\s.*Z",
)
_URLS = (
    "https://例え.jp/2024/05/記事.pdf",
    "https://example.com/٣٤٥/page.pdf",  # Arabic-Indic digits: \d in re
    "https://example.com/a\x1cb\u3000c/z",  # re's \s: \x1c and the ideographic space
    "https://ex.com/\u00e9t\u00e9\u2028x",
    "https://ex.com/\U0001f600/q",
    "https://example.com/ab]]q",
    "",
)


@pytest.mark.parametrize("text", _PATTERNS)
def test_a_spelled_pattern_answers_as_re_on_urls_not_all_ascii(text: str) -> None:
    compiled = compile_url_regex(text, "exclude pattern")
    assert compiled.ascii_only and compiled.always_linear
    linear = _spelled_linear(text)
    assert linear is not None
    for url in _URLS:
        expected = compiled.python.search(url) is not None
        assert (linear.search(url) is not None) is expected, (text, url)
        assert compiled.search(url) is expected, (text, url)


def test_a_word_edge_or_a_negated_escape_in_a_class_is_not_spelled() -> None:
    assert _spelled(r"\bpull\b.*.*") is None
    assert _spelled(r"[\W.]+.*.*") is None
    assert _spelled(r"(?i)[\w.]+.*.*") is None  # RE2 would fold U+0345 into the class
    assert _spelled(r"\\b.*\\w") == r"\\b.*\\w"  # escaped backslashes, no escape read


def test_a_hostile_non_ascii_url_with_a_polynomial_unicode_pattern_is_answered() -> None:
    pattern = UrlPattern.compile(r"\w.*\w.*\w.*\w.*\w.*x$", "--exclude")
    assert not pattern.matches("https://例え.jp/" + "é" * 3000)  # re: hours
    assert pattern.matches("https://例え.jp/" + "é" * 3000 + "x")


def test_a_lone_surrogate_in_a_url_is_read_linearly_where_the_pattern_cannot_tell() -> None:
    pattern = UrlPattern.compile(".*/a/.*/b/.*x$", "--exclude")
    assert not pattern.matches("/a/b" * 5000 + "\udc80")  # re: minutes
    assert pattern.matches("/a/\udc80/b/x")
    named = compile_url_regex(r"a.*\x{FFFD}.*c", "exclude pattern")
    assert not named.search("a\udc80bc")  # names U+FFFD: re reads it, as before


@pytest.mark.parametrize("text", [r"(?<!k)a.*z", r"^https://ex\.com/(?!keep).*", r"(a)x\1.*z"])
def test_a_pattern_re2_cannot_read_with_an_unbounded_repeat_is_refused(text: str) -> None:
    with pytest.raises(ConfigError, match=r"exclude pattern .*RE2.*does not read it \(inv"):
        compile_url_regex(text, "exclude pattern")  # re: 0.19 s on 20 KB, minutes on 1 MB


def test_a_pattern_re2_cannot_read_with_no_unbounded_repeat_stays_with_re() -> None:
    compiled = compile_url_regex(r"^https://ex\.com/(?!keep)[a-z]{1,8}$", "exclude pattern")
    assert compiled.linear is None
    assert compiled.search("https://ex.com/other") and not compiled.search("https://ex.com/keep")


def test_such_a_pattern_in_an_ignore_file_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "post.md").write_text("# Post\n\nSee [it](post.md).\n", encoding="utf-8")
    (tmp_path / ".lycheeignore").write_text("^https://ex\\.com/(?!keep).*\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "post.md", "--no-store", "--archive", "off", "-q"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and ".lycheeignore:1" in err and "invalid perl operator" in err


_ATOMS = (r"\w", r"\W", r"\d", r"\D", r"\s", r"\S", "a", "é", ".", "/", r"\.", r"[\w.-]", r"[^\d]")
_ATOMS += (r"[\s/]", r"[]\w]", "[[:digit:]]", "(?:ab|é)", r"\x{e9}")
_QUANTIFIERS = ("", "", "*", "+", "?", "{1,3}", "*?")
_CHARS = ("a", "b", "é", "ß", "K", "٣", "3", " ", "\u3000", "\x1c", "/", ".", "-", "_", "\u0345")
_CHARS += ("ι", "漢", "\U0001f600")


def test_spelled_patterns_answer_as_re_on_random_urls() -> None:
    """A seeded differential fuzz (8,000 patterns x 10 URLs answered alike when written; the
    case-insensitive ones differ only where RE2 folds a letter by Unicode's simple folding and
    ``re`` by lower and upper case, ``ı`` for ``[a-z]``, as Rust does: none of the escapes')."""
    chosen = random.Random(39)
    for _ in range(600):
        flags = "(?i)" if chosen.random() < 0.3 else ""
        atoms = (chosen.choice(_ATOMS) + chosen.choice(_QUANTIFIERS) for _ in range(4))
        text = flags + "".join(atoms)
        compiled = compile_url_regex(text, "exclude pattern")
        linear = _spelled_linear(text)
        if linear is None:
            continue
        for _ in range(8):
            url = "".join(chosen.choice(_CHARS) for _ in range(chosen.randint(0, 24)))
            expected = compiled.python.search(url) is not None
            assert (linear.search(url) is not None) is expected, (text, url)
