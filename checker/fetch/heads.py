"""Answer heads that llhttp and h11 refuse but browsers read, rewritten in the strict form.

A live page whose server writes ``http/1.1 200 ok``, ``HTTP/1.1  200 OK``, ``HTTP/2 200 OK``,
``Content-Type : text/html`` or a stray line without a colon opens in Chrome, Firefox and
curl, but both of this project's parsers refuse its head (llhttp on the lean route, h11 on
httpcore's), so it was reported ``unreachable``: a false alarm (session 22).  The rules here
are the browsers' and RFC 9112's tolerance notes:

- a line may end in a bare LF (RFC 9112 §2.2), and empty lines before the status line are
  skipped (§2.2; Chrome skips them too);
- the status line's ``HTTP`` is matched in any case, and its three words are split on any
  whitespace (§4: SP, HTAB, VT, FF, bare CR); a version other than 1.1 is read as 1.0 (the
  connection then ends with the answer), as Chrome and Firefox read ``HTTP/2`` over HTTP/1;
  the reason may be missing;
- obs-fold continuation lines join the field before with one space (§5.2);
- whitespace between a field's name and its colon is dropped (§5.1: what a proxy must do);
- a line without a colon, or whose name is no token, is skipped (Chrome's and Firefox's
  header iterators skip it; curl fails the answer);
- ``Content-Length`` sent several times (or as a list) with one value is that value (RFC 9110
  §8.6); different values stay as they came, and are refused (RFC 9112 §6.3: the framing is
  unknown); beside a ``Transfer-Encoding`` ending in ``chunked`` it is dropped (§6.3: the
  chunks frame the body).

What is left (a status line that is none, a NUL or bare CR in a value, a non-chunked
``Transfer-Encoding``) is not rewritten: the parsers' verdict stands.  Field values are kept
byte for byte.  Everything here is a linear scan of a head bounded by the caller
(``h1._MAX_INCOMPLETE``): no regular expression, no recursion.
"""

from __future__ import annotations

__all__ = ["drop_blank_lines", "head_end", "mend", "not_http"]

_WHITESPACE = b" \t"
_LINE_ENDS = b"\r\n"
_TOKEN = b"!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
"""The bytes of a field name (RFC 9110 §5.6.2 ``tchar``)."""
_CONTROLS = bytes(range(32)).replace(b"\t", b"") + b"\x7f"
"""Bytes dropped from a reason phrase (which nothing reads but people)."""
_CONTENT_LENGTH = b"content-length"
_TRANSFER_ENCODING = b"transfer-encoding"


def not_http(data: bytes | bytearray) -> bool:
    """Whether ``data``, an answer's first bytes, can be no HTTP/1 answer: after any empty
    lines, five bytes that are not ``HTTP/`` in any case.  Known early, so a server speaking
    something else is not waited on for a head's end."""
    start = _start(data)
    return len(data) - start >= 5 and bytes(data[start : start + 5]).lower() != b"http/"


def head_end(data: bytes | bytearray, resume: int = 0) -> tuple[int | None, int]:
    """Where the first head in ``data`` ends (just past its empty line; lines end in LF or
    CRLF), or None while it has not ended, with the offset to resume the search from when
    more bytes came (each byte is looked at a bounded number of times, however the head
    arrives)."""
    position = max(resume, _start(data))
    while True:
        newline = data.find(b"\n", position)
        if newline < 0:
            return None, max(position, len(data))
        after = data[newline + 1 : newline + 3]
        if after[:1] == b"\n":
            return newline + 2, newline + 2
        if after == b"\r\n":
            return newline + 3, newline + 3
        if after in (b"", b"\r"):  # the next line has not come yet
            return None, newline
        position = newline + 1


def mend(head: bytes) -> bytes | None:
    """``head`` (one status line and its fields, up to and with its empty line, as
    :func:`head_end` found it) rewritten as llhttp and h11 read it, by the rules above; None
    when its status line is none."""
    lines = _lines(head)
    parsed = _status_line(lines[0]) if lines else None
    if parsed is None:
        return None
    version, code, reason = parsed
    fields: list[tuple[bytes, list[bytes]]] = []
    for line in lines[1:]:
        if line[:1] in (b" ", b"\t"):  # obs-fold: the field before goes on
            if fields:
                fields[-1][1].append(line.strip(_WHITESPACE))
            continue
        name, colon, value = line.partition(b":")
        name = name.rstrip(_WHITESPACE)
        if colon and name and not name.translate(None, _TOKEN):
            fields.append((name, [value.strip(_WHITESPACE)]))
    status = b"HTTP/%s %s" % (version, code)
    out = [b"%s %s\r\n" % (status, reason) if reason else status + b"\r\n"]
    lengths = {
        part.strip(_WHITESPACE)
        for name, parts in fields
        if name.lower() == _CONTENT_LENGTH
        for part in b" ".join(parts).split(b",")
    }
    single = len(lengths) == 1
    chunked = _chunked(fields)
    for name, parts in fields:
        if chunked and name.lower() == _CONTENT_LENGTH:
            continue  # the chunks frame the body (RFC 9112 §6.3: what a proxy must do)
        if single and name.lower() == _CONTENT_LENGTH:
            if lengths:  # the first of them stands for all
                out.append(b"Content-Length: %s\r\n" % lengths.pop())
            continue
        out.append(b"%s: %s\r\n" % (name, b" ".join(part for part in parts if part)))
    out.append(b"\r\n")
    return b"".join(out)


def _chunked(fields: list[tuple[bytes, list[bytes]]]) -> bool:
    """Whether the last ``Transfer-Encoding`` coding is ``chunked``: the body is framed by its
    chunks, and a ``Content-Length`` beside it is dropped (RFC 9112 §6.3), as h11 reads such a
    head when it is not mended.  Kept, llhttp refused the mended head, and a page h11 reads
    with a strict status line was ``unreachable`` with ``http/1.1 200 ok`` (probe 23b)."""
    codings = [b" ".join(parts) for name, parts in fields if name.lower() == _TRANSFER_ENCODING]
    return (
        bool(codings) and codings[-1].rsplit(b",", 1)[-1].strip(_WHITESPACE).lower() == b"chunked"
    )


def drop_blank_lines(data: bytearray) -> int:
    """Drop the empty lines ``data``, an answer's first bytes as they come, starts with (they
    are skipped: see :func:`_start`); how many bytes went.

    A head gathered as it comes is looked at again at each arrival (:func:`not_http`,
    :func:`head_end`), and each look skipped its empty lines from the first byte: a server that
    sent 20 KB of them, then its head a byte at a time, cost ~120 s of CPU for 18 KB (each byte
    paid for every one before it, probe 23b).  Dropped once, each is looked at once.
    """
    start = _start(data)
    del data[:start]
    return start


def _start(data: bytes | bytearray) -> int:
    """The offset past any empty lines an answer starts with."""
    start = 0
    while start < len(data) and data[start] in _LINE_ENDS:
        start += 1
    return start


def _lines(head: bytes) -> list[bytes]:
    """The head's lines, without line ends or the empty lines around it."""
    lines = head[_start(head) :].split(b"\n")
    while lines and not lines[-1].rstrip(b"\r"):
        lines.pop()
    return [line[:-1] if line.endswith(b"\r") else line for line in lines]


def _status_line(line: bytes) -> tuple[bytes, bytes, bytes] | None:
    """Version (``1.1`` or ``1.0``), code and reason of a status line split on any whitespace
    (RFC 9112 §4), or None if it is none: ``HTTP/`` in any case, a version of one or two
    digits each side of an optional dot, three digits."""
    words = line.split(None, 2)
    if len(words) < 2 or words[0][:5].lower() != b"http/":
        return None
    major, dot, minor = words[0][5:].partition(b".")
    if not (0 < len(major) <= 2 and major.isdigit()):
        return None
    if dot and not (0 < len(minor) <= 2 and minor.isdigit()):
        return None
    code = words[1]
    if len(code) != 3 or not code.isdigit():
        return None
    version = b"1.1" if int(major) == 1 and dot and int(minor) >= 1 else b"1.0"
    reason = words[2].translate(None, _CONTROLS).strip() if len(words) == 3 else b""
    return version, code, reason
