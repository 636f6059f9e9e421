"""Everything kept beside a store named through a symbolic link is kept beside its file.

A CI job names its store through a link (``--store link.sqlite3`` to a file in a cache folder
it restores); SQLite follows the link and keeps its logs beside the file.  The seal
(``<store>.sealed``) was written beside the link, so a job restoring only the cache folder
checked its store in full every run; and the log was looked for beside the link, where it
never is, so a file with a log waiting beside it (a writer killed) was read as sealed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from checker.config import Config
from checker.errors import ConfigError
from checker.fetch.store import Store, open_store, record_verdicts
from checker.model import FetchResult, Outcome, Report
from checker.sampleweb import SampleWeb
from checker.sampleweb.server import Web
from checker.sharing import leftover_shards, shard_path
from tests.fetch.support import config_for, fetch_counting
from tests.fetch.test_store_seal import traced_quick_checks

SITE = "https://linked.example.com"
START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    web = Web()
    web.page(f"{SITE}/a", "<title>a</title><p>text</p>")
    with SampleWeb(web) as running:
        yield running


@pytest.fixture
def quick_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return traced_quick_checks(monkeypatch)


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    """The CI cache's folder, holding the store file the link names."""
    folder = tmp_path / "cache"
    folder.mkdir()
    return folder


def _link(tmp_path: Path, cache: Path, name: str = "work") -> Path:
    """A workspace of its own with a link to the cache's store (a CI job's checkout)."""
    work = tmp_path / name
    work.mkdir()
    link = work / "link.sqlite3"
    link.symlink_to(cache / "store.sqlite3")
    return link


def _clean_run(site: SampleWeb, link: Path) -> Config:
    config = config_for(site, store=link, retries=0)
    fetch_counting(config, [f"{SITE}/a"], clock=lambda: START)
    report = Report((), (), "test", START.isoformat(), START.isoformat())
    assert record_verdicts(link, report, config)
    return config


def test_the_seal_is_kept_beside_the_file_and_serves_a_new_link(
    site: SampleWeb, tmp_path: Path, cache: Path, quick_checks: list[str]
) -> None:
    _clean_run(site, _link(tmp_path, cache))
    assert sorted(p.name for p in cache.iterdir()) == ["store.sqlite3", "store.sqlite3.sealed"]
    assert sorted(p.name for p in (tmp_path / "work").iterdir()) == ["link.sqlite3"]
    quick_checks.clear()
    fresh = _link(tmp_path, cache, "next-job")  # only the cache folder was restored
    open_store(fresh).close()
    assert quick_checks == []
    assert not (cache / "store.sqlite3.sealed").exists()  # opening unsealed it


def test_a_log_waiting_beside_the_linked_file_is_no_seal(
    site: SampleWeb, tmp_path: Path, cache: Path, quick_checks: list[str]
) -> None:
    """A writer that has not closed the file (a run killed) leaves its pages in the log beside
    it; the next opener replays them, so the file is not as the seal says."""
    link = _link(tmp_path, cache)
    _clean_run(site, link)
    writer = sqlite3.connect(cache / "store.sqlite3", isolation_level=None)
    try:
        writer.execute("CREATE TABLE later (x)")
        assert (cache / "store.sqlite3-wal").exists()
        quick_checks.clear()
        open_store(link).close()
        assert len(quick_checks) == 1
    finally:
        writer.close()


def test_the_log_of_a_linked_file_removed_while_held_is_removed(
    site: SampleWeb, tmp_path: Path, cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """SQLite neither checkpoints nor removes the log of a file gone from its name; the next
    file made there would get its pages replayed in."""
    link = _link(tmp_path, cache)
    held = Store(link, config_for(site, store=link, retries=0), clock=lambda: START)
    held.record(FetchResult(f"{SITE}/a", Outcome.OK, status_code=200, text="<title>a</title>"))
    held.finish()
    assert (cache / "store.sqlite3-wal").exists()
    (cache / "store.sqlite3").unlink()
    held.close()
    assert "the file was removed while the run held it" in capsys.readouterr().err
    assert sorted(p.name for p in cache.iterdir()) == []


def test_a_link_into_a_cache_folder_not_made_yet_makes_it(site: SampleWeb, tmp_path: Path) -> None:
    """A CI job's first run: the link is in the checkout, the cache folder it leads into is
    restored by no earlier job yet.  Its folder was made beside the link, and SQLite, following
    the link, could not make the file: the run ended with exit 2."""
    cache = tmp_path / "cache" / "citecheck"
    link = _link(tmp_path, cache)
    _clean_run(site, link)
    assert sorted(p.name for p in cache.iterdir()) == ["store.sqlite3", "store.sqlite3.sealed"]


def test_the_workers_shards_are_kept_and_found_beside_the_linked_file(
    tmp_path: Path, cache: Path
) -> None:
    """An interrupted run's shards beside the link were lost with a CI job's checkout."""
    link = _link(tmp_path, cache)
    assert shard_path(link, "p1", 4242) == cache / "store.sqlite3.worker-p1.run4242"
    (cache / "store.sqlite3").write_bytes(b"")
    left = cache / "store.sqlite3.worker-p1"  # named before names held the driver: left over
    left.write_bytes(b"")
    assert leftover_shards(link) == [str(left)]


def test_a_loop_of_links_is_the_one_line_error(tmp_path: Path) -> None:
    """Followed by ``Path.resolve``, a loop raised RuntimeError: a traceback, exit 3."""
    (tmp_path / "a.sqlite3").symlink_to(tmp_path / "b.sqlite3")
    (tmp_path / "b.sqlite3").symlink_to(tmp_path / "a.sqlite3")
    with pytest.raises(ConfigError, match=r"^store .*a\.sqlite3 cannot be opened"):
        open_store(tmp_path / "a.sqlite3", clock=lambda: START)
