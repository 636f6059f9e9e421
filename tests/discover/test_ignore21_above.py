"""Ignore rules git applies from above the walked folder (session 21).

A user runs ``citecheck content/`` in a blog's repository whose top ``.gitignore`` lists
``public/``: git keeps ``content/public/`` (a generator's output) out, but the walk read only
the ignore files at its root and below, and checked it: false alarms on pages nobody wrote.
``.git/info/exclude``, a user's own rules for the repository, was never read either.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.discover.ignore import walk
from tests.fetch.support import run_citecheck


def _repository(tmp_path: Path, *, git: bool = True) -> Path:
    top = tmp_path / "repo"
    files = {
        ".gitignore": "public/\n",
        "site/.gitignore": "secret/\n!content/posts/b.md\n",
        "site/content/posts/b.md": "[b](https://post.example/b)\n",
        "site/content/posts/c.draft.md": "[c](https://ignored.example/draft)\n",
        "site/content/public/a.md": "[a](https://ignored.example/public)\n",
        "site/content/secret/d.md": "[d](https://ignored.example/secret)\n",
    }
    if git:
        files[".git/info/exclude"] = "*.draft.md\n"
    for name, text in files.items():
        path = top / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return top


def _names(paths: list[Path], root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in paths}


def test_rules_above_the_root_and_git_exclude_apply(tmp_path: Path) -> None:
    content = _repository(tmp_path) / "site" / "content"
    found = walk(content)
    assert _names(found.entries, content) == {"posts/b.md"}
    assert _names(found.ignored, content) == {
        "posts/c.draft.md",
        "public/a.md",
        "secret/d.md",
    }


def test_a_relative_root_is_matched_as_an_absolute_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(_repository(tmp_path) / "site")
    found = walk(Path("content"))
    assert _names(found.entries, Path("content")) == {"posts/b.md"}


def test_git_exclude_applies_at_the_repositorys_top(tmp_path: Path) -> None:
    top = _repository(tmp_path)
    names = _names(walk(top).entries, top)
    assert names == {"site/content/posts/b.md"}


def test_no_repository_no_rules_from_above(tmp_path: Path) -> None:
    """Outside a git repository only the walk's own ignore files count (ripgrep's rule)."""
    content = _repository(tmp_path, git=False) / "site" / "content"
    assert len(walk(content).entries) == 4


def test_a_folder_the_rules_above_exclude_is_read_when_named(tmp_path: Path) -> None:
    """``citecheck content/public`` names the folder: it is read, as a file named is."""
    public = _repository(tmp_path) / "site" / "content" / "public"
    assert _names(walk(public).entries, public) == {"a.md"}


def test_the_cli_says_what_rules_above_kept_out(tmp_path: Path) -> None:
    site = _repository(tmp_path) / "site"
    done = run_citecheck(["check", "content", "--dump"], site)
    assert done.returncode == 0, done.stderr
    assert "ignored.example" not in done.stdout
    assert "https://post.example/b" in done.stdout
    assert "3 files in this folder were kept out by its ignore rules" in done.stdout + done.stderr


def _write(files: dict[Path, str]) -> None:
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_git_exclude_applies_in_a_linked_worktree(tmp_path: Path) -> None:
    """``git worktree add`` makes ``.git`` a file naming the worktree's folder, whose
    ``commondir`` names the shared one holding ``info/exclude``: git applies it there too."""
    common = tmp_path / "main" / ".git"
    worktree = tmp_path / "wt"
    _write(
        {
            common / "info" / "exclude": "*.draft.md\n",
            common / "worktrees" / "wt" / "commondir": "../..\n",
            worktree / ".git": f"gitdir: {common / 'worktrees' / 'wt'}\n",
            worktree / "content" / "a.md": "[a](https://post.example/a)\n",
            worktree / "content" / "b.draft.md": "[b](https://ignored.example/b)\n",
        }
    )
    found = walk(worktree / "content")
    assert _names(found.entries, worktree / "content") == {"a.md"}
    assert _names(found.ignored, worktree / "content") == {"b.draft.md"}


def test_git_exclude_applies_in_a_submodule(tmp_path: Path) -> None:
    """A submodule's ``.git`` file names its folder relative to itself, with no ``commondir``."""
    sub = tmp_path / "blog" / "sub"
    _write(
        {
            tmp_path / "blog" / ".git" / "modules" / "sub" / "info" / "exclude": "drafts/\n",
            sub / ".git": "gitdir: ../.git/modules/sub\n",
            sub / "a.md": "[a](https://post.example/a)\n",
            sub / "drafts" / "b.md": "[b](https://ignored.example/b)\n",
        }
    )
    assert _names(walk(sub).entries, sub) == {"a.md"}


@pytest.mark.parametrize(
    "link", ["", "gitdir:\n", "gitdir: /no/such/folder\n", "not a link\n", "gitdir: a\0b\n"]
)
def test_a_git_file_that_names_no_folder_hides_nothing(tmp_path: Path, link: str) -> None:
    top = tmp_path / "repo"
    _write({top / ".git": link, top / "a.md": "x", top / "b.draft.md": "y"})
    assert _names(walk(top).entries, top) == {"a.md", "b.draft.md"}
