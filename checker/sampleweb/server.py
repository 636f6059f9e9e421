"""A local copy of "the web": HTTP and HTTPS servers on 127.0.0.1 answering for any hostname.

citecheck must never reach the internet in tests or in ``citecheck demo``, yet it must check cited
URLs exactly as written.  The fetch engine therefore keeps the URL, the Host header and TLS SNI of
the original and only reroutes the TCP connection, curl-style (``--connect-to``).  This module is
the other end of that connection: a :class:`Web` is a routing table of virtual hosts keyed by the
URL as cited, and :class:`SampleWeb` serves it on one plain-HTTP and one HTTPS listener whose
certificates are issued on demand by :mod:`checker.sampleweb.ca` for whatever name the client asks.

Routing rules:

- A route is one exact URL including its query (the fragment is ignored).  Paths are compared in
  their percent-encoded form, so a route added as ``/search/label/ウクライナ`` also answers a
  browser's ``/search/label/%E3%82%A6…`` and the other way round.  Hostnames are case-insensitive
  and the port is ignored (the connect-to rules decide which listener a request reaches).
- A route answers on both listeners unless the same host and path has its own route for the other
  scheme; so ``http://x/`` may redirect to ``https://x/`` while ``https://x/`` serves the page.
- A known host (one with a route or a :meth:`Web.fallback`) answers an unknown path with its
  fallback, else with a realistic 404 page.
- An unknown host answers ``421 Misdirected Request``.  A name that does not resolve cannot be
  simulated over an already-routed TCP connection: tests that want "name not resolved" should cite
  a host under ``.invalid`` (RFC 2606) and give no connect-to rule for it.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import socket
import struct
import tempfile
import threading
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, ClassVar, Literal, Self
from urllib.parse import urlsplit

from checker.sampleweb.ca import CertificateAuthority

if TYPE_CHECKING:
    import ssl

__all__ = [
    "Handler",
    "Request",
    "Response",
    "SampleWeb",
    "Web",
    "canonical_target",
]

_LOOPBACK = "127.0.0.1"
_DEFAULT_PORTS = {"http": 80, "https": 443}
_POLL_INTERVAL = 0.05
_IDLE_TIMEOUT = 30.0
_MAX_REQUEST_BODY = 1 << 20
_PERCENT_ESCAPE = re.compile(rb"%[0-9a-fA-F]{2}")
_SERVER_NAME = "sampleweb"

_NOT_FOUND_HTML = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>404 Not Found</title></head>
<body>
<center><h1>404 Not Found</h1></center>
<hr><center>nginx</center>
</body>
</html>
"""

_MISDIRECTED_TEXT = (
    "421 Misdirected Request: the sample web has no host named {host!r}.\n"
    "Add a route or a fallback for it to the Web, or, to test a name that does not resolve,\n"
    "cite a host under .invalid and give it no connect-to rule.\n"
)


@dataclass(frozen=True, slots=True)
class Request:
    """One request as a route handler sees it.

    ``path`` is the request target exactly as the client sent it (path and query); ``host`` is the
    lower-cased Host header without its port.
    """

    method: str
    scheme: str
    host: str
    path: str
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""

    @property
    def url(self) -> str:
        """The absolute URL the client asked for, path in canonical percent-encoded form."""
        return f"{self.scheme}://{self.host}{canonical_target(self.path)}"

    def header(self, name: str, default: str | None = None) -> str | None:
        """The first header called ``name`` (case-insensitive), or ``default``."""
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), default)


@dataclass(frozen=True, slots=True)
class Response:
    """A canned answer.  ``Content-Length`` is always computed; ``delay`` is waited first.

    Three options for fault injection: ``reset`` sends the headers and half the body, then resets
    the connection (TCP RST); ``stream`` (an iterable of chunks, made fresh per request by a
    :data:`Handler`) is sent after ``body`` with no ``Content-Length``, the end of the body being
    the end of the connection, so a handler can send a huge or a trickling body without holding it;
    ``unfinished`` sends the whole ``body`` and closes the connection before the end its head
    announced: ``"length"`` with a ``Content-Length`` longer than the body, ``"chunked"`` as one
    chunk without the last (empty) chunk.
    """

    status: int = 200
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    delay: float = 0.0
    reset: bool = False
    stream: Iterable[bytes] | None = None
    unfinished: Literal["length", "chunked"] | None = None


Handler = Callable[[Request], Response]
"""A route computed per request, e.g. to count calls or to answer differently each time."""

_Route = Response | Handler


def canonical_target(target: str) -> str:
    """The request target in the form routes are compared: non-ASCII bytes percent-encoded.

    Escapes keep their meaning (``%2F`` stays distinct from ``/``); only their hex digits are
    upper-cased, so ``%e3`` and ``%E3`` match.

    >>> canonical_target("/search/label/ウクライナ?x=1")
    '/search/label/%E3%82%A6%E3%82%AF%E3%83%A9%E3%82%A4%E3%83%8A?x=1'
    """
    raw = target.encode("utf-8")
    raw = _PERCENT_ESCAPE.sub(lambda match: match.group(0).upper(), raw)
    encoded = "".join(chr(byte) if 0x21 <= byte < 0x7F else f"%{byte:02X}" for byte in raw)
    return encoded or "/"


def _split_url(url: str) -> tuple[str, str, str]:
    """``(scheme, host, canonical target)`` of an absolute http(s) URL, fragment dropped."""
    parts = urlsplit(url)
    if parts.scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"sample web routes need an absolute http(s) URL, got {url!r}")
    target = parts.path or "/"
    if parts.query:
        target = f"{target}?{parts.query}"
    return parts.scheme, parts.hostname.lower(), canonical_target(target)


def _host_only(host_header: str) -> str:
    """The Host header without its port, lower-cased (IPv6 literals keep their brackets)."""
    host = host_header.strip().lower()
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if ":" in host else host


@dataclass(slots=True)
class Web:
    """The routing table of the sample web: virtual hosts, their pages and their fallbacks.

    Mutable while being built; :class:`SampleWeb` freezes it when it starts serving, so that a
    request never races a change.
    """

    _routes: dict[tuple[str, str, str], _Route] = field(default_factory=dict)
    _fallbacks: dict[str, _Route] = field(default_factory=dict)
    _frozen: bool = False

    def add(self, url: str, response: Response | Handler) -> None:
        """Answer ``url`` (exact, including the query) with ``response``."""
        self._check_mutable()
        self._routes[_split_url(url)] = response

    def page(
        self,
        url: str,
        html: str,
        *,
        status: int = 200,
        charset: str = "utf-8",
        headers: Iterable[tuple[str, str]] = (),
    ) -> None:
        """Answer ``url`` with an HTML page encoded in ``charset``."""
        content_type = ("Content-Type", f"text/html; charset={charset}")
        self.add(url, Response(status, (content_type, *headers), html.encode(charset)))

    def sitemap(self, url: str, pages: Iterable[str]) -> None:
        """Answer ``url`` with a sitemap (sitemaps.org ``urlset``) listing ``pages``."""
        locs = "".join(f"<url><loc>{page}</loc></url>" for page in pages)
        body = (
            '<?xml version="1.0" encoding="utf-8"?>'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
        )
        self.add(url, Response(200, (("Content-Type", "application/xml"),), body.encode()))

    def redirect(self, url: str, to: str, status: int = 301) -> None:
        """Answer ``url`` with a redirect to ``to`` (absolute or relative)."""
        body = f'<html><body>Moved to <a href="{to}">{to}</a></body></html>\n'
        headers = (("Location", to), ("Content-Type", "text/html; charset=utf-8"))
        self.add(url, Response(status, headers, body.encode("utf-8")))

    def fallback(self, host: str, response: Response | Handler) -> None:
        """Answer any path on ``host`` that has no route of its own with ``response``."""
        self._check_mutable()
        self._fallbacks[host.lower()] = response

    @property
    def hosts(self) -> frozenset[str]:
        """Every host the web answers for."""
        return frozenset(host for _, host, _ in self._routes) | frozenset(self._fallbacks)

    def freeze(self) -> None:
        """Refuse further changes (called by :class:`SampleWeb` when it starts)."""
        self._frozen = True

    def respond(self, request: Request) -> Response:
        """The response for ``request``, following the routing rules of the module docstring."""
        route = self._route_for(request)
        if route is None:
            return _misdirected(request.host)
        return route if isinstance(route, Response) else route(request)

    def _route_for(self, request: Request) -> _Route | None:
        target = canonical_target(request.path)
        other_scheme = "http" if request.scheme == "https" else "https"
        for scheme in (request.scheme, other_scheme):
            route = self._routes.get((scheme, request.host, target))
            if route is not None:
                return route
        if request.host in self._fallbacks:
            return self._fallbacks[request.host]
        if request.host in self.hosts:
            return _not_found()
        return None

    def _check_mutable(self) -> None:
        if self._frozen:
            raise RuntimeError("the sample web is already being served; add routes before start")


def _not_found() -> Response:
    headers = (("Content-Type", "text/html; charset=utf-8"),)
    return Response(404, headers, _NOT_FOUND_HTML.encode("utf-8"))


def _misdirected(host: str) -> Response:
    headers = (("Content-Type", "text/plain; charset=utf-8"),)
    return Response(421, headers, _MISDIRECTED_TEXT.format(host=host).encode("utf-8"))


def _server_error(exc: BaseException) -> Response:
    text = "500 Internal Server Error: a sample web handler failed.\n\n" + "".join(
        traceback.format_exception(exc)
    )
    return Response(500, (("Content-Type", "text/plain; charset=utf-8"),), text.encode("utf-8"))


class _Server(ThreadingHTTPServer):
    """One listener: daemon handler threads, joined on close, live connections tracked."""

    daemon_threads = True
    block_on_close = True
    request_queue_size = 128
    """socketserver's default backlog is 5: a run that opens many connections at once (a killed
    worker's citations checked again together) had connects wait for a SYN retry a second
    later, which a short connect timeout turned into false ``unreachable`` verdicts."""

    def __init__(self, site: SampleWeb, scheme: str, tls: ssl.SSLContext | None) -> None:
        self.site = site
        self.scheme = scheme
        self.tls = tls
        self.connections: set[socket.socket] = set()
        self.connections_lock = threading.Lock()
        super().__init__((_LOOPBACK, 0), _RequestHandler)

    def handle_error(self, request: object, client_address: object) -> None:
        """Stay quiet about clients that hang up or fail the handshake; that is normal here."""

    def close_connections(self) -> None:
        """Shut down every open connection so idle keep-alive threads finish at once."""
        with self.connections_lock:
            for connection in self.connections:
                with contextlib.suppress(OSError):
                    socket.socket.shutdown(connection, socket.SHUT_RDWR)


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = _SERVER_NAME
    timeout = _IDLE_TIMEOUT
    server: _Server
    _raw: socket.socket

    def setup(self) -> None:
        self._raw = self.request
        if self.server.tls is not None:
            self._raw.settimeout(_IDLE_TIMEOUT)
            self.request = self.server.tls.wrap_socket(self._raw, server_side=True)
        with self.server.connections_lock:
            self.server.connections.add(self.request)
        super().setup()

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            with self.server.connections_lock:
                self.server.connections.discard(self.request)
            if self.request is not self._raw:
                self.request.close()

    def do_GET(self) -> None:
        self._answer()

    def do_HEAD(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def do_PUT(self) -> None:
        self._answer()

    def do_DELETE(self) -> None:
        self._answer()

    def do_OPTIONS(self) -> None:
        self._answer()

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output clean; the request log lives in :attr:`SampleWeb.requests`."""

    def _answer(self) -> None:
        request = self._request()
        self.server.site._record(request)
        try:
            response = self.server.site.web.respond(request)
        except Exception as exc:  # a broken test handler must not kill the connection
            response = _server_error(exc)
        if response.delay > 0 and self.server.site._stopping.wait(response.delay):
            self.close_connection = True
            return
        try:
            self._send(response, include_body=request.method != "HEAD")
        except OSError:
            self.close_connection = True

    def _request(self) -> Request:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(min(length, _MAX_REQUEST_BODY)) if length > 0 else b""
        host_header = self.headers.get("Host") or _LOOPBACK
        # http.server decodes the request line as Latin-1; undo that to recover raw UTF-8 bytes.
        target = self.path.encode("latin-1").decode("utf-8", errors="surrogateescape")
        return Request(
            method=self.command,
            scheme=self.server.scheme,
            host=_host_only(host_header),
            path=target,
            headers=tuple(self.headers.items()),
            body=body,
        )

    def _send(self, response: Response, *, include_body: bool) -> None:
        self.send_response_only(response.status)
        names = {name.lower() for name, _ in response.headers}
        if "date" not in names:
            self.send_header("Date", formatdate(usegmt=True))
        if "server" not in names:
            self.send_header("Server", _SERVER_NAME)
        for name, value in response.headers:
            if name.lower() != "content-length":
                self.send_header(name, value)
        if response.unfinished is not None:
            self._send_unfinished(response)
            return
        if response.stream is None:
            self.send_header("Content-Length", str(len(response.body)))
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if response.reset:
            self._reset(response.body[: len(response.body) // 2])
            return
        if include_body and response.body:
            self.wfile.write(response.body)
        for chunk in response.stream if include_body and response.stream is not None else ():
            if self.server.site._stopping.is_set():
                break
            self.wfile.write(chunk)
        self.wfile.flush()

    def _send_unfinished(self, response: Response) -> None:
        """Send ``response.body`` under a head promising more (``Response.unfinished``), then
        close the connection (a FIN, not a reset): a server cut off mid-answer."""
        body = response.body
        if response.unfinished == "length":
            self.send_header("Content-Length", str(len(body) + 1024))
        else:
            self.send_header("Transfer-Encoding", "chunked")
            body = f"{len(body):x}\r\n".encode() + body + b"\r\n"
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
        self.close_connection = True

    def _reset(self, head: bytes) -> None:
        """Send ``head`` of the body, then abort the connection with a TCP reset."""
        self.wfile.write(head)
        self.wfile.flush()
        self.request.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.request.close()
        self.close_connection = True


class SampleWeb:
    """Serves a :class:`Web` on 127.0.0.1 over HTTP and HTTPS for as long as the context lasts.

    >>> with SampleWeb(web) as site:                                    # doctest: +SKIP
    ...     check(url, connect_to=site.connect_to(), cacert=site.ca_path)
    """

    _SCHEMES: ClassVar[tuple[str, str]] = ("http", "https")

    def __init__(self, web: Web) -> None:
        self.web = web
        self.ca = CertificateAuthority()
        self._servers: dict[str, _Server] = {}
        self._threads: list[threading.Thread] = []
        self._tmpdir: Path | None = None
        self._stopping = threading.Event()
        self._log_lock = threading.Lock()
        self._log: list[tuple[str, str]] = []

    # -- lifecycle ---------------------------------------------------------------------------

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> None:
        """Freeze the web, write the CA file and start both listeners."""
        if self._servers:
            raise RuntimeError("the sample web is already running")
        self.web.freeze()
        self._stopping.clear()
        self._tmpdir = Path(tempfile.mkdtemp(prefix="citecheck-sampleweb-"))
        self.ca.write_pem(self._tmpdir / "ca.pem")
        for scheme in self._SCHEMES:
            tls = self.ca.server_context() if scheme == "https" else None
            server = _Server(self, scheme, tls)
            thread = threading.Thread(
                target=server.serve_forever,
                kwargs={"poll_interval": _POLL_INTERVAL},
                name=f"sampleweb-{scheme}",
                daemon=True,
            )
            self._servers[scheme] = server
            self._threads.append(thread)
            thread.start()

    def stop(self) -> None:
        """Stop both listeners, close open connections, join every thread, remove the CA file."""
        self._stopping.set()
        for server in self._servers.values():
            server.shutdown()
        for thread in self._threads:
            thread.join()
        for server in self._servers.values():
            server.close_connections()
            server.server_close()
        self._servers.clear()
        self._threads.clear()
        if self._tmpdir is not None:
            shutil.rmtree(self._tmpdir, ignore_errors=True)
            self._tmpdir = None

    # -- what clients need -------------------------------------------------------------------

    @property
    def http_port(self) -> int:
        """The port of the plain-HTTP listener."""
        return self._port("http")

    @property
    def https_port(self) -> int:
        """The port of the HTTPS listener."""
        return self._port("https")

    @property
    def ca_path(self) -> Path:
        """The PEM file of the CA to trust (``--cacert``); removed when the web stops."""
        if self._tmpdir is None:
            raise RuntimeError("the sample web is not running")
        return self._tmpdir / "ca.pem"

    def connect_to(self) -> tuple[str, ...]:
        """curl-style ``--connect-to`` rules sending every host's port 80 and 443 here."""
        return (f":80:{_LOOPBACK}:{self.http_port}", f":443:{_LOOPBACK}:{self.https_port}")

    # -- the request log ---------------------------------------------------------------------

    @property
    def requests(self) -> list[tuple[str, str]]:
        """A copy of the ``(method, url)`` pairs served so far, oldest first."""
        with self._log_lock:
            return list(self._log)

    def count(self, url: str, method: str | None = None) -> int:
        """How many requests for ``url`` (either form of its path) were served, by ``method``."""
        scheme, host, target = _split_url(url)
        wanted = f"{scheme}://{host}{target}"
        return sum(
            1
            for logged_method, logged_url in self.requests
            if logged_url == wanted and (method is None or logged_method == method.upper())
        )

    def _record(self, request: Request) -> None:
        with self._log_lock:
            self._log.append((request.method, request.url))

    def _port(self, scheme: str) -> int:
        server = self._servers.get(scheme)
        if server is None:
            raise RuntimeError("the sample web is not running")
        return int(server.server_address[1])
