"""Resumable runs: kill ``citecheck check`` mid-way, run it again, count what the web served.

The run is a real child process (``python -m checker check``) against a sample web whose pages
answer slowly on one host with concurrency 1, so the kill lands mid-run.  The store is polled
until some URLs have finished, then the child gets SIGKILL: nothing is flushed on the way out.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.sampleweb import SampleWeb
from checker.sampleweb.server import Response, Web

REPO = Path(__file__).resolve().parents[2]
SLOW = "https://slowsite.example.com"
URLS = [f"{SLOW}/p/{n}" for n in range(12)]
GONE = f"{SLOW}/gone"
CITED = [URLS[0], GONE, *URLS[1:]]
HTML = (("Content-Type", "text/html; charset=utf-8"),)


def _web() -> Web:
    web = Web()
    for n, url in enumerate(URLS):
        body = f"<html><head><title>Page {n}</title></head><body><p>text {n}</p></body></html>"
        web.add(url, Response(200, HTML, body.encode(), delay=0.4))
    web.add(GONE, Response(404, HTML, b"<title>404 Not Found</title>", delay=0.4))
    return web


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    with SampleWeb(_web()) as running:
        yield running


def _command(site: SampleWeb, tmp_path: Path) -> list[str]:
    links = "\n".join(f'<p><a href="{url}">source {n}</a></p>' for n, url in enumerate(CITED))
    post = tmp_path / "post.html"
    post.write_text(f"<html><head><title>Slow post</title></head><body>{links}</body></html>")
    (tmp_path / "citecheck.toml").write_text('[hosts."slowsite.example.com"]\nconcurrency = 1\n')
    args = [sys.executable, "-m", "checker", "check", str(post), "--format", "json"]
    args += ["--report-dir", str(tmp_path / "out"), "--store", str(tmp_path / "s.sqlite3")]
    args += ["--cacert", str(site.ca_path)]
    for rule in site.connect_to():
        args += ["--connect-to", rule]
    return args


def _finished(store: Path) -> list[str]:
    if not store.exists():
        return []
    try:
        with sqlite3.connect(store, timeout=1.0) as db:
            rows = db.execute("SELECT url FROM urls WHERE run_id = 1").fetchall()
        db.close()
    except sqlite3.OperationalError:  # the schema is not there yet
        return []
    return [row[0] for row in rows if row[0] in CITED]  # not the archive lookups


def _runs(store: Path) -> list[tuple[int, str | None]]:
    """The store's runs, oldest first: each one's id and when it was marked finished."""
    with sqlite3.connect(store, timeout=10.0) as db:
        rows = db.execute("SELECT id, finished FROM runs ORDER BY id").fetchall()
    db.close()
    return [(int(row[0]), row[1]) for row in rows]


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def _statuses(report: Path) -> dict[str, str]:
    document = json.loads(report.read_text())["documents"][0]
    return {c["url"]: c["status"] for c in document["citations"]}


def test_killed_run_resumes_without_refetching(site: SampleWeb, tmp_path: Path) -> None:
    args = _command(site, tmp_path)
    store = tmp_path / "s.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    first_err = tmp_path / "first.stderr"
    with first_err.open("wb") as err:
        child = subprocess.Popen(args, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=err)
    try:
        # Polled while the child lives, bounded as _run is: a child slow to start under load
        # (a loaded machine's import) is waited for, one that ended early is a failure below.
        deadline = time.monotonic() + 120
        while len(_finished(store)) < 3 and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        ended_alone = child.poll()
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    finished = _finished(store)
    why = f"exit {ended_alone} before the kill, stderr: {first_err.read_text()!r}"
    assert ended_alone is None, why
    assert 3 <= len(finished) < len(CITED), f"the kill must land mid-run: {len(finished)} done"
    assert GONE in finished  # an error is a finished check too
    assert not (tmp_path / "out" / "report.json").exists()
    served_before = {url: site.count(url) for url in CITED}

    resumed = _run(args, tmp_path)
    assert resumed.returncode == 1, resumed.stderr  # the 404 is a failing finding
    # complete, and marked so: the next run must not resume it (and reuse its 404)
    assert _runs(store)[-1][1] is not None, (_runs(store), resumed.stderr)
    for url in finished:
        assert site.count(url) == 1, f"{url} was fetched again"
    assert all(site.count(url) >= 1 for url in CITED)
    expected = {url: "broken" if url == GONE else "ok" for url in CITED}
    assert _statuses(tmp_path / "out" / "report.json") == expected
    fetched_by_resume = sum(site.count(url) - served_before[url] for url in CITED)
    print(
        f"resume: {len(finished)} of {len(CITED)} cited URLs finished before the kill; "
        f"the resumed run sent {fetched_by_resume} requests, 0 of them for finished URLs"
    )

    before_third = {url: site.count(url) for url in CITED}
    third = _run([*args, "--failure-ttl", "0"], tmp_path)
    assert third.returncode == 1, third.stderr
    fresh_requests = sum(site.count(url) - before_third[url] for url in URLS)
    assert fresh_requests == 0  # every good result is fresh: no request at all
    # near miss: a failure is asked again once its (here zero) failure TTL is over
    seen = (_statuses(tmp_path / "out" / "report.json").get(GONE), _runs(store), third.stderr)
    assert site.count(GONE) == before_third[GONE] + 1, seen
    assert _statuses(tmp_path / "out" / "report.json") == expected
    print(f"ttl: {fresh_requests} requests for {len(URLS)} fresh URLs, 1 for the 404")
