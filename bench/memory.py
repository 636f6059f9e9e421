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
site model this process holds.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path
from typing import Any

import checker.run
from bench.child_peak import run_child
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


def _rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
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


def _cli_peak(folder: Path, concurrency: int) -> None:
    """``citecheck check`` of the corpus in a child process: its peak RSS and CPU."""
    config = folder / "cli.toml"
    config.write_text(f'archive = "off"\nconcurrency = {concurrency}\n')
    args = ["check", str(folder / "corpus"), "--config", str(config), "--no-store", "-q"]
    args += ["--report-dir", str(folder / "cli-reports")]
    before = os.times()
    child = run_child(args, cwd=folder)
    after = os.times()
    cpu = after.children_user + after.children_system
    cpu -= before.children_user + before.children_system
    if child.peak_kb is None:
        print(f"citecheck failed (exit {child.returncode}): {child.stderr[-2000:]}")
        return
    size = sum(p.stat().st_size for p in (folder / "cli-reports").iterdir()) / 1e6
    print(
        f"citecheck check (child process): peak RSS {child.peak_kb / 1024:.1f} MB,"
        f" CPU {cpu:.1f} s, exit {child.returncode}, reports {size:.1f} MB"
    )


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
    parser.add_argument("--trace", action="store_true", help="tracemalloc peaks, reports written")
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
            _cli_peak(folder, args.concurrency)
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
            started, cpu = time.monotonic(), time.process_time()
            report = check([str(folder / "corpus")], config)
            wall, cpu = time.monotonic() - started, time.process_time() - cpu
            if args.trace:
                _reports(report, config)
                del report
                tracemalloc.stop()
            stop.set()
            sampler.join()
            _fetchers.clear()
            _judges.clear()
            print(f"{label}: wall {wall:.1f} s, CPU {cpu:.1f} s, RSS after {_rss_mb():.1f} MB")
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
