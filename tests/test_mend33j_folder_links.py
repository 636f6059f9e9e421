"""A folder input follows a folder link only within the folders being checked (session 33's
review of left32a's change, which walked every link out of the input folder).

``share -> /usr/share`` read 1,243 system files as posts; ``home -> ~`` a home folder; and in a
linked ``ext/notes``, ``up -> ..`` walked ``ext/`` and read the files beside the notes.  A link
to a folder out of the working folder, the folders named and ``--local-root`` is now said
"outside the tree", as a file's link out of them is; a link above its own folder is a loop.
Local files only: nothing is fetched."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from checker.cli import ExitCode, main
from checker.discover.ignore import walk

POST = "---\ntitle: {title}\n---\n\nSee [the missing one](./missing-{title}.md).\n"


def _tree(tmp_path: Path) -> tuple[Path, Path]:
    """``work/posts`` (the input, run from ``work``) and ``ext`` beside ``work``: ``posts/notes``
    links to ``ext/notes``, which holds ``up -> ..`` (``ext``, which holds ``secret.md``)."""
    work, ext = tmp_path / "work", tmp_path / "ext"
    posts, notes = work / "posts", ext / "notes"
    posts.mkdir(parents=True)
    notes.mkdir(parents=True)
    (posts / "a.md").write_text(POST.format(title="a"), encoding="utf-8")
    (notes / "b.md").write_text(POST.format(title="b"), encoding="utf-8")
    (ext / "secret.md").write_text(POST.format(title="secret"), encoding="utf-8")
    (posts / "notes").symlink_to(notes, target_is_directory=True)
    (notes / "up").symlink_to("..", target_is_directory=True)
    return work, ext


def _run(tmp_path: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    out = tmp_path / "out"
    argv = ["check", "posts", "--no-store", "--archive", "off", "--format", "json"]
    code = main([*argv, "--report-dir", str(out), *extra])
    return code, json.loads((out / "report.json").read_text(encoding="utf-8"))


def _read(report: dict[str, Any], work: Path) -> list[str]:
    prefix = (work / "posts").as_uri() + "/"
    return sorted(d["url"].removeprefix(prefix) for d in report["documents"])


def test_a_folder_link_out_of_the_tree_is_said_not_walked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work, _ext = _tree(tmp_path)
    monkeypatch.chdir(work)
    code, report = _run(tmp_path)
    assert _read(report, work) == ["a.md"]
    (note,) = [p["message"] for p in report["problems"] if p["code"] == "files-not-read"]
    assert "symbolic link(s) to a folder outside the tree" in note
    assert "posts/notes" in note
    assert code == ExitCode.FAILED


def test_within_a_local_root_a_link_above_its_own_folder_is_not_walked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work, ext = _tree(tmp_path)
    monkeypatch.chdir(work)
    code, report = _run(tmp_path, "--local-root", str(ext))
    assert _read(report, work) == ["a.md", "notes/b.md"]  # not notes/up/secret.md
    (note,) = [p["message"] for p in report["problems"] if p["code"] == "files-not-read"]
    assert "posts/notes/up" in note
    assert "outside the tree" not in note
    assert code == ExitCode.FAILED


def test_the_walk_bounds_links_by_the_folders_given(tmp_path: Path) -> None:
    work, _ext = _tree(tmp_path)
    posts = work / "posts"
    bounded = walk(posts, within=(work,))
    assert [p.relative_to(posts).as_posix() for p in bounded.entries] == ["a.md"]
    assert bounded.outside == [posts / "notes"]
    unbounded = walk(posts)  # the API's: no bound, but never above a link's own folder
    names = sorted(p.relative_to(posts).as_posix() for p in unbounded.entries)
    assert names == ["a.md", "notes/b.md", "notes/up"]
