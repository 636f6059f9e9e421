"""A folder's hidden entries are said, never skipped unsaid (session 29 left: ``.draft.md`` and
a ``.notes/`` folder were neither read nor counted).  They stay unread, as Jekyll, Hugo and
lychee leave a ``.name`` out; a tool's own folder (``.git``, ``.obsidian``) and a dotfile of no
post's kind (``.DS_Store``) are no posts and not said.  Through the real CLI on local folders:
nothing is fetched."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from checker.cli import ExitCode, main
from tests.test_left29_folder_entries import POST, _run

if TYPE_CHECKING:
    from pathlib import Path


def test_hidden_posts_and_folders_are_said_and_tool_folders_are_not(tmp_path: Path) -> None:
    posts = tmp_path / "posts"
    for folder in ("", ".notes", ".git", ".obsidian"):
        (posts / folder).mkdir(parents=True, exist_ok=True)
    (posts / "a.md").write_text(POST.format(title="a"), encoding="utf-8")
    (posts / ".draft.md").write_text(POST.format(title="d"), encoding="utf-8")
    (posts / ".notes" / "n.md").write_text(POST.format(title="n"), encoding="utf-8")
    (posts / ".git" / "HEAD.md").write_text(POST.format(title="g"), encoding="utf-8")
    (posts / ".obsidian" / "app.json").write_text("{}", encoding="utf-8")
    (posts / ".DS_Store").write_bytes(b"\0\1")
    code, report = _run(posts, tmp_path)
    assert [d["title"] for d in report["documents"]] == ["a"]
    (note,) = [p for p in report["problems"] if p["code"] == "files-not-read"]
    assert note["severity"] == "info"
    assert note["message"].startswith("2 entries in this folder were not read: 2 hidden")
    assert f"({posts / '.draft.md'}, {posts / '.notes'})" in note["message"]
    assert code == ExitCode.FAILED  # a.md's dead link


def test_a_folder_of_hidden_posts_only_says_why_it_holds_none(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / ".draft.md").write_text(POST.format(title="d"), encoding="utf-8")
    code = main(["check", str(posts), "--no-store", "--report-dir", str(tmp_path / "out")])
    assert code == ExitCode.ERROR
    assert "1 hidden entry (a name starting with “.”) not read" in capsys.readouterr().err


def test_a_hidden_file_the_ignore_files_exclude_is_counted_with_them(tmp_path: Path) -> None:
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "a.md").write_text(POST.format(title="a"), encoding="utf-8")
    (posts / ".ignore").write_text(".draft.md\n", encoding="utf-8")
    (posts / ".draft.md").write_text(POST.format(title="d"), encoding="utf-8")
    _code, report = _run(posts, tmp_path)
    messages = [p["message"] for p in report["problems"] if p["code"] == "files-not-read"]
    assert len(messages) == 1
    assert messages[0].startswith("1 file in this folder was kept out by its ignore rules")
