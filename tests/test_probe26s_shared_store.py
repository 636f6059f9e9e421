"""Probe 26s: two runs share one ``--store`` at once while a third holds its write lock.

Session 26 made the store write the answers recorded on the loop together (``Store.record``,
within ``_RECORD_WAIT``) and the memo its rows a batch at a time: a transaction of many rows
meets another run's writes more often than a row's own commit did.  Two real ``citecheck
check`` processes over the sample web share one store file; once the first answers are in,
another connection holds the file's write lock (``BEGIN IMMEDIATE``) for a while, within the
busy timeout.  Both runs end with the uninterrupted verdicts and no traceback nor "locked"
line, and every answer waited for the lock rather than being lost: a warm run asks nothing.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.sampleweb import SampleWeb
from tests.fetch.test_resume import CITED, GONE, _command, _run, _statuses, _web

REPO = Path(__file__).resolve().parents[1]
HOLD = 1.5
"""Seconds the third connection keeps the write lock: several record waits, below the busy
timeout (a run gives up on a lock held longer: its answers are asked again, said nowhere)."""


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    with SampleWeb(_web()) as running:
        yield running


def _answers_in(store: Path) -> int:
    """The cited URLs' answers in the store, whichever run wrote them: the run that starts
    second may find the first's answers fresh and write none of its own (``_finished`` asks the
    first run's alone: under load the holder then waited out its 60 s, the lock taken only
    after both runs had ended)."""
    if not store.exists():
        return 0
    try:
        with sqlite3.connect(store, timeout=1.0) as db:
            rows = db.execute("SELECT url FROM urls").fetchall()
        db.close()
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0
    return sum(row[0] in CITED for row in rows)


def _hold_the_lock_once_answers_are_in(store: Path, held: list[float]) -> None:
    deadline = time.monotonic() + 60
    while _answers_in(store) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    db = sqlite3.connect(store, timeout=30.0, isolation_level=None)
    db.execute("BEGIN IMMEDIATE")
    started = time.monotonic()
    time.sleep(HOLD)
    db.execute("COMMIT")
    db.close()
    held.append(time.monotonic() - started)


def test_two_runs_on_one_store_and_a_held_lock_lose_no_answer(
    site: SampleWeb, tmp_path: Path
) -> None:
    store = tmp_path / "s.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    commands = []
    for name in ("a", "b"):
        folder = tmp_path / name
        folder.mkdir()
        args = _command(site, folder)
        args[args.index("--store") + 1] = str(store)
        commands.append((folder, args))
    held: list[float] = []
    holder = threading.Thread(target=_hold_the_lock_once_answers_are_in, args=(store, held))
    holder.start()
    children = [
        subprocess.Popen(
            args, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        for folder, args in commands
    ]
    errors = [child.communicate(timeout=120)[1] for child in children]
    holder.join(timeout=60)
    assert held, "the lock was never taken"
    expected = {url: "broken" if url == GONE else "ok" for url in CITED}
    for (folder, _), child, err in zip(commands, children, errors, strict=True):
        assert child.returncode == 1, err  # the 404 is a failing finding
        assert "Traceback" not in err, err
        assert "locked" not in err, err
        assert _statuses(folder / "out" / "report.json") == expected

    served = {url: site.count(url) for url in CITED}
    folder, args = commands[0]
    warm = _run(args, folder)
    assert warm.returncode == 1, warm.stderr
    asked = [url for url in CITED if site.count(url) != served[url]]
    assert asked == [GONE] or not asked, asked  # a failure may be asked again, nothing else
    assert _statuses(folder / "out" / "report.json") == expected
