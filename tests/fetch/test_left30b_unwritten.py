"""Rows a store file refuses are said, and the file's text is shown inert (trust, session 30).

Session 29 said lost answers in one line; a full disk still dropped the memo's judgements and
the run's verdict history without a word, and the "could not be marked finished" and "moved
aside" warnings printed SQLite's text raw, a forged file's escape sequences included.  Here a
run through the fixture web (real HTTP/TLS on loopback, ``--connect-to``) checks a blog with a
store whose tables refuse new rows, as a full disk does (a trigger raising the message).
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from checker.config import Config
from checker.fetch.store import Store
from checker.memo import SqliteMemo
from checker.pipeline import check
from checker.sampleweb import SampleWeb, Web
from tests.e2e.blogger import CitedPost, article_page, blogger_page, connect_rules

BLOG = "https://hon-yaku30s.blogspot.com"
SITE = "https://www.tideline-news.org"
POSTS = [
    CitedPost(f"p{n}", "Tideline", f"Harbour story number {n}", None, None, f"{SITE}/a/{n}")
    for n in range(3)
]
FORGED = "\x1b]0;owned\x07"


def _refusing(path: Path, table: str, event: str, message: str) -> None:
    with sqlite3.connect(path, isolation_level=None) as db:
        db.execute(
            f"CREATE TRIGGER refuse_{table} BEFORE {event} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
        )
    db.close()


def _run(path: Path) -> None:
    web = Web()
    for post in POSTS:
        assert post.url is not None
        web.page(post.url, article_page(post.title, site="Tideline"))
    web.page(f"{BLOG}/search/label/x", blogger_page(BLOG, POSTS))
    with SampleWeb(web) as site:
        config = Config().with_(
            connect_to=connect_rules(web, site), cacert=site.ca_path, archive="off", store=path
        )
        report = check([f"{BLOG}/search/label/x"], config)
    assert len([c for d in report.documents for c in d.citations]) == len(POSTS)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "store.sqlite3"
    Store(path, Config()).close()
    SqliteMemo(path).close()
    return path


@pytest.mark.parametrize(
    ("raised", "said"),
    [("database or disk is full", "database or disk is full"), (FORGED, r"\x1b]0;owned\x07")],
)
def test_judgements_and_verdicts_a_full_file_refused_are_said(
    store: Path, capsys: pytest.CaptureFixture[str], raised: str, said: str
) -> None:
    _refusing(store, "memo", "INSERT", raised)
    _refusing(store, "verdicts", "INSERT", raised)
    _run(store)
    err = capsys.readouterr().err.splitlines()
    judged = re.compile(
        rf"citecheck: warning: store {re.escape(str(store))}: (\d+) judgements of this run "
        rf"could not be written \({re.escape(said)}\); the next run judges them again"
    )
    said_judged = [m for m in map(judged.fullmatch, err) if m is not None]
    assert len(said_judged) == 1, err
    assert int(said_judged[0][1]) >= len(POSTS), err  # every citation's, the pages' too
    assert (
        f"citecheck: warning: store {store}: this run's verdicts could not be written "
        f"({said}); `citecheck trends` will not count this run"
    ) in err, err
    assert not any(FORGED in line for line in err), err


def test_a_run_mark_refused_is_said_inert(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _refusing(store, "runs", "UPDATE", FORGED)
    _run(store)
    err = capsys.readouterr().err.splitlines()
    assert any(
        "this run could not be marked finished (\\x1b]0;owned\\x07)" in line for line in err
    ), err
    assert not any(FORGED in line for line in err), err


def test_a_store_that_writes_says_nothing(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _run(store)
    assert capsys.readouterr().err == ""
