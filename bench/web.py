"""One lean asyncio HTTP/1.1 server that is the whole synthetic web and its forward proxy.

Every tool is pointed at it the same way: ``HTTP_PROXY=http://127.0.0.1:PORT``, plain ``http://``
URLs.  A proxied request arrives in absolute form (``GET http://host/path HTTP/1.1``); the server
dispatches on its host to the virtual host, sleeps the resource's latency, and answers.  Thousands
of slow responses in flight are thousands of sleeping coroutines, nothing more.

The server counts every request per URL, so the runner can read requests made and duplicates
from ``GET /__stats`` (origin form, no host) and clear them with ``GET /__reset``.

The Wayback Machine (``archive.org``, ``web.archive.org``) is served too, for the archive
variants of issue 19: citecheck asks it over HTTPS, so with ``--ca-file`` a second, TLS listener
(certificates from ``checker.sampleweb.ca``, the CA written to that file) answers it, reached with
``--connect-to archive.org:443:127.0.0.1:TLSPORT``.  ``GET /__archive/MODE`` sets how it answers:
``down`` (502 to everything), ``slow`` (nothing archived, after 1 s), ``healthy`` (nothing
archived, at once).  Its requests are counted apart (``archive`` in ``/__stats``).

Every answer carries the header set a real server sends (``--headers realistic``, the default:
:data:`HEADER_SETS`), so each tool pays for reading what users' servers send, not three lines;
``--headers minimal`` is the old set (Content-Type, Content-Length, Connection; Location on a
redirect), for comparing with the measurements made before session 34.

Run: ``python -m bench.web --seed 1 --hosts 400 --urls 20000 --port 0`` (prints ``PORT n``, then
``TLSPORT m`` with ``--ca-file``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import zlib
from collections import Counter
from email.utils import formatdate
from pathlib import Path
from urllib.parse import urlsplit

from bench.site import REGIMES, Site, build_site, render_article, render_small
from checker.sampleweb.ca import CertificateAuthority

__all__ = ["HEADER_SETS", "BenchServer", "main"]

HEADER_SETS = ("realistic", "minimal")
"""``realistic``: what an nginx or CDN front of a CMS sends with a page (12 headers on a 200,
8 on a 404 or 5xx, 9 on a redirect): Date, Server, Content-Type, Content-Length, Connection,
Vary, a per-host session ``Set-Cookie`` (the same on every answer, as a server re-setting its
session cookie), X-Content-Type-Options; a 200 adds Last-Modified, a per-URL ETag,
Accept-Ranges and Cache-Control.  ``minimal``: Content-Type, Content-Length, Connection."""

_SERVER = "nginx/1.24.0"
_LAST_MODIFIED = "Mon, 06 Nov 2023 09:14:27 GMT"

_REASONS = {
    200: "OK",
    301: "Moved Permanently",
    302: "Found",
    404: "Not Found",
    410: "Gone",
    500: "Internal Server Error",
    502: "Bad Gateway",
}
_NOT_FOUND = (
    b"<!DOCTYPE html><html><head><title>404 Not Found</title></head><body>Not found</body></html>"
)
_ERROR = b"<!DOCTYPE html><html><head><title>500</title></head><body>Server error</body></html>"
_BLOG_LATENCY = 0.005
_ARCHIVE_HOSTS = frozenset({"archive.org", "web.archive.org"})
_ARCHIVE_MODES = ("down", "slow", "healthy")
_SLOW_ARCHIVE = 1.0


class BenchServer:
    """The virtual hosts of ``site`` plus request accounting."""

    def __init__(self, site: Site, headers: str = "realistic") -> None:
        self._site = site
        self._realistic = headers == "realistic"
        self._hosts = frozenset(site.hosts)
        self.counts: Counter[str] = Counter()
        self.archive_mode = "down"
        self.archive_requests = 0

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
        out = [f"HTTP/1.1 {status} {_REASONS.get(status, 'OK')}"]
        if self._realistic:
            out += _front_headers()
        out += (f"{k}: {v}" for k, v in extra)
        out.append(f"Content-Length: {len(body)}")
        out.append("Connection: keep-alive" if keep_alive else "Connection: close")
        if self._realistic:
            host = urlsplit(target).hostname or headers.get("host", "").split(":", maxsplit=1)[0]
            out += _back_headers(status, host.lower(), target, len(body))
        writer.write(("\r\n".join(out) + "\r\n\r\n").encode("latin-1"))
        if method != "HEAD":
            writer.write(body)
        return keep_alive

    def _control(self, target: str) -> bytes:
        if target.startswith("/__reset"):
            self.counts.clear()
            self.archive_requests = 0
            return b"{}"
        if target.startswith("/__archive/"):
            mode = target.removeprefix("/__archive/")
            if mode in _ARCHIVE_MODES:
                self.archive_mode = mode
            return json.dumps({"archive": self.archive_mode}).encode()
        return json.dumps({"counts": dict(self.counts), "archive": self.archive_requests}).encode()

    async def _archive(self, host: str) -> tuple[int, list[tuple[str, str]], bytes]:
        """The Wayback Machine in the current mode: down, slow or healthy, never archiving."""
        self.archive_requests += 1
        if self.archive_mode == "down":
            return 502, [("Content-Type", "text/html")], b"<html>Bad Gateway</html>"
        if self.archive_mode == "slow":
            await asyncio.sleep(_SLOW_ARCHIVE)
        body = b"{}" if host == "archive.org" else b"[]"
        return 200, [("Content-Type", "application/json")], body

    async def _serve(
        self, method: str, target: str, host_header: str
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        parts = urlsplit(target)
        host = (parts.hostname or host_header.split(":", maxsplit=1)[0]).lower()
        if host in _ARCHIVE_HOSTS:
            return await self._archive(host)
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
            page = render_small if self._site.small_pages else render_article
            return 200, html, page(resource)
        return resource.status, html, _ERROR if resource.status >= 500 else _NOT_FOUND


def _front_headers() -> list[str]:
    """The realistic set's lines before the body's own (Date, Server), as nginx orders them."""
    return [f"Date: {formatdate(usegmt=True)}", f"Server: {_SERVER}"]


def _back_headers(status: int, host: str, target: str, length: int) -> list[str]:
    """The realistic set's lines after Connection: the session cookie (per host: the same on
    every answer of a host), Vary and nosniff on every answer; a 200's validators (a per-URL
    ETag, a fixed Last-Modified), Accept-Ranges and Cache-Control."""
    lines = [
        "Vary: Accept-Encoding",
        f"Set-Cookie: sid={zlib.crc32(host.encode()):08x}; Path=/; HttpOnly; SameSite=Lax",
        "X-Content-Type-Options: nosniff",
    ]
    if status == 200:
        lines += [
            f"Last-Modified: {_LAST_MODIFIED}",
            f'ETag: "{zlib.crc32(target.encode()):08x}-{length:x}"',
            "Accept-Ranges: bytes",
            "Cache-Control: max-age=600, must-revalidate",
        ]
    return lines


async def _serve_forever(site: Site, port: int, ca_file: Path | None, headers: str) -> None:
    server = BenchServer(site, headers)
    listener = await asyncio.start_server(
        server.handle, "127.0.0.1", port, backlog=4096, limit=65536
    )
    bound = listener.sockets[0].getsockname()[1]
    print(f"PORT {bound}", flush=True)
    if ca_file is not None:
        ca = CertificateAuthority()
        ca.write_pem(ca_file)
        secure = await asyncio.start_server(
            server.handle, "127.0.0.1", 0, ssl=ca.server_context(), backlog=1024
        )
        print(f"TLSPORT {secure.sockets[0].getsockname()[1]}", flush=True)
    async with listener:
        await listener.serve_forever()


def main(argv: list[str] | None = None) -> None:
    """Serve the seeded web until killed."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hosts", type=int, default=400)
    parser.add_argument("--urls", type=int, default=20000)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--regime", choices=REGIMES, default="zipf")
    parser.add_argument("--ca-file", type=Path, help="serve the archive over TLS; CA PEM here")
    parser.add_argument(
        "--headers", choices=HEADER_SETS, default="realistic", help="the answers' header set"
    )
    args = parser.parse_args(argv)
    site = build_site(args.seed, args.hosts, args.urls, regime=args.regime)
    asyncio.run(_serve_forever(site, args.port, args.ca_file, args.headers))


if __name__ == "__main__":
    main()
