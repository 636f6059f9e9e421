"""Where citecheck's CPU goes per checked URL (issue 19): cProfile of one in-process check.

``python -m bench.profile_check`` serves the uniform regime (2,000 URLs over 40 hosts, 100 ms per
answer, ~100-byte pages, 5 % 404; ``--regime zipf`` for the other one), checks its corpus with
the pipeline in this process under cProfile (through the loopback proxy, or ``--connect-to``),
and prints the CPU per URL and the top functions by own and cumulative time.

cProfile sees one thread only, and citecheck works on four kinds: the event loop, the judging
thread (``verify.citation._judge``), the extraction thread (``run.extract``) and the default
executor's threads (``decode_body``).  Each of those functions is wrapped so its calls are
profiled on their own thread's profiler, and the profiles are merged before printing
(cumulative times of the loop's coroutines count only the time they ran, not the time they
waited).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import checker.fetch.client
import checker.fetch.loop
import checker.run
import checker.verify.citation
from bench.corpus import write_corpus
from bench.run import _env, _Server
from bench.site import REGIMES, build_site
from bench.web import HEADER_SETS
from checker.cli import run_and_report
from checker.config import Config, ConnectTo
from checker.fetch import HttpFetcher
from checker.fetch.loop import LOOPS, run_loop
from checker.pipeline import check

__all__ = ["main"]

_local = threading.local()


def _profiled(function: Callable[..., Any], profiles: list[cProfile.Profile]) -> Callable[..., Any]:
    """``function`` with each call profiled by its thread's own profiler."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if threading.current_thread() is threading.main_thread():
            # the loop's own profiler is already on: a second one would replace it (small
            # bodies are decoded inline on the loop)
            return function(*args, **kwargs)
        profile = getattr(_local, "profile", None)
        if profile is None:
            profile = _local.profile = cProfile.Profile(time.thread_time)
            profiles.append(profile)
        profile.enable()
        try:
            return function(*args, **kwargs)
        finally:
            profile.disable()

    return wrapper


async def _fetch_all(config: Config, urls: list[str]) -> None:
    """Every URL through the fetcher alone: the fetch path's cost with nothing else running."""
    async with HttpFetcher(config, version="bench") as fetcher:
        await asyncio.gather(*(fetcher.get(url) for url in urls))


def _count_loop_work() -> dict[str, int]:
    """Counts, from now on, of the event loop's callbacks scheduled (``call_soon``: a future's
    done-callbacks, a task's steps and wake-ups), tasks and futures made: the asyncio machinery
    a URL costs, as a number that does not depend on the machine's load (issue 19)."""
    counts = {"callbacks": 0, "tasks": 0, "futures": 0}
    loop_class = asyncio.BaseEventLoop
    methods = {"callbacks": "_call_soon", "tasks": "create_task", "futures": "create_future"}
    for name, method in methods.items():
        original = getattr(loop_class, method)

        def counted(*args: Any, _name: str = name, _original: Any = original, **kw: Any) -> Any:
            counts[_name] += 1
            return _original(*args, **kw)

        setattr(loop_class, method, counted)
    return counts


def main(argv: list[str] | None = None) -> None:
    """Serve, check under the profiler, print the top costs per URL."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--regime", choices=REGIMES, default="uniform")
    parser.add_argument("--urls", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=40)
    parser.add_argument("--concurrency", type=int, default=128)
    parser.add_argument("--connect-to", action="store_true", help="no proxy: --connect-to")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sort", default="tottime", help="pstats key: tottime, cumulative")
    parser.add_argument("--no-profile", action="store_true", help="CPU and wall only")
    parser.add_argument(
        "--dump",
        type=Path,
        help="also write the merged profile here (pstats), and beside it the loop's (.loop) and "
        "the other threads' (.threads)",
    )
    parser.add_argument(
        "--handles",
        action="store_true",
        help="count the event loop's callbacks scheduled, tasks and futures made, per URL "
        "(on asyncio's own loop: uvloop's does this in C)",
    )
    parser.add_argument("--fetch-only", action="store_true", help="fetch every URL, no pipeline")
    parser.add_argument(
        "--loop",
        choices=LOOPS,
        help="the event loop to check on (default: the run's own choice, checker/fetch/loop.py)",
    )
    parser.add_argument(
        "--cli",
        action="store_true",
        help="what `citecheck check -q` runs after start-up: the check, the progress display, "
        "every report of --format written and the summary printed",
    )
    parser.add_argument(
        "--store",
        action="store_true",
        help="check with a cold store (a new file), as a user's defaults do; default: none",
    )
    parser.add_argument("--format", default="", help="with --cli: formats (default: the default)")
    parser.add_argument(
        "--headers", choices=HEADER_SETS, default="realistic", help="the bench web's header set"
    )
    args = parser.parse_args(argv)
    if args.handles and args.loop not in (None, "asyncio"):
        parser.error("--handles counts asyncio's own loop's calls: use it with --loop asyncio")
    if args.handles:
        args.loop = "asyncio"  # uvloop's loop schedules in C, out of the counters' reach
    if args.loop:  # read by every run_loop: the pipeline's and --fetch-only's
        checker.fetch.loop.LOOPS = (args.loop,)
    site = build_site(1, args.hosts, args.urls, regime=args.regime)
    folder = Path(tempfile.mkdtemp(prefix="citecheck-profile-"))
    write_corpus(site, folder / "corpus")
    server = _Server(1, args.hosts, args.urls, args.regime, folder / "ca.pem", args.headers)
    os.environ.clear()
    os.environ.update(_env(None if args.connect_to else server.port))
    rules = (ConnectTo.parse(f"::127.0.0.1:{server.port}"),) if args.connect_to else ()
    config = Config().with_(
        concurrency=args.concurrency,
        archive="off",
        connect_to=rules,
        store=folder / "store.sqlite3" if args.store else None,
        report_dir=folder / "reports",
    )
    if args.format:
        config = config.with_(formats=args.format)
    # CPU time, not wall: a thread waiting for the GIL (or the loop for the judging thread)
    # would otherwise charge the wait to whatever system call it had just released the GIL in
    profiler = cProfile.Profile(time.thread_time)
    workers: list[cProfile.Profile] = []
    if not args.no_profile:
        citation = checker.verify.citation
        client = checker.fetch.client
        citation._judge = _profiled(citation._judge, workers)  # type: ignore[attr-defined]
        client.decode_body = _profiled(client.decode_body, workers)  # type: ignore[attr-defined]
        checker.run.extract = _profiled(checker.run.extract, workers)  # type: ignore[attr-defined]
    counts = _count_loop_work() if args.handles else None
    started, cpu, times = time.monotonic(), time.process_time(), os.times()

    def run() -> None:
        if args.fetch_only:
            run_loop(_fetch_all(config, [r.url for r in site.cited]))
        elif args.cli:
            run_and_report([str(folder / "corpus")], config, quiet=True)
        else:
            check([str(folder / "corpus")], config)

    try:
        if args.no_profile:
            run()
        else:
            profiler.runcall(run)
        wall, cpu = time.monotonic() - started, time.process_time() - cpu
        ended = os.times()
        user, system = ended.user - times.user, ended.system - times.system
    finally:
        server.stop()
    print(f"wall {wall:.2f} s, CPU {cpu:.2f} s: {1000 * cpu / args.urls:.2f} ms per URL")
    # system time is the sockets, the loop's polls and the threads' hand-offs; user the Python
    print(f"user {user:.2f} s, system {system:.2f} s")
    if counts is not None:
        print(", ".join(f"{name} {n / args.urls:.2f}" for name, n in counts.items()), "per URL")
    if not args.no_profile:
        stats = pstats.Stats(profiler)
        for worker in workers:
            stats.add(worker)
        stats.sort_stats(args.sort).print_stats(args.top)
        if args.dump:
            stats.dump_stats(args.dump)
            # each thread's own profile too: the loop's and the other threads' (judging, decoding)
            profiler.dump_stats(args.dump.with_name(args.dump.name + ".loop"))
            if workers:
                others = pstats.Stats(workers[0])
                for worker in workers[1:]:
                    others.add(worker)
                others.dump_stats(args.dump.with_name(args.dump.name + ".threads"))


if __name__ == "__main__":
    main()
