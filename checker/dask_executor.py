"""Checking on a Dask cluster: the jobs of :class:`~checker.executor.LocalExecutor`, in batches.

Citations are pinned by their URL's registered domain (``news.example.co.uk`` and
``www.example.co.uk`` are one site): the first time the driver sees a site it assigns it to the
live worker with the least work so far, and every later citation of the site goes to that worker
(``client.submit(..., workers=[address], allow_other_workers=False)``: no other worker may run
it, and work stealing cannot move it).  Every request to one site is made by one worker, whose
run holds that site's politeness: the per-host limit holds cluster-wide.

Streaming: the driver sends a worker's jobs as a batch as soon as ``batch_size`` of them are
waiting (and the rest once discovery ends), while discovery goes on; each batch's verdicts are
handed to the sink as soon as that batch is done.  The driver keeps the jobs of the batches under
way (citations, not page texts) so a lost worker's batches can be sent again; it never holds a
page's text.

Each worker keeps one long-lived :class:`~checker.run.Run` for the whole run (:class:`_WorkerRun`,
set up by a :class:`RunPlugin` registered for this run and torn down at its end): the politeness
state, the connections, the in-run cache persist across batches.  A batch task hands its jobs to
the worker's run (on its own event loop thread) and leaves Dask's thread pool
(``distributed.secede``) while it waits, so a worker checks all its batches at once, as one
:class:`~checker.executor.LocalExecutor` would.

What crosses between driver and worker is plain data: the jobs and verdicts written as JSON by
the memo's codec (:func:`checker.memo.encode`), never a pickle of anything a server sent.  (The
config crosses as Dask pickles it: the driver's own object.)

Memory across runs: each worker's run writes its store and memo to its own file beside the run's
store, ``<store>.worker-<name>``; at the end the driver merges them into the run's store
(:func:`checker.fetch.store.merge_shard`) and removes them, so a later single-machine run reuses
every answer.  The shard files must be visible to the driver (a LocalCluster, or workers sharing
the store's folder); a shard the driver cannot read is left in place, and said so.

A worker lost mid-run: its batches still under way are sent again to a live worker (its sites
re-pinned there), and since verdicts are only taken from a batch's result, nothing is lost and
nothing is reported twice.

What the workers share (:class:`_Cluster`, installed into each worker's run as
:class:`~checker.run.Shared` hooks):

- hosts every worker asks (the archive, the social platforms' endpoints, :data:`SHARED_HOSTS`):
  each worker starts requests to them ``workers`` times further apart (:func:`shared_pace`), so
  the cluster together keeps each one's interval, and every request to one holds a lease of a
  ``distributed.Semaphore`` with the host's slot count, so no more of them are under way at once
  across the cluster than one run would have;
- the archive lookups' breaker: a worker's breaker that opens publishes its reason in a
  ``distributed.Variable``, which every other worker watches and opens its own breaker on;
- the archive budget: each worker says how many first verdicts it gave once it has judged every
  job it received; once every job sent is judged, the driver gives the lookups still under way
  ``archive_budget`` seconds, then opens every worker's breaker the same way (its reason the
  budget's), as one local run stops asking;
- the ``--save`` budget: a count of saves taken, in a ``Variable`` guarded by a ``Lock``
  (``save_limit`` captures for the whole run, their starts ``save_interval`` apart on average).

``--warc``: each worker's run writes its own WARC file, ``workers/<name>-<pid>/evidence.warc.gz``
in the report folder (a worker restarted under the same name starts a new file, and leaves the
old one whole); each citation's evidence names its file, and report.json lists every file the
batches reported beside the driver's own ``evidence.warc.gz`` (discovery's requests).  Like the
store shards, the files are where the workers' report folder is: with remote workers, a folder
they share with the driver.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import dataclasses
import os
import threading
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

import dask.config
from distributed import (
    Client,
    Future,
    LocalCluster,
    Lock,
    Semaphore,
    Variable,
    WorkerPlugin,
    get_client,
    get_worker,
    secede,
)

from checker.config import EVIDENCE_FILE, Config, process_limit
from checker.encoding import ascii_digits, ascii_int
from checker.errors import ConfigError
from checker.executor import Job, LocalExecutor, Sink, Verdict
from checker.memo import decode, encode
from checker.model import Problem
from checker.run import Run, Shared
from checker.sharing import (
    SHARED_HOSTS,
    SharedBreaker,
    list_warc_file,
    merge_stores,
    shard_path,
    shared_pace,
    shared_slots,
    site_of,
    warc_folder,
)
from checker.verify.archive import SaveGate
from checker.verify.breaker import ArchiveBreaker, paced

__all__ = [
    "BATCH_SIZE",
    "SHARED_HOSTS",
    "DaskExecutor",
    "RunPlugin",
    "check_batch",
    "local_cluster",
    "on",
    "scheduler_client",
    "shard_path",
    "shared_pace",
    "shared_slots",
    "site_of",
    "warc_folder",
]

T = TypeVar("T")

BATCH_SIZE = 200
"""Jobs per batch: big enough that a task's overhead (a few ms) is noise, small enough that
verdicts stream back while discovery goes on."""

_LIVENESS_EVERY = 0.5
"""Seconds between two looks at which workers are alive, while batches are under way."""

_GATHERS = 8
"""Threads fetching batch results (one blocks per batch whose worker died holding it)."""

_WAITERS = 8
"""A worker's threads waiting for leases of shared hosts' semaphores (the calls block)."""

_WATCH_EVERY = 1.0
"""Seconds between two looks of a worker's watch at whether another worker's archive breaker
opened (the scheduler's metadata)."""


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What a worker sends back for one batch: its final verdicts and the run-level news."""

    verdicts: tuple[Verdict, ...]
    archive_not_made: int = 0
    archive_reason: str | None = None
    offline: str | None = None
    store: str | None = None
    warc: str | None = None


class _Cluster:
    """What one worker shares with the other workers of the run ``name`` (see the module's doc).

    Dask's synchronisation objects block their caller while they talk to the scheduler, so they
    are called from threads of their own, never on the run's event loop.  The lease waits have a
    pool, the short calls (releases, publishing) another: a release never queues behind a wait.
    The ``Variable`` s need the worker's client, which is had in a task (:meth:`attach`).
    """

    def __init__(self, name: str, slots: Mapping[str, int], worker: Any) -> None:
        self._name = name
        self._slots = dict(slots)
        self._address = str(worker.address)
        self._scheduler = worker.scheduler
        self._worker_loop = worker.loop
        self._semaphores: dict[str, Any] = {}
        self._waits = concurrent.futures.ThreadPoolExecutor(_WAITERS, "citecheck-lease")
        self._calls = concurrent.futures.ThreadPoolExecutor(1, "citecheck-cluster")
        self._client: Client | None = None
        self._breakers: list[tuple[asyncio.AbstractEventLoop, SharedBreaker]] = []
        self._stopped = threading.Event()
        self._watcher: threading.Thread | None = None

    def shared(self) -> Shared:
        """The hooks a worker's run installs (:class:`~checker.run.Shared`)."""
        return Shared(frozenset(self._slots), self.hold, self._breaker, self._save_gate)

    def attach(self, client: Client) -> None:
        """Take the worker's client (once) and start watching for the breaker to open."""
        if self._client is not None:
            return
        self._client = client
        self._watcher = threading.Thread(target=self._watch, name="citecheck-breaker", daemon=True)
        self._watcher.start()

    def close(self) -> None:
        """Stop the watch, give back the leases held (called once the worker's run is closed).

        A lease wait still blocked in a thread is abandoned; should its lease come after all,
        nobody gives it back, so the semaphores stop renewing their leases: the scheduler lets
        such a lease go after ``distributed.scheduler.locks.lease-timeout``.
        """
        self._stopped.set()
        if self._watcher is not None:
            self._watcher.join(_WATCH_EVERY)  # it polls no more once stopped
        self._waits.shutdown(wait=False, cancel_futures=True)
        self._calls.shutdown(wait=True)  # the releases the closing run handed over
        for semaphore in self._semaphores.values():
            semaphore.refresh_callback.stop()

    # -- the shared hosts' slots ---------------------------------------------------------------

    @asynccontextmanager
    async def hold(self, host: str) -> AsyncIterator[None]:
        """Hold a lease of ``host``'s cluster-wide semaphore (:class:`Politeness`'s hook)."""
        semaphore = self._semaphores.get(host)
        if semaphore is None:
            name = semaphore_name(self._name, host)
            semaphore = _semaphore(name, self._slots[host], self._scheduler, self._worker_loop)
            self._semaphores[host] = semaphore
        loop = asyncio.get_running_loop()
        acquired = loop.run_in_executor(self._waits, semaphore.acquire)
        try:
            await asyncio.shield(acquired)
        except asyncio.CancelledError:  # the lease may still come: give it back then
            acquired.add_done_callback(lambda done: self._give_back(semaphore, done))
            raise
        try:
            yield
        finally:
            self._calls.submit(semaphore.release)

    def _give_back(self, semaphore: Any, acquired: asyncio.Future[bool]) -> None:
        if not acquired.cancelled() and acquired.exception() is None and acquired.result():
            self._calls.submit(semaphore.release)

    # -- the archive breaker -------------------------------------------------------------------

    def _breaker(self, failures: int, timeout: float) -> ArchiveBreaker:
        breaker = SharedBreaker(failures, timeout, self._publish)
        self._breakers.append((asyncio.get_running_loop(), breaker))
        return breaker

    def _publish(self, reason: str) -> None:
        """Tell every worker the archive is down (this one's breaker opened)."""
        client = self._client
        if client is not None:
            self._calls.submit(client.set_metadata, breaker_name(self._name), reason)

    def _watch(self) -> None:
        """Open this worker's breakers once another worker's opened (in a thread of its own).

        The scheduler's metadata is polled, never waited on: a ``Variable.get`` that times out
        is logged by the scheduler as an error, once a second per worker for a whole run.
        """
        client, key = self._client, breaker_name(self._name)
        while client is not None and not self._stopped.wait(_WATCH_EVERY):
            try:
                reason = client.get_metadata(key, default=None)  # type: ignore[no-untyped-call]
            except Exception:  # the worker is closing: nothing left to open
                return
            if reason is None:
                continue
            for loop, breaker in self._breakers:
                loop.call_soon_threadsafe(breaker.told, str(reason))
            return

    # -- the archive budget --------------------------------------------------------------------

    def judged(self, count: int) -> None:
        """Tell the driver this worker has given ``count`` first verdicts so far, all it was
        given (the driver starts the run's archive budget once every worker has said so)."""
        client = self._client
        if client is not None:
            key = [judged_name(self._name), self._address]
            self._calls.submit(client.set_metadata, key, count)

    # -- the save budget -----------------------------------------------------------------------

    def _save_gate(self, interval: float, limit: int) -> SaveGate:
        return _ClusterSaveGate(interval, limit, self._take_save, self._waits)

    def _take_save(self, limit: int) -> bool:
        """Count one save against the run's budget; ``False`` once ``limit`` were taken."""
        name = saves_name(self._name)
        with Lock(name, scheduler_rpc=self._scheduler, loop=self._worker_loop):  # type: ignore[no-untyped-call]
            counter = _variable(name, self._client)
            taken = int(counter.get())
            if taken >= limit:
                return False
            counter.set(taken + 1)
            return True


class _ClusterSaveGate(SaveGate):
    """A worker's ``--save`` gate: each save is also counted against the cluster's budget."""

    def __init__(
        self,
        interval: float,
        limit: int,
        take: Callable[[int], bool],
        threads: concurrent.futures.Executor,
    ) -> None:
        super().__init__(interval, limit)
        self._limit = limit
        self._take = take
        self._threads = threads

    async def turn(self) -> bool:
        """Wait for a save's turn here, once the cluster's budget granted it one."""
        loop = asyncio.get_running_loop()
        if not await loop.run_in_executor(self._threads, self._take, self._limit):
            return False
        return await super().turn()


def _variable(name: str, client: Client | None) -> Any:
    """The ``distributed.Variable`` ``name`` (untyped: its methods block on the scheduler)."""
    return Variable(name, client)  # type: ignore[no-untyped-call]


def _semaphore(name: str, leases: int, scheduler: Any, loop: Any) -> Any:
    """The ``distributed.Semaphore`` ``name``, talking to the scheduler over ``scheduler`` on
    ``loop`` (given, so it works from threads that are not a task's)."""
    return Semaphore(leases, name, scheduler_rpc=scheduler, loop=loop)  # type: ignore[no-untyped-call]


def semaphore_name(run: str, host: str) -> str:
    """The name of ``host``'s cluster-wide semaphore in the run ``run``."""
    return f"{run}-host-{host}"


def breaker_name(run: str) -> str:
    """The name of the ``Variable`` holding why the run's archive breaker opened."""
    return f"{run}-archive-down"


def judged_name(run: str) -> str:
    """The name of the scheduler's metadata holding, per worker address, how many first
    verdicts each worker has given (:meth:`_Cluster.judged`)."""
    return f"{run}-judged"


def saves_name(run: str) -> str:
    """The name of the ``Lock`` and ``Variable`` counting the run's saves."""
    return f"{run}-saves"


class _WorkerRun:
    """A worker's run for the whole distributed run: its own event loop thread, Run and executor.

    Batches arrive from Dask's threads (:meth:`check`); the jobs are handed to the loop and the
    caller waits for the batch's last final verdict.  Verdicts are routed to their batch by job
    key (keys are unique in a run).
    """

    def __init__(
        self, config: Config, cluster: _Cluster | None = None, warc: str | None = None
    ) -> None:
        self.config = config
        self.cluster = cluster
        self.warc = warc
        """This worker's WARC file, relative to the run's report folder (``--warc``)."""
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="citecheck-worker-run", daemon=True
        )
        self._thread.start()
        self._run = Run(config, shared=cluster.shared() if cluster is not None else None)
        self._executor: LocalExecutor | None = None
        self._owner: dict[int, _Batch] = {}
        self._looking: set[int] = set()  # jobs judged, their archive lookup under way
        self._unjudged = 0  # jobs received whose first verdict is not in yet
        self._judged = 0  # first verdicts given, over the whole run
        self._reported_not_made = 0
        try:
            self._call(self._open())
        except BaseException:
            self._stop_loop()
            raise

    async def _open(self) -> None:
        await self._run.__aenter__()
        self._executor = LocalExecutor(self._run, self._take)

    def check(self, jobs: tuple[Job, ...]) -> BatchResult:
        """Check ``jobs`` with this worker's run; block until every one has its final verdict."""
        batch = _Batch(len(jobs))
        self._loop.call_soon_threadsafe(self._submit, jobs, batch)
        return batch.done.result()

    def close(self) -> None:
        """Close the run (its store is finished and closed), then stop the loop."""
        try:
            self._call(self._close())
        finally:
            self._stop_loop()
            if self.cluster is not None:
                self.cluster.close()

    async def _close(self) -> None:
        if self._executor is not None:
            await self._executor.cancel()
        for batch in {id(b): b for b in self._owner.values()}.values():
            if not batch.done.done():  # the run is ending early: its waiting task is released
                batch.done.set_exception(RuntimeError("the worker's run was closed"))
        self._owner.clear()
        await self._run.__aexit__(None, None, None)

    def _submit(self, jobs: tuple[Job, ...], batch: _Batch) -> None:
        executor = self._executor
        if executor is None:  # set by _open, before any batch can come
            batch.done.set_exception(RuntimeError("the worker's run is not open"))
            return
        if not jobs:
            batch.done.set_result(self._result(batch))
            return
        self._unjudged += len(jobs)
        for job in jobs:
            self._owner[job.key] = batch
            executor.submit(job)

    def _take(self, verdict: Verdict) -> None:
        """The executor's sink, on the loop: keep final verdicts; a full batch is done."""
        self._count_judged(verdict)
        if not verdict.final:
            return
        batch = self._owner.pop(verdict.key, None)
        if batch is None:
            return
        if verdict.checked.warc_record_id is not None:  # in this worker's file
            checked = dataclasses.replace(verdict.checked, warc_file=self.warc)
            verdict = dataclasses.replace(verdict, checked=checked)
        batch.verdicts.append(verdict)
        if len(batch.verdicts) == batch.size:
            batch.done.set_result(self._result(batch))

    def _count_judged(self, verdict: Verdict) -> None:
        """Count a job's first verdict; once every job received has one, tell the driver.

        A batch's task returns with its final verdicts, after its archive lookups: the driver
        learns from this count when the run's verdicts are all in, its archive budget's start.
        """
        if verdict.key in self._looking:  # the final verdict after an archive lookup
            if verdict.final:
                self._looking.discard(verdict.key)
            return
        if not verdict.final:
            self._looking.add(verdict.key)
        self._judged += 1
        self._unjudged -= 1
        if not self._unjudged and self.cluster is not None:
            self.cluster.judged(self._judged)

    def _result(self, batch: _Batch) -> BatchResult:
        """The batch's verdicts, with what the run learnt since the last batch was reported."""
        breaker = self._run.archives.breaker
        not_made = breaker.not_made - self._reported_not_made
        self._reported_not_made = breaker.not_made
        store = str(self.config.store.path) if self.config.store.path is not None else None
        offline = self._run.fetcher.network_unavailable
        verdicts = tuple(batch.verdicts)
        return BatchResult(verdicts, not_made, breaker.reason, offline, store, self.warc)

    def _call(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()

    def _stop_loop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()


@dataclass(slots=True)
class _Batch:
    size: int
    verdicts: list[Verdict] = field(default_factory=list)
    done: concurrent.futures.Future[BatchResult] = field(default_factory=concurrent.futures.Future)


class RunPlugin(WorkerPlugin):
    """Gives each worker one long-lived run for the distributed run named ``name``.

    Registered by the driver when the run starts (and by the scheduler on every worker that
    joins later, a restarted one included), removed when it ends: teardown closes the run,
    which finishes and closes the worker's store shard.
    """

    def __init__(self, config: Config, name: str, slots: Mapping[str, int]) -> None:
        self.config = config
        self.name = name
        self.slots = dict(slots)
        self.driver = os.getpid()  # in the shards' names (sharing.shard_path): each run its own
        self.run: _WorkerRun | None = None

    def setup(self, worker: Any) -> None:
        """Open the worker's run, with its own store shard and WARC folder."""
        config = self.config
        label = str(worker.name)
        if config.store.path is not None:
            config = config.with_(store=shard_path(config.store.path, label, self.driver))
        warc = None
        if config.fetch.warc:  # the worker's run writes its WARC file in a folder of its own
            folder = warc_folder(label, os.getpid())
            config = config.with_(report_dir=config.report.dir / folder)
            warc = f"{folder}/{EVIDENCE_FILE}"
        self.run = _WorkerRun(config, _Cluster(self.name, self.slots, worker), warc)

    async def teardown(self, worker: Any) -> None:
        """Close the worker's run, off the worker's event loop (the run's last calls to the
        scheduler, giving back leases of shared hosts, need it)."""
        if self.run is not None:
            run, self.run = self.run, None
            await asyncio.to_thread(run.close)


def check_batch(plugin: str, payload: bytes) -> bytes:
    """Run on a worker: check the jobs in ``payload`` with the worker's run for ``plugin``."""
    jobs = decode(payload, tuple[Job, ...])
    if jobs is None:  # the driver wrote it: a bug, not a server's doing
        raise ValueError("a batch's jobs could not be read")
    found = get_worker().plugins.get(plugin)
    if not isinstance(found, RunPlugin) or found.run is None:
        raise RuntimeError(f"worker has no run {plugin}")
    if found.run.cluster is not None:
        found.run.cluster.attach(get_client())
    # Waiting on the run's loop: leave the thread pool so the worker starts its other batches.
    secede()  # type: ignore[no-untyped-call]
    data = encode(found.run.check(jobs), secrets=True)
    if data is None:
        raise ValueError("a batch's verdicts could not be written")
    return data


@dataclass(slots=True)
class _Sent:
    """A batch under way: where it runs and its jobs (to send again if that worker is lost)."""

    worker: str
    jobs: tuple[Job, ...]


class DaskExecutor:
    """An :class:`~checker.executor.Executor` over a Dask ``client``: one task per batch.

    The driver's ``run`` is used for what the whole run reports once (the archive phase's
    problem, a network outage); its fetcher serves discovery only.
    """

    def __init__(
        self, client: Client, run: Run, sink: Sink, *, batch_size: int = BATCH_SIZE
    ) -> None:
        self._client = client
        self._run = run
        self._sink = sink
        self._batch_size = batch_size
        self._plugin = f"citecheck-run-{uuid.uuid4().hex}"
        self._live = self._workers()
        self._slots = shared_slots(paced(run.config))
        if run.config.archive.save:  # the cluster's count of saves taken
            _variable(saves_name(self._plugin), client).set(0)
        config = shared_pace(paced(run.config), len(self._live))
        plugin = RunPlugin(config, self._plugin, self._slots)
        client.register_plugin(plugin, name=self._plugin)
        self._site_worker: dict[str, str] = {}
        self._load: Counter[str] = Counter({w: 0 for w in self._live})
        self._filling: dict[str, list[Job]] = {}
        self._sent: dict[Future[bytes], _Sent] = {}
        self._given: Counter[str] = Counter()  # jobs sent to each worker, over the run
        self._judged_at: float | None = None  # when every job sent had its first verdict
        self._budget_spent = False
        self._stores: set[str] = set()
        self._offline: str | None = None
        self._failure: BaseException | None = None
        self._closed = False
        self._changed = asyncio.Event()
        self._gathering = concurrent.futures.ThreadPoolExecutor(
            max_workers=_GATHERS, thread_name_prefix="citecheck-gather"
        )
        self._loop = asyncio.get_running_loop()
        self.batches = 0
        """Batches sent."""
        self.resent = 0
        """Batches sent again because their worker was lost."""

    def submit(self, job: Job) -> None:
        """Queue ``job`` for its site's worker; send that worker's batch once it is full."""
        worker = self._worker_for(site_of(job.citation.url))
        self._load[worker] += 1
        batch = self._filling.setdefault(worker, [])
        batch.append(job)
        if len(batch) >= self._batch_size:
            self._send(worker, tuple(self._filling.pop(worker)))

    def no_more_jobs(self) -> None:
        """Send every batch still filling."""
        for worker, jobs in list(self._filling.items()):
            self._send(worker, tuple(jobs))
        self._filling.clear()

    async def finish(self) -> None:
        """Wait for every batch (sending a lost worker's again), then merge the store shards.

        Once every job has its first verdict, the archive lookups still under way on the workers
        get the run's ``archive_budget`` seconds, then every worker stops asking, as one
        :class:`~checker.executor.LocalExecutor` does (:meth:`_mind_archive_budget`).
        """
        looked = time.monotonic()
        while self._sent and self._failure is None:
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), _LIVENESS_EVERY)
            if time.monotonic() - looked >= _LIVENESS_EVERY:
                await self._resend_lost()
                await self._mind_archive_budget()
                looked = time.monotonic()
        if self._failure is not None:
            raise self._failure
        self._gathering.shutdown(wait=False)
        await asyncio.to_thread(self._close_workers)
        merge_stores(self._run.config.store.path, self._stores)

    async def _mind_archive_budget(self) -> None:
        """Start the archive budget once the workers have judged every job sent; once it is
        spent, open every worker's archive breaker, run-wide, with the budget's reason.

        A batch's task returns after its lookups, so the workers say how many first verdicts
        they gave (:meth:`_Cluster.judged`).  The breaker's word goes out as a worker's would
        (the scheduler's metadata, which each worker's watch reads): the lookups still waiting
        are not made, counted by the workers and said once (:meth:`problems`).
        """
        if self._budget_spent or not self._sent:
            return
        if self._judged_at is None:
            busy = {sent.worker: self._given[sent.worker] for sent in self._sent.values()}
            if await asyncio.to_thread(self._all_judged, busy):
                self._judged_at = time.monotonic()
            return
        archives = self._run.archives
        if time.monotonic() - self._judged_at < archives.budget:
            return
        self._budget_spent = True
        key = breaker_name(self._plugin)
        if await asyncio.to_thread(self._client.get_metadata, key, None) is not None:
            return  # a worker's breaker opened already: every worker was told
        archives.out_of_time()
        await asyncio.to_thread(self._client.set_metadata, key, archives.breaker.reason)

    def _all_judged(self, given: Mapping[str, int]) -> bool:
        """Whether each worker in ``given`` said it judged at least that many jobs."""
        said = self._client.get_metadata(judged_name(self._plugin), default={})  # type: ignore[no-untyped-call]
        return all(int(said.get(worker, 0)) >= count for worker, count in given.items())

    async def cancel(self) -> None:
        """Cancel the batches still running and close the workers' runs."""
        futures = list(self._sent)
        self._sent.clear()
        await asyncio.to_thread(self._client.cancel, futures)
        self._gathering.shutdown(wait=False, cancel_futures=True)
        await asyncio.to_thread(self._close_workers)

    def offline(self) -> str | None:
        """Why a worker could not reach the network, if one could not."""
        return self._offline

    def problems(self) -> tuple[Problem, ...]:
        """The archive phase's run-level problem, merged over the workers."""
        problem = self._run.archives.problem()
        return (problem,) if problem is not None else ()

    def pinned(self) -> dict[str, str]:
        """Each site's worker (for tests)."""
        return dict(self._site_worker)

    def busy_workers(self) -> list[str]:
        """The workers with batches under way (for a test that kills one)."""
        return sorted({sent.worker for sent in self._sent.values()})

    # -- sending -------------------------------------------------------------------------------

    def _worker_for(self, site: str) -> str:
        """The worker pinned to ``site``: assigned on first sight to the least loaded one."""
        worker = self._site_worker.get(site)
        if worker is None:
            worker = min(self._live, key=lambda w: (self._load[w], w))
            self._site_worker[site] = worker
        return worker

    def _send(self, worker: str, jobs: tuple[Job, ...]) -> None:
        payload = encode(jobs, secrets=True)
        if payload is None:  # the codec knows every model type: a bug
            raise ValueError("a batch's jobs could not be written")
        future = self._client.submit(
            check_batch,
            self._plugin,
            payload,
            workers=[worker],
            allow_other_workers=False,
            pure=False,
        )
        self._sent[future] = _Sent(worker, jobs)
        self._given[worker] += len(jobs)
        self.batches += 1
        future.add_done_callback(  # type: ignore[no-untyped-call]
            lambda done: asyncio.run_coroutine_threadsafe(self._collect(done), self._loop)
        )

    async def _resend_lost(self) -> None:
        """Send the batches of workers that left the cluster to live ones, re-pinning sites."""
        live = await asyncio.to_thread(self._workers)
        if not live:
            return  # a restarted worker will join: its batches wait for it
        self._live = live
        lost = {f: sent for f, sent in self._sent.items() if sent.worker not in live}
        if not lost:
            return
        for future in lost:
            del self._sent[future]
        await asyncio.to_thread(self._client.cancel, list(lost))
        self._judged_at = None  # the jobs sent again are judged again: the budget waits
        gone = {sent.worker for sent in lost.values()}
        for site, worker in list(self._site_worker.items()):
            if worker in gone:
                del self._site_worker[site]
        for sent in lost.values():
            self.resent += 1
            for job in sent.jobs:  # each site lands on one live worker, the batch may split
                self.submit(job)
            self.no_more_jobs()

    def _workers(self) -> list[str]:
        return sorted(self._client.scheduler_info(n_workers=-1).get("workers", {}))

    # -- receiving -----------------------------------------------------------------------------

    async def _collect(self, future: Future[bytes]) -> None:
        """A batch is done (or failed): fetch its result and hand its verdicts over.

        The result is fetched in a thread of the executor's own: it may block, if the worker
        holding it died before it was fetched (Dask then waits to compute it again, on a worker
        that is gone), until :meth:`_resend_lost` cancels it.  A cancelled batch is dropped.
        """
        if future not in self._sent:
            return  # cancelled: sent again elsewhere, or the run is failing
        try:
            data = await self._loop.run_in_executor(self._gathering, future.result)
        except Exception as exc:  # the batch raised, or was cancelled
            if self._sent.pop(future, None) is not None:  # not cancelled by this executor
                self._failure = exc
                self._changed.set()
            return
        if self._sent.pop(future, None) is None:
            return  # sent again meanwhile: the copy's verdicts will be taken
        self._changed.set()
        result = decode(data, BatchResult)
        if result is None:
            self._failure = ValueError("a batch's verdicts could not be read")
            return
        breaker = self._run.archives.breaker
        breaker.not_made += result.archive_not_made
        if result.archive_reason is not None and breaker.reason is None:
            breaker.reason = result.archive_reason
        self._offline = self._offline or result.offline
        if result.store is not None:
            self._stores.add(result.store)
        if result.warc is not None:
            list_warc_file(self._run.warc_files, result.warc)
        for verdict in result.verdicts:
            self._sink(verdict)

    # -- the end -------------------------------------------------------------------------------

    def _close_workers(self) -> None:
        """Close every worker's run (their store shards are finished and closed), then let go
        of the run's shared state on the scheduler."""
        if self._closed:
            return
        self._closed = True
        client, name = self._client, self._plugin
        client.unregister_worker_plugin(name)  # type: ignore[no-untyped-call]
        for host in self._slots:
            semaphore = _semaphore(semaphore_name(name, host), 1, client.scheduler, client.loop)
            # A lease abandoned by a closing worker makes the scheduler warn: nothing to undo.
            with contextlib.suppress(Exception):
                semaphore.close()
        _variable(saves_name(name), client).delete()
        with contextlib.suppress(Exception):  # the breaker's word: a few bytes, the run's name
            client.set_metadata(breaker_name(name), None)  # type: ignore[no-untyped-call]
            client.set_metadata(judged_name(name), None)  # type: ignore[no-untyped-call]


def on(client: Client, *, batch_size: int = BATCH_SIZE) -> Callable[[Run, Sink], DaskExecutor]:
    """The executor factory the pipeline takes, checking on ``client``'s cluster."""
    return lambda run, sink: DaskExecutor(client, run, sink, batch_size=batch_size)


@contextmanager
def local_cluster(spec: str) -> Iterator[Client]:
    """``--cluster local:N``: a client of a LocalCluster of N worker processes, then closed."""
    kind, _, count = spec.partition(":")
    # ASCII digits only (``"²".isdigit()`` holds: probe 20); more than ``int`` reads are a
    # number past the limit all the same
    workers = ascii_int(count)
    if kind != "local" or not ascii_digits(count) or workers == 0:
        raise ConfigError(f"--cluster must be local:N with N >= 1 (got {spec[:40]!r})")
    # N processes of this machine, as --processes N: past the limit a run hung starting them
    # (probe 20)
    if workers is None or workers > process_limit():
        raise ConfigError(f"--cluster local:N must be at most {process_limit()} on this machine")
    with (
        # Dask's statistical profiler samples every thread's stack every 10 ms: a third of a
        # worker's overhead over a local run (bench/README.md), for a profile nobody reads.
        dask.config.set({"distributed.worker.profile.enabled": False}),
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # no fixed port: another run may hold 8787
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        yield client


@contextmanager
def scheduler_client(config: Config) -> Iterator[Client]:
    """``--scheduler tcp://HOST:PORT`` (or ``scheduler = ...``): a client of a running scheduler.

    Its workers need citecheck installed and the same reach as this machine (``--connect-to``,
    ``--cacert`` paths, the store's folder for the shards to be merged).
    """
    address = config.cluster.scheduler
    if address is None:
        raise ConfigError("no scheduler address: give --scheduler tcp://HOST:PORT")
    try:
        client = Client(address, timeout=_CONNECT_TIMEOUT)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise ConfigError(f"scheduler {address} cannot be reached ({exc})") from exc
    with client:
        yield client


_CONNECT_TIMEOUT = "10s"
"""How long to wait for a scheduler to answer before the run fails with one line."""
