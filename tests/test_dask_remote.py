"""A run on a running Dask scheduler (``--scheduler tcp://…``), its workers other processes.

The scheduler and two workers are started as ``dask scheduler`` / ``dask worker`` would be on
other machines (here on 127.0.0.1, as subprocesses), and ``citecheck check --scheduler`` runs as
a user runs it: the report is the local run's, apart from its timing.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from distributed import Client

from checker.sampleweb import SampleWeb
from checker.sampleweb.demo_web import (
    DEMO_BLOG_URL,
    DEMO_LIVE_POST_URL,
    DEMO_PLATFORMS_POST_URL,
    demo_web,
)

INPUTS = [DEMO_BLOG_URL, DEMO_LIVE_POST_URL, DEMO_PLATFORMS_POST_URL]
ROOT = Path(__file__).resolve().parents[1]
TIMING = ("started", "finished")
"""report.json's keys that say when the run was, not what it found."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def _env() -> dict[str, str]:
    """The processes import this checkout's citecheck, as installed workers would theirs."""
    path = os.environ.get("PYTHONPATH", "")
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), path) if p)}


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A scheduler and two workers on 127.0.0.1, stopped at the end of the module."""
    address = f"tcp://127.0.0.1:{_free_port()}"
    logs = tmp_path_factory.mktemp("dask-logs")
    dask = [sys.executable, "-m", "dask"]
    commands = [
        [*dask, "scheduler", "--host", "127.0.0.1", "--port", address.rsplit(":", 1)[1]],
        *(
            [*dask, "worker", address, "--nthreads", "1", "--name", f"w{n}", "--host", "127.0.0.1"]
            for n in range(2)
        ),
    ]
    processes: list[subprocess.Popen[bytes]] = []
    try:
        for n, command in enumerate(commands):
            with (logs / f"{n}.log").open("wb") as log:  # the process keeps its own copy
                processes.append(
                    subprocess.Popen(
                        [*command, "--no-dashboard"], stdout=log, stderr=log, env=_env(), cwd=logs
                    )
                )
        with Client(address, timeout="60s") as client:  # type: ignore[no-untyped-call]
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _check(web: SampleWeb, folder: Path, *extra: str) -> dict[str, Any]:
    """``citecheck check`` as a user runs it; its report.json."""
    command = [sys.executable, "-m", "checker", "check", *INPUTS, "-q", "--no-store"]
    command += ["--report-dir", str(folder), "--format", "json", "--cacert", str(web.ca_path)]
    for rule in web.connect_to():
        command += ["--connect-to", rule]
    done = subprocess.run(
        [*command, *extra], env=_env(), cwd=folder.parent, capture_output=True, check=False
    )
    assert done.returncode in (0, 1), done.stderr.decode(errors="replace")[-2000:]
    report: dict[str, Any] = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    return report


@pytest.mark.slow
def test_a_run_on_a_remote_scheduler_reports_what_a_local_run_does(
    tmp_path: Path, scheduler: str
) -> None:
    with SampleWeb(demo_web()) as web:
        local = _check(web, tmp_path / "local")
        distributed = _check(web, tmp_path / "remote", "--scheduler", scheduler)
    assert sum(len(d["citations"]) for d in local["documents"]) > 20
    for key in TIMING:
        local.pop(key)
        distributed.pop(key)
    assert distributed == local


@pytest.mark.slow
def test_a_local_cluster_run_ends_without_error_logs(tmp_path: Path) -> None:
    """The end of a ``--cluster local:2`` run printed the scheduler's "Exception while handling
    op variable_get" tracebacks: a worker's breaker watch was still waiting on a variable the
    driver deleted.  A clean run's stderr holds no error."""
    folder = tmp_path / "cluster"
    command = [sys.executable, "-m", "checker", "check", *INPUTS, "-q", "--no-store"]
    command += ["--report-dir", str(folder), "--format", "json", "--cluster", "local:2"]
    with SampleWeb(demo_web()) as web:
        command += ["--cacert", str(web.ca_path)]
        for rule in web.connect_to():
            command += ["--connect-to", rule]
        done = subprocess.run(command, env=_env(), cwd=tmp_path, capture_output=True, check=False)
    errors = done.stderr.decode(errors="replace")
    assert done.returncode == 1, errors[-2000:]  # the demo blog has failing findings
    assert "Traceback" not in errors and " ERROR " not in errors, errors[-3000:]
