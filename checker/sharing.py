"""What the executors that check on several processes share: site pinning, shared hosts, shards.

A run split over workers (:mod:`checker.dask_executor` on a Dask cluster,
:mod:`checker.processes` on this machine's cores) keeps one run's semantics:

- every citation of one site (its URL's registered domain, :func:`site_of`) is checked by one
  worker, whose run holds that site's politeness: the per-host limit holds run-wide;
- the hosts every worker asks (:data:`SHARED_HOSTS`: the archive, the embeds' platforms) are
  paced ``workers`` times slower in each worker (:func:`shared_pace`), so together they keep one
  run's pace;
- the archive breaker opens everywhere once it opens in one worker (:class:`SharedBreaker`);
- each worker's run keeps its store beside the run's (:func:`shard_path`), merged into it at the
  end (:func:`merge_stores`), and its WARC file in a folder of its own (:func:`warc_folder`).
"""

from __future__ import annotations

import glob
import math
import os
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Literal

from checker.atomic import alive_elsewhere
from checker.config import EVIDENCE_FILE, Config, HostConfig, usable_cores
from checker.encoding import ascii_int
from checker.fetch.politeness import Politeness
from checker.fetch.store import SHARD_MARK, merge_shard, replaced_while_held, store_file
from checker.urls import registered_domain, url_host
from checker.verify.breaker import ArchiveBreaker

__all__ = [
    "SHARED_HOSTS",
    "SharedBreaker",
    "auto_processes",
    "busy_now",
    "leftover_shards",
    "list_warc_file",
    "merge_stores",
    "others_running",
    "process_count",
    "runnable",
    "shard_path",
    "share_hosts",
    "shared_pace",
    "shared_slots",
    "site_of",
    "warc_folder",
]


def site_of(url: str | None) -> str:
    """A citation's site: its URL's registered domain (its host if it has none)."""
    try:
        host = url_host(url) if url else ""  # the run split it already: kept there
    except ValueError:  # a malformed URL: no request is made, any worker will do
        host = ""
    return registered_domain(host)


SHARED_HOSTS = (
    "archive.org",
    "web.archive.org",
    "publish.twitter.com",
    "cdn.syndication.twimg.com",
    "public.api.bsky.app",
)
"""Hosts every worker asks, whatever its sites: the archive and the embeds' platform endpoints."""


def shared_pace(config: Config, workers: int) -> Config:
    """``config`` for one of ``workers`` workers: each gets its share of every shared host.

    A shared host's pace is split: each worker starts requests ``workers`` times further apart,
    so the workers together keep the host's interval (on average: two workers' starts may fall
    close together, never more of them per interval than one run would make), and each gets
    ``concurrency // workers`` slots (at least one: with more workers than the host's slots,
    they may hold one each at once; a run-wide semaphore would be needed there).
    """
    if workers <= 1:
        return config
    hosts = dict(config.politeness.hosts)
    for host in SHARED_HOSTS:
        own = hosts.get(host, HostConfig())
        interval = config.politeness.interval if own.interval is None else own.interval
        concurrency = own.concurrency or config.politeness.per_host_concurrency
        hosts[host] = HostConfig(max(1, concurrency // workers), interval * workers)
    save_interval = config.archive.save_interval * workers
    return config.with_(hosts=hosts, save_interval=save_interval)


def share_hosts(politeness: Politeness, config: Config, workers: int) -> None:
    """Give a run that started alone (``config``'s run, whose ``politeness`` had every shared
    host whole) its share of them now that ``workers`` workers ask them: the limits
    :func:`shared_pace` would have given it from the start.  Requests in flight finish; the
    next ones wait for the share's room and interval."""
    hosts = shared_pace(config, workers).politeness.hosts
    for host in SHARED_HOSTS:
        state = politeness.state(host)
        own = hosts[host]
        # never wider than the lanes the host has now (a "too many" may have halved them), nor
        # grown back past the share
        state.width = min(own.concurrency or state.width, state.width)
        state.concurrency = min(state.width, state.concurrency)
        state.interval = state.interval if own.interval is None else own.interval


def shared_slots(config: Config) -> dict[str, int]:
    """Each shared host's slot count for the whole run: what one run would have."""
    hosts = config.politeness.hosts
    default = config.politeness.per_host_concurrency
    return {h: (hosts[h].concurrency if h in hosts else None) or default for h in SHARED_HOSTS}


def shard_path(store: Path, worker: str, owner: int) -> Path:
    """Where worker ``worker``'s run keeps its store and memo: beside the run's store.

    The name holds ``owner``, the pid of the run's driver (always given: a forked worker's own
    pid would name no driver): two runs at once on one store each keep their own shards (one
    name for both made the second's merge fail, "was not merged"), and a later run merges only
    the shards whose driver is gone (:func:`leftover_shards`).  Beside the file a store named
    through a link names (:func:`~checker.fetch.store.store_file`), with everything else kept
    beside it: a CI job restoring only its cache folder lost an interrupted run's shards.
    """
    store = store_file(store)
    return store.with_name(f"{store.name}{SHARD_MARK}{_safe(worker)}{_OWNER_MARK}{owner}")


_OWNER_MARK = ".run"
"""Between a shard's worker name and its driver's pid (:func:`shard_path`)."""


def leftover_shards(store: Path) -> list[str]:
    """The worker shards beside ``store`` (:func:`shard_path`'s names; not SQLite's ``-wal`` and
    ``-shm`` files beside them) that an interrupted run left: a finished run merged and removed
    its own, and a run still going (its driver alive) merges its own at its end.  A shard named
    before names held the driver (``<store>.worker-p1``) is an interrupted run's."""
    store = store_file(store)
    prefix = f"{store.name}{SHARD_MARK}"
    found = []
    for path in store.parent.glob(f"{glob.escape(prefix)}*"):
        if path.name.endswith(("-wal", "-shm", "-journal")) or not path.is_file():
            continue
        if not _driven_elsewhere(path.name):
            found.append(str(path))
    return sorted(found)


def _driven_elsewhere(name: str) -> bool:
    """Whether the shard ``name`` belongs to a run still going in another process (its driver's
    pid, :func:`shard_path`, is alive and not this one's).  A pid used again by an unrelated
    process keeps that shard waiting (its URLs asked again: slower, never wrong)."""
    _, mark, pid = name.rpartition(_OWNER_MARK)
    owner = ascii_int(pid) if mark else None
    return owner is not None and alive_elsewhere(owner)


def warc_folder(worker: str, pid: int | None = None) -> str:
    """The folder (in the report folder) of the WARC file of worker ``worker`` (its process
    ``pid``'s, when given).

    A cluster's worker names its process: one restarted under the same name (Dask's nanny)
    must not overwrite the file its earlier process wrote, which the run lists.  A forked
    worker of ``--processes`` (``p1``, ``p2``…) is one process a name, forked anew each run:
    named by its pid too, each run left one folder more beside its reports, never removed;
    by its name alone, the next run's ``p1`` writes over the last one's, as the driver's
    ``evidence.warc.gz`` is written over (session 36's note)."""
    return f"workers/{_safe(worker)}" if pid is None else f"workers/{_safe(worker)}-{pid}"


def list_warc_file(files: list[str], name: str) -> None:
    """Add a worker's WARC file ``name`` to the run's list ``files`` once; the driver's own
    ``evidence.warc.gz`` first, then the workers' in name order (report.json's ``warc_files``)."""
    if name not in files:
        files.append(name)
        files.sort(key=lambda each: (each != EVIDENCE_FILE, each))


def _safe(name: str) -> str:
    """``name`` as a file name: letters, digits, ``-_.``, anything else ``_``."""
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)


def merge_stores(
    store: Path | None, shards: Iterable[str], seals: Mapping[str, str] | None = None
) -> None:
    """Merge each worker's store shard into the run's ``store``, then remove it.

    ``seals``: what each worker said of its shard as it closed it (``fetch.store.shard_seal``),
    by shard: a shard still so is merged without a full check of its own.
    A shard that cannot be merged is left in place and said so: the next run asks those URLs
    again (a slower run, never a wrong one).
    """
    if store is None:
        return
    for shard in sorted(set(shards)):
        if not merge_shard(store, Path(shard), (seals or {}).get(shard)):
            gone = replaced_while_held(store)  # the shard waits for the next run's leftover merge
            print(
                f"citecheck: warning: worker store {shard} was not merged into {store} "
                + (
                    f"(the file was {gone} while the run held it): the next run merges it"
                    if gone is not None
                    else "(not readable here, or damaged): the next run asks those URLs again"
                ),
                file=sys.stderr,
            )


class SharedBreaker(ArchiveBreaker):
    """A worker's archive breaker: it tells the others when it opens, and opens when told."""

    def __init__(self, failures: int, timeout: float, publish: Callable[[str], None]) -> None:
        super().__init__(failures, timeout)
        self._publish = publish
        self._told = False

    def told(self, reason: str) -> None:
        """Another worker's breaker opened (on this run's loop): open this one too."""
        if self.reason is None:
            self._told = True
            self._trip(reason)

    def _trip(self, reason: str) -> None:
        super()._trip(reason)
        if not self._told:
            self._publish(reason)


LOADAVG = Path("/proc/loadavg")
"""Linux's load file: its 4th field, ``R/T``, counts the runnable scheduling entities now."""

_SAMPLES = 5
"""Readings of :data:`LOADAVG` :func:`busy_now` averages: one instant would see a burst (or a
pause) of a job that works in bursts as the whole story."""

_SAMPLE_GAP = 0.001
"""Seconds between two readings (5 readings: ~6 ms of wall and ~0.4 ms of CPU a run, measured
under a load of 10)."""


def runnable(loadavg: str) -> int | None:
    """The runnable scheduling entities, this process included, in a ``/proc/loadavg`` text
    (``"0.52 0.58 0.59 2/170 12653"``: 2); ``None`` when the text is not one."""
    fields = loadavg.split()
    if len(fields) < 5:
        return None
    now, _, total = fields[3].partition("/")
    # ASCII digits, and few: the file may be anyone's (a container's loadavg is often a FUSE
    # file, lxcfs's)
    running, listed = ascii_int(now, max_digits=18), ascii_int(total, max_digits=18)
    return None if listed is None else running


def others_running(loadavgs: Iterable[str]) -> float | None:
    """Cores' worth of work other than this process in ``/proc/loadavg`` readings: their mean
    runnable count less one (the reader itself is runnable while it reads); ``None`` when no
    reading is one."""
    counts = [count for count in map(runnable, loadavgs) if count is not None]
    if not counts:
        return None
    return max(0.0, sum(counts) / len(counts) - 1)


def _read_loadavg() -> str:
    """:data:`LOADAVG`'s text, empty where there is none (not Linux, or no ``/proc``)."""
    try:
        return LOADAVG.read_text(encoding="ascii", errors="replace")
    except OSError:
        return ""


def busy_now(
    read: Callable[[], str] | None = None,
    samples: int = _SAMPLES,
    sleep: Callable[[float], None] = time.sleep,
) -> float:
    """Cores' worth of work other than this process, NOW: on Linux the runnable count of
    :data:`LOADAVG` (:func:`others_running`, ``samples`` readings :data:`_SAMPLE_GAP` apart,
    each the text ``read`` gives, by default :func:`_read_loadavg`); elsewhere the one-minute
    load average; where there is none either, nothing (every core idle).

    Not the one-minute average where the instant is known: it still counts the last minute's
    work (the bench's previous row, a CI runner's previous step, a build that just ended), which
    kept a 2,000-URL run on one process on a machine idle now (issue 19: 5.37 s there against
    4.09 s on two).
    """
    read = _read_loadavg if read is None else read
    readings = []
    for index in range(samples):
        if index:
            sleep(_SAMPLE_GAP)
        readings.append(read())
        if not readings[0]:
            break  # no /proc/loadavg here: the average is all there is
    others = others_running(readings)
    if others is not None:
        return others
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return 0.0


def auto_processes(cores: int | None = None, load: float | None = None) -> int:
    """``processes = "auto"``: this process, and one more per usable core the machine leaves
    idle now (``cores`` minus the other work running, :func:`busy_now`, rounded).

    A second process gains only on a core nothing else wants: on an idle 2-core machine two
    were 0.76-0.91x one's wall, under a load of 5-12 (other work on both cores) 1.1-1.5x
    (bench/README.md, "On two processes", "session 17" and "session 18").
    """
    cores = usable_cores() if cores is None else cores
    if cores <= 1:
        return 1  # nothing to read the load for (busy_now's few milliseconds)
    load = busy_now() if load is None else load
    idle = math.floor(cores - load + 0.5)
    return 1 + max(0, min(cores - 1, idle))


def process_count(processes: int | Literal["auto"]) -> int:
    """Processes a run on ``processes`` (the config's ``processes``) checks on: the count
    given, or ``auto``'s (:func:`auto_processes`, the load read now).

    Here, not in :mod:`checker.processes`: a run that stays on one process (and finds no
    leftover shard to merge, :func:`leftover_shards`) never imports that module (issue 19:
    ~21 M instructions of every run's start-up).
    """
    return processes if isinstance(processes, int) else auto_processes()
