"""Two runs on several processes at once on one store each keep their own worker shards
(session 27 left: both named theirs ``<store>.worker-p1``, and the second warned that its shard
"was not merged"); a shard an interrupted run left is still merged by the next run."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.sampleweb import SampleWeb
from checker.sharing import leftover_shards, shard_path
from tests.processes.test_processes import URLS, _cli, _env, _posts, _web


@pytest.fixture(scope="module")
def slow_site() -> Iterator[SampleWeb]:
    with SampleWeb(_web(delay=0.25)) as served:
        yield served


def test_two_runs_at_once_on_one_store_merge_each_their_own_shards(
    tmp_path: Path, slow_site: SampleWeb
) -> None:
    store = tmp_path / "s.sqlite3"
    runs = []
    for n in range(2):
        inputs = _posts(tmp_path / f"posts-{n}")
        args = _cli(slow_site, tmp_path, inputs, "--report-dir", str(tmp_path / f"r{n}"))
        flags = ["--store", str(store), "--processes", "2"]
        runs.append(
            subprocess.Popen(
                [*args, *flags], env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE
            )
        )
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 1, err
        assert b"not merged" not in err, err
    assert not list(tmp_path.glob("s.sqlite3.worker-*"))
    before = len(slow_site.requests)
    again = _cli(slow_site, tmp_path, _posts(tmp_path / "posts-0"), "--report-dir", str(tmp_path))
    done = subprocess.run(
        [*again, "--store", str(store)], env=_env(), capture_output=True, check=False
    )
    assert done.returncode == 1, done.stderr
    assert not {url for _, url in slow_site.requests[before:]} & set(URLS)  # every answer kept


def test_a_shard_of_a_run_still_going_is_not_taken_for_an_interrupted_runs(
    tmp_path: Path,
) -> None:
    store = tmp_path / "s.sqlite3"
    live = subprocess.Popen(["sleep", "60"])
    try:
        going = shard_path(store, "p1", owner=live.pid)
        going.write_bytes(b"")
        # this process's own: a run of it, gone, left it
        mine = shard_path(store, "p1", os.getpid())
        mine.write_bytes(b"")
        assert going != mine and going.name.startswith("s.sqlite3.worker-")
        assert leftover_shards(store) == [str(mine)]
    finally:
        live.kill()
        live.wait()
    assert leftover_shards(store) == sorted([str(going), str(mine)])  # its driver is gone


def test_a_shard_left_by_a_killed_run_serves_the_next_run(
    tmp_path: Path, slow_site: SampleWeb
) -> None:
    inputs = _posts(tmp_path / "posts")
    first = tmp_path / "first.sqlite3"
    args = _cli(slow_site, tmp_path, inputs, "--report-dir", str(tmp_path / "r"))
    done = subprocess.run(
        [*args, "--store", str(first)], env=_env(), capture_output=True, check=False
    )
    assert done.returncode == 1, done.stderr
    gone = subprocess.Popen(["true"])
    gone.wait()
    store = tmp_path / "s.sqlite3"
    first.rename(shard_path(store, "p1", owner=gone.pid))  # as a killed run left it
    before = len(slow_site.requests)
    again = subprocess.run(
        [*args, "--store", str(store)], env=_env(), capture_output=True, check=False
    )
    assert again.returncode == 1, again.stderr
    assert not {url for _, url in slow_site.requests[before:]} & set(URLS)
    assert not list(tmp_path.glob("s.sqlite3.worker-*"))
    assert os.path.exists(store)
