from __future__ import annotations

import pytest

from checker.encoding import decode_body, is_textual

JAPANESE = "ウクライナが迎えた冬が最大の試練だ。ロシアは2024年11月までに計画していた。"


@pytest.mark.parametrize("codec", ["shift_jis", "euc_jp", "iso2022_jp", "utf-8"])
def test_undeclared_japanese_is_detected(codec: str) -> None:
    body = f"<html><head><title>{JAPANESE}</title></head><body><p>{JAPANESE * 5}</p></body></html>"
    text, _ = decode_body(body.encode(codec), None)
    assert JAPANESE in text


def test_header_charset_wins() -> None:
    body = f"<p>{JAPANESE}</p>".encode("shift_jis")
    text, encoding = decode_body(body, "text/html; charset=Shift_JIS")
    assert JAPANESE in text
    assert encoding == "cp932"


def test_meta_charset_is_read() -> None:
    body = f'<meta charset="euc-jp"><p>{JAPANESE}</p>'.encode("euc_jp")
    text, encoding = decode_body(body, "text/html")
    assert JAPANESE in text
    assert encoding == "euc-jp"


def test_wrong_declared_charset_is_not_trusted() -> None:
    body = f"<p>{JAPANESE * 3}</p>".encode("shift_jis")
    text, _ = decode_body(body, "text/html; charset=utf-8")
    assert JAPANESE in text


def test_bom_wins_over_meta() -> None:
    body = b"\xef\xbb\xbf" + '<meta charset="iso-8859-1"><p>é</p>'.encode()
    text, encoding = decode_body(body, None)
    assert "é" in text
    assert not text.startswith("\ufeff")
    assert encoding == "utf-8"


@pytest.mark.parametrize(
    ("content_type", "head", "textual"),
    [
        ("text/html; charset=utf-8", b"<html>", True),
        ("application/xhtml+xml", b"<html>", True),
        ("application/rss+xml", b"<rss>", True),
        ("image/png", b"\x89PNG", False),
        ("application/pdf", b"%PDF", False),
        (None, b"<html>", True),
        (None, b"\x00\x01binary", False),
        ("application/octet-stream", b"<html>", True),
    ],
)
def test_is_textual(content_type: str | None, head: bytes, textual: bool) -> None:
    assert is_textual(content_type, head) is textual
