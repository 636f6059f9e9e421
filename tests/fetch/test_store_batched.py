"""Answers recorded on an event loop are written together (issue 19).

A commit an answer was ~0.2 ms of the loop's CPU and ~0.3 ms more of it waiting on the WAL's
writes: the largest cost of a run with a store, which is every run on the defaults.  The store
writes what was recorded within ``_RECORD_WAIT`` in one transaction, and a read of a waiting
URL writes the waiting answers first: this run reads what it recorded.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path

import pytest

from checker.config import Config
from checker.fetch.store import _RECORD_BATCH, _RECORD_WAIT, Store
from checker.model import FetchResult, Outcome

PAGE = "<html><head><title>A story</title></head><body><p>Text.</p></body></html>"


def _answer(n: int, status: int = 200) -> FetchResult:
    url = f"https://news{n % 3}.example/2024/01/story-{n}.html"
    headers = {"content-type": "text/html", "etag": f'"v{n}"'}
    return FetchResult(url, Outcome.OK, url, status, headers=headers, text=PAGE)


def _rows(path: Path) -> int:
    with sqlite3.connect(path) as reader:
        count = reader.execute("SELECT COUNT(*) FROM urls").fetchone()[0]
    reader.close()
    return int(count)


def test_answers_recorded_on_a_loop_are_written_in_one_transaction(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    commits: list[str] = []

    async def run() -> tuple[int, int, int]:
        store = Store(path, Config())
        store._db.set_trace_callback(lambda s: commits.append(s) if s == "COMMIT" else None)
        for n in range(20):
            store.record(_answer(n, 404 if n == 3 else 200))
        before = (len(commits), _rows(path))
        await asyncio.sleep(2 * _RECORD_WAIT)
        after = _rows(path)
        store.finish()
        store.close()
        return *before, after

    assert asyncio.run(run()) == (0, 0, 20)  # then one commit for the twenty
    assert commits.count("COMMIT") == 1


def test_a_waiting_answer_is_read_by_its_own_run_and_written_by_close(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    config = Config().with_(retries=0)

    async def run() -> None:
        store = Store(path, config)
        good, gone = _answer(1), _answer(2, 404)
        store.record(good)
        assert store.validators(good.url) is not None  # its ETag, read through the wait
        first = store.record(gone)
        assert first.failure_streak == 1
        assert store.reuse(good.url) is not None
        assert store.record(gone).failure_streak == 2  # the streak goes on from the waiting row
        store.record(_answer(5))
        store.close()  # before the wait is over: written all the same

    asyncio.run(run())
    assert _rows(path) == 3


def test_off_a_loop_each_answer_is_written_at_once_and_a_full_batch_without_waiting(
    tmp_path: Path,
) -> None:
    path = tmp_path / "store.sqlite3"
    store = Store(path, Config())
    store.record(_answer(1))
    assert _rows(path) == 1

    async def run() -> int:
        for n in range(_RECORD_BATCH):
            store.record(_answer(100 + n))
        return _rows(path)

    assert asyncio.run(run()) == 1 + _RECORD_BATCH
    store.close()


def test_a_url_found_without_a_row_asks_no_validators_until_it_is_recorded(
    tmp_path: Path,
) -> None:
    """The fetcher asks the store for the URLs it is given together (``reuse_many``); one that
    has no row has no validators either: no statement a URL of a cold run (~36 µs each)."""
    store = Store(tmp_path / "store.sqlite3", Config())
    good = _answer(1)
    statements: list[str] = []
    assert store.reuse_many([good.url, _answer(2).url]) == {}
    store._db.set_trace_callback(statements.append)
    assert store.validators(good.url) is None
    assert statements == []
    store.record(good)
    validators = store.validators(good.url)  # recorded since: read (its ETag)
    assert validators is not None and validators.etag == '"v1"'
    store.close()


def test_answers_waiting_on_a_loop_that_ended_are_written_with_no_further_call(
    tmp_path: Path,
) -> None:
    """The wait is kept by the store's own thread, not by the loop: an answer recorded on a
    loop that ended before its wait was over is written all the same (the base wrote it only
    when the next answer was recorded, or at close: a kill before then lost it)."""
    path = tmp_path / "store.sqlite3"
    store = Store(path, Config())

    async def record(n: int) -> None:
        store.record(_answer(n))

    asyncio.run(record(1))  # its loop closed before the wait was over
    deadline = time.monotonic() + 100 * _RECORD_WAIT  # generous: a loaded machine's thread
    while _rows(path) == 0 and time.monotonic() < deadline:
        time.sleep(_RECORD_WAIT / 5)
    assert _rows(path) == 1
    asyncio.run(record(2))
    store.close()
    assert _rows(path) == 2


def test_an_answer_is_written_within_the_wait_while_the_loop_is_kept_busy(
    tmp_path: Path,
) -> None:
    """What a SIGKILL loses is bounded in time whatever the loop does: an answer recorded, then
    the loop held (a long stretch of parsing or scheduling) past the wait, is written by the
    store's own thread meanwhile.  The base's timer was the loop's own (``call_later``): it
    fired only once the loop was free again, and a kill meanwhile lost the answer."""
    path = tmp_path / "store.sqlite3"

    async def run() -> int:
        store = Store(path, Config())
        store.record(_answer(1))
        busy_until = time.monotonic() + 100 * _RECORD_WAIT  # generous: a loaded machine
        rows = 0
        while rows == 0 and time.monotonic() < busy_until:  # the loop turns no callback here
            rows = _rows(path)
        store.close()
        return rows

    assert asyncio.run(run()) == 1


def test_a_reused_failures_history_row_is_written_within_the_wait(tmp_path: Path) -> None:
    """A run resuming a killed one reuses the failures that run finished (its history rows);
    the rows of those reused failures wait as answers do, written within the same bound (the
    base kept them until 500 waited or the run closed: a second kill lost them, and the run
    resuming that one asked those failures again)."""
    path = tmp_path / "store.sqlite3"
    gone = _answer(2, 404)
    first = Store(path, Config(), inputs=["post"])
    first.record(gone)  # off a loop: at once; the run then killed (never finished)
    first.close()

    def history(run_id: int) -> int:
        with sqlite3.connect(path) as reader:
            count = reader.execute(
                "SELECT COUNT(*) FROM history WHERE run_id = ?", (run_id,)
            ).fetchone()[0]
        reader.close()
        return int(count)

    async def resume() -> int:
        store = Store(path, Config().with_(failure_ttl=0), inputs=["post"])
        assert store.reuse(gone.url) is not None  # finished in the run it resumes
        deadline = time.monotonic() + 100 * _RECORD_WAIT
        rows = 0
        while rows == 0 and time.monotonic() < deadline:
            rows = history(store.run_id)
            await asyncio.sleep(_RECORD_WAIT / 5)
        store.close()
        return rows

    assert asyncio.run(resume()) == 1


@pytest.mark.parametrize(
    ("raised", "said"),
    [
        ("database or disk is full", "database or disk is full"),
        ("\x1b]0;owned\x07", r"\x1b]0;owned\x07"),  # a forged file's text: inert
    ],
)
def test_answers_the_thread_could_not_write_are_said_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], raised: str, said: str
) -> None:
    """A write that fails (a full disk, a read-only file: here a file that refuses new rows)
    costs the answers' memory, never the run, and is said once, at the close: most answers are
    written by the store's own thread, where the failure was seen by no one, and a run then
    said its URLs were kept for a resume (session 29's probe: a store on a full 400 KB file
    system kept 27 of 200 answers and said nothing; the base was as silent)."""
    path = tmp_path / "store.sqlite3"
    Store(path, Config()).close()
    with sqlite3.connect(path, isolation_level=None) as other:
        other.execute(
            f"CREATE TRIGGER full BEFORE INSERT ON urls BEGIN SELECT RAISE(ABORT, '{raised}'); END"
        )
    other.close()

    async def run() -> None:
        store = Store(path, Config())
        for n in range(3):
            store.record(_answer(n))
        await asyncio.sleep(4 * _RECORD_WAIT)  # the thread's write, refused, in the meantime
        store.record(_answer(3))
        store.finish()
        store.close()

    asyncio.run(run())
    assert _rows(path) == 0
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"citecheck: warning: store {path}: 4 answers of this run could not be written "
        f"({said}); the next run asks for them again"
    ]


def test_a_store_that_writes_says_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "store.sqlite3"

    async def run() -> None:
        store = Store(path, Config())
        store.record(_answer(1))
        await asyncio.sleep(2 * _RECORD_WAIT)
        store.record(_answer(2))
        store.close()

    asyncio.run(run())
    assert _rows(path) == 2
    assert capsys.readouterr().err == ""
