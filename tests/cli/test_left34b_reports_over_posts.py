"""A report never replaces a post: ``-o`` or the report folder naming a file inside an input
that is no citecheck report is refused before the run (exit 2, one line), and such a file is
read as a post, not left out as the run's own.

``citecheck check docs -o docs/intro.md`` put the report where the post was (the post lost),
and the run, leaving its own file unread, never checked the post; ``--report-dir docs`` did the
same to a post called ``report.md`` (session 33's leftover).  Through the CLI on local posts
(nothing is fetched).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.cli import ExitCode, main

_POST = "# Intro\n\nSee [the guide](guide.md).\n"
_BASE = ["--no-store", "--archive", "off", "-q"]


def _docs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *names: str) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in names:
        (docs / name).write_text(_POST, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return docs


@pytest.mark.parametrize("fmt", ["json", "md", "html", "sarif"])
def test_an_output_naming_a_post_of_a_folder_input_is_refused(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fmt: str,
) -> None:
    docs = _docs(tmp_path, monkeypatch, "intro.md", "other.md")
    code = main(["check", "docs", *_BASE, "--format", fmt, "-o", "docs/intro.md"])
    err = capsys.readouterr().err
    assert code == ExitCode.ERROR
    assert (docs / "intro.md").read_text(encoding="utf-8") == _POST
    assert err.count("\n") == 1
    assert "docs/intro.md is a file of the input docs and no citecheck report" in err


def test_a_folder_listed_by_files_from_counts_as_an_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = _docs(tmp_path, monkeypatch, "intro.md")
    (tmp_path / "inputs.txt").write_text("docs\n", encoding="utf-8")
    code = main(["check", "--files-from", "inputs.txt", *_BASE, "-o", "docs/intro.md"])
    assert code == ExitCode.ERROR
    assert (docs / "intro.md").read_text(encoding="utf-8") == _POST
    assert "no citecheck report" in capsys.readouterr().err


def test_a_report_folder_inside_the_input_never_replaces_a_post_named_as_a_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = _docs(tmp_path, monkeypatch, "intro.md", "report.md")
    code = main(["check", "docs", *_BASE, "--report-dir", "docs", "--format", "json,md"])
    assert code == ExitCode.ERROR
    assert (docs / "report.md").read_text(encoding="utf-8") == _POST
    assert "--report-dir docs: its report.md is a file of the input docs" in (
        capsys.readouterr().err
    )


def test_a_post_named_as_a_report_the_run_does_not_write_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _docs(tmp_path, monkeypatch, "intro.md", "report.md")
    code = main(["check", "docs", *_BASE, "--report-dir", "docs", "--format", "json"])
    assert code == ExitCode.FAILED
    report = json.loads((tmp_path / "docs" / "report.json").read_text(encoding="utf-8"))
    origins = {post["origin"] for post in report["documents"]}
    assert origins == {"docs/intro.md", "docs/report.md"}


def test_an_earlier_report_or_a_new_file_inside_the_input_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = _docs(tmp_path, monkeypatch, "intro.md")
    argv = ["check", "docs", *_BASE, "--format", "csv", "-o", "docs/out.csv"]
    assert main(argv) == ExitCode.FAILED
    assert main(argv) == ExitCode.FAILED  # the first run's report is replaced
    assert (docs / "out.csv").read_text(encoding="utf-8-sig").startswith("post_url,")
