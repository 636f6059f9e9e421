"""An unwritable ``$GITHUB_STEP_SUMMARY`` is said in one line and does not replace the run's
verdict (session 28 left: exit 2 after the reports were written, a run's failing findings (1)
and a passing run (0) alike).  Through the real CLI on a local post (nothing is fetched)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from checker.cli import ExitCode, main

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.parametrize(
    ("target", "verdict"),
    [("missing.md", ExitCode.FAILED), ("other.md", ExitCode.OK)],
    ids=["failing", "passing"],
)
def test_the_run_s_verdict_stands_when_the_summary_cannot_be_written(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    target: str,
    verdict: ExitCode,
) -> None:
    (tmp_path / "post.md").write_text(f"# Post\n\nSee [it]({target}).\n", encoding="utf-8")
    (tmp_path / "other.md").write_text("# Other\n", encoding="utf-8")
    unwritable = tmp_path / "summary-is-a-folder"
    unwritable.mkdir()  # opened to append, a folder fails as a full or read-only disk would
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(unwritable))
    argv = ["check", "post.md", "--no-store", "--archive", "off", "--format", "json"]
    code = main([*argv, "--report-dir", str(tmp_path / "out")])
    out, err = capsys.readouterr()
    assert code == verdict
    (said,) = [line for line in err.splitlines() if "GITHUB_STEP_SUMMARY" in line]
    assert said.startswith("citecheck: warning: cannot append to $GITHUB_STEP_SUMMARY")
    assert "Traceback" not in out + err
    assert (tmp_path / "out" / "report.json").is_file()
