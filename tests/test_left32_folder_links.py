"""A folder input walks a folder linked in from outside (a symbolic link), as a vault's listing
does since session 31: one rule for both (:class:`checker.folder_links.FolderLinks`).

Before, a folder input said such a link "not followed" and read none of the posts behind it
(a Hugo ``content/posts`` kept in another repository and linked in, Obsidian notes shared
between vaults): their citations were never checked.  A link to the folder, into it or above it
(a loop) is still said and not followed; a folder two links lead to is read once; links between
linked folders end.  Local files only: nothing is fetched."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from checker.cli import ExitCode, main
from checker.discover.ignore import walk

POST = "---\ntitle: {title}\n---\n\nSee [the missing one](./missing-{title}.md).\n"


def _tree(tmp_path: Path) -> Path:
    posts, shared, other = tmp_path / "posts", tmp_path / "shared", tmp_path / "other"
    for folder in (posts, shared, other):
        folder.mkdir()
    (posts / "a.md").write_text(POST.format(title="a"), encoding="utf-8")
    (shared / "b.md").write_text(POST.format(title="b"), encoding="utf-8")
    (other / "c.md").write_text(POST.format(title="c"), encoding="utf-8")
    (posts / "shared").symlink_to(shared, target_is_directory=True)  # walked
    (posts / "again").symlink_to(shared, target_is_directory=True)  # the same folder: once
    (shared / "other").symlink_to(other, target_is_directory=True)  # a link in a linked folder
    (other / "back").symlink_to(shared, target_is_directory=True)  # a loop outside the input
    (shared / "home").symlink_to(posts, target_is_directory=True)  # into the input: said
    (posts / "up").symlink_to(tmp_path, target_is_directory=True)  # above it: said
    return posts


def _run(folder: Path, tmp_path: Path) -> tuple[int, dict[str, Any]]:
    out = tmp_path / "out"
    argv = ["check", str(folder), "--no-store", "--archive", "off", "--format", "json"]
    argv += ["--local-root", str(tmp_path)]  # the linked folders beside the input are checked too
    code = main([*argv, "--report-dir", str(out)])
    return code, json.loads((out / "report.json").read_text(encoding="utf-8"))


def test_posts_behind_a_folder_link_are_read_once(tmp_path: Path) -> None:
    posts = _tree(tmp_path)
    code, report = _run(posts, tmp_path)
    read = sorted(d["url"].removeprefix(posts.as_uri() + "/") for d in report["documents"])
    # one of the two links to "shared" is walked (the other leads to a folder walked already)
    assert read in (["a.md", f"{link}/b.md", f"{link}/other/c.md"] for link in ("again", "shared"))
    broken = sorted(
        c["url"].rsplit("/", 1)[-1]
        for d in report["documents"]
        for c in d["citations"]
        if c["status"] == "broken"
    )
    assert broken == ["missing-a.md", "missing-b.md", "missing-c.md"]
    (note,) = [p["message"] for p in report["problems"] if p["code"] == "files-not-read"]
    assert str(posts / "up") in note
    assert "a folder in it or above it, not followed" in note
    assert code == ExitCode.FAILED


def test_the_walk_follows_only_links_from_outside(tmp_path: Path) -> None:
    posts = _tree(tmp_path)
    walked = walk(posts)
    names = sorted(p.relative_to(posts).as_posix() for p in walked.entries)
    assert names in (
        ["a.md", f"{link}/b.md", f"{link}/home", f"{link}/other/c.md", "up"]
        for link in ("again", "shared")
    )


def test_an_input_folder_that_is_a_link_checks_its_local_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``citecheck posts`` where ``posts`` is a link to a folder elsewhere: its files' relative
    links were resolved from the real folder, out of the folders named, and all skipped
    ("outside the tree": nothing checked)."""
    real, work = tmp_path / "real", tmp_path / "work"
    real.mkdir()
    work.mkdir()
    (real / "a.md").write_text(POST.format(title="a") + "And [b](./b.md).\n", encoding="utf-8")
    (real / "b.md").write_text("# b\n", encoding="utf-8")
    (work / "posts").symlink_to(real, target_is_directory=True)
    monkeypatch.chdir(work)
    code, report = _run(Path("posts"), tmp_path)
    statuses = {
        c["url"].rsplit("/", 1)[-1]: c["status"]
        for d in report["documents"]
        for c in d["citations"]
    }
    assert statuses == {"missing-a.md": "broken", "b.md": "ok"}
    assert code == ExitCode.FAILED
