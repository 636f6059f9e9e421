"""httpcore's network layer on asyncio's own transports, without anyio in between.

httpcore reaches sockets through a *network backend*; its default on asyncio is anyio's, which
costs per call what a link checker pays per request: every read and write enters and leaves an
anyio cancel scope (a ``current_task`` lookup, a timeout handle, sniffio), and every check of a
pooled connection (``has_expired`` → ``get_extra_info("is_readable")``) rebuilds anyio's
attribute table, which calls ``getpeername`` on the socket, then polls it.  With a pool walk per
request that was 3-4 system calls and ~0.5 ms of CPU per request before any byte moved
(``python -m bench.profile_check``, issue 19).

Here one :class:`asyncio.Protocol` per connection buffers what the transport delivers, so a
connection knows without a system call whether the server has spoken or hung up (asyncio's loop
reads every registered socket each iteration: a hang-up is seen as soon as a poll would see it).
A read's timeout is one alarm per connection (see :meth:`_Connection.readable_by`); other
timeouts are :func:`asyncio.timeout` around their wait, only when there is a wait.  The
exceptions are httpcore's, with the OS or TLS error as their cause, exactly as the anyio backend
raises them, so the fetcher's one translation of failures (``client._outcome_of``) is unchanged.
"""

from __future__ import annotations

import asyncio
import math
import ssl
from collections.abc import Iterable
from typing import Any, cast

import httpcore

__all__ = ["AsyncioBackend", "DeadlineError", "Stream"]

_READ_LIMIT = 256 * 1024
"""Bytes buffered before the transport stops reading: a body nobody reads stays in the kernel."""


class DeadlineError(TimeoutError):
    """A read (or write) reached the request's own deadline (``deadline`` of
    :meth:`Stream.read`), not its read timeout: raised as it is, the same ``TimeoutError``
    :func:`asyncio.timeout` around the request would have raised (``client._request``)."""


def _stream_transport(transport: asyncio.BaseTransport) -> asyncio.Transport:
    """A stream connection's transport, as the read/write transport it is.

    Not an ``isinstance`` check: uvloop's transports (a faster event loop, measured in
    bench/README.md, session 21) implement ``asyncio.Transport``'s methods without deriving
    from it, and a loop's ``create_connection``/``start_tls`` on a TCP socket gives nothing else.
    """
    return cast(asyncio.Transport, transport)


class _Connection(asyncio.Protocol):
    """One TCP (or TLS) connection's received bytes, end of stream, and write pressure."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.eof = False
        self.error: BaseException | None = None
        self.paused_reading = False
        self._reader: asyncio.Future[None] | None = None
        self._writable: asyncio.Future[None] | None = None
        self._until = math.inf
        """When the waiting reader gives up (the loop's clock), and whether that is the
        request's deadline rather than the read timeout (``_spent``)."""
        self._spent = False
        self._alarm: asyncio.TimerHandle | None = None
        self._alarm_at = math.inf

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = _stream_transport(transport)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if len(self.buffer) > _READ_LIMIT and self.transport is not None:
            self.transport.pause_reading()
            self.paused_reading = True
        self._wake_reader()

    def eof_received(self) -> bool | None:
        self.eof = True
        self._wake_reader()
        return None  # close our side too

    def connection_lost(self, exc: Exception | None) -> None:
        self.eof = True
        self.error = exc
        self._wake_reader()
        if self._alarm is not None:
            self._alarm.cancel()
            self._alarm = None
        if self._writable is not None and not self._writable.done():
            self._writable.set_result(None)

    def pause_writing(self) -> None:
        if self._writable is None or self._writable.done():
            self._writable = asyncio.get_running_loop().create_future()

    def resume_writing(self) -> None:
        if self._writable is not None and not self._writable.done():
            self._writable.set_result(None)

    def readable_by(self, timeout: float | None, deadline: float | None) -> asyncio.Future[None]:
        """A future set when bytes or the end of the stream arrive, or failed with
        ``TimeoutError`` after ``timeout`` seconds (:class:`DeadlineError` at ``deadline``, on
        the loop's clock, if that comes first).

        One alarm per connection, not a timer per wait: a connection's reads give up at
        ever later times (each request's read starts later), so the alarm set for an earlier
        read rings first and, finding the reader's time not yet come, is set again for it.
        A timer per read was a timer handle made, pushed on the loop's heap and cancelled for
        every request (issue 19).  An alarm due later than this read's time is set anew.
        """
        loop = asyncio.get_running_loop()
        reader = self._reader = loop.create_future()
        until = math.inf if timeout is None else loop.time() + timeout
        spent = deadline is not None and deadline <= until
        if spent:
            assert deadline is not None
            until = deadline
        self._until = until
        self._spent = spent
        if until < self._alarm_at:
            if self._alarm is not None:
                self._alarm.cancel()
            self._alarm = loop.call_at(until, self._ring) if until < math.inf else None
            self._alarm_at = until
        return reader

    def _ring(self) -> None:
        """The alarm: fail the waiting reader whose time has come, else wait for its time."""
        rang = self._alarm_at
        self._alarm = None
        self._alarm_at = math.inf
        reader = self._reader
        if reader is None or reader.done():
            return
        if self._until <= rang:
            reader.set_exception(DeadlineError() if self._spent else TimeoutError())
        elif self._until < math.inf:
            self._alarm = reader.get_loop().call_at(self._until, self._ring)
            self._alarm_at = self._until

    def writable_soon(self) -> asyncio.Future[None] | None:
        """A future set once the transport takes writes again; None when it takes them now."""
        return self._writable if self._writable is not None and not self._writable.done() else None

    def _wake_reader(self) -> None:
        if self._reader is not None and not self._reader.done():
            self._reader.set_result(None)


class Stream(httpcore.AsyncNetworkStream):
    """httpcore's view of one :class:`_Connection`."""

    def __init__(self, connection: _Connection) -> None:
        self._connection = connection

    async def read(
        self, max_bytes: int, timeout: float | None = None, *, deadline: float | None = None
    ) -> bytes:
        """httpcore's read, and ``deadline``: a time on the loop's clock at which a wait for
        bytes raises :class:`DeadlineError` (the request's whole budget, ``h1``)."""
        connection = self._connection
        if not connection.buffer and not connection.eof:
            try:
                await connection.readable_by(timeout, deadline)
            except DeadlineError:
                raise
            except TimeoutError as exc:
                raise httpcore.ReadTimeout("timed out reading") from exc
        if connection.buffer:
            data = bytes(connection.buffer[:max_bytes])
            del connection.buffer[:max_bytes]
            if connection.paused_reading and len(connection.buffer) <= _READ_LIMIT // 2:
                connection.paused_reading = False
                if connection.transport is not None:
                    connection.transport.resume_reading()
            return data
        if connection.error is not None:
            raise httpcore.ReadError(str(connection.error)) from connection.error
        return b""

    async def write(
        self, buffer: bytes, timeout: float | None = None, *, deadline: float | None = None
    ) -> None:
        """httpcore's write, and ``deadline`` as :meth:`read` takes it."""
        if not buffer:
            return
        connection = self._connection
        transport = connection.transport
        if transport is None or transport.is_closing() or connection.error is not None:
            error = connection.error
            raise httpcore.WriteError(str(error or "connection closed")) from error
        transport.write(buffer)
        writable = connection.writable_soon()
        if writable is None:
            return
        loop = asyncio.get_running_loop()
        until = None if timeout is None else loop.time() + timeout
        spent = deadline is not None and (until is None or deadline <= until)
        try:
            async with asyncio.timeout_at(deadline if spent else until):
                await writable
        except TimeoutError as exc:
            if spent:
                raise DeadlineError() from exc
            raise httpcore.WriteTimeout("timed out writing") from exc
        if connection.error is not None:
            raise httpcore.WriteError(str(connection.error)) from connection.error

    async def aclose(self) -> None:
        """Close now: the socket is released before this returns (as anyio's backend does),
        not whenever the loop next runs its callbacks, which may be never at the end of a run."""
        transport = self._connection.transport
        if transport is None or transport.is_closing():
            return
        transport.close()
        await asyncio.sleep(0)
        transport.abort()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.AsyncNetworkStream:
        connection = self._connection
        assert connection.transport is not None
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(timeout):
                tls = await loop.start_tls(
                    connection.transport,
                    connection,
                    ssl_context,
                    server_hostname=server_hostname,
                )
        except TimeoutError as exc:
            await self.aclose()
            raise httpcore.ConnectTimeout("timed out in the TLS handshake") from exc
        except (OSError, ssl.SSLError) as exc:  # ssl.SSLError is an OSError; said for clarity
            await self.aclose()
            raise httpcore.ConnectError(str(exc)) from exc
        if tls is None:  # the connection closed during the handshake
            raise httpcore.ConnectError("connection closed in the TLS handshake")
        connection.transport = _stream_transport(tls)
        return self

    def heard(self) -> bool:
        """Whether the server sent anything or hung up: on an idle connection, that it cannot
        be used (httpcore's ``is_readable``; asked twice a request, without its string match)."""
        connection = self._connection
        return bool(connection.buffer) or connection.eof

    def get_extra_info(self, info: str) -> Any:
        connection = self._connection
        if info == "is_readable":
            # idle and readable means the server hung up (or broke protocol): httpcore drops it
            return self.heard()
        transport = connection.transport
        if transport is None:
            return None
        if info == "ssl_object":
            return transport.get_extra_info("ssl_object")
        if info == "client_addr":
            return transport.get_extra_info("sockname")
        if info == "server_addr":
            return transport.get_extra_info("peername")
        if info == "socket":
            return transport.get_extra_info("socket")
        return None


class AsyncioBackend(httpcore.AsyncNetworkBackend):
    """Plain TCP connections on the running asyncio loop (see the module's docstring)."""

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        loop = asyncio.get_running_loop()
        local = (local_address, 0) if local_address else None
        try:
            async with asyncio.timeout(timeout):
                transport, connection = await loop.create_connection(
                    _Connection, host, port, local_addr=local
                )
        except TimeoutError as exc:
            raise httpcore.ConnectTimeout("timed out connecting") from exc
        except OSError as exc:
            raise httpcore.ConnectError(str(exc)) from exc
        sock = transport.get_extra_info("socket")
        for option in socket_options or ():
            sock.setsockopt(*option)
        return Stream(connection)

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("citecheck does not connect to Unix sockets")

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
