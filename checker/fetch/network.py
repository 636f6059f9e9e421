"""Whether a failed name lookup says something about the host or about this machine.

A name that does not exist (NXDOMAIN: ``EAI_NONAME``) is proof that a cited host is gone; a
resolver that could not answer (``EAI_AGAIN``, ``SERVFAIL``, a timeout) is not.  And a machine
with no network at all makes *every* lookup fail, often as NXDOMAIN (a resolver that cannot be
reached, or none configured): checked offline, every source would be reported ``broken``, and
that verdict would be remembered for the next, online, run.

So the fetcher resolves names through a :class:`NetworkWatch`, which counts the lookups of the
run and the fetches under way.  A failed lookup is judged only once the run can tell: as soon as
any lookup succeeds, the network works and the failure is the host's own; while none has
succeeded, the judgement waits for the other fetches under way (any of them may still look a name
up).  When none is left, none succeeded and at least :data:`OFFLINE_HOSTS` different names
failed, the run declares the network unavailable (:attr:`NetworkWatch.unavailable`): the fetcher
then reports those citations ``unreachable`` and remembers nothing about them.  One or two names
failing in a run that looked up nothing else cannot be told from dead hosts, and are reported as
they are.

The resolver is injectable (:data:`Resolver`), so tests can answer NXDOMAIN or ``EAI_AGAIN``
without any DNS.
"""

from __future__ import annotations

import asyncio
import errno
import socket
from collections.abc import Awaitable, Callable

import anyio

from checker.urls import overlay_network

__all__ = [
    "NO_ROUTE",
    "OFFLINE_HOSTS",
    "NetworkWatch",
    "Resolver",
    "causes",
    "is_nxdomain",
    "system_resolver",
]

OFFLINE_HOSTS = 3
"""Different host names that must fail, with none resolving, before the network is declared down."""

NO_ROUTE = frozenset({errno.ENETUNREACH, errno.ENETDOWN, errno.EHOSTUNREACH})
"""Connection errors that say this machine has no way to the address, not that the host is gone."""

Resolver = Callable[[str, int], Awaitable[list[str]]]
"""Resolve ``(host, port)`` to IP addresses, or raise ``socket.gaierror`` (or another OSError)."""

_NO_SUCH_NAME = frozenset(
    code
    for code in (getattr(socket, "EAI_NONAME", None), getattr(socket, "EAI_NODATA", None))
    if code is not None
)


async def system_resolver(host: str, port: int) -> list[str]:
    """The operating system's resolver (``getaddrinfo``), off the event loop.

    An ASCII name is asked of asyncio's resolver directly, which is all anyio's does for it;
    only a name anyio must encode first (IDNA 2008) goes through anyio, whose asyncio backend
    costs its import (~95 M instructions) to the run that needs it.
    """
    stream = socket.SOCK_STREAM
    found: list[object]
    if host.isascii():
        # as bytes, as anyio passes it: a str is encoded by Python's IDNA 2003 codec, whose
        # UnicodeError for an empty or 64-character label ("a..example") is no lookup error
        loop = asyncio.get_running_loop()
        asked = host.encode("ascii")
        found = [info[4][0] for info in await loop.getaddrinfo(asked, port, type=stream)]
    else:
        found = [info[4][0] for info in await anyio.getaddrinfo(host, port, type=stream)]
    # an int address is an AF_INET6 answer on a Python built without IPv6 (anyio drops it too)
    found = [address for address in found if not isinstance(address, int)]
    return list(dict.fromkeys(str(address) for address in found))


def causes(exc: BaseException) -> list[BaseException]:
    """``exc`` and what caused it, outermost first (a cycle ends the walk): a transport error
    arrives wrapped by httpx and httpcore, and what it means is in the innermost ones."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def is_nxdomain(error: BaseException) -> bool:
    """Whether a lookup error says the name does not exist, rather than "could not look it up"."""
    return isinstance(error, socket.gaierror) and error.errno in _NO_SUCH_NAME


class NetworkWatch:
    """Resolves names for the run and keeps count, to tell dead hosts from a dead network."""

    def __init__(self, resolver: Resolver) -> None:
        self._resolver = resolver
        self._busy = 0
        self._resolved = 0
        self._failed: dict[str, str] = {}
        self._changed: asyncio.Condition | None = None
        self.unavailable: str | None = None
        """Why the network is unavailable to this run, once declared; None while it is not."""

    async def resolve(self, host: str, port: int) -> list[str]:
        """The addresses of ``host``; a failure is recorded and raised.

        A name of a network beside DNS (``x.onion``) is not asked (RFC 7686) and fails as no such
        name, unrecorded: it says nothing about this machine's network.
        """
        network = overlay_network(host)
        if network is not None:
            raise socket.gaierror(
                socket.EAI_NONAME, f"{host} is a {network} name, never in DNS (not looked up)"
            )
        try:
            addresses = await self._resolver(host, port)
        except OSError as exc:
            self._failed.setdefault(host.lower(), str(exc) or type(exc).__name__)
            raise
        self._resolved += 1
        await self.notify()
        return addresses

    def fetching(self) -> None:
        """Count one fetch under way (its lookups may still prove the network up); it ends
        with :meth:`fetched`, in a ``finally``.  Not a context manager: an async one cost two
        coroutines a fetch, for a count (issue 19)."""
        self._busy += 1

    def fetched(self) -> bool:
        """One fetch less under way; whether someone waits for the count (:meth:`judge`), in
        which case the caller wakes them: ``await`` :meth:`notify`."""
        self._busy -= 1
        return self._changed is not None

    def declare(self, reason: str) -> None:
        """The network is unavailable to this run for ``reason`` (e.g. its proxy cannot be
        reached), whatever the lookups say; the first reason stands."""
        if self.unavailable is None:
            self.unavailable = reason

    def failed(self, host: str) -> bool:
        """Whether a lookup of ``host`` failed in this run."""
        return host.lower() in self._failed

    async def judge(self) -> str | None:
        """After a failed lookup: why the network is unavailable, or None if the failure is real.

        Call it outside :meth:`fetching`: it waits, holding nothing, while no lookup has
        succeeded and other fetches are still under way.
        """
        if self.unavailable is not None:
            return self.unavailable
        changed = self._condition()
        async with changed:
            await changed.wait_for(lambda: self._resolved > 0 or self._busy == 0)
        if self.unavailable is None and self._resolved == 0 and len(self._failed) >= OFFLINE_HOSTS:
            host, error = next(iter(self._failed.items()))
            self.unavailable = (
                f"none of the {len(self._failed)} host names looked up resolved "
                f"(e.g. {host}: {error})"
            )
        return self.unavailable

    def _condition(self) -> asyncio.Condition:
        if self._changed is None:  # made on first use, inside the running loop
            self._changed = asyncio.Condition()
        return self._changed

    async def notify(self) -> None:
        """Wake whoever waits in :meth:`judge` to look at the counts again."""
        changed = self._changed
        if changed is None:  # nobody has waited yet (see ``judge``): nobody to wake
            return
        async with changed:
            changed.notify_all()
