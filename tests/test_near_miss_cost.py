"""``is_near_miss`` of a URL written right, without its regexes (issue 19: each cited URL is
asked before its request, on the event loop).  The answers are held to the long way's."""

from __future__ import annotations

from typing import Any

import pytest

from checker import urls
from checker.urls import _near, is_near_miss

_WRITTEN = [
    "https://news.example.com/2025/02/story.html",
    "http://example.org",
    "https://x",
    "https://?",  # no host: a near-miss, the long way
    "https://#top",
    "https://?q=1",
    "https:///path",
    "https://",
    "http://",
    "https:// example.com",
    "https://example.com/ ",
    " https://example.com",
    "HTTPS://example.com",
    "htps://example.com",
    "http//example.com",
    "https:/example.com",
    "www.example.com/x",
    "(https://example.com/x)",
    "\u200bhttps://example.com",
    "doi:10.1038/nphys1170",
    "mailto:a@b",
    "/relative",
    "",
]


@pytest.mark.parametrize("written", _WRITTEN)
def test_the_answer_is_the_long_ways(written: str) -> None:
    assert is_near_miss(written) == _near(written)[0]


def test_the_long_way_still_finds_near_misses() -> None:
    assert is_near_miss("https://?") and is_near_miss("htps://example.com")
    assert not is_near_miss("https://example.com/x")


def test_a_url_written_right_skips_the_regexes(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(written: str) -> Any:
        raise AssertionError(f"the near-miss regexes read {written!r}")

    monkeypatch.setattr(urls, "_near", refused)
    assert not is_near_miss("https://news.example.com/2025/02/story.html")
    assert not is_near_miss("http://example.org/a b")
