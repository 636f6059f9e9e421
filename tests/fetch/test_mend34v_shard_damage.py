"""Mend 34v: a sealed shard's damage met while it is merged is the shard's, not the store's.

A shard its worker sealed is merged with its version read only (cpu34a): a damaged page of
it then fails the copy, and the base blamed the run's store for it, marking it damaged and
unsealing it (a full check the next run, a warning about the wrong file).
"""

from __future__ import annotations

from pathlib import Path

from checker.config import Config
from checker.fetch import store
from checker.fetch.store import Store, merge_shard, shard_seal
from tests.fetch.test_store34_shape import _shard
from tests.test_store27_merge import _damage_the_urls_table


def test_a_sealed_shard_damaged_in_a_page_leaves_the_store_sound(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    Store(path, Config().with_(store=path)).close()
    shard = _shard(tmp_path, *range(300))
    _damage_the_urls_table(shard)
    seal = shard_seal(shard)  # its worker's word names the file as it is: no full check
    assert not merge_shard(path, shard, seal)
    assert shard.exists()
    assert str(path.resolve()) not in store._DAMAGED, "the store was blamed for the shard"
