"""An answer's copies in the fetcher's in-run cache (issue 19): the same values, made without
``dataclasses.replace``.

Every answer is copied at least once after it is fetched: without its text once its last
reader has it (``client._served``), and a long text's answer is shelved without it and given
back with it to a later reader.  ``replace`` ran the frozen class's generated ``__init__`` for
each (~15-20 µs an answer); the fetcher copies by the slots' setters instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from checker.config import Config, ConnectTo
from checker.fetch import HttpFetcher, client
from checker.model import FetchResult, Outcome
from tests.fetch.tls_server import LoopbackServer, request_heads

HOST = "copies.example.org"
LONG = b"<title>long</title>" + b"<p>words</p>" * 800  # past the shelf's threshold: packed
SHORT = b"<title>short</title>"


def _answer(body: bytes) -> bytes:
    head = (
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
        "Set-Cookie: session=1\r\nX-Served-By: cache-7\r\nContent-Language: en\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


class _Pages(LoopbackServer):
    """``/long`` and ``/short``, kept alive."""

    def __init__(self) -> None:
        super().__init__()
        self.start()

    def _serve(self, conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):
            for head in request_heads(conn):
                path = head.split(b" ")[1]
                conn.sendall(_answer(LONG if path == b"/long" else SHORT))


@pytest.fixture(scope="module")
def server() -> Iterator[_Pages]:
    running = _Pages()
    yield running
    running.close()


def test_answers_are_copied_into_the_cache_without_dataclasses_replace(
    server: _Pages, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = Config().with_(
        connect_to=(ConnectTo.parse(f"{HOST}:80:127.0.0.1:{server.port}"),),
        retries=0,
        report_dir=tmp_path,
    )
    copies: list[FetchResult] = []

    def counted(result: FetchResult, /, **changes: Any) -> FetchResult:
        copies.append(result)
        return replace(result, **changes)

    monkeypatch.setattr(client, "replace", counted)
    long_url, short_url = f"http://{HOST}/long", f"http://{HOST}/short"

    async def go() -> tuple[FetchResult, ...]:
        async with HttpFetcher(config, version="test") as fetcher:
            first_long, first_short = await asyncio.gather(
                fetcher.get(long_url), fetcher.get(short_url)
            )
            shelved_long = await fetcher.get(long_url)  # its text back from the shelf
            fetcher.drop_text(long_url)
            fetcher.drop_text(short_url)
            return (
                first_long,
                first_short,
                shelved_long,
                await fetcher.get(long_url),
                await fetcher.get(short_url),
            )

    first_long, first_short, shelved_long, served_long, served_short = asyncio.run(go())
    assert first_long.outcome is Outcome.OK and first_long.text == LONG.decode()
    assert first_short.outcome is Outcome.OK and first_short.text == SHORT.decode()
    assert shelved_long == first_long
    kept = {"content-type": "text/html; charset=utf-8", "content-language": "en"}
    for served, first in ((served_long, first_long), (served_short, first_short)):
        assert served == replace(first, text=None, headers=kept)
        assert served.elapsed == first.elapsed and served.final_url == first.final_url
        with pytest.raises(AttributeError):  # still frozen
            served.text = "x"  # type: ignore[misc]
    assert copies == []  # the base copied each through replace (5 copies here)
