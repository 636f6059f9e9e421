"""Probe 17: a post's name on something that is no file, in a folder, is a post not read.

A folder's ``dangling.md`` (a symbolic link to a file since moved), ``loop.md`` (a link to
itself) or ``pipe.md`` (a FIFO) was left out with no word: the run said "1 post" and passed.
Each is now ``post-unreadable`` with the reason, as an unreadable file in a folder already was.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from checker.discover.found import Scope
from checker.discover.inputs import discover_inputs
from checker.errors import InputError


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "posts"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "good.md").write_text("# Good\n\nhttps://news.example/a\n", encoding="utf-8")
    (folder / "dangling.md").symlink_to(tmp_path / "moved-away.md")
    (folder / "loop.md").symlink_to(folder / "loop.md")
    os.mkfifo(folder / "pipe.md")
    (folder / "sub" / "up").symlink_to(folder)  # a folder loop: no post is found twice
    return folder


def test_every_post_name_in_a_folder_is_read_or_said_unreadable(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (discovery,) = asyncio.run(discover_inputs([str(folder)], None))  # type: ignore[arg-type]
    assert [page.origin for page in discovery.pages] == [str(folder / "sub" / "good.md")]
    assert {(Path(u.url).name, u.reason, u.listing) for u in discovery.failed} == {
        ("dangling.md", "a symbolic link to nothing (broken, or a loop)", None),
        ("loop.md", "a symbolic link to nothing (broken, or a loop)", None),
        ("pipe.md", "not a regular file or folder (a pipe, socket or device)", None),
    }


def test_a_folder_of_only_broken_posts_is_those_posts_not_an_empty_folder(tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "dangling.md").symlink_to(tmp_path / "moved-away.md")
    (discovery,) = asyncio.run(discover_inputs([str(folder)], None))  # type: ignore[arg-type]
    assert discovery.pages == ()
    assert [Path(u.url).name for u in discovery.failed] == ["dangling.md"]


def test_excluded_names_are_still_not_read(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    with pytest.raises(InputError, match="every page in the folder matches --exclude-path"):
        scope = Scope(exclude_path=(r"\.md$",))
        asyncio.run(discover_inputs([str(folder)], None, scope=scope))  # type: ignore[arg-type]
