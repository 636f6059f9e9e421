"""``--files-from``'s lines as lychee reads them, bounded: a ``""`` line is no input (the empty
path was the working folder, all of it checked), a line keeps its white space (a Unicode space
was cut, another file checked in silence), a path named twice is one input, a list names at most
:data:`checker.files_from.MAX_LISTED_INPUTS` inputs, and the error naming the inputs that cannot
be read stays one short line.  Through the CLI on local posts (nothing is fetched).  Reviewer of
probe 33.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from checker.cli import ExitCode, main

ARGV = ["--no-store", "--archive", "off", "--format", "json", "-q", "--report-dir", "out"]


def _run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, listing: str
) -> tuple[int, dict[str, Any]]:
    (tmp_path / "a.md").write_text("# A\n\n[gone](gone-a.md)\n", encoding="utf-8")
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "b.md").write_text("# B\n\n[gone](gone-b.md)\n", encoding="utf-8")
    (tmp_path / "list.txt").write_text(listing, encoding="utf-8", newline="")
    monkeypatch.chdir(tmp_path)
    code = main(["check", "--files-from", "list.txt", *ARGV])
    report = Path("out/report.json")
    return code, json.loads(report.read_text(encoding="utf-8")) if report.exists() else {}


def _one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    return err


def test_an_empty_quoted_line_is_refused_not_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, report = _run(tmp_path, monkeypatch, 'a.md\n""\n')
    assert (code, report) == (ExitCode.ERROR, {})
    assert "line 2" in _one_line_error(capsys)


@pytest.mark.parametrize(
    ("space", "shown"),
    [(" ", " "), ("\u3000", "\u3000"), ("\u00a0", "\u00a0"), ("\x1c", "<U+001C>")],
)
def test_a_line_s_white_space_is_part_of_its_path(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    space: str,
    shown: str,
) -> None:
    """``{space}a.md`` names another file than ``a.md``: it cannot be read, and says so, the
    path named exactly and quoted (left 34b: its space was cut, naming ``a.md``)."""
    code, report = _run(tmp_path, monkeypatch, f"{space}a.md\n")
    assert (code, report) == (ExitCode.ERROR, {})
    assert f"'{shown}a.md': no such file" in _one_line_error(capsys)


def test_crlf_lines_and_comments_are_read_as_lychee_reads_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, report = _run(tmp_path, monkeypatch, "# changed posts\r\na.md\r\n  # d/b.md\r\n\r\n")
    assert code == ExitCode.FAILED
    assert [post["origin"] for post in report["documents"]] == ["a.md"]


def test_a_path_listed_twice_is_one_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, report = _run(tmp_path, monkeypatch, "d/b.md\na.md\nd/b.md\na.md\n")
    assert code == ExitCode.FAILED
    assert sorted(post["origin"] for post in report["documents"]) == ["a.md", "d/b.md"]
    assert report["summary"]["citations"] == 2


def test_a_list_of_too_many_inputs_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("checker.files_from.MAX_LISTED_INPUTS", 3)
    code, report = _run(tmp_path, monkeypatch, "a.md\nd/b.md\na.md\nx.md\ny.md\n")
    assert (code, report) == (ExitCode.ERROR, {})
    assert "more than 3 inputs" in _one_line_error(capsys)


def test_the_inputs_that_cannot_be_read_are_named_in_a_short_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = [f"missing-{n}.md" for n in range(30)] + ["long-" + "x" * 5000 + ".md"]
    code, report = _run(tmp_path, monkeypatch, "".join(f"{m}\n" for m in ["a.md", *missing]))
    assert (code, report) == (ExitCode.ERROR, {})
    err = _one_line_error(capsys)
    assert err.startswith("citecheck: error: 31 of 32 inputs cannot be read: missing-0.md")
    assert err.endswith("; and 21 more") and len(err) < 2000
