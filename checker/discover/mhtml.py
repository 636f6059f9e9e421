"""A page saved as MHTML ("Save page as… Webpage, Single File", ``.mhtml``/``.mht``): the HTML
page it holds, read as that page.

Chrome, Edge and Internet Explorer save a page as one MIME message (RFC 2557): headers, then a
``multipart/related`` body whose first part (or the one its ``start`` names) is the page's HTML,
the images, styles and frames after it.  The HTML is quoted-printable, so read as it is written
every ``href="…"`` is ``href=3D"…"`` and every long line is cut with a ``=`` at its end: a saved
page's links were cited as local files named ``3D"https:/…``, each skipped, none checked (probe
31).  The page's own address is its part's ``Content-Location`` (or the message's
``Snapshot-Content-Location``), which its relative links are resolved against, as the browser
that saved it did.

The message is read line by line once, its parts never nested (a saved page's parts are flat):
no input-controlled recursion.  A quoted-printable line cut by the encoder is joined again and
followed by as many empty lines as it was cut into, so that the page's lines are the file's:
a citation is reported at the file line where its line of HTML starts.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass

from checker.encoding import decode_body, is_html_type, media_type
from checker.lazyre import lazy

__all__ = ["SavedPage", "is_mhtml", "saved_page"]

_HEAD_CHARS = 4096
_HEAD_LINES = 40
_FIELD = lazy(r"[!-9;-~]+:")
_MULTIPART = lazy(r"content-type:[ \t]*multipart/related\b", re.IGNORECASE)
_HEADER_CHARS = 8192
"""Characters of a header block read at most: a browser writes a few hundred; the rest of a
longer block (a hostile file's thousands of parameters) is not read."""

Headers = dict[str, str]
"""A header block's fields: each name lower-cased, its first value, folded lines joined."""


@dataclass(frozen=True, slots=True)
class SavedPage:
    """The page an MHTML file holds: its HTML, the address it was saved from (None: not said,
    or no http(s) one) and the file's lines before the HTML's first."""

    html: str
    address: str | None
    line_offset: int


def is_mhtml(text: str) -> bool:
    """Whether ``text`` is an MHTML message: headers opening it name a ``multipart/related``
    body.  Sniffed, not told by the file's name: a saved page renamed ``.html`` is one, and a
    ``.mhtml`` file holding plain HTML (a page saved under the wrong name) is that HTML."""
    if not _FIELD.match(text):  # a post opens with anything but a header field: one look
        return False
    for written in text[:_HEAD_CHARS].split("\n")[:_HEAD_LINES]:
        line = written.rstrip("\r")
        if not line:  # the headers' end
            return False
        if line[0] in " \t":  # a field's next line
            continue
        if not _FIELD.match(line):
            return False
        if _MULTIPART.match(line):
            return True
    return False


def saved_page(text: str) -> SavedPage | None:
    """The page the MHTML message ``text`` holds, or None when none can be found in it (no
    boundary, or no part between its delimiters)."""
    lines = text.split("\n")
    header_end = _blank_line(lines, 0, len(lines))
    if header_end is None:
        return None
    message = _headers(lines[:header_end])
    content_type = message.get("content-type", "")
    multipart = media_type(content_type).startswith("multipart/")
    boundary = _param(content_type, "boundary") if multipart else None
    if not boundary:
        return None
    parts = _parts(lines, header_end + 1, boundary)
    root = _root(parts, _param(content_type, "start"))
    if root is None:
        return None
    address = _http(root.headers.get("content-location")) or _http(
        message.get("snapshot-content-location")
    )
    body = lines[root.body_start : root.body_end]
    html = _decoded(body, root.headers)
    return SavedPage(html, address, root.body_start)


@dataclass(frozen=True, slots=True)
class _Part:
    headers: Headers
    body_start: int
    """The 0-based line of the file where the part's body starts."""
    body_end: int


def _blank_line(lines: list[str], start: int, end: int) -> int | None:
    """The first empty line from ``start`` to before ``end`` (a header block's end)."""
    for number in range(start, end):
        if not lines[number].rstrip("\r"):
            return number
    return None


def _headers(lines: list[str]) -> Headers:
    """A header block read field by field, its first :data:`_HEADER_CHARS` characters only (a
    part's body is never read as headers).  Not ``email``'s parser: its reading of a field's
    parameters grows faster than the field (a hostile Content-Type of 1.2 MB: 21.6 s)."""
    fields: Headers = {}
    name: str | None = None
    read = 0
    for written in lines:
        line = written.rstrip("\r")
        read += len(line) + 1
        if read > _HEADER_CHARS:
            break
        if line[:1] in (" ", "\t"):  # a folded field's next line
            if name is not None:
                fields[name] += " " + line.strip()
            continue
        key, colon, value = line.partition(":")
        name = key.strip().lower() if colon else None
        if name is None or name in fields:  # not a field, or a repeated one: the first counts
            name = None
            continue
        fields[name] = value.strip()
    return fields


def _param(content_type: str, wanted: str) -> str | None:
    """The value of a Content-Type's parameter ``wanted`` (quotes taken off), if it has one."""
    for written in content_type.split(";")[1:]:
        key, equals, value = written.partition("=")
        if equals and key.strip().lower() == wanted:
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] == '"':
                value = value[1:-1]
            return value or None
    return None


def _parts(lines: list[str], start: int, boundary: str) -> list[_Part]:
    """The parts of the body from line ``start``, each between two delimiter lines."""
    delimiter = f"--{boundary}"
    parts: list[_Part] = []
    opened: int | None = None

    def close(end: int) -> None:
        if opened is None:
            return
        header_end = _blank_line(lines, opened, end)
        if header_end is not None:
            parts.append(_Part(_headers(lines[opened:header_end]), header_end + 1, end))

    for number in range(start, len(lines)):
        line = lines[number].rstrip()
        if not line.startswith(delimiter):
            continue
        rest = line[len(delimiter) :]
        if rest not in ("", "--"):
            continue
        close(number)
        if rest == "--":
            return parts
        opened = number + 1
    close(len(lines))  # a message cut short: its last part as far as it goes
    return parts


def _root(parts: list[_Part], start: object) -> _Part | None:
    """The page's part: the one ``start`` names, else the first HTML part, else the first."""
    if isinstance(start, str) and start:
        for part in parts:
            if part.headers.get("content-id", "").strip() == start.strip():
                return part
    for part in parts:
        if is_html_type(part.headers.get("content-type")):
            return part
    return parts[0] if parts else None


def _decoded(lines: list[str], headers: Headers) -> str:
    """A part's body decoded by its transfer encoding and charset, its lines the file's."""
    encoding = headers.get("content-transfer-encoding", "").strip().lower()
    content_type = headers.get("content-type")
    if encoding == "quoted-printable":
        return decode_body(_unquoted(lines), content_type)[0]
    if encoding == "base64":
        try:
            data = base64.b64decode("".join(line.strip() for line in lines))
        except (binascii.Error, ValueError):
            data = b""
        return decode_body(data, content_type)[0]
    return "\n".join(line.rstrip("\r") for line in lines)


def _unquoted(lines: list[str]) -> bytes:
    """Quoted-printable ``lines`` decoded: a line the encoder cut (``=`` at its end) is joined
    with the next, and as many empty lines follow it as were joined, so the lines stay the
    file's."""
    out = bytearray()
    joined: list[str] = []
    for written in lines:
        line = written.rstrip("\r").rstrip(" \t")
        if line.endswith("="):
            joined.append(line[:-1])
            continue
        joined.append(line)
        out += binascii.a2b_qp("".join(joined).encode("latin-1", "replace"))
        out += b"\n" * len(joined)
        joined = []
    if joined:
        out += binascii.a2b_qp("".join(joined).encode("latin-1", "replace"))
    return bytes(out)


def _http(value: str | None) -> str | None:
    """``value`` when it is an absolute http(s) address."""
    if value is None:
        return None
    address = value.strip()
    return address if address.lower().startswith(("http://", "https://")) else None
