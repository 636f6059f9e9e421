"""Turn bytes into text the way browsers do, so Japanese pages and files read right.

Order: the charset in the Content-Type header, then a byte-order mark, then ``<meta charset>`` /
``<meta http-equiv>`` in the first few kilobytes, then statistical detection
(charset-normalizer).  A declared charset that cannot decode the bytes is treated as absent
rather than trusted, because mislabelled Shift_JIS and EUC-JP pages are common in the wild.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

__all__ = ["decode_body", "is_textual"]

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_TEXTUAL = (
    "text/",
    "application/xhtml",
    "application/xml",
    "application/json",
    "application/link-format",  # Memento TimeMaps (RFC 7089)
    "+xml",
    "+json",
)
# Labels browsers treat as their superset (WHATWG Encoding Standard).
_SUPERSETS = {
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc-kr": "cp949",
}


def is_textual(content_type: str | None, head: bytes) -> bool:
    """Whether a body should be decoded as text: by its type, or by sniffing when untyped."""
    if content_type:
        kind = content_type.split(";", 1)[0].strip().lower()
        if kind and kind != "application/octet-stream":
            return kind.startswith(_TEXTUAL) or any(t in kind for t in _TEXTUAL[-2:])
    return b"\x00" not in head[:1024]


def decode_body(body: bytes, content_type: str | None) -> tuple[str, str]:
    """Decode ``body``; return the text and the name of the encoding used."""
    for encoding in _candidates(body, content_type):
        try:
            text = body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
        return text.removeprefix("\ufeff"), encoding
    best = from_bytes(body[:200_000]).best()
    encoding = best.encoding if best is not None else "utf-8"
    return body.decode(encoding, errors="replace"), encoding


def _candidates(body: bytes, content_type: str | None) -> list[str]:
    found: list[str] = []
    if content_type and (match := _HEADER_CHARSET.search(content_type)):
        found.append(match.group(1))
    for bom, name in _BOMS:
        if body.startswith(bom):
            found.insert(0, name)
    if meta := _META_CHARSET.search(body[:4096]):
        found.append(meta.group(1).decode("ascii", "ignore"))
    return [_SUPERSETS.get(name.lower(), name.lower()) for name in found]
