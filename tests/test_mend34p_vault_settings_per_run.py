"""Mend 34p: each run reads its vaults as they are, not as a run before it in the process saw.

Whether a folder holds ``.obsidian/`` and what its ``app.json`` says were cached for the
process: a caller running citecheck twice (an API caller, a test) never saw settings written
after the first look, so the second run read the vault's Markdown links as the first had.
Local files only: nothing is fetched.
"""

from __future__ import annotations

from pathlib import Path

from tests.test_mend33j_vault_link_settings import _said, _vault


def test_settings_written_between_two_runs_are_read(tmp_path: Path) -> None:
    root = _vault(tmp_path, None)
    _code, before = _said(root, tmp_path / "before")
    assert before[0] == ("Sub/Other.md", "broken", ["broken:error"])
    (root / ".obsidian" / "app.json").write_text('{"useMarkdownLinks": true}', encoding="utf-8")
    _code, after = _said(root, tmp_path / "after")
    assert after[0] == ("Deep/Sub/Other.md", "ok", [])


def test_a_vault_made_between_two_runs_is_read(tmp_path: Path) -> None:
    root = _vault(tmp_path, '{"useMarkdownLinks": true}')
    (root / ".obsidian" / "app.json").unlink()
    (root / ".obsidian").rmdir()
    _code, before = _said(root, tmp_path / "before")
    assert before[0] == ("Sub/Other.md", "broken", ["broken:error"])
    (root / ".obsidian").mkdir()
    (root / ".obsidian" / "app.json").write_text('{"useMarkdownLinks": true}', encoding="utf-8")
    _code, after = _said(root, tmp_path / "after")
    assert after[0] == ("Deep/Sub/Other.md", "ok", [])
