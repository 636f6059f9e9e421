"""Probe 18c: a ``malformed-url`` finding with no suggestion does not point to one.

``[the report](http://)`` names no host and no URL can be suggested for it, yet the terminal
line ended "— correct the link as the suggestion says".  The catalogue's fix, which the terminal
shows only when a finding has no suggestion of its own, now says what to do without one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.cli import ExitCode, main
from checker.findings import CATALOGUE, Code


def test_the_fix_shown_without_a_suggestion_names_none() -> None:
    assert "suggest" not in CATALOGUE[Code.MALFORMED_URL].fix


def test_a_link_with_no_host_is_told_how_to_fix_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = tmp_path / "p.md"
    post.write_text("# T\n\nSee [the report](http://) and [x](htps://news.example/a).\n")
    reports = str(tmp_path / "r")
    args = ["check", str(post), "--no-store", "--report-dir", reports, "--format", "json"]
    assert main(args) == ExitCode.FAILED
    captured = capsys.readouterr()
    lines = [line for line in (captured.out + captured.err).splitlines() if "malformed-url" in line]
    no_host = next(line for line in lines if "  http://  " in line)
    assert "suggestion" not in no_host and "write the link out in full" in no_host
    typo = next(line for line in lines if "htps://" in line)
    assert "did you mean https://news.example/a?" in typo
