"""A run on worker processes, driven from a fresh interpreter (``python -m tests.processes.harness
SPEC``): forking needs a process with one thread, and a pytest process serving the fixture web
runs several.  The test serves the web; this runs the check and writes what it saw as JSON.

SPEC (a JSON file): ``inputs``, ``overrides`` (config keys), ``processes``, ``start_after``
(citations the driver checks alone before the workers start, as ``processes = "auto"`` does),
``kill`` (SIGKILL a busy worker at the first verdict), ``stop`` (SIGSTOP one: hung, not dead),
``archive_down_first`` (the driver's archive breaker open before any job), ``out`` (where the
result goes).
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

from checker.config import load_config
from checker.executor import Sink
from checker.model import ProgressEvent, ProgressKind
from checker.pipeline import check
from checker.processes import ProcessExecutor, available, start
from checker.report import build_document
from checker.report.json import render
from checker.run import Run


def main(spec_path: str) -> None:
    """Run the spec's check; write the report document and the executor's counts."""
    spec: dict[str, Any] = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    config = load_config(overrides=spec["overrides"])
    if not available():
        raise SystemExit("no fork here, or a thread is running: nothing to test")
    pool = start(config, int(spec["processes"]), int(spec.get("start_after", 0)))
    executors: list[ProcessExecutor] = []
    killed: list[str] = []

    def factory(run: Run, sink: Sink) -> ProcessExecutor:
        assert pool is not None
        executors.append(pool.factory(run, sink))
        if spec.get("archive_down_first"):  # the driver's breaker opened before any job
            run.archives.breaker.told("the archive is down (told first)")
        return executors[-1]

    def kill_one(event: ProgressEvent) -> None:
        """At the first verdict, kill a worker that still has jobs to answer."""
        how = signal.SIGKILL if spec.get("kill") else signal.SIGSTOP if spec.get("stop") else None
        if killed or how is None or event.kind is not ProgressKind.CHECKED:
            return
        busy = executors[0].busy()
        if busy:
            killed.append(busy[0])
            os.kill(executors[0].pids()[busy[0]], how)

    if pool is None:
        report = check(spec["inputs"], config)
    else:
        with pool:
            run_config = pool.driver_config()
            report = check(spec["inputs"], run_config, executor=factory, progress=kill_one)
    document = json.loads(render(build_document(report, config=config)))
    executor = executors[0] if executors else None
    result = {
        "document": document,
        "killed": killed,
        "rechecked": executor.rechecked if executor else 0,
        "pinned": executor.pinned() if executor else {},
        "started": executor.started if executor else False,
    }
    Path(spec["out"]).write_text(json.dumps(result), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
