"""Atomic single-file writes: a synced temporary file beside the target, renamed into place.

Every file citecheck writes for someone to read (the reports, ``-o FILE``, the baseline, a
fixed post, a patch, the remote edit list, trends.html) is replaced whole, so a reader (a CI
step, a browser, ``git``) sees the old file or the new one, never half of either, and a failure
(full disk, read-only folder, a renderer's bug) leaves neither a half-written file nor a stray
temporary one.  This leaf is the one way that is done; callers turn its ``OSError`` into their
own one-line error naming their flag.

The temporary file is created with ``O_EXCL`` under a random name (ours alone, as
``tempfile.mkstemp`` makes it) but with the usual mode, 0666 less the umask (0644 as a rule),
not ``mkstemp``'s 0600: the rename keeps the mode the file was created with, and a report or a
baseline is for others to read.  A caller replacing a user's file passes that file's ``mode``.
:func:`stage` and :func:`commit` are apart so that a caller with several files (the report
folder) stages them all before moving any into place.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

__all__ = ["commit", "discard", "remove_stale", "replace_atomically", "stage", "sync_folder"]

_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
_ATTEMPTS = 100


def stage(target: Path, fill: Callable[[IO[bytes]], object], *, mode: int | None = None) -> Path:
    """A synced temporary file beside ``target`` that ``fill`` wrote; its path.

    ``mode``: the permission bits it gets (a user's file keeps its own); None: 0666 less the
    umask.  A ``target`` that is a device, a named pipe or a socket raises ``OSError``.  If
    anything fails, ``fill`` included (a renderer's bug), the temporary file goes and the
    exception goes on.
    """
    _refuse_special(target)
    handle, temporary = _create(target)
    try:
        with os.fdopen(handle, "wb") as stream:
            fill(stream)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
    except BaseException:
        discard(temporary)
        raise
    return temporary


def commit(temporary: Path, target: Path) -> None:
    """Move a staged file into ``target``'s place (one rename: atomic on the same folder)."""
    os.replace(temporary, target)


def discard(temporary: Path) -> None:
    """Remove a staged file that was not committed (nothing if it is already gone)."""
    with contextlib.suppress(FileNotFoundError):
        temporary.unlink()


STALE_AFTER = 3600.0
"""Seconds after its last write a temporary file of :func:`stage` may be litter: staging one
takes seconds (written, synced, renamed).  Only a floor: a file whose writer (its name's pid,
:func:`_staged_name`) still runs is never litter, whatever its time says (a FAT or network
file system's clock, a run suspended for hours with Ctrl-Z)."""

_STAGED = re.compile(r"\.(?P<rest>.+)\.[0-9a-f]{16}\.tmp\Z", re.DOTALL)
"""A name :func:`_staged_name` gives (``.NAME.PID.<16 hex digits>.tmp``), or an older
citecheck's (``.NAME.<16 hex digits>.tmp``, no pid)."""


def _staged_name(target: str, pid: int, token: str) -> str:
    """The name of a temporary file for ``target``, made by process ``pid``."""
    return f".{target}.{pid}.{token}.tmp"


def _staged_for(name: str, wanted: set[str]) -> tuple[str, int | None] | None:
    """The target (one of ``wanted``) and writer's pid (None: an older citecheck's name) of the
    temporary file ``name``; None if it is no such file."""
    staged = _STAGED.fullmatch(name)
    if staged is None:
        return None
    rest = staged["rest"]
    target, dot, pid = rest.rpartition(".")
    if dot and pid.isascii() and pid.isdigit() and target in wanted:
        return target, int(pid)
    return (rest, None) if rest in wanted else None


def alive_elsewhere(pid: int) -> bool:
    """Whether ``pid`` is a process still running, other than this one (an earlier run of this
    process is gone).  A pid used again by an unrelated process reads as alive: what it would
    have removed waits (slower, never wrong)."""
    if pid == os.getpid() or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except PermissionError:  # another user's process: alive
        return True
    except (ProcessLookupError, OverflowError):  # gone, or no pid this system could have
        return False
    return True


def remove_stale(folder: Path, names: Iterable[str], *, now: float | None = None) -> int:
    """Remove the temporary files :func:`stage` made for ``names`` in ``folder`` that a process
    killed while writing left (``SIGKILL``, the OOM killer, a power cut: no ``finally`` ran);
    how many went.  A file is litter once its writer is no running process and it has been
    untouched for :data:`STALE_AFTER` seconds (an older citecheck's name, with no pid: the
    time alone).

    Such a file stayed for good, as large as the report it was to become, one more each time a
    run was killed while writing its reports (probe 34).  Only regular files of exactly that
    name are removed, never a user's own file; one that cannot be is left, unsaid.  The folder
    is read an entry at a time (``-o ~/out.md``: the home folder)."""
    wanted = set(names)
    limit = (time.time() if now is None else now) - STALE_AFTER
    removed = 0
    try:
        entries = os.scandir(folder)
    except OSError:
        return 0
    with entries, contextlib.suppress(OSError):
        for entry in entries:
            staged = _staged_for(entry.name, wanted)
            if staged is None or (staged[1] is not None and alive_elsewhere(staged[1])):
                continue
            with contextlib.suppress(OSError):
                if (
                    entry.is_file(follow_symlinks=False)
                    and entry.stat(follow_symlinks=False).st_mtime < limit
                ):
                    os.unlink(entry.path)
                    removed += 1
    return removed


def sync_folder(folder: Path) -> None:
    """Make the renames durable where the platform allows it (POSIX); best effort elsewhere."""
    with contextlib.suppress(OSError, AttributeError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def replace_atomically(target: Path, data: bytes, *, mode: int | None = None) -> None:
    """Replace ``target`` with ``data``: staged, synced, renamed, the folder synced (a device or
    a pipe is refused: :func:`stage`).  A temporary file for ``target`` that a killed writer
    left goes first (:func:`remove_stale`): a baseline, a fixed post, trends.html or ``-o
    FILE`` killed mid-write left one beside it for good, as the reports did (probe 34)."""
    remove_stale(target.parent, (target.name,))
    temporary = stage(target, lambda stream: stream.write(data), mode=mode)
    try:
        commit(temporary, target)
    finally:
        discard(temporary)
    sync_folder(target.parent)


class NotRegularFileError(OSError):
    """The target is a device, a named pipe or a socket: written through a rename it would be
    replaced, so it is refused, and the one-line error can say what to do instead."""


def _refuse_special(target: Path) -> None:
    """Raise ``OSError`` if ``target`` is a device, a named pipe or a socket: the rename would
    replace the node itself with a file (``-o /dev/null`` run as root turned the machine's
    ``/dev/null`` into a report, probe 20), not write to it."""
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return  # absent (the usual case), or unreachable: creating the file will say why
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        raise NotRegularFileError(
            errno.EINVAL, "not a regular file (a device or a pipe), which it would replace"
        )


def _create(target: Path) -> tuple[int, Path]:
    """A new, uniquely named file beside ``target``, opened for writing."""
    error: OSError = FileExistsError("no free temporary name")
    for _ in range(_ATTEMPTS):
        temporary = target.parent / _staged_name(target.name, os.getpid(), secrets.token_hex(8))
        try:
            return os.open(temporary, _CREATE_FLAGS, 0o666), temporary
        except FileExistsError as exc:
            error = exc
    raise error
