"""Probe 30m: the reading rules merged in session 30, attacked as an ordinary Obsidian or
WordPress writer would.  A vault's note found as Obsidian finds it is never ``broken``: a name
with a dot (``[[v1.2 release]]``, ``[[Node.js]]``), a table's escaped pipe (``[[Note\\|x]]``),
a letter's case beyond ASCII and a name's Unicode form, the shortest path Obsidian writes
(``[[Sub/Note]]``), a path relative to the note (``[[../Note]]``), a note behind a folder's
symbolic link (not walked: not said missing); a vault deeper than Python's recursion limit is
read, not a crash.  WordPress's own ``[video mp4=…][/video]`` cites its file, and short prose in
brackets (``[x 1/2]``, ``[video 3]``) is no embed.  An Org drawer's marks shown in a block
hide nothing after it.  Local files only: nothing is fetched."""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from typing import TYPE_CHECKING, Any

import pytest

from checker.cli import ExitCode, main
from checker.extract import extract
from checker.model import Page, PageKind

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


def _lines(path: str, body: str, kind: PageKind) -> list[tuple[str | None, int | None]]:
    """Each citation of a post at ``path`` (never read: the body is given) and its line."""
    (document,) = extract(Page(f"file://{path}", path, body, kind))
    return [(c.url, c.line) for c in document.citations]


def _cited(note: Path) -> list[str | None]:
    return [url for url, _ in _lines(str(note), note.read_text("utf-8"), PageKind.MARKDOWN)]


def _vault(tmp_path: Path, *notes: str) -> Path:
    vault = tmp_path / "vault"
    (vault / ".obsidian").mkdir(parents=True)
    for name in notes:
        (vault / name).parent.mkdir(parents=True, exist_ok=True)
        (vault / name).write_text("# A note\n", encoding="utf-8")
    return vault


def _check(vault: Path, out: Path) -> tuple[int, dict[str, str]]:
    argv = ["check", str(vault), "--no-store", "--archive", "off", "--format", "json"]
    code = main([*argv, "--report-dir", str(out)])
    report: dict[str, Any] = json.loads((out / "report.json").read_text(encoding="utf-8"))
    statuses = {c["url"]: c["status"] for d in report["documents"] for c in d["citations"]}
    return code, statuses


def test_every_note_obsidian_finds_is_found(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Café notes.md")  # as macOS stores the name
    vault = _vault(
        tmp_path,
        "v1.2 release.md",
        "Tools/Node.js.md",
        "Drawings/Plan.excalidraw.md",
        "Über.md",
        decomposed,
        "Projects/Sub/Deep Note.md",
        "Projects/Index.md",
        "Projects/Table.md",
    )
    note = vault / "Journal" / "today.md"
    note.parent.mkdir()
    note.write_text(
        "# Today\n\n"
        "[[v1.2 release]], [[Node.js|Node]], ![[Plan.excalidraw]] and [[über]].\n\n"
        "[[Café notes]] and [[Sub/Deep Note#Heading]] and [[../Projects/Index]].\n\n"
        "| note | why |\n|---|---|\n| [[Projects/Table\\|the table]] | a table |\n",
        encoding="utf-8",
    )
    assert _cited(note) == [
        (vault / "v1.2 release.md").as_uri(),
        (vault / "Tools" / "Node.js.md").as_uri(),
        (vault / "Drawings" / "Plan.excalidraw.md").as_uri(),
        (vault / "Über.md").as_uri(),
        (vault / decomposed).as_uri(),
        (vault / "Projects" / "Sub" / "Deep Note.md").as_uri(),
        (vault / "Projects" / "Index.md").as_uri(),
        (vault / "Projects" / "Table.md").as_uri(),
    ]
    code, statuses = _check(vault, tmp_path / "out")
    assert set(statuses.values()) == {"ok"}
    assert code == ExitCode.OK


def test_a_missing_note_with_a_dot_is_still_broken(tmp_path: Path) -> None:
    vault = _vault(tmp_path, "Other.md")
    (vault / "a.md").write_text("# A\n\n[[v2.0 plans]] and [[Other]].\n", encoding="utf-8")
    code, statuses = _check(vault, tmp_path / "out")
    assert {url.rsplit("/", 1)[-1]: s for url, s in statuses.items()} == {
        "Other.md": "ok",
        "v2.0%20plans.md": "broken",  # the note Obsidian would make
    }
    assert code == ExitCode.OK  # said as unresolved-wikilink, a warning (session 31)


def test_a_note_behind_a_folder_link_is_not_said_missing(tmp_path: Path) -> None:
    vault = _vault(tmp_path)
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "Linked.md").write_text("# Linked\n", encoding="utf-8")
    (vault / "shared").symlink_to(shared, target_is_directory=True)
    note = vault / "a.md"
    note.write_text("# A\n\n[[Linked]] and [source](https://src.example/a).\n", encoding="utf-8")
    # since session 31 the linked folder is walked, as Obsidian does: the note is found there
    assert _cited(note) == [(vault / "shared" / "Linked.md").as_uri(), "https://src.example/a"]


@pytest.fixture
def deep_vault(tmp_path: Path) -> Iterator[Path]:
    """A vault whose note is deeper than Python's recursion limit, removed bottom up (a
    recursive removal would fail on it)."""
    vault = _vault(tmp_path)
    folder = vault
    for _ in range(sys.getrecursionlimit() + 100):
        folder /= "a"
        folder.mkdir()
    (folder / "Deep.md").write_text("# Deep\n", encoding="utf-8")
    yield folder
    (folder / "Deep.md").unlink()
    while folder != vault:
        os.rmdir(folder)
        folder = folder.parent


def test_a_vault_deeper_than_the_recursion_limit_is_read(tmp_path: Path, deep_vault: Path) -> None:
    note = tmp_path / "vault" / "top.md"
    note.write_text("# Top\n\n[[Deep]] and [[Nowhere]].\n", encoding="utf-8")
    missing = (tmp_path / "vault" / "Nowhere.md").as_uri()
    assert _cited(note) == [(deep_vault / "Deep.md").as_uri(), missing]


def test_wordpress_video_cites_its_file_and_short_brackets_stay_prose() -> None:
    body = (
        "# Post\n\n"
        '[video width="640" height="360" mp4="https://media.example/clip.mp4"][/video]\n\n'
        "A pair [x 1/2] of halves, as [video 3] shows.\n"
    )
    assert _lines("/blog/post.md", body, PageKind.MARKDOWN) == [
        ("https://media.example/clip.mp4", 3)
    ]


def test_drawer_marks_shown_in_an_org_block_hide_nothing() -> None:
    body = (
        "#+TITLE: Org drawers\n\n"
        "* How to\n:PROPERTIES:\n:URL: https://src.example/property\n:END:\n"
        "#+BEGIN_SRC org\n:PROPERTIES:\n#+END_SRC\n"
        "after the block https://src.example/after-block\n:END:\n"
        "after the end mark https://src.example/after-end\n"
    )
    assert _lines("/blog/drawers.org", body, PageKind.TEXT) == [
        ("https://src.example/after-block", 10),
        ("https://src.example/after-end", 12),
    ]
