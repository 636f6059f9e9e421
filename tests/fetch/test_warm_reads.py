"""A warm run's stored texts: inflated once, where they are read (issue 19).

The store hands a reused answer's text over as its row's zlib blob, unchecked
(``store.Reused``); the fetcher's in-run cache keeps the blob and its reader (``get``) inflates
and checks it once.  Before, the store inflated each text to check it, the cache dropped that
text and kept the blob, and the citation's read inflated it again.  A blob that fails the check
is still a damaged row: its URL is asked again.
"""

from __future__ import annotations

import asyncio
import sqlite3
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from zlib_ng import zlib_ng

from checker.config import Config
from checker.fetch import HttpFetcher
from checker.fetch.store import Store, url_key
from checker.model import FetchResult, Outcome
from checker.sampleweb import SampleWeb
from checker.sampleweb.server import Web
from tests.fetch.support import config_for, fetch_counting

SITE = "https://warm.example.com"
LONG = "<title>long</title><p>" + "a long page " * 800 + "</p>"
SHORT = "<title>short</title><p>text</p>"


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    web = Web()
    web.page(f"{SITE}/long", LONG)
    web.page(f"{SITE}/short", SHORT)
    with SampleWeb(web) as running:
        yield running


@pytest.fixture
def config(site: SampleWeb, tmp_path: Path) -> Config:
    return config_for(site, store=tmp_path / "store.sqlite3", retries=0)


def _as_a_run_reads(config: Config, urls: list[str]) -> tuple[list[FetchResult], int]:
    """Each URL asked as the run asks it (``result_of``, a callback), then read by its
    citation (``get``) once the in-run cache has taken the answer; the requests sent."""

    async def go() -> tuple[list[FetchResult], int]:
        async with HttpFetcher(config, version="test") as fetcher:
            for url in urls:
                fetcher.result_of(url).add_done_callback(lambda _: None)
            await asyncio.sleep(0)
            await asyncio.sleep(0)
            return [await fetcher.get(url) for url in urls], fetcher.requests

    return asyncio.run(go())


def _counting_inflaters(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Count the inflaters made or called, by module: the standard library's zlib (the fetcher's
    own in-run blobs) and zlib-ng (the store's bodies, :func:`store.stored_text`)."""
    counts = {"zlib": 0, "zlib_ng": 0}
    for name, module in (("zlib", zlib), ("zlib_ng", zlib_ng)):
        for attribute in ("decompressobj", "decompress"):
            original = getattr(module, attribute)

            def counting(*args: Any, _original: Any = original, _name: str = name) -> Any:
                counts[_name] += 1
                return _original(*args)

            monkeypatch.setattr(module, attribute, counting)
    return counts


def test_a_stored_text_is_inflated_once_where_it_is_read(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    urls = [f"{SITE}/long", f"{SITE}/short"]
    fetch_counting(config, urls)
    inflated = _counting_inflaters(monkeypatch)
    results, sent = _as_a_run_reads(config, urls)
    assert sent == 0
    assert [r.text for r in results] == [LONG, SHORT]
    assert all(r.from_store for r in results)
    assert sum(inflated.values()) == 2  # before: 3 (the long text twice: checked, then read)


def test_stored_bodies_are_inflated_by_zlib_ng(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A warm run inflates every body it reuses: zlib-ng does it in ~40 % of zlib's time on
    the bench's article pages (bench/README.md, "Session 19, warm 5")."""
    urls = [f"{SITE}/long", f"{SITE}/short"]
    fetch_counting(config, urls)
    inflated = _counting_inflaters(monkeypatch)
    results, _ = _as_a_run_reads(config, urls)
    assert [r.text for r in results] == [LONG, SHORT]
    assert inflated == {"zlib": 0, "zlib_ng": 2}


def test_a_stored_body_is_the_zlib_format_both_ways(config: Config) -> None:
    """zlib-ng writes and reads the format the standard library does: a store written before
    (or by another citecheck) reads as ever, and any zlib reads this one's bodies."""
    url = f"{SITE}/long"
    fetch_counting(config, [url])
    assert config.store.path is not None
    with sqlite3.connect(config.store.path) as db:
        (written,) = db.execute("SELECT body FROM urls").fetchone()
        assert zlib.decompress(written).decode() == LONG
        db.execute("UPDATE urls SET body = ?", (zlib.compress(LONG.encode(), 9),))
    db.close()
    [result], sent = _as_a_run_reads(config, [url])
    assert (sent, result.text, result.from_store) == (0, LONG, True)


@pytest.mark.parametrize(
    "damage",
    [
        zlib.compress(LONG.encode())[:-9],  # cut
        zlib.compress("é".encode("latin-1")),  # not UTF-8
        b"not zlib at all",
    ],
)
def test_a_damaged_stored_text_is_asked_again(config: Config, damage: bytes) -> None:
    url = f"{SITE}/long"
    fetch_counting(config, [url])
    assert config.store.path is not None
    with sqlite3.connect(config.store.path) as db:
        db.execute("UPDATE urls SET body = ?", (damage,))
    db.close()
    [result], sent = _as_a_run_reads(config, [url])
    assert sent == 1  # the damaged row is no answer: the URL is asked again
    assert result.text == LONG
    assert not result.from_store
    [again], sent = _as_a_run_reads(config, [url])  # and the row is whole again
    assert (sent, again.text, again.from_store) == (0, LONG, True)


def test_a_warm_run_reads_its_stored_answers_in_batches_not_a_select_each(config: Config) -> None:
    """The URLs a run asks together are read from the store a batch at a time (issue 19: one
    SELECT per URL was ~9 % of a warm run's CPU); a damaged row among them is still no row,
    its URL asked again, and every other answer is the store's."""
    assert config.store.path is not None
    stored = [f"{SITE}/page-{n}" for n in range(600)]
    first = Store(config.store.path, config)
    for url in stored:
        first.record(FetchResult(url, Outcome.OK, status_code=200, text=SHORT))
    first.finish()
    first.close()
    fetch_counting(config, [f"{SITE}/long"])
    with sqlite3.connect(config.store.path) as db:  # poisoned: its hops are no JSON
        db.execute(
            "UPDATE urls SET redirects = 'not json' WHERE key = ?", (url_key(f"{SITE}/long"),)
        )
    db.close()
    urls = [*stored, f"{SITE}/long"]
    statements: list[str] = []

    async def go() -> tuple[list[FetchResult], int]:
        async with HttpFetcher(config, version="test") as fetcher:
            assert fetcher._store is not None
            fetcher._store._db.set_trace_callback(statements.append)
            for url in urls:
                fetcher.result_of(url).add_done_callback(lambda _: None)
            return [await fetcher.get(url) for url in urls], fetcher.requests

    results, sent = asyncio.run(go())
    assert sent == 1  # the poisoned row's URL, asked again
    assert [r.from_store for r in results] == [True] * len(stored) + [False]
    assert [r.text for r in results] == [SHORT] * len(stored) + [LONG]
    reads = [s for s in statements if s.startswith("SELECT scope, key, url")]
    assert len(reads) <= 3  # 601 URLs: two batches (and a conditional request's look-up)
