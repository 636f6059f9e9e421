"""Which store a run uses: a repository's config may name one only inside the user's cache.

A ``citecheck.toml`` or ``pyproject.toml`` found in the working folder comes with the repository:
its ``store`` is a file the run writes, moves aside when broken, and trusts answers from.  Only a
path inside the cache folder is honoured from there; a ``--store`` flag or a ``--config FILE``
the user names is honoured wherever it points (issue 13).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.cli import main
from checker.config import default_store_path, load_config


@pytest.fixture
def cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    folder = tmp_path / "repo"
    folder.mkdir()
    return folder


@pytest.mark.parametrize(
    "store",
    [
        "committed.sqlite3",
        ".citecheck/store.sqlite3",
        "/etc/passwd",
        "{cache}/../outside.sqlite3",
    ],
)
def test_a_repository_store_outside_the_cache_is_ignored_with_a_warning(
    cache: Path, repo: Path, capsys: pytest.CaptureFixture[str], store: str
) -> None:
    (repo / "citecheck.toml").write_text(f"store = {store.format(cache=cache)!r}\n")
    assert load_config(cwd=repo).store.path == default_store_path()
    [warning] = capsys.readouterr().err.splitlines()
    assert warning.startswith("citecheck: warning: ignoring store") and "--store" in warning


def test_pyproject_is_a_repository_layer_too(
    cache: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "pyproject.toml").write_text('[tool.citecheck]\nstore = "committed.sqlite3"\n')
    assert load_config(cwd=repo).store.path == default_store_path()
    assert "pyproject.toml" in capsys.readouterr().err


def test_a_symlink_in_the_cache_that_leads_out_is_ignored(
    cache: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (cache / "link").symlink_to(repo, target_is_directory=True)
    (repo / "citecheck.toml").write_text(f"store = '{cache}/link/store.sqlite3'\n")
    assert load_config(cwd=repo).store.path == default_store_path()
    assert "ignoring store" in capsys.readouterr().err


def test_a_repository_store_inside_the_cache_is_honoured(
    cache: Path, repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "citecheck.toml").write_text(f"store = '{cache}/citecheck/team.sqlite3'\n")
    assert load_config(cwd=repo).store.path == cache / "citecheck" / "team.sqlite3"
    (repo / "citecheck.toml").write_text("store = false\n")  # memory off: always safe
    assert load_config(cwd=repo).store.path is None
    assert capsys.readouterr().err == ""


def test_what_the_user_names_is_honoured_anywhere(
    cache: Path, repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "citecheck.toml").write_text("store = 'committed.sqlite3'\n")
    flag = load_config(cwd=repo, overrides={"store": str(repo / "committed.sqlite3")})
    assert flag.store.path == repo / "committed.sqlite3"
    named = tmp_path / "mine.toml"
    named.write_text(f"store = '{tmp_path}/mine.sqlite3'\n")
    assert load_config(cwd=repo, config_file=named).store.path == tmp_path / "mine.sqlite3"
    assert capsys.readouterr().err == ""  # overridden: nothing to warn about


def test_a_run_in_a_repository_never_touches_its_committed_store(
    cache: Path,
    repo: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    committed = repo / "committed.sqlite3"
    committed.write_bytes(b"not a store: a file of the repository's choosing\n" * 10)
    (repo / "citecheck.toml").write_text("store = 'committed.sqlite3'\n")
    (repo / "post.md").write_text("# A post\n\nNo links at all.\n")
    monkeypatch.chdir(repo)
    main(["check", "post.md", "--report-dir", str(repo / "out"), "-q"])
    err = capsys.readouterr().err
    assert "ignoring store" in err and "moved aside" not in err
    assert committed.read_bytes().startswith(b"not a store")
    assert default_store_path().is_file()
