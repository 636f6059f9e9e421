"""Politeness: what citecheck owes each host, kept as state per host, and the global limit.

A checker that hammers a site gets blocked, and a blocked checker reports false alarms.  So every
request first takes a slot (:meth:`Politeness.slot`): at most ``concurrency`` requests in flight
per host, request *starts* at least ``interval`` seconds apart, and none at all while the host is
backing off.  A 429 or 503 answer pauses the whole host, not just the one URL, for the server's
``Retry-After`` (capped, see ``retry``) or the retry policy's backoff: the other URLs queued for
that host would get the same answer.  It also halves the host's lanes (at least one), once a
burst: the answers of requests sent before the last halving are the same "too many" and halve
nothing more, however short the pause (a ``Retry-After: 0``): after the pause, the host that said
"too many" is not sent as many at once again.  The lanes come back one at a time, as TCP's
congestion window does (additive increase, multiplicative decrease): a lane more once as many
requests sent since the halving as the host has lanes have been served (a 2xx or 3xx), up to the
host's own width (:meth:`Politeness.answered`).  Halved for good (session 31), a host that said
"too many" once in a long run's first minute, say while it deployed, was asked at half its
width to the end.  (lychee delays each of a host's requests after a 429, 500 ms doubling to
30 s, and a single 2xx resets it to full speed; here a host gets one lane back a round of
answers to requests sent at its width.  With its lanes kept full, the answers to the requests
in flight as a lane comes back belong to no round, so from 4 to 8 lanes takes
4 + (3 + 5) + (4 + 6) + (5 + 7) = 34 answers after the halved burst's own: a lane about every
two round trips, where TCP's window, counting every acknowledgement, grows one a round trip.)
Per-host overrides come from the ``[hosts."example.com"]`` tables of the config (like lychee's
``HostConfigs``).

A host that only answers slower needs no rule of its own: each lane waits for its answer, so the
requests a host gets a second are its lanes over its latency, and a host that slows down as lanes
widen (one that serves a request at a time, say) gets no more requests a second from eight lanes
than from four.  A 500 is that URL's answer, not the host's: it narrows nothing.

The run-wide limit (``Config.concurrency``) is granted here too, together with the host's slot,
because the two limits interact: a request that held a global permit while queueing for a busy
host would idle that permit, and once most permits wait on the few biggest hosts every other host
starves, leaving a long tail after the busiest host is done.  So a request waiting for its host
holds nothing; a freed slot passes straight to the next request for the same host (a busy host
stays busy), and a freed global permit goes to the host with the longest queue among those with
room (longest-queue-first keeps the hosts that bound the run's length working from the start).

A request that continues a URL already under way (a retry after its backoff, a redirect's next
hop) joins its host's queue at the front (``slot(..., ahead=True)``), not behind the URLs not yet
started.  At the back, the busiest host's retries all came to their second try only once its queue
had drained, and their last backoff (a second or more) then ran with the host's lanes idle: a
tail after all other work, every run (bench/README.md, session 16).  At the front, a retry's
backoffs pass while the host's other URLs keep its lanes busy.

A host that never answers (a tarpit) would cost every one of its URLs the whole deadline, so
after :data:`GIVE_UP_AFTER` timeouts in a row from one host, with no answer in between, the run
gives up on that host (:meth:`Politeness.given_up`): its other URLs are answered at once.

A distributed run shares a few hosts between its workers (the archive, the platforms' embed
endpoints): each worker's politeness holds only its own requests, so the run installs a
cluster-wide hold for them (:meth:`Politeness.share`), entered with the host's slot, before its
turn.  A local run installs none.

The clock and the sleep are injectable so tests can check the timing without waiting.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from collections import deque
from collections.abc import Awaitable, Callable, Collection
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from types import TracebackType

from checker.config import Config

__all__ = [
    "BACKOFF_STATUSES",
    "GIVE_UP_AFTER",
    "HostState",
    "Politeness",
    "SharedHold",
    "Slot",
]

BACKOFF_STATUSES = frozenset({429, 503})
GIVE_UP_AFTER = 3
"""Timeouts in a row, with no answer from the host in between, after which a run stops asking."""

SharedHold = Callable[[str], AbstractAsyncContextManager[object]]
"""A hold on one of a shared host's slots across every process of a run (a distributed run's
semaphore), entered after the process's own slot and held while the request is under way."""


@dataclass(slots=True)
class HostState:
    """One host's limits, queue and timing; mutable, owned by one :class:`Politeness`."""

    name: str
    concurrency: int
    interval: float
    active: int = 0
    waiters: deque[asyncio.Future[None]] = field(default_factory=deque)
    listed: int = 0
    """The queue length this host is ranked by among hosts waiting for a permit; 0: not."""
    next_start: float = 0.0
    paused_until: float = 0.0
    timeouts: int = 0
    """Requests to this host that timed out since its last answer."""
    halved_at: float = float("-inf")
    """When a "too many" last halved the lanes (:meth:`Politeness.back_off`)."""
    width: int = 0
    """The lanes the host is allowed (its config's): what a halving's lanes grow back to."""
    served: int = 0
    """Requests sent since :attr:`counted_from` and served (:meth:`Politeness.answered`)."""
    counted_from: float = float("-inf")
    """When the lanes last changed (halved, or one given back): answers count from there."""

    @property
    def has_room(self) -> bool:
        """Whether another request to this host may start now, as far as its own limit goes."""
        return self.active < self.concurrency


class Politeness:
    """Per-host concurrency, minimum interval between request starts, backoff; the global limit."""

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
        self._free = config.politeness.concurrency
        # Hosts with room and a queue, waiting only for a global permit: (-queue, order, host,
        # queue); an entry whose queue is no longer the host's ``listed`` one is stale.
        self._ready: list[tuple[int, int, HostState, int]] = []
        self._order = itertools.count()
        self._listener: Callable[[], None] | None = None
        self._shared: frozenset[str] = frozenset()
        self._hold: SharedHold | None = None
        self._starters: dict[asyncio.Future[None], Callable[[], None]] = {}
        """What runs as each queued grant is given (:meth:`reserve`'s ``on_grant``)."""
        self._due: deque[Callable[[], None]] = deque()
        """Starters of grants given and not run yet (:meth:`_start_due`)."""
        self._starting = False

    def share(self, hosts: Collection[str], hold: SharedHold) -> None:
        """Hold a slot of each of ``hosts`` (lower-case) through ``hold`` too: they are asked by
        other processes of the run as well, so their limit is kept across all of them."""
        self._shared = frozenset(hosts)
        self._hold = hold

    @property
    def in_flight(self) -> int:
        """Requests holding a slot now, over all hosts (never more than ``concurrency``)."""
        return self._config.politeness.concurrency - self._free

    def watch(self, listener: Callable[[], None] | None) -> None:
        """Call ``listener`` whenever a request gives its slot back (``None``: stop).

        A progress display's per-host queue counts then move as requests finish, not only when
        a citation's verdict comes in (issue 17).
        """
        self._listener = listener

    def busiest(self) -> tuple[int, str] | None:
        """The host with the most requests waiting or in flight, and how many (None: idle).

        A scan of every host: callers ask a few times a second, not per request.
        """
        queues = [(s.active + len(s.waiters), s.name) for s in self._hosts.values()]
        best = max(queues, default=(0, ""))
        return best if best[0] > 0 else None

    def state(self, host: str) -> HostState:
        """The state of ``host`` (case-insensitive), created from the config on first use."""
        key = host.lower()
        state = self._hosts.get(key)
        if state is None:
            override = self._config.politeness.hosts.get(key)
            concurrency = self._config.politeness.per_host_concurrency
            interval = self._config.politeness.interval
            if override is not None:
                concurrency = override.concurrency or concurrency
                interval = interval if override.interval is None else override.interval
            state = HostState(key, concurrency, interval, width=concurrency)
            self._hosts[key] = state
        return state

    def slot(self, host: str, *, held: Held | None = None, ahead: bool = False) -> Slot:
        """Hold one of ``host``'s slots and a global permit, entered no earlier than allowed.

        ``held``: the caller already holds them, granted through :meth:`reserve`; from here
        this slot gives them back, not the grant's owner (:meth:`Held.give_back`).
        ``ahead``: the request continues a URL already under way (a retry, a redirect's next
        hop), so it waits at the front of the host's queue.
        """
        return Slot(self, host, held, ahead)

    def reserve(
        self, host: str, *, ahead: bool = False, on_grant: Callable[[], None] | None = None
    ) -> asyncio.Future[None]:
        """A place in ``host``'s queue as a bare future, done once the slot and permit are held.

        Waiting this way costs a future, not a coroutine: the fetcher starts a URL's work only
        when it can run, so 20,000 queued URLs do not hold 20,000 suspended call stacks.  Whoever
        gets the grant must pass it to :meth:`slot` (as a :class:`Held`) or give it back with
        :meth:`release`; cancelling the future before the grant leaves the queue.  ``ahead``:
        the place is at the front of the queue (see :meth:`slot`).

        ``on_grant``: called as a queued place is granted, right from the release that frees
        the slot, not a loop turn later as the future's done-callback would be (one turn less
        between one request's end and the next one's start on the host, issue 19).  Not called
        for a place granted at once (the future is done: its caller goes on) nor for one
        cancelled first.  Starters that release a slot themselves (a host given up, its queue
        answered at once) start the next ones from the same loop, never by recursion
        (:meth:`_start_due`).
        """
        state = self.state(host)
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        if not state.waiters and state.has_room and self._free > 0:
            state.active += 1
            self._free -= 1
            waiter.set_result(None)
            return waiter
        if on_grant is not None:
            self._starters[waiter] = on_grant
        if ahead:
            state.waiters.appendleft(waiter)
        else:
            state.waiters.append(waiter)
        self._list_if_ready(state)
        return waiter

    def held(self, host: str) -> Held:
        """A grant of :meth:`reserve` for ``host``, as one request's to use or give back."""
        return Held(self, host)

    def release(self, host: str) -> None:
        """Give back a slot granted through :meth:`reserve` that will not be used."""
        self._release(self.state(host))

    def now(self) -> float:
        """This politeness's clock: when a request is sent, for :meth:`back_off`."""
        return self._clock()

    def back_off(self, host: str, seconds: float, *, sent_at: float | None = None) -> None:
        """Start no request to ``host`` for ``seconds`` from now (a longer pause wins), and
        halve its lanes unless the request answered was sent (``sent_at``, by :meth:`now`)
        before they were last halved: one "too many" a burst, see above."""
        state = self.state(host)
        now = self._clock()
        if sent_at is None or sent_at >= state.halved_at:
            state.concurrency = max(1, state.concurrency // 2)
            state.halved_at = state.counted_from = now
            state.served = 0
        state.paused_until = max(state.paused_until, now + max(0.0, seconds))

    def timed_out(self, host: str) -> None:
        """Count a request to ``host`` that got no answer in time."""
        self.state(host).timeouts += 1

    def answered(self, host: str, status: int = 0, *, sent_at: float | None = None) -> None:
        """``host`` answered (any status): it is slow at worst, not a tarpit.

        A host whose lanes a "too many" halved earns one back once as many of its requests
        sent since (``sent_at``, by :meth:`now`) as it has lanes were served (``status`` 2xx
        or 3xx), up to its own width: the answers of requests sent before say nothing of the
        narrowed width, and a 404 or 5xx is the URL's answer, not the host's "go on".
        """
        state = self.state(host)
        state.timeouts = 0
        if state.concurrency >= state.width or not 200 <= status < 400:
            return
        if sent_at is None or sent_at < state.counted_from:
            return
        state.served += 1
        if state.served >= state.concurrency:
            state.served = 0
            state.counted_from = self._clock()  # the next round is asked of the wider lanes
            state.concurrency += 1
            self._list_if_ready(state)
            self._grant_ready()
            self._start_due()

    def given_up(self, host: str) -> str | None:
        """Why the run no longer asks ``host`` (a circuit breaker), or None while it still does."""
        state = self.state(host)
        if state.timeouts < GIVE_UP_AFTER:
            return None
        return f"not tried: gave up on {state.name} after {GIVE_UP_AFTER} timeouts in a row"

    async def _acquire(self, state: HostState, *, ahead: bool) -> None:
        waiter = self.reserve(state.name, ahead=ahead)
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self._release(state)  # granted just as we were cancelled: pass it on
            elif waiter in state.waiters:  # not yet skipped over by a grant
                state.waiters.remove(waiter)
            raise

    def _release(self, state: HostState) -> None:
        """Pass the slot on (:meth:`_pass_on`), tell the listener, if any, then start what the
        grants given are for (:meth:`_start_due`)."""
        self._pass_on(state)
        if self._listener is not None:
            self._listener()
        self._start_due()

    def _start_due(self) -> None:
        """Run the starters of the grants given, in order, the ones their own releases grant
        included: a trampoline, so a host given up with thousands queued answers them one
        after the other, not each from inside the last one's release.  A starter that raises
        is the loop's to report, as a failing callback is; the others still run."""
        if self._starting:
            return  # an outer call is running them: it takes these too
        self._starting = True
        try:
            while self._due:
                starter = self._due.popleft()
                try:
                    starter()
                except Exception as exc:  # reported as a failing callback is
                    asyncio.get_running_loop().call_exception_handler(
                        {"message": "a politeness grant's starter failed", "exception": exc}
                    )
        finally:
            self._starting = False

    def _pass_on(self, state: HostState) -> None:
        """Give the slot to the host's next request, or the permit to the longest queue."""
        if state.active <= state.concurrency and self._grant(state):
            # the slot and the permit pass together to the same host's next request (not past
            # lanes since halved: those close as their requests end, see ``back_off``)
            return
        state.active -= 1
        self._free += 1
        self._list_if_ready(state)
        self._grant_ready()

    def _grant_ready(self) -> None:
        """Give the free permits to the hosts with room and a queue, longest queue first."""
        while self._free > 0 and self._ready:
            _, _, host, queue = heapq.heappop(self._ready)
            if host.listed != queue:
                continue  # stale: the host was ranked again since
            host.listed = 0
            if not (host.waiters and host.has_room):
                continue
            host.active += 1
            self._free -= 1
            self._grant(host, counted=True)
            self._list_if_ready(host)

    def _grant(self, state: HostState, *, counted: bool = False) -> bool:
        """Wake the first live waiter of ``state``; ``counted``: its slot is already taken."""
        while state.waiters:
            waiter = state.waiters.popleft()
            starter = self._starters.pop(waiter, None)
            if not waiter.done():
                waiter.set_result(None)
                if starter is not None:
                    self._due.append(starter)
                return True
        if counted:  # nobody left to take the slot that was reserved for them
            state.active -= 1
            self._free += 1
        return False

    def _list_if_ready(self, state: HostState) -> None:
        """Rank a host that has room and a queue by its queue's current length."""
        queue = len(state.waiters)
        if queue and state.has_room and state.listed != queue:
            state.listed = queue
            heapq.heappush(self._ready, (-queue, next(self._order), state, queue))

    async def _wait_turn(self, state: HostState) -> None:
        """Wait until a request to ``state``'s host may start, and take that turn."""
        while (delay := self._take_turn(state)) > 0:
            await self._sleep(delay)

    def _take_turn(self, state: HostState) -> float:
        """Take the host's turn if a request may start now (0), else the seconds to wait."""
        now = self._clock()
        start = max(now, state.next_start, state.paused_until)
        if start <= now:
            state.next_start = now + state.interval
            return 0.0
        return start - now


class Slot:
    """One request's hold on its host's slot and a global permit (:meth:`Politeness.slot`),
    as an async context manager.

    A class and not an ``asynccontextmanager``: entered once a request, the generator, its
    wrapper and the ``athrow`` on the way out cost ~5-8 µs each time on the loop (issue 19).
    The slot is given back exactly once, on every way out: cancelled while queued (the queue's
    own :meth:`Politeness._acquire` gives a grant back), while waiting its turn, inside the
    shared host's cluster-wide hold, or in the request.
    """

    __slots__ = ("_ahead", "_held", "_hold", "_host", "_politeness", "_state")

    def __init__(self, politeness: Politeness, host: str, held: Held | None, ahead: bool) -> None:
        self._politeness = politeness
        self._host = host
        self._held = held
        self._ahead = ahead
        self._state: HostState | None = None
        self._hold: AbstractAsyncContextManager[object] | None = None

    async def __aenter__(self) -> None:
        politeness = self._politeness
        state = politeness.state(self._host)
        if self._held is not None:
            self._held.pending = False  # nothing runs between this and the ``try`` that releases
        else:
            await politeness._acquire(state, ahead=self._ahead)
        try:
            hold = politeness._hold
            if hold is None or state.name not in politeness._shared:
                # nothing to hold across processes, and most turns are due at once: no
                # coroutine to enter for them (issue 19)
                if politeness._take_turn(state) > 0:
                    await politeness._wait_turn(state)
            else:  # the cluster-wide hold on a shared host, then the host's turn
                entered = hold(state.name)
                await entered.__aenter__()
                try:
                    await politeness._wait_turn(state)
                except BaseException as exc:
                    await entered.__aexit__(type(exc), exc, exc.__traceback__)
                    raise
                self._hold = entered
        except BaseException:
            politeness._release(state)
            raise
        self._state = state

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool:
        state, self._state = self._state, None
        hold, self._hold = self._hold, None
        if state is None:
            raise RuntimeError("a politeness slot left that was not entered")
        try:
            return bool(await hold.__aexit__(exc_type, exc, tb)) if hold is not None else False
        finally:
            self._politeness._release(state)


class Held:
    """A slot granted through :meth:`Politeness.reserve` that its request has not entered yet.

    Whoever ends the request gives it back (:meth:`give_back`: the fetch task as it ends, and
    the fetcher as it closes, for a task cancelled before its first step);
    :meth:`Politeness.slot` takes it over as it enters, with nothing in between that could
    raise or wait, so the slot is released exactly once: by the slot, or by ``give_back``.
    """

    __slots__ = ("_politeness", "host", "pending")

    def __init__(self, politeness: Politeness, host: str) -> None:
        self._politeness = politeness
        self.host = host
        self.pending = True
        """Not entered by a slot, nor given back."""

    def give_back(self) -> None:
        """Release the slot unless a slot took it over (or it was given back already)."""
        if self.pending:
            self.pending = False
            self._politeness.release(self.host)
