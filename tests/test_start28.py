"""What a ``citecheck check`` run waits for at its end without need is not waited for (issue
19, session 28: the fixed costs of a run)."""

from __future__ import annotations

import os
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
