"""A store the user named that cannot be written is exit 2 with one line, however it was named:
``--store``, ``store =`` in a config file, or the ``XDG_CACHE_HOME`` a CI job set.  Only the
default store nobody named (``~/.cache`` of ``$HOME``) is done without, with a warning.

Session 34's leftover: ``store =`` naming the default path and an ``XDG_CACHE_HOME`` set to a
read-only place both fell back to no store with a warning, a run that silently remembered
nothing.  The cache folder is made unwritable by a file in its place (the root user that runs
some CI jobs ignores permission bits).  Through the CLI on a local post (nothing is fetched).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.cli import ExitCode, main
from checker.config import load_config


def _blocked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with one post, and a file where a cache folder would be made."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    (tmp_path / "post.md").write_text("# Post\n\nSee [the guide](guide.md).\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return blocker


def _one_error(code: int, err: str) -> str:
    assert code == ExitCode.ERROR
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert "warning" not in lines[0]
    return lines[0]


def test_an_xdg_cache_home_the_job_set_names_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = _blocked(tmp_path, monkeypatch)
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    code = main(["check", "post.md", "--archive", "off", "-q"])
    line = _one_error(code, capsys.readouterr().err)
    assert line.startswith("citecheck: error: store ")
    assert "cannot be opened" in line


def test_a_config_store_at_the_default_path_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = _blocked(tmp_path, monkeypatch)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(blocker))
    (tmp_path / "citecheck.toml").write_text(
        'store = "~/.cache/citecheck/store.sqlite3"\n', encoding="utf-8"
    )
    code = main(["check", "post.md", "--archive", "off", "-q"])
    line = _one_error(code, capsys.readouterr().err)
    assert "cannot be opened" in line


def test_only_the_default_store_nobody_named_is_spare(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "no-config"))
    assert load_config(cwd=tmp_path).store.spare
    assert not load_config(cwd=tmp_path, overrides={"store": tmp_path / "s.sqlite3"}).store.spare
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert not load_config(cwd=tmp_path).store.spare
