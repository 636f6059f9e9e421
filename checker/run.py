"""A run is one object: :class:`Run` owns everything whose life is one run.

Before, a run's state lived in several places: module globals (the Save Page Now budget, the judge
thread pool), the fetcher's internals, the process's collector.  Two runs in one process shared
what they must not (a save budget, a pool), and nothing closed them in a known order.  Now one
:class:`Run`, built from a :class:`~checker.config.Config`, holds them all:

- the fetcher (:class:`~checker.fetch.HttpFetcher`), which holds the run's politeness (per-host
  slots and backoff), its store (memory across runs) and its WARC writer (``--warc``);
- the memo (:class:`~checker.memo.SqliteMemo`, judgements kept beside the stored answers);
- the judge pool (one worker thread where judging's parsing runs, off the event loop);
- the save gate (``--save``'s budget of Save Page Now captures);
- the archive phase (:class:`~checker.verify.citation.ArchiveLookups`, with its breaker);
- the crash log (:class:`CrashLog`).

``async with Run(config, inputs=...) as run:`` opens them and closing releases them in reverse
order, on success, error or cancellation alike: the fetches still under way are cancelled and the
connections closed, the WARC file and the store are closed (the store marks the run finished only
on success, so an interrupted run is resumed next time), the memo is closed, the pool is shut down.

A run is rebuilt from its config alone (plus the inputs naming it), so a worker process of a
distributed run can build its own :class:`Run` from the same config and check its share of the
citations (:mod:`checker.executor`), or extract pages for the driver (:meth:`Run.posts`: one
way to extract a page, wherever it is done).  What such a worker shares with the others of the
run (the slots of the hosts every worker asks, the archive breaker, the ``--save`` budget) comes
in as :class:`Shared` hooks, installed into the parts as the run opens; a local run has none.
"""

from __future__ import annotations

import asyncio
import functools
import os
import signal
import tempfile
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType, TracebackType
from typing import TYPE_CHECKING, TypedDict

from checker import __version__
from checker.config import EVIDENCE_FILE, Config, default_store_path
from checker.extract import extract, kept
from checker.fetch import HttpFetcher
from checker.fetch.batched import Batched
from checker.fetch.local import look_up
from checker.fetch.politeness import SharedHold
from checker.memo import SqliteMemo
from checker.model import CheckedCitation, Citation, Document, Page
from checker.redact import redact_text
from checker.runcache import forget_run_caches
from checker.verify.breaker import ArchiveBreaker, paced
from checker.verify.citation import ArchiveLookups, JudgeThread, save_settings, verify_citation

if TYPE_CHECKING:
    from checker.verify.archive import SaveGate

__all__ = [
    "VERSION",
    "CrashLog",
    "Interrupted",
    "Run",
    "Shared",
    "Stops",
    "crash_folders",
    "describe",
    "interrupted",
    "stops",
]

VERSION = __version__
"""citecheck's release, as the reports and the user agent give it (``checker.__version__``)."""


@dataclass(frozen=True, slots=True)
class Shared:
    """What a worker's run shares with the other workers of a distributed run.

    ``hold`` is entered for every request to one of ``hosts`` (their slots are the cluster's,
    :meth:`~checker.fetch.politeness.Politeness.share`); ``breaker`` makes the archive phase's
    breaker (from its ``failures`` and ``timeout``) and ``saves`` the ``--save`` gate (from its
    ``interval`` and ``limit``), both built on the run's event loop as it opens.
    """

    hosts: frozenset[str] = frozenset()
    hold: SharedHold | None = None
    breaker: Callable[[int, float], ArchiveBreaker] | None = None
    saves: Callable[[float, int], SaveGate] | None = None


class _Extraction(TypedDict):
    """:func:`checker.extract.extract`'s settings for this run (:meth:`Run._extraction`)."""

    include_verbatim: bool
    max_citations: int
    include_fragments: bool


class Run:
    """One run's state, opened together and closed together (see the module's doc).

    The parts are attributes, valid between ``__aenter__`` and ``__aexit__``.  ``config`` is the
    config as the run uses it (the archive hosts' polite pace added, :func:`paced`).
    """

    def __init__(
        self,
        config: Config,
        *,
        inputs: Sequence[str] = (),
        crashes: CrashLog | None = None,
        shared: Shared | None = None,
    ) -> None:
        self.config = paced(config)
        self.inputs = tuple(inputs)
        self._shared = shared or Shared()
        self.warc_files: list[str] = [EVIDENCE_FILE] if self.config.fetch.warc else []
        """The WARC files of the run, relative to the report folder: its fetcher's, and those a
        distributed run's workers wrote (their executor adds them)."""
        self.crashes = crashes if crashes is not None else CrashLog()
        self._fetcher: HttpFetcher | None = None
        self._memo: SqliteMemo | None = None
        self._judge: JudgeThread | None = None
        self._saves: SaveGate | None = None
        where = config.verify  # a local file's link, read from the disk (fetch.local) off the
        # loop, a turn's links in one thread job (fetch.batched)
        self._local = Batched(
            functools.partial(look_up, roots=where.local_roots, root_dir=where.root_dir)
        )
        self._archives: ArchiveLookups | None = None
        self._extractor: ThreadPoolExecutor | None = None
        self._extracting: set[asyncio.Future[tuple[Document, ...]]] = set()
        """The pages given to the extraction thread whose posts are not in yet."""
        self._judging = threading.Event()
        """Set when the judging thread may judge; clear while pages are being extracted."""
        self._judging.set()
        self._closing = False
        """Set as the run closes: a page handed on from then on is not extracted."""

    @property
    def closing(self) -> bool:
        """Whether the run is closing (or closed): pages' posts that come in now start nothing."""
        return self._closing

    @property
    def fetcher(self) -> HttpFetcher:
        """The run's one fetcher: politeness, store, WARC writer and the in-run cache."""
        if self._fetcher is None:
            raise RuntimeError("the run is not open (use it as an async context manager)")
        return self._fetcher

    @property
    def memo(self) -> SqliteMemo | None:
        """Judgements kept across runs, beside the store (``None`` without a store)."""
        return self._memo

    @property
    def judge(self) -> JudgeThread | None:
        """The run's one judging thread (``None`` once the run is closed)."""
        return self._judge

    @property
    def saves(self) -> SaveGate | None:
        """``--save``'s budget for this run (``None`` unless the config asks to save)."""
        return self._saves

    @property
    def archives(self) -> ArchiveLookups:
        """The run's archive phase: lookups for dead sources, with the run's breaker."""
        if self._archives is None:
            raise RuntimeError("the run is not open (use it as an async context manager)")
        return self._archives

    async def __aenter__(self) -> Run:
        config = self.config
        self._closing = False
        forget_run_caches()  # a run sees its folders (vaults, sites) as they are now
        fetcher = HttpFetcher(config, version=VERSION, inputs=self.inputs)
        self._fetcher = await fetcher.__aenter__()
        shared = self._shared
        if shared.hold is not None:
            fetcher.politeness.share(shared.hosts, shared.hold)
        try:
            # After the fetcher: its store creates the SQLite file the memo shares.
            self._memo = SqliteMemo(config.store.path) if config.store.path is not None else None
            self._judge = JudgeThread(after=self._judging)
            if config.archive.save:
                # Imported only to save: archive lookups' module is not a run's (issue 19).
                from checker.verify.archive import SaveGate  # noqa: PLC0415

                settings = save_settings(config)
                gate = shared.saves or SaveGate
                self._saves = gate(settings.interval, settings.limit)
            self._archives = ArchiveLookups(fetcher, config)
            if shared.breaker is not None:
                archive = config.archive
                self._archives.breaker = shared.breaker(archive.failures, archive.timeout)
        except BaseException as exc:
            await self.__aexit__(type(exc), exc, exc.__traceback__)
            raise
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        """Release everything, the last opened first; every part is closed even if one fails.

        Extraction stops first: a page whose posts came in while the fetcher closed (an
        interrupted run) had the intake hand the next page to a run no longer open (probe 22b).
        """
        self._closing = True
        self._stop_extracting(wait=exc_type is None)
        try:
            if self._fetcher is not None:
                fetcher, self._fetcher = self._fetcher, None
                await fetcher.__aexit__(exc_type, exc, tb)
        finally:
            if self._memo is not None:
                self._memo.close()
                self._memo = None
            if self._judge is not None:
                # A judgement under way is a parse of one page; the ones not started never will.
                self._judge.close()
                self._judge = None

    def posts(self, page: Page) -> tuple[Document, ...]:
        """``page``'s posts as this run extracts them: with its memo and its crawl settings.
        The driver and a worker process extracting a page for it (:mod:`checker.processes`)
        both call this, so a page's posts are the same wherever they were read."""
        return extract(page, self._memo, **self._extraction())

    def posts_soon(self, page: Page) -> asyncio.Future[tuple[Document, ...]]:
        """:meth:`posts` of ``page``, extracted on the run's extraction thread, off the loop.

        On the loop, a Blogger label page's extraction held it ~30 ms, a stretch in which no
        answer was read and no host's slot handed on: the loop lagged 37 ms at p90 and 215 ms
        at worst, and each host's lanes idled (issue 19; bench/README.md, "Session 22").  On a
        thread, the loop takes the GIL back within the interpreter's switch interval when an
        answer comes, and extraction has every moment the loop waits.  While pages are being
        extracted the judging thread waits (:attr:`_judging`): extraction finds the lanes'
        next requests, while a judgement holds no slot and can come later.

        The memo's SQLite connection is the loop thread's: what extraction keeps is written
        into it here, on the loop, once the posts are in (the caller asked the memo first,
        :meth:`kept_posts`).  Closing the run cancels the pages not started, and a page given
        while it closes gets a cancelled future: the run stops, nothing more is extracted.
        """
        if self._closing:
            stopped: asyncio.Future[tuple[Document, ...]] = asyncio.Future()
            stopped.cancel()
            return stopped
        if self._fetcher is None:
            raise RuntimeError("the run is not open (use it as an async context manager)")
        if self._extractor is None:
            self._extractor = ThreadPoolExecutor(1, thread_name_prefix="citecheck-extract")
        later = _KeptLater() if self._memo is not None else None
        work = functools.partial(extract, page, later, **self._extraction())
        posts = asyncio.get_running_loop().run_in_executor(self._extractor, work)
        self._extracting.add(posts)
        self._judging.clear()
        posts.add_done_callback(self._extracted)
        if later is not None:
            posts.add_done_callback(functools.partial(self._keep, later))
        return posts

    def _keep(self, later: _KeptLater, posts: asyncio.Future[tuple[Document, ...]]) -> None:
        """Write what the extraction of a page kept into the memo, on the loop's thread."""
        if not posts.cancelled() and self._memo is not None:
            later.into(self._memo)

    def _extracted(self, posts: asyncio.Future[tuple[Document, ...]]) -> None:
        """A page's extraction ended: judging goes on once no page is left on the thread."""
        self._extracting.discard(posts)
        if not self._extracting:
            self._judging.set()

    def _stop_extracting(self, *, wait: bool) -> None:
        """Cancel the pages not extracted yet and end the thread (joined when ``wait``).

        A run that ends well has no page under way: the thread is joined, so the process may
        fork its report writer (one thread).  An interrupted one does not wait for a page under
        way (a pathological page parses for seconds)."""
        for posts in list(self._extracting):
            posts.cancel()  # (a page under way: its posts are heard of by no one)
        self._extracting.clear()
        self._judging.set()
        if self._extractor is not None:
            self._extractor.shutdown(wait=wait, cancel_futures=True)
            self._extractor = None

    def kept_posts(self, page: Page) -> tuple[Document, ...] | None:
        """``page``'s posts if this run's memo holds them (:func:`checker.extract.kept`)."""
        return kept(page, self._memo, **self._extraction())

    def _extraction(self) -> _Extraction:
        """The settings that change what a page cites: links in code, the citation cap, and
        whether the links' fragments are kept for verify (``--include-fragments``)."""
        crawl = self.config.crawl
        return _Extraction(
            include_verbatim=crawl.include_verbatim,
            max_citations=crawl.max_citations_per_post,
            include_fragments=self.config.verify.include_fragments,
        )

    async def verify(self, citation: Citation) -> CheckedCitation:
        """The verdict on ``citation`` with this run's fetcher, memo, judge pool and save gate."""
        return await verify_citation(
            citation,
            self.fetcher,
            self.config,
            memo=self._memo,
            judge=self._judge,
            saves=self._saves,
            local=self._local,
        )


class _KeptLater:
    """A memo that recalls nothing and holds what is kept until :meth:`into` passes it to the
    run's memo on the loop's thread (whose SQLite connection it is).  The run asked its memo
    first (:meth:`Run.kept_posts`): a page extracted is one it did not hold."""

    def __init__(self) -> None:
        self._kept: list[tuple[str, str, bytes]] = []

    def recall(self, subject: str, inputs: str) -> bytes | None:
        return None

    def keep(self, subject: str, inputs: str, value: bytes) -> None:
        self._kept.append((subject, inputs, value))

    def into(self, memo: SqliteMemo) -> None:
        """Keep in ``memo`` what was kept here."""
        kept, self._kept = self._kept, []
        for subject, inputs, value in kept:
            memo.keep(subject, inputs, value)


def crash_folders() -> tuple[Path, ...]:
    """Where crash logs go: the user's cache folder (beside the store), else the temp folder."""
    return (default_store_path().parent / "crashes", Path(tempfile.gettempdir()))


class CrashLog:
    """One run's file of tracebacks of internal errors, named by the findings and messages.

    A traceback never reaches a report or a CI log (SPEC.md: an internal error is one line and
    the path of a crash log); it is kept here for whoever debugs it.  The file is created on
    first use, readable by its owner only, with its text redacted like every other output (an
    exception's message may hold a cited URL's credentials).
    """

    def __init__(self, folders: Sequence[Path] | None = None) -> None:
        self._folders = tuple(folders) if folders is not None else crash_folders()
        self.path: Path | None = None

    def record(self, exc: BaseException, what: str) -> Path | None:
        """Append ``exc``'s traceback; the log's path, or ``None`` if no folder is writable."""
        stamp = datetime.now(UTC)
        text = f"--- {stamp.isoformat(timespec='seconds')} citecheck {VERSION}: {what}\n"
        text = redact_text(text + "".join(traceback.format_exception(exc)))
        if self.path is not None and _append(self.path, text):
            return self.path
        name = f"crash-{stamp:%Y%m%dT%H%M%S}-{os.getpid()}.log"
        for folder in self._folders:
            path = folder / name
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError:
                continue
            if _append(path, text):
                self.path = path
                return path
        return None


def _append(path: Path, text: str) -> bool:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace") as handle:
            handle.write(text)
    except OSError:
        return False
    return True


def describe(exc: BaseException, log: Path | None) -> str:
    """``ValueError: message (traceback in PATH)``: one line, secrets redacted."""
    message = " ".join(str(exc).split())
    if len(message) > _MAX_MESSAGE:
        message = message[: _MAX_MESSAGE - 1] + "…"
    where = f"traceback in {log}" if log is not None else "no crash log could be written"
    text = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    return redact_text(f"{text} ({where})")


_MAX_MESSAGE = 200
"""Characters of an exception's message kept in a finding (the crash log has all of it)."""


# -- stopping a run -----------------------------------------------------------------------------


# Never compared nor printed: no __eq__/__repr__ compiled at import (issue 19).
@dataclass(slots=True, eq=False, repr=False)
class Stops:
    """The signals that stopped the command (see :func:`stops`); its exit status follows."""

    received: list[signal.Signals] = field(default_factory=list)

    @property
    def status(self) -> int:
        """The shell's status for the signal that stopped the run (128 + its number): 143 for
        SIGTERM, else 130 (Ctrl-C, or an interrupt with no signal seen)."""
        if signal.SIGTERM in self.received:
            return 128 + signal.SIGTERM
        return 128 + signal.SIGINT


@contextmanager
def stops() -> Iterator[Stops]:
    """SIGTERM handled as Ctrl-C is, while the command runs.

    CI systems send SIGTERM on a timeout or a cancel; its default action killed the process at
    once, silently (exit 143): no line said what was kept, and a WARC file or a worker's store
    was closed by nobody.  Here it is passed to whatever handles SIGINT at the moment (asyncio's
    runner: the main task is cancelled and every part of the run closes in order, the store
    keeping what finished, so a rerun resumes), and the command ends as an interrupted one,
    with the status of the signal.  Where SIGINT is ignored (a background job of a
    non-interactive shell), SIGTERM still stops the run, with :class:`KeyboardInterrupt`:
    raised by the running loop, between two of its callbacks (:func:`_interrupt_between`).
    """
    seen = Stops()

    def on_term(signum: int, frame: FrameType | None) -> None:
        seen.received.append(signal.Signals(signum))
        handler = signal.getsignal(signal.SIGINT)
        if callable(handler):
            handler(signal.SIGINT, frame)
            return
        _interrupt_between()

    try:
        previous = signal.signal(signal.SIGTERM, on_term)
    except ValueError:  # not the main thread (a library caller's): nothing to install
        yield seen
        return
    try:
        yield seen
    finally:
        signal.signal(signal.SIGTERM, previous)


def _raise_interrupt() -> None:
    raise KeyboardInterrupt


def _interrupt_between() -> None:
    """Stop the run with :class:`KeyboardInterrupt` from the loop itself, where one runs.

    Raised in the signal handler, it lands in whatever code the main thread runs at that
    moment, and code that keeps a transport alive may swallow it: uvloop's TLS read callback
    did ("Fatal error on transport" and a traceback), and the run went on to its end and exit 0
    as if no SIGTERM had come (18 of 40 runs with the store's writer thread, session 29's
    probe).  Raised by a callback of its own, it leaves the loop as asyncio's runner raises it.
    """
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:  # no loop runs here: raised where the main thread is
        raise KeyboardInterrupt from None
    loop.call_soon_threadsafe(_raise_interrupt)


class Interrupted(KeyboardInterrupt):
    """A run stopped before its report, with what it kept for the rerun (:func:`interrupted`)."""


def interrupted(
    config: Config,
    *,
    written: Sequence[Path] = (),
    unwritten: str | None = None,
    unfinished: str | None = None,
    undone: str | None = None,
) -> Interrupted:
    """The interrupt of a run of ``config``, saying what a rerun of the same command gets, and
    where the report of what it checked was ``written`` (or why it was not: ``unwritten``; or
    what became of reports the interrupt came amid: ``unfinished``); ``undone``: what the
    command did not do for it (``fix``: no post changed)."""
    if written:
        where = written[0].parent if len(written) > 1 else written[0]
        report = f"report of what was checked written to {where}, marked interrupted"
    elif unfinished is not None:
        report = unfinished
    elif unwritten is not None:
        report = f"no report written ({unwritten})"
    else:
        report = "no report written"
    if undone is not None:
        report = f"{report}; {undone}"
    store = config.store.path
    if store is None:
        return Interrupted(f"{report}; nothing kept (no store): a rerun starts over")
    return Interrupted(
        f"{report}; the URLs checked so far are kept in {store}: "
        "run the same command again to resume"
    )
