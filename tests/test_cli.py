"""The command line's contract: exit statuses and one-line errors, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
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
        (["check", "example.com"], "no such file or folder; for the web page, give its URL: "),
        (["check", "www.example.com/blog"], "give its URL: https://www.example.com/blog"),
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


def test_a_run_that_checks_nothing_fails_and_writes_reports(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    post = tmp_path / "post.md"
    post.write_text("# A post\n\nNo sources here.\n", encoding="utf-8")
    code, out, _ = _run(capsys, "check", str(post), "--report-dir", str(tmp_path / "r"))
    assert code == ExitCode.FAILED  # "nothing checked" is never a pass
    data = json.loads((tmp_path / "r" / "report.json").read_text(encoding="utf-8"))
    assert [(p["subject"], p["code"]) for p in data["problems"]] == [(None, "nothing-checked")]
    assert (tmp_path / "r" / "report.md").is_file()
    assert f"citecheck: wrote {tmp_path / 'r' / 'report.json'}, " in out
    assert "citecheck: 1 input, 1 post, 0 citations: 0 checked; findings: nothing-checked: 1" in out


def _boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("unexpected state at https://user:secret@example.com/x")


def test_an_internal_error_is_exit_3_one_line_and_a_crash_log(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("checker.cli.check", _boom)
    post = tmp_path / "post.md"
    post.write_text("# A post\n", encoding="utf-8")
    code, _, err = _run(capsys, "check", str(post), "--report-dir", str(tmp_path / "r"))
    assert code == ExitCode.INTERNAL == 3
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("citecheck: internal error: RuntimeError: unexpected state at")
    assert "secret" not in err and "Traceback" not in err
    log = Path(lines[0].rsplit("crash log: ", 1)[1].rstrip(")"))
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "_boom" in text and "secret" not in text


def test_an_internal_error_exits_3_from_the_console_script(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text("# A post\n", encoding="utf-8")
    script = (
        "import sys, checker.cli as cli\n"
        "def boom(*a, **k): raise KeyError('no such thing')\n"
        "cli.check = boom\n"
        "sys.exit(cli.main(sys.argv[1:]))\n"
    )
    argv = [sys.executable, "-c", script, "check", str(post), "--report-dir", str(tmp_path)]
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 3, done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "citecheck: internal error: KeyError: 'no such thing' (crash log: " in done.stderr
    assert str(tmp_path / "cache" / "citecheck" / "crashes") in done.stderr


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


LINKS_POST = """# A post

See [one story](https://paywall.example/story) and [another](https://x.com/someone/status/1).
"""


def _write_links_post(tmp_path: Path) -> Path:
    post = tmp_path / "post.md"
    post.write_text(LINKS_POST, encoding="utf-8")
    return post


def _statuses(report_dir: Path) -> dict[str, tuple[str, str | None]]:
    data = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
    return {c["url"]: (c["status"], c["note"]) for d in data["documents"] for c in d["citations"]}


def test_excluded_urls_are_skipped_not_fetched(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".citecheckignore").write_text("# social\n^https://x\\.com/\n", encoding="utf-8")
    post = _write_links_post(tmp_path)
    code, out, err = _run(
        capsys, "check", str(post), "--report-dir", "r", "--no-store", "--exclude", "paywall"
    )
    assert code == ExitCode.FAILED, err  # every citation skipped: nothing was checked
    assert out.splitlines()[3:] == [
        "citecheck: 1 input, 1 post, 2 citations: 0 checked, 2 skipped (excluded); "
        "findings: nothing-checked: 1",
        "citecheck: 2 skipped: excluded, matched --exclude or the ignore file",
        "citecheck: wrote r/report.json, r/report.md",
    ]
    statuses = _statuses(tmp_path / "r")
    assert statuses["https://paywall.example/story"] == (
        "skipped",
        "skipped: excluded by pattern 'paywall' (exclude)",
    )
    assert statuses["https://x.com/someone/status/1"][0] == "skipped"
    assert ".citecheckignore:2" in str(statuses["https://x.com/someone/status/1"][1])


def test_include_wins_over_the_ignore_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    ignore = tmp_path / "my-ignore"
    ignore.write_text(".\n", encoding="utf-8")  # everything
    post = tmp_path / "post.md"  # a loopback URL is refused without a request: no network
    post.write_text(LINKS_POST.replace("https://paywall.example", "http://127.0.0.1:9"))
    code, _, _ = _run(
        capsys, "check", str(post), "--report-dir", "r", "--no-store",
        "--ignore-file", str(ignore), "--include", r"127\.0\.0\.1",
    )  # fmt: skip
    statuses = _statuses(tmp_path / "r")
    # it reached the checker, which refuses loopback hosts itself (no --allow-private)
    assert "private or local network" in str(statuses["http://127.0.0.1:9/story"][1])
    assert statuses["https://x.com/someone/status/1"][0] == "skipped"
    assert code in {ExitCode.OK, ExitCode.FAILED}


def test_verbose_prints_a_line_per_citation(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    post = _write_links_post(tmp_path)
    base = ["check", str(post), "--report-dir", "r", "--no-store", "--exclude", "."]
    code, _, err = _run(capsys, *base, "--verbose")
    assert code == ExitCode.FAILED  # all skipped: nothing checked
    lines = err.splitlines()
    assert "citecheck: 1 posts, 2/2 citations checked" in lines  # -v: progress lines at once
    assert any(
        line.startswith("skipped") and "https://paywall.example/story" in line for line in lines
    )
    assert sum(line.startswith("skipped ") for line in lines) == 2
    _, _, quiet_err = _run(capsys, *base)
    assert quiet_err == ""  # not a terminal and not verbose: no progress lines
    _, out, loud_err = _run(capsys, *base, "-v", "-q")
    assert loud_err == ""  # --quiet wins: no progress, and only the failures on stdout
    assert out.splitlines()[:2] == [
        "citecheck: 1 failing finding, worst first:",
        "  problems of the run (1)",
    ]
    assert out.splitlines()[2].startswith("    the run  nothing-checked  the run checked no")
    assert len(out.splitlines()) == 3


def test_status_line_on_a_terminal(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    post = _write_links_post(tmp_path)
    code, _, err = _run(
        capsys, "check", str(post), "--report-dir", "r", "--no-store", "--exclude", "."
    )
    assert code == ExitCode.FAILED  # all skipped: nothing checked
    assert "citations checked" in err  # the live panel (tests/report/test_progress.py)
    assert err.endswith("\x1b[2K")  # taken away before the summary


@pytest.mark.parametrize(
    ("flags", "fragment"),
    [
        (["--exclude", "(unclosed"], "exclude pattern '(unclosed' is not a valid regular"),
        (["--include", "*.x"], "include pattern '*.x' is not a valid regular"),
        (["--ignore-file", "/no/such/ignore"], "--ignore-file /no/such/ignore: no such file"),
    ],
)
def test_bad_patterns_are_one_line_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, flags: list[str], fragment: str
) -> None:
    post = _write_links_post(tmp_path)
    code, _, err = _run(capsys, "check", str(post), "--no-store", *flags)
    _assert_one_line_error(code, err, fragment)


def test_bad_ignore_file_line_is_a_one_line_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".citecheckignore").write_text("fine\n\n[oops\n", encoding="utf-8")
    post = _write_links_post(tmp_path)
    code, _, err = _run(capsys, "check", str(post), "--no-store", "--report-dir", "r")
    _assert_one_line_error(code, err, ".citecheckignore:3: '[oops' is not a valid")
    assert not (tmp_path / "r").exists()


def test_output_names_each_failing_finding_then_the_report_to_open(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The snapshot of a run's stdout: failures, the rest, accounting, the report to open."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "post.md").write_text(MISSING_URL_POST, encoding="utf-8")
    base = ["check", "post.md", "--report-dir", "r", "--no-store", "--format", "json,html"]
    code, out, _ = _run(capsys, *base)
    assert code == ExitCode.FAILED
    failure = (
        "    post.md:5  (no URL) “Ukraine's Hardest Winter”  missing-url  the attribution names "
        "“Ukraine's Hardest Winter” but gives no URL — add the original article's URL to the "
        "attribution block"
    )
    assert out.splitlines() == [
        "citecheck: 1 failing finding, worst first:",
        "  翻訳記事のタイトル(Foreign Affairs) (1)",
        failure,
        "citecheck: 1 input, 1 post, 1 citation: 1 checked; findings: missing-url: 1",
        f"citecheck: open {Path('r') / 'report.html'} (also written: report.json)",
    ]
    code, quiet, _ = _run(capsys, *base, "-q")
    assert code == ExitCode.FAILED
    assert quiet.splitlines() == out.splitlines()[:3]  # -q: the failures, nothing else
    code, passing, _ = _run(capsys, *base, "--fail-on", "broken")
    assert code == ExitCode.OK
    assert passing.splitlines()[0] == (
        "citecheck: 1 more finding does not fail the run (1 error): r/report.html"
    )


@pytest.mark.parametrize("name", ["notes.md", "feed.xml", "/no/such/site.example.com"])
def test_a_missing_file_is_not_taken_for_a_web_address(
    capsys: pytest.CaptureFixture[str], name: str
) -> None:
    code, _, err = _run(capsys, "check", name)
    _assert_one_line_error(code, err, "no such file or folder")
    assert "https://" not in err


@pytest.mark.parametrize("name", ["a" * 5000, "a/" * 3000 + "post.md"])
def test_a_name_the_os_will_not_look_at_is_one_line_not_a_crash(
    capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """A name longer than the OS allows (ENAMETOOLONG from ``stat``) is bad input, exit 2,
    not an internal error (exit 3, a crash log): both the working-folder roots and discovery
    look at each input's path."""
    code, _, err = _run(capsys, "check", name, "--no-store")
    _assert_one_line_error(code, err, "cannot read (File name too long)")
