"""``processes = "auto"`` reads what is idle now (issue 19), not the last minute's average."""

from __future__ import annotations

import pytest

from checker import sharing
from checker.sharing import auto_processes, busy_now, others_running, runnable

_BUSY_A_MINUTE_AGO = "4.52 3.10 2.05 1/170 12653\n"
"""The bench's previous rows (or a build that just ended) in the averages; only the reader
runnable now."""


def test_the_runnable_count_is_the_fourth_field_of_proc_loadavg() -> None:
    assert runnable("0.52 0.58 0.59 2/170 12653\n") == 2
    assert runnable(_BUSY_A_MINUTE_AGO) == 1
    for broken in ("", "0.52 0.58 0.59", "a b c d e", "0.5 0.5 0.5 x/170 1", "1 2 3 4/ 5"):
        assert runnable(broken) is None


def test_the_others_work_is_the_mean_runnable_count_less_the_reader() -> None:
    assert others_running([_BUSY_A_MINUTE_AGO] * 5) == 0.0
    assert others_running(["0 0 0 3/9 1", "0 0 0 2/9 1", "0 0 0 4/9 1"]) == 2.0
    assert others_running(["0 0 0 0/9 1"]) == 0.0  # never below nothing
    assert others_running(["", "nonsense"]) is None


def test_busy_now_averages_a_few_readings_a_moment_apart() -> None:
    readings = iter(["0 0 0 3/9 1", "0 0 0 1/9 1", "0 0 0 3/9 1", "0 0 0 1/9 1", "0 0 0 2/9 1"])
    slept: list[float] = []
    assert busy_now(lambda: next(readings), 5, slept.append) == pytest.approx(1.0)
    assert len(slept) == 4 and sum(slept) < 0.01


def test_without_proc_loadavg_the_one_minute_average_decides(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sharing.os, "getloadavg", lambda: (1.7, 1.0, 1.0))
    slept: list[float] = []
    assert busy_now(lambda: "", 5, slept.append) == 1.7
    assert slept == []  # one failed reading is enough to know there is no file
    monkeypatch.delattr(sharing.os, "getloadavg")
    assert busy_now(lambda: "", 5, slept.append) == 0.0


def test_a_machine_busy_a_minute_ago_and_idle_now_gets_both_cores(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sharing.os, "getloadavg", lambda: (4.52, 3.10, 2.05))
    monkeypatch.setattr(sharing, "_read_loadavg", lambda: _BUSY_A_MINUTE_AGO, raising=False)
    monkeypatch.setattr(sharing, "usable_cores", lambda: 2)
    assert auto_processes() == 2
    assert sharing.process_count("auto") == 2


def test_a_machine_busy_now_stays_on_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Others' work on both cores (a second process was 1.1-1.5x one's wall there), whatever
    the averages say."""
    monkeypatch.setattr(sharing.os, "getloadavg", lambda: (0.1, 0.1, 0.1))
    now = "0.10 0.10 0.10 3/170 12653\n"
    monkeypatch.setattr(sharing, "_read_loadavg", lambda: now, raising=False)
    monkeypatch.setattr(sharing, "usable_cores", lambda: 2)
    assert auto_processes() == 1


def test_one_core_reads_no_load(monkeypatch: pytest.MonkeyPatch) -> None:
    def unread() -> str:
        raise AssertionError("read")

    monkeypatch.setattr(sharing, "_read_loadavg", unread)
    monkeypatch.setattr(sharing, "usable_cores", lambda: 1)
    assert auto_processes() == 1
