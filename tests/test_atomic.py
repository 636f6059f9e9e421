"""The one atomic writer (checker/atomic.py): the usual mode, no stray temporary file, ever."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest

from checker.atomic import commit, replace_atomically, stage
from checker.baseline import write_baseline
from checker.model import Report

posix = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@posix
@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_new_file_gets_the_usual_mode_under_the_umask(
    tmp_path: Path, umask: int, mode: int
) -> None:
    previous = os.umask(umask)
    try:
        replace_atomically(tmp_path / "out.txt", b"data")
    finally:
        os.umask(previous)
    assert (tmp_path / "out.txt").read_bytes() == b"data"
    assert (tmp_path / "out.txt").stat().st_mode & 0o777 == mode
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


@posix
def test_a_replaced_users_file_keeps_the_mode_it_is_given(tmp_path: Path, umask_022: None) -> None:
    target = tmp_path / "post.md"
    replace_atomically(target, b"new", mode=0o640)
    assert target.stat().st_mode & 0o777 == 0o640


def test_a_fill_that_fails_leaves_no_temporary_file(tmp_path: Path) -> None:
    def broken(stream: IO[bytes]) -> None:
        stream.write(b"half")
        raise RuntimeError("a renderer's bug")

    with pytest.raises(RuntimeError):
        stage(tmp_path / "report.json", broken)
    assert list(tmp_path.iterdir()) == []


def test_staged_files_appear_only_when_committed(tmp_path: Path) -> None:
    (tmp_path / "a").write_bytes(b"old")
    temporary = stage(tmp_path / "a", lambda stream: stream.write(b"new"))
    assert (tmp_path / "a").read_bytes() == b"old"
    commit(temporary, tmp_path / "a")
    assert (tmp_path / "a").read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["a"]


@posix
def test_the_baseline_is_readable_by_others_like_the_reports(
    tmp_path: Path, umask_022: None
) -> None:
    """It was written through tempfile, 0600: a baseline is committed and read by CI."""
    path = tmp_path / "citecheck-baseline.json"
    write_baseline(path, Report((), (), "0", "2026-01-01T00:00:00Z", "2026-01-01T00:00:01Z"))
    assert path.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
