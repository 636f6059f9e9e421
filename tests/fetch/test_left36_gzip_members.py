"""A gzip body of several members one after another (``gzip -c a >> page.gz``, what ``gzip``
and ``zcat`` read whole) is decoded member by member, to the size cap.

Session 34's leftover: the response decoder (``fetch/body._Zlib``) read the first member only
and called the body whole, so a post served so lost its links past the first member with no
word.  Served by the fixture web: a body all in at once (``Content-Length``), one streamed in
pieces cut inside a member's header and at a member's end, and one with bytes after its last
member that are no member (ignored, as ``gzip`` ignores trailing garbage).
"""

from __future__ import annotations

import gzip
from pathlib import Path

from checker.sampleweb import Web
from checker.sampleweb.server import Response
from tests.test_probe24_sitemap_listings import run_on_web

_HOST = "https://members.fixture-l36.example"
_SOURCE = "https://src.fixture-l36.example"
_LINKS = 60
_PAGE = (
    "<!DOCTYPE html><html><head><title>Council approves the budget</title></head><body>"
    "<article><h1>Council approves the budget</h1>"
    + "".join(
        f"<p>The council voted on item {n} after a long debate about roads and schools. "
        f'See <a href="{_SOURCE}/minutes-{n}">the minutes</a>.</p>'
        for n in range(_LINKS)
    )
    + "</article></body></html>"
).encode()
_HALF = len(_PAGE) // 2
_FIRST = gzip.compress(_PAGE[:_HALF], mtime=0)
_SECOND = gzip.compress(_PAGE[_HALF:], mtime=0)
_HEADERS = (("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip"))


def _web() -> Web:
    web = Web()
    web.add(f"{_HOST}/framed.html", Response(200, _HEADERS, _FIRST + _SECOND))
    pieces = (_FIRST, _SECOND[:1], _SECOND[1:5], _SECOND[5:])  # the next member's magic split
    web.add(f"{_HOST}/streamed.html", Response(200, _HEADERS, stream=pieces))
    junk = _FIRST + _SECOND + b"\x00\x00garbage"
    web.add(f"{_HOST}/trailing.html", Response(200, _HEADERS, junk))
    for n in range(_LINKS):
        web.add(f"{_SOURCE}/minutes-{n}", Response(200, (("Content-Type", "text/plain"),), b"ok"))
    posts = "".join(
        f"<url><loc>{_HOST}/{p}.html</loc></url>" for p in ("framed", "streamed", "trailing")
    )
    sitemap = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{posts}</urlset>'
    web.add(
        f"{_HOST}/sitemap.xml",
        Response(200, (("Content-Type", "application/xml"),), sitemap.encode()),
    )
    return web


def test_every_member_of_a_gzip_post_is_read(tmp_path: Path) -> None:
    _code, report, _asked = run_on_web(_web(), f"{_HOST}/sitemap.xml", tmp_path)
    read = {d["url"]: len(d["citations"]) for d in report["documents"]}
    expected = {f"{_HOST}/{p}.html": _LINKS for p in ("framed", "streamed", "trailing")}
    assert read == expected, read
    assert not [p for p in report["problems"] if p["code"] == "post-unreadable"]


def test_many_members_stay_bounded_by_the_limit() -> None:
    """64 members of 1 MB of zeros each (a bomb): every member read, to ``limit`` bytes and no
    more, however many members are left (the base read 1 MB, the first member)."""
    from checker.fetch.body import _decoder  # noqa: PLC0415  (the decoder under test)

    member = gzip.compress(bytes(1 << 20), mtime=0)
    decoder = _decoder("gzip")
    assert decoder is not None
    assert len(decoder.feed(member * 64, 3 << 20)) == 3 << 20
