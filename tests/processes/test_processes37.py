"""``--processes 2`` and the files a run keeps beside its store and reports (session 36's note).

- Run after run with ``--warc`` into one report folder, each forked worker wrote its WARC file
  into ``workers/p1-<pid>/``, a new folder every run, never removed.  A forked worker is one
  process a name, forked anew each run, so its folder is its name and the next run writes over
  it, as it writes over the driver's ``evidence.warc.gz``.
- A store named through a symbolic link (a CI job's link into the cache folder it restores):
  the workers' shards are made, merged and removed beside the file the link names
  (``fetch.store.store_file``), nothing beside the link.  A finished run merged and removed
  them either way, so that test passes on the base too: it guards the whole flow through the
  link, and ``tests/fetch/test_store37_linked.py``'s unit test fails without the change.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.sampleweb import SampleWeb
from checker.sharing import warc_folder
from tests.processes.test_processes import _cli, _env, _posts, _web


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    with SampleWeb(_web(delay=0.0)) as served:
        yield served


def _check_on_two(site: SampleWeb, tmp_path: Path, *flags: str) -> None:
    """One run of the posts on two processes, reports in ``tmp_path/reports``."""
    args = _cli(site, tmp_path, _posts(tmp_path / "posts"), *flags)
    done = subprocess.run(
        [*args, "--report-dir", str(tmp_path / "reports"), "--processes", "2"],
        env=_env(),
        capture_output=True,
        check=False,
        text=True,
    )
    assert done.returncode == 1, done.stderr  # the dead sources fail the run
    assert "warning" not in done.stderr, done.stderr


def test_runs_into_one_report_folder_reuse_the_worker_s_warc_folder(
    tmp_path: Path, site: SampleWeb
) -> None:
    for _ in range(2):
        _check_on_two(site, tmp_path, "--no-store", "--warc")
    reports = tmp_path / "reports"
    assert [p.name for p in (reports / "workers").iterdir()] == ["p1"]
    document = json.loads((reports / "report.json").read_text(encoding="utf-8"))
    assert document["warc_files"] == ["evidence.warc.gz", "workers/p1/evidence.warc.gz"]
    assert [p.name for p in (reports / "workers" / "p1").iterdir()] == ["evidence.warc.gz"]
    named = {c["evidence"]["warc"] for d in document["documents"] for c in d["citations"]}
    assert "workers/p1/evidence.warc.gz" in named  # the worker's citations name the file


def test_a_cluster_worker_s_folder_still_names_its_process() -> None:
    """A Dask worker restarted under its name must not write over its earlier process's file."""
    assert warc_folder("tcp://10.0.0.2:4000", 4242) == "workers/tcp___10.0.0.2_4000-4242"
    assert warc_folder("p1") == "workers/p1"


def test_a_run_on_two_processes_through_a_linked_store_keeps_its_files_in_the_cache(
    tmp_path: Path, site: SampleWeb
) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    link = work / "store.sqlite3"
    link.symlink_to(cache / "store.sqlite3")
    _check_on_two(site, tmp_path, "--store", str(link))
    assert [p.name for p in work.iterdir()] == ["store.sqlite3"]
    assert sorted(p.name for p in cache.iterdir()) == ["store.sqlite3", "store.sqlite3.sealed"]
