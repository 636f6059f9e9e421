"""Probe of the shard merge at a run's end without ``quick_check`` (session 27, cold27).

The run's store is checked when the run opens it, not again when the worker's shard is merged
at the end.  A store damaged meanwhile (another program, a disk) makes that merge fail on its
damaged page: the store must then be left unsealed, so that the next run checks it in full and
moves it aside, as the merge's own full check did.  Sealed, the next run skips the check and
reads the damage as rows.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from checker.config import Config
from checker.fetch import store
from checker.fetch.store import Store, merge_shard, record_verdicts
from checker.model import FetchResult, Outcome
from tests.trends.test_history_store import report

PAGE = "<html><head><title>Story</title></head><body>" + "<p>words</p>" * 40 + "</body></html>"


def _answer(n: int) -> FetchResult:
    url = f"https://news{n % 3}.example/2024/01/story-{n}.html"
    return FetchResult(url, Outcome.OK, url, 200, headers={"content-type": "text/html"}, text=PAGE)


def _damage_the_urls_table(path: Path) -> None:
    """Overwrite the root pages of the ``urls`` table and of its indexes, nothing else: the
    file stays a SQLite file of this version (its header and schema whole), the verdicts'
    pages too, so that the run's last write succeeds and seals it."""
    db = sqlite3.connect(path)
    roots = [
        row[0] for row in db.execute("SELECT rootpage FROM sqlite_master WHERE tbl_name = 'urls'")
    ]
    page = db.execute("PRAGMA page_size").fetchone()[0]
    db.close()
    data = bytearray(path.read_bytes())
    for root in roots:
        start = (root - 1) * page
        data[start : start + page] = b"\xa5" * page
    path.write_bytes(bytes(data))


def test_a_store_damaged_during_the_run_is_not_sealed_after_the_merge_fails(
    tmp_path: Path,
) -> None:
    path = tmp_path / "store.sqlite3"
    config = Config().with_(store=path)
    run = Store(path, config)  # the run opens its store, checked
    for n in range(300):
        run.record(_answer(n))
    run.close()
    shard = tmp_path / f"store.sqlite3{store.SHARD_MARK}p1"
    worker = Store(shard, Config().with_(store=shard))
    for n in range(300, 320):
        worker.record(_answer(n))
    worker.close()
    _damage_the_urls_table(path)  # meanwhile

    merged = merge_shard(path, shard)
    record_verdicts(path, report(), config)  # the run's last write, which seals a whole store

    assert not merged
    assert shard.exists()  # left for the next run, said so by merge_stores
    assert not store._sealed(path), "a store met damaged was sealed: the next run skips its check"
