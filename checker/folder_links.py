"""Which folders behind a symbolic link a walk of a folder goes into: one rule for a folder
input's walk (:func:`checker.discover.ignore.walk`) and an Obsidian vault's listing
(:mod:`checker.extract.wikilinks`).

A folder linked in from outside (a notes folder shared between vaults, a Hugo ``content/``
section kept in another repository) is walked, as Obsidian's desktop app, Hugo and Jekyll
(outside its safe mode) read it: its posts are the site's.  A link to the walked folder, into
it (its files are read at their own paths) or above it (a loop) is not.  Each folder is
entered once, by its device and inode, so that links between linked folders end (session 31
walked them in a vault only; a folder input said them "not followed" and read none).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["FolderLinks"]


class FolderLinks:
    """One walk's memory of the folders it entered, and the rule for the links it meets."""

    __slots__ = ("_entered", "_inside")

    def __init__(self, root: Path) -> None:
        self._inside = os.path.realpath(root)
        self._entered: set[tuple[int, int]] = set()

    def enter(self, folder: Path | str) -> bool:
        """Whether ``folder`` is entered now: False when it was entered already (a loop, or a
        second link to one folder).  Raises :class:`OSError` when it cannot be looked at."""
        seen = os.stat(folder)
        key = (seen.st_dev, seen.st_ino)
        if key in self._entered:
            return False
        self._entered.add(key)
        return True

    def follows(self, entry: os.DirEntry[str]) -> bool:
        """Whether ``entry``, a symbolic link to a folder, is walked: its real folder outside
        the walked one and not above it.  Raises :class:`OSError` as ``DirEntry.is_dir`` does."""
        if not (entry.is_symlink() and entry.is_dir()):
            return False
        target, inside = os.path.realpath(entry.path), self._inside
        return not (
            target == inside
            or target.startswith(inside.rstrip(os.sep) + os.sep)
            or inside.startswith(target.rstrip(os.sep) + os.sep)
        )
