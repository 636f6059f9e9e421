"""What a cold store costs a run, part three (issue 19, bench/README.md "Session 33").

The memo's code fingerprints say whether checker's source changed: each file's text is hashed
by Python's own source hash (the one a checked hash-based ``.pyc`` is validated by), and only
the short list of paths and digests goes through SHA-256.  A damaged store stays data: a
verdict row whose text is not UTF-8 is no row, the rest of the history is read.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from importlib.util import source_hash
from pathlib import Path
from types import SimpleNamespace

import pytest

from checker import memo
from checker.config import Config
from checker.fetch.store import Store, read_verdicts, record_verdicts
from checker.memo import code_fingerprint
from checker.model import (
    CheckedCitation,
    CheckedDocument,
    Citation,
    CitationKind,
    Document,
    Report,
    Status,
)


@pytest.fixture
def fresh_fingerprints() -> Iterator[None]:
    """Fingerprints made anew in the test, and again after it (the process's are cached)."""
    code_fingerprint.cache_clear()
    memo._source_digest.cache_clear()
    yield
    code_fingerprint.cache_clear()
    memo._source_digest.cache_clear()


def test_a_code_fingerprint_feeds_sha256_no_files_text(
    monkeypatch: pytest.MonkeyPatch, fresh_fingerprints: None
) -> None:
    """SHA-256 of every source file (1.07 MB for extract's and verify's) was 30 M instructions
    of each run with a store; the fingerprint hashes the files' short digests instead."""
    fed: list[int] = []
    real = hashlib.sha256

    class Counted:
        def __init__(self, data: bytes = b"") -> None:
            self._hash = real(data)
            fed.append(len(data))

        def update(self, data: bytes) -> None:
            fed.append(len(data))
            self._hash.update(data)

        def hexdigest(self) -> str:
            return self._hash.hexdigest()

        def digest(self) -> bytes:
            return self._hash.digest()

    monkeypatch.setattr(memo, "hashlib", SimpleNamespace(sha256=Counted))
    code_fingerprint("extract", "urls")
    code_fingerprint("verify")
    sources = sum(path.stat().st_size for path in (memo._CHECKER / "verify").rglob("*.py"))
    assert sum(fed) < 20_000 < sources  # before: every file's bytes (over 1 MB)
    assert max(fed) < 200  # a path or a file's digest, never a file


def test_a_source_files_digest_is_pythons_source_hash_of_its_bytes(
    tmp_path: Path, fresh_fingerprints: None
) -> None:
    """Equal texts, equal digests; a changed byte, another digest (the fingerprint's use)."""
    first, second = tmp_path / "a.py", tmp_path / "b.py"
    first.write_bytes(b"x = 1\n")
    second.write_bytes(b"x = 1\n")
    assert memo._source_digest(first) == memo._source_digest(second) == source_hash(b"x = 1\n")
    changed = tmp_path / "c.py"
    changed.write_bytes(b"x = 2\n")
    assert memo._source_digest(changed) != memo._source_digest(first)


def test_a_verdict_whose_text_is_not_utf8_is_no_row_not_a_refused_history(
    tmp_path: Path,
) -> None:
    """One verdict's URL with a byte that is not UTF-8 (a flipped bit the structure check does
    not see, a forged row): ``trends`` reads every other row; it refused the whole store."""
    path = tmp_path / "store.sqlite3"
    config = Config().with_(store=path)
    Store(path, config).close()
    citations = tuple(
        Citation(CitationKind.LINK, f"https://a.example/{name}") for name in ("x", "y", "z")
    )
    document = Document("https://blog.example/p1", "in", "t", None, citations)
    checked = CheckedDocument(document, tuple(CheckedCitation(c, Status.OK) for c in citations))
    report = Report(("in",), (checked,), "0", "2025-03-10T12:00:00+00:00", "2025-03-10T12:01")
    assert record_verdicts(path, report, config)
    with sqlite3.connect(path) as db:
        db.execute(
            "UPDATE verdicts SET url = CAST(X'68747470733A2F2F612E6578616D706C652FFF79' AS TEXT) "
            "WHERE url = 'https://a.example/y'"
        )
    db.close()
    urls = [row.url for row in read_verdicts(path)]
    assert urls == ["https://a.example/x", "https://a.example/z"]  # before: a ConfigError
