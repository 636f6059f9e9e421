"""Left 32b: what an interrupted run still dropped (session 31's leftovers).

The crawl under way when the signal came had found pages robots.txt kept it off (a feed, a
sitemap, an older-posts page it guessed or walked to); a whole run says each (``listing-
unreadable``, "not crawled, as robots.txt asks"), but they were kept only in the crawl's own
list, which an interrupted run never got: its report said none of them, its accounting 0.
And under GitHub Actions a cancelled or timed-out job's interrupted run wrote its report but
no step summary: the job's page showed nothing of it.  And a Ctrl-C while a finished run
wrote its reports said "interrupted" alone.  Real children signalled at the gated
web's known point (:mod:`tests.fetch.test_interrupted_bound`).
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.sampleweb import SampleWeb
from checker.sampleweb.server import Response, Web
from tests.fetch.test_interrupted_bound import (
    FREE,
    Gate,
    _command,
    _env,
    _gated_web,
    _held_until,
    _signalled_once,
)

BLOG = "https://robots.example.org"
POSTS = [f"{BLOG}/2024/05/post-{n}.html" for n in range(3)]
HELD_POST = POSTS[-1]
KEPT_OFF = [f"{BLOG}/feed.xml", f"{BLOG}/sitemap.xml", f"{BLOG}/page/2/"]
_TEXT = (("Content-Type", "text/plain"),)
_HTML = (("Content-Type", "text/html; charset=utf-8"),)


def _post(number: int) -> bytes:
    return (
        f"<html><head><title>Post {number}</title></head><body><article><h1>Post {number}</h1>"
        f"<p>See <a href='{FREE[number]}'>this</a>.</p></article></body></html>"
    ).encode()


def _blog(web: Web, gate: Gate) -> None:
    """A blog whose robots.txt keeps the crawl off its feed, sitemap and older posts, its last
    post held until the gate opens (the crawl is under way at the signal)."""
    teasers = "".join(
        f"<article><h2><a href='{p}'>Post {n}</a></h2></article>" for n, p in enumerate(POSTS)
    )
    web.page(
        f"{BLOG}/",
        "<html><head><title>Robots blog</title><link rel=alternate "
        f"type='application/rss+xml' href='/feed.xml'></head><body>{teasers}"
        "<a href='/page/2/'>Older posts</a></body></html>",
    )
    rules = "User-agent: *\nDisallow: /page/\nDisallow: /feed.xml\nDisallow: /sitemap.xml\n"
    web.add(f"{BLOG}/robots.txt", Response(200, _TEXT, rules.encode()))
    for number, url in enumerate(POSTS[:-1]):
        web.add(url, Response(200, _HTML, _post(number)))
    web.add(HELD_POST, _held_until(gate.opened, Response(200, _HTML, _post(len(POSTS) - 1))))


def _stopped_once_answered(
    site: SampleWeb,
    gate: Gate,
    args: list[str],
    tmp_path: Path,
    answered: list[str],
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """The run of ``args`` stopped by SIGTERM once every held host holds its request and each
    of ``answered`` was asked."""
    ready = lambda: gate.every_host_held() and all(map(site.count, answered))  # noqa: E731
    return _signalled_once(args, tmp_path, ready, signal.SIGTERM, env=env)


@pytest.fixture
def held_crawl() -> Iterator[tuple[SampleWeb, Gate]]:
    yield from _gated_web(FREE, more=_blog)


def test_an_interrupted_report_says_the_pages_robots_kept_the_crawl_under_way_off(
    held_crawl: tuple[SampleWeb, Gate], tmp_path: Path
) -> None:
    site, gate = held_crawl
    args = _command(site, tmp_path, 1)
    args[args.index("--format") : args.index("--format")] = [f"{BLOG}/", "--crawl"]
    stopped = _stopped_once_answered(site, gate, args, tmp_path, [*POSTS, *FREE[:2]])
    assert stopped.returncode == 143, stopped.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["interrupted"] is True
    said = {p["subject"] for p in report["problems"] if p["code"] == "listing-unreadable"}
    assert said == set(KEPT_OFF), report["problems"]
    assert report["summary"]["accounting"]["listings_kept_off"] == len(KEPT_OFF)


@pytest.fixture
def half_held() -> Iterator[tuple[SampleWeb, Gate]]:
    yield from _gated_web(FREE)


@pytest.mark.parametrize("to_stdout", [False, True])
def test_an_interrupted_run_appends_its_step_summary(
    half_held: tuple[SampleWeb, Gate], tmp_path: Path, to_stdout: bool
) -> None:
    site, gate = half_held
    args = _command(site, tmp_path, 1, extra=FREE)
    if to_stdout:
        args += ["-o", "-"]
    summary = tmp_path / "step-summary.md"
    summary.write_text("## An earlier step\n", "utf-8")
    env = {**_env(), "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    stopped = _stopped_once_answered(site, gate, args, tmp_path, FREE, env)
    assert stopped.returncode == 143, stopped.stderr
    text = summary.read_text("utf-8")
    assert text.startswith("## An earlier step\n")  # appended, as a whole run's is
    assert "# citecheck INTERRUPTED" in text, text
    assert "3 checked, 10 not checked (interrupted)" in text, text


INTERRUPTED_WRITING = """
import sys
import checker.cli

written = checker.cli.write_reports

def interrupt(*args, meanwhile=None, **kwargs):
    def stop(_paths):
        raise KeyboardInterrupt  # a Ctrl-C once the reports are staged, before they are moved

    return written(*args, meanwhile=stop, **kwargs)

checker.cli.write_reports = interrupt
from checker.entry import main
sys.exit(main(["check", sys.argv[1], "--store", sys.argv[2], "--report-dir", sys.argv[3]]))
"""


def test_a_ctrl_c_while_a_finished_run_writes_its_reports_says_what_was_done(
    tmp_path: Path,
) -> None:
    """It printed "citecheck: interrupted" alone: as if nothing were checked or kept; then "no
    report written", though reports moved into place before the interrupt are this run's (the
    line now says they may be incomplete or an earlier run's: mend 32a).  Staged, not yet moved,
    they are discarded: an earlier run's report stays whole."""
    (tmp_path / "other.md").write_text("# Other\n", encoding="utf-8")
    post = tmp_path / "post.md"
    post.write_text("# A post\n\nSee [the other one](other.md).\n", encoding="utf-8")
    store, reports = tmp_path / "s.sqlite3", tmp_path / "out"
    reports.mkdir()
    earlier = '{"an": "earlier run\'s report"}\n'
    (reports / "report.json").write_text(earlier, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", INTERRUPTED_WRITING, str(post), str(store), str(reports)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env=_env(),
    )
    assert done.returncode == 130, done.stderr
    assert done.stderr == (
        "citecheck: interrupted: the check had ended, the interrupt came while its reports were "
        "written: reports may be incomplete or an earlier run's; "
        f"the URLs checked so far are kept in {store}: run the same command again to resume\n"
    ), done.stderr
    assert [p.name for p in reports.iterdir()] == ["report.json"]  # no staged file left
    assert (reports / "report.json").read_text(encoding="utf-8") == earlier
