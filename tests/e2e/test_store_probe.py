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
    assert second.stderr == ""
