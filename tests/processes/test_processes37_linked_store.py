"""``--processes 2`` on a store named through a symbolic link: the workers' shards are made,
merged and removed beside the file the link names, and nothing is left beside the link.

A CI job links its store into a cache folder it restores: the shards were made beside the
link, in the job's checkout, so an interrupted run's were lost with it (session 36's note:
everything kept beside a store is kept beside its file, ``fetch.store.store_file``).  A
finished run merged and removed them either way, so this passes on the base too: it guards the
whole flow through the link (made, read through, merged, removed, sealed), and the unit test in
``tests/fetch/test_store37_linked.py`` is the one that fails without the change.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.sampleweb import SampleWeb
from tests.processes.test_processes import _cli, _env, _posts, _web


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    with SampleWeb(_web(delay=0.0)) as served:
        yield served


def test_a_run_on_two_processes_through_a_linked_store_keeps_its_files_in_the_cache(
    tmp_path: Path, site: SampleWeb
) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    link = work / "store.sqlite3"
    link.symlink_to(cache / "store.sqlite3")
    args = _cli(site, tmp_path, _posts(tmp_path / "posts"), "--store", str(link))
    done = subprocess.run(
        [*args, "--report-dir", str(tmp_path / "reports"), "--processes", "2"],
        env=_env(),
        capture_output=True,
        check=False,
        text=True,
    )
    assert done.returncode == 1, done.stderr  # the dead sources fail the run
    assert "warning" not in done.stderr, done.stderr
    assert [p.name for p in work.iterdir()] == ["store.sqlite3"]
    assert sorted(p.name for p in cache.iterdir()) == ["store.sqlite3", "store.sqlite3.sealed"]
