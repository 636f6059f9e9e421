"""Cookies on the h11 route without httpx models (issue 19), with the jar's semantics unchanged.

The jar's ``Cookie`` header for a request and an answer's ``Set-Cookie`` into the jar go through
the standard library's jar directly (``client._cookie_request``, ``client._CookieAnswer``).  The
same exchanges through httpx's route (an ``httpx.Request`` the jar adds its header to, an
``httpx.Response`` it reads) must send the same request heads, byte for byte: domain, path,
``Secure``, expiry and deletion, a cookie for another domain refused, the user's own ``Cookie``.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from checker.config import Config, ConnectTo
from checker.fetch import HttpFetcher
from tests.fetch.support import httpx_models_built
from tests.fetch.tls_server import HeadRecorder

_SETS: dict[bytes, list[bytes]] = {
    b"/set": [
        b"host=1; Path=/",
        b"deep=2; Path=/dir",
        b"wide=3; Domain=example.org; Path=/",
        b"safe=4; Secure; Path=/",
        b"stale=5; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/",
        b"alien=6; Domain=example.net; Path=/",
        b"later=7; Max-Age=3600; Path=/",
    ],
    b"/unset": [b"later=; Max-Age=0; Path=/", b"deep=two; Path=/dir"],
    b"/dir/set": [b"here=8"],  # no Path: the request's directory, /dir
}


class _Cookies(HeadRecorder):
    """Records each request head; sets the cookies above on their paths, a page elsewhere."""

    def answer(self, conn: socket.socket, target: bytes) -> None:
        sets = b"".join(b"Set-Cookie: " + c + b"\r\n" for c in _SETS.get(target, []))
        conn.sendall(
            b"HTTP/1.1 200 OK\r\n" + sets + b"Content-Type: text/html\r\n"
            b"Content-Length: 4\r\n\r\n<p/>"
        )


@pytest.fixture(scope="module")
def server() -> Iterator[_Cookies]:
    running = _Cookies()
    yield running
    running.close()


HOSTS = ("a.example.org", "b.example.org", "c.example.net")
URLS = [
    "http://a.example.org/set",
    "http://a.example.org/dir/page",
    "http://a.example.org/",
    "http://a.example.org/directory",  # /dir's cookies are not for /directory
    "http://b.example.org/x",  # only the domain cookie
    "http://c.example.net/",  # none: example.net's was refused
    "http://a.example.org/dir/set",
    "http://a.example.org/dir/",
    "http://a.example.org/unset",
    "http://a.example.org/dir/z?q=1",
]


def _config(server: _Cookies, tmp_path: Path, **options: Any) -> Config:
    rules = tuple(ConnectTo.parse(f"{host}:80:127.0.0.1:{server.port}") for host in HOSTS)
    return Config().with_(
        connect_to=rules, per_host_concurrency=1, retries=0, report_dir=tmp_path, **options
    )


def _heads(server: _Cookies, config: Config, *, lean: bool) -> list[bytes]:
    server.heads.clear()

    async def go() -> None:
        async with HttpFetcher(config, version="test") as fetcher:
            if not lean:
                fetcher._direct = None  # httpx's route, as with a proxy mounted
            for url in URLS:
                assert (await fetcher.get(url)).status_code == 200

    asyncio.run(go())
    return list(server.heads)


def _cookie_lines(heads: list[bytes]) -> list[bytes | None]:
    found = []
    for head in heads:
        lines = [line for line in head.split(b"\r\n") if line.lower().startswith(b"cookie:")]
        found.append(b"|".join(lines) if lines else None)
    return found


def test_the_jar_sends_what_it_sent_through_httpx(server: _Cookies, tmp_path: Path) -> None:
    config = _config(server, tmp_path)
    lean = _heads(server, config, lean=True)
    assert lean == _heads(server, config, lean=False)
    assert _cookie_lines(lean) == [
        None,
        b"Cookie: deep=2; host=1; later=7; wide=3",  # no safe (Secure), stale, alien
        b"Cookie: host=1; later=7; wide=3",
        b"Cookie: host=1; later=7; wide=3",
        b"Cookie: wide=3",
        None,
        b"Cookie: deep=2; host=1; later=7; wide=3",
        b"Cookie: deep=2; here=8; host=1; later=7; wide=3",
        b"Cookie: host=1; later=7; wide=3",
        b"Cookie: deep=two; here=8; host=1; wide=3",
    ]


def test_a_users_own_cookie_header_is_sent_alone(server: _Cookies, tmp_path: Path) -> None:
    config = _config(server, tmp_path, headers=(("Cookie", "mine=1"),))
    lean = _heads(server, config, lean=True)
    assert lean == _heads(server, config, lean=False)
    assert set(_cookie_lines(lean)) == {b"Cookie: mine=1"}


def test_cookies_build_no_httpx_request_or_response(
    server: _Cookies, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: an ``httpx.Request`` per request once the jar held a cookie (and a copy of the
    jar in it), an ``httpx.Response`` per answer that set one."""
    built = httpx_models_built(monkeypatch, (httpx.Request, httpx.Response))
    _heads(server, _config(server, tmp_path), lean=True)
    assert built == []
