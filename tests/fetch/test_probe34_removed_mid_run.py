"""A store or report folder removed or replaced while a run holds it is said (probe 34).

SQLite writes to the file it opened, whatever the path names later.  A store removed while a
run held it (a cache cleaned, a CI step restoring its cache over it) took the run's answers
with it, and the run said nothing: the next run asked every URL again, with no word why.  A
file put in its place got the run's verdicts and was sealed as the file the run had checked,
so the next run skipped the full check of a file no run had read.

A real child process (``python -m checker check``) checks a post through the sample web
(loopback HTTP/TLS, test CA, ``--connect-to``), its hosts holding a request each (the gate of
:mod:`tests.fetch.test_interrupted_bound`): once both hold, the store's file is removed or
replaced (or the report folder removed), the gate opens, and the run ends on its own.

The same for the report folder of a ``--warc`` run: removed during the run, it took the
evidence file with it; the reports were written into the folder made anew and report.json
listed an ``evidence.warc.gz`` that did not exist.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from checker.sampleweb import SampleWeb
from tests.fetch.support import restore_store_over
from tests.fetch.test_interrupted_bound import Gate, _command, _env, _gated_web


@pytest.fixture
def gated() -> Iterator[tuple[SampleWeb, Gate]]:
    yield from _gated_web()


RESTORED_ROWS = 2000


def _other_store(path: Path) -> None:
    """A healthy store of no run of this test, moved into ``path``'s place (a cache restore),
    with a table of its own (``restored``) the run must leave as it found it."""
    restore_store_over(path, RESTORED_ROWS)


def _removed_alone(path: Path) -> None:
    """The store's file removed, its log files left (``rm s.sqlite3``)."""
    path.unlink()


def _folder(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.mkdir()


def _removed(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _run_changing_the_store(
    site: SampleWeb,
    gate: Gate,
    tmp_path: Path,
    change: Callable[[Path], None],
    processes: int,
    extra: tuple[str, ...] = (),
) -> subprocess.CompletedProcess[str]:
    """The check, ``change`` made to its store's path once every host holds a request."""
    args = [*_command(site, tmp_path, processes), *extra]
    child = subprocess.Popen(
        args, cwd=tmp_path, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 120  # a loaded machine's start-up
        while not gate.every_host_held():
            assert child.poll() is None, child.communicate()
            assert time.monotonic() < deadline, "no request held in 120 s"
            time.sleep(0.01)
        change(tmp_path / "s.sqlite3")
        gate.opened.set()
        out, err = child.communicate(timeout=300)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    return subprocess.CompletedProcess(args, child.returncode, out, err)


@pytest.mark.parametrize(
    ("change", "how", "processes"),
    [
        (_removed, "removed", 1),
        (_removed_alone, "removed", 1),
        (_other_store, "replaced by another file", 1),
        (_folder, "replaced by a folder", 1),
        # the workers' shards are not merged into a file the run did not open (nor made anew)
        (_removed, "removed", 2),
        (_other_store, "replaced by another file", 2),
    ],
)
def test_a_store_removed_or_replaced_during_the_run_is_said(
    gated: tuple[SampleWeb, Gate],
    tmp_path: Path,
    change: Callable[[Path], None],
    how: str,
    processes: int,
) -> None:
    site, gate = gated
    run = _run_changing_the_store(site, gate, tmp_path, change, processes)
    assert run.returncode == 0, run.stderr
    store = tmp_path / "s.sqlite3"
    said = re.compile(
        rf"citecheck: warning: store {re.escape(str(store))}: (\d+) answers? of this run could "
        rf"not be written \(the file was {how} while the run held it\); the next run asks for "
        r"them again"
    )
    found = [m for m in map(said.fullmatch, run.stderr.splitlines()) if m is not None]
    assert len(found) == 1, run.stderr
    assert int(found[0][1]) >= 1
    assert "Traceback" not in run.stderr
    assert "could not be marked finished" not in run.stderr
    # the run's log is not left to be replayed into the next file at the path
    assert not Path(f"{store}-wal").exists()
    assert not Path(f"{store}-shm").exists()
    assert not Path(f"{store}.sealed").exists()
    if processes > 1 and store.is_file():  # the shards wait for the next run's merge
        unmerged = re.compile(
            rf"citecheck: warning: worker store .+ was not merged into {re.escape(str(store))} "
            rf"\(the file was {how} while the run held it\): the next run merges it"
        )
        assert any(map(unmerged.fullmatch, run.stderr.splitlines())), run.stderr


def test_a_file_put_in_the_store_s_place_is_neither_written_nor_sealed(
    gated: tuple[SampleWeb, Gate], tmp_path: Path
) -> None:
    """The file put there was read by no run: the next one must check it in full (no seal),
    and this run's verdict history is not written into it."""
    site, gate = gated
    run = _run_changing_the_store(site, gate, tmp_path, _other_store, 1)
    assert run.returncode == 0, run.stderr
    store = tmp_path / "s.sqlite3"
    assert not Path(f"{store}.sealed").exists()
    assert "this run's verdicts could not be written" in run.stderr
    with sqlite3.connect(store) as db:  # as restored: no log of the run replayed into it
        assert db.execute("SELECT count(*) FROM restored").fetchone()[0] == RESTORED_ROWS
        assert db.execute("SELECT count(*) FROM verdicts").fetchone()[0] == 0
    db.close()
    shutil.rmtree(tmp_path / "out")
    again = subprocess.run(
        _command(site, tmp_path, 1), cwd=tmp_path, env=_env(), capture_output=True, text=True,
        timeout=300, check=False,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert "could not be written" not in again.stderr


@pytest.mark.parametrize("processes", [1, 2])
def test_evidence_removed_with_its_folder_during_the_run_gets_no_report(
    gated: tuple[SampleWeb, Gate], tmp_path: Path, processes: int
) -> None:
    site, gate = gated
    reports = tmp_path / "out"

    def remove_the_report_folder(_store: Path) -> None:
        shutil.rmtree(reports)

    run = _run_changing_the_store(
        site, gate, tmp_path, remove_the_report_folder, processes, ("--warc",)
    )
    assert run.returncode == 2, run.stderr
    assert run.stderr.splitlines() == [
        f"citecheck: error: cannot write the evidence file {reports / 'evidence.warc.gz'}: it "
        "was removed during the run (or its folder was); the evidence is incomplete, so no "
        "report was written: keep the report folder while the run lasts, then run again"
    ]
    assert not (reports / "report.json").exists()
