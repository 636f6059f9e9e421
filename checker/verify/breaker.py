"""The run's circuit breaker for archive requests and the archive hosts' pace.

Every run makes a breaker (its archive phase owns one, :class:`~checker.verify.citation.
ArchiveLookups`; a worker's is shared, :mod:`checker.sharing`) and every run's config is
:func:`paced`, whether or not it asks an archive: this module is what a run needs of the archive
at its start.  The lookups themselves (:mod:`checker.verify.archive`: snapshots, their
judgement, ``--save``) are imported with the first one, so a run with ``archive = "off"``
never loads them (issue 19, session 28: ~10 ms of every such run's start).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import replace
from urllib.parse import urlsplit

from checker.config import Config, HostConfig
from checker.model import Fetcher, FetchResult, Outcome, TriesWatched

__all__ = [
    "ARCHIVE_LANES",
    "ARCHIVE_PACE",
    "ArchiveBreaker",
    "GuardedFetcher",
    "archive_lanes",
    "paced",
]

ARCHIVE_LANES = 4
"""Requests in flight to each archive host, and archive lookups under way at once: the archive's
own, not the cited hosts' default (8, session 31).  One public service every run asks: a wider
default toward the cited sites need not ask it more at once (its intervals set its rate; the
lanes bound what is in flight once its answers take longer than a second or two)."""

ARCHIVE_PACE: dict[str, HostConfig] = {
    "archive.org": HostConfig(ARCHIVE_LANES, interval=0.5),
    "web.archive.org": HostConfig(ARCHIVE_LANES, interval=0.25),
}
"""The Wayback Machine's pace unless the config's ``hosts`` table says otherwise.

The Internet Archive publishes no figure for the availability API (``archive.org``); its staff
give the CDX API's limit as about one request a second averaged over minutes (hard limits have
been lower), and replays tolerate several a second.  ``archive.org`` is asked at most twice a
second; ``web.archive.org`` (replays, and CDX only when the availability API knows nothing) four
times; each by at most :data:`ARCHIVE_LANES` at once.  A 429 all the same opens the run's
breaker: the run stops asking and says so.
"""


def paced(config: Config) -> Config:
    """``config`` with the archive hosts' default pace (:data:`ARCHIVE_PACE`) where it sets none:
    field by field (a table that sets only an ``interval`` keeps the archive's lanes), and never
    more lanes than the user's ``per_host_concurrency`` when that is lower.

    Only a run that may ask an archive (``archive`` not ``off``, or ``--save``) gets them.
    """
    if config.archive.kind == "off" and not config.archive.save:
        return config
    user = config.politeness.hosts
    lanes = min(ARCHIVE_LANES, config.politeness.per_host_concurrency)  # a lower default holds
    hosts = dict(user)
    for host, pace in ARCHIVE_PACE.items():
        own = user.get(host, HostConfig())  # a table's fields, each where it sets one
        hosts[host] = HostConfig(
            own.concurrency or lanes, pace.interval if own.interval is None else own.interval
        )
    return config.with_(hosts=hosts)


def archive_lanes(config: Config) -> int:
    """Archive lookups under way at once in a run of (paced) ``config``: the availability API's
    host's lanes, where each lookup starts (a ``[hosts."archive.org"]`` table's own, if set)."""
    own = config.politeness.hosts.get("archive.org")
    lanes = min(ARCHIVE_LANES, config.politeness.per_host_concurrency)
    return (own.concurrency if own is not None else None) or lanes


_FAILED_OUTCOMES = frozenset(
    {Outcome.TIMEOUT, Outcome.CONNECT, Outcome.DNS, Outcome.TLS, Outcome.PROTOCOL, Outcome.NETWORK}
)


class ArchiveBreaker:
    """One run's circuit breaker for archive requests: stop asking an archive that is down.

    Owned by the run (the pipeline makes one), never a module global, so two runs in one process
    do not share an outage.  Each request through :meth:`guard` gets at most ``timeout`` seconds
    (the fetcher's own retries and backoff included: a 502 retried with backoff, or a 429 whose
    ``Retry-After`` asks for half a minute, would otherwise hold the lookup that long).  After
    ``failures`` failed answers in a row (each of the fetcher's tries counts: a 502 that was
    retried twice is three failed answers), or one 429 (the archive says we are over its rate
    limit), the breaker opens: requests still waiting are abandoned and every later one is
    refused at once, without being sent.  A fetcher that reports each try as it ends
    (:class:`~checker.model.TriesWatched`, as the run's does) has each counted then, and sends
    no retry or queued request of the archive's once the breaker is open: three 502s open it,
    not the first lookup's whole retry sequence with its backoff (issue 19: the lookups in
    flight each waited out their own, ~3 s of a run).  A flaky archive keeps its copies: a
    502 and then a 200 is a streak that ended.  Any other answer (200, 404, a redirect) ends the
    streak: the archive is up.
    """

    def __init__(self, failures: int = 3, timeout: float = 5.0) -> None:
        self._failures = failures
        self._timeout = timeout
        self._streak = 0
        self._opened: asyncio.Event | None = None
        self.reason: str | None = None
        """Why the breaker opened (``None`` while closed): the answers that tripped it."""
        self.not_made = 0
        """Lookups of this run that were skipped or cut short because the breaker was open."""

    @property
    def open(self) -> bool:
        """Whether the run has stopped asking the archive."""
        return self.reason is not None

    def guard(self, fetcher: Fetcher) -> Fetcher:
        """``fetcher`` with every request going through this breaker (one guard per lookup)."""
        return GuardedFetcher(fetcher, self)

    async def ask(
        self,
        url: str,
        request: Awaitable[FetchResult],
        *,
        counted: Callable[[], bool] = lambda: False,
    ) -> FetchResult | None:
        """The answer to ``request`` (for ``url``) within the time allowed, counted unless
        ``counted()`` says its tries already were (:class:`_Tries`); ``None`` when the breaker
        opened while it waited (the answer would come too late to matter)."""
        if self._opened is None:
            self._opened = asyncio.Event()
        answer = asyncio.ensure_future(request)
        opened = asyncio.ensure_future(self._opened.wait())
        try:
            await asyncio.wait(
                (answer, opened), timeout=self._timeout, return_when=asyncio.FIRST_COMPLETED
            )
        finally:
            opened.cancel()
            if not answer.done():
                answer.cancel()  # the fetch itself goes on in the fetcher, holding nothing of ours
        if answer.done() and not answer.cancelled():
            result = answer.result()
        elif self.open:
            return None
        else:
            error = f"the archive did not answer within {self._timeout:g} s"
            result = FetchResult(url, Outcome.TIMEOUT, error=error)
            counted = lambda: False  # noqa: E731 (the timeout is an answer of its own)
        if not counted():
            self.record(result)
        return result

    def record(self, result: FetchResult) -> None:
        """Count one archive answer: a failure lengthens the streak, anything else ends it."""
        if self.open:
            return
        host = urlsplit(result.url).hostname or "the archive"
        if result.outcome is Outcome.OK and result.status_code == 429:
            self._trip(f"{host} answered 429 Too Many Requests")
            return
        if not _failed(result):
            self._streak = 0
            return
        self._streak += max(1, result.attempts)
        if self._streak >= self._failures:
            last = f"HTTP {result.status_code}" if result.status_code else str(result.outcome)
            self._trip(f"{self._streak} failed answers in a row, the last from {host}: {last}")

    def stop(self, reason: str) -> None:
        """Open the breaker for ``reason`` (no more time for the archive), unless it is open."""
        if not self.open:
            self._trip(reason)

    def _trip(self, reason: str) -> None:
        self.reason = reason
        if self._opened is not None:
            self._opened.set()


def _failed(result: FetchResult) -> bool:
    """An answer that says the archive is down or overloaded, not one about the page asked for."""
    if result.outcome in _FAILED_OUTCOMES:
        return True
    return result.outcome is Outcome.OK and (result.status_code or 0) >= 500


class _Tries:
    """One archive request's :class:`~checker.model.TryWatcher`: each try goes to the breaker
    as it ends, so three 502s open it before any lookup waits out its retries' backoff."""

    def __init__(self, breaker: ArchiveBreaker) -> None:
        self._breaker = breaker
        self.count = 0

    def tried(self, result: FetchResult) -> None:
        """Count one try (its own result, whatever its attempt number)."""
        self.count += 1
        self._breaker.record(replace(result, attempts=1))

    def wanted(self) -> bool:
        """No try, first or retry, once the breaker is open."""
        return not self._breaker.open

    def seen(self) -> bool:
        """Whether the breaker has already counted this request's tries."""
        return self.count > 0


class GuardedFetcher:
    """A lookup's view of the fetcher: requests go through the run's breaker, or are refused.

    ``incomplete`` records that a question of the lookup went unanswered (the archive failed,
    or the breaker refused to ask), so its "no copy" is reported as a lookup not made rather
    than as "no archived copy found".
    """

    def __init__(self, fetcher: Fetcher, breaker: ArchiveBreaker) -> None:
        self._fetcher = fetcher
        self._breaker = breaker
        self.incomplete = False

    async def get(self, url: str, *, fresh: bool = False) -> FetchResult:
        """GET ``url`` unless the breaker is open (then a refusal, with no request sent).

        A fetcher that reports each try (:class:`~checker.model.TriesWatched`) has the breaker
        count each one as it ends and stops retrying once it opens; with any other, the
        breaker counts the final answer (all its tries at once).
        """
        if self._breaker.open:
            return self._refuse(url)
        tries = _Tries(self._breaker)
        watched = self._fetcher if isinstance(self._fetcher, TriesWatched) else None
        if watched is not None:
            watched.watch_tries(url, tries)
        try:
            request = self._fetcher.get(url, fresh=True) if fresh else self._fetcher.get(url)
            answer = await self._breaker.ask(url, request, counted=tries.seen)
        finally:
            if watched is not None:
                watched.watch_tries(url, None)  # if no fetch took it (cache, store)
        return self._counted(url, answer)

    def _counted(self, url: str, answer: FetchResult | None) -> FetchResult:
        if answer is None:
            return self._refuse(url)
        self.incomplete = self.incomplete or _failed(answer) or answer.status_code == 429
        return answer

    def _refuse(self, url: str) -> FetchResult:
        self.incomplete = True
        return FetchResult(url, Outcome.NETWORK, error="not asked: the archive is unavailable")
