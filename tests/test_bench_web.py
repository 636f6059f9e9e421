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


def _cookie(server: BenchServer, url: str) -> list[str]:
    return [line for line in asyncio.run(_head(server, url)) if line.startswith("Set-Cookie")]


def test_the_session_cookie_is_per_host() -> None:
    """The same on every answer of a host (a server re-setting its session cookie), another on
    another host: a cookie per URL or per request would make every answer change the jar."""
    site = build_site(1, 2, 40, regime="uniform", latency=(0.0, 0.0))
    server = BenchServer(site)
    pages = [resource.url for resource in site.cited if resource.status == 200]
    first = pages[0]
    same = next(url for url in pages if url != first and url.split("/")[2] == first.split("/")[2])
    other = next(url for url in pages if url.split("/")[2] != first.split("/")[2])
    cookie = _cookie(server, first)
    assert len(cookie) == 1
    assert _cookie(server, same) == cookie
    assert _cookie(server, first) == cookie
    assert _cookie(server, other) != cookie


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
