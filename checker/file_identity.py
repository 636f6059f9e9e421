"""Which file a path names: a store's connections see whether the file they opened is still the
one at its path (probe 34).

SQLite writes to the file it opened, whatever its name names now: a store removed while a run
held it (a cache cleaned, ``rm -rf ~/.cache``, a CI step restoring its cache over it) took the
run's rows with it, and a file put in its place is no file the run read.  The fetch stage's
store (:mod:`checker.fetch.store`) and the memo sharing its file (:mod:`checker.memo`) each
compare the (device, inode) they opened with the path's at their close, and say what is lost.
"""

from __future__ import annotations

import stat
from pathlib import Path

__all__ = ["changed_from", "file_identity"]


def file_identity(path: Path) -> tuple[int, int] | None:
    """The (device, inode) of the regular file at ``path`` (through symbolic links); None if
    there is none."""
    try:
        info = path.stat()
    except OSError:
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None


def changed_from(path: Path, opened: tuple[int, int] | None) -> str | None:
    """How the file at ``path`` is no longer the file ``opened`` (its device and inode), if it
    is not: "removed", "replaced by a folder" or "replaced by another file"; None if it is."""
    if path.is_dir():
        return "replaced by a folder"
    now = file_identity(path)
    if now is None:
        return "removed"
    return None if now == opened else "replaced by another file"
