"""What holds citecheck's memory at its peak (issue 19: peak RSS ≤ 200 MB at 20,000 URLs).

``python -m bench.memory`` serves the zipf regime at full size (20,000 URLs over 400 hosts,
~12 KB article pages; ``--small`` 2,000 over 40, ``--regime uniform``), checks its corpus with
the pipeline in this process (through the proxy, archive off, no store unless ``--store``), and
samples four times a second: the process's resident set (``VmRSS``), the judging thread's
backlog (pages fetched and waiting to be judged), and the page texts the fetcher's in-run cache
still holds (count and characters).  It prints the peak and what was held at that moment, and a
few samples along the run, so the cause of the peak is a measured figure, not a guess.

``--trace`` runs the check under ``tracemalloc`` and then writes the default reports as the CLI
does (``build_document``, then ``write_reports``), printing the traced peak of the check and of
the reports (Python's heap, not RSS: what the code holds, free of the allocator's slack) and the
CPU seconds of each; with ``--store`` the warm run's figures are the ones a rerun pays.

``--cli`` instead runs ``citecheck check`` on the same corpus in a child process (through the
proxy, archive off, ``--no-store``, the default reports) and prints the child's own peak
(VmHWM): the figure the issue's target is about, with the reports written, and without the
site model this process holds.  On several processes (``--processes N``, or the default's
``auto`` on a machine with idle cores) it also prints each worker's peak and the highest sums
of RSS and of PSS over the run's processes, sampled: ``/usr/bin/time`` reports the largest
single process (``wait4``'s ``ru_maxrss``), a user adding up ``top``'s RSS column counts the
pages a fork shares twice, and PSS counts them once.  ``--cli --store``: a cold run on a fresh
store, then the warm rerun on it, and warm / cold (wall and CPU); the folder is kept, so the
warm run can be profiled again on it (printed at the end).

``--profile SECONDS`` (off by default; with the in-process check or with ``--cli``, where the
sampler runs inside the child) says what holds the memory while the check runs: every SECONDS
it samples ``VmRSS``, the traced heap (under ``--trace``), the live ``asyncio`` tasks and
futures, and the live objects the collector tracks, counted by type (count and shallow MB, top
15; strings and bytes are not tracked by the collector: ``--trace`` names their allocation
sites).  With ``--trace`` it also keeps ``tracemalloc``'s top 15 allocation sites (file:line,
MB, blocks) of the sample where RSS was highest.  The samples cost CPU (a walk over every live
object), so the walls of a profiled run are not the run's.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import concurrent.futures
import ctypes
import gc
import os
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import checker.run
from bench.child_peak import REPO, run_child
from bench.corpus import write_corpus
from bench.run import _env, _Server
from bench.site import REGIMES, build_site
from checker.config import Config
from checker.fetch import HttpFetcher
from checker.model import Report
from checker.pipeline import check
from checker.report import build_document, write_reports

__all__ = ["main"]

_fetchers: list[HttpFetcher] = []
_judges: list[concurrent.futures.ThreadPoolExecutor] = []


def _rss_mb(field: str = "VmRSS") -> float:
    """The process's resident set now (``VmHWM``: its highest so far), in MB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _held_texts() -> tuple[int, int]:
    """Texts the in-run cache holds: how many, and their characters."""
    count = chars = 0
    for fetcher in list(_fetchers):
        for future in list(fetcher._tasks.values()):
            if future.done() and not future.cancelled() and future.exception() is None:
                text = future.result().text
                if text is not None:
                    count += 1
                    chars += len(text)
    return count, chars


def _backlog() -> int:
    return sum(judge._work_queue.qsize() for judge in list(_judges))


def _sample(samples: list[tuple[float, float, int, int, int]], stop: threading.Event) -> None:
    started = time.monotonic()
    while not stop.wait(0.25):
        try:
            count, chars = _held_texts()
        except RuntimeError:  # the cache changed size while read: skip this sample
            continue
        samples.append((time.monotonic() - started, _rss_mb(), _backlog(), count, chars))


def _instrument() -> None:
    """Register the run's fetcher and judging pool as they are made."""
    original_init = HttpFetcher.__init__

    def init(self: HttpFetcher, *args: Any, **kwargs: Any) -> None:
        original_init(self, *args, **kwargs)
        _fetchers.append(self)

    HttpFetcher.__init__ = init  # type: ignore[method-assign]

    class _Pool(concurrent.futures.ThreadPoolExecutor):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            _judges.append(self)

    checker.run.ThreadPoolExecutor = _Pool  # type: ignore[misc]


class Profile:
    """What holds the memory while the check runs: sampled by a thread every ``every`` seconds.

    Each sample is the time, ``VmRSS`` (read first, before the sample's own allocations), the
    traced heap (0 if ``tracemalloc`` is off), the ``asyncio`` tasks and futures alive, and the
    collector's live objects by type.  The sample with the highest RSS keeps, under
    ``tracemalloc``, the top allocation sites of that moment: a peak is explained by what was
    held at it, not by what was left after the run.
    """

    def __init__(self, every: float) -> None:
        self.every = every
        self.started = time.monotonic()
        self.samples: list[tuple[float, float, float, int, int, int]] = []
        self.heaps: list[tuple[float, float, float, float, float]] = []
        self.ssl_most = 0  # the most SSLProtocol objects alive at a sample
        self.ssl_at_peak = 0
        self.highs: list[float] = []  # VmHWM at each sample: a peak between two samples shows
        self.peak_rss = 0.0
        self.peak_types: list[tuple[str, int, float]] = []
        self.peak_sites: list[tuple[str, float, int]] = []
        self._baseline: dict[str, tuple[int, int]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def start(self) -> Profile:
        """Count the live objects by type (the baseline), then sample in a daemon thread."""
        counts, sizes, _, _, _ = _live()
        self._baseline = {name: (counts[name], sizes[name]) for name in counts}
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop sampling (the last sample is kept)."""
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        while not self._stop.wait(self.every):
            self.sample()

    def sample(self) -> None:
        """One sample; at a new RSS high, also what is held by type and by allocation site."""
        rss = _rss_mb()
        traced = tracemalloc.get_traced_memory()[0] / 1e6 if tracemalloc.is_tracing() else 0.0
        heap = _heap()
        counts, sizes, tasks, futures, total = _live()
        when = time.monotonic() - self.started
        self.samples.append((when, rss, traced, tasks, futures, total))
        self.heaps.append(heap)
        self.highs.append(_rss_mb("VmHWM"))
        ssl = counts["asyncio.sslproto.SSLProtocol"]
        self.ssl_most = max(self.ssl_most, ssl)
        if rss <= self.peak_rss + 0.5:  # the first sample at (about) the highest RSS explains it
            return
        self.peak_rss = rss
        self.ssl_at_peak = ssl
        base = self._baseline
        grown = collections.Counter({n: sizes[n] - base.get(n, (0, 0))[1] for n in sizes})
        top = grown.most_common(15)
        self.peak_types = [(n, counts[n] - base.get(n, (0, 0))[0], g / 1e6) for n, g in top]
        if tracemalloc.is_tracing():
            stats = tracemalloc.take_snapshot().statistics("lineno")[:15]
            self.peak_sites = [
                (
                    f"{s.traceback[0].filename.removeprefix(str(REPO) + '/')}:"
                    f"{s.traceback[0].lineno}",
                    s.size / 1e6,
                    s.count,
                )
                for s in stats
            ]

    def lines(self) -> list[str]:
        """The samples (a dozen along the run) and what was held at the highest RSS."""
        out = [
            "  profile:   time   RSS MB  traced MB  tasks  futures  gc objects"
            "   pymalloc arenas/used MB   malloc used/free/mmap MB   VmHWM"
        ]
        step = max(1, len(self.samples) // 12)
        rows = list(zip(self.samples, self.heaps, self.highs, strict=True))
        # every row where the high-water mark rose by more than 2 MB since the row before
        shown = {i for i in range(1, len(rows)) if rows[i][2] > rows[i - 1][2] + 2}
        shown |= set(range(0, len(rows), step)) | {len(rows) - 1}
        for (when, rss, traced, tasks, futures, total), heap, high in (
            rows[i] for i in sorted(shown) if rows
        ):
            out.append(
                f"  {when:12.1f} s {rss:7.1f} {traced:10.1f} {tasks:6d} {futures:8d} {total:11d}"
                f"   {heap[0]:8.1f} / {heap[1]:6.1f}        {heap[2]:6.1f} / {heap[3]:6.1f}"
                f" / {heap[4]:6.1f}   {high:6.1f}"
            )
        peak = max(self.samples, key=lambda s: s[1], default=None)
        at = next((i for i, s in enumerate(self.samples) if s[1] >= self.peak_rss), None)
        first = self.samples[at] if at is not None else None
        if peak is None:
            return out
        out.append(
            f"  highest RSS {peak[1]:.1f} MB at {peak[0]:.1f} s; first within 0.5 MB of it:"
            f" {first[1] if first else 0:.1f} MB at {first[0] if first else 0:.1f} s, traced"
            f" {first[2] if first else 0:.1f} MB, {first[3] if first else 0} tasks,"
            f" {first[4] if first else 0} futures, {first[5] if first else 0} gc-tracked objects"
            " (the types and sites below are of that sample)"
        )
        if at is not None:
            heap = self.heaps[at]
            out.append(
                f"  its heap: pymalloc arenas {heap[0]:.1f} MB ({heap[1]:.1f} MB in blocks used),"
                f" malloc in use {heap[2]:.1f} MB, free in malloc's arenas {heap[3]:.1f} MB,"
                f" malloc's mmaps {heap[4]:.1f} MB"
            )
        out.append(
            f"  asyncio SSLProtocol objects alive: {self.ssl_at_peak} at the peak, at most"
            f" {self.ssl_most} (each holds a 256 KB read buffer, ~{self.ssl_most / 4:.0f} MB)"
        )
        out.append("  live objects grown since the check began, by type, at the peak (MB, count):")
        out += [f"    {size:7.2f} MB {count:9d}  {name}" for name, count, size in self.peak_types]
        if self.peak_sites:
            out.append("  tracemalloc top sites at the peak (MB, blocks):")
            out += [
                f"    {size:7.2f} MB {count:9d}  {site}" for site, size, count in self.peak_sites
            ]
        return out


class _MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena",
            "ordblks",
            "smblks",
            "hblks",
            "hblkhd",
            "usmblks",
            "fsmblks",
            "uordblks",
            "fordblks",
            "keepcost",
        )
    ]


def _heap() -> tuple[float, float, float, float, float]:
    """Where the heap's bytes are, in MB: pymalloc's arenas and the blocks used in them (small
    Python objects), then glibc malloc's bytes in use (C allocations and Python's objects over
    512 bytes), free inside its arenas (slack), and in its own mmaps.  Zeros if unavailable."""
    arenas = used = 0.0
    with tempfile.TemporaryFile("w+") as sink:
        sys.stderr.flush()
        saved = os.dup(2)
        try:
            os.dup2(sink.fileno(), 2)
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        sink.seek(0)
        for line in sink:
            if "bytes/arena" in line:
                arenas = int(line.split("=")[1].replace(",", "")) / 1e6
            elif line.startswith("# bytes in allocated blocks"):
                used = int(line.split("=")[1].replace(",", "")) / 1e6
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = _MallInfo2
        info = libc.mallinfo2()
    except (OSError, AttributeError):
        return arenas, used, 0.0, 0.0, 0.0
    return arenas, used, info.uordblks / 1e6, info.fordblks / 1e6, info.hblkhd / 1e6


def _live() -> tuple[collections.Counter[str], collections.Counter[str], int, int, int]:
    """The collector's live objects: count and shallow bytes by type; tasks, futures, total."""
    counts: collections.Counter[str] = collections.Counter()
    sizes: collections.Counter[str] = collections.Counter()
    tasks = futures = 0
    objects = gc.get_objects()
    for obj in objects:
        kind = type(obj)
        name = f"{kind.__module__}.{kind.__qualname__}"
        counts[name] += 1
        sizes[name] += sys.getsizeof(obj)
        if isinstance(obj, asyncio.Task):
            tasks += 1
        elif isinstance(obj, asyncio.Future | concurrent.futures.Future):
            futures += 1
    total = len(objects)
    del objects
    return counts, sizes, tasks, futures, total


def staged(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function``, printing (stderr) what the process's peak was before and after it ran, its
    RSS after, and under ``tracemalloc`` the traced peak while it ran: which stage of the CLI
    makes the peak."""

    if asyncio.iscoroutinefunction(function):

        async def run_async(*args: Any, **kwargs: Any) -> Any:
            high = _rss_mb("VmHWM")
            try:
                return await function(*args, **kwargs)
            finally:
                print(
                    f"  stage {name}: VmHWM {high:.1f} -> {_rss_mb('VmHWM'):.1f} MB, RSS after"
                    f" {_rss_mb():.1f} MB",
                    file=sys.stderr,
                )

        return run_async

    def run(*args: Any, **kwargs: Any) -> Any:
        print(f"  stage {name} starts: VmHWM {_rss_mb('VmHWM'):.1f} MB", file=sys.stderr)
        tracing = tracemalloc.is_tracing()
        if tracing:
            tracemalloc.reset_peak()
        high = _rss_mb("VmHWM")
        try:
            return function(*args, **kwargs)
        finally:
            traced = tracemalloc.get_traced_memory() if tracing else (0, 0)
            print(
                f"  stage {name}: VmHWM {high:.1f} -> {_rss_mb('VmHWM'):.1f} MB, RSS after"
                f" {_rss_mb():.1f} MB; traced now {traced[0] / 1e6:.1f}, peak in it"
                f" {traced[1] / 1e6:.1f} MB",
                file=sys.stderr,
            )

    return run


_PROFILED_CHILD = """
import runpy, sys, tracemalloc
every, trace = float(sys.argv[1]), sys.argv[2] == "1"
sys.argv = ["citecheck", *sys.argv[3:]]
from bench.memory import Profile
if trace:
    tracemalloc.start()
profile = Profile(every).start()
import gc, os
if os.environ.get("BENCH_MEMORY_GC") == "off":  # is the collector part of a peak?
    gc.disable()
import checker.cli
from bench.memory import staged
for name in ("_check", "build_document", "failing", "_write", "summary_lines"):
    setattr(checker.cli, name, staged(name, getattr(checker.cli, name)))
import checker.executor, checker.pipeline, checker.run
for owner, name in (
    (checker.executor.LocalExecutor, "finish"),
    (checker.run.Run, "__aexit__"),
    (checker.pipeline._Verdicts, "checked"),
    (checker.pipeline._Intake, "problems"),
):
    setattr(owner, name, staged(f"{owner.__name__}.{name}", getattr(owner, name)))
import asyncio.runners
checker.pipeline.run = staged("pipeline.run", checker.pipeline.run)
for name in ("_cancel_all_tasks",):
    setattr(asyncio.runners, name, staged(name, getattr(asyncio.runners, name)))
asyncio.runners.Runner.close = staged("Runner.close", asyncio.runners.Runner.close)
import asyncio.base_events as base
for name in ("shutdown_asyncgens", "shutdown_default_executor", "close", "run_until_complete"):
    setattr(base.BaseEventLoop, name, staged(f"loop.{name}", getattr(base.BaseEventLoop, name)))
try:
    runpy.run_module("checker", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
profile.stop()
with open("/proc/self/status") as status:
    peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
print("\\n".join(profile.lines()), file=sys.stderr)
print("peak-kb", peak, file=sys.stderr)
"""


def _cli_profile(args: list[str], folder: Path, every: float, trace: bool) -> None:
    """``citecheck ARGS`` in a child process with :class:`Profile` sampling inside it."""
    path = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)
    command = [sys.executable, "-c", _PROFILED_CHILD, str(every), "1" if trace else "0", *args]
    done = subprocess.run(
        command,
        check=False,
        cwd=folder,
        env={**os.environ, "PYTHONPATH": path},
        capture_output=True,
        text=True,
    )
    lines = done.stderr.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("  profile:")), None)
    print(f"citecheck check (child process, profiled), exit {done.returncode}:")
    other = [line for line in lines[:start] if not line.startswith("  stage ")]
    print(f"  its other stderr: {len(other)} lines; the first: {other[:3]}")
    print("\n".join(line for line in lines if line.startswith("  stage ")))
    print("\n".join(lines[start:] if start is not None else lines[-40:]))


def _status_kb(pid: int, field: str) -> int:
    """``field`` (``VmHWM``, ``VmRSS``) of ``/proc/PID/status`` in KB; 0 once the process is
    gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            return next((int(line.split()[1]) for line in status if line.startswith(field)), 0)
    except (OSError, ValueError):
        return 0


def _pss_kb(pid: int) -> int:
    """``pid``'s proportional set (its private pages, plus its share of the pages it shares
    with the other processes of the run: a fork's untouched pages are counted once over all)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            return next((int(line.split()[1]) for line in rollup if line.startswith("Pss:")), 0)
    except (OSError, ValueError):
        return 0


def _descendants(pid: int) -> list[int]:
    """``pid``'s children, their children, and so on (Linux's ``/proc/PID/task/*/children``)."""
    found, queue = [], [pid]
    while queue:
        parent = queue.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = [int(c) for c in (task / "children").read_text().split()]
            except (OSError, ValueError):
                continue
            found += children
            queue += children
    return found


class _Tree:
    """Samples, four times a second, every process of a ``citecheck check`` run on several
    processes (the child :func:`~bench.child_peak.run_child` starts and the workers it forks):
    each one's peak (VmHWM, read last while it lives), and the highest sum over the tree of
    RSS (shared pages counted in each process, as ``top`` adds them up) and of PSS (each
    page counted once: what the run costs the machine)."""

    def __init__(self) -> None:
        self.peaks: dict[int, int] = {}
        self.rss_sum = 0
        self.pss_sum = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> _Tree:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(0.25):
            tree = _descendants(os.getpid())
            # The run's processes: the child, and its forked workers (whose command line is
            # the child's: each once).
            run = [p for p in tree if "peak-kb" in _cmdline(p)]
            pids = sorted({*run, *(p for r in run for p in _descendants(r))})
            self.rss_sum = max(self.rss_sum, sum(_status_kb(p, "VmRSS") for p in pids))
            self.pss_sum = max(self.pss_sum, sum(_pss_kb(p) for p in pids))
            for pid in pids:
                self.peaks[pid] = max(self.peaks.get(pid, 0), _status_kb(pid, "VmHWM"))


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text(errors="replace")
    except OSError:
        return ""


def _cli_peak(
    folder: Path,
    concurrency: int,
    profile: float | None,
    trace: bool,
    store: bool = False,
    processes: str | None = None,
) -> None:
    """``citecheck check`` of the corpus in a child process: its peak RSS and CPU.

    With ``store``: a cold run on a fresh store, then a warm one on it (the rerun the issue's
    "warm ≤ 5 % of cold" is about), each's wall and CPU and their ratios."""
    config = folder / "cli.toml"
    config.write_text(f'archive = "off"\nconcurrency = {concurrency}\n')
    args = ["check", str(folder / "corpus"), "--config", str(config), "-q"]
    args += ["--report-dir", str(folder / "cli-reports")]
    if not store:
        args.append("--no-store")
    if processes is not None:
        args += ["--processes", processes]
    if profile is not None:
        _cli_profile(args, folder, profile, trace)
        return
    walls, cpus = [], []
    for label in ("cold", "warm") if store else ("",):
        extra = ["--store", str(folder / "s.sqlite3")] if store else []
        before, started = os.times(), time.monotonic()
        with _Tree() as tree:
            child = run_child([*args, *extra], cwd=folder)
        wall, after = time.monotonic() - started, os.times()
        cpu = after.children_user + after.children_system
        cpu -= before.children_user + before.children_system
        if child.peak_kb is None:
            print(f"citecheck failed (exit {child.returncode}): {child.stderr[-2000:]}")
            return
        walls.append(wall)
        cpus.append(cpu)
        size = sum(p.stat().st_size for p in (folder / "cli-reports").iterdir()) / 1e6
        print(
            f"citecheck check {label} (child process): peak RSS {child.peak_kb / 1024:.1f} MB,"
            f" wall {wall:.1f} s, CPU {cpu:.1f} s, exit {child.returncode}, reports {size:.1f} MB"
        )
        peaks = sorted(tree.peaks.values(), reverse=True)
        if len(peaks) > 1:  # worker processes: each one's peak, and the tree's sums
            print(
                f"  {len(peaks)} processes, peaks (VmHWM, sampled) "
                f"{', '.join(f'{kb / 1024:.1f}' for kb in peaks)} MB; highest sum over them: "
                f"RSS {tree.rss_sum / 1024:.1f} MB, PSS {tree.pss_sum / 1024:.1f} MB"
            )
    if store:
        load = ", ".join(f"{n:.1f}" for n in os.getloadavg())  # wall means little without it
        ratios = f"wall {walls[1] / walls[0]:.3f}, CPU {cpus[1] / cpus[0]:.3f}"
        print(f"warm / cold: {ratios} (load average {load})")
        print(f"kept: {folder} (citecheck {' '.join([*args, *extra])})")


def _reports(report: Report, config: Config) -> None:
    """The CLI's tail (report dictionary, then the default reports): traced peak and CPU."""
    checked = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    cpu = time.process_time()
    document = build_document(report, config=config)
    del report  # as the CLI does: the document says it all now
    built = time.process_time()
    write_reports(document, report_dir=config.report.dir, formats=config.report.formats)
    written = time.process_time()
    peak = tracemalloc.get_traced_memory()[1]
    print(
        f"  traced: check peak {checked[1] / 1e6:.1f} MB (held at its end {checked[0] / 1e6:.1f}"
        f" MB); reports peak {peak / 1e6:.1f} MB ({(peak - checked[0]) / 1e6:+.1f} MB);"
        f" CPU build {built - cpu:.2f} s, write {written - built:.2f} s"
    )


def main(argv: list[str] | None = None) -> None:
    """Serve, check with the sampler running, print the peak and what it held."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--regime", choices=REGIMES, default="zipf")
    parser.add_argument("--small", action="store_true", help="2,000 URLs over 40 hosts")
    parser.add_argument("--concurrency", type=int, default=128)
    parser.add_argument("--store", action="store_true", help="with a fresh store, then warm")
    parser.add_argument("--cli", action="store_true", help="the CLI's peak, in a child process")
    parser.add_argument(
        "--processes",
        help="--cli: citecheck --processes N (default: citecheck's own, auto); with workers, "
        "each process's peak and the sums of RSS and PSS over them are printed too",
    )
    parser.add_argument("--trace", action="store_true", help="tracemalloc peaks, reports written")
    parser.add_argument(
        "--profile",
        type=float,
        metavar="SECONDS",
        help="sample RSS, traced heap, live objects by type and tasks every SECONDS",
    )
    args = parser.parse_args(argv)
    hosts, urls = (40, 2000) if args.small else (400, 20000)
    site = build_site(1, hosts, urls, regime=args.regime)
    folder = Path(tempfile.mkdtemp(prefix="citecheck-memory-"))
    write_corpus(site, folder / "corpus")
    server = _Server(1, hosts, urls, args.regime, folder / "ca.pem")
    os.environ.clear()
    os.environ.update(_env(server.port))
    if args.cli:
        try:
            _cli_peak(
                folder, args.concurrency, args.profile, args.trace, args.store, args.processes
            )
        finally:
            server.stop()
        return
    config = Config().with_(
        concurrency=args.concurrency,
        archive="off",
        store=folder / "s.sqlite3" if args.store else None,
        report_dir=folder / "reports",
    )
    _instrument()
    print(f"before the check: RSS {_rss_mb():.1f} MB (interpreter, libraries, the site model)")
    try:
        for label in ("cold", "warm") if args.store else ("cold",):
            samples: list[tuple[float, float, int, int, int]] = []
            stop = threading.Event()
            sampler = threading.Thread(target=_sample, args=(samples, stop), daemon=True)
            sampler.start()
            if args.trace:
                tracemalloc.start()
            profile = Profile(args.profile).start() if args.profile else None
            started, cpu = time.monotonic(), time.process_time()
            report = check([str(folder / "corpus")], config)
            wall, cpu = time.monotonic() - started, time.process_time() - cpu
            if profile is not None:
                profile.stop()
            if args.trace:
                _reports(report, config)
                del report
                tracemalloc.stop()
            stop.set()
            sampler.join()
            _fetchers.clear()
            _judges.clear()
            print(f"{label}: wall {wall:.1f} s, CPU {cpu:.1f} s, RSS after {_rss_mb():.1f} MB")
            if profile is not None:
                print("\n".join(profile.lines()))
            if not samples:
                continue
            peak = max(samples, key=lambda s: s[1])
            print(
                f"  peak RSS {peak[1]:.1f} MB at {peak[0]:.1f} s: judging backlog {peak[2]} pages,"
                f" {peak[3]} texts held ({peak[4] / 1e6:.1f} M characters)"
            )
            for sample in samples[:: max(1, len(samples) // 12)]:
                print(
                    f"  {sample[0]:6.1f} s  RSS {sample[1]:6.1f} MB  backlog {sample[2]:6d}"
                    f"  texts {sample[3]:6d} ({sample[4] / 1e6:5.1f} M chars)"
                )
    finally:
        server.stop()


if __name__ == "__main__":
    main()
