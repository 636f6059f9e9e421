"""Turn bytes into text the way browsers do, and keep every string we write valid.

Order: a byte-order mark, then the charset in the Content-Type header, then ``<meta charset>`` /
``<meta http-equiv>`` in the first few kilobytes, then statistical detection
(charset-normalizer).  Only labels of the WHATWG Encoding Standard are honoured, each mapped to
the Python codec browsers' decoder corresponds to: Python also knows ``undefined`` (always
raises), ``utf-7``, ``unicode_escape`` and ``raw_unicode_escape`` (which turn page bytes into
lone surrogates), and a page is not allowed to choose those.  An unknown label is ignored, as a
browser ignores it.

A declared charset that cannot decode the bytes is treated as absent rather than trusted,
because mislabelled Shift_JIS and EUC-JP pages are common in the wild, with one exception: a
page declared UTF-8 that *is* UTF-8 apart from a few bad bytes is decoded as UTF-8 with those
bytes replaced.  A guess (cp1250 for a Japanese page with one stray byte) garbles every
character and turns a correct citation into a false ``title-mismatch``.

:func:`scrub` is the one boundary every report and store row passes: Python strings may hold
lone surrogates (a non-UTF-8 file name decoded with ``surrogateescape``, a codec we no longer
use), which no UTF-8 writer accepts.  :func:`reveal_url` and :func:`reveal_text` show the
invisible characters a cited URL or a title can hide behind (``U+202E`` makes
``evil<U+202E>gpj.exe`` read as ``evilexe.jpg``).
"""

from __future__ import annotations

import codecs
import functools
import html
import re
import sys
import unicodedata
import zlib

__all__ = [
    "ASCII_IGNORECASE",
    "BIDI_CONTROLS",
    "BINARY_BYTES",
    "GZIP_MAGIC",
    "HTML_MEDIA_TYPES",
    "INVISIBLES",
    "TEXT_INVISIBLES",
    "ascii_digits",
    "ascii_int",
    "ascii_lower",
    "clean_space",
    "comparable_text",
    "decode_body",
    "drop_invisible",
    "gunzip_bounded",
    "is_html_type",
    "is_textual",
    "media_type",
    "printable",
    "reveal_text",
    "reveal_url",
    "scrub",
    "text_codec",
    "xpath_ascii_lower",
]

ASCII_IGNORECASE = re.IGNORECASE | re.ASCII
"""The flags of a pattern that matches HTML's names and keywords (tags, attributes, ``rel``,
``media``, ``type``, ``http-equiv`` values): case-insensitive in ASCII only, as HTML compares
them.  ``re.IGNORECASE`` alone folds Unicode, so ``media=prınt`` (dotless ı), ``ſcript``
(long s) and ``lin\u212a`` (Kelvin sign) matched ``print``, ``script`` and ``link``, which
no browser reads them as; with it, ``\\s``, ``\\w`` and ``\b`` are ASCII's, as HTML's white
space is."""
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def xpath_ascii_lower(expression: str) -> str:
    """An XPath 1.0 expression for ``expression``'s value with its ASCII letters lower-cased,
    as :func:`ascii_lower` does: XPath has no ``lower-case()``, and ``@rel='next'`` missed the
    ``rel="Next"`` a browser reads as ``next``."""
    return f"translate({expression}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"


def ascii_lower(text: str) -> str:
    """``text`` with its ASCII letters lower-cased and nothing else changed: the form an HTML
    keyword (an attribute's ``type``, ``http-equiv``, ``class``) is compared in.  ``str.lower``
    turns the Kelvin sign into ``k`` and ``str.casefold`` the long s into ``s`` (and ``ﬆ`` into
    ``st``), so a value no browser reads as the keyword compared equal to it."""
    return text.lower() if text.isascii() else text.translate(_ASCII_LOWER)


_MAX_INT_DIGITS = 4_300
"""Significant digits :func:`ascii_int` reads at most: ``int`` refuses more with a
``ValueError`` (Python's guard against quadratic conversions), and fewer when the limit is
set lower (``PYTHONINTMAXSTRDIGITS``, ``sys.set_int_max_str_digits``: read at each call)."""


def ascii_digits(text: str) -> bool:
    """Whether ``text`` is one or more ASCII digits and nothing else: ``str.isdigit`` holds for
    ``"²"`` and ``str.isdecimal`` for ``"٣"``, which no format here writes as a number.  The
    yes-or-no test (an id, a page's number), of any length: no number is made."""
    return text.isascii() and text.isdigit()


def ascii_int(text: str, max_digits: int = _MAX_INT_DIGITS) -> int | None:
    """The number ``text`` writes in ASCII digits (:func:`ascii_digits`), None when it holds
    anything else (a sign, a space, nothing) or more than ``max_digits`` digits after its
    leading zeros, or more than this process's ``int`` reads (``sys.get_int_max_str_digits``:
    ``PYTHONINTMAXSTRDIGITS=640`` made a 1,000-digit ``--connect-to`` port an internal error).

    A number read from input (a port, a page's index, a feed's total, a header's seconds, a
    pid) takes this: ``str.isdigit`` holds for ``"²"`` (which ``int`` refuses: a traceback) and
    ``str.isdecimal`` for ``"٣"`` (which no format here writes), and a run of 5,000 digits made
    ``int`` raise where each site had guarded its own way or not at all (review of session 33:
    the same test written out at ten sites)."""
    if not ascii_digits(text):
        return None
    digits = text.lstrip("0")
    if len(digits) > min(max_digits, sys.get_int_max_str_digits() or max_digits):
        return None
    return int(digits) if digits else 0


HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def media_type(content_type: str | None) -> str:
    """A Content-Type's ``type/subtype``, ASCII lower-cased, without its parameters ("" for
    none)."""
    return ascii_lower((content_type or "").partition(";")[0].strip(" \t"))


def is_html_type(content_type: str | None) -> bool:
    """Whether a Content-Type says HTML (``text/html`` or XHTML), whatever its parameters: the
    one test of it for pages served, parts of a saved page and answers judged."""
    return media_type(content_type) in HTML_MEDIA_TYPES


_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE
)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", ASCII_IGNORECASE)
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


def _labels(codec: str, names: str) -> dict[str, str]:
    return dict.fromkeys(names.split(), codec)


# The WHATWG Encoding Standard's label table (https://encoding.spec.whatwg.org/#names-and-labels),
# each encoding mapped to the Python codec that decodes as browsers do (its superset where the
# standard says so: Shift_JIS is windows-31j, ISO-8859-1 and ASCII are windows-1252, GBK is
# gb18030).  "replacement" (ISO-2022-KR, ISO-2022-CN, HZ) and x-user-defined are left out: a page
# so labelled is sniffed instead.
_WHATWG: dict[str, str] = {
    **_labels("utf-8", "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8"),
    **_labels("cp866", "866 cp866 csibm866 ibm866"),
    **_labels(
        "iso8859-2",
        "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 iso_8859-2:1987 l2 latin2",
    ),
    **_labels(
        "iso8859-3",
        "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 iso_8859-3:1988 l3 latin3",
    ),
    **_labels(
        "iso8859-4",
        "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 iso_8859-4:1988 l4 latin4",
    ),
    **_labels(
        "iso8859-5",
        "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 iso_8859-5 "
        "iso_8859-5:1988",
    ),
    **_labels(
        "iso8859-6",
        "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 iso-8859-6 "
        "iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 iso_8859-6:1987",
    ),
    **_labels(
        "iso8859-7",
        "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 iso8859-7 "
        "iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek",
    ),
    **_labels(
        "iso8859-8",
        "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 iso8859-8 "
        "iso88598 iso_8859-8 iso_8859-8:1988 visual csiso88598i iso-8859-8-i logical",
    ),
    **_labels("iso8859-10", "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6"),
    **_labels("iso8859-13", "iso-8859-13 iso8859-13 iso885913"),
    **_labels("iso8859-14", "iso-8859-14 iso8859-14 iso885914"),
    **_labels("iso8859-15", "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9"),
    **_labels("iso8859-16", "iso-8859-16"),
    **_labels("koi8-r", "cskoi8r koi koi8 koi8-r koi8_r"),
    **_labels("koi8-u", "koi8-ru koi8-u"),
    **_labels("mac-roman", "csmacintosh mac macintosh x-mac-roman"),
    **_labels("cp874", "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874"),
    **_labels("cp1250", "cp1250 windows-1250 x-cp1250"),
    **_labels("cp1251", "cp1251 windows-1251 x-cp1251"),
    **_labels(
        "cp1252",
        "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1 "
        "iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252",
    ),
    **_labels("cp1253", "cp1253 windows-1253 x-cp1253"),
    **_labels(
        "cp1254",
        "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 "
        "iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254",
    ),
    **_labels("cp1255", "cp1255 windows-1255 x-cp1255"),
    **_labels("cp1256", "cp1256 windows-1256 x-cp1256"),
    **_labels("cp1257", "cp1257 windows-1257 x-cp1257"),
    **_labels("cp1258", "cp1258 windows-1258 x-cp1258"),
    **_labels("mac-cyrillic", "x-mac-cyrillic x-mac-ukrainian"),
    **_labels(
        "gb18030",
        "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk gb18030",
    ),
    **_labels("big5hkscs", "big5 big5-hkscs cn-big5 csbig5 x-x-big5"),
    **_labels("euc-jp", "cseucpkdfmtjapanese euc-jp x-euc-jp"),
    **_labels("iso2022_jp", "csiso2022jp iso-2022-jp"),
    **_labels("cp932", "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis"),
    **_labels(
        "cp949",
        "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 ksc5601 "
        "ksc_5601 windows-949",
    ),
    **_labels("utf-16-be", "unicodefffe utf-16be"),
    **_labels("utf-16-le", "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le"),
}
# charset-normalizer names the JIS X 0213 supersets of the Japanese encodings (``euc_jis_2004``
# for EUC-JP text); they are text codecs too, so a guess may use them.
_GUESSES = ("euc_jis_2004", "euc_jisx0213", "shift_jis_2004", "shift_jisx0213", "iso2022_jp_2004")
# A guess in the Shift_JIS family is decoded first with the codec browsers read Shift_JIS with
# (WHATWG's decoder is Windows-31J): the same bytes read as JIS X 0213 turn the IBM and NEC
# extensions and Microsoft's mappings into other characters (``髙`` → ``郄``, ``～`` → ``〜``,
# ``﨑`` → ``粼``), and a quote copied from the browser was "changed in" its source.  The guess
# is kept when Windows-31J cannot decode the bytes (a real JIS X 0213 text).  EUC-JP is left to
# its guess: neither Python codec is the browsers' (``euc_jis_2004`` is the nearer: it reads the
# NEC row the browsers' index holds).
_BROWSERS_FIRST = {
    "shift_jis_2004": "cp932",
    "shift_jisx0213": "cp932",
}
_UTF8 = "utf-8"
_UTF16 = frozenset({"utf-16-be", "utf-16-le", "utf-16"})
# A page declared UTF-8 is decoded as UTF-8 (bad bytes replaced) while its bad sequences are at
# most this many, or at most this share of its well-formed non-ASCII characters: a real
# UTF-8 page with a stray byte passes; Shift_JIS labelled UTF-8 (nearly all sequences bad) not.
_FEW_BAD = 3
_BAD_SHARE = 20
# A body whose first label names a legacy charset but whose non-ASCII bytes are all well-formed
# UTF-8 is UTF-8: a server's default ``charset=ISO-8859-1`` over a UTF-8 page is common, and
# decoded as labelled, "Café" became "CafÃ©" and a correct title a false ``title-mismatch``.
# Text in a legacy charset is next to never valid UTF-8 by chance (any accented letter before
# an ASCII one breaks it).  A byte-order mark's UTF-16 and a UTF-8 label are not overruled.
_NEVER_OVERRULED = frozenset({"utf-8", "utf-16", "utf-16-be", "utf-16-le"})


def text_codec(label: str) -> str | None:
    """The Python codec for a WHATWG encoding ``label`` (case and spaces ignored), else None.

    Also accepts the names charset-normalizer reports (``shift_jis``, ``latin_1``,
    ``euc_jis_2004``), so a guess is held to the same allow list as a declaration.
    """
    name = label.strip().lower()
    for variant in (name, name.replace("_", "-"), name.replace("_", "")):
        if variant in _WHATWG:
            return _WHATWG[variant]
    try:
        canonical = codecs.lookup(name).name
    except LookupError:
        return None
    return canonical if canonical in _codecs() else None


@functools.cache
def _codecs() -> frozenset[str]:
    """The canonical names of the codecs :func:`text_codec` allows.  Found when first asked: the
    lookups import each codec's module (~40 of them, ~25 ms of every run's start-up, issue 19),
    and a label among the WHATWG ones, as nearly every page's is, never asks."""
    return frozenset(codecs.lookup(codec).name for codec in (*_WHATWG.values(), *_GUESSES))


BINARY_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20)])
"""WHATWG MIME sniffing's "binary data bytes": control characters no text file holds (tab, line
feed, form feed, carriage return and escape are not among them)."""


def is_textual(content_type: str | None, head: bytes) -> bool:
    """Whether a body should be decoded as text: by its type, or by sniffing when untyped.

    Sniffing is WHATWG's rule (a byte order mark, else no binary data byte in the first 1,445
    bytes), not "no NUL in the first 1,024": random or compressed bytes have no NUL there about
    one time in 55, and were then decoded as text.  The mark comes first as in WHATWG: a UTF-16
    file (Notepad's "Unicode") is NULs all through, and was refused as binary.
    """
    if content_type:
        kind = content_type.split(";", 1)[0].strip().lower()
        if kind and kind != "application/octet-stream":
            return kind.startswith(_TEXTUAL) or any(t in kind for t in _TEXTUAL[-2:])
    if head.startswith(tuple(bom for bom, _name in _BOMS)):
        return True
    sample = head[:1445]
    return len(sample.translate(None, BINARY_BYTES)) == len(sample)


GZIP_MAGIC = b"\x1f\x8b"
"""How a gzip file (each of its members) begins."""


def gunzip_bounded(data: bytes, cap: int) -> tuple[bytes, bool] | None:
    """The content of the gzip file ``data``, at most ``cap`` bytes of it, and whether that is
    less than the whole (past ``cap``, a stream that ends before its end mark: a file cut
    mid-upload, or bytes after a member that are no gzip member); None when ``data`` is no gzip.

    zlib's ``max_length`` bounds the output, so a bomb costs ``cap`` bytes; a cut stream comes
    back without an error, so its cut is told by ``eof`` (read as whole, a cut sitemap lost its
    posts past the cut with no word, probe 27b).  A gzip file is one member or several one after
    another (``gzip -c a >> f``, what ``gzip`` and ``zcat`` read whole): read to the first
    member's end only, a sitemap written so lost its later members' posts with no word (probe
    28l).  The input is fed in pieces of :data:`_GUNZIP_PIECE` bytes, so a file of many members
    costs its size (zlib copies what a member leaves unread).  A fetched ``sitemap.xml.gz``
    (:func:`checker.fetch.body.gunzip_file`) and one named as a file are read by this alone.
    """
    if not data.startswith(GZIP_MAGIC):
        return None
    out = bytearray()
    unzip = zlib.decompressobj(zlib.MAX_WBITS | 16)
    fed = False  # whether the member being read has had any of its bytes
    whole = 0  # the members read to their end mark
    view = memoryview(data)
    for start in range(0, len(view), _GUNZIP_PIECE):
        piece: bytes | memoryview = view[start : start + _GUNZIP_PIECE]
        while piece:
            try:
                out += unzip.decompress(piece, cap + 1 - len(out))
            except zlib.error:  # the first member no gzip: none; a later one: the rest unread
                return (bytes(out[:cap]), True) if whole else None
            fed = True
            if len(out) > cap:
                return bytes(out[:cap]), True
            if unzip.eof:  # the next member, if any, starts in what this one left
                piece, whole = unzip.unused_data, whole + 1
                unzip, fed = zlib.decompressobj(zlib.MAX_WBITS | 16), False
            else:
                piece = unzip.unconsumed_tail
    return bytes(out), fed


_GUNZIP_PIECE = 1 << 16
"""The bytes of a gzip file :func:`gunzip_bounded` gives zlib at a time."""


def decode_body(body: bytes, content_type: str | None) -> tuple[str, str]:
    """Decode ``body``; return the text and the name of the encoding used."""
    candidates = _candidates(body, content_type)
    if candidates and candidates[0] not in _NEVER_OVERRULED and not body.isascii():
        try:  # a lying label: UTF-8 bytes under a legacy charset (see _NEVER_OVERRULED)
            return body.decode(_UTF8).removeprefix("\ufeff"), _UTF8
        except UnicodeDecodeError:
            pass
    for encoding in candidates:
        try:
            text = body.decode(encoding)
        except UnicodeDecodeError:
            if encoding == _UTF8 and (mostly := _mostly_utf8(body)) is not None:
                return mostly.removeprefix("\ufeff"), encoding
            continue
        return text.removeprefix("\ufeff"), encoding
    if body and body.isascii() and not _CONTROLS.search(body):
        # What detection answers for plain ASCII text (windows-1252, as browsers default to),
        # without loading it or running it over the body (issue 19).
        return body.decode(_ASCII_DEFAULT), _ASCII_DEFAULT
    if not body.isascii():
        try:  # valid UTF-8 is UTF-8: detection guesses from a short body (a 67-byte UTF-8
            return body.decode(_UTF8).removeprefix("\ufeff"), _UTF8  # post read as Shift JIS)
        except UnicodeDecodeError:
            pass
    # Imported on the first body that declares no decodable charset (start-up, issue 19).
    from charset_normalizer import from_bytes  # noqa: PLC0415

    best = from_bytes(body[:200_000]).best()
    guessed = text_codec(best.encoding) if best is not None else None
    encoding = guessed or _UTF8
    if (browsers := _BROWSERS_FIRST.get(encoding)) is not None:
        try:
            return body.decode(browsers), browsers
        except UnicodeDecodeError:
            pass
    return body.decode(encoding, errors="replace"), encoding


_ASCII_DEFAULT = "cp1252"
# C0 controls other than whitespace: ASCII bytes with these may be UTF-16 or binary, for detection.
_CONTROLS = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _candidates(body: bytes, content_type: str | None) -> list[str]:
    found: list[str] = []
    for bom, name in _BOMS:
        if body.startswith(bom):
            found.append(name)
    header = _HEADER_CHARSET.search(content_type) if content_type else None
    if header is not None and (codec := text_codec(header.group(1))):
        found.append(codec)
    if meta := _META_CHARSET.search(body[:4096]):
        codec = text_codec(meta.group(1).decode("ascii", "ignore"))
        # A meta tag readable as ASCII cannot be in UTF-16: browsers read it as UTF-8.
        if codec is not None:
            found.append(_UTF8 if codec in _UTF16 else codec)
    return found


def _mostly_utf8(body: bytes) -> str | None:
    """``body`` as UTF-8 with bad bytes replaced, if it is UTF-8 apart from a few of them."""
    text = body.decode(_UTF8, errors="replace")
    replaced = text.count("\ufffd")
    bad = replaced - body.count("\ufffd".encode())
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    good = non_ascii - replaced
    return text if bad <= _FEW_BAD or bad * _BAD_SHARE <= good else None


# Lone surrogates: every character a UTF-8 writer refuses.
_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub(text: str) -> str:
    """``text`` made encodable as UTF-8: every lone surrogate becomes U+FFFD.

    A name decoded with ``surrogateescape`` (a non-UTF-8 file name) is decoded again from its
    bytes first, so its valid UTF-8 parts survive and only the bad bytes are replaced.
    """
    if text.isascii() or not _SURROGATE.search(text):
        return text
    try:
        return text.encode(_UTF8, "surrogateescape").decode(_UTF8, errors="replace")
    except UnicodeEncodeError:  # surrogates that are not escaped bytes
        return _SURROGATE.sub("\ufffd", text)


INVISIBLES: dict[str, bool] = {
    **{chr(code): True for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},
    **{c: False for c in "\u061c\u200e\u200f\u00ad\u200b\u200c\u200d\u2060\ufeff"},
}
"""Every invisible character: a comparison drops each (:func:`drop_invisible`), a URL shows
each percent-encoded (:func:`reveal_url`), and a text shows inert (``<U+202E>``) those marked
True: the bidi embeddings, overrides and isolates, which make a reader see the text in
another order than it is ("Trojan source": a U+202E reverses ``exe.jpg``).  The others are
kept in a text as written: ZWNJ and ZWJ join or part letters (Persian words, emoji
family sequences), LRM, RLM and ALM order Hebrew and Arabic titles, the zero-width space
parts Thai, Khmer and Burmese words, and the word joiner, BOM and soft hyphen reorder nothing;
what they could hide, two values that read the same, a comparison does not see (all shown as
``<U+…>`` in session 29's first cut mangled those scripts in every output)."""
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
"""The Unicode bidirectional formatting characters (ALM, LRM, RLM, embeddings, overrides,
isolates): invisible, and able to make a URL read in another order than it is."""
_HIDDEN = frozenset(INVISIBLES)
TEXT_INVISIBLES = frozenset(c for c, shown in INVISIBLES.items() if shown)
"""The invisible characters a page value (a title, a quote, a name) is shown with as
``<U+XXXX>`` in every output, as control characters are (see :data:`INVISIBLES`)."""
_URL_ESCAPES = {ord(c): "".join(f"%{b:02X}" for b in c.encode()) for c in _HIDDEN}
_TEXT_ESCAPES = {ord(c): f"<U+{ord(c):04X}>" for c in TEXT_INVISIBLES}
# Finding one is a scan in C; translating every string with a table is ten times slower.
_HIDDEN_FOUND = re.compile(f"[{''.join(sorted(_HIDDEN))}]")
_HIDDEN_ORDER = tuple(sorted(_HIDDEN))
_TEXT_INVISIBLE_FOUND = re.compile(f"[{''.join(sorted(TEXT_INVISIBLES))}]")


def reveal_url(url: str) -> str:
    """``url`` with its invisible characters percent-encoded, as a browser's address bar shows.

    The result is the same URL to a browser (it percent-encodes them when it requests the URL),
    but a reader sees ``%E2%80%AE`` where a right-to-left override would have reordered it.
    """
    return url.translate(_URL_ESCAPES) if _HIDDEN_FOUND.search(url) else url


def drop_invisible(text: str) -> str:
    """``text`` without its invisible characters (:data:`INVISIBLES`: zero-width space and
    joiners, word joiner, BOM, soft hyphen, the bidi controls): what a comparison ignores,
    since a reader sees the same words with or without them (a U+200B inside a title)."""
    if text.isascii():
        return text
    # one C scan a character (a regex class walks a long page one character at a time in
    # Python's engine: the quote matcher normalises whole pages, 14 % more CPU measured)
    for char in _HIDDEN_ORDER:
        if char in text:
            text = text.replace(char, "")
    return text


def clean_space(text: str) -> str:
    """``text`` in one form: entities unescaped (twice: a feed's ``&amp;amp;``), NFKC,
    invisible characters dropped (:func:`drop_invisible`), every run of white space one space.
    The one cleaning the comparisons share (titles, quotes, cited dates)."""
    text = html.unescape(html.unescape(text)) if "&" in text else text
    text = drop_invisible(unicodedata.normalize("NFKC", text))
    # str.split() splits on exactly the characters a regex \s matches (both ask Unicode's
    # white-space property) and is several times faster than a regex on a whole page.
    return " ".join(text.split())


def comparable_text(text: str) -> str:
    """``text`` in the form two short values (titles, headlines) are compared in:
    :func:`clean_space`, case folded."""
    return clean_space(text).casefold()


def printable(text: str) -> str:
    """``text`` for a message: as it is when every character prints, else escaped as Python
    writes it (``\\n``, ``\\x00``, ``\\u202e``), so a name or fragment read from a page or a
    disk cannot break a report's line or hide itself."""
    return text if text.isprintable() else text.encode("unicode_escape").decode("ascii")


def reveal_text(text: str) -> str:
    """``text`` with its invisible characters that reorder what is read (:data:`TEXT_INVISIBLES`)
    written as ``<U+202E>``, the form every output shows a control character in: an override
    that reverses ``gpj.exe`` was shown as it is (session 28's leftover)."""
    return text.translate(_TEXT_ESCAPES) if _TEXT_INVISIBLE_FOUND.search(text) else text
