"""Include/exclude URL patterns and the ignore file: which cited URLs are skipped, and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.config import Config
from checker.errors import ConfigError
from checker.patterns import UrlFilter, read_ignore_file

A = "https://www.example-news.com/2025/02/story"
B = "https://x.com/someone/status/1"


@pytest.mark.parametrize(
    ("include", "exclude", "url", "skipped"),
    [
        ((), (), A, False),  # no patterns: everything is checked
        ((), (r"example-news\.com",), A, True),  # must trigger
        ((), (r"example-news\.org",), A, False),  # near miss
        ((), (r"^https://x\.com/",), B, True),
        ((), (r"^x\.com",), B, False),  # anchored at the URL's start, not the host's
        ((r"/2025/",), (r"example-news",), A, False),  # include wins over exclude
        ((r"/2024/",), (r"example-news",), A, True),  # include does not match: exclude applies
        ((r"example-news",), (), A, False),  # includes alone are an allow-list...
        ((r"example-news",), (), B, True),  # ...so the rest is skipped
        ((), (r"EXAMPLE-NEWS",), A, False),  # case-sensitive by default
        ((), (r"(?i)EXAMPLE-NEWS",), A, True),
        ((), (r"x",), None, False),  # no URL, nothing to match
    ],
)
def test_skip_decision(
    include: tuple[str, ...], exclude: tuple[str, ...], url: str | None, skipped: bool
) -> None:
    url_filter = UrlFilter.from_config(Config().with_(include=include, exclude=exclude))
    assert (url_filter.skip_reason(url) is not None) is skipped


def test_note_names_the_pattern_and_its_origin(tmp_path: Path) -> None:
    ignore = tmp_path / ".citecheckignore"
    ignore.write_text("# dead paywalls\n\n  paywall\\.example  \n", encoding="utf-8")
    url_filter = UrlFilter.from_config(Config().with_(exclude=("x\\.com",), ignore_file=ignore))
    assert url_filter.skip_reason(B) == r"skipped: excluded by pattern 'x\\.com' (exclude)"
    reason = url_filter.skip_reason("https://paywall.example/a")
    assert reason == r"skipped: excluded by pattern 'paywall\\.example' (.citecheckignore:3)"
    assert UrlFilter.from_config(Config().with_(include=("y",))).skip_reason(B) == (
        "skipped: matches no include pattern"
    )


def test_ignore_file_comments_and_blanks(tmp_path: Path) -> None:
    ignore = tmp_path / "ignore"
    ignore.write_text("\ufeff# comment\n\n#another\nfoo\n  # indented comment\nbar$\n")
    assert [p.regex.pattern for p in read_ignore_file(ignore)] == ["foo", "bar$"]


def test_bad_regex_in_ignore_file_names_the_line(tmp_path: Path) -> None:
    ignore = tmp_path / ".citecheckignore"
    ignore.write_text("ok\n(unclosed\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\.citecheckignore:2: '\(unclosed' is not a valid"):
        read_ignore_file(ignore)
