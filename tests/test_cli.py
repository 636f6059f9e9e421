"""The command line's contract: exit statuses and one-line errors, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.cli import ExitCode, main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _assert_one_line_error(code: int, err: str, fragment: str) -> None:
    assert code == ExitCode.ERROR
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("citecheck: error: ")
    assert fragment in lines[0]
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["check", "/no/such/file.html"], "no such file or folder"),
        (["check", "https://[broken/"], "malformed URL"),
        (["check", "ftp://example.com/post"], "not an http(s) URL"),
        (["check", "--bogus", "x"], "No such option"),
        (["check"], "Missing argument"),
        (["check", "x.html", "--timeout", "soon"], "soon"),
        (["check", "x.html", "--format", "pdf"], "unknown format"),
        (["check", "x.html", "--connect-to", "a:b"], "--connect-to"),
        (["check", "x.html", "--fail-on", "sometimes"], "--fail-on"),
        (["check", "x.html", "--config", "/no/such.toml"], "does not exist"),
        (["nosuchcommand"], "No such command"),
    ],
)
def test_bad_usage_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], fragment: str
) -> None:
    code, _, err = _run(capsys, *argv)
    _assert_one_line_error(code, err, fragment)


def test_binary_file_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    binary = tmp_path / "image.html"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    code, _, err = _run(capsys, "check", str(binary), "--report-dir", str(tmp_path / "r"))
    _assert_one_line_error(code, err, "not a text file")
    assert not (tmp_path / "r").exists()


def test_unwritable_report_dir(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text("# A post\n\nNo sources here.\n", encoding="utf-8")
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    code, _, err = _run(capsys, "check", str(post), "--report-dir", str(blocker / "sub"))
    _assert_one_line_error(code, err, str(blocker))


def test_clean_input_exits_0_and_writes_reports(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    post = tmp_path / "post.md"
    post.write_text("# A post\n\nNo sources here.\n", encoding="utf-8")
    code, out, _ = _run(capsys, "check", str(post), "--report-dir", str(tmp_path / "r"))
    assert code == ExitCode.OK
    assert (tmp_path / "r" / "report.json").is_file()
    assert (tmp_path / "r" / "report.md").is_file()
    assert "wrote" in out


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--help")
    assert code == 0
    assert "check" in out
    assert "demo" in out
    code, out, _ = _run(capsys, "--version")
    assert code == 0
    assert "citecheck" in out


MISSING_URL_POST = """# 翻訳記事のタイトル(Foreign Affairs)

これは翻訳記事の本文です。原文の要旨を日本語で紹介しています。■

Ukraine's Hardest Winter

By Jack Watling

November 11, 2025
"""


def test_github_actions_outputs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = tmp_path / "post.md"
    post.write_text(MISSING_URL_POST, encoding="utf-8")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, _ = _run(capsys, "check", str(post), "--report-dir", str(tmp_path / "r"), "-q")
    assert code == ExitCode.FAILED
    assert out.startswith("::error ")
    assert "missing-url" in out
    assert "wrote" not in out  # --quiet
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n")
    assert "missing-url" in text


def test_annotations_off_by_default_outside_actions(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    post = tmp_path / "post.md"
    post.write_text(MISSING_URL_POST, encoding="utf-8")
    code, out, _ = _run(capsys, "check", str(post), "--report-dir", str(tmp_path / "r"))
    assert code == ExitCode.FAILED
    assert "::error" not in out
