"""Runs the stages in order: discover → extract → check (fetch/verify) → report.

The only module that imports more than one stage: each stage sees only the leaves (model,
findings, config, errors) and what this module hands it, so data flows one way.  A run's state
(the fetcher shared by ``discover`` and ``verify``, so input pages and cited sources share one
connection pool, one set of per-host limits and one in-run cache; the store, the memo, the judge
pool, the save gate, the archive phase, the crash log) is one object, :class:`~checker.run.Run`,
and this module is a thin driver over it: it discovers and extracts, and hands each citation to
check to an :class:`~checker.executor.Executor` as a plain-data :class:`~checker.executor.Job`,
keeping the verdicts that stream back in report order.

Checking overlaps discovery: discovery hands each page over as soon as it finds it, and that
page's posts are extracted and their citations submitted while discovery goes on.  An executor
with worker processes may extract a page in one of them (:class:`ExtractsElsewhere`); posts
are still taken in discovery's order, so a run's keys, dedup and accounting do not depend on
where a page was read.  Between
extract and check, citations whose URL the include/exclude patterns and the ignore file rule out
(:mod:`checker.patterns`) are set aside as ``skipped`` without a request.  Verdicts come back one
by one, so an optional ``progress`` callback can hear of each as it finishes; rendering that is
the CLI's business.

A run accounts for everything it was given (SPEC.md, "Accounting").  Each input is discovered on
its own, so the run knows what each one yielded: an input that yields no post, a post discovery
found but could not read, and a run that checked no citation at all become
:class:`~checker.model.Problem` findings, never a silent pass.  The same post reached from two
inputs is checked once (the first one found wins; the other input is noted on it).

One bad page never loses the run: an unexpected exception while extracting a page (here) or
verifying a citation (in the executor) is caught, its traceback goes to the run's crash log
(:class:`~checker.run.CrashLog`), and the page or the citation carries a finding naming the
exception and the log, while the run goes on.

Archive lookups never hold a verdict back (issue 19): a dead source's verdict is counted and
shown as soon as it is reached, and only then is an archived copy looked for (the executor sends
it twice, :class:`~checker.executor.Verdict`).

What the process does with its memory is the process's business, not the library's: the CLI
passes ``on_discovered`` to freeze what discovery found out of the collector's sight.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections import Counter, deque
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path, PurePath
from typing import Protocol, runtime_checkable
from urllib.parse import urlsplit

from checker.config import EVIDENCE_FILE, Config
from checker.discover import Discovery, Scope, discover_inputs
from checker.discover.found import OtherFile, SoFar, Unread
from checker.discover.kinds import PAGE_SUFFIXES
from checker.executor import Executor, ExecutorFactory, Job, LocalExecutor, Verdict
from checker.fetch.loop import run_loop
from checker.fetch.store import record_verdicts
from checker.findings import CATALOGUE, Code, Severity
from checker.interrupts import raise_swallowed
from checker.model import (
    INTERRUPTED_NOTE,
    CheckedCitation,
    CheckedDocument,
    Document,
    Finding,
    Page,
    Problem,
    ProgressEvent,
    ProgressKind,
    Report,
    Status,
)
from checker.patterns import UrlFilter
from checker.report.signature import is_report
from checker.report.write import FORMATS, report_name
from checker.run import VERSION, CrashLog, Run, describe
from checker.verify.post_page import refreshed_to_wall, stand_in

__all__ = [
    "VERSION",
    "CrashLog",
    "ExtractsElsewhere",
    "Progress",
    "StoppedRun",
    "check",
    "run",
]

Progress = Callable[[ProgressEvent], None]


def check(
    inputs: Sequence[str],
    config: Config | None = None,
    *,
    progress: Progress | None = None,
    on_discovered: Callable[[], None] | None = None,
    executor: ExecutorFactory | None = None,
    clock: Callable[[], datetime] | None = None,
    written: Sequence[Path] = (),
) -> Report:
    """Check every citation in ``inputs``; the synchronous face of :func:`run`.

    The report leaves the event loop through a box, never as the main task's result: on the way
    out, ``asyncio.Runner.run`` (3.11) restores the SIGINT handler, and ``signal.signal`` turns
    the handler it replaces, a ``partial`` holding the main task, into an error message with
    ``%r``, so the task's repr, so its result's: a :class:`~checker.model.Report`'s dataclass repr
    is the whole run as text, made and thrown away at once (+95 MB of peak RSS at 20,000 URLs,
    the run's highest moment; bench/README.md, issue 19).
    """
    box: list[Report] = []
    stopped: list[Report] = []

    async def main() -> None:
        box.append(
            await run(
                inputs,
                config or Config(),
                progress=progress,
                on_discovered=on_discovered,
                executor=executor,
                clock=clock,
                on_stopped=stopped.append,
                written=written,
            )
        )

    # A Ctrl-C swallowed before the loop (forking the workers) or as it ended (the runner's
    # handler raises once the run is done) stops the run here (checker/interrupts.py).
    raise_swallowed()
    try:
        run_loop(main())  # uvloop's loop where installed (checker/fetch/loop.py)
    except KeyboardInterrupt as exc:
        if stopped:
            raise StoppedRun(stopped[0]) from exc
        raise
    raise_swallowed()
    return box[0]


class StoppedRun(KeyboardInterrupt):
    """A run interrupted (Ctrl-C, SIGTERM) once it had begun checking: ``report`` is what it
    checked, marked interrupted, every citation not yet checked accounted for as not checked
    (``Report.interrupted``), for the command to write before it ends as interrupted."""

    def __init__(self, report: Report) -> None:
        super().__init__("interrupted")
        self.report = report


async def run(
    inputs: Sequence[str],
    config: Config,
    *,
    progress: Progress | None = None,
    on_discovered: Callable[[], None] | None = None,
    executor: ExecutorFactory | None = None,
    clock: Callable[[], datetime] | None = None,
    on_stopped: Callable[[Report], None] | None = None,
    written: Sequence[Path] = (),
) -> Report:
    """Discover the pages, extract their posts, check every citation; return the Report.

    ``executor`` makes the executor that checks the citations (default: this process,
    :class:`~checker.executor.LocalExecutor`; ``checker.dask_executor``: a Dask cluster).
    ``on_discovered`` is called once discovery has ended, every post found: the posts and
    citations live to the end of the run, so a process may move them out of its collector's
    sight then (the CLI calls ``gc.freeze``; bench/README.md).  With a store, the verdicts are
    kept as one more run of its history (``citecheck trends``), stamped with the run's start
    time; ``clock`` (tests) sets that time, and the report's.  ``on_stopped`` receives, when
    the run is cancelled or interrupted, the report of what it checked so far
    (:meth:`_Verdicts.so_far`), marked interrupted, before the interrupt goes on.
    ``written``: the files the command writes besides the report folder (``-o FILE``), which
    a folder input holding them does not read as posts (:func:`_own_files`).
    """
    started = _now(clock)
    url_filter = UrlFilter.from_config(config)  # a bad pattern fails before any request
    async with Run(config, inputs=inputs) as current:
        config = current.config
        # Posts a listing dates before this may be answered from the store (incremental runs).
        unchanged = (
            datetime.now(UTC) - timedelta(seconds=config.store.ttl) if config.store.path else None
        )
        scope = Scope(
            max_posts=config.crawl.max_posts,
            since=config.crawl.since,
            label=config.crawl.label,
            unchanged_before=unchanged,
            exclude_path=config.crawl.exclude_path,
            respect_ignore=config.crawl.ignore,
            local_roots=config.verify.local_roots,
            own_files=_own_files(config, written),
        )
        tracker = _Tracker(url_filter, _listening(progress), current.fetcher)
        verdicts = _Verdicts(url_filter, tracker)
        checking = (executor or LocalExecutor)(current, verdicts.take)
        intake = _Intake(verdicts, checking, current)
        found = SoFar()  # what discovery found: an interrupted run's report says it
        try:
            # One call: every input is opened before any page is handed on; the intake hears
            # which input each page comes from, to account for what each input yielded.
            discoveries = await discover_inputs(
                inputs,
                current.fetcher,
                crawl=config.crawl.follow,
                scope=scope,
                on_page=intake.page,
                on_input=intake.begin_input,
                room=intake.room,
                so_far=found,
            )
            await intake.settled()
            checking.no_more_jobs()
            tracker.discovery_ended()
            if on_discovered is not None:
                on_discovered()
            await checking.finish()
        except BaseException as exc:
            await checking.cancel()
            if on_stopped is not None and isinstance(
                exc, KeyboardInterrupt | asyncio.CancelledError
            ):
                judged = verdicts.so_far(intake.noted)
                warc = tuple(current.warc_files)
                stop = _now(clock)
                said = (*intake.stopped_problems(inputs, found), *checking.problems())
                said = _said_offline(said, _offline(current, checking))
                on_stopped(Report(tuple(inputs), judged, VERSION, started, stop, said, warc, True))
            raise
        finally:
            tracker.close()
        offline = _offline(current, checking)
        checking_problems = checking.problems()
    checked = verdicts.checked(intake.noted)
    problems = (*intake.problems(inputs, discoveries, checked), *checking_problems)
    problems = _said_offline(problems, offline)
    warc_files = tuple(current.warc_files)
    report = Report(tuple(inputs), checked, VERSION, started, _now(clock), problems, warc_files)
    if config.store.path is not None:
        record_verdicts(config.store.path, report, config)
    return report


def _offline(current: Run, checking: Executor) -> str | None:
    """Why the run could reach no network at all (discovery's requests and the checks'), if so."""
    return current.fetcher.network_unavailable or checking.offline()


def _said_offline(problems: tuple[Problem, ...], offline: str | None) -> tuple[Problem, ...]:
    """``problems`` led by the run-level reason its citations are unreachable, if there is one.
    An error, not unreachable's default warning: a run that could reach nothing checked
    nothing, and "nothing checked" is never a pass."""
    if offline is None:
        return problems
    finding = Finding(Code.UNREACHABLE, Severity.ERROR, f"network unavailable: {offline}")
    return (Problem(None, finding), *problems)


class _Verdicts:
    """Hands each post's citations to the executor and keeps their verdicts in report order.

    Every citation gets a key, its place in the run; a skipped one gets its verdict here, any
    other is a :class:`~checker.executor.Job`.  A verdict is counted (progress) when the first
    one for its key arrives, and kept when the final one does.
    """

    def __init__(self, url_filter: UrlFilter, tracker: _Tracker) -> None:
        self._filter = url_filter
        self._tracker = tracker
        self._documents: list[Document] = []
        self._owner: list[int] = []  # key -> index of its post in _documents
        self._verdicts: list[CheckedCitation | None] = []  # key -> its final verdict
        self._shown: dict[int, CheckedCitation] = {}
        """Keys counted whose final verdict is still to come (a dead source's archive lookup),
        with their first verdict: an interrupted run reports it (:meth:`so_far`)."""

    def start(self, document: Document, executor: Executor) -> None:
        """Submit ``document``'s citations (the skipped ones are judged here)."""
        index = len(self._documents)
        self._documents.append(document)
        self._tracker.add(document)
        for citation in document.citations:
            key = len(self._verdicts)
            self._verdicts.append(None)
            self._owner.append(index)
            reason = self._filter.skip_reason(citation.url)
            if reason is not None:
                self.take(Verdict(key, CheckedCitation(citation, Status.SKIPPED, note=reason)))
                continue
            day = document.published
            executor.submit(Job(key, citation, day.isoformat() if day else None))

    def take(self, verdict: Verdict) -> None:
        """The executor's sink: count a verdict the first time its key is heard of; keep it
        when it is final."""
        key = verdict.key
        if key not in self._shown:
            self._tracker.done(self._documents[self._owner[key]], verdict.checked)
        if not verdict.final:
            self._shown[key] = verdict.checked
            return
        self._shown.pop(key, None)
        self._verdicts[key] = verdict.checked

    def so_far(self, noted: Callable[[Document], Document]) -> tuple[CheckedDocument, ...]:
        """Every post found so far with its verdicts: an interrupted run's, which must account
        for every citation it found, checked or not.  A dead source whose archive lookup was
        under way keeps its first verdict (no ``archive_url``); a citation with no verdict yet
        is ``skipped`` as not checked (:data:`INTERRUPTED_NOTE`)."""
        keys = iter(range(len(self._verdicts)))
        for document in self._documents:
            for citation in document.citations:
                key = next(keys)
                if self._verdicts[key] is None:
                    unchecked = CheckedCitation(citation, Status.SKIPPED, note=INTERRUPTED_NOTE)
                    self._verdicts[key] = self._shown.pop(key, unchecked)
        return self.checked(noted)

    def checked(self, noted: Callable[[Document], Document]) -> tuple[CheckedDocument, ...]:
        """Every post in discovery order with its verdicts (``noted`` adds what it must)."""
        flat = iter(self._verdicts)
        done: list[CheckedDocument] = []
        for document in self._documents:
            verdicts = tuple(next(flat) for _ in document.citations)
            if any(v is None for v in verdicts):  # an executor that lost a job is a bug
                raise RuntimeError(f"a citation of {document.url} got no verdict")
            kept = tuple(v for v in verdicts if v is not None)
            done.append(CheckedDocument(noted(document), kept))
        return tuple(done)


@runtime_checkable
class ExtractsElsewhere(Protocol):
    """An executor that can extract a page's posts in another process (:mod:`checker.processes`):
    the driver's discovery is then no longer the only core extracting (issue 19)."""

    def extract_elsewhere(self, page: Page) -> asyncio.Future[tuple[Document, ...] | None] | None:
        """A future for ``page``'s posts extracted elsewhere; ``None``: extract it here.  The
        future's ``None``: it could not be done there (a worker lost, or its extraction failed):
        extract it here, where a crash is logged and becomes the page's finding.  A cancelled
        future: the run is being cancelled, and nothing more is taken."""
        ...


@runtime_checkable
class ReleasesPages(Protocol):
    """An executor whose checks read the fetcher that read the pages (the local one): told
    when a page's posts are taken, it lets the fetcher drop a text no citation waits for
    (issue 19: a crawl's post pages were kept to the end of discovery)."""

    def page_taken(self, url: str) -> None:
        """Discovery's page ``url`` (its ``origin``) has had its posts taken."""
        ...


_CHARS_AHEAD = 2_000_000
"""Characters of page text the intake holds at most while their posts are not taken yet
(waiting for, or under, extraction here or in a worker): discovery waits for room beyond it
(:meth:`_Intake.room`).  Without a bound, reading outran extraction and a crawl held 243 of 300
real pages at once (~120 K characters each, 4 bytes a character once decoded: 120 MB; issue
19).  2 M characters are ~17 such pages (8 MB), enough for this process's extraction thread and
a worker per core (each takes ~32 K characters at a time, ``processes._EXTRACTING_CHARS``),
whatever the pages' count; bounded by text, not pages, so small pages keep every worker fed."""

_PAGES_AHEAD = 256
"""Pages the intake holds at most, whatever their text (empty pages still cost their posts)."""

_ON_THREAD = 2
"""Pages given to this process's extraction thread at once: one under way and the next, so
the thread never waits on the loop between two pages, and the rest stay free to go to a worker
process that has room."""


# Never compared nor printed: no __eq__/__repr__ compiled at import (issue 19).
@dataclasses.dataclass(slots=True, eq=False, repr=False)
class _Found:
    """A page in discovery's order, with the input that found it, waiting for its posts."""

    page: Page
    input: tuple[int, str]
    documents: tuple[Document, ...] | None = None
    unparsed: Problem | None = None
    elsewhere: asyncio.Future[tuple[Document, ...] | None] | None = None
    here: asyncio.Future[tuple[Document, ...]] | None = None
    """Its posts, extracted on this process's extraction thread (:meth:`Run.posts_soon`)."""

    @property
    def waiting(self) -> bool:
        """Whether it waits for an extractor with room (no posts, no finding, no future)."""
        return (
            self.documents is None
            and self.unparsed is None
            and self.here is None
            and self.elsewhere is None
        )


class _Intake:
    """Turns each found page into posts to check, and accounts for every input and post.

    Extraction of each page is isolated (an unexpected exception makes that page a
    ``post-unreadable`` problem naming the crash log, and the run goes on).  A post already
    found through an earlier input is not checked again: the first one found wins and the
    other input that found it is noted on it (:attr:`~checker.model.Document.also_from`).

    This process extracts its pages on the run's extraction thread (:meth:`Run.posts_soon`),
    off the loop the checks share, two at a time; an executor that :class:`ExtractsElsewhere`
    may take a page to extract in a worker process meanwhile.  A page waits here until one of
    them has room, so a worker started late still gets its share.  The pages' posts are taken
    in discovery's order (a page extracted here waits for the pages before it), so keys, dedup
    and accounting are those of one process.  A page the worker could not do is extracted
    here, on the loop.
    """

    def __init__(self, verdicts: _Verdicts, executor: Executor, run: Run) -> None:
        self._input = (0, "")
        self._verdicts = verdicts
        self._executor = executor
        self._run = run
        self._elsewhere = executor if isinstance(executor, ExtractsElsewhere) else None
        self._releases = executor if isinstance(executor, ReleasesPages) else None
        self._found: deque[_Found] = deque()
        self._unassigned: deque[_Found] = deque()  # found, not yet given to an extractor
        self._threaded: list[asyncio.Future[tuple[Document, ...]]] = []
        """The last pages given to the extraction thread (those not done are under way: a
        future's state, not a count its callbacks keep, which run a turn later)."""
        self._settled: asyncio.Event | None = None
        self._yielded: Counter[int] = Counter()
        self._first: dict[str, int] = {}  # post URL -> index of the input that found it first
        self._also: dict[str, list[str]] = {}
        self._unparsed: list[Problem] = []
        self._capped: list[Problem] = []
        self._misread: list[Problem] = []
        self._room: asyncio.Future[None] | None = None  # discovery waiting for room, if it is
        self._chars = 0  # the text of the pages in _found

    async def room(self) -> None:
        """Return once the pages waiting for their posts to be taken are fewer than
        :data:`_PAGES_AHEAD` and their text under :data:`_CHARS_AHEAD` (discovery's
        :data:`~checker.discover.found.PageRoom`: a crawl streams its pages)."""
        while self._chars >= _CHARS_AHEAD or len(self._found) >= _PAGES_AHEAD:
            if self._room is None or self._room.done():  # (one future for every waiter)
                self._room = asyncio.get_running_loop().create_future()
            await asyncio.shield(self._room)

    def begin_input(self, index: int, item: str) -> None:
        """The pages that follow come from input ``index``, given as ``item``."""
        self._input = (index, item)

    def page(self, page: Page) -> None:
        """Checking overlaps discovery: a page's posts are checked as soon as it is found (and
        the pages before it are)."""
        found = _Found(page, self._input)
        self._found.append(found)
        self._chars += len(page.body)
        found.documents = self._run.kept_posts(page)  # a warm page: no parse, no trip
        if page.answered and (instead := _instead(page, kept=found.documents is not None)):
            found.documents = None
            found.unparsed = Problem(page.origin, _unreadable(instead))  # no post to read
        if found.waiting:
            self._unassigned.append(found)
            self._assign()
        self._take_ready()

    def _assign(self) -> None:
        """Hand the pages waiting to be extracted, in discovery's order, to whoever has room:
        a worker process (:class:`ExtractsElsewhere`), else this process's extraction thread
        while it has fewer than :data:`_ON_THREAD` pages.  A page waits here, not in the
        thread's queue, so that a worker started later (a lazy start) or freed still gets its
        share of the pages discovery found at once."""
        while self._unassigned:
            found = self._unassigned[0]
            if self._elsewhere is not None:
                found.elsewhere = self._elsewhere.extract_elsewhere(found.page)
            if found.elsewhere is not None:
                found.elsewhere.add_done_callback(self._arrived)
            elif sum(not f.done() for f in self._threaded) < _ON_THREAD:
                found.here = self._run.posts_soon(found.page)
                found.here.add_done_callback(self._off_thread)
                self._threaded = [f for f in self._threaded if not f.done()] + [found.here]
            else:
                return
            self._unassigned.popleft()

    def _off_thread(self, posts: asyncio.Future[tuple[Document, ...]]) -> None:
        if not posts.cancelled():  # (cancelled: the run stops, and nothing more is extracted)
            self._arrived(posts)

    async def settled(self) -> None:
        """Wait until every page found has had its posts taken (some may be extracted
        elsewhere still when discovery ends)."""
        if self._found:
            self._settled = asyncio.Event()
            await self._settled.wait()

    def _extract(self, found: _Found) -> None:
        """Extract ``found``'s posts here; a crash becomes the page's finding."""
        try:
            found.documents = self._run.posts(found.page)
        except Exception as exc:  # a bug or a page no extractor survives: this page only
            self._crashed(found, exc)

    def _crashed(self, found: _Found, exc: BaseException) -> None:
        """``found``'s extraction raised ``exc``: logged, and the page's finding."""
        page = found.page
        log = self._run.crashes.record(exc, f"extracting {page.origin}")
        finding = Finding.of(
            Code.POST_UNREADABLE,
            f"could not be read: extracting its posts failed with {describe(exc, log)}",
            suggestion="report the crash log to citecheck's maintainers",
        )
        found.unparsed = Problem(page.origin, finding)

    def _arrived(self, _: object) -> None:
        """A page's posts came in (a future's callback, a loop turn later): take what is ready.
        Not once the run closes (interrupted): its executor checks nothing more (probe 22b)."""
        if self._run.closing:
            return
        self._assign()
        self._take_ready()

    def _take_ready(self) -> None:
        """Take the posts of the pages at the head of discovery's order whose posts are in."""
        while self._found:
            found = self._found[0]
            if found.waiting:  # given to no extractor yet: its posts are still to come
                return
            here = found.here
            if here is not None:
                if not here.done() or here.cancelled():  # (cancelled: the run stops)
                    return
                found.here = None
                crash = here.exception()
                if crash is None:
                    found.documents = here.result()
                else:  # (an Exception: the thread's work raises nothing else)
                    self._crashed(found, crash)
            elsewhere = found.elsewhere
            if elsewhere is not None:
                if not elsewhere.done() or elsewhere.cancelled():  # (cancelled: the run stops)
                    return
                found.elsewhere = None
                found.documents = elsewhere.result()
                if found.documents is None:  # not done there: done here, in its turn
                    self._extract(found)
            self._found.popleft()
            self._chars -= len(found.page.body)
            self._take(found)
            if self._releases is not None:
                self._releases.page_taken(found.page.origin)
            if self._room is not None and not self._room.done():
                self._room.set_result(None)
        if self._settled is not None:
            self._settled.set()

    def _take(self, found: _Found) -> None:
        """Account for ``found``'s posts and start the checks of the new ones."""
        if found.unparsed is not None:
            self._unparsed.append(found.unparsed)
            return
        index, item = found.input
        for document in found.documents or ():
            self._yielded[index] += 1
            first = self._first.setdefault(document.url, index)
            if first != index:  # found through an earlier input: checked and reported once
                others = self._also.setdefault(document.url, [])
                if item not in others:
                    others.append(item)
                continue
            if document.omitted:
                self._capped.append(
                    Problem(
                        document.url,
                        _capped(document, self._run.config.crawl.max_citations_per_post),
                    )
                )
            if document.unread_part is not None:
                self._misread.append(Problem(document.url, _misread(document.unread_part)))
            self._verdicts.start(document, self._executor)

    def noted(self, document: Document) -> Document:
        """``document`` with the other inputs that found the same post, if any."""
        also = tuple(self._also.pop(document.url, ()))
        return dataclasses.replace(document, also_from=also) if also else document

    def posts_problems(self) -> tuple[Problem, ...]:
        """What the posts read so far could not give (unparsed, capped, partly unread): also an
        interrupted run's report, which must not drop an unreadable post it had found."""
        return (*self._unparsed, *self._capped, *self._misread)

    def problems(
        self,
        inputs: Sequence[str],
        discoveries: Sequence[Discovery],
        checked: Sequence[CheckedDocument],
    ) -> tuple[Problem, ...]:
        """Everything the run could not account for by checking a citation."""
        found = [*self._inputs_problems(inputs, discoveries), *self.posts_problems()]
        if inputs and not any(_was_checked(c) for d in checked for c in d.citations):
            found.append(Problem(None, _checked_nothing(checked)))
        return tuple(found)

    def stopped_problems(self, inputs: Sequence[str], so_far: SoFar) -> tuple[Problem, ...]:
        """An interrupted run's: each finished input's as a whole run says them, the pages the
        input under way had found unreadable, and the posts' (a listing found unreadable, an
        input that yielded nothing were in no report of the run that found them, probe 30i).
        Not "checked nothing": the interrupt, which the report says, is why."""
        done = so_far.done
        return (
            *self._inputs_problems(inputs[: len(done)], done),
            *_unread_problems(so_far.unread),
            *_kept_off_problems(so_far.unread, so_far.skipped),
            *self.posts_problems(),
        )

    def _inputs_problems(
        self, inputs: Sequence[str], discoveries: Sequence[Discovery]
    ) -> list[Problem]:
        """What each input's discovery could not read or left out, and an input that yielded
        no post."""
        found: list[Problem] = []
        for index, (item, discovery) in enumerate(zip(inputs, discoveries, strict=True)):
            found += _unread_problems(discovery.failed)
            found += _kept_off_problems(discovery.failed, discovery.skipped)
            if discovery.other_files:
                found.append(Problem(item, _files_not_read(discovery.other_files)))
            if discovery.ignored:
                found.append(Problem(item, _files_ignored(discovery.ignored)))
            if discovery.listings:
                found.append(Problem(item, _listings_not_read(discovery.listings)))
            if discovery.read_as_listing is not None:
                page = discovery.read_as_listing
                own = self._first.get(page) == index
                found.append(Problem(item, _read_as_listing(page, self._yielded[index] - own, own)))
            if self._yielded[index] == 0:
                failed = sum(u.listing is None for u in discovery.failed)
                listings = len(discovery.failed) - failed
                nothing = _yielded_nothing(failed, listings, discovery.elsewhere)
                found.append(Problem(item, nothing))
        return found


def _unread_problems(unread: Sequence[Unread]) -> list[Problem]:
    """The posts (``post-unreadable``, or cut) then the listings (``listing-unreadable``)
    discovery found but could not read."""
    posts = [u for u in unread if u.listing is None]
    listings = [u for u in unread if u.listing is not None]
    return [
        *(
            Problem(u.url, _cut(u.reason, u.fix) if u.cut else _unreadable(u.reason or None, u.fix))
            for u in posts
        ),
        *(
            Problem(
                u.url,
                _listing_unreadable(u.listing or "", u.reason, u.fix, u.guessed, in_part=u.cut),
            )
            for u in listings
        ),
    ]


def _kept_off_problems(unread: Sequence[Unread], skipped: Sequence[str]) -> list[Problem]:
    """The pages robots.txt kept the crawl off that are not said unread already (a post or a
    listing named to it is, with its remedy)."""
    said = {u.url for u in unread}
    return [Problem(url, _robots_kept_off()) for url in skipped if url not in said]


def _capped(document: Document, cap: int) -> Finding:
    """A post with more citations than the cap: the ones past it were counted, not checked.

    The cap named is the run's setting: the citations built can be fewer (a file repeating
    one URL 589,999 times was said past "max_citations_per_post (1)", probe 25b).  A repeat
    takes no slot of the cap (probe 26b), but a Markdown post's repeats past a bound do
    (:func:`checker.extract.markdown._within_budget`: each costs a parse)."""
    return Finding.of(
        Code.CITATIONS_CAPPED,
        f"cites more than max_citations_per_post ({cap}): {document.omitted} more "
        f"link{'s' if document.omitted != 1 else ''} past the cap were not checked",
        suggestion="raise max_citations_per_post (0: no cap) to check them all, "
        "or exclude the page from the inputs",
    )


def _misread(part: str) -> Finding:
    """A part of a post meant as something it could not be read as (a ``---`` block of fields
    that is no YAML): its text was read and checked as the post's, so nothing passed unread,
    but what it meant (the title, the date) was not, and the site's generator fails on it or
    shows it as text.  A warning: every citation of the post was checked."""
    return Finding(
        Code.POST_UNREADABLE,
        Severity.WARNING,
        f"{part}; the block was read as the post's text instead, its links checked",
        suggestion="make the block YAML (key: value lines, a value with a colon in quotes), "
        "or start the post with something other than --- if it is no front matter",
    )


def _instead(page: Page, *, kept: bool) -> str | None:
    """Why ``page``, which answered for its post, is a page standing in the post's place, else
    None.  Its ``Refresh`` header is asked every time (the memo keeps posts by their body
    alone); its body only when it is extracted anew (a warm one was judged when it was
    extracted), as a cited page is, at the cost of one more parse of the post page
    (bench/README.md, "Session 31, probe")."""
    by_header = refreshed_to_wall(page.origin, page.url, page.refresh, page.body)
    if by_header is not None or kept:
        return by_header
    return stand_in(page.origin, page.url, page.body)


def _unreadable(reason: str | None, fix: str | None = None) -> Finding:
    """``fix``: the reason's own remedy (robots.txt forbids it: its page loads fine)."""
    because = f": {reason}" if reason else " (its page did not answer 200 with a readable page)"
    return Finding.of(
        Code.POST_UNREADABLE,
        f"discovery found this post but could not read it{because}; its citations were not checked",
        suggestion=fix or "check that the post's page loads, then run again",
    )


def _cut(reason: str, fix: str | None = None) -> Finding:
    """A post read only in part: checked as far as it was read, the rest said.  The remedy is
    the cap's own, whatever the reason's wording, unless the reason has its own (``fix``: a
    gzip file served cut short, which no cap mends)."""
    return Finding.of(
        Code.POST_UNREADABLE,
        f"discovery read this post only in part ({reason}): its citations past the cut were "
        "not checked",
        suggestion=fix or "raise --max-bytes above the post's size, then run again",
    )


def _listing_unreadable(
    listing: str, reason: str, fix: str | None = None, guessed: bool = False, *, in_part: bool
) -> Finding:
    """A sitemap, feed page or older-posts page that failed: no post, but its posts are lost.
    ``fix``: the reason's own remedy (robots.txt forbids it: its page loads fine).  A listing
    ``guessed`` at (``Unread.guessed``), whose posts may not exist, is a warning.  ``in_part``:
    read but for the entries ``reason`` names, whose posts alone are lost."""
    lost = (
        f"discovery read this {listing} only in part ({reason}); the posts those entries stand "
        "for were not found, so they were not checked"
        if in_part
        else f"discovery could not read this {listing} ({reason}); the posts it lists were not "
        "found, so they were not checked"
    )
    return Finding(
        Code.LISTING_UNREADABLE,
        Severity.WARNING if guessed else CATALOGUE[Code.LISTING_UNREADABLE].severity,
        lost,
        suggestion=fix
        or "check that the page loads, then run again; or name the posts another way "
        "(the blog's feed, an export file)",
    )


def _robots_kept_off() -> Finding:
    """A page the crawler walked or guessed its way to that robots.txt forbids (Blogger's
    older-posts pages under ``Disallow: /search``): a quiet skip by design, at ``info``, but
    counted (the accounting line's "not crawled, as robots.txt asks"): no number said it."""
    return Finding(
        Code.LISTING_UNREADABLE,
        Severity.INFO,
        "not read: robots.txt disallows crawling this page, which the crawler found by itself; "
        "the posts it lists are found another way when the feed or sitemap lists them",
        suggestion="name the page's URL as an input to read it whatever robots.txt says",
    )


_NAMED_FILES = 5  # the files a files-not-read note names of each sort; the rest are counted


def _some_named(paths: Sequence[str]) -> str:
    """The first :data:`_NAMED_FILES` of ``paths``, and how many more."""
    more = f" and {len(paths) - _NAMED_FILES} more" if len(paths) > _NAMED_FILES else ""
    return ", ".join(paths[:_NAMED_FILES]) + more


def _files_not_read(files: Sequence[OtherFile]) -> Finding:
    """The files of a folder input that are of no post's kind: said, never left out in silence.

    Info: a blog folder's images and PDFs are its assets, not posts, and must not fail a run
    (``--fail-on warning``); a text file of another kind is named so the user can name it.
    """
    parts = []
    for binary, sort in ((False, "text"), (True, "binary")):
        paths = [f.path for f in files if f.binary is binary and f.unlike is None]
        if paths:
            parts.append(f"{len(paths)} {sort} ({_some_named(paths)})")
    for unlike in sorted({f.unlike for f in files if f.unlike is not None}):
        paths = [f.path for f in files if f.unlike == unlike]
        parts.append(f"{len(paths)} {unlike} ({_some_named(paths)})")
    count = f"{len(files)} file{'s' if len(files) != 1 else ''}"
    why = f"{'are' if len(files) != 1 else 'is'} of no post's kind and "
    if any(f.unlike is not None for f in files):  # not all files: said so
        count, why = f"{len(files)} entr{'ies' if len(files) != 1 else 'y'}", ""
    return Finding.of(
        Code.FILES_NOT_READ,
        f"{count} in this folder {why}{'were' if len(files) != 1 else 'was'} not read: "
        f"{'; '.join(parts)}",
        suggestion="name a file as an input to read it as text (a file named is read whatever "
        "its suffix), or leave it out with --exclude-path",
    )


def _listings_not_read(urls: Sequence[str]) -> Finding:
    """The pages a sitemap lists that only list posts (discover's ``listing_path``): no post,
    left out on purpose, and said (info), as a folder's other files are."""
    return Finding.of(
        Code.FILES_NOT_READ,
        f"{len(urls)} page{'s' if len(urls) != 1 else ''} the sitemap lists only list posts "
        f"(home, tag, category, archive, pager pages: {_some_named(urls)}): not read as posts; "
        "the posts are read from the sitemap's own entries",
        suggestion="name a page's URL as an input to check it as a page",
    )


def _read_as_listing(page: str, posts: int, own: bool) -> Finding:
    """A named page read as the posts it lists (discover's named listing): which page, how many
    posts it gave, and whether what it cites outside its teasers was checked as a post of its
    own, so that a page the user named is never replaced by its posts in silence.  Counted from
    the documents the run took (discovery keeps no page a sink took)."""
    rest = (
        "what it cites outside them is checked as a post of its own"
        if own
        else "it cites nothing of its own outside them"
    )
    return Finding.of(
        Code.FILES_NOT_READ,
        f"{page} lists posts (a tag, category, series or archive page): read as {posts} "
        f"post{'s' if posts != 1 else ''} it lists (within --max-posts and --since), each from "
        f"its own page; {rest}",
        suggestion="name a post's URL to check one post; --max-posts caps how many are read",
    )


def _own_files(config: Config, written: Sequence[Path] = ()) -> frozenset[Path]:
    """The files a run writes in its report folder (every format's report, the WARC) and
    ``written`` (``-o FILE``), resolved: discovery walking a folder of posts that holds them
    does not read them.  ``citecheck check docs -o docs/report.md`` run twice read the first
    run's report as a post, each of its findings found again there (probe 33).

    A file of a report's name that is no report (a post called ``report.md`` in a folder that is
    also the report folder) is read: leaving it out passed the post unchecked in silence
    (session 33's leftover; the command line refuses to replace it, ``cli._refuse_replacing``).
    """
    names = [report_name(name) for name in FORMATS]
    folder = config.report.dir.resolve()
    reports = [folder / name for name in names]
    return frozenset(
        [
            *(p for p in reports if not p.is_file() or is_report(p)),
            folder / EVIDENCE_FILE,
            *(p.resolve() for p in written),
        ]
    )


def _files_ignored(paths: Sequence[str]) -> Finding:
    """The files of a folder input its ignore rules kept out: counted, the posts among them
    named, so a lychee user sees why they were not checked and how to read them."""
    posts = [p for p in paths if PurePath(p).suffix.lower() in PAGE_SUFFIXES]
    kinds = f": {len(posts)} of a post's kind ({_some_named(posts)})" if posts else ""
    count = f"{len(paths)} file{'s' if len(paths) != 1 else ''}"
    return Finding.of(
        Code.FILES_NOT_READ,
        f"{count} in this folder {'were' if len(paths) != 1 else 'was'} kept out by its "
        "ignore rules (.gitignore, .ignore, .git/info/exclude), dependency folders "
        "(node_modules, vendor/bundle) or the folders of a saved page's files (Post_files) "
        f"and not read{kinds}",
        suggestion="--no-ignore (or ignore = false in the config) reads them, as lychee's; "
        "a file named as an input is always read",
    )


def _yielded_nothing(unreadable: int, listings: int, elsewhere: Mapping[str, int]) -> Finding:
    """Why an input gave no post, as far as discovery knows: what it found but could not read,
    and the entries of its feed or sitemap that name another host (``elsewhere``, by host)."""
    lost = [f"{unreadable} found could not be read"] if unreadable else []
    if listings:
        lost.append(f"{listings} listing page{'s' if listings != 1 else ''} could not be read")
    if elsewhere:
        hosts = sorted(elsewhere, key=lambda host: (-elsewhere[host], host))
        count = sum(elsewhere.values())
        lost.append(
            f"{count} entr{'ies' if count != 1 else 'y'} it lists {'are' if count != 1 else 'is'}"
            f" on another host, {_some_named(hosts)}: not read"
        )
    detail = f" ({'; '.join(lost)})" if lost else ""
    fix = (
        _BUILT_ELSEWHERE
        if elsewhere
        else "check that the input is a post, a blog, a feed or a folder of posts; "
        "--crawl reads a whole blog"
    )
    return Finding.of(
        Code.NOTHING_CHECKED, f"this input yielded no post to check{detail}", suggestion=fix
    )


_BUILT_ELSEWHERE = (
    "a site built with another base URL (Hugo's baseURL, Jekyll's url) names its posts there: "
    "rebuild it with its own address, or check its home page or its build folder"
)


def _checked_nothing(checked: Sequence[CheckedDocument]) -> Finding:
    citations = sum(len(d.citations) for d in checked)
    if citations:
        why = f"all {citations} citation(s) found were skipped or could not be checked"
    else:
        why = f"no citation was found in {len(checked)} post(s)"
    return Finding.of(
        Code.NOTHING_CHECKED,
        f"the run checked no citation: {why}",
        suggestion="a run that checks nothing is never a pass: check the inputs and the "
        "include/exclude patterns",
    )


def _was_checked(checked: CheckedCitation) -> bool:
    """A verdict was reached (a skipped citation, or one whose check crashed, has none)."""
    return checked.status is not Status.SKIPPED


_BUSIEST_EVERY = 0.25
"""Seconds between two searches for the longest host queue: a scan of every host per finished
citation cost 2 s of a 20,000-URL run, for a status line redrawn a few times a second."""


class _Queues(Protocol):
    """The fetcher's side of the progress: its per-host request queues (``HttpFetcher``)."""

    def watch_queues(self, listener: Callable[[], None] | None) -> None: ...

    def busiest_queue(self) -> tuple[int, str] | None: ...


class _Tracker:
    """Counts finished citations and per-host queues; tells the progress callback, if any.

    The queue count is the fetcher's (requests waiting or in flight per host): the fetcher says
    when requests finish, and the tracker sends a ``FETCHED`` event at most every
    ``_BUSIEST_EVERY`` seconds, the last one late rather than never (issue 17: the count went
    stale while a slow host worked through its queue).  When the fetcher has nothing queued
    (a remote executor checks elsewhere), the citations still waiting per host stand in.
    """

    def __init__(
        self, url_filter: UrlFilter, progress: Progress | None, fetcher: _Queues | None = None
    ) -> None:
        self._progress = progress
        self._filter = url_filter
        self._fetcher = fetcher if progress is not None else None
        self._posts = 0
        self._total = 0
        self._checked = 0
        self._ended = False
        self._queues: Counter[str] = Counter()
        self._busiest_seen: tuple[int, str | None] = (0, None)
        self._busiest_at = -_BUSIEST_EVERY
        self._later: asyncio.TimerHandle | None = None
        if self._fetcher is not None:
            self._fetcher.watch_queues(self._requests_moved)

    def add(self, document: Document) -> None:
        """A post found by discovery joins the work (discovery and checking overlap).

        Without a progress callback nobody reads the per-host counts: they are not kept (a URL
        parse per citation, twice, ~6 % of a warm run's CPU).
        """
        self._posts += 1
        self._total += len(document.citations)
        if self._progress is not None:
            self._queues.update(
                _host(c.url) for c in document.citations if self._filter.skip_reason(c.url) is None
            )
        self._emit(ProgressKind.DISCOVERED, document.url)

    def done(self, document: Document, checked: CheckedCitation) -> None:
        self._checked += 1
        if self._progress is not None and checked.status is not Status.SKIPPED:
            self._queues[_host(checked.citation.url)] -= 1
        self._emit(ProgressKind.CHECKED, document.url, checked)

    def discovery_ended(self) -> None:
        """Every post is found: the total is final."""
        self._ended = True
        self._emit(ProgressKind.DISCOVERY_ENDED)

    def close(self) -> None:
        """The run is over: no event after this, and the fetcher no longer calls back."""
        if self._later is not None:
            self._later.cancel()
            self._later = None
        if self._fetcher is not None:
            self._fetcher.watch_queues(None)
        self._progress = None

    def _requests_moved(self) -> None:
        """Requests finished: tell the display now, or once the pace allows (never lost)."""
        if self._progress is None or self._later is not None:
            return
        wait = self._busiest_at + _BUSIEST_EVERY - time.monotonic()
        if wait <= 0:
            self._emit(ProgressKind.FETCHED)
        else:
            self._later = asyncio.get_running_loop().call_later(wait, self._moved_later)

    def _moved_later(self) -> None:
        self._later = None
        self._emit(ProgressKind.FETCHED)

    def _emit(
        self,
        kind: ProgressKind,
        post_url: str | None = None,
        checked: CheckedCitation | None = None,
    ) -> None:
        if self._progress is None:
            return
        queue, host = self._busiest()
        self._progress(
            ProgressEvent(
                kind,
                self._posts,
                self._checked,
                self._total,
                host,
                queue,
                post_url,
                checked,
                discovery_ended=self._ended,
            )
        )

    def _busiest(self) -> tuple[int, str | None]:
        """The longest host queue and its host, as of at most ``_BUSIEST_EVERY`` seconds ago."""
        now = time.monotonic()
        if now - self._busiest_at >= _BUSIEST_EVERY:
            self._busiest_seen = self._search()
            self._busiest_at = now
        return self._busiest_seen

    def _search(self) -> tuple[int, str | None]:
        """The fetcher's longest request queue; else the most citations waiting for a host."""
        requests = self._fetcher.busiest_queue() if self._fetcher is not None else None
        if requests is not None:
            return requests
        waiting = [(n, host) for host, n in self._queues.items() if n > 0 and host]
        return max(waiting) if waiting else (0, None)


def _listening(progress: Progress | None) -> Progress | None:
    """``progress``, or None when it says it shows nothing (``quiet``: ``citecheck -q``'s
    display): its events, a per-host count of every citation and a look at the fetcher's queues
    as requests finish, were built for nobody (issue 19, CPU per URL)."""
    return None if getattr(progress, "quiet", False) is True else progress


def _host(url: str | None) -> str:
    try:
        return (urlsplit(url).hostname or "") if url else ""
    except ValueError:  # a malformed cited URL: verify reports it, the queue ignores it
        return ""


def _now(clock: Callable[[], datetime] | None = None) -> str:
    return (clock() if clock is not None else datetime.now(UTC)).isoformat(timespec="seconds")
