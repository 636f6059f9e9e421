"""The bench web answers with a real server's header set, so every tool benched pays for
reading what users' servers send (session 34): three lines made a checked URL look cheaper
than it is, most of all where an answer sets a cookie."""

from __future__ import annotations

import asyncio

import pytest

from bench.site import build_site
from bench.web import BenchServer


async def _head(server: BenchServer, target: str) -> list[str]:
    listener = await asyncio.start_server(server.handle, "127.0.0.1", 0)
    port = listener.sockets[0].getsockname()[1]
    async with listener:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        head = await reader.readuntil(b"\r\n\r\n")
        writer.close()
        await writer.wait_closed()
    return head.decode("latin-1").split("\r\n")[:-2]


def _names(lines: list[str]) -> list[str]:
    return [line.partition(":")[0] for line in lines[1:]]


@pytest.fixture(scope="module")
def urls() -> dict[int, str]:
    site = build_site(1, 2, 40, regime="uniform", latency=(0.0, 0.0))
    by_status = {resource.status: resource.url for resource in site.cited}
    return {200: by_status[200], 404: "http://" + site.hosts[0] + "/no/such/page.html"}


def test_a_page_comes_with_a_real_servers_twelve_headers(urls: dict[int, str]) -> None:
    server = BenchServer(build_site(1, 2, 40, regime="uniform", latency=(0.0, 0.0)))
    lines = asyncio.run(_head(server, urls[200]))
    assert lines[0] == "HTTP/1.1 200 OK"
    assert _names(lines) == [
        "Date",
        "Server",
        "Content-Type",
        "Content-Length",
        "Connection",
        "Vary",
        "Set-Cookie",
        "X-Content-Type-Options",
        "Last-Modified",
        "ETag",
        "Accept-Ranges",
        "Cache-Control",
    ]
    again = asyncio.run(_head(server, urls[200]))
    cookie = [line for line in lines if line.startswith("Set-Cookie")]
    assert cookie == [line for line in again if line.startswith("Set-Cookie")]  # per host


def test_a_missing_page_comes_without_validators(urls: dict[int, str]) -> None:
    server = BenchServer(build_site(1, 2, 40, regime="uniform", latency=(0.0, 0.0)))
    names = _names(asyncio.run(_head(server, urls[404])))
    assert "Set-Cookie" in names and "Date" in names
    assert "ETag" not in names and "Last-Modified" not in names
    assert len(names) == 8


def test_the_minimal_set_is_the_one_before_session_34(urls: dict[int, str]) -> None:
    server = BenchServer(
        build_site(1, 2, 40, regime="uniform", latency=(0.0, 0.0)), headers="minimal"
    )
    names = _names(asyncio.run(_head(server, urls[200])))
    assert names == ["Content-Type", "Content-Length", "Connection"]
