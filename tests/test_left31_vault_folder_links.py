"""A folder linked into an Obsidian vault (a symbolic link) is walked, as Obsidian's desktop
app walks it: its notes were not found, and, the listing then incomplete, no missing note of
the vault was said (session 30 left).  A link to the vault, into it or above it (a loop) is not
walked; each folder is walked once, so that links between linked folders end.  Local files
only: nothing is fetched."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from checker.cli import ExitCode, main
from checker.extract import extract
from checker.extract.wikilinks import _vault
from checker.model import Page, PageKind, VaultNote

if TYPE_CHECKING:
    from pathlib import Path


def _linked_vault(tmp_path: Path) -> Path:
    vault = tmp_path / "vault"
    (vault / ".obsidian").mkdir(parents=True)
    shared, other = tmp_path / "shared", tmp_path / "other"
    shared.mkdir()
    other.mkdir()
    (shared / "Linked.md").write_text("# Linked\n", encoding="utf-8")
    (other / "Far.md").write_text("# Far\n", encoding="utf-8")
    (vault / "shared").symlink_to(shared, target_is_directory=True)
    (shared / "other").symlink_to(other, target_is_directory=True)
    (other / "back").symlink_to(shared, target_is_directory=True)  # a loop outside the vault
    (vault / "itself").symlink_to(vault, target_is_directory=True)  # loops through the vault
    (vault / "above").symlink_to(tmp_path, target_is_directory=True)
    (vault / "a.md").write_text(
        "# A\n\n[[Linked]], [[Far]], [[shared/Linked|again]] and [[Nowhere]].\n", "utf-8"
    )
    return vault


def test_notes_in_a_linked_folder_are_found_and_a_missing_one_said(tmp_path: Path) -> None:
    vault = _linked_vault(tmp_path)
    _vault.cache_clear()
    note = vault / "a.md"
    page = Page(note.as_uri(), str(note), note.read_text("utf-8"), PageKind.MARKDOWN)
    (document,) = extract(page)
    assert [(c.url, c.vault_note) for c in document.citations] == [
        ((vault / "shared" / "Linked.md").as_uri(), None),
        ((vault / "shared" / "other" / "Far.md").as_uri(), None),
        ((vault / "Nowhere.md").as_uri(), VaultNote.UNWRITTEN),
    ]


def test_a_vault_with_folder_links_is_checked_whole(tmp_path: Path) -> None:
    vault = _linked_vault(tmp_path)
    out = tmp_path / "out"
    argv = ["check", str(vault), "--no-store", "--archive", "off", "--format", "json"]
    code = main([*argv, "--report-dir", str(out)])
    report: dict[str, Any] = json.loads((out / "report.json").read_text(encoding="utf-8"))
    statuses = {
        c["url"].rsplit("/", 1)[-1]: (c["status"], [f["code"] for f in c["findings"]])
        for d in report["documents"]
        for c in d["citations"]
    }
    assert statuses == {
        "Linked.md": ("ok", []),
        "Far.md": ("ok", []),
        "Nowhere.md": ("broken", ["unresolved-wikilink"]),
    }
    assert code == ExitCode.OK
