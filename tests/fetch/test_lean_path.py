"""The fetch path's per-request work (issue 19): what a request must not cost, counted.

CPU is not asserted (no timings in tests); the work that was cut is counted instead: URL
parses, system calls on pooled connections, cookie-jar visits.  And the asyncio network backend
(``fetch/streams.py``) against real loopback sockets, for the failures httpcore expects of it.
"""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import http.cookiejar
import socket
import sys
import tracemalloc
from collections.abc import AsyncGenerator, Iterator
from pathlib import Path
from typing import Any

import httpcore
import httpx
import pytest

from checker.config import Config, ConnectTo
from checker.fetch import HttpFetcher, client, h1, store
from checker.fetch.connect_to import make_ssl_context, make_transport, proxy_mounts
from checker.fetch.streams import AsyncioBackend
from checker.model import FetchResult
from checker.sampleweb import SampleWeb
from checker.sampleweb.server import Response, Web
from tests.fetch.support import fetch
from tests.fetch.tls_server import HeadRecorder, send_page

SITE = "https://lean.example.com"
PLAIN = "http://plain.lean.example.org"
PAGES = 8


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    web = Web()
    for n in range(PAGES):
        web.page(f"{SITE}/p{n}", f"<title>page {n}</title>")
    web.redirect(f"{SITE}/moved", "/p0")
    cookie = ("Set-Cookie", "sid=1; Path=/")
    web.add(f"{SITE}/sets", Response(200, (cookie, ("Content-Type", "text/html")), b"<p>x</p>"))
    with SampleWeb(web) as served:
        yield served


@pytest.fixture
def config(site: SampleWeb) -> Config:
    return Config().with_(
        connect_to=tuple(ConnectTo.parse(rule) for rule in site.connect_to()),
        cacert=site.ca_path,
        per_host_concurrency=1,  # one connection, reused for every page
        timeout=2.0,
    )


def test_each_url_is_parsed_once_for_its_request(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checking the URL and building its request parsed it twice (httpx's parse checks every
    character in Python).  A parse is httpx's, or ``h1.simple_target``'s for a URL httpx would
    leave as it is."""
    parses: list[str] = []
    parse = httpx._urls.urlparse
    simple = client.simple_target

    def counting(url: str = "", **kwargs: object) -> object:
        parses.append(url)
        return parse(url, **kwargs)  # type: ignore[arg-type]

    def counting_simple(url: str) -> h1.Target | None:
        target = simple(url)
        if target is not None:
            parses.append(url)
        return target

    monkeypatch.setattr(httpx._urls, "urlparse", counting)
    monkeypatch.setattr(client, "simple_target", counting_simple)
    urls = [f"{SITE}/p{n}" for n in range(PAGES)]
    results = fetch(config, *urls, f"{SITE}/moved")
    assert [r.status_code for r in results] == [200] * (PAGES + 1)
    assert sorted(u for u in parses if u.startswith(SITE)) == sorted(
        [*urls, f"{SITE}/moved", f"{SITE}/p0"]  # the redirect's target is a URL of its own
    )


@pytest.mark.parametrize("stored", [False, True])
def test_an_answer_is_built_once_with_its_time_tries_and_streak(
    config: Config, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, stored: bool
) -> None:
    """Each answer was copied twice more: to add its elapsed time and try count, then its
    (zero) failure streak; and each GET's head was rebuilt by httpx with its ``Host``."""
    copies: list[int] = []
    heads: list[int] = []
    prepare = httpx.Request._prepare

    def copying(result: FetchResult, **changes: Any) -> FetchResult:
        copies.append(1)
        return dataclasses.replace(result, **changes)

    def preparing(self: httpx.Request, default: dict[str, str]) -> None:
        heads.append(1)
        prepare(self, default)

    monkeypatch.setattr(client, "replace", copying)
    monkeypatch.setattr(store, "replace", copying)
    monkeypatch.setattr(httpx.Request, "_prepare", preparing)
    if stored:
        config = config.with_(store=tmp_path / "store.sqlite3")
    results = fetch(config, *(f"{SITE}/p{n}" for n in range(PAGES)))
    assert [(r.status_code, r.attempts, r.failure_streak) for r in results] == [(200, 1, 0)] * PAGES
    assert all(r.elapsed > 0 and r.failing_since is None for r in results)
    assert copies == []
    assert heads == []


def test_pooled_connections_are_checked_without_system_calls(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    """anyio's backend called ``getpeername`` (and polled) per pooled connection per request."""
    calls: list[int] = []
    getpeername = socket.socket.getpeername

    def counting(self: socket.socket) -> object:
        calls.append(1)
        return getpeername(self)

    monkeypatch.setattr(socket.socket, "getpeername", counting)
    results = fetch(config, *(f"{SITE}/p{n}" for n in range(PAGES)))
    assert all(r.status_code == 200 for r in results)
    assert len(calls) <= 2  # once per connection opened, not once per request


def test_only_responses_that_set_a_cookie_reach_the_cookie_jar(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    extract = http.cookiejar.CookieJar.extract_cookies

    def counting(self: http.cookiejar.CookieJar, response: object, request: object) -> None:
        seen.append(request.get_full_url())  # type: ignore[attr-defined]
        extract(self, response, request)  # type: ignore[arg-type]

    monkeypatch.setattr(http.cookiejar.CookieJar, "extract_cookies", counting)
    fetch(config, f"{SITE}/p1", f"{SITE}/sets", f"{SITE}/p2")
    assert seen == [f"{SITE}/sets"]


def test_a_response_whose_cookies_fail_gives_its_connection_back(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exception between the answer's head and the fetcher's reading of it (the cookie jar
    raising) closes the response, as ``AsyncClient.send`` does: its connection goes back to the
    pool, so the host's next URL (one connection per host here) is answered, not stuck."""
    closed: list[str] = []
    close = h1.Answer.aclose
    extract = http.cookiejar.CookieJar.extract_cookies

    async def closing(self: h1.Answer) -> None:
        if self._conn is not None:  # its body not read to its end: the failing answer's
            closed.extend(v.decode() for n, v in self.head.headers if n.lower() == b"set-cookie")
        await close(self)

    def failing(self: http.cookiejar.CookieJar, response: object, request: object) -> None:
        if request.get_full_url().endswith("/sets"):  # type: ignore[attr-defined]
            raise RuntimeError("a jar that fails")
        extract(self, response, request)  # type: ignore[arg-type]

    monkeypatch.setattr(h1.Answer, "aclose", closing)
    monkeypatch.setattr(http.cookiejar.CookieJar, "extract_cookies", failing)

    async def go() -> FetchResult:
        async with HttpFetcher(config, version="test") as fetcher:
            with pytest.raises(RuntimeError, match="a jar that fails"):
                await fetcher.get(f"{SITE}/sets")
            return await fetcher.get(f"{SITE}/p3")

    assert asyncio.run(go()).status_code == 200
    assert closed == ["sid=1; Path=/"]  # the answer that set the cookie, closed


def test_every_pool_connects_through_the_asyncio_backend(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    direct = make_transport(config, make_ssl_context(config))._make()
    assert isinstance(direct, httpx.AsyncHTTPTransport)
    assert isinstance(direct._pool._network_backend._inner, AsyncioBackend)  # type: ignore[attr-defined]
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    mounts = proxy_mounts(config, make_ssl_context(config), direct)
    proxied = mounts["https://"]._make()  # type: ignore[attr-defined]
    assert isinstance(proxied._pool._network_backend, AsyncioBackend)


async def _serve(handle: object) -> tuple[asyncio.Server, int]:
    server = await asyncio.start_server(handle, "127.0.0.1", 0)  # type: ignore[arg-type]
    return server, server.sockets[0].getsockname()[1]


def test_a_server_that_hangs_up_makes_its_idle_connection_readable() -> None:
    """httpcore drops an idle pooled connection that reads as readable (the server hung up)."""

    async def scenario() -> tuple[bool, bool, bytes]:
        async def hang_up(_: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await asyncio.sleep(0.05)
            writer.close()
            await writer.wait_closed()

        server, port = await _serve(hang_up)
        async with server:
            stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=2)
            before = bool(stream.get_extra_info("is_readable"))
            await asyncio.sleep(0.3)
            after = bool(stream.get_extra_info("is_readable"))
            data = await stream.read(100, timeout=1)
            await stream.aclose()
            return before, after, data

    assert asyncio.run(scenario()) == (False, True, b"")


def test_reads_and_connections_fail_as_httpcore_expects() -> None:
    async def scenario() -> None:
        async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await reader.read()  # until the client hangs up
            writer.close()
            await writer.wait_closed()

        server, port = await _serve(silent)
        async with server:
            stream = await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=2)
            await stream.write(b"hello", timeout=1)
            with pytest.raises(httpcore.ReadTimeout):
                await stream.read(100, timeout=0.05)
            await stream.aclose()
            await asyncio.sleep(0.1)  # the server's side sees the hang-up and closes
        with pytest.raises(httpcore.ConnectError) as refused:
            await AsyncioBackend().connect_tcp("127.0.0.1", port, timeout=2)
        assert isinstance(refused.value.__cause__, ConnectionRefusedError)

    asyncio.run(scenario())


def test_long_texts_wait_in_the_cache_compressed_and_come_back_whole() -> None:
    """The in-run cache held every text until discovery ended: most of a 20,000-URL run's
    peak memory (issue 19).  Measured with tracemalloc: what stays allocated once the pages
    are fetched and their results let go by the caller.  Plain HTTP: asyncio's TLS layer keeps
    a 256 KiB read buffer per connection, which would be measured too."""
    pages = 20
    body = "<title>long</title>" + "<p>the same sentence, again and again.</p>" * 1200  # ~50 KB

    web = Web()
    for n in range(pages):
        web.page(f"{PLAIN}/long{n}", body)
    web.page(f"{PLAIN}/p0", "<title>warm-up</title>")

    async def scenario(config: Config) -> tuple[int, int, int]:
        async with HttpFetcher(config, version="test") as fetcher:
            await fetcher.get(f"{PLAIN}/p0")  # connections and imports out of the measure
            tracemalloc.start()
            before = tracemalloc.get_traced_memory()[0]
            results = await asyncio.gather(*(fetcher.get(f"{PLAIN}/long{n}") for n in range(pages)))
            assert all(r.text is not None and len(r.text) > 40_000 for r in results)
            del results
            await asyncio.sleep(0.05)  # the cache's callbacks run
            gc.collect()
            held = tracemalloc.get_traced_memory()[0] - before
            tracemalloc.stop()
            again = await fetcher.get(f"{PLAIN}/long3")
            fetcher.drop_text(f"{PLAIN}/long4")
            dropped = await fetcher.get(f"{PLAIN}/long4")
            assert dropped.text is None and dropped.status_code == 200
            return held, len(again.text or ""), fetcher.requests

    with SampleWeb(web) as served:
        config = Config().with_(
            connect_to=tuple(ConnectTo.parse(rule) for rule in served.connect_to()),
            cacert=served.ca_path,
            timeout=5.0,
        )
        held, length, requests = asyncio.run(scenario(config))
    assert length == len(body)  # whole again
    assert requests == pages + 1  # nothing asked twice
    assert held < pages * len(body) // 4, held  # was ~pages x len(body) (str + result)


def test_a_request_makes_no_async_generator_of_the_fetch_layers(config: Config) -> None:
    """asyncio registers each async generator in a weak set and unregisters it when collected:
    the body iterators, the time budget and the fetch counter were one each per request, and
    politeness's slot (an ``asynccontextmanager``) until session 24."""
    made: list[str] = []

    async def scenario() -> list[int | None]:
        firstiter, finalizer = sys.get_asyncgen_hooks()

        def counting(agen: AsyncGenerator[Any, Any]) -> None:
            code = agen.ag_code  # type: ignore[attr-defined]
            if "/checker/" in code.co_filename:
                made.append(code.co_name)
            if firstiter is not None:
                firstiter(agen)

        sys.set_asyncgen_hooks(firstiter=counting, finalizer=finalizer)
        async with HttpFetcher(config, version="test") as fetcher:
            results = [await fetcher.get(f"{SITE}/p{n}") for n in range(PAGES)]
            results.append(await fetcher.get(f"{PLAIN}/p0"))  # plain HTTP: not served here
        return [r.status_code for r in results]

    assert asyncio.run(scenario()) == [200] * PAGES + [421]
    assert made == []


def test_a_get_goes_to_the_transport_and_h11_checks_a_hosts_headers_once(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    """httpx's ``AsyncClient.stream`` (request merging, auth and redirect generators, a bound
    stream) and h11's check of the same header list cost ~15 % of a request (issue 19)."""
    sent: list[str] = []
    checked: list[int] = []
    send = httpx.AsyncClient.send
    check = h1.normalize_and_validate

    async def sending(self: httpx.AsyncClient, request: httpx.Request, **kw: Any) -> Any:
        sent.append(str(request.url))
        return await send(self, request, **kw)

    def checking(headers: Any, **kw: Any) -> Any:
        checked.append(1)
        return check(headers, **kw)

    monkeypatch.setattr(httpx.AsyncClient, "send", sending)
    monkeypatch.setattr(h1, "normalize_and_validate", checking)
    results = fetch(config, *(f"{SITE}/p{n}" for n in range(PAGES)))
    assert [r.text for r in results] == [f"<title>page {n}</title>" for n in range(PAGES)]
    assert sent == []
    assert checked == [1]  # one host, one list of headers


class _Recorder(HeadRecorder):
    """Records each request head as sent; ``/login`` sets a cookie, ``/old`` redirects."""

    def answer(self, conn: socket.socket, target: bytes) -> None:
        if target == b"/login":
            conn.sendall(
                b"HTTP/1.1 200 OK\r\nSet-Cookie: sid=7; Path=/\r\n"
                b"Content-Type: text/html\r\nContent-Length: 4\r\n\r\n<p/>"
            )
        elif target == b"/old":
            conn.sendall(b"HTTP/1.1 301 Moved\r\nLocation: /new\r\nContent-Length: 0\r\n\r\n")
        else:
            send_page(conn, b"<title>ok</title>")


def test_requests_on_the_wire_are_byte_for_byte_as_httpx_built_them() -> None:
    """The lean GET builds its own ``httpx.Request``: the same headers, in the same order, with
    the user's headers, the cookie the host set, and URL credentials (checked against the
    code before it: the same bytes, no cookie with credentials included)."""
    server = _Recorder()
    host = "rec.example.org"
    config = Config().with_(
        connect_to=(ConnectTo.parse(f"{host}:80:127.0.0.1:{server.port}"),),
        headers=(("X-Token", "s3cret"), ("Accept-Encoding", "identity")),
        per_host_concurrency=1,
        retries=0,
        timeout=2.0,
    )

    async def go() -> list[int | None]:
        async with HttpFetcher(config, version="test") as fetcher:
            codes = [(await fetcher.get(f"http://{host}/login")).status_code]
            for path in ("/a?q=%20x&y=é", "/old", "/b"):
                codes.append((await fetcher.get(f"http://{host}{path}")).status_code)
            codes.append((await fetcher.get(f"http://u:p%40ss@{host}/c")).status_code)
            return codes

    try:
        codes = asyncio.run(go())
    finally:
        server.close()
    agent = config.fetch.user_agent.format(version="test").encode()
    common = b"Host: " + host.encode() + b"\r\nAccept: */*\r\nConnection: keep-alive"
    common += b"\r\nUser-Agent: " + agent
    common += b"\r\nAccept-Encoding: identity\r\nX-Token: s3cret"
    cookie = b"\r\nCookie: sid=7"
    assert codes == [200, 200, 200, 200, 200]
    assert server.heads == [
        b"GET /login HTTP/1.1\r\n" + common,
        b"GET /a?q=%20x&y=%C3%A9 HTTP/1.1\r\n" + common + cookie,
        b"GET /old HTTP/1.1\r\n" + common + cookie,
        b"GET /new HTTP/1.1\r\n" + common + cookie,
        b"GET /b HTTP/1.1\r\n" + common + cookie,
        b"GET /c HTTP/1.1\r\n" + common + b"\r\nAuthorization: Basic dTpwQHNz",  # as before
    ]
