"""The GitHub Action's run step puts the run's summary on the job's page once, and only this
run's.

citecheck appends its Markdown summary to ``$GITHUB_STEP_SUMMARY`` itself under Actions; the
action's step then appended ``report.md`` again: every run's summary was shown twice, and a run
that ended in exit 2 before writing a report showed an earlier run's report.md (a committed or
cached ``reports/``) as its own, "passed".  The step's script is run here by bash as the
runner runs it, with ``citecheck`` on PATH running this checkout on local posts (nothing is
fetched).  Probe 33.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def _run_step(tmp_path: Path, inputs: str) -> tuple[int, str, str]:
    """The action's ``check`` step run in ``tmp_path``: its status, output file and summary."""
    (step,) = [
        s
        for s in yaml.safe_load((ROOT / "action.yml").read_text())["runs"]["steps"]
        if s.get("id") == "check"
    ]
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    shim = bin_folder / "citecheck"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m checker "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    summary, output = tmp_path / "summary.md", tmp_path / "output.txt"
    env = {
        **os.environ,
        "PATH": f"{bin_folder}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(ROOT),
        "GITHUB_ACTIONS": "true",
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_OUTPUT": str(output),
        "CITECHECK_INPUTS": inputs,
        "CITECHECK_REPORT_DIR": "reports",
        "CITECHECK_FORMAT": "json,md",
        "CITECHECK_FAIL_ON": "error",
        "CITECHECK_CONFIG": "",
        "CITECHECK_TIMEOUT": "",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    done = subprocess.run(
        ["bash", "-e", "-c", step["run"]], cwd=tmp_path, env=env, check=False, timeout=300
    )
    text = summary.read_text(encoding="utf-8") if summary.exists() else ""
    return done.returncode, output.read_text(encoding="utf-8"), text


@pytest.mark.skipif(shutil.which("bash") is None, reason="the action's steps run in bash")
def test_the_summary_is_shown_once(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_text("# Post\n\nSee [it](missing.md).\n", encoding="utf-8")
    status, output, summary = _run_step(tmp_path, "post.md")
    assert status == 0 and "exit-code=1" in output
    assert summary.count("# citecheck FAILED") == 1


@pytest.mark.skipif(shutil.which("bash") is None, reason="the action's steps run in bash")
def test_a_run_that_wrote_no_report_shows_no_earlier_report(tmp_path: Path) -> None:
    stale = tmp_path / "reports" / "report.md"
    stale.parent.mkdir()
    stale.write_text("# citecheck passed\n\nan earlier run's report\n", encoding="utf-8")
    status, output, summary = _run_step(tmp_path, "no-such-post.md")
    assert status == 0 and "exit-code=2" in output
    assert "an earlier run's report" not in summary


@pytest.mark.skipif(shutil.which("bash") is None, reason="the action's steps run in bash")
def test_a_one_line_input_starting_with_a_hash_is_checked(tmp_path: Path) -> None:
    """Left 36 (session 34's leftover): ``inputs: post.md #draft.md`` went to --files-from a
    word a line, and ``#draft.md`` read as a comment line: dropped, its broken link unsaid."""
    (tmp_path / "post.md").write_text("# Post\n\nNo links.\n", encoding="utf-8")
    (tmp_path / "#draft.md").write_text("# Draft\n\nSee [it](missing.md).\n", encoding="utf-8")
    status, output, _summary = _run_step(tmp_path, "post.md #draft.md")
    assert status == 0 and "exit-code=1" in output
    report = (tmp_path / "reports" / "report.json").read_text(encoding="utf-8")
    assert "#draft.md" in report and "missing.md" in report
