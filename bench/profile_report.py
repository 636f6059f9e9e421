"""The CPU of writing each report format and the terminal summary (issue 19): one check, then
each formatter timed alone on its report, several rounds, medians of ``time.process_time``.

``python bench/profile_report.py --out DIR`` serves the uniform regime (``--regime zipf`` for
the other one), checks its corpus once in this process (archive lookups off, no store), fixes
the run's start and end stamps (so two trees' outputs can be compared byte for byte) and then,
each round, builds the report dictionary and renders every format (json, md, html, junit,
sarif, csv), the GitHub annotations and step summary, and the terminal summary (plain and
``--verbose``), timing each.  With ``--out`` every output is written there once, to diff
against another tree's.  Run as a file with ``PYTHONPATH`` naming the tree to measure, so one
copy of this script measures a base worktree and a changed one alike.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.corpus import write_corpus
from bench.run import _env, _Server
from bench.site import REGIMES, build_site
from checker.cli import summary_lines
from checker.config import Config
from checker.model import Report
from checker.pipeline import check
from checker.report import write as report_write
from checker.report.annotations import github_annotations, step_summary
from checker.report.document import build_document

__all__ = ["main"]

_FORMATS = ("json", "md", "html", "junit", "sarif", "csv")
_STAMP = "2026-01-01T00:00:00+00:00"


def _checked(regime: str, urls: int, hosts: int, folder: Path) -> tuple[Report, Config]:
    """The bench corpus checked once, its stamps fixed."""
    site = build_site(1, hosts, urls, regime=regime)
    write_corpus(site, folder / "corpus")
    server = _Server(1, hosts, urls, regime, folder / "ca.pem")
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(_env(server.port))
    config = Config().with_(
        concurrency=128, archive="off", store=None, report_dir=folder / "reports"
    )
    try:
        report = check([str(folder / "corpus")], config)
    finally:
        server.stop()
        os.environ.clear()
        os.environ.update(saved)
    return dataclasses.replace(report, started=_STAMP, finished=_STAMP), config


def _outputs(
    report: Report, config: Config, paths: tuple[Path, ...]
) -> dict[str, Callable[[], str]]:
    """Each output by name, as a function that builds the dictionary and renders it."""

    def rendered(name: str) -> Callable[[], str]:
        streamer = report_write._streamer(name)
        return lambda: "".join(streamer(build_document(report, config=config)))

    def terminal(verbose: bool) -> Callable[[], str]:
        return lambda: "\n".join(
            summary_lines(build_document(report, config=config), paths, verbose=verbose)
        )

    outputs = {name: rendered(name) for name in _FORMATS}
    outputs["annotations"] = lambda: github_annotations(build_document(report, config=config))
    outputs["step-summary"] = lambda: step_summary(build_document(report, config=config))
    outputs["terminal"] = terminal(False)
    outputs["terminal-verbose"] = terminal(True)
    return outputs


def _default_run(report: Report, config: Config, folder: Path) -> None:
    """What ``citecheck check -q`` does after the check: the default reports, the summary."""
    document = build_document(report, config=config)
    paths = report_write.write_reports(document, report_dir=folder, formats=config.report.formats)
    summary_lines(document, paths, quiet=True)


def _timed(function: Callable[[], Any]) -> float:
    started = time.process_time()
    function()
    return time.process_time() - started


def main(argv: list[str] | None = None) -> None:
    """Check once, time every output, print the medians (and write the outputs with --out)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--regime", choices=REGIMES, default="uniform")
    parser.add_argument("--urls", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--out", type=Path, help="write each output here once")
    args = parser.parse_args(argv)
    # one fixed folder: the posts' paths (and SARIF's fingerprints of them) are the same in
    # every run, so two trees' outputs compare byte for byte
    folder = Path(tempfile.gettempdir()) / "citecheck-report-bench"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    report, config = _checked(args.regime, args.urls, args.hosts, folder)
    paths = (Path("reports/report.json"), Path("reports/report.md"))
    outputs = _outputs(report, config, paths)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for name, output in outputs.items():
            text = output()
            (args.out / f"{name}.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
    times: dict[str, list[float]] = {name: [] for name in outputs}
    default: list[float] = []
    for _ in range(args.rounds):
        for name, output in outputs.items():
            times[name].append(_timed(output))
        # what `citecheck check -q` does after the check: the default reports and the summary
        default.append(_timed(lambda: _default_run(report, config, folder / "reports")))
    for name, values in times.items():
        print(f"{name:18} {1000 * statistics.median(values):8.1f} ms")
    print(f"{'default (-q)':18} {1000 * statistics.median(default):8.1f} ms")


if __name__ == "__main__":
    main()
