"""Session 33's mends of the store's and the memo's readers (trust; issue 19).

A row whose text is not UTF-8 (a flipped bit the structure check does not see, a forged row)
is no row; every other row of its batch is read: ``sqlite3`` decoding the text itself failed
the whole statement, and 500 URLs were asked again, or 500 judgements made afresh.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from checker.bounded import kept_bounded
from checker.config import Config
from checker.fetch import store
from checker.fetch.store import Store, url_key
from checker.memo import SqliteMemo
from checker.model import FetchResult, Outcome

_NOT_UTF8 = "CAST(X'746578742F68746D6CFF' AS TEXT)"
"""``text/html`` and a byte no UTF-8 text holds."""


def test_a_stored_row_whose_text_is_not_utf8_is_no_row_not_its_whole_batch(
    tmp_path: Path,
) -> None:
    path = tmp_path / "store.sqlite3"
    config = Config().with_(store=path)
    urls = sorted((f"https://a.example/{name}" for name in "uvwxyz"), key=url_key)
    first = Store(path, config)
    for url in urls:
        first.record(
            FetchResult(url, Outcome.OK, status_code=200, content_type="text/html", text="<p>t</p>")
        )
    first.finish()
    first.close()
    with sqlite3.connect(path) as db:
        db.execute(f"UPDATE urls SET content_type = {_NOT_UTF8} WHERE key = ?", (url_key(urls[0]),))
    db.close()
    second = Store(path, config)
    try:
        reused = second.reuse_many(urls)
    finally:
        second.close()
    # the damaged row is read first: before, the statement failed there, no row was read
    assert sorted(reused) == sorted(urls[1:])  # before: []
    assert reused[urls[1]].result.content_type == "text/html"


def test_a_memo_row_whose_text_is_not_utf8_is_no_row_not_its_whole_batch(
    tmp_path: Path,
) -> None:
    path = tmp_path / "memo.sqlite3"
    with SqliteMemo(path) as memo:
        for name in ("x", "y", "z"):
            memo.keep(f"judge:{name}", "text/html", b"value")
    with sqlite3.connect(path) as db:
        db.execute(f"UPDATE memo SET inputs = {_NOT_UTF8} WHERE subject = 'judge:y'")
    db.close()
    with SqliteMemo(path) as memo:
        for name in ("x", "y", "z"):
            memo.expect(f"judge:{name}")
        assert memo.recall("judge:x", "text/html") == b"value"  # before: None
        assert memo.recall("judge:y", "text/html") is None
        assert memo.recall("judge:z", "text/html") == b"value"
        assert memo.reads == 1  # before: 3, judge:z's row read again on its own


@pytest.mark.parametrize("column", sorted(store._nullable_text("urls")))
def test_each_text_column_that_holds_nothing_is_null_and_reads_back(
    tmp_path: Path, column: str
) -> None:
    """Each column :meth:`Store._row` gives as ``_NO_TEXT`` is written NULL (never the integer
    -1, which the reader takes for a damaged row: its URL asked again every run), and the
    answer reads back; a text in the same column is written as it is."""
    path = tmp_path / "store.sqlite3"
    config = Config().with_(store=path)
    bare, full, failing = (f"https://a.example/{name}" for name in ("bare", "full", "failing"))
    first = Store(path, config)
    first.record(FetchResult(bare, Outcome.OK, status_code=204))
    first.record(
        FetchResult(
            full,
            Outcome.OK,
            status_code=200,
            final_url="https://a.example/moved",
            content_type="text/html",
            encoding="utf-8",
            headers={"ETag": '"v1"', "Last-Modified": "Tue, 01 Dec 2026 10:00:00 GMT"},
            text="<p>t</p>",
        )
    )
    first.record(FetchResult(failing, Outcome.TIMEOUT, error="timed out"))
    first.finish()
    first.close()
    with sqlite3.connect(path) as db:
        kinds = dict(db.execute(f"SELECT url, typeof({column}) FROM urls"))
    db.close()
    held = failing if column in {"error", "first_failed"} else full
    assert (kinds[bare], kinds[held]) == ("null", "text")
    second = Store(path, config)
    try:
        assert bare in second.reuse_many([bare])
    finally:
        second.close()


def test_a_bounded_table_is_emptied_when_full_and_keeps_the_new_value() -> None:
    table: dict[int, str] = {}
    for n in range(10):
        assert kept_bounded(table, n, str(n), 4) == str(n)
        assert len(table) <= 4
    assert table == {8: "8", 9: "9"}
