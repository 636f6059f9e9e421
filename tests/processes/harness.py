"""A run on worker processes, driven from a fresh interpreter (``python -m tests.processes.harness
SPEC``): forking needs a process with one thread, and a pytest process serving the fixture web
runs several.  The test serves the web; this runs the check and writes what it saw as JSON.

SPEC (a JSON file): ``inputs``, ``overrides`` (config keys), ``processes``, ``start_after``
(citations the driver checks alone before the workers start, as ``processes = "auto"`` does),
``kill`` (SIGKILL a busy worker at the first verdict), ``stop`` (SIGSTOP one: hung, not dead),
``archive_down_first`` (the driver's archive breaker open before any job), ``kill_at_start``
(SIGKILL a worker before it is given anything), ``kill_extracting``
(SIGKILL the worker as the first page is handed to it to extract), ``crash_extracting`` (the
extraction of pages whose origin ends with it raises, in every process), ``out`` (where the
result goes), ``slow_extracting`` (``[suffix, seconds]``: the extraction of pages whose origin
ends with ``suffix`` holds its process's GIL, and with it the loop, that long, in every process:
a pathological page parsed in C), ``silence`` (seconds a worker may stay silent, instead of
what the timeouts make it: a short one without timeouts short enough to trip on a loaded
machine's own slowness), ``count_store_checks`` (note each store file the driver checks
before a use, with whether in full: ``store_checks``).
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import sys
from pathlib import Path
from typing import Any

from checker import processes
from checker import run as run_module
from checker.config import load_config
from checker.executor import Sink
from checker.model import Document, Page, ProgressEvent, ProgressKind
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
    crash = spec.get("crash_extracting")
    if crash:
        _crash_extracting(crash)
    slow = spec.get("slow_extracting")
    if slow:
        _slow_extracting(str(slow[0]), float(slow[1]))
    if spec.get("silence"):
        allowed = float(spec["silence"])
        processes.silence = lambda _config: allowed  # type: ignore[assignment]
    checks = _count_store_checks() if spec.get("count_store_checks") else []
    pool = start(config, int(spec["processes"]), int(spec.get("start_after", 0)))
    executors: list[ProcessExecutor] = []
    killed: list[str] = []

    def factory(run: Run, sink: Sink) -> ProcessExecutor:
        assert pool is not None
        executors.append(pool.factory(run, sink))
        if spec.get("archive_down_first"):  # the driver's breaker opened before any job
            run.archives.breaker.told("the archive is down (told first)")
        if spec.get("kill_extracting"):
            _kill_at_first_page(executors[-1], killed)
        if spec.get("kill_at_start"):  # before it is given any page or job
            name, pid = next(iter(executors[-1].pids().items()))
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            killed.append(name)
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
        "pages_sent": executor.pages_sent if executor else 0,
        "store_checks": checks,
    }
    Path(spec["out"]).write_text(json.dumps(result), encoding="utf-8")


def _count_store_checks() -> list[list[object]]:
    """Each store file this process checks before a use (``fetch.store._problem_of``): its name
    and whether in full (``PRAGMA quick_check``), in order, into the list returned."""
    from checker.fetch import store  # noqa: PLC0415

    checks: list[list[object]] = []
    real = store._problem_of

    def counted(path: Path, **kwargs: bool) -> str | None:
        checks.append([path.name, kwargs.get("quick_check", True)])
        return real(path, **kwargs)

    store._problem_of = counted  # type: ignore[assignment]
    return checks


def _crash_extracting(suffix: str) -> None:
    """Every process's extraction of a page whose origin ends with ``suffix`` raises."""
    real = run_module.extract

    def flaky(page: Page, memo: Any = None, **options: Any) -> tuple[Document, ...]:
        if page.origin.endswith(suffix):
            raise RecursionError("maximum recursion depth exceeded")
        return real(page, memo, **options)

    run_module.extract = flaky  # type: ignore[assignment]


def _slow_extracting(suffix: str, seconds: float) -> None:
    """Every process's extraction of a page whose origin ends with ``suffix`` holds the GIL for
    ``seconds``, as a parse in C (lxml) of a pathological page does: the extraction thread runs
    it, and the loop beside it, which says the worker is alive, waits.  (``time.sleep`` lets
    the GIL go: the loop beat on, and a worker killed as hung for it could not be seen.)"""
    real = run_module.extract
    held = ctypes.PyDLL(None).usleep  # a PyDLL call keeps the GIL

    def slow(page: Page, memo: Any = None, **options: Any) -> tuple[Document, ...]:
        if page.origin.endswith(suffix):
            held(ctypes.c_uint(int(seconds * 1_000_000)))
        return real(page, memo, **options)

    run_module.extract = slow  # type: ignore[assignment]


def _kill_at_first_page(executor: ProcessExecutor, killed: list[str]) -> None:
    """Kill the worker (and wait for its death) as the first page is handed to it: the page's
    frame finds no one."""
    real = executor.extract_elsewhere

    def first_kills(page: Page) -> Any:
        if not killed and executor.started:
            name, pid = next(iter(executor.pids().items()))
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            killed.append(name)
        return real(page)

    executor.extract_elsewhere = first_kills  # type: ignore[method-assign]


if __name__ == "__main__":
    main(sys.argv[1])
