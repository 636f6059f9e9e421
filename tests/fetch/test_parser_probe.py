"""Hostile answers the first comparison of llhttp with h11 (``test_parser_answers.py``) left
out, found by probing the lean route (session 17): each fetched on the lean route and through
httpcore's pool (h11), on the same loopback server, must give the same result."""

from __future__ import annotations

import contextlib
import socket
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.fetch import h1
from checker.model import Outcome
from tests.fetch import test_parser_answers as answers
from tests.fetch.support import comparable
from tests.fetch.tls_server import HeadRecorder, LoopbackServer, request_heads

_OK = b"<title>ok</title>"
_CHUNKED = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
_TRAILERS = b"X-Trailer: " + b"a" * 1000 + b"\r\n"

_ANSWERS: dict[bytes, bytes] = {
    # a status under 100: h11 refuses it; llhttp read it as an informational head and waited
    # for the answer after it (a timeout, which also counts against the host)
    b"/status-000": b"HTTP/1.1 000 X\r\nContent-Length: 17\r\n\r\n" + _OK,
    b"/status-099": b"HTTP/1.1 099 X\r\nContent-Length: 17\r\n\r\n" + _OK,
    # whitespace after a chunk's size, around its extension's ";" and "=" (RFC 9112's BWS):
    # h11 reads them, llhttp refuses them (a false alarm on the lean route)
    b"/chunk-space": _CHUNKED + b"11 \r\n" + _OK + b"\r\n0\r\n\r\n",
    b"/chunk-ext-bws": _CHUNKED + b"11; a = b\r\n" + _OK + b"\r\n0\r\n\r\n",
    b"/chunk-ext-odd": _CHUNKED + b"11;a=b c\r\n" + _OK + b"\r\n0\r\n\r\n",
    # a trailer section without end (2 MB here): h11 refuses it past its 100 KiB bound;
    # llhttp's reader kept every trailer field in memory until the server stopped
    b"/trailers": _CHUNKED + b"11\r\n" + _OK + b"\r\n0\r\n" + _TRAILERS * 2000 + b"\r\n",
    # a chunk extension without end (1 MB): the same bound
    b"/extension": _CHUNKED + b"11;" + b"a" * 1_000_000 + b"\r\n" + _OK + b"\r\n0\r\n\r\n",
}

_RAW_DEFLATE = zlib.compressobj(wbits=-zlib.MAX_WBITS)
_DEFLATED = _RAW_DEFLATE.compress(_OK) + _RAW_DEFLATE.flush()
_SPLIT = b"HTTP/1.1 200 OK\r\nContent-Encoding: deflate\r\nContent-Length: %d\r\n\r\n" % len(
    _DEFLATED
)
"""A raw deflate body (no zlib wrapper, as some servers send ``deflate``), sent a byte at a
time by the server below."""


class _Server(HeadRecorder):
    """Answers each path with its bytes above (``/split``: one byte per write); counts the
    requests for each path."""

    def answer(self, conn: socket.socket, target: bytes) -> None:
        if target == b"/split":
            conn.sendall(_SPLIT)
            for i in range(len(_DEFLATED)):
                conn.sendall(_DEFLATED[i : i + 1])
                time.sleep(0.002)
            return
        conn.sendall(_ANSWERS.get(target, answers._PAGE))


@pytest.fixture(scope="module")
def server() -> Iterator[_Server]:
    running = _Server()
    yield running
    running.close()


@pytest.mark.parametrize("path", sorted(p.decode() for p in _ANSWERS))
def test_both_routes_give_the_same_result(server: _Server, tmp_path: Path, path: str) -> None:
    """Each answer, then a plain page on the same host: the same results on both routes."""
    lean = [comparable(r) for r in answers._fetch(server, tmp_path, [path, "/page"])]  # type: ignore[arg-type]
    httpx = [comparable(r) for r in answers._fetch(server, tmp_path, [path, "/page"], lean=False)]  # type: ignore[arg-type]
    assert lean == httpx
    assert (lean[1].outcome, lean[1].text) == (Outcome.OK, "<title>ok</title>")


def test_what_both_routes_agree_on_is_right(server: _Server, tmp_path: Path) -> None:
    """Whitespace the RFC allows in chunk lines reads as a page; a status under 100 and
    trailers or extensions past the bound are protocol errors, not timeouts or pages."""
    for path in ("/chunk-space", "/chunk-ext-bws", "/chunk-ext-odd"):
        result = answers._fetch(server, tmp_path, [path])[0]  # type: ignore[arg-type]
        assert (result.outcome, result.text) == (Outcome.OK, "<title>ok</title>"), path
    for path in ("/status-000", "/status-099", "/trailers", "/extension"):
        result = answers._fetch(server, tmp_path, [path])[0]  # type: ignore[arg-type]
        assert result.outcome is Outcome.PROTOCOL, path


def test_a_raw_deflate_body_in_one_byte_pieces_is_read(server: _Server, tmp_path: Path) -> None:
    """The fallback to raw deflate must not depend on how the body was cut: its first byte
    alone is no zlib error yet (a zlib header is two bytes), and it was then reported as
    "not decoded" where the same body in one piece read."""
    result = answers._fetch(server, tmp_path, ["/split"])[0]  # type: ignore[arg-type]
    assert (result.outcome, result.text, result.error) == (Outcome.OK, "<title>ok</title>", None)


def test_trailers_are_not_kept() -> None:
    """A trailer section is bounded as a head is, and its fields are not held (they are no
    part of the answer the fetcher reads): memory stays small while it comes."""
    reader = h1._Reader()
    reader.feed(_CHUNKED + b"11\r\n" + _OK + b"\r\n0\r\n")
    tracemalloc.start()
    try:
        with pytest.raises(h1.httpcore.RemoteProtocolError, match="Receive buffer too long"):
            for _ in range(1000):
                reader.feed(_TRAILERS * 10)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1_000_000
    assert reader.headers == []


class _Stamping(LoopbackServer):
    """Answers ``/control`` with a head llhttp refuses even mended (a control byte in a value;
    h11 reads it), the rest with a page; notes when each request arrived (the loop's monotonic
    clock)."""

    def __init__(self) -> None:
        super().__init__()
        self.arrived: list[float] = []
        self.start()

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        with conn, contextlib.suppress(OSError):
            for head in request_heads(conn):
                self.arrived.append(time.monotonic())
                path = head.split(b" ")[1]
                conn.sendall(answers._KEPT[b"/control"] if path == b"/control" else answers._PAGE)


def test_the_resend_of_a_refused_head_is_counted_and_waits_its_turn(tmp_path: Path) -> None:
    """The request asked again through h11 is a request like any: counted in ``requests``
    (which proves nothing is fetched twice) and started no earlier than the host's interval
    after the first (it went at once, uncounted: 4 ms apart).  A lower bound only: load makes it
    longer."""
    from checker.config import Config, ConnectTo  # noqa: PLC0415
    from tests.fetch.support import fetch_counting  # noqa: PLC0415

    server = _Stamping()
    try:
        config = Config().with_(
            connect_to=(ConnectTo.parse(f"{answers.HOST}:80:127.0.0.1:{server.port}"),),
            retries=0,
            timeout=5.0,
            interval=1.0,
            report_dir=tmp_path,
            store=None,
        )
        results, requests = fetch_counting(config, [f"http://{answers.HOST}/control"])
    finally:
        server.close()
    assert (results[0].outcome, results[0].text) == (Outcome.OK, "<title>ok</title>")
    assert requests == len(server.arrived) == 2
    # the first request's connection is made after its start, the second's is not: a margin wide
    # enough for a first connection delayed half a second by a loaded machine
    assert server.arrived[1] - server.arrived[0] >= 0.5
