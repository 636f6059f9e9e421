"""Probe 19b: ``--dump`` lists the posts it could not read, marked, instead of leaving them out.

A folder with a binary ``bin.md`` and a ``dangling.md`` (a symbolic link to nothing) beside a
readable post: ``--dump`` printed the readable post's citations only, as if the other two had
none, while ``check`` reports each as ``post-unreadable``.
"""

from __future__ import annotations

from pathlib import Path

from tests.fetch.support import run_citecheck


def test_dump_lists_unreadable_posts_marked_with_their_reason(tmp_path: Path) -> None:
    folder = tmp_path / "posts"
    folder.mkdir()
    (folder / "a.md").write_text("# A\n\n[a](https://a.example/1)\n", encoding="utf-8")
    (folder / "bin.md").write_bytes(b"\x00\x01\x02binary")
    (folder / "dangling.md").symlink_to(tmp_path / "moved-away.md")
    done = run_citecheck(["check", "posts", "--dump"], tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "posts/a.md:3  https://a.example/1"
    marked = {line.split("  ", 1)[0]: line.split("  ", 1)[1] for line in lines[1:]}
    assert set(marked) == {"posts/bin.md", "posts/dangling.md"}, lines
    assert marked["posts/bin.md"].startswith("[post-unreadable] ")
    assert "not a text file (binary content)" in marked["posts/bin.md"]
    assert "a symbolic link to nothing" in marked["posts/dangling.md"]
