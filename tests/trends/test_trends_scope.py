"""``trends`` counts one web's runs: the real web's by default, a test web's by its rules.

The history keeps each run's scope (the real web, or a fingerprint of the ``--connect-to`` rules).
A blog checked through a local copy and for real must not read as one history: the copy's sources
die when a test says so. Here the store holds the three runs of the rotting fixture web (a test
web) and one run recorded as the real web's, every source alive.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checker.cli import ExitCode, main
from checker.config import Config, ConnectTo
from checker.fetch.store import read_verdicts, record_verdicts
from checker.pipeline import check
from checker.sampleweb import SampleWeb
from tests.trends.rotting_web import RottingWeb, write_posts
from tests.trends.test_trends_e2e import EXPECTED_CSV


@pytest.fixture(scope="module")
def mixed(history: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A copy of the history with one more run recorded as the real web's, and that run's time."""
    folder = tmp_path_factory.mktemp("mixed")
    store = folder / "store.sqlite3"
    shutil.copyfile(history, store)
    posts = folder / "posts"
    write_posts(posts)
    with SampleWeb(RottingWeb().web()) as site:
        config = Config().with_(
            connect_to=[ConnectTo.parse(rule) for rule in site.connect_to()],
            cacert=site.ca_path,
            retries=0,
            archive="off",
            store=None,
        )
        report = check([str(posts)], config)
    assert record_verdicts(store, report, Config())  # no --connect-to: the real web's scope
    scopes = {row.scope for row in read_verdicts(store)}
    assert len(scopes) == 2 and "" in scopes
    return store, report.started


def _csv(store: Path, out: Path, *args: str) -> str:
    assert main(["trends", "--store", str(store), "--output", str(out), *args]) == ExitCode.OK
    return (out / "trends.csv").read_text(encoding="utf-8-sig").replace("\r\n", "\n")


def _runs(csv: str) -> list[str]:
    return sorted({line.split(",")[1] for line in csv.splitlines() if line.startswith("run,")})


def test_by_default_trends_reads_the_real_web_runs_only(
    mixed: tuple[Path, str], tmp_path: Path
) -> None:
    store, started = mixed
    csv = _csv(store, tmp_path)
    assert _runs(csv) == [started]
    assert "month,2025-02,cited,2\nmonth,2025-02,dead,0\n" in csv  # alive on the real web


def test_connect_to_reads_that_test_webs_runs_only(
    mixed: tuple[Path, str], web_args: tuple[str, ...], tmp_path: Path
) -> None:
    store, _ = mixed
    assert _csv(store, tmp_path, *web_args) == EXPECTED_CSV  # the real run mixes nothing in


def test_a_store_with_test_web_runs_only_says_how_to_see_them(
    history: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code = main(["trends", "--store", str(history), "--output", str(out)])
    err = capsys.readouterr().err
    assert code == ExitCode.ERROR
    assert err.count("\n") == 1
    assert err.startswith("citecheck: error: no run history of the real web in store")
    assert "3 run(s) were made through --connect-to test webs" in err
    assert "give trends the same --connect-to rules" in err
    assert not out.exists()


def test_other_rules_name_the_other_webs(
    mixed: tuple[Path, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store, _ = mixed
    other = ["--connect-to", ":443:127.0.0.1:1"]
    assert main(["trends", "--store", str(store), "--output", str(tmp_path), *other]) == 2
    err = capsys.readouterr().err
    assert "no run history through these --connect-to rules" in err
    assert "4 run(s) checked the real web or other --connect-to rules" in err
