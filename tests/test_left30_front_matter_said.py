"""A ``---`` block meant as front matter that is no YAML is said, not read as prose in silence
(session 29 left: its title and date were lost with no word; Jekyll and Hugo fail on it).  A
post opening with a thematic break and a paragraph is not flagged.  Local files only."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from checker.cli import ExitCode, main

if TYPE_CHECKING:
    from pathlib import Path

POSTS = {
    "meant.md": "---\ntitle: My post\nThis line is prose, no YAML.\n---\n\nSee [x](./a.md).\n",
    "crlf.md": "---\r\ndate: 2024-05-01\r\nnot yaml\r\n...\r\n\r\nText.\r\n",
    "break.md": "---\n\nA paragraph after a thematic break [y](./b.md).\n\n---\n\nMore.\n",
    "yaml.md": "---\ntitle: Fine\n---\n\nText.\n",
    "unclosed.md": "---\ntitle: open\nprose\n",
}


def test_front_matter_that_is_no_yaml_is_said_and_a_thematic_break_is_not(
    tmp_path: Path,
) -> None:
    posts = tmp_path / "posts"
    posts.mkdir()
    for name, text in POSTS.items():
        (posts / name).write_bytes(text.encode())
    (posts / "a.md").write_text("---\ntitle: A\n---\n\nText.\n", encoding="utf-8")
    (posts / "b.md").write_text("---\ntitle: B\n---\n\nText.\n", encoding="utf-8")
    out = tmp_path / "out"
    argv = ["check", str(posts), "--no-store", "--archive", "off", "--format", "json"]
    code = main([*argv, "--report-dir", str(out)])
    report: dict[str, Any] = json.loads((out / "report.json").read_text(encoding="utf-8"))
    said = {
        p["subject"].rsplit("/", 1)[-1]: p
        for p in report["problems"]
        if p["code"] == "post-unreadable"
    }
    assert set(said) == {"meant.md", "crlf.md"}
    assert said["meant.md"]["severity"] == "warning"
    assert said["meant.md"]["message"].startswith("lines 1-4 open the post as front matter")
    assert said["crlf.md"]["message"].startswith("lines 1-4 open the post as front matter")
    cited = {c["url"].rsplit("/", 1)[-1] for d in report["documents"] for c in d["citations"]}
    assert cited == {"a.md", "b.md"}  # both read as the posts' text, and checked
    assert code == ExitCode.OK  # a warning fails nothing by default
