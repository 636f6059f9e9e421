"""Where citations are checked: the pipeline hands units of work to an :class:`Executor`.

The pipeline is a driver: it discovers pages, extracts posts, decides what to check, and keeps
the verdicts in report order.  The checking itself (fetch the source, judge it, look for an
archived copy of a dead one) is an executor's business.  A unit of work is a :class:`Job`, plain
data in (a model :class:`~checker.model.Citation`), and the results come back as
:class:`Verdict` s, plain data out (a :class:`~checker.model.CheckedCitation`): both are frozen
model dataclasses that :func:`checker.memo.encode` writes as JSON and :func:`checker.memo.decode`
reads back, so a job can cross to a worker process that has its own :class:`~checker.run.Run`
built from the same config, without pickling anything a server sent.

Results stream back through a callback (the executor's ``sink``) as they come, not at the end:
progress is shown as citations finish.  A citation whose source is dead gives two verdicts: the
first (``final=False``) as soon as its verdict is in, counted and shown at once, and the final one
once an archived copy was looked for (issue 19); every other citation gives one final verdict.

:class:`LocalExecutor` is the single-process executor: today's asyncio behaviour, in the run's
event loop.  :class:`checker.dask_executor.DaskExecutor` sends shards of jobs to a Dask cluster,
where each worker checks its shard with a LocalExecutor of its own run.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from checker.dates import parse_day
from checker.fetch import run_key
from checker.findings import Code
from checker.model import (
    CheckedCitation,
    Citation,
    CitationKind,
    FetchResult,
    Finding,
    Observed,
    Problem,
    Status,
)
from checker.run import Run, describe
from checker.slots import slot_setters
from checker.urls import is_template_placeholder

__all__ = [
    "VERIFYING_AT_MOST",
    "VERIFYING_CHARS_AT_MOST",
    "Compact",
    "Executor",
    "ExecutorFactory",
    "Job",
    "LocalExecutor",
    "Sink",
    "Verdict",
    "text_key",
]


@dataclass(frozen=True, slots=True, init=False)
class Job:
    """One citation to check.  ``key`` is the driver's name for it (its place in the run);
    ``published`` is its post's date, the archive lookup's fallback when the citation names none:
    an ISO day, plain data for a worker, read back with :func:`checker.dates.parse_day`.
    """

    key: int
    citation: Citation
    published: str | None = None

    def __init__(self, key: int, citation: Citation, published: str | None = None) -> None:
        """The generated ``__init__``, written out (see :func:`checker.slots.slot_setters`):
        one is made for every citation (issue 19)."""
        set_key, set_citation, set_published = _JOB_SETTERS
        set_key(self, key)
        set_citation(self, citation)
        set_published(self, published)


_JOB_SETTERS = slot_setters(Job)


@dataclass(frozen=True, slots=True, init=False)
class Verdict:
    """The verdict on job ``key``.  ``final`` is False for a dead source's verdict whose archive
    lookup is still under way (a final one for the same key follows)."""

    key: int
    checked: CheckedCitation
    final: bool = True

    def __init__(self, key: int, checked: CheckedCitation, final: bool = True) -> None:
        """The generated ``__init__``, written out (see :func:`checker.slots.slot_setters`):
        one is made for every verdict delivered (issue 19)."""
        set_key, set_checked, set_final = _VERDICT_SETTERS
        set_key(self, key)
        set_checked(self, checked)
        set_final(self, final)


_VERDICT_SETTERS = slot_setters(Verdict)


Sink = Callable[[Verdict], None]
"""Where an executor delivers verdicts, in the driver's thread and event loop."""


class Executor(Protocol):
    """Checks the citations a driver submits; delivers each one's verdicts to its sink."""

    def submit(self, job: Job) -> None:
        """Check ``job``'s citation (without waiting: discovery goes on meanwhile)."""
        ...

    def no_more_jobs(self) -> None:
        """Discovery has ended: every job has been submitted."""
        ...

    async def finish(self) -> None:
        """Return once every submitted job's final verdict has been delivered."""
        ...

    async def cancel(self) -> None:
        """Stop every check under way (the run is failing); no verdict is delivered after this."""
        ...

    def offline(self) -> str | None:
        """Why the checking could not reach the network at all, if it could not."""
        ...

    def problems(self) -> tuple[Problem, ...]:
        """Run-level problems of the checking (the archive's outage), once for the run."""
        ...


ExecutorFactory = Callable[[Run, Sink], Executor]
"""How a driver gets its executor: from the run (for the parts it shares) and its sink."""


class LocalExecutor:
    """Checks citations in this process, on the run's event loop, with the run's parts.

    A job waits as a callback on the fetcher's future for its source (``result_of``), not as a
    suspended coroutine: with 20,000 sources queued behind their hosts' slots, a task and a
    coroutine stack per waiting citation held tens of MB of the Python heap (tracemalloc).  Its
    verification starts once the answer is there (it then finds it in the fetcher's in-run
    cache).  Once no job will read a source's text again, the fetcher is told to let it go
    (:class:`_Bodies`).

    At most :data:`VERIFYING_AT_MOST` verifications run at once; a job whose answer is in waits
    its turn as the bare :class:`Job` (its text waits compressed in the fetcher's in-run cache).
    Fetching outpaces the one judging thread: at 20,000 URLs a thousand verifications stood
    waiting for it, each holding its page's text whole, its coroutines and futures (+40 MB of
    the run's peak, issue 19).  Their texts together stay under :data:`VERIFYING_CHARS_AT_MOST`
    characters too: 192 turns of a blog's ~120 K-character pages held 71 MB (issue 19).  Turns
    are given in the order the answers came in; one verification always runs, however large
    its page.  A turn ends when the verdict is in, before any archive lookup, so slow archives
    never hold back judging.
    """

    def __init__(self, run: Run, sink: Sink) -> None:
        self._run = run
        self._sink = sink
        self._bodies = _Bodies(run)
        # each job's text_key, made once at submit (it was made four times a citation: submit,
        # start, expect and served; ~7 ms of a 2,000-URL run, issue 19)
        self._text_keys: dict[int, str | None] = {}
        self._compact = Compact()
        self._running: set[asyncio.Task[None]] = set()
        self._verifying = 0  # verifications started whose verdict is not in yet
        self._chars = 0  # their texts' characters (the fetcher's ``text_size``)
        self._ready: deque[tuple[Job, int]] = deque()  # answers in, waiting for a turn, sizes
        self._pending = 0
        self._unjudged = 0  # jobs whose first verdict is not in yet
        self._idle: asyncio.Event | None = None
        self._out_of_time: asyncio.TimerHandle | None = None
        self._cancelled = False

    def submit(self, job: Job) -> None:
        """Start ``job`` once its source's answer is in (at once if it reads no page)."""
        self._pending += 1
        self._unjudged += 1
        key = self._text_keys[job.key] = text_key(job.citation)
        self._bodies.expect(key)
        if key is None:
            self._start(job)
            return
        answer = self._run.fetcher.result_of(key)
        if answer.done():  # in the in-run cache: no callback to wait a loop turn for
            self._start(job)
        else:
            answer.add_done_callback(_then(job, self._start))

    def no_more_jobs(self) -> None:
        """Let go of every text whose readers are all served; later ones go as they are served."""
        self._bodies.discovery_done()

    def page_taken(self, url: str) -> None:
        """Discovery's page ``url`` has had its posts taken: its text may go from the fetcher's
        cache if no citation submitted so far reads it (``HttpFetcher.release_text``)."""
        self._bodies.page_taken(url)

    async def finish(self) -> None:
        """Wait for the last final verdict.

        Once every job has its first verdict, the archive lookups still under way get the run's
        ``archive_budget`` seconds, then the run stops asking (they are said not made): a slow
        archive at its polite pace never holds a finished run for minutes (issue 19).
        """
        if self._pending:
            self._idle = asyncio.Event()
            if not self._unjudged:
                self._judging_over()
            try:
                await self._idle.wait()
            finally:
                if self._out_of_time is not None:
                    self._out_of_time.cancel()

    def _judging_over(self) -> None:
        archives = self._run.archives
        loop = asyncio.get_running_loop()
        self._out_of_time = loop.call_later(archives.budget, archives.out_of_time)

    async def cancel(self) -> None:
        """Cancel every verification under way; jobs still waiting for a fetch never start."""
        self._cancelled = True
        self._ready.clear()
        for task in self._running:
            task.cancel()
        await asyncio.gather(*self._running, return_exceptions=True)

    def offline(self) -> str | None:
        """The run's fetcher's verdict on the network (discovery's requests included)."""
        return self._run.fetcher.network_unavailable

    def problems(self) -> tuple[Problem, ...]:
        """The archive lookups the run's breaker stopped, if any."""
        problem = self._run.archives.problem()
        return (problem,) if problem is not None else ()

    def _start(self, job: Job) -> None:
        """Verify ``job`` now if a turn is free, else once one is (after those waiting)."""
        if self._cancelled:
            return  # cancelled while its source was being fetched
        key = self._text_keys.get(job.key)
        chars = 0 if key is None else self._run.fetcher.text_size(key)
        if self._ready or not self._room_for(chars):
            self._ready.append((job, chars))
            return
        self._begin(job, chars)

    def _room_for(self, chars: int) -> bool:
        """Whether a verification of a ``chars``-character text may start now."""
        if not self._verifying:
            return True  # one always runs, however large its page
        return (
            self._verifying < VERIFYING_AT_MOST and self._chars + chars <= VERIFYING_CHARS_AT_MOST
        )

    def _begin(self, job: Job, chars: int) -> None:
        self._verifying += 1
        self._chars += chars
        self._running.add(asyncio.get_running_loop().create_task(self._check(job, chars)))

    def _verified(self, chars: int) -> None:
        """A verdict is in: its turn, and its text's room, go to the jobs waiting, in order."""
        self._verifying -= 1
        self._chars -= chars
        ready = self._ready
        while ready and not self._cancelled and self._room_for(ready[0][1]):
            self._begin(*ready.popleft())

    async def _check(self, job: Job, chars: int) -> None:
        """Verify ``job``, then deliver; the task leaves ``_running`` as it ends, not from a
        done-callback (a handle of its own on the loop for every citation, issue 19)."""
        try:
            await self._checked(job, chars)
        finally:
            self._running.discard(asyncio.current_task())

    async def _checked(self, job: Job, chars: int) -> None:
        run = self._run
        citation = job.citation
        try:
            checked = self._compact.verdict(await run.verify(citation))
        except Exception as exc:  # a bug: this citation says so, the run goes on
            checked = self._crashed(citation, exc)
        finally:
            self._verified(chars)
        if not run.archives.wanted(checked):
            self._deliver(Verdict(job.key, checked), first=True)
            return
        self._deliver(Verdict(job.key, checked, final=False), first=True)  # counted, shown now
        published = parse_day(job.published)
        checked = await self._archived(checked, published)
        self._deliver(Verdict(job.key, checked), first=False)

    async def _archived(self, checked: CheckedCitation, published: date | None) -> CheckedCitation:
        """``checked`` with an archived copy, if one is found; a crashed lookup leaves it as is."""
        try:
            return await self._run.archives.complete(checked, published)
        except Exception as exc:  # a bug in the lookup: the verdict stands without a copy
            log = self._run.crashes.record(exc, f"archive lookup for {checked.citation.url}")
            note = f"no archive lookup: internal error ({describe(exc, log)})"
            return dataclasses.replace(checked, note=note)

    def _deliver(self, verdict: Verdict, *, first: bool) -> None:
        """Hand ``verdict`` over; the ``first`` verdict of a job serves its source's text."""
        if self._cancelled:
            return
        if first:
            self._bodies.served(self._text_keys.pop(verdict.key, None))
            self._unjudged -= 1
            if not self._unjudged and self._idle is not None:
                self._judging_over()  # discovery is over (finish is waiting) and all are judged
        self._sink(verdict)
        if not verdict.final:
            return
        self._pending -= 1
        if self._pending == 0 and self._idle is not None:
            self._idle.set()

    def _crashed(self, citation: Citation, exc: Exception) -> CheckedCitation:
        """The verdict on a citation whose check raised: not checked, saying why.

        ``skipped``, not ``unreachable``: the exception says nothing about the source, and a
        status of its own would claim an availability verdict nobody reached.  The
        ``internal-error`` finding and the note say it was not checked.
        """
        log = self._run.crashes.record(exc, f"verifying {citation.kind.value} {citation.url}")
        finding = Finding.of(
            Code.INTERNAL_ERROR,
            f"checking this citation failed with {describe(exc, log)}; it was not checked",
            suggestion="report the crash log to citecheck's maintainers",
        )
        note = f"not checked: internal error ({type(exc).__name__})"
        return CheckedCitation(citation, Status.SKIPPED, findings=(finding,), note=note)


VERIFYING_AT_MOST = 192
"""Verifications under way at once in a :class:`LocalExecutor` (see there): enough that the
judging thread always has pages queued (a run where it keeps up never reaches it), few enough
that pages waiting for it hold a few MB, not tens."""

VERIFYING_CHARS_AT_MOST = 4 * 2**20
"""Characters of text the verifications under way hold at most, together (see
:class:`LocalExecutor`): a bound by size beside :data:`VERIFYING_AT_MOST`'s by count, so 5 MB
pages cannot make 192 turns a GB.  192 of the benchmarks' ~12 KB articles (2.3 M) fit under it:
small pages keep every turn; a blog's ~120 K-character pages get ~35 (4-16 MB of text)."""


class Compact:
    """Makes the verdicts a run keeps to its end share what they can (issue 19: memory).

    Every verdict lives until the report is written, 20,000 and more of them, and most hold an
    ``Observed`` with a status code alone (a link or a quote compares no metadata): those are
    one value per status code.  ``Observed`` is frozen, so sharing it changes nothing a reader
    sees.  (A final URL equal to the cited one is already the cited URL's own string.)
    """

    def __init__(self) -> None:
        self._observed: dict[int | None, Observed] = {}

    def verdict(self, checked: CheckedCitation) -> CheckedCitation:
        """``checked``, equal, with an observation of a status code alone shared."""
        observed = checked.observed
        if observed is None or observed is self._observed.get(observed.status_code):
            return checked  # judging shares them already (verify.citation): no comparison
        if observed != Observed(status_code=observed.status_code):
            return checked
        shared = self._observed.setdefault(observed.status_code, observed)
        return checked if shared is observed else dataclasses.replace(checked, observed=shared)


def _then(job: Job, start: Callable[[Job], None]) -> Callable[[asyncio.Future[FetchResult]], None]:
    """A done-callback that starts ``job`` whatever the future's outcome."""
    return lambda _: start(job)


class _Bodies:
    """Tells the fetcher when no citation will read a page's text again, so it can let it go.

    Verifying reads a source's text; the fetcher's in-run cache would keep every text to the end
    of the run.  While discovery goes on, a later post may still cite a URL whose citations so far
    are all done, so texts are only let go once discovery has ended and every known citation of
    the URL is served.
    """

    def __init__(self, run: Run) -> None:
        self._run = run
        self._waiting: Counter[str] = Counter()
        self._discovering = True

    def expect(self, key: str | None) -> None:
        """Count a citation that will read the text of :func:`text_key` ``key`` (None: none)."""
        if key is not None:
            self._waiting[key] += 1

    def served(self, key: str | None) -> None:
        """One citation reading ``key``'s text is verified; the text may go if it was the last
        reader."""
        if key is None:
            return
        self._waiting[key] -= 1
        if not self._discovering and self._waiting[key] <= 0:
            del self._waiting[key]
            self._run.fetcher.drop_text(key)

    def page_taken(self, url: str) -> None:
        """A page read for its posts: released to the fetcher unless a citation waits for it
        (which then lets it go as above)."""
        key = run_key(url)
        if self._waiting.get(key, 0) <= 0:
            self._run.fetcher.release_text(key)

    def discovery_done(self) -> None:
        """No more posts will come: let go of every text whose readers are all served."""
        self._discovering = False
        for key in [k for k, n in self._waiting.items() if n <= 0]:
            del self._waiting[key]
            self._run.fetcher.drop_text(key)


def text_key(citation: Citation) -> str | None:
    """The fetcher's key for the page whose text verifying ``citation`` reads, if any.

    An embed is verified through its platform's endpoints, not by reading the embedded URL, and
    a template's placeholder (``https://github.com/{{ .Site.Params.github }}``) is never asked for.
    """
    if citation.url is None or citation.kind is CitationKind.EMBED:
        return None
    if is_template_placeholder(citation.url):
        return None
    return run_key(citation.url)
