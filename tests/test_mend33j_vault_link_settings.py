"""A vault's Markdown links to notes are read as Obsidian reads them only when the vault writes
its links so (session 33's review of left32a's change).

Obsidian looks a Markdown link's path up vault-wide, by name, as it does a wikilink's (observed
on Obsidian 1.13.7); every other reader of the folder (GitHub, MkDocs, Docusaurus, Quartz's
default) takes the path as written.  left32a looked every vault's Markdown links up by name: a
docs repository that commits ``.obsidian/`` had ``[c](Other.md)`` from ``Sub/`` pass ``ok`` for
``Deep/Sub/Other.md``, a 404 on its site, and a missing note dropped from ``broken`` (error) to a
warning.  Now only a vault whose ``.obsidian/app.json`` sets ``useMarkdownLinks`` (and a link
format other than ``relative``) is read so; there, ``[a](../note.md)`` for ``Note.md`` is the
note Obsidian opens (case aside), not a false ``broken``.  Local files only: nothing is fetched.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from checker.cli import ExitCode, main

NOTE = "# A\n\n[c](Other.md), [missing](Missing.md), [up](../note.md).\n"


def _vault(tmp_path: Path, settings: str | None) -> Path:
    root = tmp_path / "docs"
    (root / "Sub").mkdir(parents=True)
    (root / "Deep" / "Sub").mkdir(parents=True)
    (root / ".obsidian").mkdir()
    if settings is not None:
        (root / ".obsidian" / "app.json").write_text(settings, encoding="utf-8")
    (root / "Sub" / "a.md").write_text(NOTE, encoding="utf-8")
    (root / "Deep" / "Sub" / "Other.md").write_text("# Other\n", encoding="utf-8")
    (root / "Note.md").write_text("# Note\n", encoding="utf-8")
    return root


def _said(root: Path, out: Path) -> tuple[int, list[tuple[str, str, list[str]]]]:
    argv = ["check", str(root), "--no-store", "--archive", "off"]
    code = main([*argv, "--format", "json", "--report-dir", str(out)])
    report: dict[str, Any] = json.loads((out / "report.json").read_text(encoding="utf-8"))
    (document,) = [d for d in report["documents"] if d["url"].endswith("/Sub/a.md")]
    return code, [
        (
            c["url"].removeprefix(root.as_uri() + "/"),
            c["status"],
            [f"{f['code']}:{f['severity']}" for f in c["findings"]],
        )
        for c in document["citations"]
    ]


@pytest.mark.parametrize(
    "settings",
    [
        None,  # Obsidian's defaults: wikilinks
        '{"useMarkdownLinks": false}',
        '{"useMarkdownLinks": true, "newLinkFormat": "relative"}',
        "{not json",
    ],
)
def test_a_vault_that_writes_no_markdown_links_by_name_reads_them_at_their_path(
    tmp_path: Path, settings: str | None
) -> None:
    root = _vault(tmp_path, settings)
    code, said = _said(root, tmp_path / "out")
    assert said == [
        ("Sub/Other.md", "broken", ["broken:error"]),
        ("Sub/Missing.md", "broken", ["broken:error"]),
        ("note.md", "broken", ["broken:error"]),  # case-exact, as a site's server is
    ]
    assert code == ExitCode.FAILED


@pytest.mark.parametrize(
    "link_format", ["", ', "newLinkFormat": "shortest"', ', "newLinkFormat": "absolute"']
)
def test_a_vault_that_writes_markdown_links_reads_them_as_obsidian(
    tmp_path: Path, link_format: str
) -> None:
    root = _vault(tmp_path, '{"useMarkdownLinks": true' + link_format + "}")
    code, said = _said(root, tmp_path / "out")
    assert said == [
        ("Deep/Sub/Other.md", "ok", []),
        ("Sub/Missing.md", "broken", ["unresolved-wikilink:warning"]),
        ("Note.md", "ok", []),  # the note Obsidian opens, in any letter's case
    ]
    assert code == ExitCode.OK
