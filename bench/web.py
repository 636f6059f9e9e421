"""One lean asyncio HTTP/1.1 server that is the whole synthetic web and its forward proxy.

Every tool is pointed at it the same way: ``HTTP_PROXY=http://127.0.0.1:PORT``, plain ``http://``
URLs.  A proxied request arrives in absolute form (``GET http://host/path HTTP/1.1``); the server
dispatches on its host to the virtual host, sleeps the resource's latency, and answers.  Thousands
of slow responses in flight are thousands of sleeping coroutines, nothing more.

The server counts every request per URL, so the runner can read requests made and duplicates
from ``GET /__stats`` (origin form, no host) and clear them with ``GET /__reset``.

Run: ``python -m bench.web --seed 1 --hosts 400 --urls 20000 --port 0`` (prints ``PORT n``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
from collections import Counter
from urllib.parse import urlsplit

from bench.site import Site, build_site, render_article

__all__ = ["BenchServer", "main"]

_REASONS = {
    200: "OK",
    301: "Moved Permanently",
    302: "Found",
    404: "Not Found",
    410: "Gone",
    500: "Internal Server Error",
}
_NOT_FOUND = (
    b"<!DOCTYPE html><html><head><title>404 Not Found</title></head><body>Not found</body></html>"
)
_ERROR = b"<!DOCTYPE html><html><head><title>500</title></head><body>Server error</body></html>"
_BLOG_LATENCY = 0.005


class BenchServer:
    """The virtual hosts of ``site`` plus request accounting."""

    def __init__(self, site: Site) -> None:
        self._site = site
        self._hosts = frozenset(site.hosts)
        self.counts: Counter[str] = Counter()

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                try:
                    head = await reader.readuntil(b"\r\n\r\n")
                except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
                    return
                keep_alive = await self._answer(head, reader, writer)
                await writer.drain()
                if not keep_alive:
                    return
        except ConnectionError:
            return
        finally:
            writer.close()

    async def _answer(
        self, head: bytes, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> bool:
        lines = head.decode("latin-1").split("\r\n")
        method, target, version = [*lines[0].split(" ", 2), "", ""][:3]
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name:
                headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0") or 0)
        if length:
            await reader.readexactly(length)
        keep_alive = version == "HTTP/1.1" and "close" not in headers.get("connection", "").lower()
        if target.startswith("/__"):
            status, extra, body = 200, [("Content-Type", "application/json")], self._control(target)
        else:
            status, extra, body = await self._serve(method, target, headers.get("host", ""))
        out = [f"HTTP/1.1 {status} {_REASONS.get(status, 'OK')}", *(f"{k}: {v}" for k, v in extra)]
        out.append(f"Content-Length: {len(body)}")
        out.append("Connection: keep-alive" if keep_alive else "Connection: close")
        writer.write(("\r\n".join(out) + "\r\n\r\n").encode("latin-1"))
        if method != "HEAD":
            writer.write(body)
        return keep_alive

    def _control(self, target: str) -> bytes:
        if target.startswith("/__reset"):
            self.counts.clear()
            return b"{}"
        return json.dumps({"counts": dict(self.counts)}).encode()

    async def _serve(
        self, method: str, target: str, host_header: str
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        parts = urlsplit(target)
        host = (parts.hostname or host_header.split(":", maxsplit=1)[0]).lower()
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        self.counts[f"{method} http://{host}{path}"] += 1
        resource = self._site.by_key.get((host, path))
        html = [("Content-Type", "text/html; charset=utf-8")]
        if resource is None:
            await asyncio.sleep(_BLOG_LATENCY if host not in self._hosts else 0.02)
            if host not in self._hosts and host.endswith("blogspot.com"):
                return 200, html, b"<html><head><title>Blog post</title></head><body></body></html>"
            return 404, html, _NOT_FOUND
        await asyncio.sleep(resource.latency)
        if resource.location is not None:
            return resource.status, [*html, ("Location", resource.location)], b""
        if resource.status == 200:
            return 200, html, render_article(resource)
        return resource.status, html, _ERROR if resource.status >= 500 else _NOT_FOUND


async def _serve_forever(site: Site, port: int) -> None:
    server = BenchServer(site)
    listener = await asyncio.start_server(
        server.handle, "127.0.0.1", port, backlog=4096, limit=65536
    )
    bound = listener.sockets[0].getsockname()[1]
    print(f"PORT {bound}", flush=True)
    async with listener:
        await listener.serve_forever()


def main(argv: list[str] | None = None) -> None:
    """Serve the seeded web until killed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hosts", type=int, default=400)
    parser.add_argument("--urls", type=int, default=20000)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    site = build_site(args.seed, args.hosts, args.urls)
    asyncio.run(_serve_forever(site, args.port))


if __name__ == "__main__":
    main()
