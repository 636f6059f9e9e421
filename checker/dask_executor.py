"""Checking on a Dask cluster: the same jobs as :class:`~checker.executor.LocalExecutor`, in shards.

Citations are sharded by their URL's registered domain (``news.example.co.uk`` and
``www.example.co.uk`` are one shard), so every request to one site is made by one worker, whose
:class:`~checker.run.Run` holds that site's politeness: the per-host limit holds cluster-wide.
Each worker builds its own run from the driver's config and checks its shard with a
:class:`~checker.executor.LocalExecutor`, exactly as a single-machine run would.

What crosses between driver and worker is plain data: the jobs and verdicts written as JSON by
the memo's codec (:func:`checker.memo.encode`), never a pickle of anything a server sent.

This first version starts the shards once discovery has ended and hears each shard's verdicts
when the shard is done (progress moves by shards).  Not yet: a store and memo per worker merged
by the driver, one WARC file per worker (``--warc`` is refused with a cluster), hosts every shard
needs (the archive, the social platforms' endpoints) throttled cluster-wide, re-running a lost
worker's shard (Dask re-runs a task whose worker died; a shard is checked as a whole, so nothing
is reported twice).
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

import tldextract
from distributed import Client, LocalCluster, as_completed

from checker.config import Config
from checker.errors import ConfigError
from checker.executor import Job, LocalExecutor, Sink, Verdict
from checker.memo import decode, encode
from checker.model import Problem
from checker.run import Run

__all__ = ["DaskExecutor", "check_shard", "local_cluster", "shard_of"]

_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
"""The bundled Public Suffix List only: sharding never reaches the network."""


@dataclass(frozen=True, slots=True)
class ShardResult:
    """What a worker sends back for one shard: the final verdicts and its run-level news."""

    verdicts: tuple[Verdict, ...]
    archive_not_made: int = 0
    archive_reason: str | None = None
    offline: str | None = None


def shard_of(url: str | None, shards: int) -> int:
    """The shard of a citation: a stable hash of its URL's registered domain, mod ``shards``."""
    try:
        host = (urlsplit(url).hostname or "") if url else ""
    except ValueError:  # a malformed URL: no request is made, any shard will do
        host = ""
    site = _EXTRACT(host).top_domain_under_public_suffix or host
    return int.from_bytes(hashlib.sha256(site.encode()).digest()[:4], "big") % shards


def check_shard(config: Config, payload: bytes) -> bytes:
    """Run on a worker: check the jobs in ``payload`` with a run of the worker's own."""
    jobs = decode(payload, tuple[Job, ...])
    if jobs is None:  # the driver wrote it: a bug, not a server's doing
        raise ValueError("a shard's jobs could not be read")
    result = asyncio.run(_check(config, jobs))
    data = encode(result, secrets=True)
    if data is None:
        raise ValueError("a shard's verdicts could not be written")
    return data


async def _check(config: Config, jobs: tuple[Job, ...]) -> ShardResult:
    final: list[Verdict] = []

    def sink(verdict: Verdict) -> None:
        if verdict.final:
            final.append(verdict)

    async with Run(config) as current:
        executor = LocalExecutor(current, sink)
        try:
            for job in jobs:
                executor.submit(job)
            executor.no_more_jobs()
            await executor.finish()
        except BaseException:
            await executor.cancel()
            raise
        breaker = current.archives.breaker
        offline = current.fetcher.network_unavailable
    return ShardResult(tuple(final), breaker.not_made, breaker.reason, offline)


class DaskExecutor:
    """An :class:`~checker.executor.Executor` over a Dask ``client``: one task per shard.

    The driver's ``run`` is used for what the whole run reports once (the archive phase's
    problem, a network outage); its fetcher serves discovery only.
    """

    def __init__(self, client: Client, run: Run, sink: Sink) -> None:
        workers = len(client.scheduler_info().get("workers", {})) or 1
        self._client = client
        self._run = run
        self._sink = sink
        self._shards: list[list[Job]] = [[] for _ in range(workers)]
        self._offline: str | None = None
        self._futures: list[object] = []

    def submit(self, job: Job) -> None:
        """Put ``job`` in its site's shard (the shards start when discovery ends)."""
        self._shards[shard_of(job.citation.url, len(self._shards))].append(job)

    def no_more_jobs(self) -> None:
        """Start every shard that has work."""
        config = self._run.config
        for jobs in self._shards:
            if not jobs:
                continue
            payload = encode(tuple(jobs), secrets=True)
            if payload is None:  # the codec knows every model type: a bug
                raise ValueError("a shard's jobs could not be written")
            future = self._client.submit(check_shard, config, payload, pure=False)
            self._futures.append(future)

    async def finish(self) -> None:
        """Hand over each shard's verdicts as the shard finishes."""
        loop = asyncio.get_running_loop()

        def collect() -> None:
            for future in as_completed(self._futures):  # type: ignore[no-untyped-call]
                data = future.result()
                loop.call_soon_threadsafe(self._deliver, data)

        await asyncio.to_thread(collect)
        await asyncio.sleep(0)  # the deliveries scheduled before this point have run

    async def cancel(self) -> None:
        """Cancel the shards still running."""
        await asyncio.to_thread(self._client.cancel, self._futures)

    def offline(self) -> str | None:
        """Why a worker could not reach the network, if one could not."""
        return self._offline

    def problems(self) -> tuple[Problem, ...]:
        """The archive phase's run-level problem, merged over the shards."""
        problem = self._run.archives.problem()
        return (problem,) if problem is not None else ()

    def _deliver(self, data: bytes) -> None:
        result = decode(data, ShardResult)
        if result is None:
            raise ValueError("a shard's verdicts could not be read")
        breaker = self._run.archives.breaker
        breaker.not_made += result.archive_not_made
        if result.archive_reason is not None and breaker.reason is None:
            breaker.reason = result.archive_reason
        self._offline = self._offline or result.offline
        for verdict in result.verdicts:
            self._sink(verdict)


@contextmanager
def local_cluster(spec: str) -> Iterator[Callable[[Run, Sink], DaskExecutor]]:
    """``--cluster local:N``: a LocalCluster of N worker processes for the run, then closed.

    Yields the executor factory the pipeline takes.
    """
    kind, _, count = spec.partition(":")
    if kind != "local" or not count.isdigit() or int(count) < 1:
        raise ConfigError(f"--cluster must be local:N with N >= 1 (got {spec!r})")
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=int(count),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,  # type: ignore[no-untyped-call]
    ):
        yield lambda run, sink: DaskExecutor(client, run, sink)
