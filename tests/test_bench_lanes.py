"""``bench.lanes``: where a run's host lanes stood idle, by why (issue 19, session 27).

The events are the ones ``bench.phases`` records with ``CITECHECK_LANES`` (pid first); the
table splits each host's idle lanes between the first request and the last answer.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.lanes import table

DRIVER, WORKER = 10, 11


def _events() -> list[list[object]]:
    """Four hosts, one lane each, from 0 to 0.4 s: ``a`` waits on the hand-off and its queue,
    ``b`` is busy throughout, ``c`` is done early, ``d``'s URL is known late."""
    return [
        [DRIVER, "known", "a", 0.0],
        [DRIVER, "known", "a", 0.0],
        [WORKER, "asked", "a", 0.05],
        [WORKER, "queued", "a", 0.05],
        [WORKER, "slot", "a", 0.1, 0.2],
        [WORKER, "asked", "a", 0.25],
        [WORKER, "queued", "a", 0.25],
        [WORKER, "slot", "a", 0.3, 0.4],
        [DRIVER, "known", "b", 0.0],
        [DRIVER, "asked", "b", 0.0],
        [DRIVER, "queued", "b", 0.0],
        [DRIVER, "slot", "b", 0.0, 0.4],
        [DRIVER, "known", "c", 0.0],
        [DRIVER, "asked", "c", 0.0],
        [DRIVER, "queued", "c", 0.0],
        [DRIVER, "slot", "c", 0.0, 0.1],
        [DRIVER, "known", "d", 0.2],
        [DRIVER, "asked", "d", 0.2],
        [DRIVER, "queued", "d", 0.2],
        [DRIVER, "slot", "d", 0.2, 0.3],
        [WORKER, "probe", 0.15, 0.004, 2, 1, 0, 1, 0, True],
        [WORKER, "probe", 0.25, 0.001, 2, 0, 0, 0, 0, False],
    ]


def test_idle_lanes_are_split_by_why_they_stood_idle(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "lanes"
    path.write_text("".join(json.dumps(event) + "\n" for event in _events()))
    table(str(path), "0.1", 1)
    out = capsys.readouterr().out
    assert "first request at 0.000 s, last answer at 0.400 s (0.400 s); 4 hosts x 1 lanes" in out
    assert (
        "lane-seconds: busy 0.80 of 1.60; idle queued for a slot 0.10, known, not yet asked "
        "0.10, not known yet 0.20, host done 0.40"
    ) in out
    assert "loop lag judging: median 4.0 ms (1 probes); not judging: median 1.0 ms" in out
    assert "known -> asked (per host, in order): median 0.0 ms" in out
