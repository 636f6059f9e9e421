"""The store keeps each body's digest beside it (issue 19, warm rerun): written with the body,
given back with the stored answer, filled in when an older store is migrated, and checked like
every other column of a file anyone can write.  A store of a layout this citecheck does not
know (a newer one) is refused in one line and left where it is."""

from __future__ import annotations

import asyncio
import sqlite3
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from checker.cli import main
from checker.config import Config
from checker.errors import ConfigError
from checker.fetch import HttpFetcher, store
from checker.memo import body_digest
from checker.model import FetchResult, Outcome
from checker.sampleweb import SampleWeb
from checker.sampleweb.server import Web
from tests.fetch.support import config_for, fetch_counting

SITE = "https://digests.example.com"
PAGES = {
    "a": "<title>a</title><p>The first page, caf\u00e9 and all.</p>",
    "b": "<title>b</title><p>The second page.</p>",
}
START = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    web = Web()
    for name, page in PAGES.items():
        web.page(f"{SITE}/{name}", page)
    with SampleWeb(web) as running:
        yield running


@pytest.fixture
def config(site: SampleWeb, tmp_path: Path) -> Config:
    return config_for(site, store=tmp_path / "store.sqlite3", retries=0)


def _digested(config: Config, urls: list[str]) -> tuple[list[tuple[FetchResult, str | None]], int]:
    """``get_digested`` of each URL in one run, then ``get`` of each: the digested answers, and
    the requests sent."""

    async def go() -> tuple[list[tuple[FetchResult, str | None]], int]:
        async with HttpFetcher(config, version="test", clock=lambda: START) as fetcher:
            digested = [await fetcher.get_digested(url) for url in urls]
            for (slim, digest), url in zip(digested, urls, strict=True):
                whole = await fetcher.get(url)  # the text, still there for a reader
                if digest is not None:
                    assert slim.text is None
                    assert whole.text is not None
                    assert body_digest(whole.text.encode()) == digest
            return digested, fetcher.requests

    return asyncio.run(go())


def _urls() -> list[str]:
    return [f"{SITE}/{name}" for name in PAGES]


def test_a_stored_answer_comes_with_the_digest_of_its_body(config: Config) -> None:
    fetch_counting(config, _urls(), clock=lambda: START)
    digested, sent = _digested(config, _urls())
    assert sent == 0
    assert [digest for _, digest in digested] == [
        body_digest(page.encode()) for page in PAGES.values()
    ]


def test_an_answer_from_the_network_has_no_stored_digest(config: Config) -> None:
    """A text fetched in this run is hashed by its reader: no digest stands for it."""
    digested, sent = _digested(config, _urls())
    assert sent == 2
    assert [(result.text is not None, digest) for result, digest in digested] == [(True, None)] * 2


def test_the_digest_is_of_the_text_as_it_reads_back(tmp_path: Path) -> None:
    """A lone surrogate is stored as ``?``: the digest is of what a reader gets, not of the text
    the run held (which the reader never sees)."""
    url = f"{SITE}/odd"
    config = Config().with_(store=tmp_path / "store.sqlite3")
    answer = FetchResult(url, Outcome.OK, status_code=200, text="a\ud800b")
    kept = store.Store(config.store.path or Path(), config)
    kept.record(answer)
    reused = kept.reuse(url)
    kept.close()
    assert reused is not None and reused.packed is not None
    assert store.stored_text(reused.packed) == "a?b"
    assert reused.digest == body_digest(b"a?b")


def _as_version_3(path: Path) -> None:
    """The file as citecheck wrote it before the digest column: layout 3."""
    with sqlite3.connect(path) as db:
        db.execute("ALTER TABLE urls DROP COLUMN digest")
        db.execute("PRAGMA user_version = 3")
    db.close()


def test_an_older_store_is_migrated_with_its_bodies_digests(config: Config) -> None:
    assert config.store.path is not None
    fetch_counting(config, _urls(), clock=lambda: START)
    _as_version_3(config.store.path)
    with sqlite3.connect(config.store.path) as db:  # a damaged body: it keeps no digest
        db.execute("UPDATE urls SET body = ? WHERE url = ?", (b"x\x9c garbage", f"{SITE}/b"))
    db.close()
    digested, sent = _digested(config, _urls())
    assert sent == 1  # the damaged row is no answer: asked again, as before
    assert digested[0][1] == body_digest(PAGES["a"].encode())
    assert digested[1][1] is None and digested[1][0].text == PAGES["b"]
    with sqlite3.connect(config.store.path) as db:
        version = db.execute("PRAGMA user_version").fetchone()[0]
    db.close()
    assert version == store.STORE_VERSION


def test_a_store_whose_digests_cannot_be_filled_still_opens(tmp_path: Path) -> None:
    """The file is anyone's: a layout-3 ``urls`` table without rowids cannot be walked for its
    bodies; it is migrated without digests, each row then hashed by its reader."""
    path = tmp_path / "store.sqlite3"
    store.open_store(path).close()
    with sqlite3.connect(path) as db:
        db.execute("DROP TABLE urls")
        columns = store._COLUMNS.replace(", digest", "")
        db.execute(f"CREATE TABLE urls ({columns}, PRIMARY KEY (scope, key)) WITHOUT ROWID")
        values = ", ".join("?" * len(columns.split(",")))
        row = ["x"] * len(columns.split(","))
        row[store._BODY] = zlib.compress(b"page")
        db.execute(f"INSERT INTO urls VALUES ({values})", row)
        db.execute("PRAGMA user_version = 3")
    db.close()
    store.open_store(path).close()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT digest FROM urls").fetchall() == [(None,)]
        assert db.execute("PRAGMA user_version").fetchone()[0] == store.STORE_VERSION
    db.close()


def _store_of_layout(path: Path, version: int) -> None:
    """A store at ``path`` whose file says it has layout ``version``."""
    store.open_store(path).close()
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {version}")
    db.close()


@pytest.mark.parametrize("version", [store.STORE_VERSION + 1, 99, -1])
def test_a_store_of_an_unknown_layout_is_refused_and_left_in_place(
    tmp_path: Path, version: int
) -> None:
    path = tmp_path / "store.sqlite3"
    _store_of_layout(path, version)
    before = path.read_bytes()
    with pytest.raises(ConfigError) as refused:
        store.open_store(path)
    message = str(refused.value)
    assert "\n" not in message and str(path) in message and f"({version};" in message
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.sqlite3"]


def test_the_command_line_refuses_a_newer_store_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "store.sqlite3"
    _store_of_layout(path, store.STORE_VERSION + 1)
    page = tmp_path / "post.md"
    page.write_text("# A post\n\nNothing cited.\n", encoding="utf-8")
    code = main(["check", str(page), "--store", str(path), "-q", "--report-dir", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2
    [line] = err.splitlines()
    assert "layout this citecheck does not know" in line and "Traceback" not in err
    assert path.is_file() and not list(tmp_path.glob("*.broken-*"))


def test_trends_refuses_a_newer_store_naming_only_its_own_options(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``trends`` has no ``--no-store``: its one line must not suggest it."""
    path = tmp_path / "store.sqlite3"
    _store_of_layout(path, store.STORE_VERSION + 1)
    code = main(["trends", "--store", str(path), "--output", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    [line] = err.splitlines()
    assert "layout this citecheck does not know" in line and "--store" in line
    assert "--no-store" not in line


def test_a_leftover_shard_of_a_newer_layout_is_left_unmerged(tmp_path: Path) -> None:
    """Shards are merged at a run's end: a newer citecheck's, left behind, must not end this
    run with an error; it stays where it is."""
    path = tmp_path / "store.sqlite3"
    store.open_store(path).close()
    shard = tmp_path / f"store.sqlite3{store.SHARD_MARK}p1"
    _store_of_layout(shard, store.STORE_VERSION + 1)
    assert store.merge_shard(path, shard) is False
    assert shard.is_file()
