"""pyproject.toml's ``[tool.citecheck]`` table copied into a file citecheck reads whole
(``citecheck.toml``, ``--config FILE``): the one-line error says where the keys go.

It said "unknown key tool" and nothing more (session 33's leftover).  Through the CLI on a
local post (nothing is fetched).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.cli import ExitCode, main


@pytest.mark.parametrize("name", ["citecheck.toml", "ci.toml"])
def test_a_tool_table_in_a_file_read_whole_gets_the_hint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    (tmp_path / "post.md").write_text("# Post\n\nSee [it](post.md).\n", encoding="utf-8")
    (tmp_path / name).write_text("[tool.citecheck]\ntimeout = 5\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    config = [] if name == "citecheck.toml" else ["--config", name]
    code = main(["check", "post.md", "--no-store", "--archive", "off", "-q", *config])
    err = capsys.readouterr().err
    assert code == ExitCode.ERROR
    assert err.count("\n") == 1
    assert f"{name}: unknown key tool: [tool.citecheck] is pyproject.toml's table" in err
    assert "at its top level" in err


def test_the_same_keys_at_the_top_level_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "post.md").write_text("# Post\n\nSee [it](post.md).\n", encoding="utf-8")
    (tmp_path / "citecheck.toml").write_text("timeout = 5\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "post.md", "--no-store", "--archive", "off", "-q"]) == ExitCode.OK
