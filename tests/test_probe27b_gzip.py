"""Probe 27b: a sitemap served as a gzip file that is cut, a bomb, or HTML inside.

Probe 27 gunzipped an untyped ``….xml.gz``; the gunzip itself read what zlib gave back, and a
gzip stream cut short (an upload or a copy cut mid-file, served whole with its length) gives
back its first part without an error: the sitemap's posts past the cut were never listed and
nothing said so (a silent pass).  Through the real CLI on the fixture web.
"""

from __future__ import annotations

import gzip
from typing import TYPE_CHECKING

import pytest

from checker.cli import ExitCode
from checker.fetch.body import Body, gunzip_file
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from tests.test_probe24_sitemap_listings import run_on_web

if TYPE_CHECKING:
    from pathlib import Path

HOST = "https://gz.fixture-p27b.example"
_POSTS = 60


def _post(number: int) -> str:
    return (
        f"<!DOCTYPE html><html><head><title>p{number}</title>"
        "<meta property='og:type' content='article'></head><body><article>"
        f"<h1>p{number}</h1><p>The post {number} cites <a href='{HOST}/source'>its source</a> "
        "in a sentence long enough to be read as the post's own text.</p></article></body></html>"
    )


def _urlset(numbers: range) -> bytes:
    urls = "".join(f"<url><loc>{HOST}/posts/p{n}/</loc></url>" for n in numbers)
    return (
        "<?xml version='1.0' encoding='UTF-8'?><urlset xmlns='http://www.sitemaps.org/schemas/"
        f"sitemap/0.9'>{urls}</urlset>"
    ).encode()


def _web(sitemap: bytes, served_as: str) -> Web:
    web = Web()
    for number in range(1, _POSTS + 1):
        web.page(f"{HOST}/posts/p{number}/", _post(number))
    web.page(f"{HOST}/source", "<title>S</title><article><h1>S</h1><p>Text.</p></article>")
    web.add(f"{HOST}/sitemap.xml.gz", Response(200, (("Content-Type", served_as),), sitemap))
    return web


@pytest.mark.parametrize("served_as", ["application/gzip", "application/octet-stream"])
def test_a_cut_gzip_sitemap_is_said_not_read_as_whole(tmp_path: Path, served_as: str) -> None:
    whole = gzip.compress(_urlset(range(1, _POSTS + 1)))
    cut = whole[: len(whole) * 2 // 3]  # served whole: its Content-Length says all of it came
    code, report, _asked = run_on_web(_web(cut, served_as), f"{HOST}/sitemap.xml.gz", tmp_path)
    read = len(report["documents"])
    assert 0 < read < _POSTS
    said = [p for p in report["problems"] if p["code"] == "listing-unreadable"]
    assert said, report["problems"]  # the posts past the cut are lost: said, not a pass
    assert code != ExitCode.OK


def test_a_whole_gzip_sitemap_is_read_whole(tmp_path: Path) -> None:
    """The guard: the same sitemap whole is read whole, nothing said."""
    whole = gzip.compress(_urlset(range(1, _POSTS + 1)))
    code, report, _asked = run_on_web(
        _web(whole, "application/octet-stream"), f"{HOST}/sitemap.xml.gz", tmp_path
    )
    assert len(report["documents"]) == _POSTS
    assert not [p for p in report["problems"] if p["code"] == "listing-unreadable"]
    assert code == ExitCode.OK


def test_a_cut_gzip_file_is_truncated() -> None:
    whole = gzip.compress(_urlset(range(1, 500)))
    inner = gunzip_file(Body(whole[: len(whole) // 2], False), "application/gzip", 10**6)
    assert inner is not None
    assert inner.truncated
    assert gunzip_file(Body(whole, False), "application/gzip", 10**6) == Body(
        _urlset(range(1, 500)), False
    )


def test_a_gzip_bomb_costs_at_most_the_cap() -> None:
    bomb = gzip.compress(b"\0" * 50_000_000)
    inner = gunzip_file(Body(bomb, False), "application/octet-stream", 1000, f"{HOST}/s.xml.gz")
    assert inner is not None
    assert len(inner.data) == 1000
    assert inner.truncated
