"""A hidden folder is said only when it holds a file of a post's kind, and one the ignore rules
exclude is one entry, never walked (session 30's review of left30a: every hidden folder was
said as maybe holding posts, and a gitignored ``.pnpm-store`` of 3001 files was walked in full
for the count).  Through the real CLI and the walk on local folders: nothing is fetched."""

from __future__ import annotations

from typing import TYPE_CHECKING

from checker.discover.ignore import walk
from tests.test_left29_folder_entries import POST, _run

if TYPE_CHECKING:
    from pathlib import Path


def test_a_hidden_folder_is_said_only_with_a_post_in_it(tmp_path: Path) -> None:
    posts = tmp_path / "posts"
    for folder in (".notes/deep", ".assets/js", ".well-known"):
        (posts / folder).mkdir(parents=True)
    (posts / "a.md").write_text(POST.format(title="a"), encoding="utf-8")
    (posts / ".notes" / "deep" / "n.md").write_text(POST.format(title="n"), encoding="utf-8")
    (posts / ".assets" / "js" / "app.js").write_text("1;\n", encoding="utf-8")
    (posts / ".well-known" / "security.txt").write_text("Contact: x\n", encoding="utf-8")
    _code, report = _run(posts, tmp_path)
    (note,) = [p for p in report["problems"] if p["code"] == "files-not-read"]
    assert note["message"].startswith("1 entry in this folder was not read: 1 hidden")
    assert f"({posts / '.notes'})" in note["message"]


def test_an_ignored_hidden_folder_is_one_entry_never_walked(tmp_path: Path) -> None:
    (tmp_path / ".build-cache" / "deep").mkdir(parents=True)
    for index in range(30):
        (tmp_path / ".build-cache" / "deep" / f"{index}.md").write_text("x\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text(".build-cache/\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("# a\n", encoding="utf-8")
    walked = walk(tmp_path)
    assert walked.ignored == [tmp_path / ".build-cache"]
    assert walked.entries == [tmp_path / "a.md"]
