"""Probe 26s: an answer whose text cannot be written as UTF-8 costs no other answer (issue 19).

The store writes the answers recorded on an event loop together, in one transaction, from a
timer (session 26, ``Store.record``).  An answer holding a lone surrogate (a URL or an error
message decoded with ``surrogateescape``: a library caller's, or a transport's error text)
made ``executemany`` raise ``UnicodeEncodeError``, which is no ``sqlite3.Error``: the whole
batch was lost, up to 255 innocent answers asked again next run, and the loop printed the
timer's traceback ("Exception in callback").  Before the batching each such answer raised out
of ``record`` itself.  Untrusted text stays data: it is scrubbed to what SQLite can bind.
"""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from checker.config import Config
from checker.fetch.store import _RECORD_WAIT, Store
from checker.model import FetchResult, Outcome

HEADERS = {"content-type": "text/html"}


def _good(n: int) -> FetchResult:
    url = f"https://news.example/story-{n}.html"
    return FetchResult(url, Outcome.OK, url, 200, headers=HEADERS, text="<p>Text.</p>")


def _urls(path: Path) -> list[str]:
    with sqlite3.connect(path) as reader:
        rows = reader.execute("SELECT url FROM urls ORDER BY url").fetchall()
        history = reader.execute("SELECT COUNT(*) FROM history").fetchone()[0]
        failed = reader.execute("SELECT COUNT(*) FROM urls WHERE good = 0").fetchone()[0]
    reader.close()
    assert history == failed  # each failure's history row went in with it
    return [row[0] for row in rows]


ODD = [
    pytest.param(
        FetchResult(
            "https://news.example/caf\udce9.html",
            Outcome.OK,
            "https://news.example/moved/caf\udce9.html",
            200,
            headers=HEADERS,
            text="<p>Text.</p>",
        ),
        id="url",
    ),
    pytest.param(
        FetchResult(
            "https://news.example/broken.html",
            Outcome.PROTOCOL,
            error="peer sent b'\udcff\udcfe' where a status line was due",
        ),
        id="error",
    ),
]


@pytest.mark.parametrize("odd", ODD)
def test_an_unencodable_answer_on_a_loop_loses_no_other_answer(
    tmp_path: Path, odd: FetchResult, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "store.sqlite3"

    async def run() -> None:
        store = Store(path, Config())
        store.record(_good(1))
        store.record(odd)
        store.record(_good(2))
        await asyncio.sleep(3 * _RECORD_WAIT)  # the timer writes the batch
        store.finish()
        store.close()

    asyncio.run(run())
    urls = _urls(path)
    assert len(urls) == 3, urls
    assert "https://news.example/story-1.html" in urls
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("odd", ODD)
def test_an_unencodable_answer_off_a_loop_is_written_not_raised(
    tmp_path: Path, odd: FetchResult
) -> None:
    path = tmp_path / "store.sqlite3"
    store = Store(path, Config())
    answered = store.record(odd)
    assert answered.url == odd.url
    store.finish()
    store.close()
    assert len(_urls(path)) == 1
