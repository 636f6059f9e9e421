"""``--files-from FILE|-``: a CI job checks the files a change touched, one a line, as lychee's
``--files-from`` reads them.  ``git diff --name-only | citecheck check -`` read the list as a
document of no link ("nothing checked", no named file read), and ``xargs`` split a path at its
spaces.  Through the CLI on local posts (nothing is fetched).  Probe 33.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from checker.cli import ExitCode, main
from checker.files_from import git_unquoted, listed_inputs


def _posts(root: Path) -> None:
    (root / "sub dir").mkdir()
    (root / "sub dir" / "über.md").write_text("# Über\n\n[a](gone-a.md)\n", encoding="utf-8")
    (root / "plain.md").write_text("# Plain\n\n[c](gone-c.md)\n", encoding="utf-8")


def _run(argv: list[str], stdin: str | None = None, **patches: Any) -> tuple[int, dict[str, Any]]:
    monkeypatch: pytest.MonkeyPatch = patches["monkeypatch"]
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8"))))
    base = ["check", *argv, "--no-store", "--archive", "off", "--format", "json", "-q"]
    code = main([*base, "--report-dir", "out"])
    report = Path("out/report.json")
    return code, json.loads(report.read_text(encoding="utf-8")) if report.exists() else {}


def _origins(report: dict[str, Any]) -> set[str]:
    return {post["origin"] for post in report["documents"]}


def test_a_changed_files_list_on_standard_input_is_checked_file_by_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As ``git diff --name-only`` writes it: a non-ASCII path in git's quoting."""
    _posts(tmp_path)
    monkeypatch.chdir(tmp_path)
    listing = '"sub dir/\\303\\274ber.md"\nplain.md\n'
    code, report = _run(["--files-from", "-"], listing, monkeypatch=monkeypatch)
    assert code == ExitCode.FAILED
    assert _origins(report) == {"sub dir/über.md", "plain.md"}
    assert report["summary"]["findings"] == {"broken": 2}


def test_a_list_file_beside_arguments_comments_and_blank_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _posts(tmp_path)
    monkeypatch.chdir(tmp_path)
    Path("list.txt").write_text("# changed posts\n\nsub dir/über.md\r\n", encoding="utf-8")
    code, report = _run(["plain.md", "--files-from", "list.txt"], monkeypatch=monkeypatch)
    assert code == ExitCode.FAILED
    assert _origins(report) == {"sub dir/über.md", "plain.md"}


@pytest.mark.parametrize(
    ("argv", "stdin", "said"),
    [
        (["--files-from", "-"], "", "--files-from -: lists no input"),
        (["--files-from", "-"], "# nothing changed\n\n", "--files-from -: lists no input"),
        (["--files-from", "missing.txt"], None, "--files-from missing.txt: cannot be read"),
        (["-", "--files-from", "-"], "plain.md\n", "both read standard input"),
        (["--files-from", "-"], "plain.md\ndeleted.md\n", "deleted.md: no such file"),
    ],
    ids=["empty", "comments-only", "no-list", "stdin-twice", "deleted-file"],
)
def test_a_list_that_names_nothing_to_check_is_one_line_and_exit_2(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    stdin: str | None,
    said: str,
) -> None:
    _posts(tmp_path)
    monkeypatch.chdir(tmp_path)
    code, _ = _run(argv, stdin, monkeypatch=monkeypatch)
    (line,) = capsys.readouterr().err.splitlines()
    assert code == ExitCode.ERROR and line.startswith("citecheck: error: ") and said in line


@pytest.mark.parametrize(
    ("line", "path"),
    [
        ('"docs/\\303\\274ber.md"', "docs/über.md"),
        ('"a\\tb \\"c\\" \\\\d.md"', 'a\tb "c" \\d.md'),
        ('"x.md"', "x.md"),
        ("plain path.md", "plain path.md"),
        ('"unclosed.md', '"unclosed.md'),
        ('"bad \\q escape"', '"bad \\q escape"'),
        ('"a"b"', '"a"b"'),
        ('"\\377.md"', "\udcff.md"),
    ],
)
def test_git_quoting_is_undone_and_anything_else_kept(line: str, path: str) -> None:
    assert git_unquoted(line) == path


def test_the_list_is_read_line_by_line(tmp_path: Path) -> None:
    listing = tmp_path / "list.txt"
    listing.write_bytes(b"a.md\r\n  # comment\n\n\t b c.md \nd\xff.md")
    assert listed_inputs(str(listing)) == ["a.md", "\t b c.md ", "d\udcff.md"]
