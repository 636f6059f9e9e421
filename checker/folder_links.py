"""Which folders behind a symbolic link a walk of a folder goes into: one rule for a folder
input's walk (:func:`checker.discover.ignore.walk`) and an Obsidian vault's listing
(:mod:`checker.extract.wikilinks`).

A folder linked in from outside (a notes folder shared between vaults, a Hugo ``content/``
section kept in another repository) is walked, as Obsidian's desktop app, Hugo and Jekyll
(outside its safe mode) read it: its posts are the site's, when it lies within the folders
being checked.  A link to the walked folder, into it (its files are read at their own paths),
above it or above the link's own folder (a loop) is not, nor one leading out of those folders.
Each folder is entered once, by its device and inode, so that links between linked folders end
(session 31 walked them in a vault only; a folder input said them "not followed", read none).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

__all__ = ["FolderLinks"]


class FolderLinks:
    """One walk's memory of the folders it entered, and the rule for the links it meets.

    ``within``: the folders a linked folder may lead into (``--local-root``; the command
    line's default, the working folder and the inputs), as a file's link may; a link out of
    them is not walked and is kept in :attr:`outside`, said "outside the tree" as such a link
    of a file is.  A folder input followed any link out (``share -> /usr/share`` read 1,243
    system files as posts, ``home -> ~`` a home folder: session 33's review).  None (the
    Python API, a vault's listing, as Obsidian's app walks it) bounds nothing."""

    __slots__ = ("_entered", "_inside", "_within", "outside")

    def __init__(self, root: Path, within: Sequence[Path] | None = None) -> None:
        self._inside = os.path.realpath(root)
        self._within = None if within is None else [os.path.realpath(r) for r in within]
        self._entered: set[tuple[int, int]] = set()
        self.outside: list[str] = []
        """The links met that lead to a folder out of ``within``, not walked."""

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
        the walked one, not above it nor above the link's own folder (``notes/up -> ..`` in a
        linked ``ext/notes`` walked ``ext/``, the files beside the notes), and within the
        bounds.  Raises :class:`OSError` as ``DirEntry.is_dir`` does."""
        if not (entry.is_symlink() and entry.is_dir()):
            return False
        target, inside = os.path.realpath(entry.path), self._inside
        beside = os.path.realpath(os.path.dirname(entry.path))
        if _under(target, inside) or _under(inside, target) or _under(beside, target):
            return False
        if self._within is not None and not any(_under(target, r) for r in self._within):
            self.outside.append(entry.path)
            return False
        return True


def _under(path: str, folder: str) -> bool:
    """Whether the real path ``path`` is ``folder`` or in it."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)
