"""Probe 23: a post file with a stray control character is still the text its name says.

A real Docusaurus blog holds ``template-literals.md`` with one backspace (``\\x08``) pasted into
a code sample.  The file was refused as binary (WHATWG's sniffing rule, meant for a response
with no type: any control byte in its first 1,445 bytes) and reported ``post-unreadable``, an
error that failed the run over a readable post.  A file named as a post is binary only when it
holds a NUL (git's rule: no text format writes one), or is cut off as UTF-16 without its mark.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from checker.discover.inputs import _walked

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.parametrize("control", [b"\x08", b"\x01", b"\x1a", b"\x0b", b"\x7f"])
def test_a_post_with_a_stray_control_character_is_read(tmp_path: Path, control: bytes) -> None:
    body = (
        b"# Template literals\n\nA `${a} "
        + control
        + b"is` sample, [MDN](https://mdn.example/t).\n"
    )
    (tmp_path / "post.md").write_bytes(body)
    walked = _walked(tmp_path)
    pages = list(walked.read())
    assert [page.origin for page in pages] == [str(tmp_path / "post.md")]
    assert "https://mdn.example/t" in pages[0].body
    assert not walked.discovery().failed


def test_a_post_file_holding_nul_bytes_is_still_binary(tmp_path: Path) -> None:
    (tmp_path / "post.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    walked = _walked(tmp_path)
    assert list(walked.read()) == []
    (failed,) = walked.discovery().failed
    assert "binary" in failed.reason
