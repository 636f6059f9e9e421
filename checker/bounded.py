"""A process's bounded table of what it made once: one rule for every such table.

A leaf below :mod:`checker.memo` and :mod:`checker.redact`, which both keep such tables: the memo
imports the redaction (it keeps no secret), so the redaction could not take the rule from it
(session 36's note), and a second copy of it would be a second way to do one thing.
"""

from __future__ import annotations

from typing import TypeVar

__all__ = ["kept_bounded"]

T = TypeVar("T")
K = TypeVar("K")


def kept_bounded(table: dict[K, T], key: K, value: T, most: int) -> T:
    """``value``, kept in ``table`` by ``key``: a process's table of what it made once, emptied
    when it holds ``most`` entries, so it stays bounded whatever the run; the next values start
    it again (evicting the oldest one at a time left a dictionary's front a growing run of dead
    slots that each eviction walked)."""
    if len(table) >= most:
        table.clear()
    table[key] = value
    return value
