"""The GitHub Action's ``inputs`` reach citecheck whole: a value of several lines is one input
a line (a path with a space stays one path), a one-line value is split at spaces as before, and
an input starting with ``-`` is an input, not an option.

The step split ``inputs`` at every space (``read -a``), so ``docs/my post.md`` was two missing
files (exit 2), and ``-draft.md`` an unknown option (session 33's leftover).  The step's script
is run by bash as the runner runs it (probe 33's helper), on local posts: nothing is fetched.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.report.test_probe33_action_summary import _run_step

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="the steps run in bash")

_BROKEN = "# Post\n\nSee [it](missing.md).\n"


def _origins(tmp_path: Path) -> set[str]:
    report = json.loads((tmp_path / "reports" / "report.json").read_text(encoding="utf-8"))
    return {post["origin"] for post in report["documents"]}


def test_one_input_a_line_keeps_spaces_and_leading_dashes(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "my post.md").write_text(_BROKEN, encoding="utf-8")
    (tmp_path / "-draft.md").write_text(_BROKEN, encoding="utf-8")
    status, output, _ = _run_step(tmp_path, "docs/my post.md\n# drafts too\n-draft.md\n")
    assert status == 0 and "exit-code=1" in output
    assert _origins(tmp_path) == {"docs/my post.md", "-draft.md"}


def test_a_one_line_value_is_split_at_spaces(tmp_path: Path) -> None:
    for name in ("a.md", "-b.md"):
        (tmp_path / name).write_text(_BROKEN, encoding="utf-8")
    status, output, _ = _run_step(tmp_path, "a.md  -b.md")
    assert status == 0 and "exit-code=1" in output
    assert _origins(tmp_path) == {"a.md", "-b.md"}


def test_an_empty_value_is_bad_usage(tmp_path: Path) -> None:
    status, output, _ = _run_step(tmp_path, " ")
    assert status == 0 and "exit-code=2" in output
