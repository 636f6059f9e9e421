"""``auto`` with an odd ``/proc/loadavg`` (probe, session 18): never an exception."""

from __future__ import annotations

import pytest

from checker import sharing
from checker.sharing import auto_processes, runnable

_HUGE = "0.10 0.10 0.10 " + "9" * 5000 + "/170 12653\n"
"""A count of 5,000 digits: ``int`` refuses more than 4,300 with a ValueError."""


@pytest.mark.parametrize(
    "text", [_HUGE, "0 0 0 3/" + "9" * 5000 + " 1", "0 0 0 ٣/9 1", "0 0 0 3/９ 1"]
)
def test_a_count_that_is_no_small_ascii_number_is_no_reading(text: str) -> None:
    assert runnable(text) is None


def test_auto_with_such_a_file_falls_back_to_the_average(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sharing, "_read_loadavg", lambda: _HUGE, raising=False)
    monkeypatch.setattr(sharing.os, "getloadavg", lambda: (0.1, 0.1, 0.1))
    monkeypatch.setattr(sharing.time, "sleep", lambda seconds: None)
    monkeypatch.setattr(sharing, "usable_cores", lambda: 2)
    assert auto_processes() == 2
