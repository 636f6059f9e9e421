"""``-o FILE`` inside a folder being checked is the run's own file, as the report folder's
reports are: the next run does not read it as a post.

``citecheck check docs -o docs/citecheck.md --format md`` run twice read the first report as a
post of the folder: its every finding was found again in the report, the count doubled and a
post named citecheck.md failed the run.  Through the CLI on local posts (nothing is fetched).
Probe 33.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.cli import ExitCode, main


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_report_written_into_the_folder_is_not_checked_by_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "post.md").write_text("# Post\n\nSee [the guide](guide.md).\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    argv = ["check", "docs", "--no-store", "--archive", "off", "-q", "--format", fmt]
    for _ in range(2):
        assert main([*argv, "-o", f"docs/citecheck.{fmt}"]) == ExitCode.FAILED
    second = (docs / f"citecheck.{fmt}").read_text(encoding="utf-8")
    assert "1 input, 1 post, 1 citation: 1 checked" in second


def test_an_output_outside_the_folder_leaves_every_post_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "post.md").write_text("# Post\n\nSee [the guide](guide.md).\n", encoding="utf-8")
    (docs / "notes.md").write_text("# Notes\n\nSee [the post](post.md).\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    argv = ["check", "docs", "--no-store", "--archive", "off", "-q"]
    assert main([*argv, "--format", "json", "-o", "out.json"]) == ExitCode.FAILED
    report = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert {post["origin"] for post in report["documents"]} == {"docs/post.md", "docs/notes.md"}
