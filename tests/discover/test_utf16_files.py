"""Probe 17: a post saved as UTF-16 with its byte order mark is read, not refused as binary.

Windows Notepad's "Unicode" and many Windows tools write UTF-16 with a BOM.  The sniffing rule
(WHATWG's binary data bytes) saw its NULs and said "not a text file (binary content)": a named
file stopped the run (exit 2), a file in a folder became ``post-unreadable``.  WHATWG's rule
looks for a byte order mark first; so does the checker now.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from checker.cli import ExitCode, main
from checker.encoding import is_textual

POST = "# Notes\n\nSee https://news.example/utf16-story and [this](https://news.example/other).\n"


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
)
def test_a_utf16_post_with_a_bom_is_read(
    bom: bytes, codec: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = tmp_path / "post.md"
    post.write_bytes(bom + POST.encode(codec))
    assert main(["check", str(post), "--dump"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert f"{post}:3  https://news.example/utf16-story" in out
    assert f"{post}:3  https://news.example/other" in out


def test_a_utf16_post_in_a_folder_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.md").write_bytes(codecs.BOM_UTF16_LE + POST.encode("utf-16-le"))
    (tmp_path / "b.md").write_text("# B\n\nhttps://news.example/b\n", encoding="utf-8")
    assert main(["check", str(tmp_path), "--dump"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "https://news.example/utf16-story" in out and "https://news.example/b" in out


def test_sniffing_honours_a_bom_but_still_refuses_binary() -> None:
    assert is_textual(None, codecs.BOM_UTF16_LE + "text".encode("utf-16-le"))
    assert is_textual(None, codecs.BOM_UTF8 + b"text")
    assert not is_textual(None, b"\x00\x01\x02binary")
