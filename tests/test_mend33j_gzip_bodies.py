"""Gzip bytes under a text type that are corrupt, cut short, or a bomb (session 33's review of
left32a's change, which gunzips such bodies).

- Corrupt: gunzipping failed and the bytes were read as text, a post with no citation and no
  finding, the run passing (a silent pass).  Now a corrupt body, as a bad ``Content-Encoding``.
- Cut short (a stream that ends before its end mark, short of the cap): said "larger than
  --max-bytes … raise --max-bytes", which mends nothing.  Now said cut short.
- A bomb: gunzipped on the event loop, every other request held meanwhile.  Now in a thread.
"""

from __future__ import annotations

import gzip
import threading
from pathlib import Path
from typing import Any

import pytest

import checker.fetch.body
from checker.encoding import gunzip_bounded
from checker.fetch.body import Body, gunzip_file
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from tests.test_probe24_sitemap_listings import run_on_web

HOST = "gz.fixture-m33j.example"
SOURCE = "https://src.fixture-m33j.example"
_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
_HTML = (("Content-Type", "text/html; charset=utf-8"),)


def _post(n: int) -> str:
    return (
        f"<!DOCTYPE html><html><head><title>Post {n}</title></head><body><article>"
        f"<h1>Post {n}</h1><p>As <a href='{SOURCE}/report-{n}'>the report</a> said. "
        + "The council voted on the budget and the roads. " * 40
        + "</p></article></body></html>"
    )


def _web(post_1: bytes, sitemap_kind: str = "text/xml", sitemap: bytes | None = None) -> Web:
    """A sitemap of two posts: p0 a plain page, p1 served as ``post_1`` under text/html."""
    web = Web()
    web.page(f"https://{HOST}/2025/01/p0.html", _post(0))
    web.add(f"https://{HOST}/2025/01/p1.html", Response(200, _HTML, post_1))
    for n in range(2):
        web.page(f"{SOURCE}/report-{n}", f"<html><head><title>Report {n}</title></head></html>")
    locs = "".join(f"<url><loc>https://{HOST}/2025/01/p{n}.html</loc></url>" for n in range(2))
    urlset = f'<?xml version="1.0" encoding="UTF-8"?><urlset {_NS}>{locs}</urlset>'.encode()
    body = urlset if sitemap is None else sitemap
    web.add(f"https://{HOST}/sitemap.xml", Response(200, (("Content-Type", sitemap_kind),), body))
    return web


def _problems(report: dict[str, Any], code: str) -> list[dict[str, Any]]:
    return [p for p in report["problems"] if p["code"] == code]


def test_a_corrupt_gzip_page_under_a_text_type_is_said_not_passed(tmp_path: Path) -> None:
    corrupt = gzip.compress(_post(1).encode())[:10] + bytes(range(256)) * 4
    code, report, _asked = run_on_web(_web(corrupt), f"https://{HOST}/sitemap.xml", tmp_path)
    read = {d["url"]: len(d["citations"]) for d in report["documents"]}
    assert read.get(f"https://{HOST}/2025/01/p0.html") == 1
    assert f"https://{HOST}/2025/01/p1.html" not in read  # not a post with no citation
    (said,) = _problems(report, "post-unreadable")
    assert said["subject"] == f"https://{HOST}/2025/01/p1.html"
    assert "gzip body is corrupt" in said["message"]
    assert code != 0


def test_a_cut_gzip_post_is_said_cut_short_not_over_the_cap(tmp_path: Path) -> None:
    whole = gzip.compress(_post(1).encode())
    code, report, _asked = run_on_web(
        _web(whole[: len(whole) // 2]), f"https://{HOST}/sitemap.xml", tmp_path
    )
    (said,) = _problems(report, "post-unreadable")
    assert said["subject"] == f"https://{HOST}/2025/01/p1.html"
    assert "cut short" in said["message"]
    assert "--max-bytes" not in said["message"] + (said.get("suggestion") or "")
    assert code != 0


def test_a_cut_gzip_sitemap_is_said_cut_short_not_over_the_cap(tmp_path: Path) -> None:
    locs = "".join(f"<url><loc>https://{HOST}/2025/01/p{n}.html</loc></url>" for n in range(2))
    filler = "".join(f"<url><loc>https://{HOST}/x/{n}.html</loc></url>" for n in range(40))
    urlset = f'<?xml version="1.0"?><urlset {_NS}>{locs}{filler}</urlset>'.encode()
    packed = gzip.compress(urlset)
    web = _web(_post(1).encode(), "application/xml", packed[: len(packed) * 2 // 3])
    code, report, _asked = run_on_web(web, f"https://{HOST}/sitemap.xml", tmp_path)
    (said,) = _problems(report, "listing-unreadable")
    assert "cut short" in said["message"]
    assert "--max-bytes" not in said["message"]
    assert code != 0


def test_gzip_under_a_text_type_is_gunzipped_off_the_event_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[str] = []

    def watched(data: bytes, cap: int) -> tuple[bytes, bool] | None:
        threads.append(threading.current_thread().name)
        return gunzip_bounded(data, cap)

    monkeypatch.setattr(checker.fetch.body, "gunzip_bounded", watched)
    bomb = gzip.compress(_post(1).encode() + b" " * 3_000_000)  # ~3 KB, 3 MB inside
    code, report, _asked = run_on_web(_web(bomb), f"https://{HOST}/sitemap.xml", tmp_path)
    assert threads and threading.main_thread().name not in threads
    assert {d["url"] for d in report["documents"]} == {
        f"https://{HOST}/2025/01/p{n}.html" for n in range(2)
    }
    assert code == 0


def test_gunzip_file_tells_corrupt_cut_and_capped_apart() -> None:
    data = gzip.compress(b"<urlset>" + b"<url/>" * 2000 + b"</urlset>")
    assert gunzip_file(Body(b"\x1f\x8b not gzip", False), "text/plain", 1000) == Body(
        b"", truncated=True, readable=False, corrupt=True
    )
    cut = gunzip_file(Body(data[: len(data) // 2], False), "text/xml", 100_000)
    assert cut is not None and cut.truncated and cut.cut_short
    capped = gunzip_file(Body(data, False), "text/xml", 100)
    assert capped is not None and capped.truncated and not capped.cut_short
    # the compressed bytes cut by the cap already: the cap's cut, not the file's
    early = gunzip_file(Body(data[: len(data) // 2], True), "text/xml", 100_000)
    assert early is not None and early.truncated and not early.cut_short
    # gzip's magic on an untyped download that is no gzip stays the download it is
    assert gunzip_file(Body(b"\x1f\x8b not gzip", False), "image/png", 1000) is None
