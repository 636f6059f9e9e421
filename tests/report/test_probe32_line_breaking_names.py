"""Probe 32: a post file whose name holds a line break is still one line of the terminal's list.

A folder may hold a file named ``x\\n::error::…md`` (a pull request can add one).  The terminal's
failing-findings list printed the name as it is, so its second half stood on a line of its own
at the start of the line, where a CI log reads ``::error::``, ``::warning::`` or
``::add-mask::`` as a workflow command.  Every other value of the line (URL, message, fix, a
problem's label) was already made one line; the file's name now is too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from checker.cli import ExitCode, main

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

NAME = "notes\n::error file=README.md::forged\r::add-mask::secret.md"


def test_a_file_name_with_line_breaks_prints_no_line_of_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / NAME).write_text("# Notes\n\nSee [the minutes](minutes-2024.md).\n", encoding="utf-8")
    argv = ["check", str(posts), "--no-store", "--archive", "off", "--format", "json"]
    code = main([*argv, "--report-dir", str(tmp_path / "report")])
    out, err = capsys.readouterr()
    assert code == ExitCode.FAILED  # the linked file does not exist: broken
    lines = (out + err).splitlines()
    assert not [line for line in lines if line.lstrip("\r").startswith("::")]
    (shown,) = [line for line in lines if "minutes-2024.md" in line and "broken" in line]
    assert "notes ::error file=README.md::forged ::add-mask::secret.md:3" in shown
