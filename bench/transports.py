"""CPU per request of HTTP client stacks on the same work (issue 19: "measure alternatives").

``python -m bench.transports`` serves the uniform regime (2,000 URLs over 40 hosts, 100 ms per
answer, ~130-byte pages) and GETs every URL once with each stack, at most 128 at once and 4 per
host, connections kept alive per host, each reaching the server directly (``--connect-to``'s
route), body read in full.  It prints CPU seconds (this process: the server is another) and CPU
ms per request, best of ``--rounds``:

- ``fetcher``: citecheck's ``HttpFetcher.get`` (politeness, retries, store off, decoding);
- ``httpx``: one ``httpx.AsyncClient`` with default settings (httpcore on anyio);
- ``httpx-pools``: an ``httpx.AsyncClient`` on citecheck's transport (a pool per host,
  ``fetch/pools.py``; HTTP/1.1, plain or over TLS, on h11 directly, ``fetch/h1.py``; HTTP/2 on
  httpcore; both over asyncio's transports, ``fetch/streams.py``), without the fetcher's layers;
- ``h11``: a minimal HTTP/1.1 client on asyncio streams and h11 (httpx's own parser), no pool
  logic beyond a list of idle connections per host: the floor of a pure-Python stack;
- ``httptools``: the same minimal client with llhttp (``httptools``, C) reading the answers:
  the floor with a C parser;
- ``aiohttp`` (when importable, e.g. ``pip install --target DIR aiohttp`` and
  ``PYTHONPATH=DIR``): ``aiohttp.ClientSession`` with its C parser, a resolver pointing every
  host at the server.

``--tls`` asks the same web over HTTPS (the bench server's TLS listener, HTTP/1.1 by ALPN, a
certificate per server name from ``checker.sampleweb.ca``), every stack verifying against its CA.

Not a test and not a dependency: the numbers decide whether the fetch path changes stack.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import ssl
import tempfile
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import h11
import httptools
import httpx

from bench.run import _env, _Server
from bench.site import build_site
from checker.config import Config, ConnectTo
from checker.fetch import HttpFetcher
from checker.fetch.connect_to import make_ssl_context, make_transport

__all__ = ["main"]

_CONCURRENCY = 128
_PER_HOST = 4


class _Target:
    """Where the stacks send their requests: the port, and over TLS the CA to trust."""

    def __init__(self, port: int, ca_file: Path | None, *, proxy: bool = False) -> None:
        self.port = port
        self.ca_file = ca_file
        self.proxy = proxy
        """Through the server's forward proxy (``HTTP_PROXY``) rather than ``--connect-to``."""

    @property
    def scheme(self) -> str:
        return "http" if self.ca_file is None else "https"

    def config(self) -> Config:
        """citecheck's settings for the stacks built on its fetch package."""
        default = 80 if self.ca_file is None else 443
        return Config().with_(
            concurrency=_CONCURRENCY,
            per_host_concurrency=_PER_HOST,
            archive="off",
            store=None,
            connect_to=()
            if self.proxy
            else (ConnectTo.parse(f":{default}:127.0.0.1:{self.port}"),),
            cacert=self.ca_file,
        )

    def ssl_context(self) -> ssl.SSLContext | None:
        if self.ca_file is None:
            return None
        return ssl.create_default_context(cafile=str(self.ca_file))


async def _bounded(urls: list[str], get: Callable[[str], Awaitable[int]]) -> list[int]:
    """``get`` every URL, at most 128 at once and 4 per host."""
    overall = asyncio.Semaphore(_CONCURRENCY)
    hosts: defaultdict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(_PER_HOST))

    async def one(url: str) -> int:
        async with hosts[urlsplit(url).hostname or ""], overall:
            return await get(url)

    return list(await asyncio.gather(*(one(url) for url in urls)))


async def _fetcher(urls: list[str], target: _Target) -> list[int]:
    async with HttpFetcher(target.config(), version="bench") as fetcher:
        results = await asyncio.gather(*(fetcher.get(url) for url in urls))
    return [r.status_code or 0 for r in results]


async def _httpx(urls: list[str], target: _Target) -> list[int]:
    async with httpx.AsyncClient(
        limits=httpx.Limits(max_connections=_CONCURRENCY, max_keepalive_connections=_CONCURRENCY),
        trust_env=False,
        verify=target.ssl_context() or True,
    ) as client:

        async def get(url: str) -> int:
            parts = urlsplit(url)
            direct = f"{target.scheme}://127.0.0.1:{target.port}{parts.path}"
            response = await client.get(direct, headers={"Host": parts.netloc})
            return response.status_code

        return await _bounded(urls, get)


async def _httpx_pools(urls: list[str], target: _Target) -> list[int]:
    config = target.config()
    transport = make_transport(config, make_ssl_context(config))
    async with httpx.AsyncClient(transport=transport, trust_env=False) as client:

        async def get(url: str) -> int:
            async with client.stream("GET", url) as response:
                await response.aread()
                return response.status_code

        return await _bounded(urls, get)


class _H11Pool:
    """Idle keep-alive connections per host, each an asyncio stream pair with an h11 state."""

    def __init__(self, target: _Target) -> None:
        self._port = target.port
        self._ssl = target.ssl_context()
        self._idle: defaultdict[str, list[tuple[Any, Any, h11.Connection]]] = defaultdict(list)

    async def _connect(self, hostname: str | None) -> tuple[Any, Any]:
        """A new stream pair to the bench web (TLS named for ``hostname`` when the target is)."""
        return await asyncio.open_connection(
            "127.0.0.1", self._port, ssl=self._ssl, server_hostname=hostname if self._ssl else None
        )

    async def get(self, url: str) -> int:
        parts = urlsplit(url)
        host = parts.netloc
        if self._idle[host]:
            reader, writer, conn = self._idle[host].pop()
            conn.start_next_cycle()
        else:
            reader, writer = await self._connect(parts.hostname)
            conn = h11.Connection(h11.CLIENT)
        request = h11.Request(
            method="GET",
            target=parts.path or "/",
            headers=[("Host", host), ("User-Agent", "bench"), ("Accept-Encoding", "gzip")],
        )
        writer.write(conn.send(request) + conn.send(h11.EndOfMessage()))
        status, body = 0, bytearray()
        while True:
            event = conn.next_event()
            if event is h11.NEED_DATA:
                conn.receive_data(await reader.read(65536))
            elif isinstance(event, h11.Response):
                status = event.status_code
            elif isinstance(event, h11.Data):
                body += event.data
            elif isinstance(event, h11.EndOfMessage):
                break
        if conn.our_state is h11.DONE and conn.their_state is h11.DONE:
            self._idle[host].append((reader, writer, conn))
        else:
            writer.close()
        return status

    def close(self) -> None:
        for idle in self._idle.values():
            for _, writer, _ in idle:
                writer.close()


async def _bare(pool: _H11Pool, urls: list[str]) -> list[int]:
    """``urls`` through one of the bare clients' pools, closed after."""
    try:
        return await _bounded(urls, pool.get)
    finally:
        pool.close()
        await asyncio.sleep(0)


async def _h11(urls: list[str], target: _Target) -> list[int]:
    return await _bare(_H11Pool(target), urls)


class _HttptoolsPool(_H11Pool):
    """The same client with llhttp (``httptools``, C) reading the answers instead of h11."""

    async def get(self, url: str) -> int:
        parts = urlsplit(url)
        host = parts.netloc
        if self._idle[host]:
            reader, writer, _ = self._idle[host].pop()
        else:
            reader, writer = await self._connect(parts.hostname)
        writer.write(
            b"GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: bench\r\nAccept-Encoding: gzip\r\n\r\n"
            % ((parts.path or "/").encode(), host.encode())
        )
        answer = _Answer()
        parser = answer.parser = httptools.HttpResponseParser(answer)
        while not answer.done:
            parser.feed_data(await reader.read(65536))
        if answer.keep:
            self._idle[host].append((reader, writer, None))
        else:
            writer.close()
        return parser.get_status_code()


class _Answer:
    """What the bare httptools client keeps of an answer: its body, and whether it ended."""

    def __init__(self) -> None:
        self.body = bytearray()
        self.done = False
        self.keep = False
        self.parser: Any = None

    def on_body(self, data: bytes) -> None:
        self.body += data

    def on_message_complete(self) -> None:
        self.done = True
        self.keep = self.parser.should_keep_alive()  # llhttp forgets it once the answer ends


async def _httptools(urls: list[str], target: _Target) -> list[int]:
    return await _bare(_HttptoolsPool(target), urls)


async def _aiohttp(urls: list[str], target: _Target) -> list[int]:
    import aiohttp  # noqa: PLC0415  (optional: only measured when importable)
    from aiohttp.abc import AbstractResolver  # noqa: PLC0415

    class _Here(AbstractResolver):
        async def resolve(self, host: str, port_: int = 0, family: int = 0) -> list[Any]:
            return [
                {
                    "hostname": host,
                    "host": "127.0.0.1",
                    "port": target.port,
                    "family": 2,
                    "proto": 0,
                    "flags": 0,
                }
            ]

        async def close(self) -> None:
            return None

    connector = aiohttp.TCPConnector(
        limit=_CONCURRENCY, limit_per_host=_PER_HOST, resolver=_Here(), ttl_dns_cache=None
    )
    context = target.ssl_context()
    async with aiohttp.ClientSession(connector=connector, auto_decompress=False) as session:

        async def get(url: str) -> int:
            async with session.get(url, allow_redirects=False, ssl=context or True) as response:
                await response.read()
                return response.status

        return await _bounded(urls, get)


_STACKS: dict[str, Callable[[list[str], _Target], Awaitable[list[int]]]] = {
    "fetcher": _fetcher,
    "httpx": _httpx,
    "httpx-pools": _httpx_pools,
    "h11": _h11,
    "httptools": _httptools,
    "aiohttp": _aiohttp,
}


def main(argv: list[str] | None = None) -> None:
    """Serve, run each stack ``--rounds`` times, print CPU per request."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--stacks", default="fetcher,httpx,httpx-pools,h11,httptools,aiohttp")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--urls", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=40)
    parser.add_argument("--tls", action="store_true", help="ask over HTTPS (HTTP/1.1 by ALPN)")
    parser.add_argument(
        "--proxy",
        action="store_true",
        help="the fetcher through the server's forward proxy (HTTP_PROXY), as bench.run asks",
    )
    args = parser.parse_args(argv)
    site = build_site(1, args.hosts, args.urls, regime="uniform")
    urls = [r.url for r in site.cited]
    server = _Server(1, args.hosts, args.urls, "uniform", Path(tempfile.mkdtemp()) / "ca.pem")
    target = _Target(server.port, None, proxy=args.proxy)
    if args.tls:
        urls = ["https://" + url.removeprefix("http://") for url in urls]
        target = _Target(server.tls_port, server.ca_file)
    os.environ.clear()
    os.environ.update(_env(server.port if args.proxy else None))
    try:
        print(
            f"load average {os.getloadavg()[0]:.1f}; {len(urls)} requests per run"
            f" over {target.scheme}{' through the proxy' if args.proxy else ''}"
        )
        for name in args.stacks.split(","):
            best: tuple[float, float] | None = None
            for _ in range(args.rounds):
                try:
                    started, cpu = time.monotonic(), time.process_time()
                    statuses = asyncio.run(_STACKS[name](urls, target))
                    took = (time.process_time() - cpu, time.monotonic() - started)
                except ImportError as exc:
                    print(f"{name:8} not measured: {exc}")
                    break
                assert sum(1 for s in statuses if s in (200, 404)) == len(urls), name
                best = took if best is None or took < best else best
            if best is not None:
                cpu_s, wall = best
                print(
                    f"{name:8} CPU {cpu_s:5.2f} s  {1000 * cpu_s / len(urls):5.2f} ms/request"
                    f"  (wall {wall:5.2f} s)"
                )
    finally:
        server.stop()


if __name__ == "__main__":
    main()
