"""A cold store's rows (a user's first run): each answer's row costs little (issue 19)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from checker.config import Config
from checker.fetch import store
from checker.fetch.store import Store
from checker.model import FetchResult, Outcome

PAGE = "<html><head><title>A story</title></head><body><p>Text.</p></body></html>"


def test_a_recorded_answer_is_redacted_once_and_its_headers_read_in_one_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The history row takes the ``urls`` row's redacted URL and time (each was made twice an
    answer), and the validators come from the pass that keeps the headers (``header_lookup``
    lower-cased every header into a dictionary of its own): the same rows as before."""
    redacted: list[str] = []
    real = store.redact_url

    def counted(url: str) -> str:
        redacted.append(url)
        return real(url)

    def no_lookup(self: FetchResult) -> object:
        raise AssertionError("header_lookup made")

    monkeypatch.setattr(store, "redact_url", counted)
    monkeypatch.setattr(FetchResult, "header_lookup", property(no_lookup))
    path = tmp_path / "store.sqlite3"
    url = "https://user:pw@news.example/2024/story.html?token=abc&page=2"
    headers = {
        "ETag": '"first"',
        "etag": '"last"',
        "Last-Modified": "Mon, 01 Jan 2024 00:00:00 GMT",
        "Set-Cookie": "session=1",
        "Content-Type": "text/html",
    }
    stored = Store(path, Config().with_(store=path))
    # a failure: only its answer has a history row (a good one's is read by no one)
    stored.record(FetchResult(url, Outcome.OK, url, 410, headers=headers, text=PAGE))
    stored.close()
    assert redacted == [url]
    with sqlite3.connect(path) as db:
        row = db.execute("SELECT url, checked, etag, last_modified, headers FROM urls").fetchone()
        history = db.execute("SELECT url, checked, outcome, status, from_store FROM history")
        (kept_url, checked, outcome, status, from_store), *more = history.fetchall()
    db.close()
    assert not more
    assert (
        row[0] == kept_url == "https://REDACTED@news.example/2024/story.html?token=REDACTED&page=2"
    )
    assert row[1] == checked and (outcome, status, from_store) == ("ok", 410, 0)
    assert row[2:4] == ('"last"', "Mon, 01 Jan 2024 00:00:00 GMT")
    assert json.loads(row[4]) == {k: v for k, v in headers.items() if k != "Set-Cookie"}


def _answer(n: int, status: int = 200) -> FetchResult:
    url = f"https://news{n % 3}.example/2024/01/story-{n}.html"
    headers = {"content-type": "text/html", "etag": f'"v{n}"'}
    return FetchResult(url, Outcome.OK, url, status, headers=headers, text=PAGE)


def test_a_store_opened_empty_looks_up_only_the_urls_it_recorded(tmp_path: Path) -> None:
    """A cold store (a user's first run, a worker's new shard) holds no row but those this run
    records: the URLs it never recorded are looked up in no statement (a cold 2,000-URL run
    read each one's absent row, issue 19), and the ones it did are read back as ever: reused,
    their validators and their failure's streak.  A store opened on rows reads them."""
    path = tmp_path / "store.sqlite3"
    config = Config().with_(store=path)
    stored = Store(path, config)
    statements: list[str] = []
    stored._db.set_trace_callback(statements.append)
    assert stored.reuse_many([_answer(n).url for n in range(3)]) == {}
    assert stored.validators(_answer(0).url) is None
    stored.record(_answer(0))
    failed = stored.record(_answer(1, status=404))
    assert failed.failure_streak == 1
    reads = [s for s in statements if s.startswith("SELECT")]
    assert reads == []
    assert stored.reuse(_answer(0).url) is not None
    validators = stored.validators(_answer(0).url)
    assert validators is not None and validators.etag == '"v0"'
    assert stored.record(_answer(1, status=404)).failure_streak == 2
    stored.close()
    again = Store(path, config)
    statements.clear()
    again._db.set_trace_callback(statements.append)
    found = again.reuse_many([_answer(n).url for n in range(3)])
    assert found.keys() == {_answer(0).url, _answer(1).url}  # a recent failure is reused
    assert [s for s in statements if s.startswith("SELECT")]
    again.close()


def test_a_shard_is_merged_at_the_runs_end_without_checking_the_whole_store_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The run's :class:`Store` opened its file checked: the merge of a worker's shard at the
    run's end checks that file's version only (its ``quick_check`` read the whole file again,
    every multi-process run), and the shard in full, as before.  A shard merged before this
    process opened the store (an interrupted run's leftover) has the store checked in full."""
    checked: list[str] = []
    problem_of = store._problem_of

    def counted(path: Path, **kwargs: bool) -> str | None:
        checked.append(path.name)
        return problem_of(path, **kwargs)

    path = tmp_path / "store.sqlite3"
    config = Config().with_(store=path)
    Store(path, config).close()
    shard = tmp_path / f"store.sqlite3{store.SHARD_MARK}p1"
    worker = Store(shard, Config().with_(store=shard))
    worker.record(_answer(0))
    worker.close()
    monkeypatch.setattr(store, "_problem_of", counted)
    assert store.merge_shard(path, shard)
    assert checked == [shard.name]
    assert Store(path, config).reuse(_answer(0).url) is not None
    monkeypatch.setattr(store, "_OPENED", set())  # another process: the store not opened yet
    checked.clear()
    leftover = Store(shard, Config().with_(store=shard))
    leftover.record(_answer(1))
    leftover.close()
    assert store.merge_shard(path, shard)
    assert checked == [shard.name, path.name]


def test_the_runs_last_writes_wait_on_no_sync_a_commit(tmp_path: Path) -> None:
    """The verdicts and a shard's merge are written as every answer is (``synchronous=NORMAL``
    in WAL mode: a killed process loses no commit), not with a sync of the log a commit."""
    path = tmp_path / "store.sqlite3"
    store.open_store(path).close()
    writer = store._open_checked(path)
    reader = store._open_checked(path, read_only=True)
    assert writer is not None and reader is not None
    assert writer.execute("PRAGMA synchronous").fetchone() == (1,)
    writer.close()
    reader.close()


def test_a_url_found_missing_is_recorded_under_the_key_it_was_looked_up_by(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fetcher asks the store for every URL first (``reuse_many``), which hashes each into
    its key; an answer recorded for a URL found missing is written under that key, not hashed
    again (a cold run: every URL), nor for its failure's streak (it has no row: a first
    failure).  The rows are as before, the hops of a redirect written by the same JSON, an
    answer without hops as ``[]``, and a URL never looked up still hashed."""
    hashed: list[str] = []
    real = store.url_key

    def counted(url: str) -> str:
        hashed.append(url)
        return real(url)

    monkeypatch.setattr(store, "url_key", counted)
    path = tmp_path / "store.sqlite3"
    stored = Store(path, Config().with_(store=path))
    moved = FetchResult(
        "https://news.example/old",
        Outcome.OK,
        "https://news.example/new",
        200,
        redirects=(store.Hop("https://news.example/old", 301),),
        text=PAGE,
    )
    answers = [_answer(1), _answer(2, 404), moved]
    assert stored.reuse_many([answer.url for answer in answers[:2]]) == {}
    assert len(hashed) == 2
    for answer in answers:
        stored.record(answer)
    stored.close()
    assert len(hashed) == 3 and hashed[2] == moved.url  # the one never looked up: hashed
    with sqlite3.connect(path) as db:
        rows = {key: rest for key, *rest in db.execute("SELECT key, redirects, failures FROM urls")}
    db.close()
    assert rows == {
        real(answers[0].url): ["[]", 0],
        real(answers[1].url): ["[]", 1],
        real(moved.url): [json.dumps([["=", 301]]), 0],
    }
