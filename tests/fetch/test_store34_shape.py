"""What a cold store costs a run, a change of shape (issue 19, bench/README.md "Session 34").

A worker's shard is merged into the run's store at the run's end, on the critical path: a shard
its worker closed whole, and said so (``shard_seal``), is merged with its version read, not the
whole file checked again; a shard changed since, or one no worker vouched for (an interrupted
run's leftover), is checked in full as before, and a damaged one is left unmerged.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from checker.config import Config
from checker.fetch import store
from checker.fetch.store import Store, merge_shard, shard_seal
from checker.model import FetchResult, Outcome

PAGE = "<html><head><title>A story</title></head><body><p>Text.</p></body></html>"


def _answer(n: int) -> FetchResult:
    url = f"https://news{n % 3}.example/2024/01/story-{n}.html"
    return FetchResult(url, Outcome.OK, url, 200, headers={"content-type": "text/html"}, text=PAGE)


def _shard(tmp_path: Path, *answers: int) -> Path:
    shard = tmp_path / f"store.sqlite3{store.SHARD_MARK}p1.run1"
    worker = Store(shard, Config().with_(store=shard))
    for n in answers:
        worker.record(_answer(n))
    worker.close()
    return shard


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, bool]]:
    """Each file ``_problem_of`` checks, and whether in full."""
    seen: list[tuple[str, bool]] = []
    real = store._problem_of

    def counted(path: Path, **kwargs: bool) -> str | None:
        seen.append((path.name, kwargs.get("quick_check", True)))
        return real(path, **kwargs)

    monkeypatch.setattr(store, "_problem_of", counted)
    return seen


def test_a_shard_as_its_worker_closed_it_is_merged_with_its_version_read(
    tmp_path: Path, checks: list[tuple[str, bool]]
) -> None:
    path = tmp_path / "store.sqlite3"
    config = Config().with_(store=path)
    Store(path, config).close()
    shard = _shard(tmp_path, 0, 1)
    seal = shard_seal(shard)
    assert seal is not None
    assert merge_shard(path, shard, seal)
    assert checks == [(shard.name, False)]
    assert not shard.exists()
    again = Store(path, config)
    assert again.reuse_many([_answer(0).url, _answer(1).url]).keys() == {
        _answer(0).url,
        _answer(1).url,
    }
    again.close()


def test_a_shard_changed_since_its_seal_or_with_none_is_checked_in_full(
    tmp_path: Path, checks: list[tuple[str, bool]]
) -> None:
    path = tmp_path / "store.sqlite3"
    Store(path, Config().with_(store=path)).close()
    shard = _shard(tmp_path, 0)
    seal = shard_seal(shard)
    with sqlite3.connect(shard) as writer:  # written again after its worker's word
        writer.execute("UPDATE urls SET attempts = 2")
    writer.close()
    assert merge_shard(path, shard, seal)
    shard = _shard(tmp_path, 2)
    assert merge_shard(path, shard)  # a leftover: no worker's word
    assert checks == [(shard.name, True), (shard.name, True)]


def test_a_shard_damaged_after_its_seal_is_checked_in_full_and_left_unmerged(
    tmp_path: Path, checks: list[tuple[str, bool]]
) -> None:
    path = tmp_path / "store.sqlite3"
    Store(path, Config().with_(store=path)).close()
    shard = _shard(tmp_path, *range(40))
    seal = shard_seal(shard)
    size = shard.stat().st_size
    with shard.open("r+b") as file:  # its last page overwritten, its size kept
        file.seek(size - 4096)
        file.write(b"\xff\x00garbage" * 409 + b"\xff" * 6)
    assert not merge_shard(path, shard, seal)
    assert checks == [(shard.name, True)]
    assert shard.exists()  # left for no one to trust: the next run asks those URLs again


def test_a_shard_this_process_met_damage_in_has_no_seal(tmp_path: Path) -> None:
    shard = _shard(tmp_path, 0)
    assert shard_seal(shard) is not None
    store._DAMAGED.add(str(shard.resolve()))
    try:
        assert shard_seal(shard) is None
    finally:
        store._DAMAGED.discard(str(shard.resolve()))
