"""What a cold store's rows cost to bind and make (issue 19, bench/README.md "Session 32").

Python's ``sqlite3`` binds an exact ``int``, ``str`` or ``bytearray`` at once, but passes
``None`` and ``bytes`` through its adapter registry first (~3,300 instructions a value): the
store's and the memo's rows give what they mostly hold as values bound at once, and the file
holds the very values it held (NULLs, BLOBs).  A page's digest is made once for the store and
verify, each header kept once a process, each source file hashed once for the code fingerprints.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from checker import memo
from checker.config import Config
from checker.fetch import store
from checker.fetch.store import Store, record_verdicts
from checker.memo import SqliteMemo, body_digest, code_fingerprint
from checker.model import (
    CheckedCitation,
    CheckedDocument,
    Citation,
    CitationKind,
    Document,
    FetchResult,
    Outcome,
    Report,
    Status,
)
from checker.urls import MAX_HEADER_CHARS

PAGE = "<html><head><title>A story</title></head><body><p>Text.</p></body></html>"


class _Bound:
    """A connection that notes every value bound by ``executemany`` (a ``sqlite3.Connection``'s
    methods cannot be replaced), then runs it on the real one."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self.values: list[tuple[str, object]] = []

    def executemany(self, sql: str, rows: Any) -> Any:
        rows = [tuple(row) for row in rows]
        self.values += [(sql, value) for row in rows for value in row]
        return self._db.executemany(sql, rows)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)


def _adapted(values: list[tuple[str, object]], table: str) -> list[object]:
    """The values bound into ``table`` that ``sqlite3`` adapts before it binds them."""
    return [v for sql, v in values if f"INTO {table}" in sql and (v is None or type(v) is bytes)]


def test_a_good_answers_row_binds_no_value_the_adapters_are_asked_about(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    stored = Store(path, Config().with_(store=path))
    bound = _Bound(stored._db)
    stored._db = bound  # type: ignore[assignment]
    url = "https://news.example/2024/story.html"
    headers = {"Content-Type": "text/html", "Content-Length": "80"}
    answer = FetchResult(
        url, Outcome.OK, url, 200, headers=headers, content_type="text/html", text=PAGE
    )
    stored.record(answer)
    stored._db = bound._db
    stored.close()
    assert [v for sql, v in bound.values if "INTO urls" in sql]  # the row went through here
    assert _adapted(bound.values, "urls") == []  # before: error, validators, streak and body
    with sqlite3.connect(path) as db:
        row = db.execute(
            "SELECT error, etag, last_modified, first_failed, typeof(body), body, digest, "
            "final_url, content_type, encoding, headers FROM urls"
        ).fetchone()
    db.close()
    assert row[:5] == (None, None, None, None, "blob")  # NULLs and a BLOB, as before
    assert store.stored_text(row[5]) == PAGE
    assert row[6] == hashlib.sha256(PAGE.encode()).hexdigest()
    assert row[7:10] == ("=", "text/html", None)
    assert json.loads(row[10]) == {"Content-Type": "text/html"}


def test_a_failures_row_keeps_its_texts_and_its_nulls(tmp_path: Path) -> None:
    """A text column that holds text keeps it (the stand-in for NULL is no text's value): a
    failure's error, its streak's start, and no body, no digest, no final URL."""
    path = tmp_path / "store.sqlite3"
    stored = Store(path, Config().with_(store=path))
    url = "https://down.example/a"
    stored.record(FetchResult(url, Outcome.TIMEOUT, error="timed out after 10 s"))
    stored.close()
    with sqlite3.connect(path) as db:
        row = db.execute(
            "SELECT error, typeof(first_failed), body, digest, final_url, status, failures "
            "FROM urls"
        ).fetchone()
    db.close()
    assert row == ("timed out after 10 s", "text", None, None, None, None, 1)


def test_the_memos_values_are_bound_as_blobs_without_the_adapters(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    kept = SqliteMemo(path)
    assert kept._db is not None
    bound = _Bound(kept._db)
    kept._db = bound  # type: ignore[assignment]
    kept.keep("judge:a", "inputs", b'{"status":"ok"}')
    kept._write_kept()
    kept._db = bound._db
    kept.close()
    assert [v for sql, v in bound.values if "INTO memo" in sql]
    assert _adapted(bound.values, "memo") == []  # before: the value's bytes
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT typeof(value), value FROM memo").fetchall() == [
            ("blob", b'{"status":"ok"}')
        ]
    db.close()
    assert SqliteMemo(path).recall("judge:a", "inputs") == b'{"status":"ok"}'


def test_verdict_rows_bind_no_platform_nor_missing_date_through_the_adapters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "store.sqlite3"
    config = Config().with_(store=path)
    Store(path, config).close()
    citations = (
        Citation(CitationKind.LINK, "https://a.example/x"),
        Citation(CitationKind.LINK, "https://a.example/y"),
    )
    document = Document("https://blog.example/p1", "in", "t", None, citations)
    checked = CheckedDocument(document, tuple(CheckedCitation(c, Status.OK) for c in citations))
    report = Report(("in",), (checked,), "0", "2025-03-10T12:00:00+00:00", "2025-03-10T12:01")
    opened: list[_Bound] = []
    real = store._open_checked

    def watched(where: Path, **how: Any) -> Any:
        db = real(where, **how)
        if db is None:
            return None
        opened.append(_Bound(db))
        return opened[-1]

    monkeypatch.setattr(store, "_open_checked", watched)
    assert record_verdicts(path, report, config)
    assert [v for sql, v in opened[0].values if "INTO verdicts" in sql]
    assert _adapted(opened[0].values, "verdicts") == []  # before: the date and the platform
    with sqlite3.connect(path) as db:
        rows = db.execute(
            "SELECT post_date, platform, url, domain, kind, status, findings FROM verdicts"
        ).fetchall()
    db.close()
    assert rows == [
        (None, None, "https://a.example/x", "a.example", "link", "ok", ""),
        (None, None, "https://a.example/y", "a.example", "link", "ok", ""),
    ]
    dated = Document("https://blog.example/p2", "in", "t", date(2025, 1, 10), citations)
    [row, _] = store.verdict_rows(
        Report(("in",), (CheckedDocument(dated, checked.citations),), "0", "s", "f"), 1, ""
    )
    assert row[4] == "2025-01-10"


def test_a_bodys_digest_is_its_sha256_whatever_holds_its_bytes() -> None:
    """``body_digest`` takes any bytes-like body (session 32's table of digests by body
    raised TypeError for a ``bytearray`` or ``memoryview`` up to 16 KB)."""
    body = b"<html>a page of its own, made for this test</html>"
    want = hashlib.sha256(body).hexdigest()
    assert body_digest(body) == body_digest(bytearray(body)) == want
    assert body_digest(memoryview(body)) == want
    large = b"x" * 20_000
    assert body_digest(bytearray(large)) == hashlib.sha256(large).hexdigest()


def test_each_source_file_is_hashed_once_for_every_code_fingerprint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Extract's fingerprints (with and without verify) and verify's share their files: each
    is read and hashed once a process (the shared ones were hashed two or three times)."""
    read: list[Path] = []
    real = Path.read_bytes

    def counted(self: Path) -> bytes:
        read.append(self)
        return real(self)

    code_fingerprint.cache_clear()
    memo._source_digest.cache_clear()
    monkeypatch.setattr(Path, "read_bytes", counted)
    try:
        prints = {
            code_fingerprint("extract", "urls"),
            code_fingerprint("extract", "urls", "verify"),
            code_fingerprint("verify"),
        }
    finally:
        code_fingerprint.cache_clear()
        memo._source_digest.cache_clear()
    assert len(prints) == 3
    assert read and len(read) == len(set(read))  # before: model.py alone was read three times


def test_a_code_fingerprint_changes_with_a_files_text_and_with_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "checker"
    (root / "part").mkdir(parents=True)
    for name in ("model.py", "findings.py", "memo.py", "part/a.py", "part/b.py"):
        (root / name).write_text(f"# {name}\n")
    monkeypatch.setattr(memo, "_CHECKER", root)

    def fingerprint() -> str:
        code_fingerprint.cache_clear()
        memo._source_digest.cache_clear()
        return code_fingerprint("part")

    try:
        first = fingerprint()
        (root / "part/b.py").write_text("# changed\n")
        changed = fingerprint()
        (root / "part/b.py").rename(root / "part/c.py")
        renamed = fingerprint()
    finally:
        code_fingerprint.cache_clear()
        memo._source_digest.cache_clear()
    assert len({first, changed, renamed}) == 3


def test_no_header_sent_is_remembered_between_answers() -> None:
    """Whether a header is kept is decided by its name: nothing an answer sends (a cookie, a
    request id, its validators) stays in the module after its row is made, and each row's
    headers are what it sent, kept (session 33: a cache of every header by name and value
    missed on every real answer, held raw ``Set-Cookie`` values and doubled the cost)."""
    cookie = "session=s3cr3t-cookie-value-0123456789; HttpOnly"
    for n in range(3):
        headers = {
            "Date": f"Wed, 02 Dec 2026 13:00:0{n} GMT",
            "Content-Type": "text/html",
            "Set-Cookie": cookie,
            "CF-Ray": f"8f{n}-AMS",
            "ETag": f'"v{n}"',
            "Last-Modified": "Tue, 01 Dec 2026 10:00:00 GMT",
        }
        text, etag, last_modified = store._stored_headers(headers)
        assert json.loads(text) == {
            "Content-Type": "text/html",
            "ETag": f'"v{n}"',
            "Last-Modified": "Tue, 01 Dec 2026 10:00:00 GMT",
        }
        assert (etag, last_modified) == (f'"v{n}"', "Tue, 01 Dec 2026 10:00:00 GMT")
    held = [
        name
        for name, value in vars(store).items()
        if isinstance(value, dict) and cookie in repr(value)
    ]
    assert held == []  # before: ['_KEPT_HEADERS'] (the raw cookie, by name and value)
    secret = {"Location": "https://user:pw@example.com/a", "Server": "x"}
    assert json.loads(store._stored_headers(secret)[0]) == {
        "Location": "https://REDACTED@example.com/a",
        "Server": "x",
    }


def test_a_moment_is_written_as_isoformat_writes_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """The store's times as ``isoformat`` writes them, in any zone, with or without
    microseconds, over days, years and leap days; the text up to the second made once."""
    monkeypatch.setattr(store, "_SECOND_TEXTS", {})
    start = datetime(2024, 2, 28, 23, 59, 58, 999_999, tzinfo=UTC)
    moments = [start + timedelta(microseconds=n * 250_001) for n in range(40)]
    moments += [m.replace(microsecond=0) for m in moments[:5]]
    moments += [datetime(1, 1, 1, tzinfo=UTC), datetime(9999, 12, 31, 23, 59, 59, 1, tzinfo=UTC)]
    moments += [
        start.astimezone(timezone(timedelta(hours=9))),
        start.astimezone(ZoneInfo("America/New_York")),
        start.replace(tzinfo=timezone(timedelta(0))),  # UTC again (the same zone)
        start.replace(tzinfo=timezone(timedelta(0), "Z")),  # a zone of its own at +00:00
    ]
    for moment in moments:
        assert store._moment_text(moment) == moment.isoformat()
    made: list[datetime] = []
    monkeypatch.setattr(store, "_SECOND_TEXTS", {})
    real = datetime.replace

    class Counted(datetime):
        def replace(self, *args: object, **kwargs: object) -> datetime:  # type: ignore[override]
            made.append(self)
            return real(self, *args, **kwargs)  # type: ignore[arg-type]

    same_second = [Counted(2025, 3, 1, 12, 0, 5, n * 1000, tzinfo=UTC) for n in range(1, 50)]
    texts = [store._moment_text(m) for m in same_second]
    assert texts == [m.isoformat() for m in same_second]
    assert len(made) == 1  # before: no such text kept (isoformat made it whole each time)


def test_a_long_header_is_kept_cut() -> None:
    """A server's long header is kept as ever: redacted and cut."""
    for n in range(3):
        link = f"<https://example.com/{n}/{'x' * 5000}>; rel=next"
        text, _, _ = store._stored_headers({"Link": link, "Server": "s"})
        assert json.loads(text) == {"Link": link[:MAX_HEADER_CHARS], "Server": "s"}
