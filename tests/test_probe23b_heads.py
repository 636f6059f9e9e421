"""Probe 23b of the heads mended and read again (``fetch/heads.py``, ``h1._Reader._gather``): a
refused head is gathered as it comes and looked at again at each arrival, so no look may cost
what came before it."""

from __future__ import annotations

import time

from checker.fetch import h1, heads


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
