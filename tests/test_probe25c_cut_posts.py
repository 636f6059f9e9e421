"""Probe 25c (memory backpressure, hostile): a post page larger than ``--max-bytes``.

A served post larger than the size cap was read up to the cap and checked as if whole: the
citations past the cap were never found, and no finding said so (a 20 MB post on the fixture
web, its last link dead: the run reported the post's other links only).  Listing pages cut by
the cap were already said (``listing-unreadable``); a post cut by it is now said too, as a
``post-unreadable`` finding naming the cap, and what was read before the cap is still checked.
A folder's file is read whole (no cap), so only URL inputs are concerned.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from checker.cli import ExitCode
from checker.sampleweb import Web
from tests.test_probe24_sitemap_listings import run_on_web

HOST = "blog.fixture-p25c.example"
_HEAD_DEAD = f"https://{HOST}/dead/head"
_TAIL_DEAD = f"https://{HOST}/dead/tail"
_CAP = 100_000


def _post(title: str, filler: int) -> str:
    """A post citing a dead page at its start and another after ``filler`` paragraphs."""
    words = "<p>" + "word " * 200 + "</p>\n"
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title></head><body><article>"
        f"<h1>{title}</h1><p>{title} cites <a href='{_HEAD_DEAD}'>a dead page</a> first.</p>"
        f"{words * filler}<p>And at its end <a href='{_TAIL_DEAD}'>another</a>.</p>"
        "</article></body></html>"
    )


def _web() -> Web:
    web = Web()
    web.sitemap(
        f"https://{HOST}/sitemap.xml", (f"https://{HOST}/post/{n}/" for n in ("big", "small"))
    )
    web.page(f"https://{HOST}/post/big/", _post("Big", 3 * _CAP // 1000))  # ~3x the cap
    web.page(f"https://{HOST}/post/small/", _post("Small", 1))
    for dead in (_HEAD_DEAD, _TAIL_DEAD):
        web.page(dead, "<title>Not Found</title><p>No such page.</p>", status=404)
    return web


def _run(tmp_path: Path, url: str) -> tuple[int, dict[str, Any]]:
    code, report, _asked = run_on_web(_web(), url, tmp_path, ("--max-bytes", str(_CAP)))
    return code, report


def _cut(report: dict[str, Any]) -> list[str]:
    return [
        p["subject"]
        for p in report["problems"]
        if p["code"] == "post-unreadable" and "--max-bytes" in p["message"]
    ]


@pytest.mark.timeout(120)
def test_a_crawled_post_past_the_cap_is_said_cut_and_its_head_still_checked(tmp_path: Path) -> None:
    code, report = _run(tmp_path, f"https://{HOST}/sitemap.xml")
    posts = {d["url"]: [c["url"] for c in d["citations"]] for d in report["documents"]}
    assert set(posts) == {f"https://{HOST}/post/big/", f"https://{HOST}/post/small/"}
    assert _HEAD_DEAD in posts[f"https://{HOST}/post/big/"]  # what was read is checked
    assert _TAIL_DEAD in posts[f"https://{HOST}/post/small/"]
    assert _cut(report) == [f"https://{HOST}/post/big/"]  # and the rest is said lost
    assert code == ExitCode.FAILED


@pytest.mark.timeout(120)
def test_a_named_post_past_the_cap_is_said_cut(tmp_path: Path) -> None:
    code, report = _run(tmp_path, f"https://{HOST}/post/big/")
    (document,) = report["documents"]
    assert _HEAD_DEAD in [c["url"] for c in document["citations"]]
    assert _cut(report) == [f"https://{HOST}/post/big/"]
    assert code == ExitCode.FAILED


@pytest.mark.timeout(120)
def test_a_post_read_in_part_is_counted_once_as_read(tmp_path: Path) -> None:
    _code, report = _run(tmp_path, f"https://{HOST}/sitemap.xml")
    summary = report["summary"]["accounting"]
    assert (summary["posts_found"], summary["posts_read"], summary["posts_unreadable"]) == (2, 2, 0)
