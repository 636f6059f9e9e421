"""Every entry of a folder input is read or said (session 28 left: a gzipped post, ``x.md.gz``,
was an "other file", never read; a symbolic link to a folder, a pipe and a broken link with no
post's suffix, and a folder that could not be listed, were left out with no word).  Through the
real CLI on local folders: nothing is fetched."""

from __future__ import annotations

import gzip
import json
import os
from typing import TYPE_CHECKING, Any

import pytest

from checker.cli import ExitCode, main

if TYPE_CHECKING:
    from pathlib import Path

POST = "---\ntitle: {title}\n---\n\nSee [the missing one](./missing-{title}.md).\n"


def _run(folder: Path, tmp_path: Path) -> tuple[int, dict[str, Any]]:
    out = tmp_path / "out"
    argv = ["check", str(folder), "--no-store", "--archive", "off", "--format", "json"]
    code = main([*argv, "--report-dir", str(out)])
    return code, json.loads((out / "report.json").read_text(encoding="utf-8"))


def _broken(report: dict[str, Any]) -> set[str]:
    return {
        c["url"].rsplit("/", 1)[-1]
        for d in report["documents"]
        for c in d["citations"]
        if c["status"] == "broken"
    }


def test_gzipped_posts_in_a_folder_are_read(tmp_path: Path) -> None:
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "a.md.gz").write_bytes(gzip.compress(POST.format(title="a").encode()))
    html = "<html><head><title>b</title></head><body><a href='missing-b.html'>b</a></body></html>"
    (posts / "b.HTML.GZ").write_bytes(gzip.compress(html.encode()))
    (posts / "c.md").write_text(POST.format(title="c"), encoding="utf-8")
    code, report = _run(posts, tmp_path)
    assert sorted(d["title"] for d in report["documents"]) == ["a", "b", "c"]
    assert _broken(report) == {"missing-a.md", "missing-b.html", "missing-c.md"}
    assert not [p for p in report["problems"] if p["code"] == "files-not-read"]
    assert code == ExitCode.FAILED


def test_a_gzipped_post_cut_short_is_read_up_to_the_cut_and_said(tmp_path: Path) -> None:
    posts = tmp_path / "posts"
    posts.mkdir()
    whole = gzip.compress((POST.format(title="a") + "\n" + "words " * 20_000).encode())
    (posts / "a.md.gz").write_bytes(whole[: len(whole) * 2 // 3])
    code, report = _run(posts, tmp_path)
    assert _broken(report) == {"missing-a.md"}
    (said,) = [p for p in report["problems"] if p["code"] == "post-unreadable"]
    assert "gzip stream ends before its end mark" in said["message"]
    assert said["subject"] == str(posts / "a.md.gz")
    assert code == ExitCode.FAILED


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_entries_that_are_no_file_are_said(tmp_path: Path) -> None:
    posts, elsewhere = tmp_path / "posts", tmp_path / "elsewhere"
    posts.mkdir()
    elsewhere.mkdir()
    (elsewhere / "d.md").write_text(POST.format(title="d"), encoding="utf-8")
    (posts / "c.md").write_text(POST.format(title="c"), encoding="utf-8")
    (posts / "linked").symlink_to(tmp_path)  # above the folder: a loop (session 32 walks
    # a folder linked in from outside: tests/test_left32_folder_links.py)
    (posts / "broken").symlink_to(tmp_path / "nowhere")
    os.mkfifo(posts / "pipe")
    _code, report = _run(posts, tmp_path)
    (note,) = [p["message"] for p in report["problems"] if p["code"] == "files-not-read"]
    assert note.startswith("3 entries in this folder were not read")
    linked = "symbolic link(s) to this folder, a folder in it or above it, not followed"
    assert f"{linked} ({posts / 'linked'})" in note
    assert f"symbolic link(s) to nothing (broken, or a loop) ({posts / 'broken'})" in note
    assert f"pipe(s), socket(s) or device(s) ({posts / 'pipe'})" in note


def test_a_folder_that_cannot_be_listed_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Run as root, a folder without permission is listed anyway: the refusal is the file
    system's answer stood in for (the walk's own call, not the transport)."""
    posts = tmp_path / "posts"
    (posts / "locked").mkdir(parents=True)
    (posts / "locked" / "d.md").write_text(POST.format(title="d"), encoding="utf-8")
    (posts / "c.md").write_text(POST.format(title="c"), encoding="utf-8")
    real = os.scandir

    def scandir(path: Any) -> Any:
        if str(path).endswith(("locked", "lost+found")):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr("checker.discover.ignore.os.scandir", scandir)
    (posts / "lost+found").mkdir()
    (posts / "c.md").write_text("---\ntitle: c\n---\n\nSee [this](./c.md).\n", encoding="utf-8")
    code, report = _run(posts, tmp_path)
    (said,) = [p["message"] for p in report["problems"] if p["code"] == "files-not-read"]
    assert "2 folder(s) that cannot be listed, Permission denied" in said
    assert str(posts / "locked") in said and str(posts / "lost+found") in said
    # what a folder not listed holds is unknown: said, not a post unread failing the run
    assert not [p for p in report["problems"] if p["code"] == "post-unreadable"]
    assert [d["title"] for d in report["documents"]] == ["c"]
    assert code == ExitCode.OK
