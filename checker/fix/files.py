"""The user's files: read byte for byte, shown as a diff or a patch, replaced atomically.

A fix must not change a byte it does not mean to, so a file is rewritten only when its text
encodes back to exactly the bytes read (same codec, same byte-order mark); one that does not (a
file with undecodable bytes read with replacements) is refused for that file, with the reason.
Text is split into lines on ``\\n`` only, as ``diff`` and ``git apply`` do, so a CRLF file's
patch carries its CRs and applies.

``--write`` replaces a file the way the reports are written (:mod:`checker.atomic`: a synced
temporary file beside it, then ``os.replace``), so a reader sees the old file or the new one,
never half of either.  The new file takes the original's permission bits, and the original
stays as ``FILE.orig`` (a hard link where the file system allows, else a copy; ``FILE.orig.1``…
when that name is taken).
The file is read again just before the swap: a file edited since the check is left alone (the
command says so and goes on with the other files).  A
post that is a symbolic link is written where it points (as ``--patch`` names it).
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from checker import atomic
from checker.encoding import decode_body
from checker.errors import CitecheckError
from checker.fix.plan import Repair
from checker.redact import redact_url

__all__ = [
    "EDIT_COLUMNS",
    "FixError",
    "Source",
    "edit_list_csv",
    "edit_list_json",
    "patch_bytes",
    "read_source",
    "write_file",
]

_BOMS = ("\ufeff",)
_NO_NEWLINE = b"\n\\ No newline at end of file\n"
EDIT_COLUMNS = ("post_url", "old_url", "new_url", "why", "line")


class FixError(CitecheckError):
    """A file fix cannot write (the patch, a rewritten file, the edit list): one line, exit 2."""


@dataclass(frozen=True, slots=True)
class Source:
    """A file as read: its bytes, its text and the codec that turns one into the other.

    ``reason`` is set when the text does not encode back to ``data`` exactly, so the file cannot
    be rewritten without changing bytes the fix does not mean to change.
    """

    path: Path
    data: bytes
    text: str
    encoding: str
    bom: bytes = b""
    reason: str | None = None

    def encode(self, text: str) -> bytes:
        """``text`` as this file's bytes (its byte-order mark first, if it had one)."""
        return self.bom + text.encode(self.encoding)


def read_source(path: Path) -> Source:
    """``path`` read and decoded as discovery decodes it; raises FixError if unreadable."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FixError(f"cannot read {path}: {exc.strerror or exc}") from exc
    text, encoding = decode_body(data, None)
    try:
        encoded = text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        encoded = b""
    bom = data[: len(data) - len(encoded)] if data.endswith(encoded) else data
    if bom and bom.decode(encoding, errors="replace") not in _BOMS:
        return Source(path, data, text, encoding, reason="its bytes do not decode and encode back")
    return Source(path, data, text, encoding, bom)


def patch_bytes(source: Source, new_text: str, name: str) -> bytes:
    """A unified diff (``git apply`` format, ``a/NAME`` and ``b/NAME``) in the file's encoding."""
    before = _lines(source.data)
    after = _lines(source.encode(new_text))
    out = bytearray()
    for line in difflib.diff_bytes(
        difflib.unified_diff,
        before,
        after,
        f"a/{name}".encode(),
        f"b/{name}".encode(),
        lineterm=b"",
    ):
        if line.startswith((b"---", b"+++", b"@@")):
            out += line + b"\n"
        elif line.endswith(b"\n"):
            out += line
        else:
            out += line + _NO_NEWLINE
    return bytes(out)


def _lines(data: bytes) -> list[bytes]:
    """``data`` split after each ``\\n``, the line ends kept (a last line may have none)."""
    lines = data.split(b"\n")
    return [line + b"\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])


def write_file(source: Source, new_text: str) -> Path:
    """Replace ``source``'s file with ``new_text`` atomically, keeping a backup; its path.

    A symbolic link is followed: the file it points to is the post, and replacing the link with
    a regular file left that file unfixed and the link gone (probe 20).
    """
    try:
        path = source.path.resolve(strict=True)
        current = path.read_bytes()
        mode = path.stat().st_mode & 0o7777
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symbolic link loop
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise FixError(f"cannot read {source.path} again: {why}") from exc
    if current != source.data:
        raise FixError(f"{source.path} changed since it was checked; run citecheck fix again")
    backup = _backup(path)
    try:
        atomic.replace_atomically(path, source.encode(new_text), mode=mode)
    except OSError as exc:
        raise FixError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return backup


def _backup(path: Path) -> Path:
    """Keep the original beside ``path`` as ``NAME.orig`` (or ``NAME.orig.N`` if taken)."""
    for index in range(1000):
        backup = path.with_name(path.name + (".orig" if index == 0 else f".orig.{index}"))
        if backup.exists() or backup.is_symlink():
            continue
        try:
            os.link(path, backup)
        except FileExistsError:
            continue
        except OSError:
            try:
                shutil.copy2(path, backup)
            except OSError as exc:
                raise FixError(f"cannot keep a backup {backup}: {exc.strerror or exc}") from exc
        return backup
    raise FixError(f"cannot keep a backup of {path}: every name {path.name}.orig.N is taken")


def _edit_row(repair: Repair) -> dict[str, object]:
    return {
        "post_url": redact_url(repair.post_url),
        "old_url": redact_url(repair.old_url),
        "new_url": redact_url(repair.new_url),
        "why": repair.why,
        "line": repair.line,
    }


def edit_list_json(repairs: Sequence[Repair]) -> str:
    """The edits for a remote blog, for a program: ``{"edits": [{post_url, old_url, …}]}``."""
    return json.dumps({"edits": [_edit_row(r) for r in repairs]}, ensure_ascii=False, indent=2)


def edit_list_csv(repairs: Sequence[Repair]) -> str:
    """The edits for a remote blog, for a spreadsheet (UTF-8 with a BOM, CRLF, like report.csv).

    Every cell is a URL, a finding code or a number, so none can start a spreadsheet formula.
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, EDIT_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(_edit_row(r) for r in repairs)
    return "\ufeff" + buffer.getvalue()
