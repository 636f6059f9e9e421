"""Checking on several processes of this machine: ``--processes N`` (issue 19).

A run is CPU-bound on small pages on a quiet machine (a few ms of parsing and judging per URL,
all on one core under the GIL), so a machine with idle cores checks faster on several
processes: the default, ``processes = "auto"``, uses the cores the machine leaves idle, for a
run large enough to gain (:func:`pool_for`; the numbers: bench/README.md, "On two processes"
and "session 17").  Dask
(:mod:`checker.dask_executor`) does that across machines, at about 1.5× the CPU; this executor
does it on one machine with nothing between the processes but pipes:

- :func:`start` forks N-1 worker processes **before** the run's event loop starts (no thread
  or loop exists to be copied half-way; where ``fork`` is missing, or a thread is already
  running, it gives no pool and the run stays on one process);
- the driver (the CLI's own process) is the N-th worker: :class:`ProcessExecutor` checks its
  share with a :class:`~checker.executor.LocalExecutor` of the driver's run, beside discovery;
- each forked worker builds its own :class:`~checker.run.Run` from the same config (its own
  event loop, connections, politeness, store shard, WARC file) and checks the jobs it is sent
  with a LocalExecutor of its own;
- a started worker also extracts pages discovery found, when the driver hands it one
  (:meth:`ProcessExecutor.extract_elsewhere`, a few at a time): their posts come back as data
  and the driver takes them in discovery's order, so keys, dedup and accounting are one
  process's.  Extraction was the driver's alone, the longest piece of a run's critical path.

The run-level semantics are :class:`~checker.dask_executor.DaskExecutor`'s
(:mod:`checker.sharing`): citations are pinned to a worker by site (the least loaded one on the
site's first sight, the driver's load weighed 1.75x: it also starts, discovers and reports), so
per-host politeness holds; the shared hosts are paced ×N in each
worker; an archive breaker that opens (a worker's, or the driver's own) is told to every other
through the driver, and the lookups the breakers stopped are said once; the ``--save`` budget
is split between the workers; the workers' store shards are merged into the run's store at the
end; each worker's WARC file is listed in report.json.

What crosses, over a pair of pipes per worker, is plain data: :class:`ToWorker` and
:class:`FromWorker` frames, JSON written by the memo's codec (:func:`checker.memo.encode`),
length-prefixed, streamed both ways (jobs as discovery finds them, verdicts as they come:
progress shows).  No pickle.  A frame larger than :data:`MAX_FRAME`, or one that is not a
frame of this program, loses its sender.

A worker that hangs without dying (stopped, or its loop stuck) is noticed too: every worker
says it is alive (an empty frame) several times per :func:`silence` — a deadline from the run's
own timeouts — and one silent for longer is killed and lost like one that died.

A worker that dies (a crash, a kill) closes its pipes: every job it had not given a final
verdict for is checked again by the driver, every page it had not answered is extracted by the
driver, and a warning says so; nothing is lost.  A page a worker fails to extract (an exception)
is extracted again by the driver, which logs the crash and reports the page as one process
does.  The driver that goes away closes the pipes too: each worker then cancels its checks and
closes its run unfinished (the store resumes next time), and exits.  Workers ignore SIGINT and
SIGTERM: a Ctrl-C or CI's SIGTERM reaches the driver, whose cancelling closes them.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import functools
import os
import select
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, TypeVar

from checker.codecache import imported
from checker.config import EVIDENCE_FILE, Config, process_limit
from checker.discover.kinds import entry_of, name_kind
from checker.errors import ConfigError
from checker.executor import Job, LocalExecutor, Sink, Verdict
from checker.extract import code_hash as extract_code_hash
from checker.fetch.connect_to import preload_ssl_context
from checker.fetch.loop import loop_factory, run_loop
from checker.fetch.store import insert_url, shard_seal
from checker.memo import decode, encode, written_lately
from checker.model import (
    CheckedCitation,
    Citation,
    Document,
    Finding,
    Observed,
    Page,
    PageKind,
    Problem,
    Status,
)
from checker.run import Run, Shared
from checker.sharing import (
    SharedBreaker,
    auto_processes,
    leftover_shards,
    list_warc_file,
    merge_stores,
    shard_path,
    share_hosts,
    shared_pace,
    site_of,
    warc_folder,
)
from checker.verify.breaker import paced
from checker.verify.citation import code_hash as verify_code_hash

__all__ = [
    "DRIVER",
    "Extracted",
    "FromWorker",
    "Pool",
    "ProcessExecutor",
    "ToExtract",
    "ToWorker",
    "Told",
    "WorkerEnd",
    "answered",
    "auto_processes",
    "available",
    "import_shared",
    "parsing_allowance",
    "shared_modules",
    "start",
    "told",
]

T = TypeVar("T")

DRIVER = "driver"
"""The driver's name as a worker (the forked ones are ``p1``, ``p2``…)."""

_HEADER = 4
"""Bytes of a frame's length, big-endian, before its JSON."""

_READ = 1 << 16
"""Bytes read from a pipe at a time."""

_GO = b"\x01"
"""The byte that starts a worker's run (before any frame); end of file instead: no run."""

_EXIT_WAIT = 5.0
"""Seconds a cancelled run waits for its workers to close their runs before killing them."""

MAX_FRAME = 256 << 20
"""Largest frame read (bytes): a length past it is no frame of this program (a worker's verdicts
go out in batches of :data:`_BATCH`, far below it), and the driver keeps no such buffer."""

_BATCH = 500
"""Verdicts per frame at most."""

_BEATS = 10
"""Times a worker says it is alive per :func:`silence`."""

_DRIVER_WEIGHT = 1.75
"""How much more a job weighs on the driver than on a worker, when a new site goes to the least
loaded: the driver also starts the run (its import, ~0.5 s of CPU before any job), discovers
(fetches and extracts the posts), takes every verdict and writes the reports.  Measured on the
uniform 2,000 URLs, whole command's wall on an idle machine (`bench.run --small`, weights
alternated, load 1.3-1.9): 1.0-2.4 all give 2.58-2.73 s, 4.0 gives 2.90-3.21 s: the worker
that takes most sites is then the run's end, its checks waiting on its own busy loop.  A model
of CPU paths alone (each process's CPU, no waits) picked 4.0 under load and was wrong on an
idle machine (bench/README.md, "Session 20, wall outside the per-URL work" and the lead's
note after it); session 17's 1.75 stays."""

_EXTRACTING_CHARS = 1 << 15
"""Characters of pages a worker may have to extract at once (one page past it is sent when it
has none): beyond, the driver extracts the next page itself.  The pages go to whichever of the
two is free, about as fast as each gets through them (a worker busy with its checks takes
fewer), and a page the driver waits for (posts are taken in discovery's order) is never far
down a worker's queue.  Measured on the uniform 2,000 URLs (``bench.phases``, each process's
CPU, load 6-12; bench/README.md, "Session 21"): 128 K chars gave the worker 7/8 of the 112
files and made its path the run's end; 16 K left the driver's path 0.1-0.2 s the longer (it
did 2/3 of them); 32 K (one Blogger label page, or ten Markdown posts, at a time) evened the
two paths within 0.1 s."""

_SHARED_PAGE_CHARS = 1 << 20
"""Pages longer than this are extracted by the driver: a frame stays far below
:data:`MAX_FRAME` whatever the page's text (JSON may write a character as six bytes), and a
worker's loop is never held by one page for long (it says it is alive between two pages: a
run with short timeouts has a short :func:`silence`)."""

_PARSING = 30.0
"""Seconds more a worker with pages to extract may stay silent, whatever their length (see
:func:`parsing_allowance`)."""

_PARSING_PER_CHAR = 5e-5
"""Seconds more per character of the pages a worker has to extract: 82 s in all for a 1 M
character page (:data:`_SHARED_PAGE_CHARS`), over twice the slowest parse measured (probe 21:
a Markdown page of 1 M ``[`` costs 35 s of CPU; nested ``<div>``, 4 s).  No more: a worker
really stopped with such a page out holds the pages after it (posts are taken in discovery's
order) until it is found."""

_HOLD = 0.5
"""Seconds a lazy start holds the first jobs back waiting for ``start_after`` more."""

_WARM_SHARE = 0.5
"""A lazy start stays on one process when the store answers at least this share of the first
jobs (:meth:`ProcessExecutor._answered_by_store`)."""
AUTO_START = 200
"""Citations a run on ``processes = "auto"`` checks on the driver alone before its workers
start: below it, a worker's start (its run's opening, its own connections, the frames) costs
more than the split saves (measured: bench/README.md, "session 17")."""


def parsing_allowance(chars: int) -> float:
    """Seconds a worker with ``chars`` characters of pages to extract may stay silent beyond
    :func:`silence` (0 when it has none).

    A worker parses its pages on its extraction thread, but a parse in C (lxml) may hold the
    GIL, and the loop that says the worker is alive with it, until the page is done.  Without
    this a page slower to parse than :func:`silence` (3 s with short timeouts) got its worker
    killed as hung, its checks asked again and the page parsed twice (probe 21).  A worker
    really hung with pages out is still found, later."""
    return _PARSING + chars * _PARSING_PER_CHAR if chars else 0.0


def silence(config: Config) -> float:
    """Seconds a worker may stay silent before the driver counts it hung: twice the longest a
    request may wait for a connection then a read.  A worker's loop says it is alive whatever
    its requests do; one that cannot for that long is stopped, or stuck."""
    return 2.0 * (config.fetch.connect_timeout + config.fetch.timeout)


@dataclass(frozen=True, slots=True)
class ToExtract:
    """A page the driver found, for a worker to extract (``key``: the driver's name for it)."""

    key: int
    page: Page


@dataclass(frozen=True, slots=True)
class Extracted:
    """A worker's answer for page ``key``: its posts, or ``None`` when it could not extract
    them (the driver extracts that page itself, where a crash is logged and reported)."""

    key: int
    documents: tuple[Document, ...] | None = None


@dataclass(frozen=True, slots=True)
class ToWorker:
    """A frame from the driver: jobs to check; pages to extract; another worker's archive
    breaker opened; or ``end``: no more jobs will come (finish them, close the run, say
    :class:`WorkerEnd`)."""

    jobs: tuple[Job, ...] = ()
    breaker: str | None = None
    end: bool = False
    pages: tuple[ToExtract, ...] = ()


@dataclass(frozen=True, slots=True)
class WorkerEnd:
    """A worker's last word, once its run is closed (its store shard finished)."""

    archive_not_made: int = 0
    archive_reason: str | None = None
    offline: str | None = None
    store: str | None = None
    warc: str | None = None
    store_seal: str | None = None
    """The shard ``store`` as the worker closed it whole (``fetch.store.shard_seal``): its merge
    checks it in full only if it changed since."""


@dataclass(frozen=True, slots=True)
class Told:
    """A verdict as a worker sends it: the :class:`~checker.model.CheckedCitation`'s fields
    but its citation, which is the job's, and the driver holds every job it gave
    (``_Remote.outstanding``); the citation crosses only when it is not the job's (``citation``).

    Each verdict sent its citation back whole (its cited fields, context, fragments: ~45 % of a
    verdict frame's bytes), and the two ends' writing and reading of it cost ~60 µs of CPU a
    checked URL, most of it on the driver's critical path (issue 19).  :func:`told` and
    :func:`answered` copy the fields by :data:`_VERDICT_FIELDS`, so a field added to
    ``CheckedCitation`` and not here fails at once, in every two-process test.
    """

    key: int
    final: bool
    status: Status
    final_url: str | None = None
    observed: Observed | None = None
    findings: tuple[Finding, ...] = ()
    note: str | None = None
    warc_record_id: str | None = None
    saved_url: str | None = None
    saved_at: str | None = None
    warc_file: str | None = None
    citation: Citation | None = None


_VERDICT_FIELDS = tuple(f.name for f in dataclasses.fields(CheckedCitation) if f.name != "citation")
"""The fields of a checked citation a :class:`Told` carries whatever its citation."""


def told(verdict: Verdict, job: Citation | None, warc: str | None = None) -> Told:
    """``verdict`` as a worker sends it, given its ``job``'s citation (None: not known, the
    citation goes whole); a verdict with a WARC record names ``warc``, the worker's own file."""
    checked = verdict.checked
    fields = {name: getattr(checked, name) for name in _VERDICT_FIELDS}
    if checked.warc_record_id is not None:
        fields["warc_file"] = warc
    own = None if checked.citation is job else checked.citation
    return Told(verdict.key, verdict.final, citation=own, **fields)


@dataclass(frozen=True, slots=True)
class FromWorker:
    """A frame from a worker: verdicts (first and final ones, as they come, as :class:`Told`);
    pages' posts it extracted; its archive breaker opened (``breaker``, the reason); why it
    could not reach the network (``offline``, once, with the verdicts it explains); or its
    ``end``."""

    verdicts: tuple[Told, ...] = ()
    breaker: str | None = None
    end: WorkerEnd | None = None
    offline: str | None = None
    extracted: tuple[Extracted, ...] = ()  # (last: a page's posts are spliced in before its end)


def available() -> bool:
    """Whether worker processes can be forked here and now: ``fork`` exists and this process
    runs one thread (a thread's locks, copied mid-use into a child, could deadlock it)."""
    return hasattr(os, "fork") and threading.active_count() == 1


def worker_config(config: Config, index: int, workers: int) -> Config:
    """Worker ``index``'s (0: the driver) config: shared hosts paced ×``workers``, its share of
    the ``--save`` budget (the shares sum to the budget)."""
    config = shared_pace(paced(config), workers)
    limit = config.archive.save_limit
    share = limit // workers + (1 if index < limit % workers else 0)
    return config.with_(save_limit=share) if share != limit else config


# -- framing ------------------------------------------------------------------------------------


def _frame(value: object) -> bytes:
    """``value`` as one frame: its JSON (secrets kept: it is sent, not kept), length first."""
    data = _posts_frame(value) if isinstance(value, FromWorker) else None
    if data is None:
        data = encode(value, secrets=True)
    if data is None:  # the codec knows every model type: a bug
        raise ValueError(f"a {type(value).__name__} could not be written")
    return len(data).to_bytes(_HEADER, "big") + data


_NO_POSTS_END = b"[]}]}"
"""How the frame of one page's posts ends when they are none: ``…"documents":[]}]}``."""


def _posts_frame(message: FromWorker) -> bytes | None:
    """The frame of ``message`` when it is one page's posts that this process's memo wrote a
    moment ago (:func:`checker.memo.written_lately`): its bytes are spliced in, not the posts
    walked and written a second time (a cold run's worker wrote every page it extracted twice,
    ~0.5 ms a page; issue 19).  The same bytes as :func:`encode` writes; None otherwise."""
    if message.verdicts or message.breaker is not None or message.end is not None:
        return None
    if message.offline is not None:
        return None
    if len(message.extracted) != 1:
        return None
    item = message.extracted[0]
    posts = written_lately(item.documents) if item.documents else None
    if posts is None:
        return None
    empty = encode(FromWorker(extracted=(Extracted(item.key, ()),)), secrets=True)
    if empty is None or not empty.endswith(_NO_POSTS_END):
        return None
    return empty[: -len(_NO_POSTS_END)] + posts + _NO_POSTS_END[2:]


def _frames(buffer: bytearray) -> Iterator[bytes]:
    """The whole frames at the start of ``buffer``, taken out of it; :class:`ValueError` for a
    length past :data:`MAX_FRAME` (before waiting for its bytes)."""
    while len(buffer) >= _HEADER:
        size = int.from_bytes(buffer[:_HEADER], "big")
        if size > MAX_FRAME:
            raise ValueError(f"a frame of {size} bytes is no frame of this program")
        if len(buffer) < _HEADER + size:
            return
        frame = bytes(buffer[_HEADER : _HEADER + size])
        del buffer[: _HEADER + size]
        yield frame


class _Pipe:
    """Frames over non-blocking pipes (``reading`` in, ``writing`` out) on an event loop: sends
    never block the loop, and each whole frame received is handed to ``on_frame``; ``on_close``
    once the other end is gone (or this one closed)."""

    def __init__(
        self,
        ends: _Ends,
        on_frame: Callable[[bytes], None],
        on_close: Callable[[], None],
    ) -> None:
        self._ends = ends
        self._loop = asyncio.get_running_loop()
        self._on_frame = on_frame
        self._on_close = on_close
        self._in = bytearray()
        self._out = bytearray()
        self._writing = False
        self._drained: asyncio.Future[None] | None = None
        self.closed = False
        os.set_blocking(ends.reading, False)
        os.set_blocking(ends.writing, False)
        self._loop.add_reader(ends.reading, self._readable)

    def send(self, value: object) -> None:
        """Queue ``value``'s frame and send what the pipe takes now."""
        if self.closed:
            return
        self._out += _frame(value)
        self._flush()

    async def drained(self) -> None:
        """Wait until every queued frame is sent (or the other end is gone)."""
        if self._out and not self.closed:
            self._drained = self._loop.create_future()
            await self._drained

    def close(self) -> None:
        """Stop reading and writing and close the pipes; ``on_close`` is called once."""
        if self.closed:
            return
        self.closed = True
        self._loop.remove_reader(self._ends.reading)
        if self._writing:
            self._loop.remove_writer(self._ends.writing)
        self._ends.close()
        if self._drained is not None and not self._drained.done():
            self._drained.set_result(None)
        self._on_close()

    def _flush(self) -> None:
        try:
            sent = os.write(self._ends.writing, self._out)
        except BlockingIOError:
            sent = 0
        except OSError:  # the other end is gone
            self.close()
            return
        del self._out[:sent]
        if self._out and not self._writing:
            self._loop.add_writer(self._ends.writing, self._flush)
            self._writing = True
        elif not self._out:
            if self._writing:
                self._loop.remove_writer(self._ends.writing)
                self._writing = False
            if self._drained is not None and not self._drained.done():
                self._drained.set_result(None)

    def _readable(self) -> None:
        try:
            data = os.read(self._ends.reading, _READ)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self.close()
            return
        self._in += data
        try:
            for frame in _frames(self._in):
                if self.closed:
                    return
                self._on_frame(frame)
        except Exception:  # a frame that cannot be read (a bug, or garbage): this end is lost
            self.close()


def _decoded(frame: bytes, kind: type[T]) -> T:
    """``frame``'s value; a frame that is not one is a bug (both ends are this program)."""
    value = decode(frame, kind)
    if value is None:
        raise ValueError(f"a {kind.__name__} frame could not be read")
    return value


def answered(outstanding: dict[int, Job], verdicts: tuple[Told, ...]) -> list[Verdict]:
    """The ``verdicts`` a worker may give: those on its ``outstanding`` jobs, which a final
    one takes out, each with its job's citation unless it came with its own.  A verdict on a
    job it was not given, or answered already (a bug), is dropped, first or final: the word of
    the worker that job is with stands."""
    given = []
    for verdict in verdicts:
        job = outstanding.get(verdict.key)
        if job is None:
            continue
        if verdict.final:
            del outstanding[verdict.key]
        citation = job.citation if verdict.citation is None else verdict.citation
        fields = {name: getattr(verdict, name) for name in _VERDICT_FIELDS}
        given.append(Verdict(verdict.key, CheckedCitation(citation, **fields), verdict.final))
    return given


# -- the pool -----------------------------------------------------------------------------------


# Never compared nor printed: no __eq__/__repr__ compiled at import (issue 19).
@dataclass(slots=True, eq=False, repr=False)
class _Ends:
    """One process's ends of the two pipes between driver and a worker."""

    reading: int
    writing: int

    def close(self) -> None:
        """Close both ends (once)."""
        for fd in (self.reading, self.writing):
            with contextlib.suppress(OSError):
                os.close(fd)
        self.reading = self.writing = -1


# Never compared nor printed: no __eq__/__repr__ compiled at import (issue 19).
@dataclass(slots=True, eq=False, repr=False)
class _Child:
    name: str
    pid: int
    ends: _Ends


class Pool:
    """The forked workers of one run, waiting for its first frame (see :func:`start`).

    Used as a context manager around the run: leaving it closes the pipes of workers never
    used (they exit at once) and reaps every one.
    """

    def __init__(
        self,
        config: Config,
        children: list[_Child],
        shares: int | None = None,
        start_after: int = 0,
    ) -> None:
        self.config = config
        self.children = children
        self.shares = shares or len(children) + 1
        """Workers the shares were computed for (more than :attr:`size` when forks failed)."""
        self.start_after = start_after
        """Citations the driver checks alone before the workers start (0: at once); a run that
        ends with no more never starts them."""
        self.executor: ProcessExecutor | None = None

    @property
    def size(self) -> int:
        """Workers, the driver included."""
        return len(self.children) + 1

    def driver_config(self) -> Config:
        """The config of the driver's own run (it is worker 0).  Started lazily, it has every
        shared host whole until the workers start (:func:`~checker.sharing.share_hosts`); a
        ``--save`` budget is split at once (the workers of a run that saves start at once)."""
        if self.start_after > 0:
            return self.config
        return worker_config(self.config, 0, self.shares)

    def factory(self, run: Run, sink: Sink) -> ProcessExecutor:
        """The executor factory the pipeline takes (once: the workers serve one run)."""
        if self.executor is not None:
            raise RuntimeError("a pool of worker processes serves one run")
        self.executor = ProcessExecutor(self, run, sink)
        return self.executor

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *_: object) -> None:
        for child in self.children:
            child.ends.close()
        deadline = time.monotonic() + _EXIT_WAIT
        for child in self.children:
            _reap(child.pid, deadline)


def _reap(pid: int, deadline: float) -> int | None:
    """Wait for ``pid`` to exit until ``deadline``, then kill it; its wait status, if had."""
    _until_exit(pid, deadline)
    while True:
        try:
            done, status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:  # reaped already
            return None
        if done:
            return status
        if time.monotonic() >= deadline:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                return os.waitpid(pid, 0)[1]
            return None
        time.sleep(0.01)


def _until_exit(pid: int, deadline: float) -> None:
    """Block until ``pid`` exits or ``deadline`` passes, woken by the exit itself.

    A worker exits just after its end frame, when the driver is already waiting for it:
    polling alone slept 10 ms after the exit, the run's end on its critical path, every run
    (issue 19, session 28).  A pidfd becomes readable when its process exits (Linux 5.3);
    without one (another system, an older kernel, a pid reaped already) :func:`_reap`'s
    polling decides alone, as before.
    """
    try:
        handle = os.pidfd_open(pid)
    except (AttributeError, OSError):
        return
    try:  # poll, not select: a run with many connections open may hold fds past 1024
        waiting = select.poll()
        waiting.register(handle, select.POLLIN)
        waiting.poll(max(0.0, deadline - time.monotonic()) * 1000)
    finally:
        os.close(handle)


_MARKDOWN = "markdown_it"
"""The Markdown parser's package (:mod:`checker.extract.markdown` imports it on the first
Markdown post)."""
_METADATA = "checker.verify.metadata"
"""The reader of a page's metadata, with rapidfuzz under it (:mod:`checker.verify.citation`
imports it on the first page judged against a cited title, author or date)."""


EVERY_RUN_IMPORTS = ("h2", "encodings.idna")
"""What every process's run imports on first use whatever its inputs, so each forked worker
imported it again (~6 M instructions a worker, issue 19, session 37): ``h2``'s package,
imported by httpx's client with HTTP/2 offered (the default; its connection module stays
hidden, :mod:`checker.fetch`), and the ``idna`` codec (with ``stringprep``'s tables), with
which the standard library encodes every host name it looks up or sends in a TLS handshake."""


def shared_modules(inputs: Sequence[str], *, rerun: bool = False) -> tuple[str, ...]:
    """The modules each process of a run over ``inputs`` would import on first use after the
    fork, which the driver imports once for all of them before it forks (:func:`import_shared`).

    A folder (a site's source: Markdown and HTML posts) or a Markdown post file needs both, an
    HTML post file the metadata reader (a post's sources and headline links are judged against
    their pages' titles, authors and dates).  URLs, lists of URLs, feeds and exports name
    none: what they need shows only once they are read, and a run that never needs a module
    should not pay for it (issue 19: each is ~20 ms of CPU, paid again by every worker that
    reads a Markdown post or judges a page against a cited title).  A ``rerun`` (its store
    file is there already) recalls its unchanged posts from the store's memo, unparsed: the
    Markdown parser waits for a post that changed (a warm rerun imports none).
    """
    wanted: set[str] = set()
    for item in inputs:
        folder, file = entry_of(item)
        if folder:
            return (_METADATA,) if rerun else (_MARKDOWN, _METADATA)
        if not file:
            continue  # a URL (or nothing: discovery says so)
        kind = name_kind(Path(item))
        if kind is PageKind.MARKDOWN:
            wanted.update((_METADATA,) if rerun else (_MARKDOWN, _METADATA))
        elif kind is PageKind.HTML:
            wanted.add(_METADATA)
    return tuple(name for name in (_MARKDOWN, _METADATA) if name in wanted)


def import_shared(inputs: Sequence[str], store: Path | None, config: Config) -> None:
    """Import :func:`shared_modules` now, before the workers are forked: each worker then has
    them from the fork, instead of importing them again on its first Markdown post and first
    titled page (~20 ms of CPU each, every worker; issue 19, session 30); and, with a store, the
    memo keys' code fingerprints.  The driver would make them in the run either way, later.
    ``store``: the run's store file (a rerun's is there already).

    And the codecs a worker reads its frames and writes its answers with (the reader of
    :class:`ToWorker`, the writer of :class:`FromWorker`, the memo's generated code), which the
    driver never makes for itself: made in a worker they were compiled from source there, every
    run (~15 M instructions a worker, the driver's code cache written by the driver alone);
    made here they come from the cache (:mod:`checker.codecache`) and are forked made.  And,
    on a first run, the TLS context with its CA bundle read (``preload_ssl_context``)."""
    rerun = store is not None and store.is_file()
    if not rerun:  # a rerun asks few pages (its answers are stored): its workers may ask none
        preload_ssl_context(config)
    for name in shared_modules(inputs, rerun=rerun):
        imported(name)  # the patterns of those in codecache.IMPORTS_KEPT kept between runs
    for name in EVERY_RUN_IMPORTS:
        imported(name)
    if store is not None:  # the memo keys' code fingerprints: 34 source files read and hashed
        extract_code_hash()  # (~3 ms a process), which every process of a run with a store
        verify_code_hash()  # would do on its first page and first judgement (issue 19)
        insert_url()  # the store's row statement, made on a store's first write (~1.9 M)
    decode(b"", ToWorker)  # its reader made, nothing read
    encode(FromWorker(), secrets=True)  # its writer made, for every field's type


def start(config: Config, processes: int, start_after: int = 0) -> Pool | None:
    """Fork ``processes - 1`` workers for a run of ``config``; ``None`` when the run stays on
    one process (``processes`` is 1, or :func:`available` says no).  With ``start_after``, the
    workers start only once the run has more citations than that (:class:`Pool`).

    Called before the run's event loop starts.  Each child waits for the byte that starts the
    run; its pipe closed before that makes it exit without opening anything.  More than
    :func:`~checker.config.process_limit` processes is a :class:`ConfigError`; a fork the
    system refuses leaves the run on the workers forked so far, said so.
    """
    if processes > process_limit():  # the config refuses it first (naming its file)
        raise ConfigError(
            f"--processes must be at most {process_limit()} on this machine (got {processes})"
        )
    if processes <= 1 or not available():
        return None
    sys.stdout.flush()  # nothing buffered is written twice
    sys.stderr.flush()
    loop_factory()  # the loop's module (uvloop) imported here, not again in each worker (5 ms)
    driver = os.getpid()  # in the workers' shard names: each run its own (sharing.shard_path)
    children: list[_Child] = []
    for index in range(1, processes):
        try:
            down_read, down_write = os.pipe()  # driver -> worker
            up_read, up_write = os.pipe()  # worker -> driver
        except OSError as exc:
            _refused(processes, len(children), exc)
            break
        try:
            pid = os.fork()
        except OSError as exc:
            for fd in (down_read, down_write, up_read, up_write):
                os.close(fd)
            _refused(processes, len(children), exc)
            break
        if pid == 0:  # the worker: never returns
            os.close(down_write)
            os.close(up_read)
            for sibling in children:
                sibling.ends.close()
            ends = _Ends(down_read, up_write)
            own = worker_config(config, index, processes)
            os._exit(_child(ends, own, f"p{index}", driver))
        os.close(down_read)
        os.close(up_write)
        children.append(_Child(f"p{index}", pid, _Ends(up_read, down_write)))
    if not children:
        return None
    # Shares (the save budget, shared hosts' pace) computed for ``processes``: with fewer
    # forked, they stay conservative.
    return Pool(config, children, processes, start_after)


def _refused(processes: int, forked: int, exc: OSError) -> None:
    """Say that the system refused a worker: the run goes on with ``forked`` + 1 processes."""
    print(
        f"citecheck: warning: could not start {processes - 1} worker processes "
        f"({exc.strerror or exc}): checking on {forked + 1}",
        file=sys.stderr,
    )


# -- a worker -----------------------------------------------------------------------------------


def _child(ends: _Ends, config: Config, name: str, driver: int) -> int:
    """A forked worker's life: wait for the run, check its jobs, report; its exit status."""
    # A Ctrl-C, or CI's SIGTERM sent to the whole process group, is the driver's to handle: it
    # cancels the run and closes its workers in order (a worker killed by SIGTERM would be
    # reported as lost, its jobs checked again, by a run that is stopping).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        if os.read(ends.reading, 1) != _GO:
            return 0  # the run never started (or went on one process): nothing was opened
        if config.store.path is not None:
            config = config.with_(store=shard_path(config.store.path, name, driver))
        warc = None
        if config.fetch.warc:  # this worker's WARC file, in its folder (the last run's too)
            folder = warc_folder(name)
            config = config.with_(report_dir=config.report.dir / folder)
            warc = f"{folder}/{EVIDENCE_FILE}"
        return run_loop(_Worker(ends, config, warc).serve())
    except BaseException:  # the driver sees the pipe close and checks its jobs again
        return 70
    finally:
        sys.stdout.flush()


class _Worker:
    """A forked worker's run: jobs in, verdicts out, as they come."""

    def __init__(self, ends: _Ends, config: Config, warc: str | None) -> None:
        self._ends = ends
        self._config = config
        self._warc = warc
        self._breakers: list[SharedBreaker] = []
        self._verdicts: list[Told] = []
        self._citations: dict[int, Citation] = {}
        """The citation of each job given and not yet finally answered (:class:`Told`)."""
        self._flushing = False
        self._said_offline = False
        self._executor: LocalExecutor | None = None
        self._run: Run | None = None
        self._pipe: _Pipe | None = None
        self._ended: asyncio.Future[None] | None = None
        self._gone: asyncio.Event | None = None

    async def serve(self) -> int:
        """Check until the driver says ``end``; 0, or 1 when the driver went away first."""
        loop = asyncio.get_running_loop()
        self._ended = loop.create_future()
        self._gone = asyncio.Event()
        shared = Shared(breaker=self._breaker)
        try:
            async with Run(self._config, shared=shared) as run:
                self._run = run
                executor = self._executor = LocalExecutor(run, self._take)
                # Read only now: every frame finds the run open.
                pipe = self._pipe = _Pipe(self._ends, self._received, self._gone.set)
                beating = asyncio.ensure_future(_beat(pipe, silence(self._config) / _BEATS))
                try:
                    await self._until_gone(self._ended)
                    executor.no_more_jobs()
                    await self._until_gone(executor.finish())
                except BaseException:
                    await executor.cancel()
                    raise
                finally:
                    beating.cancel()
                self._flush()
                breaker = run.archives.breaker
                shard = run.config.store.path
                end = WorkerEnd(
                    breaker.not_made,
                    breaker.reason,
                    run.fetcher.network_unavailable,
                    str(shard) if shard is not None else None,
                    self._warc,
                )
        except _DriverGoneError:
            return 1
        if shard is not None:  # the run closed its store and memo: the shard as they left it
            end = replace(end, store_seal=shard_seal(shard))
        pipe.send(FromWorker(end=end))
        await pipe.drained()
        pipe.close()
        return 0

    async def _until_gone(self, awaitable: Awaitable[None]) -> None:
        """Await ``awaitable``; raise :class:`_DriverGoneError` if the driver goes away first."""
        if self._gone is None:
            raise RuntimeError("the worker is not serving")
        waited = asyncio.ensure_future(awaitable)
        gone = asyncio.ensure_future(self._gone.wait())
        try:
            await asyncio.wait((waited, gone), return_when=asyncio.FIRST_COMPLETED)
        finally:
            gone.cancel()
        if not waited.done():
            waited.cancel()
            raise _DriverGoneError
        waited.result()

    def _received(self, frame: bytes) -> None:
        message = _decoded(frame, ToWorker)
        if message.breaker is not None:
            for breaker in self._breakers:
                breaker.told(message.breaker)
        executor = self._executor
        if executor is None:  # the pipe is read once the run is open
            raise RuntimeError("jobs came before the worker's run was open")
        for job in message.jobs:
            self._citations[job.key] = job.citation
            executor.submit(job)
        for item in message.pages:
            self._extract(item)
        if message.end and self._ended is not None and not self._ended.done():
            self._ended.set_result(None)

    def _extract(self, item: ToExtract) -> None:
        """Extract ``item``'s page on this worker's extraction thread (:meth:`Run.posts_soon`:
        off the loop its checks share) and send its posts to the driver as they come; ``None``
        when they cannot be had here (the driver extracts the page again itself, and logs the
        crash)."""
        if self._run is None:
            return
        self._run.posts_soon(item.page).add_done_callback(functools.partial(self._extracted, item))

    def _extracted(self, item: ToExtract, posts: asyncio.Future[tuple[Document, ...]]) -> None:
        if self._pipe is None or posts.cancelled():  # (cancelled: the run stops)
            return
        documents = posts.result() if posts.exception() is None else None
        self._pipe.send(FromWorker(extracted=(Extracted(item.key, documents),)))

    def _breaker(self, failures: int, timeout: float) -> SharedBreaker:
        breaker = SharedBreaker(failures, timeout, self._publish)
        self._breakers.append(breaker)
        return breaker

    def _publish(self, reason: str) -> None:
        if self._pipe is not None:
            self._pipe.send(FromWorker(breaker=reason))

    def _take(self, verdict: Verdict) -> None:
        """The executor's sink: verdicts go out together, once per turn of the loop."""
        citations = self._citations
        job = citations.pop(verdict.key, None) if verdict.final else citations.get(verdict.key)
        self._verdicts.append(told(verdict, job, self._warc))
        if not self._flushing:
            self._flushing = True
            asyncio.get_running_loop().call_soon(self._flush)

    def _flush(self) -> None:
        self._flushing = False
        if self._pipe is None:
            return
        verdicts, self._verdicts = self._verdicts, []
        offline = self._newly_offline()
        for start in range(0, len(verdicts), _BATCH):  # frames well below MAX_FRAME
            batch = tuple(verdicts[start : start + _BATCH])
            self._pipe.send(FromWorker(verdicts=batch, offline=offline if not start else None))
        if offline is not None and not verdicts:
            self._pipe.send(FromWorker(offline=offline))

    def _newly_offline(self) -> str | None:
        """Why this worker's run could not reach the network, the first time it is known, else
        None.  Said with the verdicts it explains, not only in the worker's end: a run stopped
        before that end (a Ctrl-C, a CI job's timeout) had the unreachable citations in its
        report without the reason (session 31's leftover)."""
        if self._said_offline or self._run is None:
            return None
        offline = self._run.fetcher.network_unavailable
        self._said_offline = offline is not None
        return offline


async def _beat(pipe: _Pipe, every: float) -> None:
    """Say to the driver that this worker is alive (an empty frame) every ``every`` seconds."""
    while not pipe.closed:
        await asyncio.sleep(every)
        pipe.send(FromWorker())


class _DriverGoneError(Exception):
    """The driver closed the pipe before the run's end: the run is cancelled."""


# -- the driver ---------------------------------------------------------------------------------


# Never compared nor printed: no __eq__/__repr__ compiled at import (issue 19).
@dataclass(slots=True, eq=False, repr=False)
class _Remote:
    """The driver's view of one forked worker."""

    child: _Child
    pipe: _Pipe | None = None
    outstanding: dict[int, Job] = field(default_factory=dict)
    filling: list[Job] = field(default_factory=list)
    end: WorkerEnd | None = None
    lost: bool = False
    heard: float = field(default_factory=time.monotonic)
    """When its last frame came (:func:`time.monotonic`)."""
    extracting: dict[int, _Extracting] = field(default_factory=dict)
    """The pages sent to it whose posts have not come back, by key."""

    def extracting_chars(self) -> int:
        """Characters of the pages it has still to extract."""
        return sum(each.chars for each in self.extracting.values())

    def extracted(self, key: int, documents: tuple[Document, ...] | None) -> None:
        """Page ``key``'s posts came back (``None``: extract it on the driver)."""
        waiting = self.extracting.pop(key, None)
        if waiting is not None and not waiting.posts.done():
            waiting.posts.set_result(documents)

    def extract_nothing_more(self) -> None:
        """It extracts no more (lost, or ended): its pages are the driver's."""
        for key in list(self.extracting):
            self.extracted(key, None)

    def cancel_extracting(self) -> None:
        """The run is cancelled: no page it was extracting is taken, here or there."""
        for waiting in self.extracting.values():
            waiting.posts.cancel()
        self.extracting.clear()


# Never compared nor printed: no __eq__/__repr__ compiled at import (issue 19).
@dataclass(slots=True, eq=False, repr=False)
class _Extracting:
    """A page a worker extracts: its posts to come, and its length (the worker's share)."""

    posts: asyncio.Future[tuple[Document, ...] | None]
    chars: int


class ProcessExecutor:
    """An :class:`~checker.executor.Executor` over a :class:`Pool` and the driver's own run.

    The driver's run checks its share of the sites (a LocalExecutor) and reports what the whole
    run reports once (the archive breaker's problem, a network outage).  Once the workers have
    started, it also hands them pages to extract (:meth:`extract_elsewhere`: the pipeline's
    :class:`~checker.pipeline.ExtractsElsewhere`).
    """

    def __init__(self, pool: Pool, run: Run, sink: Sink) -> None:
        self._run = run
        self._sink = sink
        self._local = LocalExecutor(run, sink)
        self._remotes = {child.name: _Remote(child) for child in pool.children}
        self._site_worker: dict[str, str] = {}
        self._load: Counter[str] = Counter({DRIVER: 0, **{n: 0 for n in self._remotes}})
        self._sending = False
        self._discovering = True
        self._changed = asyncio.Event()
        self._stores: list[str] = []
        self._seals: dict[str, str] = {}
        """Each worker's word on its shard as it closed it (:attr:`WorkerEnd.store_seal`)."""
        self._offline: str | None = None
        # The driver's own lookups' breaker tells the workers when it opens, and opens when told.
        archive = run.config.archive
        self._breaker = SharedBreaker(archive.failures, archive.timeout, self._tell_workers)
        run.archives.breaker = self._breaker
        self.rechecked = 0
        """Jobs checked again by the driver because their worker was lost."""
        self._silence = silence(run.config)
        self._watch: asyncio.TimerHandle | None = None
        self._shares = pool.shares
        self._start_after = pool.start_after
        self._submitted = 0
        self._started = False
        self._declined = False
        """A lazy start found the run warm (:meth:`_answered_by_store`): no worker starts."""
        self._held: list[Job] | None = [] if self._start_after > 0 else None
        """Jobs held back, while a lazy start is undecided (``None``: none are)."""
        self.pages_sent = 0
        """Pages sent to workers to extract (the last one's key)."""
        self._hold: asyncio.TimerHandle | None = None
        if self._start_after <= 0:
            self._start()

    def _start(self) -> None:
        """Start the workers' runs: from now on, sites seen for the first time go to the least
        loaded worker.  A lazy start (``start_after``) first gives the driver's run its share
        of the shared hosts, which it had whole until now."""
        self._started = True
        if self._start_after > 0:
            share_hosts(self._run.fetcher.politeness, self._run.config, self._shares)
        for remote in self._remotes.values():
            # The run starts: the worker opens its run (gone already: its end of file says so).
            with contextlib.suppress(OSError):
                os.write(remote.child.ends.writing, _GO)
            remote.pipe = _Pipe(
                remote.child.ends,
                functools.partial(self._received, remote),
                functools.partial(self._closed, remote),
            )
        if self._breaker.reason is not None:  # the archive went down before they started
            self._tell_workers(self._breaker.reason)
        self._watching()

    def _unused(self) -> None:
        """The run ended below ``start_after`` citations: the workers never start (their pipes
        close: each exits without opening anything), and the driver checked everything."""
        for remote in self._remotes.values():
            remote.end = WorkerEnd()
            remote.child.ends.close()

    def submit(self, job: Job) -> None:
        """Check ``job`` where its site is pinned (jobs for a worker go out once per turn).

        Before a lazy start, the first jobs are held back (at most :data:`_HOLD` seconds):
        pinned at once, every site they name would be the driver's, and a run of a few dozen
        sites would leave its workers nothing.  Past ``start_after`` jobs the workers start
        and the held jobs are spread; at discovery's end below it, or once the hold is up, the
        driver checks them (a run found that slowly waits on the network, not on a core).
        """
        if not self._started and not self._declined:
            self._submitted += 1
            if self._submitted > self._start_after:
                if self._answered_by_store():
                    self._decline()
                else:
                    self._start()
                self._release()
            elif self._held is not None:
                self._held.append(job)
                if self._hold is None:
                    self._hold = asyncio.get_running_loop().call_later(_HOLD, self._release)
                return
        self._dispatch(job)

    def _answered_by_store(self) -> bool:
        """Whether the store already holds fresh answers for most of the held jobs: a warm
        run waits on no network, and a second process only adds its start, its frames and its
        shard's merge (the bench's warm Zipf rerun: 2.2 s on one process, 4.0 s on two)."""
        held = [url for job in self._held or () if (url := job.citation.url) is not None]
        return bool(held) and self._run.fetcher.stored_share(held) >= _WARM_SHARE

    def _decline(self) -> None:
        """Never start the workers (:meth:`_answered_by_store`): the driver checks everything."""
        self._declined = True
        self._unused()

    def _release(self) -> None:
        """Check the held jobs where :meth:`_worker_for` says; hold no more."""
        if self._hold is not None:
            self._hold.cancel()
            self._hold = None
        held, self._held = self._held or [], None
        for job in held:
            self._dispatch(job)

    def _dispatch(self, job: Job) -> None:
        worker = self._worker_for(site_of(job.citation.url))
        self._load[worker] += 1
        remote = self._remotes.get(worker)
        if remote is None:
            self._local.submit(job)
            return
        remote.outstanding[job.key] = job
        remote.filling.append(job)
        if not self._sending:
            self._sending = True
            asyncio.get_running_loop().call_soon(self._send)

    def extract_elsewhere(self, page: Page) -> asyncio.Future[tuple[Document, ...] | None] | None:
        """A future for ``page``'s posts, extracted by the started worker with the fewest
        pages to extract, if it has room (:data:`_EXTRACTING_CHARS`); ``None``: extract it on
        the driver (no worker started, none with room, or a page too long for a frame).

        Extraction was the driver's alone: ~0.85 s of CPU for the bench's 112 files, on the
        run's critical path while the worker idled (bench/README.md, "Session 21").  The posts
        come back as data (the memo's codec), and the driver takes them in discovery's order;
        a worker lost before answering leaves its pages to the driver, as its jobs.
        """
        if not self._started or len(page.body) > _SHARED_PAGE_CHARS:
            return None
        remotes = [r for r in self._live() if r.pipe is not None]
        if not remotes:
            return None
        remote = min(remotes, key=_Remote.extracting_chars)
        if remote.extracting_chars() >= _EXTRACTING_CHARS or remote.pipe is None:
            return None
        self.pages_sent += 1
        posts: asyncio.Future[tuple[Document, ...] | None]
        posts = asyncio.get_running_loop().create_future()
        remote.extracting[self.pages_sent] = _Extracting(posts, len(page.body))
        remote.pipe.send(ToWorker(pages=(ToExtract(self.pages_sent, page),)))
        return posts

    def page_taken(self, url: str) -> None:
        """The pipeline's :class:`~checker.pipeline.ReleasesPages`: the driver's fetcher read
        the page, and only the driver's own checks read that fetcher."""
        self._local.page_taken(url)

    def no_more_jobs(self) -> None:
        """Send every job still queued, and ``end`` to every worker."""
        self._discovering = False
        if not self._started and not self._declined:
            self._unused()
        self._release()
        self._send()
        for remote in self._live():
            if remote.pipe is not None:
                remote.pipe.send(ToWorker(end=True))
        self._local.no_more_jobs()

    async def finish(self) -> None:
        """Wait for every worker's end (a lost one's jobs checked here), then the driver's own
        checks; merge the store shards."""
        while any(r.end is None and not r.lost for r in self._remotes.values()):
            self._changed.clear()
            await self._changed.wait()
        if self._watch is not None:
            self._watch.cancel()
        await self._local.finish()
        deadline = time.monotonic() + _EXIT_WAIT
        for remote in self._remotes.values():
            await asyncio.to_thread(_reap, remote.child.pid, deadline)
        merge_stores(self._run.config.store.path, self._stores, self._seals)

    async def cancel(self) -> None:
        """Close every worker (each cancels its checks, closes its run unfinished), then stop
        the driver's own checks."""
        if self._watch is not None:
            self._watch.cancel()
        if self._hold is not None:
            self._hold.cancel()
        if not self._started:
            self._unused()
        for remote in self._remotes.values():
            remote.end = remote.end or WorkerEnd()
            remote.cancel_extracting()
            if remote.pipe is not None:
                remote.pipe.close()
        deadline = time.monotonic() + _EXIT_WAIT
        for remote in self._remotes.values():
            await asyncio.to_thread(_reap, remote.child.pid, deadline)
        await self._local.cancel()

    def offline(self) -> str | None:
        """Why a worker could not reach the network, if one could not."""
        return self._offline or self._local.offline()

    def problems(self) -> tuple[Problem, ...]:
        """The archive phase's run-level problem, merged over the workers."""
        return self._local.problems()

    @property
    def started(self) -> bool:
        """Whether the workers were started (a lazy start: the run had work enough)."""
        return self._started

    def pinned(self) -> dict[str, str]:
        """Each site's worker (for tests)."""
        return dict(self._site_worker)

    def busy(self) -> list[str]:
        """The forked workers with jobs still unanswered (for a test that kills one)."""
        return sorted(name for name, r in self._remotes.items() if r.outstanding and not r.lost)

    def pids(self) -> dict[str, int]:
        """Each forked worker's process id (for a test that kills one)."""
        return {name: r.child.pid for name, r in self._remotes.items()}

    # -- sending -------------------------------------------------------------------------------

    def _live(self) -> list[_Remote]:
        return [r for r in self._remotes.values() if not r.lost]

    def _worker_for(self, site: str) -> str:
        """The worker pinned to ``site``: assigned on first sight to the least loaded one."""
        worker = self._site_worker.get(site)
        if worker is None or (worker != DRIVER and self._remotes[worker].lost):
            started = self._live() if self._started else []
            names = [DRIVER, *(r.child.name for r in started)]
            worker = min(names, key=lambda w: (self._weighed(w), w))
            self._site_worker[site] = worker
        return worker

    def _weighed(self, worker: str) -> float:
        """``worker``'s load as :meth:`_worker_for` compares it (:data:`_DRIVER_WEIGHT`)."""
        return self._load[worker] * (_DRIVER_WEIGHT if worker == DRIVER else 1.0)

    def _send(self) -> None:
        self._sending = False
        for remote in self._remotes.values():
            if remote.filling and remote.pipe is not None:
                jobs, remote.filling = tuple(remote.filling), []
                remote.pipe.send(ToWorker(jobs=jobs))

    # -- receiving -----------------------------------------------------------------------------

    def _watching(self) -> None:
        """Kill the workers silent for longer than the deadline (hung: stopped, or stuck), so
        that their pipes close and their jobs are checked here; look again later."""
        now = time.monotonic()
        waiting = [r for r in self._remotes.values() if r.end is None and not r.lost]
        for remote in waiting:
            allowed = self._silence + parsing_allowance(remote.extracting_chars())
            if now - remote.heard > allowed:
                self._hung(remote, allowed)
        if any(r.end is None and not r.lost for r in waiting):
            loop = asyncio.get_running_loop()
            self._watch = loop.call_later(self._silence / _BEATS, self._watching)

    def _hung(self, remote: _Remote, allowed: float) -> None:
        print(
            f"citecheck: warning: worker process {remote.child.name} said nothing for "
            f"{allowed:.3g} s: stopped",
            file=sys.stderr,
        )
        with contextlib.suppress(ProcessLookupError):
            os.kill(remote.child.pid, signal.SIGKILL)
        if remote.pipe is not None:
            remote.pipe.close()  # lost: its jobs are checked here

    def _received(self, remote: _Remote, frame: bytes) -> None:
        remote.heard = time.monotonic()
        message = _decoded(frame, FromWorker)
        if message.breaker is not None:
            self._breaker_opened(remote, message.breaker)
        self._offline = self._offline or message.offline
        for verdict in answered(remote.outstanding, message.verdicts):
            self._sink(verdict)
        for extracted in message.extracted:
            remote.extracted(extracted.key, extracted.documents)
        if message.end is not None:
            self._ended(remote, message.end)

    def _breaker_opened(self, remote: _Remote, reason: str) -> None:
        """A worker's archive breaker opened: the driver's opens, every other worker's too."""
        self._breaker.told(reason)
        self._tell_workers(reason, but=remote)

    def _tell_workers(self, reason: str, but: _Remote | None = None) -> None:
        """Open every live worker's archive breaker (but ``but``'s, whose opened)."""
        for other in self._live():
            if other is not but and other.pipe is not None:
                other.pipe.send(ToWorker(breaker=reason))

    def _ended(self, remote: _Remote, end: WorkerEnd) -> None:
        remote.end = end
        self._breaker.not_made += end.archive_not_made
        if end.archive_reason is not None:
            self._breaker.told(end.archive_reason)
        self._offline = self._offline or end.offline
        if end.store is not None:
            self._stores.append(end.store)
            if end.store_seal is not None:
                self._seals[end.store] = end.store_seal
        if end.warc is not None:
            list_warc_file(self._run.warc_files, end.warc)
        if remote.outstanding:  # an end with jobs unanswered: a bug, and never a silent pass
            self._recheck(remote, "ended with citations unchecked")
        remote.extract_nothing_more()  # (none: the end comes after the last page's posts)
        self._changed.set()

    def _closed(self, remote: _Remote) -> None:
        """A worker's pipe closed: without its end, the worker is lost; its jobs are checked
        here."""
        if remote.end is not None:
            return
        remote.lost = True
        self._recheck(remote, "exited before the run's end")
        self._changed.set()

    def _recheck(self, remote: _Remote, what: str) -> None:
        pages = len(remote.extracting)
        remote.extract_nothing_more()
        jobs = list(remote.outstanding.values())
        remote.outstanding.clear()
        remote.filling.clear()
        if pages:
            print(
                f"citecheck: warning: worker process {remote.child.name} {what}: "
                f"the {pages} pages it was extracting are extracted by the main process",
                file=sys.stderr,
            )
        if not jobs:
            if not pages:  # nothing to hand back, but the run lost a process: said, not hidden
                print(
                    f"citecheck: warning: worker process {remote.child.name} {what}: "
                    "it held no citation or page; the main process checks what it would have",
                    file=sys.stderr,
                )
            return
        print(
            f"citecheck: warning: worker process {remote.child.name} {what}: "
            f"its {len(jobs)} citations still unchecked are checked again by the main process",
            file=sys.stderr,
        )
        for site, worker in list(self._site_worker.items()):
            if worker == remote.child.name:
                self._site_worker[site] = DRIVER
        self.rechecked += len(jobs)
        for job in jobs:
            self._load[DRIVER] += 1
            self._local.submit(job)
        if not self._discovering:
            self._local.no_more_jobs()


@contextmanager
def pool_for(
    config: Config, processes: int | Literal["auto"], count: int | None = None
) -> Iterator[Pool | None]:
    """:func:`start`'s pool as a context (``None``: one process).

    ``"auto"`` (the default) is one process per idle core (:func:`auto_processes`; ``count``
    when the caller measured it already: the load is read once), started
    lazily: only a run with
    more than :data:`AUTO_START` citations starts the workers (a smaller one gains less than a
    worker's start costs); a run that may save (``--save``) starts them at once, its budget
    split from the start.  A count the user gives starts them at once.

    First, the store shards an interrupted run on several processes left beside the store are
    merged into it (:func:`~checker.sharing.leftover_shards`): whatever this run's process
    count, their answers serve it, and no shard waits for a run with as many processes.
    """
    store = config.store.path
    if store is not None:
        merge_stores(store, leftover_shards(store))
    if isinstance(processes, int):
        pool = start(config, processes)
    else:  # "auto"
        workers = auto_processes() if count is None else count
        pool = start(config, workers, 0 if config.archive.save else AUTO_START)
    if pool is None:
        yield None
        return
    with pool:
        yield pool
