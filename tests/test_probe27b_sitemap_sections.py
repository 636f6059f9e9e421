"""Probe 27b: a site's two-letter section that is no language (``/go/``, ``/js/``, ``/ai/``).

Session 27 read a sitemap's one-segment path of two letters that other entries live under as a
language's home (``/en/`` beside ``/en/posts/x/``), not read.  Any two letters passed for a
language: a programming blog's ``/go/`` (its Go series' opening post) beside ``/go/generics/``
went unread, its dead link never checked, the run passing (only an info note said "pages
listed, not read").  A home is a language's: an ISO 639-1 code (``/en/``, ``/zh-tw/``).
Through the real CLI on the fixture web.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from checker.cli import ExitCode
from checker.discover.urls import language_homes
from tests.test_probe24_sitemap_listings import HOST, _web, run_on_web

if TYPE_CHECKING:
    from pathlib import Path

SITE = f"https://{HOST}"


@pytest.mark.parametrize("section", ["go", "js", "ai", "db"])
def test_a_two_letter_section_that_is_no_language_is_read(tmp_path: Path, section: str) -> None:
    paths = (f"{section}/", f"{section}/generics/", f"{section}/channels/")
    code, report, _asked = run_on_web(_web(paths), f"{SITE}/sitemap.xml", tmp_path)
    assert sorted(d["url"] for d in report["documents"]) == sorted(f"{SITE}/{p}" for p in paths)
    assert report["summary"]["findings"].get("broken") == len(paths)  # each post's dead link
    assert code == ExitCode.FAILED


def test_a_languages_home_is_still_one() -> None:
    """The guard: ISO 639-1 codes, with a region or script, are homes when pages live under."""
    urls = [
        f"{SITE}/en/",
        f"{SITE}/en/posts/x/",
        f"{SITE}/zh-tw/index.html",
        f"{SITE}/zh-tw/posts/x/",
        f"{SITE}/pt-br/",
        f"{SITE}/pt-br/a/",
        f"{SITE}/go/",
        f"{SITE}/go/a/",
    ]
    assert language_homes(urls) == {f"{SITE}/en/", f"{SITE}/zh-tw/index.html", f"{SITE}/pt-br/"}
