"""The fetch path's work per request (issue 19, session 19), counted rather than timed.

A small page arrives with its head: its body is taken whole, without iterating it, and its
connection goes back to its pool; a simple URL is parsed once, by ``h1.simple_target``, with
no ``urlsplit``; a request whose turn is due starts without waiting; a caller of ``get`` waits
on a future of its own (one callback fewer than ``asyncio.shield``), and cancelling it leaves
the shared fetch running.  Every count here was higher before (see each test).
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from checker.config import Config, ConnectTo
from checker.fetch import HttpFetcher, h1
from checker.fetch.politeness import Politeness
from checker.model import FetchResult, Outcome
from tests.cost import loop_callbacks
from tests.fetch.tls_server import LoopbackServer, request_heads

HOST = "cpu.example.org"
TEXT = b"<title>page</title>" + b"x" * 100
PAGE = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s" % (
    len(TEXT),
    TEXT,
)


class _Pages(LoopbackServer):
    """Every GET answered with :data:`PAGE` in one write; ``/slow`` after 0.3 s; kept alive."""

    def __init__(self) -> None:
        super().__init__()
        self.start()

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(10)
        with conn, contextlib.suppress(OSError):
            for head in request_heads(conn):
                if head.split(b" ")[1] == b"/slow":
                    time.sleep(0.3)
                conn.sendall(PAGE)


@pytest.fixture(scope="module")
def server() -> Iterator[_Pages]:
    running = _Pages()
    yield running
    running.close()


def _config(server: _Pages, tmp_path: Path, **options: Any) -> Config:
    return Config().with_(
        connect_to=(ConnectTo.parse(f"{HOST}:80:127.0.0.1:{server.port}"),),
        per_host_concurrency=1,
        retries=0,
        store=None,
        report_dir=tmp_path,
        **options,
    )


def _fetch_in_turn(config: Config, urls: list[str]) -> list[FetchResult]:
    async def go() -> list[FetchResult]:
        async with HttpFetcher(config, version="test") as fetcher:
            return [await fetcher.get(url) for url in urls]

    return asyncio.run(go())


def test_a_small_page_is_taken_whole_and_its_connection_kept(
    server: _Pages, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps = 0
    step = h1.Answer.__anext__

    async def counted(self: h1.Answer) -> bytes:
        nonlocal steps
        steps += 1
        return await step(self)

    monkeypatch.setattr(h1.Answer, "__anext__", counted)
    before = server.connections
    urls = [f"http://{HOST}/p?n={n}" for n in range(20)]
    results = _fetch_in_turn(_config(server, tmp_path), urls)
    assert [r.status_code for r in results] == [200] * 20
    assert all(r.text == TEXT.decode() and not r.truncated for r in results)
    assert steps == 0  # before: two steps of the body's iteration per request
    assert server.connections - before == 1  # one connection, kept for every request


def test_a_small_page_over_the_cap_is_cut_and_its_connection_not_reused(
    server: _Pages, tmp_path: Path
) -> None:
    before = server.connections
    urls = [f"http://{HOST}/cut?n={n}" for n in range(3)]
    results = _fetch_in_turn(_config(server, tmp_path, max_bytes=10), urls)
    cut = [(r.status_code, r.truncated, r.text) for r in results]
    assert cut == [(200, True, "<title>pag")] * 3
    # as when the body is read piece by piece: a body not read to its end closes its connection
    assert server.connections - before == 3


def test_a_simple_url_is_parsed_without_urlsplit(
    server: _Pages, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    splits = 0
    urlsplit = urllib.parse.urlsplit

    def counted(url: str, *args: Any, **kw: Any) -> Any:
        nonlocal splits
        splits += 1
        return urlsplit(url, *args, **kw)

    monkeypatch.setattr("checker.urls.urlsplit", counted)
    urls = [f"http://{HOST}/split?n={n}" for n in range(10)]
    results = _fetch_in_turn(_config(server, tmp_path), urls)
    assert [r.status_code for r in results] == [200] * 10
    assert splits == 0  # before: one per URL (checker.urls.split_url, for the checks)
    # a URL that is not simple is still checked: a port out of range is no request
    bad = _fetch_in_turn(_config(server, tmp_path), [f"http://{HOST}:99999/p"])
    assert bad[0].outcome is Outcome.INVALID_URL
    assert "99999" in (bad[0].error or "")


def test_a_due_turn_starts_without_waiting(
    server: _Pages, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    waits = 0
    wait_turn = Politeness._wait_turn  # type: ignore[attr-defined]

    async def counted(self: Politeness, state: Any) -> None:
        nonlocal waits
        waits += 1
        await wait_turn(self, state)

    monkeypatch.setattr(Politeness, "_wait_turn", counted)
    urls = [f"http://{HOST}/due?n={n}" for n in range(5)]
    assert [r.status_code for r in _fetch_in_turn(_config(server, tmp_path), urls)] == [200] * 5
    assert waits == 0  # before: a coroutine per request, to find the turn due
    # a host's interval still spaces its requests: the second waits for its turn (a second
    # is longer than a loopback request takes even on a crowded machine)
    spaced = _fetch_in_turn(_config(server, tmp_path, interval=1.0), urls[:2])
    assert [r.status_code for r in spaced] == [200] * 2
    assert waits == 1


def test_a_get_schedules_four_callbacks_at_most(
    server: _Pages, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    urls = [f"http://{HOST}/cb?n={n}" for n in range(40)]
    with loop_callbacks() as scheduled:
        results = _fetch_in_turn(_config(server, tmp_path), urls)
    assert [r.status_code for r in results] == [200] * 40
    # the fetch task's step, the answer's read, the answer to the caller, the caller's wake-up:
    # before, asyncio.shield's outer future added one more (5.4 a GET)
    assert scheduled[0] / len(urls) <= 4.5, scheduled[0] / len(urls)


def test_a_cancelled_caller_leaves_the_shared_fetch_to_the_others(
    server: _Pages, tmp_path: Path
) -> None:
    async def go() -> tuple[bool, FetchResult, FetchResult, int]:
        async with HttpFetcher(_config(server, tmp_path), version="test") as fetcher:
            url = f"http://{HOST}/slow"
            first = asyncio.ensure_future(fetcher.get(url))
            second = asyncio.ensure_future(fetcher.get(url))
            await asyncio.sleep(0.05)
            first.cancel()
            result = await second
            again = await fetcher.get(url)  # the in-run answer, not a second request
            with contextlib.suppress(asyncio.CancelledError):
                await first
            return first.cancelled(), result, again, fetcher.requests

    cancelled, result, again, requests = asyncio.run(go())
    assert cancelled
    assert result.status_code == 200 and result.text == TEXT.decode()
    assert again.status_code == 200
    assert requests == 1
