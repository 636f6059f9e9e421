"""One small connection pool per host, because httpcore's pool does a full scan per request.

httpcore keeps one list of connections per pool and, on every request start and every response
close, walks all of them (``_assign_requests_to_connections``, ``is_idle``/``has_expired`` per
connection).  One pool for a whole run is a walk over up to 128 connections per request, 0.85 ms
of CPU each; capping the pool's idle connections shortened the walk but closed and reopened
nearly every connection (through a forward proxy a connection serves one remote host only), so a
20,000-URL run opened 22,400 connections.  A pool per host keeps the walk to that host's few
connections and lets each host's connections be reused, as lychee's per-host client pool does.

Pools of hosts not asked lately are closed once more than ``keep`` are open, so a run over
thousands of hosts never holds thousands of idle sockets; a pool with a response still being
read is never closed.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import AsyncIterator, Callable

import httpx

from checker.fetch.h1 import Answer, H1Transport, Target

__all__ = ["HostPools", "pool_limits"]


def pool_limits(per_host: int, concurrency: int) -> httpx.Limits:
    """One host's pool: as many connections as the run may have in flight (politeness caps
    what one host gets), and as many kept alive as the host may use at once."""
    return httpx.Limits(max_connections=concurrency, max_keepalive_connections=per_host)


class HostPools(httpx.AsyncBaseTransport):
    """Sends each request through its host's own transport, made on first use by ``make``."""

    def __init__(self, make: Callable[[], httpx.AsyncBaseTransport], *, keep: int) -> None:
        self._make = make
        self._keep = keep
        self._pools: OrderedDict[str, httpx.AsyncBaseTransport] = OrderedDict()
        self._busy: dict[str, int] = {}
        """Answers in flight per host (a plain dict: ``Counter``'s ``+=`` on a new key calls
        its ``__missing__`` in Python, once a request)."""

    @property
    def open_pools(self) -> int:
        """How many host pools are open now."""
        return len(self._pools)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Hand ``request`` to its host's pool; count it busy until its body is closed."""
        key = _key(request.url)
        pool = await self._pool(key)
        self._busy[key] = self._busy.get(key, 0) + 1
        try:
            response = await pool.handle_async_request(request)
        except BaseException:
            self._done(key)
            raise
        if response.is_closed:  # read whole by the transport: nothing left in flight
            self._done(key)
            return response
        # the same response, its body wrapped: a second Response would copy its headers
        response.stream = _Counted(response.stream, lambda: self._done(key))
        return response

    async def exchange(
        self,
        url: httpx.URL | Target,
        headers: list[tuple[bytes, bytes]],
        timeouts: dict[str, float | None],
        deadline: float | None = None,
    ) -> Answer | None:
        """A GET of ``url`` on h11 by its host's pool (:meth:`H1Transport.exchange`, which
        ``deadline`` bounds), counted busy until the answer is closed; None when that pool does
        not take it on h11 (the caller then sends an ``httpx.Request`` through
        :meth:`handle_async_request`)."""
        key = url.host if isinstance(url, Target) else _key(url)  # a Target's is as _key's
        pool = self._pools.get(key)
        if pool is None:
            pool = await self._pool(key)
        else:
            self._pools.move_to_end(key)
        if not isinstance(pool, H1Transport):
            return None
        self._busy[key] = self._busy.get(key, 0) + 1
        try:
            answer = await pool.exchange(
                url.raw_scheme,
                url.raw_host,
                url.port,
                url.raw_path,
                headers,
                timeouts,
                deadline=deadline,
            )
        except BaseException:
            self._done(key)
            raise
        if answer is None:
            self._done(key)
            return None
        answer.closed = lambda: self._done(key)
        return answer

    async def _pool(self, key: str) -> httpx.AsyncBaseTransport:
        """The pool of the host ``key``, made if need be; the most recently used now."""
        pool = self._pools.get(key)
        if pool is None:
            await self._close_idle()
            pool = self._pools[key] = self._make()
        self._pools.move_to_end(key)
        return pool

    async def aclose(self) -> None:
        """Close every pool."""
        pools = list(self._pools.values())
        self._pools.clear()
        for pool in pools:
            await pool.aclose()

    def _done(self, key: str) -> None:
        left = self._busy[key] - 1
        if left <= 0:
            del self._busy[key]
        else:
            self._busy[key] = left

    async def _close_idle(self) -> None:
        """Close the least recently used pools with nothing in flight, down to ``keep``."""
        excess = len(self._pools) - self._keep + 1
        idle = [key for key in self._pools if key not in self._busy][: max(0, excess)]
        closing = [self._pools.pop(key) for key in idle]  # taken out before any await
        for pool in closing:
            await pool.aclose()


def _key(url: httpx.URL | Target) -> str:
    """The host's name as the request is sent to it: ``URL.host`` decodes a ``xn--`` name and
    raises for one IDNA 2008 refuses (``xn--ls8h.la``, a real site), an IDNAError out of the
    fetcher."""
    return url.raw_host.decode("ascii").lower()


class _Counted(httpx.AsyncByteStream):
    """A response body that reports once when it is closed.

    Iterating it iterates the body itself: no layer (an async generator here cost asyncio's
    bookkeeping of one more generator per response, issue 19).
    """

    def __init__(
        self, inner: httpx.AsyncByteStream | httpx.SyncByteStream, done: Callable[[], None]
    ) -> None:
        self._inner = inner
        self._done: Callable[[], None] | None = done

    def __aiter__(self) -> AsyncIterator[bytes]:
        assert isinstance(self._inner, httpx.AsyncByteStream)
        return self._inner.__aiter__()

    async def aclose(self) -> None:
        try:
            if isinstance(self._inner, httpx.AsyncByteStream):
                await self._inner.aclose()
        finally:
            if self._done is not None:
                done, self._done = self._done, None
                done()
