"""A ``Content-Encoding: gzip`` body of several members (session 34's note): read whole.

A gzip stream is one member or several one after another (``gzip -c a >> f``, a proxy joining
precompressed pieces); Python's ``gzip``, ``zcat`` and Firefox read every member.  The decoder
read the first member only and dropped the rest with no word: a crawled post whose later
members held links was read as the first member's few, its other citations never checked.
"""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

import pytest

from checker.fetch.body import _decoder
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from tests.test_probe24_sitemap_listings import run_on_web

_ONE = b"<html><body><p>First part. "
_TWO = b"Second part.</p></body></html>"


def _fed(body: bytes, piece: int, limit: int = 1 << 20) -> tuple[bytes, bool]:
    decoder = _decoder("gzip")
    assert decoder is not None
    out = b"".join(decoder.feed(body[at : at + piece], limit) for at in range(0, len(body), piece))
    return out, decoder.ended


@pytest.mark.parametrize("piece", [1, 3, 7, 1 << 20])
def test_every_member_is_read_however_the_body_comes(piece: int) -> None:
    body = gzip.compress(_ONE) + gzip.compress(_TWO) + gzip.compress(b"")
    assert _fed(body, piece) == (_ONE + _TWO, True)


def test_a_member_begun_and_not_come_is_a_cut() -> None:
    body = gzip.compress(_ONE) + gzip.compress(_TWO)
    assert _fed(body + b"\x1f", 5) == (_ONE + _TWO, False)
    out, ended = _fed(body + gzip.compress(b"more")[:9], 5)
    assert (out, ended) == (_ONE + _TWO, False)


def test_bytes_after_a_member_that_open_none_are_left_as_browsers_leave_them() -> None:
    assert _fed(gzip.compress(_ONE) + b"\0" * 8, 4) == (_ONE, True)


def test_a_corrupt_later_member_ends_the_reading_there_as_a_cut() -> None:
    body = gzip.compress(_ONE) + b"\x1f\x8b\x08\x00" + bytes(range(256))
    assert _fed(body, 1 << 20) == (_ONE, False)
    first = _decoder("gzip")
    assert first is not None
    with pytest.raises(zlib.error):  # a first member corrupt: nothing readable, as before
        first.feed(b"\x1f\x8b\x08\x00" + bytes(range(256)), 1 << 20)


def test_the_cap_holds_across_members() -> None:
    body = gzip.compress(b"a" * 5000) + gzip.compress(b"b" * 5000)
    out, _ = _fed(body, 1 << 20, limit=6001)
    assert out == b"a" * 5000 + b"b" * 1001


HOST = "gz.fixture-l36.example"
SOURCE = "https://src.fixture-l36.example"


def test_a_post_in_two_gzip_members_is_read_whole(tmp_path: Path) -> None:
    head = "<!DOCTYPE html><html><head><title>Post</title></head><body><article><h1>Post</h1>"
    first = f"{head}<p>As <a href='{SOURCE}/one'>the first report</a> said.</p>"
    second = f"<p>And <a href='{SOURCE}/two'>the second</a> too.</p></article></body></html>"
    body = gzip.compress(first.encode()) + gzip.compress(second.encode())
    web = Web()
    headers = (("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip"))
    web.add(f"https://{HOST}/2025/01/post.html", Response(200, headers, body))
    for name in ("one", "two"):
        web.page(f"{SOURCE}/{name}", f"<html><head><title>{name}</title></head></html>")
    _code, report, _asked = run_on_web(web, f"https://{HOST}/2025/01/post.html", tmp_path)
    (document,) = report["documents"]
    cited = sorted(c["url"] for c in document["citations"])
    assert cited == [f"{SOURCE}/one", f"{SOURCE}/two"]  # the base: the first report only
    assert not [p for p in report["problems"] if p["code"] == "post-unreadable"]
