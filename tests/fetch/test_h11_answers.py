"""The fetcher's GET read straight from h11's answer (issue 19): no httpx models per request,
and nothing above the transport can tell.

Where no proxy is mounted, an HTTP/1.1 GET goes to the host's h11 transport as bytes and comes
back as h11's events (``h1.Answer``, read as a ``body.Reply``); the httpx route (an
``httpx.Request`` to the transport, an ``httpx.Response`` back) serves HTTP/2, proxies and URL
credentials.  The same exchanges through both routes must give the same results and the same
WARC records, byte for byte: the httpx route is forced here by taking the lean one away.
"""

from __future__ import annotations

import asyncio
import gzip
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from warcio.archiveiterator import ArchiveIterator

from checker.config import Config, ConnectTo
from checker.fetch import HttpFetcher, h1
from checker.fetch.warc import EVIDENCE_FILE
from checker.model import FetchResult
from checker.sampleweb import SampleWeb
from checker.sampleweb.server import Web
from tests.fetch.support import comparable, config_for, fetch, httpx_models_built
from tests.fetch.tls_server import HeadRecorder

HOST = "answers.example.org"
ZIPPED = b"<title>zipped</title>" + b"z" * 300

_ANSWERS: dict[bytes, bytes] = {
    b"/page": b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 15\r\n"
    b"X-Twice: one\r\nx-twice: two\r\n\r\n<title>p</title",
    b"/moved": b"HTTP/1.1 302 Found\r\nLocation: /page\r\nX-After: 1\r\n"
    b"LOCATION: /elsewhere\r\nContent-Length: 0\r\n\r\n",
    b"/empty-location": b"HTTP/1.1 301 Moved\r\nLocation: \r\nContent-Length: 0\r\n\r\n",
    b"/login": b"HTTP/1.1 200 OK\r\nSet-Cookie: sid=7; Path=/\r\nContent-Type: text/html\r\n"
    b"Content-Length: 4\r\n\r\n<p/>",
    b"/utf8": "HTTP/1.1 200 Fine\r\nContent-Type: text/html\r\nX-Name: caf\u00e9\r\n"
    "Content-Length: 4\r\n\r\n<p/>".encode(),
    b"/latin1": b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Name: caf\xe9\r\n"
    b"Content-Length: 4\r\n\r\n<p/>",
    b"/zipped": b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
    + f"Content-Length: {len(gzip.compress(ZIPPED, mtime=0))}\r\n\r\n".encode()
    + gzip.compress(ZIPPED, mtime=0),
    b"/br": b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: br\r\n"
    b"Content-Length: 3\r\n\r\nabc",
    b"/gone": b"HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: 9\r\n\r\n"
    b"<p>no</p>",
    b"/chunked": b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n"
    b"\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n",
}
PATHS = [path.decode() for path in _ANSWERS]


class _Canned(HeadRecorder):
    """Answers each path with its bytes above, on kept-alive connections; records the heads."""

    def answer(self, conn: socket.socket, target: bytes) -> None:
        conn.sendall(_ANSWERS.get(target.split(b"?")[0], _ANSWERS[b"/gone"]))


@pytest.fixture(scope="module")
def server() -> Iterator[_Canned]:
    running = _Canned()
    yield running
    running.close()


def _config(server: _Canned, tmp_path: Path) -> Config:
    return Config().with_(
        connect_to=(ConnectTo.parse(f"{HOST}:80:127.0.0.1:{server.port}"),),
        per_host_concurrency=1,
        retries=0,
        timeout=2.0,
        warc=True,
        report_dir=tmp_path,
    )


def _run(config: Config, urls: list[str], *, lean: bool) -> tuple[list[FetchResult], list[Any]]:
    """Fetch ``urls`` one after the other, on the lean route or the httpx one; the results and
    each WARC record's type, target, HTTP head and block."""

    async def go() -> list[FetchResult]:
        async with HttpFetcher(config, version="test") as fetcher:
            if not lean:
                fetcher._direct = None  # the httpx route, as for a run with a proxy mounted
            return [await fetcher.get(url) for url in urls]

    results = asyncio.run(go())
    records = []
    with (config.report.dir / EVIDENCE_FILE).open("rb") as stream:
        for record in ArchiveIterator(stream):
            http = record.http_headers
            records.append(
                (
                    record.rec_type,
                    record.rec_headers.get_header("WARC-Target-URI"),
                    http.protocol if http is not None else None,
                    http.statusline if http is not None else None,
                    http.headers if http is not None else None,
                    record.content_stream().read(),
                )
            )
    return results, records


def test_both_routes_give_the_same_results_and_the_same_evidence(
    server: _Canned, tmp_path: Path
) -> None:
    """Repeated headers, a redirect with two Locations (the first kept, moved last, as httpx's
    hook left it), an empty Location, UTF-8 and Latin-1 header values, gzip, an unread coding,
    a 404, a chunked body, a cookie set: results and WARC records equal field for field."""
    urls = [f"http://{HOST}{path}" for path in PATHS]
    lean, lean_records = _run(_config(server, tmp_path / "lean"), urls, lean=True)
    wide, wide_records = _run(_config(server, tmp_path / "httpx"), urls, lean=False)
    assert [comparable(r) for r in lean] == [comparable(r) for r in wide]
    assert lean_records == wide_records
    by_path = dict(zip(PATHS, lean, strict=True))
    assert by_path["/page"].headers["x-twice"] == "one, two"
    assert by_path["/moved"].final_url == f"http://{HOST}/page"
    assert by_path["/utf8"].headers["x-name"] == "caf\u00e9"
    assert by_path["/latin1"].headers["x-name"] == "caf\u00e9"
    assert by_path["/zipped"].text == ZIPPED.decode()
    assert by_path["/chunked"].text == "abcde"
    moved = next(r for r in lean_records if r[0] == "response" and r[1].endswith("/moved"))
    names = [name for name, _ in moved[4]]
    assert names.index("location") > names.index("x-after")  # moved after the others
    assert [value for name, value in moved[4] if name.lower() == "location"] == ["/page"]


def test_a_plain_get_builds_no_httpx_url_request_response_or_headers(
    server: _Canned, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each was built once or more per request (``httpx.Headers`` several times, ``httpx.URL``
    for the URL and its redirect target): ~0.15 ms of a request's CPU (issue 19).  With a
    cookie in the jar the jar still gets an ``httpx.Request`` to read it from (not here)."""
    built = httpx_models_built(monkeypatch)
    config = _config(server, tmp_path).with_(warc=False)
    paths = ["/page", "/gone", "/moved", "/zipped", "/chunked", "/utf8"]

    async def go() -> list[int | None]:
        async with HttpFetcher(config, version="test") as fetcher:
            first = await fetcher.get(f"http://{HOST}/utf8")  # the client's and the host's head
            built.clear()
            rest = [await fetcher.get(f"http://{HOST}{path}") for path in paths]
            return [r.status_code for r in (first, *rest)]

    assert asyncio.run(go()) == [200, 200, 404, 200, 200, 200, 200]
    assert built == []


def test_a_tls_get_builds_no_httpx_response_either(monkeypatch: pytest.MonkeyPatch) -> None:
    """HTTPS on HTTP/1.1 takes the same route (ALPN chose ``http/1.1``)."""
    site = "https://tls.answers.example.com"
    web = Web()
    for n in range(3):
        web.page(f"{site}/p{n}", f"<title>tls {n}</title>")
    built: list[int] = []
    init = httpx.Response.__init__

    def counting(self: httpx.Response, *args: Any, **kw: Any) -> None:
        built.append(1)
        init(self, *args, **kw)

    monkeypatch.setattr(httpx.Response, "__init__", counting)
    with SampleWeb(web) as served:
        config = config_for(served, per_host_concurrency=1, http2=False)
        results = fetch(config, *(f"{site}/p{n}" for n in range(3)))
    assert [r.text for r in results] == [f"<title>tls {n}</title>" for n in range(3)]
    assert built == []


def test_a_cookie_set_on_the_lean_route_reaches_the_jar_and_goes_back(
    server: _Canned, tmp_path: Path
) -> None:
    config = _config(server, tmp_path).with_(warc=False)
    server.heads.clear()

    async def go() -> str | None:
        async with HttpFetcher(config, version="test") as fetcher:
            await fetcher.get(f"http://{HOST}/login")
            await fetcher.get(f"http://{HOST}/page")
            return fetcher._client.cookies.get("sid")

    assert asyncio.run(go()) == "7"
    assert b"\r\nCookie: sid=7" not in server.heads[0]
    assert server.heads[1].endswith(b"\r\nCookie: sid=7")


@pytest.mark.parametrize(
    "url",
    [
        "http://a.example/",
        "http://a.example",
        "https://a.example?",
        "https://a.example?q=1&r=%20x;y=(2)",
        "http://a.example:80/x",
        "http://a.example:080/x",
        "https://a.example:443/",
        "https://a.example:80/",
        "http://a.example:8080/p/q.html?x=/?y",
        "http://a-b.c-d.example/%7Euser/a%zz/100%",
        "http://a.example/.well-known/x",
        "http://a.example/a/./b",
        "http://a.example/a/../b",
        "http://a.example/a/..",
        "http://A.example/",
        "HTTP://a.example/",
        "http://xn--fiqs8s.example/",
        "http://127.0.0.1:8000/x",
        "http://999.1.1.1/",
        "http://u:p@a.example/",
        "http://a.example/x#frag",
        "http://a.example/a b",
        "http://a.example/caf\u00e9",
        "http://a.example/a|b^c[d]",
        "http://a.example/q?a=`{}`",
        "http://[::1]:8080/",
        "http://a.example:/x",
    ],
)
def test_a_simple_target_is_what_httpx_would_parse(url: str) -> None:
    """``h1.simple_target`` answers only for URLs httpx leaves as they are, and then with the
    same pieces the request is built from; anything else is left to httpx (None)."""
    target = h1.simple_target(url)
    if target is None:
        return
    parsed = httpx.URL(url)
    assert (
        target.raw_scheme,
        target.raw_host,
        target.port,
        target.raw_path,
        target.netloc,
        target.host,
        target.userinfo,
    ) == (
        parsed.raw_scheme,
        parsed.raw_host,
        parsed.port,
        parsed.raw_path,
        parsed.netloc,
        parsed.host,
        parsed.userinfo,
    )
    assert str(target.parsed()) == str(parsed)


def test_common_urls_take_the_simple_parse() -> None:
    taken = [
        "http://a.example/",
        "https://www.example.com/news/2024/05/story-title.html?utm_source=x&id=42",
        "https://example.org:8443/a;b=c/%E2%82%AC",
        "http://a.example:80/x",
    ]
    assert all(h1.simple_target(url) is not None for url in taken)
    left = ["http://a.example/a/../b", "http://A.example/", "http://127.0.0.1/", "http://x/#f"]
    assert all(h1.simple_target(url) is None for url in left)
