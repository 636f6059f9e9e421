"""A URL pattern (``.lycheeignore``, ``--exclude``) is refused for its time only when Python's
backtracking ``re`` can take time exponential in a URL's length on it, and then always.

The scan for a repeat inside a repeated group refused the harmless ``([a-z]+\\.)+x`` (its repeat
stops at each dot: linear) and ``(\\w*/)+\\.md``, and let ``(a|a)+$`` through, which takes
seconds on 24 characters (mend 33l's leftover).  Through the CLI on a local post, and the
analysis (:mod:`checker.backtracking`) on patterns whose time was measured.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.backtracking import exponential_backtracking
from checker.cli import ExitCode, main
from checker.errors import ConfigError
from checker.url_regex import compile_url_regex

_SLOW = [
    r"(a+)+$",
    r"(a|a)+$",
    r"(a*)*$",
    r"(\w+\s?)+$",
    r"(a|a){1,100}$",
    r"(.*/)*end",
    r"(?=(a+)+$)b",
    r"(?:x|x)*y",
]
"""Each measured at 0.3 s or more on 21 characters (its repeated character twenty times, then
``!``), Python 3.11; twice that a character more."""
_LINEAR = [
    r"([a-z]+\.)+x",
    r"(\w*/)+\.md",
    r"(a|ab)+$",
    r"(foo|foobar)+$",
    r"(?i)(A|a)+$",
    r"(a|a){2}$",
    r"^https://github\.com/[^/]+/[^/]+/(issues|pull)/\d+$",
    r"^(https?://)?([\w-]+\.)+[a-z]{2,}(/.*)?$",
]


@pytest.mark.parametrize("pattern", _SLOW)
def test_an_exponential_pattern_is_told(pattern: str) -> None:
    assert exponential_backtracking(pattern) is not None


@pytest.mark.parametrize("pattern", _LINEAR)
def test_a_pattern_whose_repeats_cannot_match_twice_passes(pattern: str) -> None:
    assert exponential_backtracking(pattern) is None


def _run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, line: str) -> int:
    (tmp_path / "post.md").write_text("# Post\n\nSee [it](post.md).\n", encoding="utf-8")
    (tmp_path / ".lycheeignore").write_text(f"{line}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return main(["check", "post.md", "--no-store", "--archive", "off", "-q"])


@pytest.mark.parametrize("line", [r"([a-z]+\.)+x", r"(\w*/)+\.md"])
def test_a_harmless_nested_repeat_in_lycheeignore_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, line: str
) -> None:
    assert _run(tmp_path, monkeypatch, line) == ExitCode.OK


def test_an_overlapping_alternation_in_lycheeignore_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(tmp_path, monkeypatch, "(a|a)+$") == ExitCode.ERROR
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and ".lycheeignore:1" in err and "exponential" in err


@pytest.mark.parametrize(
    "pattern",
    [r"(?:a{1,2})+$", r"(?:\w{1,8})+$", r"^https://(?:[\w-]{1,8}\.?)+/"],
)
def test_a_repeat_of_a_varying_small_count_inside_a_repeat_is_refused(pattern: str) -> None:
    """``(?:a{1,2})+$`` was read once (a count of 8 at most) and passed: 7.5 s on 37
    characters (review of left34b)."""
    with pytest.raises(ConfigError, match="exponential"):
        compile_url_regex(pattern, "exclude pattern")


@pytest.mark.parametrize("pattern", [r"(\d{1,3}\.){3}\d{1,3}", r"^https://x\.com/a{2,3}b"])
def test_a_small_count_outside_an_ambiguous_repeat_passes(pattern: str) -> None:
    assert compile_url_regex(pattern, "exclude pattern").pattern


@pytest.mark.parametrize(
    ("pattern", "said"),
    [("(" * 1000 + "a" + ")" * 1000, "nested too deeply"), ("a" * 5000, "longer than 4096")],
)
def test_a_pattern_too_deep_or_too_long_is_one_line_not_a_traceback(
    pattern: str, said: str
) -> None:
    """1,000 nested groups raised RecursionError out of ``re``'s parser (an internal error and
    a crash log); a 20 KB pattern's check took 25 s (review of left34b)."""
    with pytest.raises(ConfigError, match=said) as refused:
        compile_url_regex(pattern, "exclude pattern")
    assert "\n" not in str(refused.value) and len(str(refused.value)) < 200
