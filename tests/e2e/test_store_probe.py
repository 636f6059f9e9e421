"""A store someone else wrote, at the end of a run and in the memo (probe, session 18).

Through real runs of ``citecheck check`` against the fixture web (``test_store_safety``'s).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.sampleweb import SampleWeb
from tests.e2e.test_store_safety import ARTICLES, Blog, _web

LARGEST = 2**63 - 1
"""SQLite's largest integer: the next run id, one more, is no SQLite integer."""


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    with SampleWeb(_web()) as running:
        yield running


def _forge(store: Path, statement: str, *values: object) -> None:
    db = sqlite3.connect(store)
    with db:
        db.execute(statement, values)
    db.close()


@pytest.mark.parametrize("run_id", [LARGEST, 1e300])
def test_a_forged_run_id_at_the_end_of_the_history_costs_the_history_not_the_run(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str], run_id: object
) -> None:
    """The next run id was ``max(run_id) + 1`` given to SQLite as is: past its largest integer
    the insert raised OverflowError, no sqlite3.Error, and the run ended in an internal error
    (exit 3) with no report, every run after it too."""
    blog = Blog(site, tmp_path, [f"{ARTICLES}/a0", f"{ARTICLES}/gone"])
    first = blog.check(capsys)
    _forge(blog.store, "UPDATE verdicts SET run_id = ?", run_id)
    second = blog.check(capsys)  # asserts exit 0 or 1 and reads report.json
    assert (second.code, second.statuses) == (first.code, first.statuses)
    # the history lost is said in one line (session 30), never a traceback
    lines = second.stderr.splitlines()
    assert len(lines) == 1 and "this run's verdicts could not be written" in lines[0], lines


def _judgement_rows(store: Path) -> list[tuple[str, str]]:
    db = sqlite3.connect(store)
    rows = db.execute("SELECT subject, inputs FROM memo WHERE subject LIKE 'judge:%'").fetchall()
    db.close()
    return rows


POISONS = {
    "a number": "UPDATE memo SET value = 7 WHERE subject LIKE 'judge:%'",
    "deep nesting": "UPDATE memo SET value = '" + "[" * 200_000 + "' WHERE subject LIKE 'judge:%'",
    "huge": "UPDATE memo SET value = '\"' || hex(zeroblob(3000000)) || '\"' "
    "WHERE subject LIKE 'judge:%'",
    "not UTF-8": "UPDATE memo SET inputs = CAST(x'ff00fe' AS TEXT) WHERE subject LIKE 'judge:%'",
    "wrong status": "UPDATE memo SET value = replace(value, '\"broken\"', '\"bogus\"')",
}


@pytest.mark.parametrize("poison", sorted(POISONS))
def test_a_poisoned_judgement_row_is_judged_afresh(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str], poison: str
) -> None:
    blog = Blog(site, tmp_path, [f"{ARTICLES}/a0", f"{ARTICLES}/gone", f"{ARTICLES}/a2"])
    first = blog.check(capsys)
    _forge(blog.store, POISONS[poison])
    warm = blog.check(capsys)
    assert (warm.code, warm.statuses, warm.stderr) == (first.code, first.statuses, "")
    assert warm.statuses[f"{ARTICLES}/gone"] == "broken"


def test_a_judgement_row_claiming_another_citations_subject_changes_no_verdict(
    site: SampleWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each judgement's row moved to another citation's subject (and the table's primary key
    dropped, so two rows may claim one subject): no verdict moves with them."""
    blog = Blog(site, tmp_path, [f"{ARTICLES}/a0", f"{ARTICLES}/gone", f"{ARTICLES}/a2"])
    first = blog.check(capsys)
    rows = _judgement_rows(blog.store)
    assert len(rows) == 3
    db = sqlite3.connect(blog.store)
    with db:
        db.execute("ALTER TABLE memo RENAME TO old")
        db.execute("CREATE TABLE memo (subject, inputs, value)")
        subjects = [subject for subject, _ in rows]
        for subject, moved in zip(subjects, subjects[1:] + subjects[:1], strict=True):
            db.execute(
                "INSERT INTO memo SELECT ?, inputs, value FROM old WHERE subject = ?",
                (moved, subject),
            )
        db.execute("INSERT INTO memo SELECT * FROM old")  # and the true rows after them
        db.execute("DROP TABLE old")
    db.close()
    warm = blog.check(capsys)
    assert (warm.code, warm.statuses, warm.stderr) == (first.code, first.statuses, "")
