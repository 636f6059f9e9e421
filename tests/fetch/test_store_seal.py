"""The store's full check on open is skipped only for a file exactly as a clean run left it."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from checker.config import Config
from checker.fetch import store
from checker.fetch.store import open_store, record_verdicts
from checker.model import Report
from checker.sampleweb import SampleWeb
from checker.sampleweb.server import Web
from tests.fetch.support import config_for, fetch_counting

SITE = "https://seal.example.com"
START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    web = Web()
    for name in ("a", "b"):
        web.page(f"{SITE}/{name}", f"<title>{name}</title><p>{'text ' * 2000}</p>")
    with SampleWeb(web) as running:
        yield running


@pytest.fixture
def config(site: SampleWeb, tmp_path: Path) -> Config:
    return config_for(site, store=tmp_path / "store.sqlite3", retries=0)


@pytest.fixture
def quick_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    return traced_quick_checks(monkeypatch)


def traced_quick_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every ``PRAGMA quick_check`` the store module runs from now on."""
    seen: list[str] = []
    connect = sqlite3.connect

    def traced(*args: object, **kwargs: object) -> sqlite3.Connection:
        db = connect(*args, **kwargs)  # type: ignore[arg-type]
        db.set_trace_callback(lambda sql: seen.append(sql) if "quick_check" in sql else None)
        return db

    monkeypatch.setattr(store.sqlite3, "connect", traced)
    return seen


def _run(config: Config) -> Path:
    """One run's store work: the answers, then the verdicts (the run's last write)."""
    fetch_counting(config, [f"{SITE}/a", f"{SITE}/b"], clock=lambda: START)
    assert config.store.path is not None
    report = Report((), (), "test", START.isoformat(), START.isoformat())
    assert record_verdicts(config.store.path, report, config)
    return config.store.path


def _damage_a_page(path: Path) -> None:
    """Overwrite the file's last page with garbage, keeping its size."""
    size = path.stat().st_size
    with path.open("r+b") as file:
        file.seek(size - 4096)
        file.write(b"\xff\x00garbage" * 409 + b"\xff" * 6)


def test_a_file_left_by_a_clean_run_opens_without_the_full_check(
    config: Config, quick_checks: list[str]
) -> None:
    path = _run(config)
    quick_checks.clear()
    open_store(path).close()
    assert quick_checks == []
    open_store(path).close()  # opening unsealed it: this open checks in full
    assert len(quick_checks) == 1


def test_a_file_changed_after_the_run_is_checked_and_moved_aside(
    config: Config, quick_checks: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    path = _run(config)
    _damage_a_page(path)
    quick_checks.clear()
    open_store(path, clock=lambda: START).close()
    assert len(quick_checks) == 1
    assert "moved aside" in capsys.readouterr().err


def test_a_seal_restored_with_its_file_is_no_seal(
    config: Config, quick_checks: list[str], tmp_path: Path
) -> None:
    path = _run(config)
    restored = tmp_path / "restored"
    restored.mkdir()
    for name in (path.name, path.name + ".sealed"):
        shutil.copy2(tmp_path / name, restored / name)  # times kept, as a cache restore does
    quick_checks.clear()
    open_store(restored / path.name).close()
    assert len(quick_checks) == 1


@pytest.mark.parametrize("seal", [b"", b"\x00" * 10_000, b"3 1 2 3 4 5\n"])
def test_a_forged_seal_is_no_seal(config: Config, quick_checks: list[str], seal: bytes) -> None:
    path = _run(config)
    (path.parent / (path.name + ".sealed")).write_bytes(seal)
    quick_checks.clear()
    open_store(path).close()
    assert len(quick_checks) == 1


def test_damage_under_a_seal_is_met_as_data_and_the_file_is_not_sealed_again(
    config: Config, capsys: pytest.CaptureFixture[str]
) -> None:
    """A seal that names a damaged file (as if the damage came unseen by the kernel's clock):
    the run asks the network instead, never fails, leaves no seal, and the next run checks the
    file in full and moves it aside."""
    path = _run(config)
    with sqlite3.connect(path) as db:
        pages = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'urls'").fetchone()
    db.close()
    page_size = 4096
    with path.open("r+b") as file:  # the urls table's root page: every row read goes through it
        file.seek((pages[0] - 1) * page_size)
        file.write(b"\xff\x00garbage" * 409 + b"\xff" * 6)
    store._seal(path)
    results, sent = fetch_counting(config, [f"{SITE}/a", f"{SITE}/b"], clock=lambda: START)
    assert sent == 2
    assert [r.status_code for r in results] == [200, 200]
    assert not (path.parent / (path.name + ".sealed")).exists()
    report = Report((), (), "test", START.isoformat(), START.isoformat())
    record_verdicts(path, report, config)
    assert not (path.parent / (path.name + ".sealed")).exists()
    capsys.readouterr()
    open_store(path, clock=lambda: START).close()
    assert "moved aside" in capsys.readouterr().err
