"""A warm run's memo reads: a batch of rows a statement, values shared, hostile rows data."""

from __future__ import annotations

import asyncio
import sqlite3
from dataclasses import replace
from pathlib import Path

from checker.memo import SqliteMemo, keep, recall
from checker.model import (
    Citation,
    CitationKind,
    Cited,
    FetchResult,
    Observed,
    Outcome,
    Status,
)
from checker.verify.citation import Judgement, judgement, memo_keys

OK = Judgement(Status.OK, (), Observed(status_code=200), None)


def _kept(path: Path, count: int) -> list[str]:
    """``count`` subjects with a judgement kept under inputs named after each."""
    subjects = [f"judge:{n:04d}" for n in range(count)]
    with SqliteMemo(path) as memo:
        for subject in subjects:
            keep(memo, subject, "in-" + subject, OK)
    return subjects


def test_expected_subjects_are_read_a_batch_a_statement(tmp_path: Path) -> None:
    subjects = _kept(tmp_path / "store.sqlite3", 601)
    with SqliteMemo(tmp_path / "store.sqlite3") as memo:
        assert all(memo.expect(subject) for subject in subjects)
        values = [recall(memo, s, "in-" + s, Judgement) for s in subjects]
        assert values == [OK] * 601
        assert memo.reads == 2  # 500 and 101, where it read 601 times
        # a subject recalled already is read afresh, with those expected by then
        assert memo.expect("judge:never-kept")
        assert recall(memo, subjects[0], "in-" + subjects[0], Judgement) == OK
        assert memo.reads == 3
        assert not memo.expect("judge:never-kept")  # read with it: no turn of the loop needed
        assert recall(memo, "judge:never-kept", "in", Judgement) is None
        assert memo.reads == 3


def test_a_subject_without_a_row_is_read_once(tmp_path: Path) -> None:
    subjects = _kept(tmp_path / "store.sqlite3", 3)
    missing = [f"judge:gone-{n}" for n in range(300)]
    with SqliteMemo(tmp_path / "store.sqlite3") as memo:
        for subject in [*subjects, *missing]:
            memo.expect(subject)
        assert [recall(memo, s, "in-" + s, Judgement) for s in missing] == [None] * 300
        assert [recall(memo, s, "wrong inputs", Judgement) for s in subjects] == [None] * 3
        assert memo.reads == 1  # a cold run pays one statement a batch too, not one a citation


def test_poisoned_rows_in_a_batch_are_no_value_and_spoil_no_other(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    subjects = _kept(path, 20)
    db = sqlite3.connect(path)
    db.execute("UPDATE memo SET value = 42 WHERE subject = ?", (subjects[3],))
    db.execute("UPDATE memo SET value = 'not json' WHERE subject = ?", (subjects[5],))
    db.execute("UPDATE memo SET inputs = 7 WHERE subject = ?", (subjects[7],))
    db.execute("UPDATE memo SET value = ? WHERE subject = ?", (b'{"status": 1}', subjects[9]))
    db.commit()
    db.close()
    with SqliteMemo(path) as memo:
        for subject in subjects:
            memo.expect(subject)
        values = [recall(memo, s, "in-" + s, Judgement) for s in subjects]
    assert [n for n, v in enumerate(values) if v is None] == [3, 5, 7, 9]
    assert all(v == OK for n, v in enumerate(values) if n not in (3, 5, 7, 9))


def test_small_immutable_values_are_decoded_once_and_shared(tmp_path: Path) -> None:
    _kept(tmp_path / "store.sqlite3", 2)
    with SqliteMemo(tmp_path / "store.sqlite3") as memo:
        first = recall(memo, "judge:0000", "in-judge:0000", Judgement)
        second = recall(memo, "judge:0001", "in-judge:0001", Judgement)
    assert first == OK and first is second
    # a value with a mapping in it (the answer's headers) is a copy of its own for each caller
    answer = FetchResult("https://a.example/", Outcome.OK, status_code=200, headers={"A": "b"})
    with SqliteMemo(tmp_path / "store.sqlite3") as memo:
        keep(memo, "fetch:1", "i", answer)
        keep(memo, "fetch:2", "i", answer)
        one = recall(memo, "fetch:1", "i", FetchResult)
        two = recall(memo, "fetch:2", "i", FetchResult)
    assert one == two == answer and one is not two


def test_citations_judged_together_read_their_judgements_together(tmp_path: Path) -> None:
    """Through ``verify.citation.judgement`` as a run calls it: a warm run's citations are
    started together and recall together; each recalled with a statement of its own before."""
    citations = [
        Citation(CitationKind.LINK, f"https://news.example.com/{n}", Cited()) for n in range(300)
    ]
    results = [
        FetchResult(c.url or "", Outcome.OK, status_code=404, final_url=c.url) for c in citations
    ]
    path = tmp_path / "store.sqlite3"

    async def judge_all(memo: SqliteMemo) -> list[Judgement]:
        return list(
            await asyncio.gather(
                *(judgement(c, r, memo) for c, r in zip(citations, results, strict=True))
            )
        )

    with SqliteMemo(path) as memo:
        cold = asyncio.run(judge_all(memo))
    assert {j.status for j in cold} == {Status.BROKEN}
    with SqliteMemo(path) as memo:
        warm = asyncio.run(judge_all(memo))
        assert memo.reads == 1
    assert warm == cold
    changed = replace(results[0], status_code=200, text="<title>x</title>")
    assert memo_keys(citations[0], changed)[1] != memo_keys(citations[0], results[0])[1]


def test_kept_rows_are_written_a_batch_a_transaction_and_the_rest_on_close(
    tmp_path: Path,
) -> None:
    """Each row was a commit of its own (~30 µs of CPU and ~45 µs of waiting on the WAL a
    judged citation, issue 19): rows are written :data:`_KEEP_BATCH` at a time."""
    from checker.memo import _KEEP_BATCH  # noqa: PLC0415

    path = tmp_path / "store.sqlite3"
    count = 2 * _KEEP_BATCH + 5
    statements: list[str] = []
    with SqliteMemo(path) as memo:
        assert memo._db is not None
        memo._db.set_trace_callback(statements.append)
        for n in range(count):
            keep(memo, f"judge:{n}", f"in-{n}", OK)
        assert recall(memo, f"judge:{count - 1}", f"in-{count - 1}", Judgement) == OK
        assert recall(memo, f"judge:{count - 1}", "other inputs", Judgement) is None
        written = sum(s.startswith("INSERT") for s in statements)
        assert written == 2 * _KEEP_BATCH  # the last 5 wait for the next batch, or the close
    opened = 0
    for statement in statements:
        opened += statement == "BEGIN"
        opened -= statement == "COMMIT"
        assert opened == 1 or not statement.startswith("INSERT")  # each in a transaction
    assert statements.count("BEGIN") == 3
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM memo").fetchone() == (count,)


def test_a_row_read_while_a_newer_one_waits_to_be_written_is_not_recalled(
    tmp_path: Path,
) -> None:
    """A subject kept again in this run, its old row read with a batch of others before the
    new one is written: the recall gives the new value, before the write and after it."""
    from checker.memo import _KEEP_BATCH  # noqa: PLC0415

    path = tmp_path / "store.sqlite3"
    old = Judgement(Status.BROKEN, (), Observed(status_code=404), None)
    with SqliteMemo(path) as memo:
        keep(memo, "judge:again", "in", old)
    with SqliteMemo(path) as memo:
        keep(memo, "judge:again", "in", OK)
        assert not memo.expect("judge:again")  # what is kept is known: nothing to read
        assert memo.expect("judge:other")
        memo._expected["judge:again"] = None  # expected before it was kept (another caller)
        assert recall(memo, "judge:other", "in", Judgement) is None  # reads the batch
        assert recall(memo, "judge:again", "in", Judgement) == OK
        keep(memo, "judge:again", "in", OK)
        for n in range(_KEEP_BATCH):
            keep(memo, f"judge:{n}", "in", OK)
        assert recall(memo, "judge:again", "in", Judgement) == OK
    with SqliteMemo(path) as memo:
        assert recall(memo, "judge:again", "in", Judgement) == OK
