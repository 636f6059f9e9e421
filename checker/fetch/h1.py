"""HTTP/1.1 requests on h11 and asyncio's transports, without httpcore's pool in between.

httpx's own transport hands every request to httpcore's connection pool, which for each request
takes anyio locks and semaphores (a cancel scope, ``sniffio`` and a checkpoint per acquire),
walks its connections twice, builds trace objects and revalidates every header; with h11's own
work that was ~1 ms of CPU per request of the ~1.3 ms a check's fetch costs, where h11 on asyncio
alone needs ~0.3 ms (``python -m bench.transports``, issue 19).  One host's pool here
(``fetch/pools.py`` makes one per host) is a list of idle connections, each one
``streams.py`` connection and one ``h11.Connection``.

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
from collections.abc import AsyncIterator
from typing import Any, NoReturn

import h11
import httpcore
import httpx
from h11._headers import normalize_and_validate
from httpx._transports.default import map_httpcore_exceptions

__all__ = ["H1Transport"]

_MAX_INCOMPLETE = 100 * 1024
"""Largest status line and headers accepted (httpcore's bound, so the same servers pass)."""
_READ_SIZE = 64 * 1024
_HEADS = 16
"""Distinct request header lists whose h11 form one host's transport keeps (see ``_head``)."""


_DEFAULT_PORTS = {b"http": 80, b"https": 443}

Origin = tuple[bytes, int]
"""Scheme and port: what a connection of one host's transport is for."""


class _Conn:
    """One kept-alive HTTP/1.1 connection: its stream, its h11 state, and its origin."""

    __slots__ = ("h11", "origin", "stream")

    def __init__(self, stream: httpcore.AsyncNetworkStream, origin: Origin) -> None:
        self.stream = stream
        self.origin = origin
        self.h11 = h11.Connection(h11.CLIENT, max_incomplete_event_size=_MAX_INCOMPLETE)

    def reusable(self) -> bool:
        """Idle with nothing received: the server has neither hung up nor broken protocol."""
        return not self.stream.get_extra_info("is_readable")


class H1Transport(httpx.AsyncHTTPTransport):
    """httpx's transport for one host, with HTTP/1.1 requests sent on h11 directly.

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
        self._h1: set[Origin] = set()
        """TLS origins whose server chose HTTP/1.1 (or nothing): their requests stay here."""
        self._probes: dict[Origin, asyncio.Future[None]] = {}
        """TLS origins whose first handshake is under way: the others wait for its protocol."""
        self._forward: _Forward | None = None
        self._heads: dict[tuple[tuple[bytes, bytes], ...], Any] = {}
        """Header lists already checked by h11, as h11 keeps them (see :meth:`_head`)."""
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
        scheme = url.raw_scheme
        if self._lean if scheme == b"http" else scheme == b"https" and self._tls:
            origin = (scheme, url.port or _DEFAULT_PORTS[scheme])
            if origin not in self._h2:
                try:
                    conn = await self._connection(request, origin)
                    if conn is not None:
                        return await self._send(conn, request)
                except Exception as exc:  # re-raised, mapped as httpx maps it
                    _raise_mapped(exc)
        return await super().handle_async_request(request)

    async def aclose(self) -> None:
        idle, self._idle = self._idle, {}
        for conns in idle.values():
            for conn in conns:
                await conn.stream.aclose()
        await super().aclose()

    async def _connection(self, request: httpx.Request, origin: Origin) -> _Conn | None:
        """An idle connection to ``origin`` that is still good, or a new one; None when the
        new one's server chose HTTP/2 (it is then in httpcore's pool, for this request too)."""
        idle = self._idle.get(origin)
        while idle:
            conn = idle.pop()
            if conn.reusable():
                return conn
            await conn.stream.aclose()
        if origin[0] == b"https" and origin not in self._h1:
            return await self._probed(request, origin)
        return await self._connect(request, origin)

    async def _probed(self, request: httpx.Request, origin: Origin) -> _Conn | None:
        """A new TLS connection to an origin whose protocol is not known yet.

        The first one's handshake tells it (ALPN); requests arriving meanwhile wait for it, as
        httpcore's pool has them wait, so a server that chooses HTTP/2 gets one connection,
        not one per request in flight.  If that handshake fails, each makes its own.
        """
        probe = self._probes.get(origin)
        if probe is not None:
            await asyncio.shield(probe)
            return None if origin in self._h2 else await self._connect(request, origin)
        self._probes[origin] = asyncio.get_running_loop().create_future()
        try:
            conn = await self._connect(request, origin)
            if conn is not None:
                self._h1.add(origin)
            return conn
        finally:
            self._probes.pop(origin).set_result(None)

    async def _connect(self, request: httpx.Request, origin: Origin) -> _Conn | None:
        """A new connection to ``origin``; None when its server chose HTTP/2 (see
        :meth:`_connection`)."""
        timeouts = request.extensions.get("timeout", {})
        url = request.url
        if self._forward is not None:
            host, port = self._forward.host, self._forward.port
        else:
            host, port = url.raw_host.decode("ascii"), origin[1]
        backend = self._pool._network_backend
        assert backend is not None
        stream = await backend.connect_tcp(host, port, timeout=timeouts.get("connect"))
        if origin[0] == b"https":
            stream = await self._start_tls(stream, request, timeouts.get("connect"))
            ssl_object = stream.get_extra_info("ssl_object")
            if ssl_object is not None and ssl_object.selected_alpn_protocol() == "h2":
                self._adopt_h2(stream, url.raw_host, origin)
                return None
        return _Conn(stream, origin)

    async def _start_tls(
        self, stream: httpcore.AsyncNetworkStream, request: httpx.Request, timeout: float | None
    ) -> httpcore.AsyncNetworkStream:
        """TLS as httpcore's connection starts it: the pool's context, ALPN, the URL's name."""
        context = self._pool._ssl_context
        assert context is not None  # httpx always gives its pool one
        context.set_alpn_protocols(self._alpn)  # as httpcore does, on the same shared context
        name = request.extensions.get("sni_hostname") or request.url.raw_host.decode("ascii")
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

    async def _send(self, conn: _Conn, request: httpx.Request) -> httpx.Response:
        timeouts = request.extensions.get("timeout", {})
        try:
            await self._write_request(conn, request, timeouts.get("write"))
            response = await self._read_head(conn, timeouts.get("read"))
        except BaseException:
            await conn.stream.aclose()
            raise
        return httpx.Response(
            response.status_code,
            headers=response.headers.raw_items(),
            stream=_Body(self, conn, timeouts.get("read")),
            extensions={
                "http_version": b"HTTP/1.1",
                "reason_phrase": response.reason,
                "network_stream": conn.stream,
            },
        )

    async def _write_request(
        self, conn: _Conn, request: httpx.Request, timeout: float | None
    ) -> None:
        url = request.url
        raw = request.headers.raw
        if self._forward is None:
            head = h11.Request(method=request.method, target=url.raw_path, headers=self._head(raw))
        else:
            head = h11.Request(
                method=request.method,
                target=_absolute(url),
                headers=self._head(self._forward.headers(raw)),
            )
        with _protocol_errors():
            data = conn.h11.send(head) or b""
        for chunk in await _content(request):
            with _protocol_errors():
                data += conn.h11.send(h11.Data(data=chunk)) or b""
        with _protocol_errors():
            data += conn.h11.send(h11.EndOfMessage()) or b""
        await conn.stream.write(data, timeout)

    def _head(self, raw: list[tuple[bytes, bytes]]) -> Any:
        """``raw`` as h11 checks and lower-cases it for a request, done once per distinct list.

        One host's requests carry the same headers (the run's, and the host's name) but for
        the odd validator or cookie; h11 takes its own ``Headers`` as they are, and checking
        the same list again was ~5 % of a request's CPU (issue 19).  A list h11 refuses is not
        kept: it raises each time, as before.
        """
        key = tuple(raw)
        head = self._heads.get(key)
        if head is None:
            head = normalize_and_validate(raw)  # raising what h11.Request would
            if len(self._heads) >= _HEADS:
                self._heads.clear()
            self._heads[key] = head
        return head

    async def _read_head(self, conn: _Conn, timeout: float | None) -> h11.Response:
        while True:
            event = await _next_event(conn, timeout)
            if isinstance(event, h11.Response):
                return event
            if isinstance(event, h11.InformationalResponse):
                continue
            raise httpcore.RemoteProtocolError("Server disconnected without sending a response.")

    async def _release(self, conn: _Conn) -> None:
        """Keep ``conn`` for the next request if both sides finished cleanly, else close it."""
        state = conn.h11
        if state.our_state is h11.DONE and state.their_state is h11.DONE:
            state.start_next_cycle()
            idle = self._idle.setdefault(conn.origin, [])
            if len(idle) < self._keep and conn.reusable():
                idle.append(conn)
                return
        await conn.stream.aclose()


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


def _absolute(url: httpx.URL) -> bytes:
    """The request target a forward proxy is sent: the whole URL."""
    host = url.raw_host
    if b":" in host:  # an IPv6 literal
        host = b"[" + host + b"]"
    port = b"" if url.port is None else b":%d" % url.port
    return url.raw_scheme + b"://" + host + port + url.raw_path


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


async def _next_event(conn: _Conn, timeout: float | None) -> Any:
    """h11's next event, reading from the network as it needs."""
    while True:
        with _protocol_errors():
            event = conn.h11.next_event()
        if event is not h11.NEED_DATA:
            return event
        data = await conn.stream.read(_READ_SIZE, timeout)
        if not data and conn.h11.their_state is h11.SEND_RESPONSE:
            # closed before a response: httpcore's wording, same exception
            raise httpcore.RemoteProtocolError("Server disconnected without sending a response.")
        with _protocol_errors():
            conn.h11.receive_data(data)


class _protocol_errors:  # noqa: N801  (used as a ``with`` statement, like contextlib's)
    """h11's errors as httpcore's, as httpcore's own HTTP/1.1 connection maps them."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, _: Any) -> None:
        if isinstance(exc, h11.RemoteProtocolError):
            raise httpcore.RemoteProtocolError(str(exc)) from exc
        if isinstance(exc, h11.LocalProtocolError):
            raise httpcore.LocalProtocolError(str(exc)) from exc


class _Body(httpx.AsyncByteStream):
    """A response body read from its connection; the connection is released when it ends.

    An iterator object, not an async generator: asyncio registers every async generator in a
    weak set (and unregisters it when collected), a few microseconds per body (issue 19).  A
    body not read to its end is closed by whoever holds the response (httpx's ``aclose``).
    """

    def __init__(self, transport: H1Transport, conn: _Conn, timeout: float | None) -> None:
        self._transport = transport
        self._conn: _Conn | None = conn
        self._timeout = timeout

    def __aiter__(self) -> AsyncIterator[bytes]:
        return self

    async def __anext__(self) -> bytes:
        conn = self._conn
        if conn is None:
            raise StopAsyncIteration
        try:
            while True:
                event = await _next_event(conn, self._timeout)
                if isinstance(event, h11.Data):
                    return bytes(event.data)
                if isinstance(event, h11.EndOfMessage | h11.ConnectionClosed):
                    break
        except BaseException as exc:
            await self.aclose()
            if isinstance(exc, Exception):
                _raise_mapped(exc)
            raise
        self._conn = None
        await self._transport._release(conn)
        raise StopAsyncIteration

    async def aclose(self) -> None:
        """A body not read to its end leaves the connection unusable: close it."""
        conn, self._conn = self._conn, None
        if conn is not None:
            await conn.stream.aclose()
