"""SIGTERM (what CI sends on a timeout or a cancel) is an interrupt like Ctrl-C (issue 20).

The run is a real child process (``python -m checker check``) against a sample web whose pages
answer slowly on one host with concurrency 1, so the signal lands mid-run, once a few URLs are
finished in the store.  Both signals must leave the same state: a one-line message on stderr
saying what was kept and how to resume, no traceback, no half-written report, the finished URLs
kept so the rerun does not ask for them again; the exit status is the shell's for the signal.
"""

from __future__ import annotations

import json
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
    ("sent", "status", "command"),
    [
        (signal.SIGTERM, 143, "check"),
        (signal.SIGINT, 130, "check"),
        (signal.SIGTERM, 143, "fix"),
    ],
    ids=["term", "int", "fix-term"],
)
def test_a_signalled_run_says_so_keeps_its_work_and_resumes(
    site: SampleWeb, tmp_path: Path, sent: signal.Signals, status: int, command: str
) -> None:
    args = _command(site, tmp_path)
    args[args.index("check")] = command
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
    assert err == lines[0] + "\n", repr(err)  # no blank line before it (click printed one)
    assert lines[0].startswith("citecheck: interrupted"), err
    assert "resume" in lines[0], err  # how to go on
    finished = _finished(store)
    assert 3 <= len(finished) < len(CITED), "the signal must land mid-run"
    out = tmp_path / "out"
    # what it checked, marked interrupted (session 30; fix too since session 31, fixing nothing)
    assert "marked interrupted" in lines[0], err
    assert json.loads((out / "report.json").read_text())["interrupted"] is True
    if command == "fix":
        assert "nothing fixed: no file changed" in lines[0], err
    served_before = {url: site.count(url) for url in CITED}

    resumed = _run(args, tmp_path)
    assert resumed.returncode == 1, resumed.stderr  # the 404 is a failing finding
    for url in finished:
        assert site.count(url) == served_before[url], f"{url} was fetched again"


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc")
def test_sigterm_to_the_whole_group_of_a_run_on_processes_is_one_interrupt(
    tmp_path: Path,
) -> None:
    """CI stops a job by signalling its process group: the workers get SIGTERM too.  They leave
    it to the driver (as a Ctrl-C), which cancels the run and closes them: one line, 143, none
    left behind.  A worker that died of it first was reported lost, "its citations checked
    again", by a run that was stopping (seen under load: the race is the signal's delivery)."""
    from tests.processes.test_processes import (  # noqa: PLC0415 (its fixture web's helpers)
        _alive,
        _children,
        _cli,
        _env,
        _posts,
        _wait_for,
        _web,
    )

    with SampleWeb(_web(delay=60.0)) as slow:
        inputs = _posts(tmp_path / "posts")
        args = _cli(slow, tmp_path, inputs, "--store", str(tmp_path / "s.sqlite3"))
        process = subprocess.Popen(
            [*args, "--report-dir", str(tmp_path / "r"), "--processes", "2"],
            env=_env(),
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        try:
            workers = _wait_for(lambda: _children(process.pid), process)
            _wait_for(lambda: [u for _, u in slow.requests if "story" in u], process)
            os.killpg(process.pid, signal.SIGTERM)
            _, err = process.communicate(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    assert process.returncode == 143, err
    assert err.strip().startswith("citecheck: interrupted by SIGTERM"), err
    assert len(err.strip().splitlines()) == 1, err
    for pid in workers:
        _wait_for(lambda pid=pid: [] if _alive(pid) else [pid], None)
