"""The fetcher's GET through a plain-HTTP forward proxy on h11 directly (issue 19).

Behind ``HTTP_PROXY=http://...`` (the bench's set-up, and a corporate proxy's) a plain
``http://`` URL goes to its host's h11 transport as bytes and comes back as h11's answer, as it
does with no proxy: no ``httpx.Request`` or ``httpx.Response`` per request.  The proxy must see
the very bytes httpx's route sent it (absolute-form target, its ``Proxy-Authorization``), the
results and the evidence must not change, ``NO_PROXY`` still decides, and the proxy's
credentials never reach the evidence.  httpx's route is forced by taking the lean one away.
"""

from __future__ import annotations

import asyncio
import dataclasses
import gzip
import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from checker.config import Config, ConnectTo
from checker.fetch import HttpFetcher
from checker.fetch.warc import EVIDENCE_FILE
from checker.model import FetchResult
from tests.fetch.support import comparable, httpx_models_built
from tests.fetch.tls_server import HeadRecorder

HOST = "proxied.example.org"
DIRECT = "direct.example.net"
CREDENTIALS = "user:s3cret"
BASIC = "Basic dXNlcjpzM2NyZXQ="  # user:s3cret
ZIPPED = gzip.compress(b"<title>zipped</title>" + b"z" * 200, mtime=0)

_ANSWERS: dict[bytes, bytes] = {
    b"/page": b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 15\r\n"
    b"X-Twice: one\r\nx-twice: two\r\n\r\n<title>p</title",
    b"/login": b"HTTP/1.1 200 OK\r\nSet-Cookie: sid=7; Path=/\r\nContent-Type: text/html\r\n"
    b"Content-Length: 4\r\n\r\n<p/>",
    b"/moved": b"HTTP/1.1 302 Found\r\nLocation: /page\r\nContent-Length: 0\r\n\r\n",
    b"/zipped": b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
    + f"Content-Length: {len(ZIPPED)}\r\n\r\n".encode()
    + ZIPPED,
    b"/gone": b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: 9\r\n\r\n"
    b"<p>no</p>",
    b"/chunked": b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n"
    b"\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
}
PATHS = ["/login", "/page", "/moved", "/zipped", "/gone", "/chunked", "/page?q=1&r=x"]


class _Canned(HeadRecorder):
    """A forward proxy (or a plain server) answering each path with its bytes above, on
    kept-alive connections; it records every request head it is sent."""

    def answer(self, conn: socket.socket, target: bytes) -> None:
        path = b"/" + target.split(b"://", 1)[-1].partition(b"/")[2]
        conn.sendall(_ANSWERS.get(path.split(b"?")[0], _ANSWERS[b"/gone"]))


@pytest.fixture
def proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Canned]:
    running = _Canned()
    monkeypatch.setenv("HTTP_PROXY", f"http://{CREDENTIALS}@127.0.0.1:{running.port}")
    monkeypatch.setenv("NO_PROXY", "")
    yield running
    running.close()


def _config(tmp_path: Path, **changes: Any) -> Config:
    return Config().with_(
        per_host_concurrency=1, retries=0, timeout=2.0, report_dir=tmp_path, **changes
    )


def _run(config: Config, urls: list[str], *, lean: bool) -> list[FetchResult]:
    """Fetch ``urls`` one after the other, on the lean route or httpx's."""

    async def go() -> list[FetchResult]:
        async with HttpFetcher(config, version="test") as fetcher:
            if not lean:
                fetcher._direct = None  # httpx's route, as every proxied request took before
            return [await fetcher.get(url) for url in urls]

    return asyncio.run(go())


def test_a_plain_get_through_a_proxy_builds_no_httpx_models(
    proxy: _Canned, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before, a mounted proxy sent every request httpx's way: an ``httpx.Request``, an
    ``httpx.Response`` and their ``httpx.Headers`` per request."""
    built = httpx_models_built(monkeypatch)
    paths = ["/page", "/gone", "/moved", "/zipped", "/chunked"]

    async def go() -> list[int | None]:
        async with HttpFetcher(_config(tmp_path), version="test") as fetcher:
            first = await fetcher.get(f"http://{HOST}/page")  # the host's head and its mount
            built.clear()
            rest = [await fetcher.get(f"http://{HOST}{path}") for path in paths]
            return [r.status_code for r in (first, *rest)]

    assert asyncio.run(go()) == [200, 200, 404, 200, 200, 200]  # /moved followed to /page
    assert built == []
    assert len(proxy.heads) == 6  # /page once: the redirect to it is served from the run
    assert all(BASIC.encode() in head for head in proxy.heads)
    assert proxy.connections == 2  # kept alive (the redirect's unread answer closes one)


def test_the_proxy_gets_the_same_bytes_and_the_run_the_same_results_and_evidence(
    proxy: _Canned, tmp_path: Path
) -> None:
    """Absolute-form targets, ``Proxy-Authorization``, the user's header, a cookie the proxied
    host set: the heads equal httpx's route's byte for byte; results and WARC records equal;
    the proxy's credentials are in no record."""
    urls = [f"http://{HOST}{path}" for path in PATHS]
    config = _config(tmp_path, warc=True, headers=(("X-Team", "docs"),))
    lean = _run(config.with_(report_dir=tmp_path / "lean"), urls, lean=True)
    lean_heads, proxy.heads = proxy.heads, []
    wide = _run(config.with_(report_dir=tmp_path / "httpx"), urls, lean=False)
    assert lean_heads == proxy.heads
    assert [head.split(b"\r\n")[0] for head in lean_heads][:2] == [
        f"GET http://{HOST}/login HTTP/1.1".encode(),
        f"GET http://{HOST}/page HTTP/1.1".encode(),
    ]
    assert f"Proxy-Authorization: {BASIC}".encode() in lean_heads[0]
    assert b"\r\nCookie: sid=7" in lean_heads[1]
    assert [comparable(r) for r in lean] == [comparable(r) for r in wide]
    lean_warc = (tmp_path / "lean" / EVIDENCE_FILE).read_bytes()
    wide_warc = (tmp_path / "httpx" / EVIDENCE_FILE).read_bytes()
    assert _without_ids(lean_warc) == _without_ids(wide_warc)
    for secret in (b"s3cret", BASIC.encode(), b"Proxy-Authorization", b"dXNlcjpzM2NyZXQ"):
        assert secret not in lean_warc
        assert secret not in json.dumps([dataclasses.asdict(r) for r in lean]).encode()


def _without_ids(warc: bytes) -> list[bytes]:
    """A WARC file's lines but those that differ from run to run (ids, dates, digests of
    them)."""
    varying = (b"WARC-Record-ID", b"WARC-Date", b"WARC-Concurrent-To", b"WARC-Warcinfo-ID")
    return [line for line in gzip.decompress(warc).split(b"\r\n") if not line.startswith(varying)]


def test_no_proxy_hosts_still_go_direct_on_h11(
    proxy: _Canned, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``NO_PROXY`` keeps deciding: its host is asked directly (the proxy sees nothing of it),
    the others through the proxy, both on h11."""
    server = _Canned()
    monkeypatch.setenv("NO_PROXY", f"localhost,.{DIRECT.split('.', 1)[1]}")
    config = _config(tmp_path).with_(
        connect_to=(ConnectTo.parse(f"{DIRECT}:80:127.0.0.1:{server.port}"),)
    )
    built = httpx_models_built(monkeypatch)

    async def go() -> list[int | None]:
        async with HttpFetcher(config, version="test") as fetcher:
            warm = [await fetcher.get(f"http://{host}/page") for host in (DIRECT, HOST)]
            built.clear()
            rest = [await fetcher.get(f"http://{host}/gone") for host in (DIRECT, HOST)]
            return [r.status_code for r in (*warm, *rest)]

    try:
        assert asyncio.run(go()) == [200, 200, 404, 404]
    finally:
        server.close()
    assert built == []
    assert [head.split(b"\r\n")[0] for head in server.heads] == [
        b"GET /page HTTP/1.1",
        b"GET /gone HTTP/1.1",
    ]
    assert not any(b"Proxy-Authorization" in head for head in server.heads)
    assert [head.split(b"\r\n")[0] for head in proxy.heads] == [
        f"GET http://{HOST}/page HTTP/1.1".encode(),
        f"GET http://{HOST}/gone HTTP/1.1".encode(),
    ]


def test_url_credentials_through_a_proxy_stay_on_httpx_route(
    proxy: _Canned, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A URL with a user goes through the client, whose Basic auth sends it."""
    built = httpx_models_built(monkeypatch)
    result = _run(_config(tmp_path), [f"http://me:pw@{HOST}/page"], lean=True)[0]
    assert result.status_code == 200
    assert "Response" in built
    assert b"Authorization: Basic bWU6cHc=" in proxy.heads[0]  # me:pw
    assert f"Proxy-Authorization: {BASIC}".encode() in proxy.heads[0]


@pytest.mark.parametrize("lean", [True, False], ids=["lean", "httpx"])
def test_a_host_idna_refuses_goes_through_the_proxy_when_no_proxy_is_set(
    proxy: _Canned, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, lean: bool
) -> None:
    """With a proxy and ``NO_PROXY``, choosing the route of ``http://xn--ls8h.la/`` (a name
    IDNA 2008 refuses to decode) raised out of httpx's ``_transport_for_url`` (its ``NO_PROXY``
    patterns read ``URL.host``): an internal error instead of the page.  Now ``NO_PROXY`` is
    matched against the name as written (not listed: through the proxy)."""
    monkeypatch.setenv("NO_PROXY", f"localhost,{DIRECT}")
    emoji = "xn--ls8h.la"
    (result,) = _run(_config(tmp_path), [f"http://{emoji}/page"], lean=lean)
    assert (result.outcome.value, result.status_code) == ("ok", 200)
    assert proxy.heads[-1].split(b"\r\n")[0] == f"GET http://{emoji}/page HTTP/1.1".encode()
