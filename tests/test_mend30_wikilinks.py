"""Where a wikilink points is found as Obsidian finds it, and a warm run agrees with a cold one
(session 30's review of left30a): a dot in a note's name is no suffix (``[[v1.2 release]]``,
``[[2024.01.05]]`` were said ``broken``), a table's ``[[Note\\|shown]]`` names ``Note``, names
are compared case folded in full (``[[Über]]`` is ``über.md``), and what the memo keeps for a
note is taken again when the vault's names change (a note moved into a folder and a note
added were said ``broken`` by a ``--store`` rerun, ``ok`` by ``--no-store``).  Local files only:
nothing is fetched."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import TYPE_CHECKING, Any

from checker.extract import extract
from checker.model import Page, PageKind

if TYPE_CHECKING:
    from pathlib import Path


def _cited(note: Path) -> list[str | None]:
    page = Page(note.as_uri(), str(note), note.read_text("utf-8"), PageKind.MARKDOWN)
    (document,) = extract(page)
    return [c.url for c in document.citations]


def test_dotted_table_and_unicode_names_find_their_notes(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    (vault / ".obsidian").mkdir(parents=True)
    for name in ("v1.2 release.md", "2024.01.05.md", "Note.md", "über.md", "photo.png"):
        (vault / name).write_text("# x\n", encoding="utf-8")
    note = vault / "index.md"
    note.write_text(
        "# Index\n\nSee [[v1.2 release]] and [[2024.01.05]] and [[Über]] and [[photo.png]].\n\n"
        "| a | b |\n|---|---|\n| [[Note\\|the note]] | x |\n\n"
        "Missing: [[v9.9 plan]] and [[gone.png]].\n",
        encoding="utf-8",
    )
    assert _cited(note) == [
        (vault / "v1.2 release.md").as_uri(),
        (vault / "2024.01.05.md").as_uri(),
        (vault / "über.md").as_uri(),
        (vault / "photo.png").as_uri(),
        (vault / "Note.md").as_uri(),
        (vault / "v9.9 plan.md").as_uri(),  # a note not there is the .md Obsidian would make
        (vault / "gone.png").as_uri(),
    ]


def _statuses(vault: Path, out: Path, *store: str) -> dict[str, str]:
    argv = ["check", str(vault), "--archive", "off", "--format", "json", "--report-dir", str(out)]
    # each run is its own process, as a user's runs are (the vault's names are listed once a run)
    subprocess.run([sys.executable, "-m", "checker", *argv, *store], check=False, timeout=600)
    report: dict[str, Any] = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return {
        c["url"].rsplit("/", 1)[-1]: c["status"]
        for d in report["documents"]
        if d["url"].endswith("index.md")
        for c in d["citations"]
    }


def test_a_stored_run_sees_notes_moved_and_added(tmp_path: Path) -> None:
    vault = tmp_path / "vault"
    (vault / ".obsidian").mkdir(parents=True)
    (vault / "index.md").write_text("# Index\n\nSee [[Note]] and [[Later]].\n", encoding="utf-8")
    (vault / "Note.md").write_text("# Note\n", encoding="utf-8")
    store = ("--store", str(tmp_path / "store.sqlite3"))
    assert _statuses(vault, tmp_path / "one", *store) == {"Note.md": "ok", "Later.md": "broken"}
    (vault / "sub").mkdir()
    (vault / "Note.md").rename(vault / "sub" / "Note.md")
    (vault / "sub" / "Later.md").write_text("# Later\n", encoding="utf-8")
    assert _statuses(vault, tmp_path / "two", *store) == {"Note.md": "ok", "Later.md": "ok"}
