"""The memo: judgements kept across runs in the store's SQLite file, one row per subject.

A warm run within the TTL gets every source from the store without a request; what is left is
re-reading each page (metadata, quotes, availability), which costs about a millisecond a page
and dominated warm runs.  A judgement depends only on the citation and the source's answer, so
``verify`` fingerprints both and keeps its result here (:class:`~checker.model.Memo`); the next
run with the same inputs takes it back without parsing.  A changed page, a changed citation or
changed verify code (part of the fingerprint) simply computes afresh and replaces the row, so
the table holds one row per citation ever judged, not one per version of a page.

A leaf beside ``baseline``: the pipeline opens it next to the fetch stage's store; it never
reaches the network.  A memo that cannot be read is no error, only a slower run.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import TracebackType

__all__ = ["SqliteMemo"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS memo (
    subject TEXT PRIMARY KEY, inputs TEXT NOT NULL, value BLOB NOT NULL
)
"""


class SqliteMemo:
    """A :class:`~checker.model.Memo` in a table of an SQLite file (the store's own file)."""

    def __init__(self, path: Path) -> None:
        self._db: sqlite3.Connection | None = None
        try:
            self._db = sqlite3.connect(path, isolation_level=None, timeout=10.0)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(_SCHEMA)
        except sqlite3.Error:
            self.close()

    def recall(self, subject: str, inputs: str) -> bytes | None:
        """The value kept for ``subject`` if it was computed from ``inputs``, else None."""
        if self._db is None:
            return None
        try:
            row = self._db.execute(
                "SELECT value FROM memo WHERE subject = ? AND inputs = ?", (subject, inputs)
            ).fetchone()
        except sqlite3.Error:
            return None
        return bytes(row[0]) if row is not None else None

    def keep(self, subject: str, inputs: str, value: bytes) -> None:
        """Remember ``value`` for ``subject`` (replacing what an older input gave)."""
        if self._db is None:
            return
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO memo VALUES (?, ?, ?)", (subject, inputs, value)
            )
        except sqlite3.Error:
            return  # a full disk or a locked file costs speed next time, not this run

    def close(self) -> None:
        """Close the file; every row is already committed."""
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> SqliteMemo:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
