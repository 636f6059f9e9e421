"""``repository_path`` looks up real paths only when the plain path falls outside
``$GITHUB_WORKSPACE``: both realpaths ran for every finding (~100 µs each, about 10 s per
100,000 SARIF results).  Counted calls, not seconds.  Reviewer of probe 33.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.report import _common
from checker.report._common import repository_path


def test_a_path_inside_the_workspace_needs_no_real_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = os.path.realpath

    def counted(path: str) -> str:
        calls.append(path)
        return real(path)

    (tmp_path / "repo" / "docs").mkdir(parents=True)
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path / "repo"))
    monkeypatch.chdir(tmp_path / "repo" / "docs")
    monkeypatch.setattr(_common.os.path, "realpath", counted)
    assert [repository_path(f"post-{n}.md") for n in range(100)] == [
        f"docs/post-{n}.md" for n in range(100)
    ]
    assert calls == []


def test_a_symlinked_workspace_still_names_the_file_from_its_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "real" / "docs").mkdir(parents=True)
    (tmp_path / "link").symlink_to(tmp_path / "real")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path / "link"))
    monkeypatch.chdir(tmp_path / "real" / "docs")
    assert repository_path("intro.md") == "docs/intro.md"
    assert repository_path(str(tmp_path / "elsewhere.md")) == str(tmp_path / "elsewhere.md")
