"""A store removed or replaced while a run holds it: what the run leaves at the path (probe 34's
review), in one process, no race.

SQLite neither checkpoints nor deletes the log of a file it no longer finds at its name, and the
next opener of the path replays that log into whatever file is there now: a cache restored over
the store came back as the old run's tables, its own gone.  A merge of the workers' shards at the
run's end opened the file put in the store's place, made it the run's, and wrote into it.  A loss
that could not be counted was said as "0 answers".
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from checker.config import Config
from checker.fetch.store import Store, merge_shard, record_verdicts
from checker.memo import SqliteMemo
from checker.model import FetchResult, Outcome, Report
from tests.fetch.support import restore_store_over

PAGE = "https://moved.example.com/page"
RESTORED_ROWS = 500


def _restored(path: Path) -> None:
    """Another healthy store with a table of its own, moved over ``path`` (a cache restore)."""
    restore_store_over(path, RESTORED_ROWS)


def _restored_rows(path: Path) -> int:
    with sqlite3.connect(path) as db:
        found = int(db.execute("SELECT count(*) FROM restored").fetchone()[0])
    db.close()
    return found


def _answered(path: Path) -> Store:
    run = Store(path, Config().with_(store=path))
    run.record(FetchResult(PAGE, Outcome.OK, status_code=200, text="<title>page</title>"))
    run.finish()
    return run


def test_a_store_replaced_mid_run_keeps_its_own_tables(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "s.sqlite3"
    run = _answered(store)
    _restored(store)
    run.close()
    assert "1 answer of this run could not be written" in capsys.readouterr().err
    assert not Path(f"{store}-wal").exists()
    assert _restored_rows(store) == RESTORED_ROWS


def test_a_store_removed_alone_mid_run_leaves_no_log_to_replay(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite3"
    run = _answered(store)
    store.unlink()  # ``rm s.sqlite3``: its log files stay
    run.close()
    assert not Path(f"{store}-wal").exists()
    assert not Path(f"{store}-shm").exists()


def test_a_log_made_since_by_another_is_left(tmp_path: Path) -> None:
    """Only the log files the run opened are removed: one another program made is its own."""
    store = tmp_path / "s.sqlite3"
    run = _answered(store)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{store}{suffix}").unlink()
    Path(f"{store}-wal").write_bytes(b"another's")
    run.close()
    assert Path(f"{store}-wal").read_bytes() == b"another's"


def test_a_shard_is_not_merged_into_a_file_put_in_the_store_s_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The merge leaves the shard for the next run; the run's verdicts and seal are not written
    into the stranger's file either (the merge made it the run's file)."""
    store = tmp_path / "s.sqlite3"
    shard = tmp_path / "s.sqlite3.worker-w1.run1"
    _answered(shard).close()
    run = _answered(store)
    _restored(store)
    assert not merge_shard(store, shard)
    assert shard.is_file()
    run.close()
    report = Report((), (), "test", "2026-12-02T00:00:00Z", "2026-12-02T00:00:01Z")
    assert not record_verdicts(store, report, Config().with_(store=store))
    assert not Path(f"{store}.sealed").exists()
    assert _restored_rows(store) == RESTORED_ROWS
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT count(*) FROM urls").fetchone()[0] == 0
    db.close()
    assert "answer of this run could not be written" in capsys.readouterr().err


def test_a_leftover_shard_is_merged_into_the_file_at_the_path(tmp_path: Path) -> None:
    """A shard merged before the run opens its store (a leftover) goes into the file there, even
    if an earlier run of this process held another file at that path."""
    store = tmp_path / "s.sqlite3"
    shard = tmp_path / "s.sqlite3.worker-w1.run1"
    _answered(store).close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{store}{suffix}").unlink(missing_ok=True)
    _restored(store)
    _answered(shard).close()
    assert merge_shard(store, shard)
    assert not shard.exists()
    assert _restored_rows(store) == RESTORED_ROWS


def test_a_loss_that_cannot_be_counted_is_not_said_as_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "s.sqlite3"
    run = _answered(store)
    with sqlite3.connect(store, isolation_level=None) as other:  # the answers' table dropped
        other.execute("DROP TABLE urls")
    other.close()
    store.unlink()
    run.close()
    err = capsys.readouterr().err
    assert (
        f"citecheck: warning: store {store}: this run's answers (uncounted) could not be written "
        "(the file was removed while the run held it); the next run asks for them again"
    ) in err.splitlines()
    assert "0 answers" not in err


@pytest.mark.parametrize("replace", [True, False])
def test_the_memo_s_judgements_lost_with_its_file_are_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], replace: bool
) -> None:
    """The memo shares the store's file through a connection of its own: its rows written
    there go with a file removed or replaced while the run holds it."""
    store = tmp_path / "s.sqlite3"
    run = _answered(store)
    memo = SqliteMemo(store)
    memo.keep("citation-1", "inputs", b"value")
    memo.keep("citation-2", "inputs", b"value")
    if replace:
        _restored(store)
    else:
        store.unlink()
    run.close()
    memo.close()
    how = "replaced by another file" if replace else "removed"
    assert (
        f"citecheck: warning: store {store}: 2 judgements of this run could not be written (the "
        f"file was {how} while the run held it); the next run judges them again"
    ) in capsys.readouterr().err.splitlines()


def test_a_memo_that_wrote_nothing_says_nothing_of_its_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "s.sqlite3"
    run = _answered(store)
    memo = SqliteMemo(store)
    store.unlink()
    run.close()
    memo.close()
    assert "judgement" not in capsys.readouterr().err
