"""Probe 23b of the heads mended and read again (``fetch/heads.py``, ``h1._Reader._gather``):
a refused head is gathered as it comes and looked at again at each arrival, so no look may cost
what came before it; chunks frame a mended head's body beside a length, as h11 reads a strict
one; a refused head is asked again of h11 once.  Served by a real server on 127.0.0.1
(``--connect-to``), fetched by the fetcher (the mended heads' tests' own)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.fetch import h1, heads
from checker.model import Outcome
from tests.fetch.test_mended_heads import _fetch_all as fetch_all
from tests.fetch.tls_server import CannedAnswers

_OK = b"<title>ok</title>"
_CHUNKED = (
    b"Transfer-Encoding: chunked\r\nContent-Length: 17\r\n\r\n11\r\n" + _OK + b"\r\n0\r\n\r\n"
)
_ANSWERS = {
    b"/chunked-and-length": b"http/1.1 200 ok\r\n" + _CHUNKED,
    b"/chunked-and-length-strict": b"HTTP/1.1 200 OK\r\n" + _CHUNKED,
    b"/conflict": b"http/1.1 200 ok\r\nContent-Length: 17\r\nContent-Length: 3\r\n\r\n" + _OK,
    b"/not-http": b"SSH-2.0-OpenSSH_9.6\r\n\r\n",
}


@pytest.fixture
def server() -> Iterator[CannedAnswers]:
    running = CannedAnswers(_ANSWERS)
    yield running
    running.close()


@pytest.mark.parametrize("path", ["/chunked-and-length", "/chunked-and-length-strict"])
def test_chunks_frame_a_body_beside_a_length(
    server: CannedAnswers, tmp_path: Path, path: str
) -> None:
    """``Transfer-Encoding: chunked`` with a ``Content-Length`` (RFC 9112 §6.3: the chunks
    frame the body; h11 read it so with a strict status line): with ``http/1.1 200 ok`` the
    mended head kept both, llhttp refused it and the page was a false ``unreachable``."""
    (result,) = fetch_all(server, tmp_path, [path])
    assert (result.outcome, result.status_code, result.text) == (
        Outcome.OK,
        200,
        "<title>ok</title>",
    )


@pytest.mark.parametrize("path", ["/conflict", "/not-http"])
def test_a_refused_answer_is_asked_again_once(
    server: CannedAnswers, tmp_path: Path, path: str
) -> None:
    """A head refused on the lean route is asked again of h11 once: its origin stays on the
    lean route (session 23), and the second asking went there first, then to h11: three
    requests for one page, each a hit on a server that answers oddly (probe 23b)."""
    (result,) = fetch_all(server, tmp_path, [path])
    assert result.outcome is Outcome.PROTOCOL
    assert server.asked == {path: 2}


def _cpu_to_read(blank_lines: int, trickled: int) -> float:
    """The thread's CPU to read a refused head (``http/1.1``: llhttp wants ``HTTP``) after
    ``blank_lines`` empty lines, its last ``trickled`` bytes one arrival each (best of 3)."""
    best = float("inf")
    for _ in range(3):
        reader = h1._Reader()
        started = time.thread_time()
        reader.feed(b"\r\n" * blank_lines + b"http/1.1 200 ok\r\nX-Pad: ")
        for _ in range(trickled):
            reader.feed(b"x")
        reader.feed(b"\r\nContent-Length: 2\r\n\r\nok")
        best = min(best, time.thread_time() - started)
        assert (reader.head is not None, reader.done, b"".join(reader.body)) == (True, True, b"ok")
    return best


def test_blank_lines_before_a_trickled_head_cost_once() -> None:
    """12 KB of empty lines before a head sent a byte at a time: each arrival skipped them all
    again (18 KB after 20 KB cost ~120 s of CPU, probe 23b); now a few times the CPU of the same
    head without them, whatever the machine's load (the thread's CPU, not the wall clock)."""
    _cpu_to_read(0, 200)  # warm up
    without = _cpu_to_read(0, 3000)
    with_blank = _cpu_to_read(6000, 3000)
    assert with_blank < 5 * without + 0.05


def test_dropping_blank_lines_keeps_the_head() -> None:
    data = bytearray(b"\r\n\n\rhttp/1.1 200 ok\r\n\r\n")
    assert heads.drop_blank_lines(data) == 4
    assert data == b"http/1.1 200 ok\r\n\r\n"
    assert heads.drop_blank_lines(data) == 0
    assert heads.head_end(data) == (19, 19)
