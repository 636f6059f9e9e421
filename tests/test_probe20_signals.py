"""SIGTERM (what CI sends on a timeout or a cancel) is an interrupt like Ctrl-C (issue 20).

The run is a real child process (``python -m checker check``) against a sample web whose pages
answer slowly on one host with concurrency 1, so the signal lands mid-run, once a few URLs are
finished in the store.  Both signals must leave the same state: a one-line message on stderr
saying what was kept and how to resume, no traceback, no half-written report, the finished URLs
kept so the rerun does not ask for them again; the exit status is the shell's for the signal.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.sampleweb import SampleWeb
from tests.fetch.test_resume import CITED, _command, _finished, _run, _web

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    with SampleWeb(_web()) as running:
        yield running


@pytest.mark.parametrize(
    ("sent", "status"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)], ids=["term", "int"]
)
def test_a_signalled_run_says_so_keeps_its_work_and_resumes(
    site: SampleWeb, tmp_path: Path, sent: signal.Signals, status: int
) -> None:
    args = _command(site, tmp_path)
    store = tmp_path / "s.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        args,
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while len(_finished(store)) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        child.send_signal(sent)
        _, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == status, err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("citecheck: interrupted"), err
    assert "resume" in lines[0], err  # how to go on
    finished = _finished(store)
    assert 3 <= len(finished) < len(CITED), "the signal must land mid-run"
    out = tmp_path / "out"
    assert not out.exists() or not [p for p in out.iterdir() if p.name != "report.json"]
    assert not (out / "report.json").exists()  # an unfinished run writes no report
    served_before = {url: site.count(url) for url in CITED}

    resumed = _run(args, tmp_path)
    assert resumed.returncode == 1, resumed.stderr  # the 404 is a failing finding
    for url in finished:
        assert site.count(url) == served_before[url], f"{url} was fetched again"
