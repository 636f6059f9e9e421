"""Probe 20: ``citecheck fix --write`` on hostile or unusual files.

A post that is a symbolic link (a blog repository sharing one post between two folders, or
posts kept elsewhere and linked in) was replaced by a regular file holding the fix: the file the
link points to kept the dead link, and the link was gone from the repository.  ``--patch`` named
the target (it resolves the path), ``--write`` wrote the link: now both mean the target.
"""

from __future__ import annotations

from pathlib import Path

from checker.fix import read_source, write_file


def test_a_linked_post_is_fixed_where_it_lives_and_stays_a_link(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    target = shared / "post.md"
    target.write_bytes(b"[a](https://a.example/x)\n")
    link = tmp_path / "post.md"
    link.symlink_to(target)
    source = read_source(link)
    backup = write_file(source, source.text.replace("/x", "/y"))
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert target.read_bytes() == b"[a](https://a.example/y)\n"
    assert backup.read_bytes() == b"[a](https://a.example/x)\n"
    assert backup.parent == shared  # beside the file it keeps
