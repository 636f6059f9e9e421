"""A repository coming from lychee keeps its exclusions: its ``.lycheeignore`` (one exclude
regex a line, ``#`` comments, the lines ``.citecheckignore`` holds) is read in the working
folder when no ``.citecheckignore`` is there.  It was passed over in silence: the links it kept
out were checked again, and the job that passed with lychee failed on them.  Through the CLI on
local posts (nothing is fetched).  Probe 33.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.cli import ExitCode, main

POST = "# Post\n\nSee [the draft](drafts/unwritten.md) and [the guide](guide.md).\n"


def _check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, dict[str, str]]:
    (tmp_path / "post.md").write_text(POST, encoding="utf-8")
    (tmp_path / "guide.md").write_text("# Guide\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    argv = ["check", "post.md", "--no-store", "--archive", "off", "--format", "json", "-q"]
    code = main([*argv, "--report-dir", "out"])
    report = json.loads(Path("out/report.json").read_text(encoding="utf-8"))
    (post,) = report["documents"]
    return code, {c["url"].rsplit("/", 1)[-1]: c["status"] for c in post["citations"]}


def test_a_lycheeignore_keeps_its_links_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".lycheeignore").write_text("# not written yet\n/drafts/\n", encoding="utf-8")
    code, statuses = _check(tmp_path, monkeypatch)
    assert code == ExitCode.OK
    assert statuses == {"unwritten.md": "skipped", "guide.md": "ok"}


def test_a_citecheckignore_wins_over_a_lycheeignore(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One ignore file is read, as one was before: citecheck's own, when both are there."""
    (tmp_path / ".lycheeignore").write_text("/drafts/\n", encoding="utf-8")
    (tmp_path / ".citecheckignore").write_text("guide\n", encoding="utf-8")
    code, statuses = _check(tmp_path, monkeypatch)
    assert code == ExitCode.FAILED
    assert statuses == {"unwritten.md": "broken", "guide.md": "skipped"}
