"""A run's "finished" mark: what the next run does without it, and that its loss is said.

A complete run whose mark is not written looks interrupted to the next run, which resumes it and
reuses the failures it finished past their ``failure_ttl`` (session 24: test_resume's third run
did not ask its 404 again under load).  The mark's failure is made certain here, no race: the file
refuses the update (a trigger, as a read-only or locked file would) or has lost the run's row.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from checker.config import Config
from checker.fetch.store import Store
from checker.model import FetchResult, Outcome

GONE = "https://finish.example.com/gone"


def _config(tmp_path: Path) -> Config:
    return Config().with_(store=tmp_path / "s.sqlite3", failure_ttl=0)


def _checked_once(config: Config, before_finish: str | None) -> Store:
    """A run that records one 404, then finishes after ``before_finish`` ran on another
    connection (None: nothing), and closes."""
    assert config.store.path is not None
    run = Store(config.store.path, config, inputs=["post.html"])
    run.record(FetchResult(GONE, Outcome.OK, status_code=404, text="<title>gone</title>"))
    if before_finish is not None:
        with sqlite3.connect(config.store.path, isolation_level=None) as other:
            other.execute(before_finish, {"run": run.run_id})
        other.close()
    run.finish()
    run.close()
    return run


def _reused_next_run(config: Config) -> bool:
    """Whether the next run with the same inputs takes the 404 from the store."""
    assert config.store.path is not None
    run = Store(config.store.path, config, inputs=["post.html"])
    reused = run.reuse(GONE) is not None
    run.finish()
    run.close()
    return reused


def test_a_finished_run_is_not_resumed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = _config(tmp_path)
    _checked_once(config, None)
    assert capsys.readouterr().err == ""
    assert not _reused_next_run(config)  # failure TTL 0: the 404 is asked again


@pytest.mark.parametrize(
    ("before_finish", "problem"),
    [
        pytest.param(
            "CREATE TRIGGER held BEFORE UPDATE ON runs BEGIN SELECT RAISE(ABORT, 'held'); END",
            "(held)",
            id="refused",
        ),
        pytest.param("DELETE FROM runs WHERE id = :run", "(no run 1 in the file)", id="row-gone"),
    ],
)
def test_a_finish_mark_not_written_is_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], before_finish: str, problem: str
) -> None:
    config = _config(tmp_path)
    _checked_once(config, before_finish)
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1, err
    assert err[0].startswith(f"citecheck: warning: store {config.store.path}: ")
    assert f"could not be marked finished {problem}" in err[0]
    if "TRIGGER" in before_finish:  # why it must be said: the complete run is resumed
        assert _reused_next_run(config)
