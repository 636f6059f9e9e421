"""The store's run history (the ``verdicts`` table): written once a run, bounded, redacted,
migrated from the layout before it, and read without ever changing the file."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from checker.config import Config
from checker.fetch.store import STORE_VERSION, open_store, read_verdicts, record_verdicts
from checker.findings import Code
from checker.model import (
    CheckedCitation,
    CheckedDocument,
    Citation,
    CitationKind,
    Document,
    Finding,
    Platform,
    Report,
    Status,
)

SECRET_URL = "https://user:hunter2@news.alpha.com/a?token=s3cr3t&page=2"


def report(started: str = "2025-03-10T12:00:00+00:00", status: Status = Status.OK) -> Report:
    link = Citation(CitationKind.LINK, SECRET_URL)
    video = Citation(
        CitationKind.EMBED, "https://www.youtube.com/watch?v=AAAAAAAAAA1", platform=Platform.YOUTUBE
    )
    gone = Finding.of(Code.EMBED_UNAVAILABLE, "deleted")
    document = Document(
        "https://blog.example/p1?key=abc", "in", "t", date(2025, 1, 10), (link, video)
    )
    checked = CheckedDocument(
        document,
        (
            CheckedCitation(link, status),
            CheckedCitation(video, Status.BROKEN, findings=(gone,)),
        ),
    )
    return Report(("in",), (checked,), "0", started, started)


def config(store: Path, **settings: object) -> Config:
    """A run's config; the store is opened as the run's Store opens it, before the history."""
    open_store(store).close()
    return Config().with_(store=store, **settings)


def test_a_run_is_kept_with_its_facts_and_no_secret(tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite3"
    assert record_verdicts(store, report(), config(store))
    link, video = read_verdicts(store)
    assert link.url == "https://REDACTED@news.alpha.com/a?token=REDACTED&page=2"
    assert link.post_url == "https://blog.example/p1?key=REDACTED"
    assert (link.domain, link.kind, link.status, link.findings) == (
        "alpha.com",
        CitationKind.LINK,
        Status.OK,
        (),
    )
    assert (video.platform, video.findings, str(video.post_date)) == (
        Platform.YOUTUBE,
        ("embed-unavailable",),
        "2025-01-10",
    )
    assert link.run_time == datetime(2025, 3, 10, 12, tzinfo=UTC)
    for secret in (b"hunter2", b"s3cr3t", b"key=abc"):
        assert secret not in store.read_bytes()


def test_retention_drops_the_oldest_runs_and_zero_keeps_none(tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite3"
    for month in range(1, 6):
        started = f"2025-0{month}-01T00:00:00+00:00"
        record_verdicts(store, report(started), config(store, history_runs=3))
    assert sorted({r.run_id for r in read_verdicts(store)}) == [3, 4, 5]
    record_verdicts(store, report(), config(store, history_runs=0))
    assert read_verdicts(store) == ()


def test_the_history_flag_and_key_are_checked() -> None:
    assert Config().store.history_runs == 100
    with pytest.raises(Exception, match="--history-runs must not be negative"):
        Config().with_(history_runs=-1)


def test_a_store_of_the_previous_layout_is_migrated_in_place(tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite3"
    db = open_store(store)
    db.execute("INSERT INTO runs (scope, key, started) VALUES ('', 'k', 'then')")
    db.execute("DROP TABLE verdicts")
    db.execute("PRAGMA user_version = 2")
    db.close()
    assert read_verdicts(store) == ()  # read as no history, left as it is
    assert sqlite3.connect(store).execute("PRAGMA user_version").fetchone() == (2,)
    assert record_verdicts(store, report(), Config().with_(store=store)) is False
    assert record_verdicts(store, report(), config(store))  # the run's Store migrated it
    with sqlite3.connect(store) as check:
        assert check.execute("PRAGMA user_version").fetchone() == (STORE_VERSION,)
        assert check.execute("SELECT key FROM runs").fetchall() == [("k",)]  # answers kept
    assert len(read_verdicts(store)) == 2
    assert not list(tmp_path.glob("*.broken-*"))


def test_a_row_that_does_not_parse_is_no_row(tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite3"
    record_verdicts(store, report(), config(store))
    with sqlite3.connect(store) as db:
        db.execute("UPDATE verdicts SET status = 'exploded' WHERE kind = 'link'")
        db.execute(
            "INSERT INTO verdicts VALUES (9, 'not a time', '', 'p', NULL, NULL, NULL, 'link', "
            "'ok', '', NULL)"
        )
    [video] = read_verdicts(store)
    assert video.kind is CitationKind.EMBED


def test_reading_a_broken_store_is_one_error_and_moves_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite3"
    store.write_bytes(b"not a database at all" * 100)
    with pytest.raises(Exception, match="cannot be read"):
        read_verdicts(store)
    assert store.read_bytes().startswith(b"not a database")


def test_an_unusable_store_costs_the_history_not_the_run(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    assert record_verdicts(folder, report(), config(tmp_path / "other.sqlite3")) is False
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"not a database" * 100)
    assert record_verdicts(garbage, report(), Config().with_(store=garbage)) is False
    assert record_verdicts(tmp_path / "none", report(), Config().with_(store=garbage)) is False


def test_runs_through_a_test_web_do_not_push_the_real_webs_history_out(tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite3"
    for month in range(1, 4):
        record_verdicts(
            store, report(f"2025-0{month}-01T00:00:00+00:00"), config(store, history_runs=2)
        )
    test_web = config(store, history_runs=2, connect_to=["news.alpha.com:443:127.0.0.1:9"])
    for month in range(4, 8):
        record_verdicts(store, report(f"2025-0{month}-01T00:00:00+00:00"), test_web)
    by_scope: dict[str, set[int]] = {}
    for row in read_verdicts(store):
        by_scope.setdefault(row.scope, set()).add(row.run_id)
    assert by_scope[""] == {2, 3}
    assert len(by_scope) == 2 and sorted(v for k, v in by_scope.items() if k) == [{6, 7}]
