"""HTTP/1.1 GETs on llhttp and asyncio's transports, without httpcore's pool in between.

httpx's own transport hands every request to httpcore's connection pool, which for each request
takes anyio locks and semaphores (a cancel scope, ``sniffio`` and a checkpoint per acquire),
walks its connections twice, builds trace objects and revalidates every header; with h11's own
work that was ~1 ms of CPU per request of the ~1.3 ms a check's fetch costs, where h11 on asyncio
alone needs ~0.3 ms (``python -m bench.transports``, issue 19).  One host's pool here
(``fetch/pools.py`` makes one per host) is a list of idle connections, each one
``streams.py`` connection and one answer reader (:class:`_Reader`).

Answers are read by llhttp (``httptools``, C), not h11: h11's event processing was ~30 % of a
request's CPU (bench/README.md, session 17).  Requests are written as h11 writes them, their
headers checked by h11's own check once per distinct list.  Where llhttp refuses a head that
h11 would read, the request goes to httpcore's pool (h11) instead (:class:`_Refused`), so
nothing h11 read becomes a false alarm; any other method than GET goes there too.

Over TLS the server picks the protocol (ALPN, offered as httpcore offers it: ``http/1.1`` and,
with HTTP/2 on, ``h2``), and only after the handshake: so an ``https://`` connection is made
here, and one on which the server chose ``h2`` is handed, handshake done, to httpcore's own
HTTP/2 connection in this transport's pool; that origin's later requests go to the pool
directly (HTTP/2 multiplexes them on that connection).  HTTP/1.1 over TLS, and TLS servers that
choose nothing, stay here.  Requests through a proxy's CONNECT tunnel, and through a TLS proxy,
stay with httpcore.  Connections are made by the same network backend (``--connect-to``, the
address check on the connected peer) and the same TLS context (``--cacert``) and server name as
httpcore's, timeouts are httpx's per-request ones, and failures are httpcore's exceptions,
translated to httpx's by httpx's own mapping, so the fetcher sees exactly the errors it saw
before.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import AsyncIterator, Callable
from typing import Any, NoReturn

import h11
import httpcore
import httptools
import httpx
from h11._abnf import request_target
from h11._headers import normalize_and_validate
from httpx._transports.default import map_httpcore_exceptions

from checker.fetch import heads
from checker.fetch.streams import Stream

__all__ = ["Answer", "H1Transport", "Resend", "Target", "simple_target"]

_MAX_ASKED_AGAIN = 256
"""Refused requests remembered for their second asking (``H1Transport._asked_again``)."""
_MAX_INCOMPLETE = 100 * 1024
"""Largest status line and headers accepted (httpcore's bound, so the same servers pass)."""
_READ_SIZE = 64 * 1024
_HEADS = 16
"""Distinct request header lists whose written form one host's transport keeps (``_head``)."""
_TARGET = re.compile(request_target.encode("ascii"))
"""A request target h11 would send (visible ASCII)."""


_DEFAULT_PORTS = {b"http": 80, b"https": 443}
_GET = (b"GET", "GET")
"""The one method taken here: any other (``HEAD``, whose answer has no body whatever its
headers say) goes to httpcore's pool."""

Origin = tuple[bytes, int]
"""Scheme and port: what a connection of one host's transport is for."""


_SIMPLE_URL = re.compile(
    r"(https?)://([a-z0-9-]+(?:\.[a-z0-9-]+)*)(?::([0-9]{1,5}))?"
    r"(/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*)?(?:\?([A-Za-z0-9\-._~!$&'()*+,;=:@%/?]*))?"
)
"""A URL ``httpx.URL`` would leave as it is (see :func:`simple_target`): lower-case scheme and
host name, no user, a port in digits, path and query of characters httpx never escapes."""
_NUMERIC_HOST = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+")
_SIMPLE_LENGTH = 8192


class Target:
    """A URL as its request needs it, for a URL ``httpx.URL`` would not change: the same
    ``raw_scheme``, ``raw_host``, ``port`` (None for the scheme's default), ``raw_path``
    (path and query), ``netloc`` (the ``Host`` header), ``host`` and ``userinfo`` as httpx's
    parse gives, without it: httpx checks every character of a URL in Python (a generator per
    URL), ~7 % of a plain GET's CPU (issue 19).  :meth:`parsed` is httpx's, for the routes
    that need one (``httpx.Request``)."""

    __slots__ = ("host", "netloc", "port", "raw_host", "raw_path", "raw_scheme", "text")

    userinfo = b""

    def __init__(
        self, text: str, scheme: str, host: str, port: int | None, path: str, query: str | None
    ) -> None:
        self.text = text
        self.raw_scheme = scheme.encode("ascii")
        self.host = host
        self.raw_host = host.encode("ascii")
        self.port = port
        self.netloc = self.raw_host if port is None else b"%s:%d" % (self.raw_host, port)
        target = path or "/"
        self.raw_path = (target if query is None else f"{target}?{query}").encode("ascii")

    def parsed(self) -> httpx.URL:
        """The URL as httpx parses it (the same request, for the routes through httpx)."""
        return httpx.URL(self.text)

    def __str__(self) -> str:
        return self.text


def simple_target(url: str) -> Target | None:
    """``url`` as a :class:`Target` when httpx's parse would leave it unchanged, else None
    (the caller parses it with httpx): no character to escape, no dot segment to drop, no
    upper case to lower, no IP address or IDNA name to check, no user, no fragment."""
    if len(url) > _SIMPLE_LENGTH:
        return None
    match = _SIMPLE_URL.fullmatch(url)
    if match is None:
        return None
    scheme, host, port, path, query = match.groups()
    if "xn--" in host or _NUMERIC_HOST.fullmatch(host):
        return None
    if path and "/." in path and any(part in (".", "..") for part in path.split("/")):
        return None
    number = None if port is None else int(port)
    if number == _DEFAULT_PORTS[scheme.encode("ascii")]:
        number = None
    return Target(url, scheme, host, number, path, query)


class _Conn:
    """One kept-alive HTTP/1.1 connection: its stream, its answers' reader, and its origin."""

    __slots__ = ("origin", "reader", "stream")

    def __init__(self, stream: httpcore.AsyncNetworkStream, origin: Origin) -> None:
        assert isinstance(stream, Stream)  # the pool's backend is ``streams.AsyncioBackend``
        self.stream = stream
        self.origin = origin
        self.reader = _Reader()

    def reusable(self) -> bool:
        """Idle with nothing received: the server has neither hung up nor broken protocol."""
        return not self.stream.heard()


class H1Transport(httpx.AsyncHTTPTransport):
    """httpx's transport for one host, with HTTP/1.1 GETs sent here directly.

    ``http://`` requests, and ``https://`` ones whose server chose HTTP/1.1, use the pool's own
    network backend and TLS context, so they connect exactly where and how it would; origins
    whose server chose HTTP/2, and requests through a CONNECT tunnel or a TLS proxy, go to
    httpcore's pool.
    """

    def __init__(self, *, keep: int, **options: Any) -> None:
        super().__init__(**options)
        self._keep = keep
        self._idle: dict[Origin, list[_Conn]] = {}
        self._h2: set[Origin] = set()
        """Origins whose server chose HTTP/2: their requests go to httpcore's pool."""
        self._refused: set[Origin] = set()
        """Origins that sent a head llhttp refuses: their requests go to httpcore's pool, where
        h11 reads them as it always did (see :class:`_Refused`)."""
        self._h1: set[Origin] = set()
        """TLS origins whose server chose HTTP/1.1 (or nothing): their requests stay here."""
        self._asked_again: set[tuple[Origin, bytes, bytes]] = set()
        """Requests (origin, host, target) whose head was refused here but not for their whole
        origin (``_Refused.lasting``): asked again, through :meth:`handle_async_request`, they
        go to httpcore's pool at once.  Tried here again first, each such page was requested
        three times, not two (probe 23b)."""
        self._probes: dict[Origin, asyncio.Future[None]] = {}
        """TLS origins whose first handshake is under way: the others wait for its protocol."""
        self._forward: _Forward | None = None
        self._heads: dict[tuple[tuple[bytes, bytes], ...], bytes] = {}
        """Header lists already checked, as written on the wire (see :meth:`_head`)."""
        self._lean = True
        self._tls = True
        pool = self._pool
        self._alpn = ["http/1.1", "h2"] if pool._http2 else ["http/1.1"]
        if isinstance(pool, httpcore.AsyncHTTPProxy):
            # a plain-HTTP forward proxy: the request goes to it with the absolute URL as target
            # (as httpcore's forwarding connection sends it); a TLS proxy stays with httpcore,
            # and so does TLS through any proxy (a CONNECT tunnel)
            proxy = pool._proxy_url
            self._lean = proxy.scheme == b"http"
            self._tls = False
            self._forward = _Forward(
                proxy.host.decode("ascii"), proxy.port or 80, list(pool._proxy_headers)
            )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        answer = None
        origin = self._origin(url.raw_scheme, url.port)
        again = origin is not None and (origin, url.raw_host, url.raw_path) in self._asked_again
        if again:
            self._asked_again.discard((origin, url.raw_host, url.raw_path))
        elif origin is not None:
            with contextlib.suppress(Resend):  # httpx's callers: sent again below, as before
                answer = await self.exchange(
                    url.raw_scheme,
                    url.raw_host,
                    url.port,
                    url.raw_path,
                    request.headers.raw,
                    request.extensions.get("timeout", {}),
                    method=request.method,
                    content=await _content(request),
                    server_name=request.extensions.get("sni_hostname"),
                )
        if answer is None:
            return await super().handle_async_request(request)
        return httpx.Response(
            answer.status_code,
            headers=answer.head.headers,
            stream=answer,
            extensions={
                "http_version": b"HTTP/" + answer.head.http_version,
                "reason_phrase": answer.reason,
                "network_stream": answer.stream,
            },
        )

    def _origin(self, scheme: bytes, port: int | None) -> Origin | None:
        """The origin a request to ``scheme`` and ``port`` is for, if it goes on this route: not
        when its server chose HTTP/2, nor through a TLS proxy or a CONNECT tunnel."""
        if self._lean if scheme == b"http" else scheme == b"https" and self._tls:
            origin = (scheme, port or _DEFAULT_PORTS[scheme])
            if origin not in self._h2 and origin not in self._refused:
                return origin
        return None

    async def exchange(
        self,
        scheme: bytes,
        host: bytes,
        port: int | None,
        target: bytes,
        headers: list[tuple[bytes, bytes]],
        timeouts: dict[str, float | None],
        *,
        method: str | bytes = b"GET",
        content: list[bytes] | None = None,
        server_name: str | None = None,
        deadline: float | None = None,
    ) -> Answer | None:
        """One GET on this route, its answer's head read and its body not yet: the fetcher's GET
        (``client.HttpFetcher._send``) without an ``httpx.Request`` or ``httpx.Response``, and
        httpx's requests through :meth:`handle_async_request`.  None when this transport does
        not take the request (an origin whose server chose HTTP/2, TLS through a proxy):
        the caller sends it through httpcore's pool; :class:`Resend` when it was sent and its
        answer's head refused (:class:`_Refused`): the caller sends it there again.
        ``target`` is the URL's path and query: a forward proxy is sent the whole URL instead,
        and its own headers.

        ``deadline`` (the loop's clock) bounds every wait of the request and of its answer's
        body, as :func:`asyncio.timeout_at` around them would, raising ``TimeoutError`` (
        ``streams.DeadlineError`` from a read or write): the fetcher's budget per URL, kept
        by the reads' own alarm rather than a timeout context per request (issue 19).
        """
        origin = self._origin(scheme, port)
        if origin is None or method not in _GET or content:
            return None
        asked = (origin, host, target)
        forward = self._forward
        if forward is not None:
            target = _absolute(scheme, host, port, target)
            headers = forward.headers(headers)
        try:
            idle = self._idle.get(origin)
            conn = idle.pop() if idle else None  # the common case, without a coroutine
            if conn is None or not conn.reusable():
                if conn is not None:
                    await conn.stream.aclose()
                async with asyncio.timeout_at(deadline):  # connections are few: a context each
                    conn = await self._connection(host, origin, timeouts, server_name)
                if conn is None:
                    return None
            read = timeouts.get("read")
            stream = conn.stream
            reader = conn.reader
            try:  # the request written, its answer's head read: inline, no coroutines of their own
                try:
                    data = self._head(method, target, headers)
                except h11.LocalProtocolError as exc:  # as httpcore's HTTP/1.1 connection maps it
                    raise httpcore.LocalProtocolError(str(exc)) from exc
                await stream.write(data, timeouts.get("write"), deadline=deadline)
                while reader.head is None:
                    data = await stream.read(_READ_SIZE, read, deadline=deadline)
                    if data:
                        reader.feed(data)
                    else:
                        reader.closed()
            except BaseException:  # the connection is closed if either fails
                await stream.aclose()
                raise
            return Answer(self, conn, reader.head, read, deadline)
        except _Refused as refused:
            if refused.lasting:
                self._refused.add(origin)
            else:
                if len(self._asked_again) >= _MAX_ASKED_AGAIN:  # (each is taken back at once)
                    self._asked_again.clear()
                self._asked_again.add(asked)
            raise Resend from None
        except Exception as exc:  # re-raised, mapped as httpx maps it
            self._failed(exc)

    def _failed(self, exc: Exception) -> NoReturn:
        """Raise a failure of :meth:`exchange` as httpx's transport would (:func:`_raise_mapped`);
        a proxy's transport names an unreachable proxy here (``connect_to``): a hook, not a
        wrapping coroutine around every request (issue 19)."""
        _raise_mapped(exc)

    async def aclose(self) -> None:
        idle, self._idle = self._idle, {}
        for conns in idle.values():
            for conn in conns:
                await conn.stream.aclose()
        if self._pool.connections:  # HTTP/2, refused heads, proxies: httpcore's own
            # Only then: closing httpcore's pool, even empty, opens an anyio cancel scope, and
            # with it imports anyio's whole asyncio backend, which nothing else here needs
            # (issue 19: ~95 M instructions, callgrind).
            await super().aclose()

    async def _connection(
        self,
        host: bytes,
        origin: Origin,
        timeouts: dict[str, float | None],
        server_name: str | None,
    ) -> _Conn | None:
        """An idle connection to ``origin`` that is still good, or a new one; None when the
        new one's server chose HTTP/2 (it is then in httpcore's pool, for this request too)."""
        idle = self._idle.get(origin)
        while idle:
            conn = idle.pop()
            if conn.reusable():
                return conn
            await conn.stream.aclose()
        if origin[0] == b"https" and origin not in self._h1:
            return await self._probed(host, origin, timeouts, server_name)
        return await self._connect(host, origin, timeouts, server_name)

    async def _probed(
        self,
        host: bytes,
        origin: Origin,
        timeouts: dict[str, float | None],
        server_name: str | None,
    ) -> _Conn | None:
        """A new TLS connection to an origin whose protocol is not known yet.

        The first one's handshake tells it (ALPN); requests arriving meanwhile wait for it, as
        httpcore's pool has them wait, so a server that chooses HTTP/2 gets one connection,
        not one per request in flight.  If that handshake fails, each makes its own.
        """
        probe = self._probes.get(origin)
        if probe is not None:
            await asyncio.shield(probe)
            if origin in self._h2:
                return None
            return await self._connect(host, origin, timeouts, server_name)
        self._probes[origin] = asyncio.get_running_loop().create_future()
        try:
            conn = await self._connect(host, origin, timeouts, server_name)
            if conn is not None:
                self._h1.add(origin)
            return conn
        finally:
            self._probes.pop(origin).set_result(None)

    async def _connect(
        self,
        host: bytes,
        origin: Origin,
        timeouts: dict[str, float | None],
        server_name: str | None,
    ) -> _Conn | None:
        """A new connection to ``origin``; None when its server chose HTTP/2 (see
        :meth:`_connection`)."""
        if self._forward is not None:
            address, port = self._forward.host, self._forward.port
        else:
            address, port = host.decode("ascii"), origin[1]
        backend = self._pool._network_backend
        assert backend is not None
        stream = await backend.connect_tcp(address, port, timeout=timeouts.get("connect"))
        if origin[0] == b"https":
            name = server_name or host.decode("ascii")
            stream = await self._start_tls(stream, name, timeouts.get("connect"))
            ssl_object = stream.get_extra_info("ssl_object")
            if ssl_object is not None and ssl_object.selected_alpn_protocol() == "h2":
                self._adopt_h2(stream, host, origin)
                return None
        return _Conn(stream, origin)

    async def _start_tls(
        self, stream: httpcore.AsyncNetworkStream, name: str, timeout: float | None
    ) -> httpcore.AsyncNetworkStream:
        """TLS as httpcore's connection starts it: the pool's context, ALPN, the URL's name."""
        context = self._pool._ssl_context
        assert context is not None  # httpx always gives its pool one
        context.set_alpn_protocols(self._alpn)  # as httpcore does, on the same shared context
        return await stream.start_tls(context, server_hostname=name, timeout=timeout)

    def _adopt_h2(self, stream: httpcore.AsyncNetworkStream, host: bytes, origin: Origin) -> None:
        """Give a connection whose server chose HTTP/2 to httpcore's pool, as the pool's own
        connection would have been after its handshake; that origin's requests go there now."""
        self._h2.add(origin)
        pool = self._pool
        where = httpcore.Origin(origin[0], host, origin[1])
        connection = httpcore.AsyncHTTPConnection(
            origin=where,
            ssl_context=pool._ssl_context,
            keepalive_expiry=pool._keepalive_expiry,
            http1=pool._http1,
            http2=pool._http2,
            network_backend=pool._network_backend,
        )
        # The module itself, not httpcore's name for it: checker.fetch imported httpcore with h2
        # hidden (start-up), so that name is httpcore's stand-in for "h2 is not installed".
        from httpcore._async.http2 import AsyncHTTP2Connection  # noqa: PLC0415

        connection._connection = AsyncHTTP2Connection(
            origin=where, stream=stream, keepalive_expiry=pool._keepalive_expiry
        )
        pool._connections.append(connection)

    def _head(self, method: str | bytes, target: bytes, raw: list[tuple[bytes, bytes]]) -> bytes:
        """The request's head as h11 writes it (``Host`` first, names as given), its headers
        checked and written once per distinct list.

        One host's requests carry the same headers (the run's, and the host's name) but for
        the odd validator or cookie; checking the same list again was ~5 % of a request's CPU
        (issue 19).  A list h11 refuses is not kept: it raises each time, as before.
        """
        if not _TARGET.fullmatch(target):
            raise h11.LocalProtocolError(f"illegal request target {target!r}")
        key = tuple(raw)
        lines = self._heads.get(key)
        if lines is None:
            lines = _header_lines(raw)
            if len(self._heads) >= _HEADS:
                self._heads.clear()
            self._heads[key] = lines
        verb = method.encode("ascii") if isinstance(method, str) else method
        return b"%s %s HTTP/1.1\r\n%s" % (verb, target, lines)

    def _kept(self, conn: _Conn) -> bool:
        """Keep ``conn`` for the next request if the answer ended cleanly and the server
        keeps the connection (True); else the caller closes it.  Not a coroutine: keeping is
        every answer's case, closing the rare.  Bytes received past the answer's end are no
        answer to anything: a connection holding some is not kept."""
        reader = conn.reader
        if reader.keep and not reader.trailing:
            reader.start()
            idle = self._idle.setdefault(conn.origin, [])
            if len(idle) < self._keep and conn.reusable():
                idle.append(conn)
                return True
        return False


def _header_lines(raw: list[tuple[bytes, bytes]]) -> bytes:
    """A request's header lines and the blank line ending them, as h11 writes them: checked
    (raising what ``h11.Request`` would), ``Host`` first, each name as given; a request without
    ``Host`` is refused, as h11 refuses it."""
    checked = normalize_and_validate(raw)
    items = checked._full_items
    if not any(name == b"host" for _, name, _ in items):
        raise h11.LocalProtocolError("Missing mandatory Host: header")
    lines = [b"%s: %s\r\n" % (given, value) for given, name, value in items if name == b"host"]
    lines += [b"%s: %s\r\n" % (given, value) for given, name, value in items if name != b"host"]
    return b"".join(lines) + b"\r\n"


class _Forward:
    """Where a forward proxy is, and the headers it is sent (``Proxy-Authorization``)."""

    __slots__ = ("_headers", "host", "port")

    def __init__(self, host: str, port: int, headers: list[tuple[bytes, bytes]]) -> None:
        self.host = host
        self.port = port
        self._headers = headers

    def headers(self, request: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
        """The proxy's headers, then the request's (which win a name both have, as in
        httpcore's ``merge_headers``)."""
        if not self._headers:
            return request
        named = {name.lower() for name, _ in request}
        return [h for h in self._headers if h[0].lower() not in named] + request


def _absolute(scheme: bytes, host: bytes, port: int | None, path: bytes) -> bytes:
    """The request target a forward proxy is sent: the whole URL."""
    if b":" in host:  # an IPv6 literal
        host = b"[" + host + b"]"
    return scheme + b"://" + host + (b"" if port is None else b":%d" % port) + path


def _raise_mapped(exc: Exception) -> NoReturn:
    """Raise ``exc`` as httpx's transport would: an httpcore exception as its httpx
    counterpart (httpx's own mapping), anything else as it is.  Entered only on a failure:
    the mapping is a generator-based context manager, built per use (issue 19)."""
    with map_httpcore_exceptions():
        raise exc


async def _content(request: httpx.Request) -> list[bytes]:
    """The request's body, in the chunks to send: the bytes httpx already holds (every body
    given as bytes, such as a GET's empty one), else read from its stream."""
    try:
        content = request.content
    except httpx.RequestNotRead:
        stream = request.stream
        assert isinstance(stream, httpx.AsyncByteStream)
        return [chunk async for chunk in stream]
    return [content] if content else []


class _Head:
    """An answer's status line and headers, as the server sent them (names as written,
    values without the whitespace around them)."""

    __slots__ = ("headers", "http_version", "reason", "status_code")

    def __init__(
        self,
        status_code: int,
        reason: bytes,
        http_version: bytes,
        headers: list[tuple[bytes, bytes]],
    ) -> None:
        self.status_code = status_code
        self.reason = reason
        self.http_version = http_version
        self.headers = headers


class _Refused(httpcore.RemoteProtocolError):
    """A head llhttp refuses (or reads otherwise than h11 would: a ``Transfer-Encoding`` other
    than ``chunked``).

    llhttp is stricter than h11 in a few places a real server can reach (a ``Content-Length``
    sent twice with one value, obs-fold, lines ended by a bare LF): refused here, such an
    answer would be a false alarm where the fetcher used to read it.  So the request is asked
    again through httpcore's pool, whose h11 gives the verdict it always gave, and so are that
    origin's later requests (:attr:`H1Transport._refused`) when h11 reads that kind of head
    (``lasting``, see :func:`_refusal`).  Only a head's failure does this: no byte of the body
    has been handed over yet."""

    def __init__(self, reason: str, *, lasting: bool) -> None:
        super().__init__(reason)
        self.lasting = lasting


_H11_READS_HEADS = ("Invalid header value char",)
"""llhttp's refusals of a head (mended or not) that h11 reads: a control byte in a value."""


def _refusal(reason: str, *, body: bool = False) -> _Refused:
    """A :class:`_Refused` for llhttp's ``reason``: ``lasting`` (the origin's later requests
    go to h11 at once) only for the kinds h11 reads (a value's control byte, a chunk line's
    whitespace: ``body``).  Any other refused head is asked again of h11 for its verdict, but
    the origin stays here: one page that is no HTTP answer, or whose lengths disagree, sent
    every other page of its host to h11, which refuses the heads mended here (a false alarm
    per page, session 23)."""
    return _Refused(reason, lasting=body or reason.startswith(_H11_READS_HEADS))


class Resend(Exception):  # noqa: N818  (a signal to the caller, not an error)
    """The request was sent but its answer's head refused (:class:`_Refused`): the caller
    sends it through httpcore's pool, a second request to the server, which politeness must
    count and space as any (``client.HttpFetcher._send``; it went at once, uncounted)."""


class _Stop(Exception):  # noqa: N818  (a signal to the parser, not an error)
    """Raised from a parser callback to stop it: bytes past the answer's end."""


class _Reader:
    """One connection's answers as llhttp (``httptools``) reads them: the head, then the body's
    pieces as they come, with a bound on the head's size.  llhttp's callbacks fill this object;
    nothing here recurses or backtracks on the server's bytes."""

    __slots__ = (
        "_bodied",
        "_first",
        "_gathered",
        "_head_bytes",
        "_mended",
        "_parser",
        "_reason",
        "_refusal",
        "_resume",
        "body",
        "done",
        "head",
        "headers",
        "keep",
        "received",
        "trailing",
        "until_close",
    )

    def __init__(self) -> None:
        self._parser = httptools.HttpResponseParser(self)
        # (Not reset by start: empty again once a head is read, and a connection is kept only
        # after a whole answer.)
        self._first: list[bytes] = []
        """What came of this answer while its head was not read: a refused head is read again
        from it (:meth:`_gather`)."""
        self._gathered: bytearray | None = None
        """A head llhttp refused, while it is gathered to its end (:meth:`_gather`)."""
        self._resume = 0
        self._refusal = ""
        self.start()

    def start(self) -> None:
        """Ready for the next request's answer on the same connection."""
        self.head: _Head | None = None
        self.headers: list[tuple[bytes, bytes]] = []
        self._reason = b""
        self._head_bytes = 0
        self._bodied = False
        self._mended = False
        """Whether this answer's head was read mended (``heads.mend``)."""
        self.body: list[bytes] = []
        self.done = False
        self.trailing = False
        self.received = False
        self.until_close = True
        self.keep = False

    def feed(self, data: bytes) -> None:
        """Parse ``data``; a protocol error raises httpcore's ``RemoteProtocolError``.

        The bytes that are no body (a head, a 1xx flood, a chunk's extension, trailer fields)
        are bounded as h11 bounds an incomplete event (``_MAX_INCOMPLETE``): a feed that
        yields no body counts whole, one that yields some starts the count again, so a server
        cannot make the reader hold or read framing without end (its trailer fields were kept
        until the server stopped: ~730 MB in 2 s, session 17)."""
        self.received = True
        if self._gathered is not None:
            self._gather(data)
            return
        headless = self.head is None
        self._bodied = False
        refused = False
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserError as exc:
            if self.done:  # bytes after the answer's end: no answer to anything
                self.trailing = True
                return
            if self.head is not None or self._mended:
                if self.head is None or (headless and _read_by_h11(exc)):
                    raise _refusal(_reason_of(exc), body=self.head is not None) from exc
                raise httpcore.RemoteProtocolError(_reason_of(exc)) from exc
            self._refusal = _reason_of(exc)
            refused = True
        if refused:  # a refused head: read again, mended, once it has all come
            self._gathered = bytearray().join(self._first) + data
            self._head_bytes = len(self._gathered)
            self._gather(b"")
            return
        if headless:  # kept only while the head is incomplete: most heads come in one piece
            if self.head is None:
                self._first.append(data)
            elif self._first:
                self._first = []
        if self.done:
            return
        if self.head is None or not self._bodied:
            self._head_bytes += len(data)
            if self._head_bytes > _MAX_INCOMPLETE:
                raise httpcore.RemoteProtocolError("Receive buffer too long")
        else:
            self._head_bytes = 0

    def _gather(self, data: bytes) -> None:
        """Gather a head llhttp refused to its end, then read it mended as browsers read it
        (``heads.mend``) by a parser of its own; what follows it is fed as usual.

        A head the rules cannot mend, or that llhttp refuses mended, is :class:`_Refused`
        (h11's verdict, as before); so is an answer that is no HTTP from its first bytes.
        The bytes gathered are bounded as a head's are, 1xx heads before the answer's too.
        """
        gathered = self._gathered
        assert gathered is not None
        gathered += data
        self._head_bytes += len(data)
        while True:
            if gathered and gathered[0] in b"\r\n":  # empty lines before the status line
                self._resume = max(0, self._resume - heads.drop_blank_lines(gathered))
            if heads.not_http(gathered):
                raise _refusal(self._refusal)
            end, self._resume = heads.head_end(gathered, self._resume)
            if end is None:
                if self._head_bytes > _MAX_INCOMPLETE:
                    raise httpcore.RemoteProtocolError("Receive buffer too long")
                return
            mended = heads.mend(bytes(gathered[:end]))
            if mended is None:
                raise _refusal(self._refusal)
            if not self._mended:  # a parser of its own: the first one stopped in the head
                self._mended = True
                self._parser = httptools.HttpResponseParser(self)
                self.headers = []
                self._reason = b""
            try:
                self._parser.feed_data(mended)
            except httptools.HttpParserError as exc:
                raise _refusal(_reason_of(exc)) from exc
            del gathered[:end]
            self._resume = 0
            if self.head is not None:  # the answer's head; what follows is its body
                rest = bytes(gathered)
                self._gathered = None
                self._first = []
                self._head_bytes = 0
                if rest:
                    self.feed(rest)
                return

    def closed(self) -> None:
        """The server closed the connection: the end of a body that runs until then, else an
        answer cut short."""
        if self.head is None:
            raise httpcore.RemoteProtocolError("Server disconnected without sending a response.")
        if not self.until_close:
            raise httpcore.RemoteProtocolError(
                "peer closed connection without sending complete message body"
            )
        self.done = True
        self.keep = False

    # llhttp's callbacks
    def on_message_begin(self) -> None:
        if self.done:
            raise _Stop

    def on_status(self, reason: bytes) -> None:
        self._reason += reason

    def on_header(self, name: bytes, value: bytes) -> None:
        if self.head is None:  # a trailer field is not kept: no part of the answer read
            self.headers.append((name, value.strip(b" \t")))

    def on_headers_complete(self) -> None:
        parser = self._parser
        status = parser.get_status_code()
        if status < 100:  # h11 refuses it (llhttp would wait for an answer after it)
            raise httpcore.RemoteProtocolError(f"status code {status} is no HTTP status")
        if status < 200:  # 1xx: informational, the answer follows
            self.headers = []
            self._reason = b""
            return
        headers = self.headers
        for name, value in headers:
            if len(name) == 17 and name.lower() == b"transfer-encoding":
                if value.lower() != b"chunked":
                    raise httpcore.RemoteProtocolError(
                        "Only Transfer-Encoding: chunked is supported"
                    )
                self.until_close = False
            elif len(name) == 14 and name.lower() == b"content-length":
                self.until_close = False
        self.head = _Head(status, self._reason, parser.get_http_version().encode("ascii"), headers)
        self._head_bytes = 0
        self.headers = []

    def on_body(self, data: bytes) -> None:
        self.body.append(data)
        self._bodied = True

    def on_message_complete(self) -> None:
        head = self.head
        if head is None:  # the end of a 1xx
            return
        self.done = True
        # a mended head's connection is not kept: its server's framing is not to be trusted
        keep = head.http_version == b"1.1" and self._parser.should_keep_alive()
        self.keep = keep and not self._mended


_H11_READS = "Invalid character in chunk"
"""The start of llhttp's errors on a chunk's size or extension line where h11 is lenient:
whitespace after the size or around an extension's ``;`` and ``=`` (RFC 9112's BWS), and any
byte in an extension (h11 skips extensions unread)."""


def _read_by_h11(exc: httptools.HttpParserError) -> bool:
    """Whether h11 might read what llhttp refused in a body's first bytes (see
    :data:`_H11_READS`): the request is then asked again as a refused head's is, in the same
    feed as the head, before any byte of the body was handed over (a server writes the head
    and the first chunk line together; a later chunk refused this way stays an error)."""
    return str(exc).startswith(_H11_READS)


def _reason_of(exc: httptools.HttpParserError) -> str:
    """The message of a parser error, or of the exception a callback raised."""
    cause = exc.__context__
    if isinstance(cause, httpcore.RemoteProtocolError):
        return str(cause)
    return str(exc) or type(exc).__name__


async def _receive(conn: _Conn, timeout: float | None, deadline: float | None) -> None:
    """Read what the server sent next and parse it."""
    data = await conn.stream.read(_READ_SIZE, timeout, deadline=deadline)
    if data:
        conn.reader.feed(data)
    else:
        conn.reader.closed()


class Answer(httpx.AsyncByteStream):
    """A response read by llhttp: its status, reason and headers (names as sent), and its
    body, read from its connection; the connection is released when the body ends.

    What the fetcher reads of an HTTP/1.1 answer, without ``httpx.Response`` and
    ``httpx.Headers`` (issue 19); :meth:`H1Transport.handle_async_request` wraps it in one for
    httpx's callers.  The body is an iterator object, not an async generator: asyncio registers
    every async generator in a weak set (and unregisters it when collected), a few microseconds
    per body.  A body not read to its end is closed by whoever holds the answer (:meth:`aclose`),
    which also tells ``closed`` (``pools.HostPools`` counts its host's answers in flight).
    """

    __slots__ = (
        "_conn",
        "_deadline",
        "_drop",
        "_timeout",
        "_transport",
        "closed",
        "head",
        "stream",
    )

    def __init__(
        self,
        transport: H1Transport,
        conn: _Conn,
        head: _Head,
        timeout: float | None,
        deadline: float | None,
    ) -> None:
        self._transport = transport
        self._conn: _Conn | None = conn
        self._drop: _Conn | None = None
        """A connection read to its end but not kept (:meth:`finish`): :meth:`aclose` closes it."""
        self._timeout = timeout
        self._deadline = deadline
        self.head = head
        self.stream = conn.stream
        self.closed: Callable[[], None] | None = None

    @property
    def status_code(self) -> int:
        return self.head.status_code

    @property
    def reason(self) -> bytes:
        return self.head.reason

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self

    async def __anext__(self) -> bytes:
        conn = self._conn
        if conn is None:
            raise StopAsyncIteration
        reader = conn.reader
        try:
            while not reader.body and not reader.done:
                await _receive(conn, self._timeout, self._deadline)
        except BaseException as exc:
            await self.aclose()
            if isinstance(exc, Exception):
                _raise_mapped(exc)
            raise
        body = reader.body
        if body:
            data = body[0] if len(body) == 1 else b"".join(body)
            body.clear()
            return data
        self._conn = None
        if not self._transport._kept(conn):
            await conn.stream.aclose()
        raise StopAsyncIteration

    def arrived(self) -> bytes | None:
        """The whole body when all of it is in already (a small page comes with its head), as
        the one piece iterating would give, else None; nothing is taken (:meth:`finish` does).

        Iterating such a body cost two coroutine steps and a release through ``aclose`` per
        request (issue 19)."""
        conn = self._conn
        if conn is None or not conn.reader.done:
            return None
        body = conn.reader.body
        if len(body) > 1:
            body[:] = [b"".join(body)]
        return body[0] if body else b""

    def finish(self) -> bool:
        """After :meth:`arrived`: the body is read; the connection goes back to its pool and
        the answer is released now (True), or, when it is not kept, :meth:`aclose` closes it."""
        conn, self._conn = self._conn, None
        assert conn is not None and conn.reader.done
        conn.reader.body.clear()
        if self._transport._kept(conn):
            closed, self.closed = self.closed, None
            if closed is not None:
                closed()
            return True
        self._drop = conn
        return False

    @property
    def settled(self) -> bool:
        """Whether :meth:`aclose` has nothing left to do."""
        return self._conn is None and self._drop is None and self.closed is None

    async def aclose(self) -> None:
        """A body not read to its end leaves the connection unusable: close it."""
        conn, self._conn = self._conn or self._drop, None
        self._drop = None
        try:
            if conn is not None:
                await conn.stream.aclose()
        finally:
            closed, self.closed = self.closed, None
            if closed is not None:
                closed()
