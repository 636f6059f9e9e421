"""HTTP/1.1 requests on h11 directly (``fetch/h1.py``), plain and over TLS; HTTP/2 still on
httpcore (issue 19).

CPU is not asserted: the work that was cut is counted instead (requests that reach httpcore's
pool, connections opened), next to the semantics that must not change (keep-alive, HTTP/2 where
the server chooses it, a forward proxy's request line and credentials).
"""

from __future__ import annotations

import importlib.util
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpcore
import pytest

from checker.config import Config, ConnectTo
from checker.fetch.streams import AsyncioBackend
from checker.sampleweb import SampleWeb
from checker.sampleweb.server import Web
from tests.fetch.support import fetch
from tests.fetch.tls_server import LoopbackServer, TlsServer, request_heads, send_page

PLAIN = "http://plain.h1.example.org"
SITE = "https://tls.h1.example.com"
PAGES = 6


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    web = Web()
    for n in range(PAGES):
        web.page(f"{PLAIN}/p{n}", f"<title>plain {n}</title>")
        web.page(f"{SITE}/p{n}", f"<title>tls {n}</title>")
    with SampleWeb(web) as served:
        yield served


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Requests httpcore's pool handled (by scheme) and TCP connections opened."""
    seen: dict[str, list[str]] = {"httpcore": [], "connects": []}
    handle = httpcore.AsyncConnectionPool.handle_async_request
    connect = AsyncioBackend.connect_tcp

    async def pool(self: httpcore.AsyncConnectionPool, request: httpcore.Request) -> Any:
        seen["httpcore"].append(request.url.scheme.decode())
        return await handle(self, request)

    async def connecting(self: AsyncioBackend, host: str, port: int, *args: Any, **kw: Any) -> Any:
        seen["connects"].append(f"{host}:{port}")
        return await connect(self, host, port, *args, **kw)

    monkeypatch.setattr(httpcore.AsyncConnectionPool, "handle_async_request", pool)
    monkeypatch.setattr(AsyncioBackend, "connect_tcp", connecting)
    return seen


def _config(site: SampleWeb) -> Config:
    return Config().with_(
        connect_to=tuple(ConnectTo.parse(rule) for rule in site.connect_to()),
        cacert=site.ca_path,
        per_host_concurrency=1,  # one connection, reused for every page
        timeout=2.0,
        retries=0,
    )


def test_plain_http_bypasses_httpcore_and_reuses_one_connection(
    site: SampleWeb, counted: dict[str, list[str]]
) -> None:
    results = fetch(_config(site), *(f"{PLAIN}/p{n}" for n in range(PAGES)))
    assert [r.text for r in results] == [f"<title>plain {n}</title>" for n in range(PAGES)]
    assert all(r.status_code == 200 and r.error is None for r in results)
    assert counted["httpcore"] == []
    assert len(counted["connects"]) == 1


def test_https_on_http1_bypasses_httpcore_and_reuses_one_connection(
    site: SampleWeb, counted: dict[str, list[str]]
) -> None:
    """The sample web's TLS server chooses HTTP/1.1 by ALPN: the lean path, one handshake."""
    results = fetch(_config(site), *(f"{SITE}/p{n}" for n in range(PAGES)))
    assert [r.text for r in results] == [f"<title>tls {n}</title>" for n in range(PAGES)]
    assert all(r.status_code == 200 and r.error is None for r in results)
    assert counted["httpcore"] == []
    assert len(counted["connects"]) == 1


H2_HOST = "h2.lean.example.net"


def _tls_config(server: TlsServer, **changes: Any) -> Config:
    return Config().with_(
        connect_to=(ConnectTo.parse(f"{H2_HOST}:443:127.0.0.1:{server.port}"),),
        cacert=server.ca_path,
        timeout=2.0,
        retries=0,
        **changes,
    )


@pytest.mark.parametrize("at_once", [1, 4])
def test_a_server_that_chooses_h2_gets_http2_on_the_first_connection(
    tmp_path: Path, counted: dict[str, list[str]], at_once: int
) -> None:
    """The connection made here for TLS is handed to httpcore's HTTP/2 connection: every
    request is HTTP/2, the first one's handshake is not thrown away, requests in flight
    meanwhile wait for it, and the origin's later requests go to httpcore's pool (HTTP/2
    multiplexes them on that one connection)."""
    paths = [f"/p{n}" for n in range(PAGES)]
    with TlsServer(H2_HOST, tmp_path, alpn=("h2", "http/1.1")) as server:
        config = _tls_config(server, per_host_concurrency=at_once)
        results = fetch(config, *(f"https://{H2_HOST}{path}" for path in paths))
    assert [r.text for r in results] == [f"<title>h2 {path}</title>" for path in paths]
    assert sorted(server.requests) == sorted(("h2", path) for path in paths)
    assert counted["httpcore"] == ["https"] * PAGES
    assert server.connections == len(counted["connects"]) == 1


def test_tls_to_an_http1_server_opens_connections_in_parallel_once_its_protocol_is_known(
    tmp_path: Path, counted: dict[str, list[str]]
) -> None:
    """Requests that waited for the first handshake make their own connections when the
    server chose HTTP/1.1 (one request per connection at a time)."""
    paths = [f"/p{n}" for n in range(PAGES)]
    with TlsServer(H2_HOST, tmp_path, alpn=("http/1.1",)) as server:
        config = _tls_config(server, per_host_concurrency=3)
        results = fetch(config, *(f"https://{H2_HOST}{path}" for path in paths))
    assert [r.text for r in results] == [f"<title>http/1.1 {path}</title>" for path in paths]
    assert counted["httpcore"] == []
    assert server.connections == 3


@pytest.mark.parametrize(
    ("alpn", "http2"), [((), True), (("http/1.1",), True), (("h2", "http/1.1"), False)]
)
def test_tls_without_h2_chosen_takes_the_lean_path(
    tmp_path: Path, counted: dict[str, list[str]], alpn: tuple[str, ...], http2: bool
) -> None:
    """No ALPN at all, HTTP/1.1 chosen, or HTTP/2 not offered (``http2 = false``): HTTP/1.1
    on h11, one connection kept alive."""
    paths = [f"/p{n}" for n in range(PAGES)]
    with TlsServer(H2_HOST, tmp_path, alpn=alpn) as server:
        config = _tls_config(server, per_host_concurrency=1, http2=http2)
        results = fetch(config, *(f"https://{H2_HOST}{path}" for path in paths))
    assert [r.text for r in results] == [f"<title>http/1.1 {path}</title>" for path in paths]
    assert counted["httpcore"] == []
    assert server.connections == 1


def test_tls_to_a_non_default_port_is_its_own_origin(
    tmp_path: Path, counted: dict[str, list[str]]
) -> None:
    """One host's transport serves every port of it: a connection to one port is never
    reused for another (nor an ``http://`` one for ``https://``)."""
    one = TlsServer(H2_HOST, tmp_path, alpn=("http/1.1",))
    other = TlsServer(H2_HOST, tmp_path, alpn=("http/1.1",), ca=one.ca)
    with one, other:
        config = _tls_config(one, per_host_concurrency=1).with_(
            connect_to=(
                ConnectTo.parse(f"{H2_HOST}:443:127.0.0.1:{one.port}"),
                ConnectTo.parse(f"{H2_HOST}:8443:127.0.0.1:{other.port}"),
            ),
        )
        urls = [f"https://{H2_HOST}/a", f"https://{H2_HOST}:8443/b", f"https://{H2_HOST}/c"]
        results = fetch(config, *urls)
    assert [r.status_code for r in results] == [200] * 3
    assert one.requests == [("http/1.1", "/a"), ("http/1.1", "/c")]
    assert other.requests == [("http/1.1", "/b")]


class _KeepAliveProxy(LoopbackServer):
    """A forward proxy answering every request itself on kept-alive connections; it records
    each request line, its Proxy-Authorization, and the connections accepted."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []
        self.credentials: list[str] = []
        self.start()

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        with conn:
            for head in request_heads(conn):
                lines = head.decode().split("\r\n")
                self.lines.append(lines[0])
                auth = [
                    v
                    for k, _, v in (h.partition(": ") for h in lines[1:])
                    if k.lower() == "proxy-authorization"
                ]
                self.credentials.extend(auth)
                send_page(conn, b"<title>via proxy</title>")


def test_a_forward_proxy_gets_absolute_urls_credentials_and_kept_connections(
    monkeypatch: pytest.MonkeyPatch, counted: dict[str, list[str]]
) -> None:
    proxy = _KeepAliveProxy()
    try:
        monkeypatch.setenv("HTTP_PROXY", f"http://user:pw@127.0.0.1:{proxy.port}")
        monkeypatch.setenv("NO_PROXY", "")
        urls = [f"http://news.example.org/a?id={n}" for n in range(3)]
        config = Config().with_(retries=0, per_host_concurrency=1, timeout=2.0)
        results = fetch(config, *urls)
    finally:
        proxy.close()
    assert [r.text for r in results] == ["<title>via proxy</title>"] * 3
    assert sorted(proxy.lines) == sorted(f"GET {url} HTTP/1.1" for url in urls)
    assert proxy.credentials == ["Basic dXNlcjpwdw=="] * 3  # user:pw
    assert proxy.connections == 1
    assert counted["httpcore"] == []


@pytest.mark.skipif(importlib.util.find_spec("trio") is None, reason="trio not installed")
def test_the_fetch_stage_does_not_import_trio() -> None:
    """httpcore imports trio whenever it is installed (~0.3 s of CPU per run's start)."""
    code = (
        "import sys, checker.fetch; assert 'httpcore' in sys.modules; "
        "print('trio' in sys.modules); import trio; print(trio.__name__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "trio"]  # not imported, and importable after


def test_the_fetch_stage_imports_warcio_only_for_evidence() -> None:
    """warcio costs ~0.15 s of CPU to import; only a run with ``--warc`` writes a WARC."""
    code = (
        "import sys, checker.fetch; print('warcio' in sys.modules); "
        "from pathlib import Path; import tempfile; from checker.fetch.warc import WarcRecorder; "
        "WarcRecorder(Path(tempfile.mkdtemp()) / 'e.warc.gz', software='t').close(); "
        "print('warcio' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]
