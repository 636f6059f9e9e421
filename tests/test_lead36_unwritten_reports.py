"""A run whose reports cannot be written still says its findings (session 34's probe).

A full disk, ``ulimit -f`` or a report path taken by a folder ended the command with one line,
exit 2, and nothing else: an hour's run lost every finding with its files, where lychee prints
its results whatever it writes.  The error still ends the command (exit 2, its one line last),
after every failing finding (none left to a report that does not exist) and the accounting.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.cli import main


def _posts(folder: Path, count: int) -> Path:
    folder.mkdir()
    for n in range(count):
        (folder / f"post{n}.md").write_text(
            f"# Post {n}\n\nSee [the notes](missing-{n}.md) and [the rest](gone-{n}.md).\n",
            encoding="utf-8",
        )
    return folder


def test_the_findings_are_printed_when_no_report_can_be_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    posts = _posts(tmp_path / "posts", 15)  # 30 failing findings: more than a summary shows
    reports = tmp_path / "reports"
    (reports / "report.json").mkdir(parents=True)  # the report's path is taken by a folder
    argv = ["check", str(posts), "--no-store", "--no-baseline", "--report-dir", str(reports)]
    code = main([*argv, "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 2
    assert err.startswith("citecheck: error: ") and err.count("\n") == 1, err
    assert "citecheck: 30 failing findings, worst first:" in out
    for n in range(15):
        assert f"missing-{n}.md" in out and f"gone-{n}.md" in out  # every one, none "more"
    assert "more:" not in out
    assert "15 posts, 30 citations" in out  # the accounting line
    assert "citecheck: open" not in out and "citecheck: wrote" not in out


def test_a_written_run_still_shows_twenty_and_names_its_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    posts = _posts(tmp_path / "posts", 15)
    reports = tmp_path / "reports"
    argv = ["check", str(posts), "--no-store", "--no-baseline", "--report-dir", str(reports)]
    code = main([*argv, "--format", "json"])
    out = capsys.readouterr().out
    assert code == 1
    assert f"… and 10 more: {reports / 'report.json'}" in out
