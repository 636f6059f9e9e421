"""Answers llhttp (the lean route's parser, ``h1._Reader``) reads otherwise than h11 would, and
the edges of HTTP/1.1 framing: each one fetched on the lean route and on httpx's (h11) must give
the same result (issue 19, session 17: h11 replaced by llhttp on the lean route)."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from checker.config import Config, ConnectTo
from checker.fetch import HttpFetcher, h1
from checker.model import FetchResult, Outcome
from tests.fetch.support import comparable
from tests.fetch.tls_server import HeadRecorder

HOST = "parser-answers.example.org"

_OK = b"<title>ok</title>"

_KEPT: dict[bytes, bytes] = {
    # a Content-Length sent twice with one value, or as a list: h11 reads them, llhttp refuses
    b"/twice": b"HTTP/1.1 200 OK\r\nContent-Length: 17\r\nContent-Length: 17\r\n\r\n" + _OK,
    b"/listed": b"HTTP/1.1 200 OK\r\nContent-Length: 17, 17\r\n\r\n" + _OK,
    b"/conflict": b"HTTP/1.1 200 OK\r\nContent-Length: 17\r\nContent-Length: 3\r\n\r\n" + _OK,
    # obs-fold, bare LF line ends, whitespace around values, a control byte in a value
    b"/folded": b"HTTP/1.1 200 OK\r\nX-Folded: one\r\n  two\r\nContent-Length: 17\r\n\r\n" + _OK,
    b"/bare-lf": b"HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Length: 17\n\n" + _OK,
    b"/spaces": b"HTTP/1.1 200 OK\r\nContent-Type:  text/html \t \r\nContent-Length: 17\r\n\r\n"
    + _OK,
    b"/control": b"HTTP/1.1 200 OK\r\nX-Odd: a\x01b\r\nContent-Length: 17\r\n\r\n" + _OK,
    b"/nul": b"HTTP/1.1 200 OK\r\nX-Odd: a\x00b\r\nContent-Length: 17\r\n\r\n" + _OK,
    # Transfer-Encoding: h11 takes only chunked, and chunked over Content-Length
    b"/gzip-te": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n" + _OK,
    b"/te-and-length": b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n"
    b"\r\n11\r\n" + _OK + b"\r\n0\r\n\r\n",
    # informational answers before the answer; a switch nobody asked for
    b"/continue": b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </s>\r\n\r\n"
    b"HTTP/1.1 200 OK\r\nContent-Length: 17\r\n\r\n" + _OK,
    b"/switch": b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n",
    # bodies: chunked with extensions and trailers, bad chunking, a CRLF after the answer
    b"/chunked": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=1\r\n<titl\r\n"
    b"c\r\ne>ok</title>\r\n0\r\nX-Trailer: 1\r\n\r\n",
    b"/bad-chunk": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
    b"/crlf-after": b"HTTP/1.1 200 OK\r\nContent-Length: 17\r\n\r\n" + _OK + b"\r\n",
    b"/no-reason": b"HTTP/1.1 404\r\nContent-Length: 17\r\n\r\n" + _OK,
    b"/bad-status": b"HTTP/1.1 2000 OK\r\nContent-Length: 17\r\n\r\n" + _OK,
    b"/not-http": b"SSH-2.0-OpenSSH_9.6\r\n",
}
"""Answers sent on a connection kept open (the client closes it, or reads the next one)."""

_PAGE = b"HTTP/1.1 200 OK\r\nContent-Length: 17\r\n\r\n" + _OK

_CLOSED: dict[bytes, bytes] = {
    b"/old-until-close": b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + _OK,
    b"/until-close": b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + _OK,
    b"/short": b"HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n" + _OK,
    b"/short-chunks": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n11\r\n" + _OK,
    b"/half-head": b"HTTP/1.1 200 OK\r\nContent-Le",
    b"/nothing": b"",
}
"""Answers after which the server hangs up."""

PATHS = sorted(path.decode() for path in {**_KEPT, **_CLOSED})
SAME_DETAIL_NOT_EXPECTED = {"/bad-chunk", "/short", "/short-chunks"}
"""Failures of a body: the same outcome on both routes, in each parser's words."""


class _Canned(HeadRecorder):
    """Answers each path with its bytes above; counts the requests for each path."""

    def answer(self, conn: socket.socket, target: bytes) -> bool:
        conn.sendall(_CLOSED[target] if target in _CLOSED else _KEPT.get(target, _PAGE))
        return target not in _CLOSED


@pytest.fixture(scope="module")
def server() -> Iterator[_Canned]:
    running = _Canned()
    yield running
    running.close()


def _fetch(
    server: _Canned, tmp_path: Path, paths: list[str], *, lean: bool = True
) -> list[FetchResult]:
    """``paths`` fetched one after the other by one fetcher, on the lean route, or (not
    ``lean``) through httpcore's pool and its h11 alone: the reference."""
    config = Config().with_(
        connect_to=(ConnectTo.parse(f"{HOST}:80:127.0.0.1:{server.port}"),),
        per_host_concurrency=1,
        retries=0,
        timeout=2.0,
        report_dir=tmp_path,
        store=None,
    )

    if not lean:  # every request to httpcore's pool, as for an origin that chose HTTP/2
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(h1.H1Transport, "_origin", lambda *_: None)
            return _fetch_all(config, paths)
    return _fetch_all(config, paths)


def _fetch_all(config: Config, paths: list[str]) -> list[FetchResult]:
    async def go() -> list[FetchResult]:
        async with HttpFetcher(config, version="test") as fetcher:
            return [await fetcher.get(f"http://{HOST}{path}") for path in paths]

    return asyncio.run(go())


@pytest.mark.parametrize("path", PATHS)
def test_both_routes_give_the_same_result(server: _Canned, tmp_path: Path, path: str) -> None:
    """Each answer, then a plain page on the same host: the lean route's results are those of
    httpcore's pool, which reads with h11 (a Content-Length given twice with one value was a
    ``protocol`` false alarm with llhttp alone; obs-fold, bare LF and the rest read as h11
    reads them)."""
    lean = [comparable(r) for r in _fetch(server, tmp_path, [path, "/page"])]
    httpx = [comparable(r) for r in _fetch(server, tmp_path, [path, "/page"], lean=False)]
    if path in SAME_DETAIL_NOT_EXPECTED:
        assert lean[0].outcome is httpx[0].outcome is Outcome.PROTOCOL
        lean[0] = httpx[0]
    if path == "/te-and-length":  # read mended, as a proxy forwards it: the chunks frame the
        # body and the Content-Length beside them is dropped (RFC 9112 §6.3; probe 23b)
        assert "content-length" not in lean[0].headers
        assert lean[0] == replace(httpx[0], headers={"transfer-encoding": "chunked"})
        lean[0] = httpx[0]
    if path == "/crlf-after":  # httpcore kept the connection and read the CRLF as the next
        # answer's start: a false alarm on /page; the lean route reads past it
        assert httpx[1].outcome is Outcome.PROTOCOL
        httpx[1] = lean[1]
    assert lean == httpx
    assert (lean[1].outcome, lean[1].text) == (Outcome.OK, "<title>ok</title>")  # no false alarm


def test_edge_answers_read_as_expected(server: _Canned, tmp_path: Path) -> None:
    """What the pairs above agree on is right, not merely equal: pages read whole, heads
    refused, bodies cut short failing (each on a fetcher of its own: once an origin's head was
    refused, httpcore's pool reads it, and that pool reads a CRLF left after an answer as the
    next answer's start)."""
    results = {path: _fetch(server, tmp_path, [path])[0] for path in PATHS}
    for path in ("/twice", "/listed", "/folded", "/bare-lf", "/spaces", "/control"):
        assert (results[path].outcome, results[path].text) == (Outcome.OK, "<title>ok</title>"), (
            path
        )
    for path in ("/continue", "/chunked", "/te-and-length", "/crlf-after"):
        assert (results[path].outcome, results[path].text) == (Outcome.OK, "<title>ok</title>"), (
            path
        )
    for path in ("/old-until-close", "/until-close"):
        assert (results[path].outcome, results[path].text) == (Outcome.OK, "<title>ok</title>"), (
            path
        )
    assert results["/no-reason"].status_code == 404
    for path in ("/conflict", "/nul", "/gzip-te", "/switch", "/bad-chunk", "/short"):
        assert results[path].outcome is Outcome.PROTOCOL, path
    for path in ("/short-chunks", "/half-head", "/nothing", "/bad-status"):
        assert results[path].outcome is Outcome.PROTOCOL, path
    assert results["/not-http"].outcome is Outcome.TIMEOUT  # h11 waits for a head's end


def test_a_head_llhttp_refuses_is_asked_once_more_then_its_origin_leaves_the_lean_route(
    server: _Canned, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The refused request is sent again through httpcore's pool (h11 reads the answer); the
    origin's later requests go there at once, not twice each.  (A control byte in a value:
    llhttp refuses it even mended, ``heads.py``; a head mending makes readable is read on the
    lean route, once: see ``test_mended_heads.py``.)"""
    reads: list[int] = []
    feed = h1._Reader.feed

    def counting(self: h1._Reader, data: bytes) -> None:
        reads.append(len(data))
        feed(self, data)

    monkeypatch.setattr(h1._Reader, "feed", counting)
    server.asked.clear()
    first, second, page = _fetch(server, tmp_path, ["/control", "/listed", "/page"])
    assert first.text == second.text == page.text == "<title>ok</title>"
    assert server.asked == {"/control": 2, "/listed": 1, "/page": 1}
    assert len(reads) == 1  # llhttp read only the refused head


def test_a_flood_of_informational_heads_is_bounded() -> None:
    """1xx heads without end are one head as far as the size bound goes: refused once past
    it, not read forever."""
    reader = h1._Reader()
    continues = b"HTTP/1.1 100 Continue\r\n\r\n" * 1000
    with pytest.raises(h1.httpcore.RemoteProtocolError, match="Receive buffer too long"):
        for _ in range(10):
            reader.feed(continues)


def test_a_long_head_in_pieces_costs_no_more_than_in_one() -> None:
    """The head bound counts bytes, it does not rescan them: a head just under the bound fed
    in 10-byte pieces takes about as long per byte as one fed whole (a ratio, generous)."""
    head = b"HTTP/1.1 200 OK\r\n" + b"X-Long: " + b"a" * 90_000 + b"\r\nContent-Length: 0\r\n\r\n"

    def timed(pieces: list[bytes]) -> float:
        started = time.process_time()
        for _ in range(3):
            reader = h1._Reader()
            for piece in pieces:
                reader.feed(piece)
            assert reader.done
        return time.process_time() - started

    whole = timed([head]) + 1e-4
    pieces = timed([head[i : i + 10] for i in range(0, len(head), 10)])
    assert pieces / whole < 2_000  # 9,000 feeds against one: linear, not quadratic
