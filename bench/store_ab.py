"""A cold store against ``--no-store``, tree against tree: CPU per process (issue 19).

``python -m bench.store_ab --trees BASE,AFTER --pairs 3`` serves the uniform regime (2,000 URLs
over 40 hosts, ``--regime zipf`` for the other) with one ``bench.web``, writes the corpus once,
then runs ``check`` from each tree in turn (alternated pairs: the machine's load drifts alike
over both), each run through ``bench.phases`` with a fresh store (``--store``), or ``--no-store``
(``--no-store``), or a warm rerun (``--mode warm``: a cold run first, untimed, then the timed
rerun; ``--mode warm-from-first``: that cold run made by the first tree, so each tree reruns a
store another version wrote).
It prints each run's wall, its CPU (``/usr/bin/time``: every process), the driver's and each
worker's CPU (their ``bench.phases`` stamps) and the load average, and whether each tree's
report.json and report.md equal the first tree's with the run stamps cut.  ``--lanes`` records
each run's lanes too (``CITECHECK_LANES``, :mod:`bench.lanes`) and adds its check window (first
request to last answer) and the lane-seconds idle for each reason: a change to how requests
follow each other on a host shows there whatever the load.

The machine is shared: CPU decides, wall is noted (the lead benches wall on an idle machine).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import write_corpus
from bench.lanes import table
from bench.run import _ARCHIVE_HOSTS, _CPU, _env, _Server
from bench.site import build_site
from bench.web import HEADER_SETS

_SYS = re.compile(r"System time \(seconds\): ([\d.]+)")
_STAMPS = re.compile(
    r'("(?:started|finished|run_time|duration_s|elapsed|generated|seconds|took)": )[^,\n]+'
    r"|(?:Started|Finished|Generated|Ran|Took)[^\n]*|\b\d+\.\d+ ?s\b"
)


def _cut(text: str) -> str:
    """A report's text with its run stamps (times, durations) cut."""
    return _STAMPS.sub("<stamp>", text)


def _per_process(phases: Path) -> tuple[float, list[float]]:
    """The driver's CPU (its last stamp) and each worker's (its life's end), from the stamps."""
    lines = [json.loads(line) for line in phases.read_text().splitlines()]
    driver = lines[0]["pid"]
    mine = [line["cpu"] for line in lines if line["pid"] == driver]
    workers = [line["cpu"] for line in lines if line["event"] == "worker life ends"]
    return mine[-1], workers


def _one(
    tree: Path,
    corpus: Path,
    work: Path,
    server: _Server,
    mode: str,
    processes: str,
    tag: str,
    runner: str = "",
    filler: Path | None = None,
    *,
    lanes: bool = False,
) -> tuple[dict[str, object], dict[str, str]]:
    store = work / f"{tag}.sqlite3"
    reports = work / f"r-{tag}"
    config = work / "off.toml"
    config.write_text('archive = "off"\n')
    archive = [
        arg
        for host in _ARCHIVE_HOSTS
        for arg in ("--connect-to", f"{host}:443:127.0.0.1:{server.tls_port}")
    ]
    store_args = ["--no-store"] if mode == "no-store" else ["--store", str(store)]
    command = [
        sys.executable,
        *(runner.split() if runner else ["-m", "bench.phases"]),
        "check",
        str(corpus),
        "--config",
        str(config),
        "-q",
        "--cacert",
        str(server.ca_file),
        *archive,
        "--report-dir",
        str(reports),
        "--processes",
        processes,
        *store_args,
    ]
    env = _env(server.port)
    env["PYTHONPATH"] = str(tree)
    for suffix in ("", "-wal", "-shm", ".sealed"):
        Path(f"{store}{suffix}").unlink(missing_ok=True)
    if mode.startswith("warm"):  # the cold run that fills the store, untimed
        server.control("reset")
        filled_by = filler or tree
        subprocess.run(
            command,
            env={**env, "PYTHONPATH": str(filled_by)},
            cwd=filled_by,
            capture_output=True,
            check=False,
        )
    phases = work / f"{tag}.phases"
    phases.unlink(missing_ok=True)
    env["CITECHECK_PHASES"] = str(phases)
    timeline = work / f"{tag}.lanes"
    timeline.unlink(missing_ok=True)
    if lanes:
        env["CITECHECK_LANES"] = str(timeline)
    server.control("reset")
    load = os.getloadavg()[0]
    started = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-v", *command],
        env=env,
        cwd=tree,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    counts = server.control("stats").get("counts", {})
    assert isinstance(counts, dict)
    driver, workers = _per_process(phases) if phases.is_file() else (0.0, [])
    row: dict[str, object] = {
        "tree": tree.name,
        "mode": mode,
        "wall": round(wall, 2),
        "cpu": round(sum(float(t) for t in _CPU.findall(done.stderr)), 2),
        "sys": round(sum(float(t) for t in _SYS.findall(done.stderr)), 2),
        "driver": round(driver, 2),
        "workers": [round(w, 2) for w in workers],
        "requests": sum(counts.values()),
        "exit": done.returncode,
        "load": round(load, 1),
    }
    if lanes and timeline.is_file():
        row.update(_lanes(timeline))
    texts = {
        name: _cut((reports / name).read_text())
        for name in ("report.json", "report.md")
        if (reports / name).is_file()
    }
    return row, texts


def _lanes(timeline: Path) -> dict[str, object]:
    """A run's check window and idle lane-seconds, read off :func:`bench.lanes.table`."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        table(str(timeline))
    lines = printed.getvalue().splitlines()
    window = next((line for line in lines if line.startswith("first request")), "")
    seconds = re.search(r"\(([\d.]+) s\)", window)
    idle = next((line for line in lines if line.startswith("lane-seconds")), "")
    return {"window": float(seconds.group(1)) if seconds else None, "lanes": idle}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trees", required=True, help="comma-separated worktrees, base first")
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--regime", choices=("uniform", "zipf"), default="uniform")
    parser.add_argument("--urls", type=int, default=2000)
    parser.add_argument("--hosts", type=int, default=40)
    parser.add_argument("--processes", default="2")
    parser.add_argument(
        "--mode", choices=("cold", "no-store", "warm", "warm-from-first"), default="cold"
    )
    parser.add_argument(
        "--runner", default="", help="run this script instead of bench.phases (a profiler)"
    )
    parser.add_argument("--lanes", action="store_true", help="record and sum each run's lanes")
    parser.add_argument(
        "--headers", choices=HEADER_SETS, default="realistic", help="the bench web's header set"
    )
    args = parser.parse_args(argv)
    trees = [Path(t).resolve() for t in args.trees.split(",")]
    work = Path(tempfile.mkdtemp(prefix="store-ab-"))
    site = build_site(1, args.hosts, args.urls, regime=args.regime)
    corpus = work / "corpus"
    write_corpus(site, corpus)
    server = _Server(1, args.hosts, args.urls, args.regime, work / "ca.pem", args.headers)
    for tree in trees:
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(tree / "checker")], check=True
        )
    try:
        first: dict[str, str] | None = None
        for pair in range(1, args.pairs + 1):
            for index, tree in enumerate(trees):
                tag = f"{index}-{pair}"
                filler = trees[0] if args.mode == "warm-from-first" else None
                row, texts = _one(
                    tree,
                    corpus,
                    work,
                    server,
                    args.mode,
                    args.processes,
                    tag,
                    args.runner,
                    filler,
                    lanes=args.lanes,
                )
                if first is None:
                    first = texts
                row["same reports"] = texts == first and bool(texts)
                print(json.dumps(row), flush=True)
    finally:
        server.stop()
    print(f"work folder: {work}")


if __name__ == "__main__":
    main()
