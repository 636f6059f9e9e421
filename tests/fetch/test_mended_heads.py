"""Answer heads that llhttp and h11 both refuse but browsers and curl read (session 22's
leftover, session 23): each was ``unreachable`` (``RemoteProtocolError: illegal status line``),
a false alarm on a live page.  Each is served by a real server on 127.0.0.1 and fetched by the
fetcher through ``--connect-to``; ``heads.py``'s rules are unit-tested below."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.config import Config, ConnectTo
from checker.fetch import HttpFetcher, h1, heads
from checker.model import FetchResult, Outcome
from tests.fetch.tls_server import CannedAnswers

HOST = "mended-heads.example.org"
_OK = b"<title>ok</title>"
_TAIL = b"Content-Type: text/html\r\nContent-Length: 17\r\n\r\n" + _OK

_READ: dict[bytes, bytes] = {
    b"/lower": b"http/1.1 200 ok\r\n" + _TAIL,
    b"/mixed-case": b"Http/1.1 200 OK\r\n" + _TAIL,
    b"/two-spaces": b"HTTP/1.1  200 OK\r\n" + _TAIL,
    b"/tab": b"HTTP/1.1\t200 OK\r\n" + _TAIL,
    b"/version-2": b"HTTP/2 200 OK\r\n" + _TAIL,
    b"/space-before-colon": b"HTTP/1.1 200 OK\r\nContent-Type : text/html\r\n"
    b"Content-Length : 17\r\n\r\n" + _OK,
    b"/no-colon": b"HTTP/1.1 200 OK\r\nX-Powered-By PHP/5.2\r\n" + _TAIL,
    b"/bad-name": b"HTTP/1.1 200 OK\r\nX(y): 1\r\n" + _TAIL,
    b"/lower-bare-lf": b"http/1.0 200 ok\nX-A: one\n two\nContent-Type: text/html\n\n" + _OK,
    b"/twice": b"HTTP/1.1 200 OK\r\nContent-Length: 17\r\nContent-Length : 17\r\n\r\n" + _OK,
    b"/continue": b"http/1.1 100 continue\r\n\r\nhttp/1.1 200 ok\r\n" + _TAIL,
}
"""Heads browsers read: each a 200 with its page."""

_NOT_READ: dict[bytes, bytes] = {
    b"/lower-404": b"http/1.1 404 not found\r\n" + _TAIL,
    b"/conflict": b"HTTP/1.1 200 OK\r\nContent-Length : 17\r\nContent-Length: 3\r\n\r\n" + _OK,
    b"/no-code": b"http/1.1 OK\r\n" + _TAIL,
    b"/not-http": b"SSH-2.0-OpenSSH_9.6\r\n\r\n",
}


@pytest.fixture(scope="module")
def server() -> Iterator[CannedAnswers]:
    running = CannedAnswers({**_READ, **_NOT_READ})
    yield running
    running.close()


def _fetch(server: CannedAnswers, tmp_path: Path, path: str) -> FetchResult:
    """``path`` fetched by a fetcher of its own (an origin once refused goes to h11)."""
    return _fetch_all(server, tmp_path, [path])[0]


def _fetch_all(server: CannedAnswers, tmp_path: Path, paths: list[str]) -> list[FetchResult]:
    """``paths`` fetched one after the other by one fetcher."""
    config = Config().with_(
        connect_to=(ConnectTo.parse(f"{HOST}:80:127.0.0.1:{server.port}"),),
        retries=0,
        timeout=2.0,
        report_dir=tmp_path,
        store=None,
    )

    async def go() -> list[FetchResult]:
        async with HttpFetcher(config, version="test") as fetcher:
            return [await fetcher.get(f"http://{HOST}{path}") for path in paths]

    return asyncio.run(go())


@pytest.mark.parametrize("path", sorted(p.decode() for p in _READ))
def test_a_head_browsers_read_is_read(server: CannedAnswers, tmp_path: Path, path: str) -> None:
    """Read as Chrome, Firefox and curl read it, in one request (not asked again of h11)."""
    server.asked.clear()
    result = _fetch(server, tmp_path, path)
    assert (result.outcome, result.status_code, result.text) == (
        Outcome.OK,
        200,
        "<title>ok</title>",
    )
    assert server.asked == {path: 1}


def test_a_mended_head_keeps_its_status(server: CannedAnswers, tmp_path: Path) -> None:
    """``http/1.1 404 not found`` is a 404 (Chrome's reading), not a 200 nor unreachable."""
    result = _fetch(server, tmp_path, "/lower-404")
    assert (result.outcome, result.status_code) == (Outcome.OK, 404)


@pytest.mark.parametrize("path", ["/conflict", "/no-code", "/not-http"])
def test_an_unreadable_head_stays_a_protocol_failure(
    server: CannedAnswers, tmp_path: Path, path: str
) -> None:
    """Two lengths (RFC 9112 §6.3: the framing is unknown), no status code, no HTTP at all:
    still refused, in the parser's words."""
    result = _fetch(server, tmp_path, path)
    assert result.outcome is Outcome.PROTOCOL
    assert result.error


def test_a_broken_answer_does_not_send_its_host_to_h11(
    server: CannedAnswers, tmp_path: Path
) -> None:
    """One page of a host that is no HTTP answer, or whose lengths disagree, leaves the host's
    other pages on the route that mends heads: they went to h11, which refuses ``http/1.1 200
    ok``, and each was a false ``unreachable`` (seen through the CLI, session 23)."""
    results = _fetch_all(server, tmp_path, ["/not-http", "/conflict", "/lower", "/no-colon"])
    assert [r.outcome for r in results] == [Outcome.PROTOCOL] * 2 + [Outcome.OK] * 2


def test_mend_rewrites_what_browsers_tolerate() -> None:
    head = (
        b"\r\nhttp/1.1\t 301   moved\x01 permanently\n"
        b"Location : /new\r\n"
        b"X-Folded: one\r\n\t two \r\n"
        b"junk without colon\r\n"
        b"X[bad]: 1\r\n"
        b"Content-Length: 0, 0\r\n"
        b"content-length: 0\r\n\r\n"
    )
    assert heads.mend(head) == (
        b"HTTP/1.1 301 moved permanently\r\n"
        b"Location: /new\r\n"
        b"X-Folded: one two\r\n"
        b"Content-Length: 0\r\n\r\n"
    )


@pytest.mark.parametrize(
    ("line", "version"),
    [
        (b"HTTP/1.1 200", b"1.1"),
        (b"HTTP/1.0 200 OK", b"1.0"),
        (b"HTTP/2 200 OK", b"1.0"),
        (b"HTTP/1.2 200 OK", b"1.1"),
        (b"HTTP/0.9 200 OK", b"1.0"),
    ],
)
def test_a_version_other_than_1_1_is_read_as_1_0(line: bytes, version: bytes) -> None:
    mended = heads.mend(line + b"\r\n\r\n")
    assert mended is not None
    assert mended.startswith(b"HTTP/" + version + b" 200")


@pytest.mark.parametrize(
    "line", [b"HTTP/1.1 2000 OK", b"HTTP/1.1 OK", b"HTTPS/1.1 200 OK", b"HTTP/x.1 200", b"200 OK"]
)
def test_a_status_line_that_is_none_is_not_mended(line: bytes) -> None:
    assert heads.mend(line + b"\r\n\r\n") is None


def test_conflicting_lengths_stay_as_they_came() -> None:
    mended = heads.mend(b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n")
    assert mended == b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n"


def test_head_end_resumes_where_it_stopped() -> None:
    data = b"http/1.1 200 ok\nA: b\r\n\r\nbody"
    end, resume = None, 0
    for size in range(1, len(data) + 1):
        end, resume = heads.head_end(data[:size], resume)
        if end is not None:
            break
    assert data[end:] == b"body"
    assert heads.head_end(b"\r\n\r\nHTTP/1.1 200 OK\n\n") == (21, 21)


def test_a_refused_head_is_bounded_as_any() -> None:
    """A refused head without end is cut at the head bound, not gathered forever; 1xx heads
    mended one after another count toward it too."""
    reader = h1._Reader()
    reader.feed(b"http/1.1 200 ok\r\n")
    with pytest.raises(h1.httpcore.RemoteProtocolError, match="Receive buffer too long"):
        for _ in range(200):
            reader.feed(b"X-Long: " + b"a" * 1000 + b"\r\n")
    reader = h1._Reader()
    with pytest.raises(h1.httpcore.RemoteProtocolError, match="Receive buffer too long"):
        for _ in range(200):
            reader.feed(b"http/1.1 100 continue\r\n\r\n" * 50)
