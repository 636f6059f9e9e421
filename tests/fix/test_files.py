"""The user's files: byte-exact reading, patches, atomic replacement with a backup."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.fix import FixError, patch_bytes, read_source, write_file


def test_a_shift_jis_file_round_trips_and_its_patch_is_in_shift_jis(tmp_path: Path) -> None:
    post = tmp_path / "post.txt"
    data = "出典: https://a.example/x\r\n本文\r\n".encode("shift_jis")
    post.write_bytes(data)
    source = read_source(post)
    assert source.reason is None
    new = source.text.replace("https://a.example/x", "https://a.example/y")
    patch = patch_bytes(source, new, "post.txt")
    assert "出典: https://a.example/y\r\n".encode("shift_jis") in patch
    assert patch.startswith(b"--- a/post.txt\n+++ b/post.txt\n@@ -1,2 +1,2 @@\n")


def test_a_file_with_a_bom_keeps_it(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_bytes(b"\xef\xbb\xbf[a](https://a.example/x)\n")
    source = read_source(post)
    assert source.reason is None
    write_file(source, source.text.replace("/x", "/y"))
    assert post.read_bytes() == b"\xef\xbb\xbf[a](https://a.example/y)\n"


def test_a_file_that_does_not_encode_back_is_refused(tmp_path: Path) -> None:
    post = tmp_path / "post.html"
    # UTF-8 but for one stray byte: read with a replacement character, which cannot be written
    post.write_bytes('<meta charset="utf-8"><p>出典</p>'.encode() + b"\xff\n")
    assert read_source(post).reason == "its bytes do not decode and encode back"


def test_a_file_changed_since_the_check_is_left_alone(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_bytes(b"old\n")
    source = read_source(post)
    post.write_bytes(b"edited meanwhile\n")
    with pytest.raises(FixError, match="changed since it was checked"):
        write_file(source, "new\n")
    assert post.read_bytes() == b"edited meanwhile\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["post.md"]


def test_a_failed_replace_leaves_the_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    post = tmp_path / "post.md"
    post.write_bytes(b"old\n")
    source = read_source(post)

    def refuse(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(FixError, match="No space left on device"):
        write_file(source, "new\n")
    assert post.read_bytes() == b"old\n"
    assert not list(tmp_path.glob(".*.tmp"))


def test_backups_never_overwrite_an_older_backup(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_bytes(b"first\n")
    (tmp_path / "post.md.orig").write_bytes(b"older backup\n")
    assert write_file(read_source(post), "second\n").name == "post.md.orig.1"
    assert (tmp_path / "post.md.orig").read_bytes() == b"older backup\n"
    assert (tmp_path / "post.md.orig.1").read_bytes() == b"first\n"
