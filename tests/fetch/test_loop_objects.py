"""Fewer event-loop objects per request (issue 19), and every timeout still fires.

A kept-alive connection's reads share one alarm (``streams._Connection.readable_by``) instead
of a timer per read, and a GET on the h11 route is bounded by its URL's deadline inside the
transport instead of an ``asyncio.timeout`` context per request.  The alarm must still cut a
stalled read at its read timeout, and the deadline a stalled answer, on a connection whose
earlier requests armed the alarm long before.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from checker.config import Config, ConnectTo
from checker.fetch import HttpFetcher
from checker.model import FetchResult, Outcome
from tests.cost import loop_callbacks
from tests.fetch.tls_server import LoopbackServer, request_heads

HOST = "loop.example.org"
PAGE = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 15\r\n\r\n<title>p</title"
DRIP = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\n"


class _Stalling(LoopbackServer):
    """``/page`` at once; ``/stall`` never; ``/drip`` a byte every 0.1 s; kept alive."""

    def __init__(self) -> None:
        super().__init__()
        self.start()

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(10)
        with conn, contextlib.suppress(OSError):  # the client hangs up on a stall or drip
            for head in request_heads(conn):
                path = head.split(b" ")[1]
                if path == b"/stall":
                    time.sleep(5)
                    return
                if path == b"/drip":
                    conn.sendall(DRIP)
                    for _ in range(100):
                        time.sleep(0.1)
                        conn.sendall(b"x")
                    continue
                conn.sendall(PAGE)


@pytest.fixture(scope="module")
def server() -> Iterator[_Stalling]:
    running = _Stalling()
    yield running
    running.close()


def _config(server: _Stalling, tmp_path: Path, **options: Any) -> Config:
    return Config().with_(
        connect_to=(ConnectTo.parse(f"{HOST}:80:127.0.0.1:{server.port}"),),
        per_host_concurrency=1,
        retries=0,
        report_dir=tmp_path,
        **options,
    )


def _fetch_all(config: Config, urls: list[str], *, pause: float = 0.0) -> list[FetchResult]:
    """``urls`` one after the other on one fetcher (one kept-alive connection), ``pause``
    seconds before the last."""

    async def go() -> list[FetchResult]:
        async with HttpFetcher(config, version="test") as fetcher:
            results = [await fetcher.get(url) for url in urls[:-1]]
            await asyncio.sleep(pause)
            results.append(await fetcher.get(urls[-1]))
            return results

    return asyncio.run(go())


def test_kept_alive_gets_make_no_timer_or_timeout_context_each(
    server: _Stalling, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    timers = 0
    contexts = 0
    call_at = asyncio.BaseEventLoop.call_at
    timeout_init = asyncio.Timeout.__init__

    def counted_call_at(self: asyncio.BaseEventLoop, *args: Any, **kw: Any) -> Any:
        nonlocal timers
        timers += 1
        return call_at(self, *args, **kw)

    def counted_timeout(self: asyncio.Timeout, *args: Any) -> None:
        nonlocal contexts
        contexts += 1
        timeout_init(self, *args)

    monkeypatch.setattr(asyncio.BaseEventLoop, "call_at", counted_call_at)
    monkeypatch.setattr(asyncio.Timeout, "__init__", counted_timeout)
    urls = [f"http://{HOST}/page?n={n}" for n in range(40)]
    results = _fetch_all(_config(server, tmp_path, timeout=30.0), urls)
    assert [r.status_code for r in results] == [200] * 40
    # the first request's connection (its connect timeout and the URL's deadline) and the
    # one alarm: before, a timer and a timeout context per request (81 and 41)
    assert timers <= 6, timers
    assert contexts <= 3, contexts


def test_a_stalled_read_after_earlier_ones_is_cut_at_its_read_timeout(
    server: _Stalling, tmp_path: Path
) -> None:
    # the alarm was armed by the first GETs for ~0.6 s after them; the stalled read starts
    # 0.3 s later, so the alarm rings before its time and must wait again, not fire early
    urls = [*(f"http://{HOST}/page?n={n}" for n in range(5)), f"http://{HOST}/stall"]
    results = _fetch_all(_config(server, tmp_path, timeout=0.6, total_timeout=4.0), urls, pause=0.3)
    assert [r.status_code for r in results[:5]] == [200] * 5
    stalled = results[-1]
    assert stalled.outcome is Outcome.TIMEOUT
    assert stalled.error == "timed out (ReadTimeout)"
    assert stalled.elapsed >= 0.6  # not the earlier requests' alarm, rung 0.3 s early


def test_a_stall_is_cut_by_the_deadline_when_it_comes_before_the_read_timeout(
    server: _Stalling, tmp_path: Path
) -> None:
    urls = [f"http://{HOST}/page", f"http://{HOST}/stall"]
    results = _fetch_all(_config(server, tmp_path, timeout=3.0, total_timeout=0.5), urls)
    assert results[-1].outcome is Outcome.TIMEOUT
    assert results[-1].error == "total time per URL exceeded"


def test_a_drip_on_a_kept_connection_is_cut_by_the_deadline(
    server: _Stalling, tmp_path: Path
) -> None:
    # every byte comes well within the read timeout: only the URL's deadline ends the body
    urls = [f"http://{HOST}/page", f"http://{HOST}/drip"]
    results = _fetch_all(_config(server, tmp_path, timeout=2.0, total_timeout=0.8), urls)
    assert results[0].status_code == 200
    assert results[-1].outcome is Outcome.TIMEOUT
    assert results[-1].error == "total time per URL exceeded"


def _callbacks_per_get(config: Config, urls: list[str], monkeypatch: pytest.MonkeyPatch) -> float:
    """Callbacks the event loop scheduled (``call_soon``) per URL, fetching ``urls`` in turn."""
    with loop_callbacks() as scheduled:
        results = _fetch_all(config, urls)
    assert [r.status_code for r in results] == [200] * len(urls)
    return scheduled[0] / len(urls)


def test_a_get_schedules_few_callbacks(
    server: _Stalling, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # issue 19: a slot granted at once starts the fetch without a callback, and the fetch's
    # task settles the URL's answer itself: before, 8.4 a GET here, now 5.4
    urls = [f"http://{HOST}/page?n={n}" for n in range(40)]
    per_get = _callbacks_per_get(_config(server, tmp_path, timeout=30.0), urls, monkeypatch)
    assert per_get <= 6.0, per_get


def test_a_fetch_cancelled_before_its_first_step_gives_its_slot_back(
    server: _Stalling, tmp_path: Path
) -> None:
    async def go() -> tuple[int, int]:
        fetcher = HttpFetcher(_config(server, tmp_path), version="test")
        async with fetcher:
            answer = fetcher.result_of(f"http://{HOST}/page")  # granted: its task is made
            assert not answer.done()
        # closed before the loop turned: the task never ran a step of its own
        for _ in range(3):
            await asyncio.sleep(0)  # whatever was scheduled to give it back has run
        politeness = fetcher.politeness
        return politeness.state(HOST).active, politeness._free  # type: ignore[attr-defined]

    active, free = asyncio.run(go())
    assert (active, free) == (0, Config().politeness.concurrency)


def test_a_queued_url_starts_from_the_release_of_its_hosts_slot(
    server: _Stalling, tmp_path: Path
) -> None:
    """URLs queued for one host's only slot: each next one starts from the release of the slot
    it waited for, not from a done-callback of its grant a loop turn later (issue 19: one
    callback and one turn less a queued request; here 7.35 callbacks a GET before, 6.4 now)."""
    urls = [f"http://{HOST}/page?n={n}" for n in range(40)]

    async def go() -> list[FetchResult]:
        async with HttpFetcher(_config(server, tmp_path, timeout=30.0), version="test") as fetcher:
            return await asyncio.gather(*(fetcher.get(url) for url in urls))

    with loop_callbacks() as scheduled:
        results = asyncio.run(go())
    assert [r.status_code for r in results] == [200] * len(urls)
    assert scheduled[0] / len(urls) <= 6.5, scheduled[0] / len(urls)
