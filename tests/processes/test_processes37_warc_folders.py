"""``--processes 2 --warc`` run after run into one report folder: one WARC folder a worker.

Each forked worker wrote its WARC file into ``workers/p1-<pid>/``, a new folder every run,
never removed: the report folder grew by one evidence file a run (session 36's note).  A
forked worker is one process a name, forked anew each run, so its folder is its name and the
next run writes over it, as it writes over the driver's ``evidence.warc.gz``.
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


def test_runs_into_one_report_folder_reuse_the_worker_s_warc_folder(
    tmp_path: Path, site: SampleWeb
) -> None:
    reports = tmp_path / "reports"
    args = _cli(site, tmp_path, _posts(tmp_path / "posts"), "--no-store", "--warc")
    for _ in range(2):
        done = subprocess.run(
            [*args, "--report-dir", str(reports), "--processes", "2"],
            env=_env(),
            capture_output=True,
            check=False,
        )
        assert done.returncode == 1, done.stderr  # the dead sources fail the run
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
