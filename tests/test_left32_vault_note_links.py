"""A Markdown link of an Obsidian vault's note to a note (``[x](Note.md)``) is looked up as a
wikilink is: one rule for a vault's links to notes (session 31 left).

``[[Missing]]`` was ``unresolved-wikilink`` (a warning: Obsidian shows a note not yet written)
while ``[x](Missing.md)``, which Obsidian shows the same way, was ``broken`` at error and failed
CI; and ``[x](Elsewhere.md)``, a "shortest path" link Obsidian writes for a note in another
folder, was looked up beside the note only: a false ``broken``.  Outside a vault, and for a file
that is no note, a Markdown link stays a file link; so does it in a vault whose settings do not
write Markdown links by name (session 33: ``test_mend33j_vault_link_settings.py``).  Local files
only: nothing is fetched."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from checker.cli import ExitCode, main

NOTE = (
    "# A\n\n[here](Here.md), [elsewhere](Elsewhere.md), [by path](Other/Elsewhere.md), "
    "[missing](Missing.md), [up](../Up.md), [paper](gone.pdf).\n"
)


def _tree(tmp_path: Path, *, vault: bool) -> Path:
    root = tmp_path / "notes"
    (root / "Sub").mkdir(parents=True)
    (root / "Other").mkdir()
    if vault:  # Obsidian writes its links as Markdown links ("shortest path", the default)
        (root / ".obsidian").mkdir()
        (root / ".obsidian" / "app.json").write_text('{"useMarkdownLinks": true}\n')
    (root / "Sub" / "a.md").write_text(NOTE, encoding="utf-8")
    (root / "Sub" / "Here.md").write_text("# Here\n", encoding="utf-8")
    (root / "Other" / "Elsewhere.md").write_text("# Elsewhere\n", encoding="utf-8")
    return root


def _check(root: Path, out: Path) -> tuple[int, dict[str, Any]]:
    argv = ["check", str(root), "--no-store", "--archive", "off"]
    code = main([*argv, "--format", "json", "--report-dir", str(out)])
    return code, json.loads((out / "report.json").read_text(encoding="utf-8"))


def _said(report: dict[str, Any], root: Path) -> list[tuple[str, str, list[str]]]:
    (document,) = [d for d in report["documents"] if d["url"].endswith("/Sub/a.md")]
    return [
        (
            c["url"].removeprefix(root.as_uri() + "/"),
            c["status"],
            [f"{f['code']}:{f['severity']}" for f in c["findings"]],
        )
        for c in document["citations"]
    ]


def test_a_vault_s_markdown_links_to_notes_are_looked_up_as_wikilinks(tmp_path: Path) -> None:
    root = _tree(tmp_path, vault=True)
    code, report = _check(root, tmp_path / "out")
    assert _said(report, root) == [
        ("Sub/Here.md", "ok", []),
        ("Other/Elsewhere.md", "ok", []),  # found by name (and by path: one citation)
        ("Sub/Missing.md", "broken", ["unresolved-wikilink:warning"]),
        ("Up.md", "broken", ["unresolved-wikilink:warning"]),
        ("Sub/gone.pdf", "broken", ["broken:error"]),  # no note: a missing file
    ]
    assert code == ExitCode.FAILED  # by the missing paper alone


def test_outside_a_vault_a_markdown_link_is_a_file_link(tmp_path: Path) -> None:
    root = _tree(tmp_path, vault=False)
    code, report = _check(root, tmp_path / "out")
    said = _said(report, root)
    assert ("Sub/Elsewhere.md", "broken", ["broken:error"]) in said
    assert ("Sub/Missing.md", "broken", ["broken:error"]) in said
    assert code == ExitCode.FAILED
