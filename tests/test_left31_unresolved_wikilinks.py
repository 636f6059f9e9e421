"""A vault's wikilink to a note that is not there is ``unresolved-wikilink`` (a warning), not
``broken`` (an error): Obsidian and Obsidian Publish show it as a note not yet written, and vault
users leave such placeholders on purpose, so CI failed a vault for one (session 30 left).  Still
counted, in every report, its severity configurable as any code's.  A Markdown link to a missing
file stays ``broken``.  Local files only: nothing is fetched."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest

from checker.cli import ExitCode, main
from checker.extract import extract
from checker.model import Page, PageKind, VaultNote

if TYPE_CHECKING:
    from pathlib import Path


def _vault(tmp_path: Path, note: str) -> Path:
    vault = tmp_path / "vault"
    (vault / ".obsidian").mkdir(parents=True)
    (vault / "Sub").mkdir()
    (vault / "Sub" / "Written.md").write_text("# Written\n\nText.\n", encoding="utf-8")
    (vault / "a.md").write_text(note, encoding="utf-8")
    return vault


def _check(vault: Path, out: Path, *more: str) -> tuple[int, dict[str, Any]]:
    argv = ["check", str(vault), "--no-store", "--archive", "off", "--format", "json,csv"]
    code = main([*argv, "--report-dir", str(out), *more])
    return code, json.loads((out / "report.json").read_text(encoding="utf-8"))


def _findings(report: dict[str, Any]) -> dict[str, tuple[str, list[tuple[str, str, bool]]]]:
    """Each citation's last path part: its status and its findings (code, severity, failing)."""
    return {
        c["url"].rsplit("/", 1)[-1]: (
            c["status"],
            [(f["code"], f["severity"], f["failing"]) for f in c["findings"]],
        )
        for d in report["documents"]
        for c in d["citations"]
    }


def test_a_note_not_yet_written_is_a_warning_of_its_own(tmp_path: Path) -> None:
    vault = _vault(
        tmp_path,
        "# A\n\n[[Written]], [[Later note]], [[Sub/Soon|soon]], ![[Gone]] "
        "and [a file](Missing.md).\n",
    )
    code, report = _check(vault, tmp_path / "out")
    unresolved = ("broken", [("unresolved-wikilink", "warning", False)])
    assert _findings(report) == {
        "Written.md": ("ok", []),
        "Later%20note.md": unresolved,
        "Soon.md": unresolved,
        "Gone.md": unresolved,
        # a Markdown link to a missing file is what it was: broken, an error
        "Missing.md": ("broken", [("broken", "error", True)]),
    }
    assert report["summary"]["findings"] == {"broken": 1, "unresolved-wikilink": 3}
    assert code == ExitCode.FAILED  # by the Markdown link alone
    csv = (tmp_path / "out" / "report.csv").read_text(encoding="utf-8-sig")
    assert csv.count(",unresolved-wikilink,warning,false,no note ") == 3


def test_a_vault_of_placeholders_passes_unless_configured_to_fail(tmp_path: Path) -> None:
    vault = _vault(tmp_path, "# A\n\nSee [[Written]] and [[Not yet written]].\n")
    code, report = _check(vault, tmp_path / "out")
    assert report["summary"]["findings"] == {"unresolved-wikilink": 1}
    assert code == ExitCode.OK
    code, report = _check(vault, tmp_path / "out2", "--severity", "unresolved-wikilink=error")
    assert _findings(report)["Not%20yet%20written.md"] == (
        "broken",
        [("unresolved-wikilink", "error", True)],
    )
    assert code == ExitCode.FAILED


def test_only_the_notes_not_found_are_marked(tmp_path: Path) -> None:
    vault = _vault(tmp_path, "# A\n\n[[Written]] and [[../Up]] and [[/Top/New]].\n")
    note = vault / "a.md"
    page = Page(note.as_uri(), str(note), note.read_text("utf-8"), PageKind.MARKDOWN)
    (document,) = extract(page)
    assert [(c.url, c.vault_note) for c in document.citations] == [
        ((vault / "Sub" / "Written.md").as_uri(), None),
        ((tmp_path / "Up.md").as_uri(), VaultNote.UNWRITTEN),  # from the note's folder, as before
        ((vault / "Top" / "New.md").as_uri(), VaultNote.UNWRITTEN),  # from the vault's root
    ]


def test_in_a_vault_not_listed_whole_a_note_not_found_is_said_unchecked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the listing's cap a wikilink to a note not listed was left as text: cited nowhere,
    said nowhere (session 30 left).  It is cited and ``skipped``, saying why, unless the note is
    at the path the link names."""
    from checker.extract import wikilinks  # noqa: PLC0415

    vault = _vault(tmp_path, "# A\n\nSee [[Written]], [[Elsewhere]] and [[Sub/Written]].\n")
    (vault / "zz").mkdir()
    for n in range(12):
        (vault / "zz" / f"n{n:02d}.md").write_text("# N\n", encoding="utf-8")
    (vault / "zz" / "Elsewhere.md").write_text("# Far\n", encoding="utf-8")
    monkeypatch.setattr(wikilinks, "MAX_VAULT_FILES", 4)
    wikilinks._vault.cache_clear()
    try:
        code, report = _check(vault, tmp_path / "out")
    finally:
        wikilinks._vault.cache_clear()
    checked = {
        c["url"].rsplit("/", 1)[-1]: (c["status"], c["note"] or "")
        for d in report["documents"]
        for c in d["citations"]
    }
    assert checked["Written.md"] == ("ok", "")  # Sub/Written.md, listed
    status, note = checked["Elsewhere.md"]
    assert (status, note[:55]) == (
        "skipped",
        "not checked: the vault's notes were not all listed (pas",
    )
    assert report["summary"]["accounting"]["skipped_reasons"] == {"vault not listed whole": 1}
    assert code == ExitCode.OK
