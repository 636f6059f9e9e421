"""``citecheck trends`` end to end: runs over a fixture web whose sources die between them.

Four dated Markdown posts cite six articles on three publishers and two YouTube videos, served by
real HTTP/TLS servers on 127.0.0.1 (:mod:`tests.trends.rotting_web`).  Three runs, a month apart
on a simulated clock (the run times are injected; nothing sleeps), see the sources die:

- 2025-03-10: all alive;
- 2025-04-10: ``news.alpha.com/a1`` answers 404 and video ``AAAAAAAAAA1`` is deleted;
- 2025-05-10: ``www.beta.org/b`` and ``news.alpha.com/u`` answer 404 too.

Every number of trends.csv is then known to the day (:data:`EXPECTED_CSV`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.cli import ExitCode, main
from checker.fetch.store import read_verdicts
from checker.model import Platform
from checker.sampleweb import SampleWeb
from tests.trends.rotting_web import RUNS, RottingWeb, run_history, write_posts

# Lifetimes (days from the post's date to the first dead verdict, or to the last check):
# a1 90 (Jan 10 -> Apr 10) died, a2 and x 120 alive, b 94 died, video A 64 died, c and video B
# 70 alive; p4 has no date (1 undated).  Kaplan-Meier: 64: 7 at risk, 1 died -> 6/7;
# 70: 2 censored; 90: 4 at risk, 1 died -> 6/7 * 3/4; 94: 3 at risk, 1 died -> * 2/3;
# 120: 2 censored.
EXPECTED_CSV = """\
table,key,measure,value
month,2025-01,cited,3
month,2025-01,dead,1
month,2025-01,dead_share,0.3333
month,2025-02,cited,2
month,2025-02,dead,2
month,2025-02,dead_share,1.0000
month,2025-03,cited,2
month,2025-03,dead,0
month,2025-03,dead_share,0.0000
month,undated,cited,1
month,undated,dead,1
month,undated,dead_share,1.0000
domain,alpha.com,cited,3
domain,alpha.com,dead,2
domain,alpha.com,dead_share,0.6667
domain,beta.org,cited,2
domain,beta.org,dead,1
domain,beta.org,dead_share,0.5000
domain,youtube.com,cited,2
domain,youtube.com,dead,1
domain,youtube.com,dead_share,0.5000
domain,gamma.co.uk,cited,1
domain,gamma.co.uk,dead,0
domain,gamma.co.uk,dead_share,0.0000
embed_platform,youtube,cited,2
embed_platform,youtube,dead,1
embed_platform,youtube,dead_share,0.5000
survival,64,at_risk,7
survival,64,died,1
survival,64,censored,0
survival,64,alive_share,0.8571
survival,70,at_risk,6
survival,70,died,0
survival,70,censored,2
survival,70,alive_share,0.8571
survival,90,at_risk,4
survival,90,died,1
survival,90,censored,0
survival,90,alive_share,0.6429
survival,94,at_risk,3
survival,94,died,1
survival,94,censored,0
survival,94,alive_share,0.4286
survival,120,at_risk,2
survival,120,died,0
survival,120,censored,2
survival,120,alive_share,0.4286
note,undated,citations,1
note,revived,citations,0
run,2025-03-10T12:00:00+00:00,citations,8
run,2025-03-10T12:00:00+00:00,dead,0
run,2025-04-10T12:00:00+00:00,citations,8
run,2025-04-10T12:00:00+00:00,dead,2
run,2025-04-10T12:00:00+00:00,broken,1
run,2025-04-10T12:00:00+00:00,embed-unavailable,1
run,2025-05-10T12:00:00+00:00,citations,8
run,2025-05-10T12:00:00+00:00,dead,4
run,2025-05-10T12:00:00+00:00,broken,3
run,2025-05-10T12:00:00+00:00,embed-unavailable,1
"""


def test_trends_csv_counts_exactly_what_was_served(
    history: Path, web_args: tuple[str, ...], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    code = main(["trends", "--store", str(history), "--output", str(out), *web_args])
    assert code == ExitCode.OK
    raw = (out / "trends.csv").read_bytes()
    assert raw.startswith("\ufeff".encode())
    assert raw.decode("utf-8-sig").replace("\r\n", "\n") == EXPECTED_CSV
    html = (out / "trends.html").read_text(encoding="utf-8")
    for chart in ("months", "domains", "survival", "embeds", "findings"):
        assert f'data-chart="{chart}"' in html


def test_every_run_keeps_one_row_per_citation_with_its_facts(history: Path) -> None:
    rows = read_verdicts(history)
    assert len(rows) == 3 * 8
    assert sorted({r.run_time for r in rows}) == [when for when, _ in RUNS]
    video = next(r for r in rows if r.url and "AAAAAAAAAA1" in r.url and r.run_id == 2)
    assert (video.kind.value, video.status.value, video.findings) == (
        "embed",
        "broken",
        ("embed-unavailable",),
    )
    assert video.platform is Platform.YOUTUBE
    assert video.domain == "youtube.com"
    assert str(video.post_date) == "2025-02-05"
    assert video.post_url.endswith("/posts/p2.md")


def test_since_leaves_out_older_runs(
    history: Path, web_args: tuple[str, ...], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    since = ["--since", "2025-04-01", *web_args]
    assert main(["trends", "--store", str(history), "--output", str(out), *since]) == 0
    lines = (out / "trends.csv").read_text(encoding="utf-8-sig").splitlines()
    runs = sorted({line.split(",")[1] for line in lines if line.startswith("run,")})
    assert runs == ["2025-04-10T12:00:00+00:00", "2025-05-10T12:00:00+00:00"]


def test_retention_keeps_only_the_newest_runs(tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite3"
    run_history(tmp_path, store, history_runs=2)
    rows = read_verdicts(store)
    assert sorted({r.run_time for r in rows}) == [when for when, _ in RUNS[1:]]
    assert {r.run_id for r in rows} == {2, 3}


def test_no_history_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code = main(["trends", "--store", str(tmp_path / "none.sqlite3"), "--output", str(out)])
    err = capsys.readouterr().err
    assert code == ExitCode.ERROR
    assert err.count("\n") == 1
    assert err.startswith("citecheck: error: no run history in store")
    assert not out.exists()


def test_a_bad_since_is_one_line_and_exit_2(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["trends", "--store", str(history), "--since", "May"]) == ExitCode.ERROR
    assert "--since must be a date" in capsys.readouterr().err


def test_the_history_runs_flag_bounds_the_history(tmp_path: Path) -> None:
    """``check --history-runs 1`` through the CLI: two runs, the second one alone is kept."""
    posts = tmp_path / "posts"
    write_posts(posts)
    store = tmp_path / "store.sqlite3"
    with SampleWeb(RottingWeb().web()) as site:
        rules = [arg for rule in site.connect_to() for arg in ("--connect-to", rule)]
        args = [
            "check",
            str(posts),
            *rules,
            "--cacert",
            str(site.ca_path),
            "--store",
            str(store),
            "--full",
            "--report-dir",
            str(tmp_path / "out"),
            "--no-baseline",
            "-q",
        ]
        assert main([*args, "--history-runs", "1"]) == ExitCode.OK
        assert main([*args, "--history-runs", "1"]) == ExitCode.OK
    rows = read_verdicts(store)
    assert len(rows) == 8
    assert {r.run_id for r in rows} == {2}
