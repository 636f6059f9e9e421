"""Write the rendered reports into the report folder, all or nothing.

This is the only module of ``report`` that touches files, and it also holds the table of
formats, so adding a format is one renderer module plus one entry in :data:`FORMATS`.  Every
format is rendered before any file is opened, each file is written to a temporary name in the
same folder, flushed and fsynced, and only then moved into place with ``os.replace``.  A reader
(a CI step, a browser) therefore sees either the previous report or the complete new one, and a
failure (full disk, read-only folder) leaves no half-written ``report.*`` or stray temp file.

The temporary file is created with the usual mode (0666 less the umask, so 0644 as a rule), not
``tempfile``'s 0600: a report is for reading by a CI step, a web server or a colleague, and the
rename keeps the mode it was created with.  The text is scrubbed to valid UTF-8
(``encoding.scrub``) at this boundary, whatever the renderer produced.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from checker.encoding import scrub
from checker.errors import ReportError
from checker.report import csv, html, json, junit, markdown, sarif

__all__ = ["EXTENSIONS", "FORMATS", "Renderer", "report_name", "write_reports"]

Renderer = Callable[[dict[str, Any]], str]

FORMATS: dict[str, Renderer] = {
    "json": json.render,
    "md": markdown.render,
    "html": html.render,
    "junit": junit.render,
    "sarif": sarif.render,
    "csv": csv.render,
}
# The file extension of each format where it differs from the format's name.
EXTENSIONS: dict[str, str] = {"junit": "xml", "sarif": "sarif"}


def report_name(format_name: str) -> str:
    """The file name a format is written to, e.g. ``report.json`` or ``report.xml`` (junit)."""
    return f"report.{EXTENSIONS.get(format_name, format_name)}"


def write_reports(
    document: dict[str, Any], *, report_dir: Path, formats: Sequence[str]
) -> tuple[Path, ...]:
    """Render ``document`` in each of ``formats`` and write them atomically into ``report_dir``.

    Returns the written paths in the order of ``formats``; raises ReportError (one line, naming
    the path) if a format is unknown or anything cannot be written.
    """
    rendered = [(report_dir / report_name(name), _render(name, document)) for name in formats]
    _make_folder(report_dir)
    staged: list[tuple[Path, Path]] = []
    try:
        for target, text in rendered:
            staged.append((_stage(target, scrub(text).encode("utf-8")), target))
        for temporary, target in staged:
            _replace(temporary, target)
    finally:
        for temporary, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                temporary.unlink()
    _sync_folder(report_dir)
    return tuple(target for target, _ in rendered)


def _render(name: str, document: dict[str, Any]) -> str:
    renderer = FORMATS.get(name)
    if renderer is None:
        raise ReportError(
            f"report format {name!r} is not available; choose from {', '.join(FORMATS)}"
        )
    return renderer(document)


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _error(folder, exc, "create the report folder") from exc


def _stage(target: Path, data: bytes) -> Path:
    """Write ``data`` to a synced temporary file beside ``target``; return its path."""
    handle, temporary = _create(target)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise _error(target, exc, "write") from exc
    return temporary


_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
_ATTEMPTS = 100


def _create(target: Path) -> tuple[int, Path]:
    """A new, uniquely named file beside ``target``, mode 0666 less the umask (as ``open`` makes).

    ``O_EXCL`` makes the name ours alone, as ``tempfile.mkstemp`` does, without its 0600 mode.
    """
    error: OSError = FileExistsError("no free temporary name")
    for _ in range(_ATTEMPTS):
        temporary = target.parent / f".{target.name}.{secrets.token_hex(8)}.tmp"
        try:
            return os.open(temporary, _CREATE_FLAGS, 0o666), temporary
        except FileExistsError as exc:
            error = exc
        except OSError as exc:
            raise _error(target, exc, "write") from exc
    raise _error(target, error, "write") from error


def _replace(temporary: Path, target: Path) -> None:
    try:
        os.replace(temporary, target)
    except OSError as exc:
        raise _error(target, exc, "write") from exc


def _sync_folder(folder: Path) -> None:
    """Make the renames durable where the platform allows it (POSIX); best effort elsewhere."""
    with contextlib.suppress(OSError, AttributeError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _error(path: Path, exc: OSError, action: str) -> ReportError:
    reason = exc.strerror or exc.__class__.__name__
    return ReportError(
        f"cannot {action} {path}: {reason}; check that the folder is writable "
        "or choose another with --report-dir"
    )
