"""Messages that named the wrong cause (session 21).

``--ignore-file /dev/zero`` said "no such file" (the file is there; it never ends), and a
folder given as one said the same; the short line of ``files-not-read`` (the HTML report's and
SARIF's rule text) said only "no post's kind", while the same code also counts the files ignore
rules kept out.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.cli import main
from checker.findings import CATALOGUE, Code


def _post(tmp_path: Path) -> Path:
    post = tmp_path / "post.md"
    post.write_text("# Post\n\n[a](https://a.example/x)\n", encoding="utf-8")
    return post


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().err


def test_an_endless_ignore_file_is_read_capped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = _run(capsys, "check", str(_post(tmp_path)), "--dump", "--ignore-file", "/dev/zero")
    assert code == 2
    assert err.strip().splitlines() == [
        "citecheck: error: ignore file /dev/zero cannot be read: larger than 16 MiB"
    ]


def test_a_folder_as_ignore_file_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = _run(
        capsys, "check", str(_post(tmp_path)), "--dump", "--ignore-file", str(tmp_path)
    )
    assert code == 2
    assert err.strip().endswith(f"--ignore-file {tmp_path}: is a folder, not a file of patterns")
    assert "Traceback" not in err


def test_a_missing_ignore_file_is_still_no_such_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope"
    code, err = _run(capsys, "check", str(_post(tmp_path)), "--dump", "--ignore-file", str(missing))
    assert code == 2
    assert f"--ignore-file {missing}: no such file" in err


def test_files_not_read_says_both_causes() -> None:
    summary = CATALOGUE[Code.FILES_NOT_READ].summary
    assert "no post's kind" in summary
    assert "ignore rules" in summary
