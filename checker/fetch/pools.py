"""Connection pools split by host, because httpcore's pool does a full scan per request.

httpcore keeps one list of connections per pool and, on every request start and every response
close, walks all of them (``_assign_requests_to_connections``, ``is_idle``/``has_expired`` per
connection).  With 128 requests in flight that walk was the largest single cost of a
20,000-URL run: 0.85 ms of CPU per request, 18 of 80 s (bench/README.md).  Keeping fewer
connections alive made the walk shorter but closed and reopened most connections.  Splitting
the pool by host (a stable hash, so a host's connections stay together and keep-alive still
works) makes each walk short without giving up reuse.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence

import httpx

__all__ = ["ShardedTransport", "pool_limits", "shard_count", "shard_of"]

_REQUESTS_PER_SHARD = 8
_MAX_SHARDS = 16
_KEPT_ALIVE_PER_SHARD = 8


def shard_count(concurrency: int) -> int:
    """How many pools for ``concurrency`` requests in flight: about eight requests each."""
    return max(1, min(_MAX_SHARDS, concurrency // _REQUESTS_PER_SHARD))


def shard_of(host: str, shards: int) -> int:
    """The pool for ``host``: the same in every run, spread evenly even over similar names."""
    digest = hashlib.blake2s(host.encode("utf-8", "surrogatepass"), digest_size=4).digest()
    return int.from_bytes(digest, "big") % shards


def pool_limits(concurrency: int) -> httpx.Limits:
    """One pool's limits: room for every request in flight (a run may favour a few hosts, and
    the politeness layer already caps the total), and a few connections kept alive."""
    return httpx.Limits(
        max_connections=concurrency, max_keepalive_connections=_KEPT_ALIVE_PER_SHARD
    )


class ShardedTransport(httpx.AsyncBaseTransport):
    """Sends each request through one of several transports, chosen by the URL's host."""

    def __init__(self, make: Callable[[], httpx.AsyncBaseTransport], shards: int) -> None:
        self.shards: Sequence[httpx.AsyncBaseTransport] = tuple(make() for _ in range(shards))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Hand ``request`` to its host's transport."""
        shard = self.shards[shard_of(request.url.host, len(self.shards))]
        return await shard.handle_async_request(request)

    async def aclose(self) -> None:
        """Close every pool."""
        for shard in self.shards:
            await shard.aclose()
