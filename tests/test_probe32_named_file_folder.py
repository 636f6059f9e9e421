"""Probe 32: a file named as an input has its own folder's files looked up, as lychee's are.

``citecheck check ~/blog/posts/post.md`` run from another folder reported every relative link
of the post (``[the earlier post](earlier.md)``) ``skipped``, "outside the tree": only the
working folder and the folders named were looked into, and a file's own folder was neither.  A
link to a missing neighbour was never said.  The folder of each file named is now one of the
folders looked into; a link out of it (``../x.md``) is still a note, never a look-up.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from checker.cli import ExitCode, main

if TYPE_CHECKING:
    from pathlib import Path

    import pytest


def test_a_named_files_neighbours_are_looked_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    posts = tmp_path / "blog" / "posts"
    posts.mkdir(parents=True)
    (posts / "earlier.md").write_text("# Earlier\n", encoding="utf-8")
    (tmp_path / "blog" / "drafts.md").write_text("# Drafts\n", encoding="utf-8")
    post = posts / "post.md"
    post.write_text(
        "# Post\n\n[the earlier post](earlier.md), [the next one](next.md), "
        "[the drafts](../drafts.md).\n",
        encoding="utf-8",
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    argv = ["check", str(post), "--no-store", "--archive", "off", "--format", "json"]
    code = main([*argv, "--report-dir", str(elsewhere / "report")])
    report = json.loads((elsewhere / "report" / "report.json").read_text(encoding="utf-8"))
    statuses = {
        c["url"].rsplit("/", 1)[-1]: c["status"]
        for d in report["documents"]
        for c in d["citations"]
    }
    assert statuses == {"earlier.md": "ok", "next.md": "broken", "drafts.md": "skipped"}
    assert code == ExitCode.FAILED
