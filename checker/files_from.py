"""``--files-from FILE``: the inputs a list names, one a line, as lychee's ``--files-from`` reads
them (``-``: standard input).

A CI job checks what a change touched: ``git diff --name-only --diff-filter=d origin/main --
'*.md' | citecheck check --files-from -``.  Piped to ``-`` instead, the list was read as a
document of no link: "nothing checked", every named file unread.  Each line is one input, so a
path holding spaces stays whole (``xargs`` split it).  As lychee's, blank lines and lines
starting with ``#`` (white space before it allowed) are left out, comments: a file whose name
starts with ``#`` is listed as ``./#name``; nothing else of a line is cut (a path ``" a.md"`` is
not ``a.md``), but the ``\\r`` of a line ending in CRLF.  A line in git's
quoting (``"docs/\\303\\274ber.md"``: git quotes a path holding a byte past ASCII, a quote, a
backslash or a control character unless ``core.quotePath`` is off, and even then the last
three) is the path git means.  A leaf: the standard library and :mod:`checker.errors` only.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from checker.errors import InputError

__all__ = ["MAX_LISTED_INPUTS", "STANDARD_INPUT", "git_unquoted", "listed_inputs"]

STANDARD_INPUT = "-"
"""The name ``-``: standard input (a list, an input; also what reports call a document read
from it, and ``-o -``, standard output)."""
_MAX_LIST_BYTES = 64 * 2**20
"""A list's bytes at most (a million paths of 64 bytes): names, not data."""
MAX_LISTED_INPUTS = 100_000
"""Distinct inputs a list names at most: each becomes a task of the run before it starts
(64 MiB of ``a\\n``, 33.5 million inputs, took 49 s and 600 MB before refusing to read them)."""
_COMMENT = "#"
_GIT_ESCAPES = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}
"""The one-letter escapes of git's ``quote_c_style``; any other byte it writes as ``\\ooo``."""


def listed_inputs(source: str) -> list[str]:
    """The inputs ``source`` (a file, or ``-`` for standard input) lists, in its order.

    A path named twice is one input (its first place kept).  Raises :class:`InputError` (one
    line, exit 2) when the list cannot be read, is too large, lists too many inputs or names an
    empty path (``""``: the empty input would be the working folder, every file in it checked).
    """
    data = _read(source)
    inputs: dict[str, None] = {}
    for number, raw in enumerate(data.split(b"\n"), start=1):
        line = os.fsdecode(raw.removesuffix(b"\r"))
        bare = line.strip()  # only to spot a blank or comment line: a path keeps its spaces
        if not bare or bare.startswith(_COMMENT):
            continue
        path = git_unquoted(line)
        if not path:
            raise InputError(f"--files-from {source}: line {number} names no file ({line})")
        inputs.setdefault(path)
        if len(inputs) > MAX_LISTED_INPUTS:
            raise InputError(
                f"--files-from {source}: lists more than {MAX_LISTED_INPUTS:,} inputs; "
                "check them in parts"
            )
    return list(inputs)


def _read(source: str) -> bytes:
    try:
        if source == STANDARD_INPUT:
            data = sys.stdin.buffer.read(_MAX_LIST_BYTES + 1)
        else:
            with Path(source).open("rb") as stream:
                data = stream.read(_MAX_LIST_BYTES + 1)
    except OSError as exc:
        raise InputError(f"--files-from {source}: cannot be read ({exc.strerror})") from exc
    if len(data) > _MAX_LIST_BYTES:
        raise InputError(f"--files-from {source}: larger than {_MAX_LIST_BYTES >> 20} MiB")
    return data


def git_unquoted(line: str) -> str:
    """``line`` with git's C-style quoting undone when it is written so (``"a\\tb.md"``), else
    ``line`` as it is.  One pass over the line: linear in its length."""
    if len(line) < 2 or line[0] != '"' or line[-1] != '"':
        return line
    body = line[1:-1]
    path = bytearray()
    at = 0
    while at < len(body):
        char = body[at]
        if char == '"':  # git escapes every quote inside: this is no quoted path
            return line
        if char != "\\":
            path += os.fsencode(char)
            at += 1
            continue
        letter, octal = body[at + 1 : at + 2], body[at + 1 : at + 4]
        if letter in _GIT_ESCAPES:
            path.append(_GIT_ESCAPES[letter])
            at += 2
        elif len(octal) == 3 and octal[0] in "0123" and all(c in "01234567" for c in octal):
            path.append(int(octal, 8))
            at += 4
        else:
            return line
    return os.fsdecode(bytes(path))
