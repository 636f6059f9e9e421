"""The memo: results of pure work kept across runs in the store's SQLite file.

A warm run within the TTL gets every source from the store without a request; what was left was
pure work: extracting the posts of every input page and judging every source's answer (metadata,
quotes, availability), about a millisecond a page each, which dominated warm runs.  Both depend
only on their inputs, so ``extract`` and ``verify`` fingerprint those inputs, together with their
own code, and keep the result here (:func:`remembered`); the next run with the same inputs takes
it back.  A changed page, citation or code computes afresh and replaces the row: one row per
subject (an input page, a citation), not one per version of it.

A leaf: stages receive a :class:`~checker.model.Memo` and use :func:`remembered`; the pipeline
opens :class:`SqliteMemo` next to the fetch stage's store.  It never reaches the network, and a
memo that cannot be read is no error, only a slower run.
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import TypeVar

from checker.model import Memo

__all__ = ["SqliteMemo", "code_fingerprint", "keep", "recall", "remembered"]

T = TypeVar("T")
_CHECKER = Path(__file__).resolve().parent

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


def remembered(
    memo: Memo | None, subject: str, inputs: str, kind: type[T], compute: Callable[[], T]
) -> T:
    """``compute()``, or the ``kind`` value ``memo`` kept for ``subject`` computed from ``inputs``.

    ``inputs`` must fingerprint everything ``compute`` reads, its code included
    (:func:`code_fingerprint`).
    """
    value = recall(memo, subject, inputs, kind)
    if value is None:
        value = compute()
        keep(memo, subject, inputs, value)
    return value


def recall(memo: Memo | None, subject: str, inputs: str, kind: type[T]) -> T | None:
    """The ``kind`` value kept for ``subject`` computed from ``inputs``; None if there is none.

    A row that does not unpickle to a ``kind`` counts as none: it is computed afresh.
    """
    kept = memo.recall(subject, inputs) if memo is not None else None
    if kept is None:
        return None
    try:
        value = pickle.loads(kept)
    except Exception:  # a damaged row is recomputed, never fatal
        return None
    return value if isinstance(value, kind) else None


def keep(memo: Memo | None, subject: str, inputs: str, value: object) -> None:
    """Keep ``value`` for ``subject`` as computed from ``inputs`` (nothing without a memo)."""
    if memo is not None:
        memo.keep(subject, inputs, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


@cache
def code_fingerprint(*parts: str) -> str:
    """A hash of the source of ``parts`` of checker (packages or modules) and of the data model.

    Part of every memo key, so a changed extractor or verifier never reuses an old result.
    """
    paths = [_CHECKER / "model.py", _CHECKER / "findings.py"]
    for part in parts:
        root = _CHECKER / part
        paths += sorted(root.rglob("*.py")) if root.is_dir() else [root.with_suffix(".py")]
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()
