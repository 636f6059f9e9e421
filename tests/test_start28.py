"""What a ``citecheck check`` run waits for at its end without need is not waited for (issue
19, session 28: the fixed costs of a run)."""

from __future__ import annotations

import os
import resource
import select
import time

import pytest

import checker.processes


def test_a_workers_exit_wakes_the_driver_waiting_for_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """The driver reaping a worker at the run's end is woken by the worker's exit (a pidfd),
    not by polling every 10 ms: each poll's sleep was on the run's critical path."""
    pid = os.fork()
    if pid == 0:  # the worker: exits a moment after the driver starts waiting
        select.select([], [], [], 0.2)
        os._exit(3)
    slept: list[float] = []
    monkeypatch.setattr(checker.processes.time, "sleep", slept.append)
    status = checker.processes._reap(pid, time.monotonic() + 30)
    assert status is not None and os.waitstatus_to_exitcode(status) == 3
    assert slept == []


def test_a_worker_is_reaped_at_once_when_the_driver_holds_more_than_1024_files(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A run with many connections open holds file descriptors past ``select``'s 1024: the
    wait for a worker's exit still works (``poll``), woken by the exit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 2048:
        pytest.skip("this system allows fewer than 2048 open files")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 2048), hard))
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]
    try:
        pid = os.fork()
        if pid == 0:
            select.select([], [], [], 0.1)
            os._exit(5)
        slept: list[float] = []
        monkeypatch.setattr(checker.processes.time, "sleep", slept.append)
        status = checker.processes._reap(pid, time.monotonic() + 30)
    finally:
        for handle in held:
            os.close(handle)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
    assert status is not None and os.waitstatus_to_exitcode(status) == 5
    assert slept == []
