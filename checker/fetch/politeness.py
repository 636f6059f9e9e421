"""Politeness: what citecheck owes each host, kept as state per host.

A checker that hammers a site gets blocked, and a blocked checker reports false alarms.  So every
request first takes a slot from its host (:meth:`Politeness.slot`): at most ``concurrency``
requests in flight per host, request *starts* at least ``interval`` seconds apart, and none at all
while the host is backing off.  A 429 or 503 answer pauses the whole host, not just the one URL,
for the server's ``Retry-After`` (capped, see ``retry``) or the retry policy's backoff: the other
URLs queued for that host would get the same answer.  Per-host overrides come from the
``[hosts."example.com"]`` tables of the config (like lychee's ``HostConfigs``).

The clock and the sleep are injectable so tests can check the timing without waiting.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from checker.config import Config

__all__ = ["BACKOFF_STATUSES", "HostState", "Politeness"]

BACKOFF_STATUSES = frozenset({429, 503})


@dataclass(slots=True)
class HostState:
    """One host's limits and timing; mutable, owned by one :class:`Politeness`."""

    concurrency: int
    interval: float
    semaphore: asyncio.Semaphore = field(init=False)
    next_start: float = 0.0
    paused_until: float = 0.0

    def __post_init__(self) -> None:
        self.semaphore = asyncio.Semaphore(self.concurrency)


class Politeness:
    """Per-host concurrency, minimum interval between request starts, and backoff."""

    def __init__(
        self,
        config: Config,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._config = config
        self._clock = clock
        self._sleep = sleep
        self._hosts: dict[str, HostState] = {}

    def state(self, host: str) -> HostState:
        """The state of ``host`` (case-insensitive), created from the config on first use."""
        key = host.lower()
        state = self._hosts.get(key)
        if state is None:
            override = self._config.hosts.get(key)
            concurrency = self._config.per_host_concurrency
            interval = self._config.interval
            if override is not None:
                concurrency = override.concurrency or concurrency
                interval = interval if override.interval is None else override.interval
            state = HostState(concurrency, interval)
            self._hosts[key] = state
        return state

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        """Hold one of ``host``'s request slots, entered no earlier than the host allows."""
        state = self.state(host)
        async with state.semaphore:
            await self._wait_turn(state)
            yield

    def back_off(self, host: str, seconds: float) -> None:
        """Start no request to ``host`` for ``seconds`` from now (a longer pause wins)."""
        state = self.state(host)
        state.paused_until = max(state.paused_until, self._clock() + max(0.0, seconds))

    async def _wait_turn(self, state: HostState) -> None:
        while True:
            now = self._clock()
            start = max(now, state.next_start, state.paused_until)
            if start <= now:
                state.next_start = now + state.interval
                return
            await self._sleep(start - now)
