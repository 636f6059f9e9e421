from __future__ import annotations

import os
import random
from collections.abc import Iterator

import pytest

from checker.encoding import decode_body, is_textual, reveal_text, reveal_url, scrub, text_codec
from checker.model import Outcome
from checker.sampleweb import SampleWeb
from checker.sampleweb.server import Response, Web
from tests.fetch.support import config_for, fetch

JAPANESE = "ウクライナが迎えた冬が最大の試練だ。ロシアは2024年11月までに計画していた。"


@pytest.mark.parametrize("codec", ["shift_jis", "euc_jp", "iso2022_jp", "utf-8"])
def test_undeclared_japanese_is_detected(codec: str) -> None:
    body = f"<html><head><title>{JAPANESE}</title></head><body><p>{JAPANESE * 5}</p></body></html>"
    text, _ = decode_body(body.encode(codec), None)
    assert JAPANESE in text


@pytest.mark.parametrize(
    "body", [b"gone", b"<html><title>A</title><p>Hello, world.</p>\r\n\t</html>", b"{}", b"x" * 999]
)
def test_undeclared_ascii_is_windows_1252_without_detection(
    body: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Plain ASCII text with no charset: what detection says of it (windows-1252, a browser's
    default), answered without running detection over it (issue 19: CPU per page)."""
    import charset_normalizer  # noqa: PLC0415

    assert text_codec(charset_normalizer.from_bytes(body).best().encoding) == "cp1252"  # type: ignore[union-attr]

    def detect(_: bytes) -> None:
        raise AssertionError("detection ran on plain ASCII")

    monkeypatch.setattr(charset_normalizer, "from_bytes", detect)
    assert decode_body(body, None) == (body.decode("ascii"), "cp1252")


@pytest.mark.parametrize("body", [b"", b"a\x00b\x00", b"\x1b$B%&%/%i%$%J\x1b(B"])
def test_empty_or_control_bytes_still_go_to_detection(body: bytes) -> None:
    """NULs (UTF-16 without a BOM), escapes (ISO-2022-JP) and an empty body are not plain ASCII
    text: detection decides, as before."""
    import charset_normalizer  # noqa: PLC0415

    best = charset_normalizer.from_bytes(body).best()
    expected = (text_codec(best.encoding) if best is not None else None) or "utf-8"
    assert decode_body(body, None)[1] == expected


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


# --- labels a page must not choose (issue 13) ---------------------------------------------------

# Python knows these, but they are no WHATWG encoding: ``undefined`` always raises, the others
# turn bytes into lone surrogates (or run escapes) that crash the store and the report writer.
HOSTILE_LABELS = ["undefined", "utf-7", "unicode_escape", "raw_unicode_escape", "x-user-defined"]
# Bytes that the hostile codecs would turn into lone surrogates: "+2D3-" is U+D83D in UTF-7.
TRAP = rb"<p>+2D3- \ud83d \udcff</p>"


@pytest.mark.parametrize("label", HOSTILE_LABELS)
@pytest.mark.parametrize("where", ["header", "meta"])
def test_a_hostile_label_is_ignored(label: str, where: str) -> None:
    content_type = f"text/html; charset={label}" if where == "header" else "text/html"
    meta = f'<meta charset="{label}">'.encode() if where == "meta" else b""
    body = meta + TRAP + f"<p>{JAPANESE}</p>".encode()
    text, encoding = decode_body(body, content_type)
    text.encode("utf-8")  # no lone surrogate
    assert JAPANESE in text
    assert "+2D3-" in text and "\\ud83d" in text  # the bytes stay data
    assert encoding == "utf-8"


@pytest.mark.parametrize("label", [*HOSTILE_LABELS, "utf_32", "rot13", "base64", "zlib"])
def test_only_whatwg_labels_have_a_codec(label: str) -> None:
    assert text_codec(label) is None


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("UTF-8", "utf-8"),
        (" Shift_JIS ", "cp932"),
        ("windows-31j", "cp932"),
        ("ISO-8859-1", "cp1252"),
        ("us-ascii", "cp1252"),
        ("gb2312", "gb18030"),
        ("big5", "big5hkscs"),
        ("euc-kr", "cp949"),
        ("iso-2022-jp", "iso2022_jp"),
        ("koi8-r", "koi8-r"),
        ("utf-16", "utf-16-le"),
        # names charset-normalizer guesses with
        ("shift_jis", "cp932"),
        ("latin_1", "cp1252"),
        ("euc_jis_2004", "euc_jis_2004"),
    ],
)
def test_whatwg_labels_map_to_the_browsers_codec(label: str, codec: str) -> None:
    assert text_codec(label) == codec


def test_meta_utf16_is_read_as_utf8() -> None:
    """A meta tag readable as ASCII cannot be UTF-16 (WHATWG): decoding it so would garble it."""
    body = f'<meta charset="utf-16"><title>{JAPANESE}</title>'.encode()
    text, encoding = decode_body(body, "text/html")
    assert JAPANESE in text and encoding == "utf-8"


# A UTF-8 page with one stray cp1252 quote: charset-normalizer guessed cp1258, turning the title
# into "CafĂ© culture in KrakĂ³w" (and so a false title-mismatch).
TITLE = "Café culture in Kraków"
BAD_UTF8 = (
    f"<html><head><title>{TITLE}</title></head><body><p>"
    + "the mayor said that it is over and we will see " * 20
).encode() + b"</p><p>it\x92s over</p></body></html>"


@pytest.mark.parametrize("declared", ["header", "meta", "bom"])
def test_declared_utf8_with_a_bad_byte_stays_utf8(declared: str) -> None:
    body = {
        "header": BAD_UTF8,
        "meta": b'<meta charset="utf-8">' + BAD_UTF8,
        "bom": b"\xef\xbb\xbf" + BAD_UTF8,
    }[declared]
    content_type = "text/html; charset=UTF-8" if declared == "header" else "text/html"
    text, encoding = decode_body(body, content_type)
    assert encoding == "utf-8"
    assert f"<title>{TITLE}</title>" in text
    assert "it\ufffds over" in text


def test_a_few_bad_bytes_in_an_ascii_page_declared_utf8_are_replaced() -> None:
    text, encoding = decode_body(b"<title>Caf\xe9 news</title>", "text/html; charset=utf-8")
    assert (text, encoding) == ("<title>Caf\ufffd news</title>", "utf-8")


def test_shift_jis_mislabelled_utf8_is_still_recognised() -> None:
    """The exception is for a page that is UTF-8 but for a few bytes, not for another encoding."""
    body = f"<title>{JAPANESE}</title><p>{JAPANESE * 2}</p>".encode("cp932")
    text, _ = decode_body(body, "text/html; charset=utf-8")
    assert JAPANESE in text


# --- scrub and reveal --------------------------------------------------------------------------


def test_scrub_leaves_valid_text_alone() -> None:
    for text in ("", "ascii", JAPANESE, "emoji 😀", "\ufffd"):
        assert scrub(text) is text


def test_scrub_recovers_a_surrogateescaped_file_name() -> None:
    name = os.fsdecode("記事-".encode() + b"\xff\xfe.md")
    assert scrub(name) == "記事-\ufffd\ufffd.md"
    scrub(name).encode("utf-8")


@pytest.mark.parametrize("text", ["a\ud800b", "\udfff", "\ud83d\ude00", "x\udcff\ud800"])
def test_scrub_replaces_every_lone_surrogate(text: str) -> None:
    scrubbed = scrub(text)
    scrubbed.encode("utf-8")
    assert "\ufffd" in scrubbed and len(scrubbed) <= len(text)


def test_reveal_url_percent_encodes_hidden_characters() -> None:
    url = "https://files.example.com/invoice\u202egpj.exe?q=\u200b"
    assert reveal_url(url) == "https://files.example.com/invoice%E2%80%AEgpj.exe?q=%E2%80%8B"
    assert reveal_url("https://例え.jp/記事") == "https://例え.jp/記事"


def test_reveal_text_shows_invisible_characters_as_control_characters_are() -> None:
    """Session 29: a character that reorders what is read is shown, in the one ``<U+XXXX>``
    form (it was shown as ``[U+202E]``); marks and joiners a script needs are kept (the review
    of left29a: a right-to-left mark shown as ``<U+200F>`` mangled Hebrew titles)."""
    assert reveal_text("invoice\u202egpj.exe") == "invoice<U+202E>gpj.exe"
    assert reveal_text("a\u2066b\u2069") == "a<U+2066>b<U+2069>"
    assert reveal_text("שלום\u200f") == "שלום\u200f"
    assert reveal_text("Pay\u200bPal\ufeff") == "Pay\u200bPal\ufeff"
    assert reveal_text("שלום, 日本") == "שלום, 日本"


# --- through real HTTP -------------------------------------------------------------------------

SITE = "https://charsets.example.com"


def _charset_web() -> Web:
    web = Web()
    page = f"<title>{JAPANESE}</title>".encode() + TRAP
    for label in HOSTILE_LABELS:
        web.add(
            f"{SITE}/header/{label}",
            Response(200, (("Content-Type", f"text/html; charset={label}"),), page),
        )
        meta = f'<meta http-equiv="Content-Type" content="text/html; charset={label}">'
        web.add(
            f"{SITE}/meta/{label}",
            Response(200, (("Content-Type", "text/html"),), meta.encode() + page),
        )
    web.add(
        f"{SITE}/bad-utf8", Response(200, (("Content-Type", "text/html; charset=utf-8"),), BAD_UTF8)
    )
    return web


@pytest.fixture(scope="module")
def charset_site() -> Iterator[SampleWeb]:
    with SampleWeb(_charset_web()) as site:
        yield site


def test_hostile_labels_over_http_decode_to_valid_text(charset_site: SampleWeb) -> None:
    urls = [f"{SITE}/{where}/{label}" for where in ("header", "meta") for label in HOSTILE_LABELS]
    results = fetch(config_for(charset_site), *urls)
    for result in results:
        assert result.outcome is Outcome.OK, result.url
        assert result.text is not None and JAPANESE in result.text, result.url
        result.text.encode("utf-8")
        assert result.encoding == "utf-8"


def test_bad_byte_in_declared_utf8_over_http_keeps_the_title(charset_site: SampleWeb) -> None:
    [result] = fetch(config_for(charset_site), f"{SITE}/bad-utf8")
    assert result.text is not None and f"<title>{TITLE}</title>" in result.text
    assert result.encoding == "utf-8"


def test_untyped_random_bytes_are_never_sniffed_as_text() -> None:
    """The old rule (no NUL in the first 1,024 bytes) let about one random body in 55 through."""
    rng = random.Random(7)
    bodies = [rng.randbytes(2_000) for _ in range(2_000)]
    assert not any(is_textual("application/octet-stream", b) for b in bodies)
    assert not any(is_textual(None, b) for b in bodies)


@pytest.mark.parametrize(
    "text", ["plain text\r\n\twith tabs\x0c and a form feed", "\x1b[1mbold\x1b[0m", "日本語の本文"]
)
def test_untyped_text_is_sniffed_as_text(text: str) -> None:
    assert is_textual(None, text.encode("utf-8"))
