"""Mend 31: files probe 31 left unread, and Liquid comments it left shown.

* UTF-16 without a byte order mark (``.md``, ``.html``, ``.txt``: PowerShell's ``Out-File``,
  Windows tools) was "binary content": said ``post-unreadable`` in a folder, exit 2 when named.
  It is read; a binary file with NULs in both bytes of its pairs is still refused.
* One stray NUL in a Markdown post refused the post the same way: it is text (the NUL read as
  U+FFFD, as CommonMark reads it), with no word; a file of many control bytes is still binary.
* A Liquid ``{% comment %}`` inside a paragraph (closed on its line or a later one) showed its
  draft link, cited: hidden now, as Jekyll renders it; the lines after keep their numbers.

Every run is the real CLI on local files whose links are local files: nothing is fetched.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from checker.cli import ExitCode, main

_POST = "# Notes\n\nSee [the other note](other.md) for more.\n"


def _run(target: Path, reports: Path) -> tuple[int, dict[str, Any]]:
    """The CLI on ``target``, its folder the tree its local links are looked up in."""
    argv = ["check", str(target), "--no-store", "--processes", "1", "--archive", "off"]
    argv += ["--root-dir", str(target if target.is_dir() else target.parent)]
    code = main([*argv, "--report-dir", str(reports), "--format", "json"])
    return code, json.loads((reports / "report.json").read_text(encoding="utf-8"))


def _cited(report: dict[str, Any]) -> dict[str, str]:
    return {
        c["url"].rsplit("/", 1)[-1]: c["status"]
        for d in report["documents"]
        for c in d["citations"]
    }


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("post.md", _POST),
        ("post.txt", "Notes. See the other note for more.\n"),
        (
            "post.html",
            '<html><body><p>See <a href="other.md">the other note</a>.</p></body></html>',
        ),
    ],
)
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_mark_is_read(tmp_path: Path, name: str, body: str, codec: str) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "other.md").write_text("# Other\n", encoding="utf-8")
    (folder / name).write_bytes(body.encode(codec))
    code, report = _run(folder / name, tmp_path / "reports")
    assert not [p for p in report["problems"] if p["code"] == "post-unreadable"]
    assert len(report["documents"]) == 1
    if name != "post.txt":  # (a text file cites URLs only: none here, nothing checked)
        assert _cited(report) == {"other.md": "ok"}
        assert code == ExitCode.OK


def test_a_stray_nul_in_a_post_is_text(tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "other.md").write_text("# Other\n", encoding="utf-8")
    (folder / "post.md").write_bytes(_POST.replace("for more", "for\0 more").encode())
    code, report = _run(folder / "post.md", tmp_path / "reports")
    assert code == ExitCode.OK
    assert _cited(report) == {"other.md": "ok"}


def test_binary_files_are_still_refused(tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "post.md").write_text(_POST, encoding="utf-8")
    (folder / "other.md").write_text("# Other\n", encoding="utf-8")
    (folder / "blob.md").write_bytes(bytes(range(256)) * 8)
    (folder / "pairs.md").write_bytes(b"\0\x01a\0" * 600)
    _code, report = _run(folder, tmp_path / "reports")
    unread = {
        p["subject"].rsplit("/", 1)[-1]
        for p in report["problems"]
        if p["code"] == "post-unreadable"
    }
    assert unread == {"blob.md", "pairs.md"}


def test_a_liquid_comment_within_a_paragraph_is_hidden(tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "other.md").write_text("# Other\n", encoding="utf-8")
    (folder / "third.md").write_text("# Third\n", encoding="utf-8")
    (folder / "post.md").write_text(
        "# Notes\n\nSee [the other note](other.md). {% comment %}[draft](draft-a.md)"
        "{% endcomment %} More {%- comment -%} a note\n[draft](draft-b.md)\n{% endcomment %} "
        "and [the third](third.md).\n",
        encoding="utf-8",
    )
    code, report = _run(folder / "post.md", tmp_path / "reports")
    (document,) = report["documents"]
    lines = {c["url"].rsplit("/", 1)[-1]: c["line"] for c in document["citations"]}
    assert lines == {"other.md": 3, "third.md": 5}
    assert code == ExitCode.OK
