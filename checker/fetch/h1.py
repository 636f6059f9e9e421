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
import re
from collections.abc import AsyncIterator, Callable
from typing import Any, NoReturn

import h11
import httpcore
import httpx
from h11._headers import normalize_and_validate
from httpx._transports.default import map_httpcore_exceptions

from checker.fetch.streams import Stream

__all__ = ["Answer", "H1Transport", "Target", "simple_target"]

_MAX_INCOMPLETE = 100 * 1024
"""Largest status line and headers accepted (httpcore's bound, so the same servers pass)."""
_READ_SIZE = 64 * 1024
_HEADS = 16
"""Distinct request header lists whose h11 form one host's transport keeps (see ``_head``)."""


_DEFAULT_PORTS = {b"http": 80, b"https": 443}

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
    """One kept-alive HTTP/1.1 connection: its stream, its h11 state, and its origin."""

    __slots__ = ("h11", "origin", "stream")

    def __init__(self, stream: httpcore.AsyncNetworkStream, origin: Origin) -> None:
        assert isinstance(stream, Stream)  # the pool's backend is ``streams.AsyncioBackend``
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
        answer = None
        if self._origin(url.raw_scheme, url.port) is not None:
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
            headers=answer.head.headers.raw_items(),
            stream=answer,
            extensions={
                "http_version": b"HTTP/" + answer.head.http_version,
                "reason_phrase": answer.reason,
                "network_stream": answer.stream,
            },
        )

    def _origin(self, scheme: bytes, port: int | None) -> Origin | None:
        """The origin a request to ``scheme`` and ``port`` is for, if it goes on h11 here: not
        when its server chose HTTP/2, nor through a TLS proxy or a CONNECT tunnel."""
        if self._lean if scheme == b"http" else scheme == b"https" and self._tls:
            origin = (scheme, port or _DEFAULT_PORTS[scheme])
            if origin not in self._h2:
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
        """One request on h11, its answer's head read and its body not yet: the fetcher's GET
        (``client.HttpFetcher._send``) without an ``httpx.Request`` or ``httpx.Response``, and
        httpx's requests through :meth:`handle_async_request`.  None when this transport does
        not take the request on h11 (an origin whose server chose HTTP/2, TLS through a proxy):
        the caller sends it through httpcore's pool.  ``target`` is the URL's path and query:
        a forward proxy is sent the whole URL instead, and its own headers.

        ``deadline`` (the loop's clock) bounds every wait of the request and of its answer's
        body, as :func:`asyncio.timeout_at` around them would, raising ``TimeoutError`` (
        ``streams.DeadlineError`` from a read or write): the fetcher's budget per URL, kept
        by the reads' own alarm rather than a timeout context per request (issue 19).
        """
        origin = self._origin(scheme, port)
        if origin is None:
            return None
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
            return await self._send(conn, method, target, headers, content, timeouts, deadline)
        except Exception as exc:  # re-raised, mapped as httpx maps it
            _raise_mapped(exc)

    async def aclose(self) -> None:
        idle, self._idle = self._idle, {}
        for conns in idle.values():
            for conn in conns:
                await conn.stream.aclose()
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

    async def _send(
        self,
        conn: _Conn,
        method: str | bytes,
        target: bytes,
        headers: list[tuple[bytes, bytes]],
        content: list[bytes] | None,
        timeouts: dict[str, float | None],
        deadline: float | None,
    ) -> Answer:
        """Write the request, read its answer's head (the connection is closed if either
        fails)."""
        read = timeouts.get("read")
        state = conn.h11
        try:
            with _protocol_errors():
                head = h11.Request(method=method, target=target, headers=self._head(headers))
                data = state.send(head) or b""
                for chunk in content or ():
                    data += state.send(h11.Data(data=chunk)) or b""
                data += state.send(h11.EndOfMessage()) or b""
            await conn.stream.write(data, timeouts.get("write"), deadline=deadline)
            response = await self._read_head(conn, read, deadline)
        except BaseException:
            await conn.stream.aclose()
            raise
        return Answer(self, conn, response, read, deadline)

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

    async def _read_head(
        self, conn: _Conn, timeout: float | None, deadline: float | None
    ) -> h11.Response:
        while True:
            event = await _next_event(conn, timeout, deadline)
            if isinstance(event, h11.Response):
                return event
            if isinstance(event, h11.InformationalResponse):
                continue
            raise httpcore.RemoteProtocolError("Server disconnected without sending a response.")

    def _kept(self, conn: _Conn) -> bool:
        """Keep ``conn`` for the next request if both sides finished cleanly (True); else the
        caller closes it.  Not a coroutine: keeping is every answer's case, closing the rare.
        Bytes received past the answer's end are no answer to anything: h11 would read them as
        the next request's, so a connection holding some is not kept."""
        state = conn.h11
        if (
            state.our_state is h11.DONE
            and state.their_state is h11.DONE
            and not state.trailing_data[0]
        ):
            state.start_next_cycle()
            idle = self._idle.setdefault(conn.origin, [])
            if len(idle) < self._keep and conn.reusable():
                idle.append(conn)
                return True
        return False


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


async def _next_event(conn: _Conn, timeout: float | None, deadline: float | None) -> Any:
    """h11's next event, reading from the network as it needs."""
    while True:
        with _protocol_errors():
            event = conn.h11.next_event()
        if event is not h11.NEED_DATA:
            return event
        data = await conn.stream.read(_READ_SIZE, timeout, deadline=deadline)
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


class Answer(httpx.AsyncByteStream):
    """A response on h11: its status, reason and headers (h11's, names lower-cased), and its
    body, read from its connection; the connection is released when the body ends.

    What the fetcher reads of an HTTP/1.1 answer, without ``httpx.Response`` and
    ``httpx.Headers`` (issue 19); :meth:`H1Transport.handle_async_request` wraps it in one for
    httpx's callers.  The body is an iterator object, not an async generator: asyncio registers
    every async generator in a weak set (and unregisters it when collected), a few microseconds
    per body.  A body not read to its end is closed by whoever holds the answer (:meth:`aclose`),
    which also tells ``closed`` (``pools.HostPools`` counts its host's answers in flight).
    """

    __slots__ = ("_conn", "_deadline", "_timeout", "_transport", "closed", "head", "stream")

    def __init__(
        self,
        transport: H1Transport,
        conn: _Conn,
        head: h11.Response,
        timeout: float | None,
        deadline: float | None,
    ) -> None:
        self._transport = transport
        self._conn: _Conn | None = conn
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
        try:
            while True:
                event = await _next_event(conn, self._timeout, self._deadline)
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
        if not self._transport._kept(conn):
            await conn.stream.aclose()
        raise StopAsyncIteration

    async def aclose(self) -> None:
        """A body not read to its end leaves the connection unusable: close it."""
        conn, self._conn = self._conn, None
        try:
            if conn is not None:
                await conn.stream.aclose()
        finally:
            closed, self.closed = self.closed, None
            if closed is not None:
                closed()
