"""The run history's rows (``store.verdict_rows``), written at the end of every run, warm ones
too: each host's registered domain is found once a run, and is the one each URL's own parse
gives, whatever the URL looks like (issue 19, warm rerun)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from checker.fetch import store
from checker.fetch.store import verdict_rows
from checker.model import (
    CheckedCitation,
    CheckedDocument,
    Citation,
    CitationKind,
    Document,
    Report,
    Status,
)

ODD_URLS = [
    "https://news.alpha.com/a?b=1",
    "https://user:pw@news.alpha.com/a",
    "HTTPS://News.Alpha.COM:8443/a#x",
    "https://beta.co.uk?x=1",
    "https://beta.co.uk#frag",
    "http://[::1]:8080/p",
    "http://[::1/broken",
    "mailto:someone@alpha.com",
    "htps//missing.example.com/a",
    "1http://bad-scheme.example.com/",
    "https://",
    "https:///path-only",
    "https://192.168.0.1/x",
]


def _report(urls: list[str]) -> Report:
    citations = tuple(Citation(CitationKind.LINK, url) for url in urls)
    document = Document("https://blog.example/p1", "in", "t", date(2025, 1, 10), citations)
    checked = CheckedDocument(document, tuple(CheckedCitation(c, Status.OK) for c in citations))
    return Report(("in",), (checked,), "0", "2025-03-10T12:00:00+00:00", "2025-03-10T12:00:00")


def test_each_hosts_domain_is_found_once_a_run(monkeypatch: pytest.MonkeyPatch) -> None:
    urls = [f"https://news{n % 3}.alpha.com/story-{n}" for n in range(300)]
    parsed: list[str] = []
    real = store.urlsplit

    def counting(url: str, *args: Any) -> Any:
        parsed.append(url)
        return real(url, *args)

    monkeypatch.setattr(store, "urlsplit", counting)
    rows = verdict_rows(_report(urls), 1, "")
    assert [row[6] for row in rows] == ["alpha.com"] * 300
    assert len(parsed) <= 3  # before: one parse per citation


@pytest.mark.parametrize("url", ODD_URLS)
def test_the_domain_is_the_one_the_urls_own_parse_gives(url: str) -> None:
    [row] = verdict_rows(_report([url]), 1, "")
    assert row[6] == store._domain_of(url)  # the URL's own parse, without the run's cache


def _history(path: Any, runs: int, per_run: int, scopes: tuple[str, ...] = ("",)) -> Any:
    """A store's verdicts table with ``runs`` runs of ``per_run`` rows in each scope."""
    db = store.open_store(path)
    rows = [
        (run, "2026-11-30T00:00:00+00:00", scope, "p", None, f"u{n}", "d", "link", "ok", "", None)
        for run in range(1, runs + 1)
        for scope in scopes
        for n in range(per_run)
    ]
    db.executemany("INSERT INTO verdicts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return db


def _steps(db: Any, scope: str, keep: int) -> int:
    """SQLite virtual-machine steps (in thousands) of pruning: a count, not a time."""
    steps = [0]

    def count() -> int:
        steps[0] += 1
        return 0

    db.set_progress_handler(count, 1000)
    store.prune_verdicts(db, scope, keep)
    db.set_progress_handler(None, 0)
    return steps[0]


def test_pruning_reads_the_runs_it_keeps_not_the_whole_history(tmp_path: Any) -> None:
    """Every run ends by pruning the history: it scanned every verdict kept (1.95 s of CPU a
    run with 100 runs of 20,000 citations); now ``keep`` index seeks and the old rows' delete."""
    small = _history(tmp_path / "small.sqlite3", 4, 300)
    large = _history(tmp_path / "large.sqlite3", 61, 300)
    small_steps, large_steps = _steps(small, "", 3), _steps(large, "", 60)
    remaining = large.execute("SELECT DISTINCT run_id FROM verdicts ORDER BY run_id").fetchall()
    assert [row[0] for row in remaining] == list(range(2, 62))
    # each deletes one run of 300 rows; a scan of 18,300 rows was ~15x the small one's steps
    assert large_steps <= 3 * max(small_steps, 1)


def test_pruning_keeps_the_newest_runs_of_its_scope_only(tmp_path: Any) -> None:
    db = _history(tmp_path / "s.sqlite3", 5, 2, scopes=("", "test-web"))
    store.prune_verdicts(db, "test-web", 2)
    kept = db.execute("SELECT scope, run_id FROM verdicts GROUP BY scope, run_id").fetchall()
    assert kept == [("", 1), ("", 2), ("", 3), ("", 4), ("", 5), ("test-web", 4), ("test-web", 5)]
    store.prune_verdicts(db, "", 9)  # fewer runs than kept: nothing goes
    assert db.execute("SELECT count(*) FROM verdicts WHERE scope = ''").fetchone()[0] == 10
    store.prune_verdicts(db, "", 0)
    assert db.execute("SELECT count(*) FROM verdicts WHERE scope = ''").fetchone()[0] == 0
    # a forged run id (the file is anyone's) is pruned the old way, never a crash
    db.execute("UPDATE verdicts SET run_id = 'x' WHERE run_id = 5")
    store.prune_verdicts(db, "test-web", 1)
    assert db.execute("SELECT DISTINCT run_id FROM verdicts").fetchall() == [("x",)]
