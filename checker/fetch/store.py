"""Memory across runs: one SQLite file that remembers what every URL answered.

Why it exists: a CI job checks the same citations again and again.  Remembering lets it

- skip the network for a source checked recently and found good (``ttl``), or found failing
  within the shorter ``failure_ttl`` (CI runs minutes apart need not ask a failing server again,
  and a reused failure is not a new strike: strikes count real checks only);
- revalidate cheaply: the last good answer's ``ETag``/``Last-Modified`` become ``If-None-Match``/
  ``If-Modified-Since``, and a ``304`` reuses the stored body;
- count strikes: how many consecutive runs failed to get a good answer, since when (``strikes``);
- resume: a run that was killed or interrupted leaves its finished URLs behind (each one is
  committed as it finishes), and the next run in the same scope reuses every one of them, errors
  included, because they were finished checks, not guesses.

Rows are scoped by a fingerprint of the ``--connect-to`` rules: answers from a local copy of the
web must never stand in for the real one, nor one test web's for another's.  An answer is reused
only under the settings that shaped it (:func:`answer_settings`: ``allow_private``, user agent,
size and redirect caps, CA, HTTP/2), and a failure only with the same patience as well (timeouts
and retries, :func:`patience_settings`): a source refused as private stays refused only until
the user says ``--allow-private``.

The file is data that anyone who can write it controls (a shared cache, a restored CI cache), so
reading it never runs code and never crashes: the file is checked on open (``PRAGMA
quick_check`` and the schema version, :func:`open_store`; the full check is skipped only for a
file exactly as a clean run left it, ``<store>.sealed``) and a broken or foreign one is moved
aside with one warning; a row that does not parse is no row.  Nor does it keep secrets: rows are
keyed by a hash of the exact URL and show only its redacted form (:mod:`checker.redact`), a body
that echoes a secret of its URL (a canonical link, a 404's text) is kept with it replaced
(:func:`~checker.redact.redact_echoes`), and of the response headers only a short list of
harmless ones is kept.

The store is used from one event loop, and written from it and from one thread of its own
(:class:`~checker.fetch.deadline.DeadlineWriter`), one at a time under a lock.  The answers got
from the network are written a batch at a time (a commit each was the largest cost of a run
with a store, issue 19), and what a kill (SIGKILL, a power cut aside) can lose is bounded: an
answer recorded is committed within :data:`_RECORD_WAIT` (50 ms), or at once once
:data:`_RECORD_BATCH` (64) wait, whichever comes first, however busy the loop is; the resumed
run asks again for those and for the URLs in flight, nothing else.  SIGTERM and Ctrl-C lose
nothing recorded: the run's close writes what waits.  WAL mode lets a second process read (e.g.
a test polling progress) while a run writes.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
import re
import sqlite3
import sys
import threading
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple, cast
from urllib.parse import urlsplit

from zlib_ng import zlib_ng

from checker.bounded import kept_bounded
from checker.config import Config
from checker.encoding import printable, scrub
from checker.errors import ConfigError
from checker.fetch.deadline import DeadlineWriter
from checker.fetch.strikes import is_good, is_persistent, is_transient
from checker.file_identity import changed_from, file_identity
from checker.memo import (
    ColdRows,
    body_digest,
    json_writer,
    read_rows,
    say_unwritten,
    transaction,
)
from checker.model import CitationKind, FetchResult, Hop, Outcome, Platform, Report, Status
from checker.redact import redact_echoes, redact_text, redact_url
from checker.urls import MAX_HEADER_CHARS, registered_domain

__all__ = [
    "MAX_STORED_CHARS",
    "SHARD_MARK",
    "STORED_HEADERS",
    "STORE_VERSION",
    "Reused",
    "Store",
    "Validators",
    "VerdictRow",
    "answer_settings",
    "insert_url",
    "merge_shard",
    "open_store",
    "patience_settings",
    "prune_verdicts",
    "read_verdicts",
    "record_verdicts",
    "replaced_while_held",
    "scope_of",
    "shard_parent",
    "shard_seal",
    "store_file",
    "stored_text",
    "unwritable",
    "url_key",
    "verdict_rows",
    "with_strikes",
]

MAX_STORED_CHARS = 2_000_000
STORED_HEADERS = frozenset(
    {
        "cache-control",
        "cf-mitigated",
        "content-language",
        "content-location",
        "content-type",
        "etag",
        "last-modified",
        "link",
        "location",
        "refresh",
        "retry-after",
        "server",
        "x-robots-tag",
        "x-wp-totalpages",  # a WordPress REST listing's length (discovery), kept for a 304
    }
)
"""The only response headers kept: none of them carries a credential (never ``Set-Cookie``)."""
_URL_HEADERS = frozenset({"content-location", "location"})
_MAX_BODY_BYTES = 4 * MAX_STORED_CHARS  # UTF-8 of MAX_STORED_CHARS: a bigger one is no row
_SAME = "="
"""Stands for "the URL asked for" in ``final_url`` and hops: the exact URL is never written."""

STORE_VERSION = 4
"""``PRAGMA user_version`` of the layout below.  An older file is moved aside, except the
versions in :data:`_MIGRATABLE`, which are migrated in place; a newer (or negative) one is
refused in one line (:func:`_newer_layout`): it belongs to a newer citecheck, whose answers a
move aside would throw away."""
_MIGRATABLE = frozenset({2, 3})
"""Older layouts opened in place, keeping their answers.  Version 3 added the ``verdicts``
table (issue 18: ``CREATE TABLE IF NOT EXISTS``), version 4 the ``urls.digest`` column
(:data:`_ADDED_COLUMNS`); a row from before it has no digest, and its reader hashes its text
as before."""
_ADDED_COLUMNS = (("urls", "digest", "TEXT"),)
"""Columns added to a table after its first layout, each added to an older file on open
(``ALTER TABLE … ADD COLUMN``: a change of the schema alone, no row is rewritten)."""
_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY, scope TEXT NOT NULL, key TEXT NOT NULL,
    started TEXT NOT NULL, finished TEXT
);
CREATE TABLE IF NOT EXISTS urls (
    scope TEXT NOT NULL, key TEXT NOT NULL, url TEXT NOT NULL, checked TEXT NOT NULL,
    run_id INTEGER NOT NULL, settings TEXT NOT NULL, patience TEXT NOT NULL,
    outcome TEXT NOT NULL, status INTEGER, final_url TEXT, redirects TEXT NOT NULL,
    headers TEXT NOT NULL, content_type TEXT, encoding TEXT, body BLOB, truncated INTEGER NOT NULL,
    error TEXT, attempts INTEGER NOT NULL, good INTEGER NOT NULL,
    etag TEXT, last_modified TEXT, first_failed TEXT, failures INTEGER NOT NULL, digest TEXT,
    PRIMARY KEY (scope, key)
);
CREATE TABLE IF NOT EXISTS history (
    run_id INTEGER NOT NULL, key TEXT NOT NULL, url TEXT NOT NULL, checked TEXT NOT NULL,
    outcome TEXT NOT NULL, status INTEGER, from_store INTEGER NOT NULL,
    PRIMARY KEY (run_id, key)
);
CREATE TABLE IF NOT EXISTS verdicts (
    run_id INTEGER NOT NULL, run_time TEXT NOT NULL, scope TEXT NOT NULL,
    post_url TEXT NOT NULL, post_date TEXT, url TEXT, domain TEXT, kind TEXT NOT NULL,
    status TEXT NOT NULL, findings TEXT NOT NULL, platform TEXT
);
CREATE INDEX IF NOT EXISTS verdicts_by_run ON verdicts (run_id);
CREATE INDEX IF NOT EXISTS verdicts_by_scope ON verdicts (scope, run_id);
"""
_INSERT_HISTORY = (
    "INSERT OR REPLACE INTO history (run_id, key, url, checked, outcome, status, from_store) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)
_READ_BATCH = 500
"""Rows read in one statement by ``Store.reuse_many`` (``key IN (…)``; SQLite allows 32,766
parameters, 999 before 3.32)."""
_RECORD_WAIT = 0.05
"""Seconds an answer recorded on a running event loop waits at most to be written with the
others recorded meanwhile, in one transaction (:meth:`Store.record`): the bound in time on what
a SIGKILL loses, kept by a thread (:class:`~checker.fetch.deadline.DeadlineWriter`), not by a
timer of the loop (answers waited up to 137 ms on a cold 2,000-URL run, 87 ms past the 50, at
load 4, and 416 ms at load 14: as late as a busy loop made it).  Chosen from the batches'
sizes and costs: bench/README.md, "Session 29, what an interrupted run loses"."""
_RECORD_BATCH = 64
"""Answers that are written at once, without waiting for :data:`_RECORD_WAIT`: the bound in
answers on what a SIGKILL loses (a cold run's batches held a median of 36-63 answers at 50 ms;
a burst that fills one is written then)."""
_HISTORY_BATCH = 500
"""History rows of reused answers written in one transaction at once, without waiting for
:data:`_RECORD_WAIT` (see ``Store._history``)."""
_COLUMNS = (
    "scope, key, url, checked, run_id, settings, patience, outcome, status, final_url, "
    "redirects, headers, content_type, encoding, body, truncated, error, attempts, good, "
    "etag, last_modified, first_failed, failures, digest"
)
_NO_TEXT = -1
"""Stands for NULL in a ``urls`` row's text columns that are mostly NULL, as the row is bound
(:func:`insert_url`): Python's ``sqlite3`` binds an exact ``int``, ``str`` or ``bytearray`` at
once, but passes ``None`` and ``bytes`` through its adapter registry first (a tuple built, a
dictionary missed, ``__adapt__`` and ``__conform__`` looked up): ~3,900 instructions a value
bound, 5 values of a good answer's row (no error, no validators, no streak; its body), 40 % of
its insert (issue 19, bench/README.md "Session 32").  ``NULLIF(?, -1)`` writes NULL for it and
any text as it is (an integer never equals a text in SQLite), the very values a bound ``None``
wrote; the body is bound as a ``bytearray``, the same BLOB."""


def _nullable_text(table: str) -> frozenset[str]:
    """The columns of ``table`` that :data:`_SCHEMA` declares ``TEXT`` and may be NULL."""
    db = sqlite3.connect(":memory:")
    try:
        db.executescript(_SCHEMA)
        columns = db.execute(f"PRAGMA table_info({table})").fetchall()
    finally:
        db.close()
    return frozenset(
        name for _, name, kind, not_null, _, _ in columns if kind == "TEXT" and not not_null
    )


@cache
def insert_url() -> str:
    """The statement that writes a ``urls`` row (:data:`_NO_TEXT` as NULL in its nullable text
    columns).  Those columns are read from the schema, their one statement: a list of names of
    its own could misspell one (no ``NULLIF``, the row's -1 stored, read as a damaged row, its URL
    asked again every run).  Made on a store's first write, not at import: reading the schema
    (an SQLite database in memory) was ~1.9 M instructions of every start, ``--no-store`` runs'
    too (issue 19, session 37); a run forking workers with a store makes it before the fork
    (:func:`checker.processes.import_shared`)."""
    nullable = _nullable_text("urls")
    return "INSERT OR REPLACE INTO urls ({}) VALUES ({})".format(
        _COLUMNS,
        ", ".join(
            f"NULLIF(?, {_NO_TEXT})" if name in nullable else "?" for name in _COLUMNS.split(", ")
        ),
    )


_INSERT_VERDICT = (
    f"INSERT INTO verdicts VALUES (?, ?, ?, ?, NULLIF(?, {_NO_TEXT}), ?, ?, ?, ?, ?, "
    f"NULLIF(?, {_NO_TEXT}))"
)
"""A ``verdicts`` row (:func:`verdict_rows`): no post date and no platform as NULL."""
_Row = tuple[Any, ...]
"""A ``urls`` row as read, its values in :data:`_COLUMNS`' order (the file's types: any)."""
(
    _KEY,
    _CHECKED,
    _SETTINGS,
    _PATIENCE,
    _OUTCOME,
    _STATUS,
    _FINAL_URL,
    _REDIRECTS,
    _HEADERS,
    _CONTENT_TYPE,
    _ENCODING,
    _BODY,
    _TRUNCATED,
    _ERROR,
    _ATTEMPTS,
    _GOOD,
    _ETAG,
    _LAST_MODIFIED,
    _FIRST_FAILED,
    _FAILURES,
    _DIGEST,
) = (1, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23)
"""Where each value :func:`_parse_row` reads sits in a row (tests/fetch/test_store_rows.py
checks them against :data:`_COLUMNS`): a row is parsed by position, not built into a dict of
its 23 names first (issue 19: the row parse was ~36 µs of a warm run's URL)."""
_URL = 2
"""Where a row built to be written holds its URL, redacted (:func:`_history_row` takes it from
there: never read back, so :func:`_parse_row` has no use for it)."""
_OUTCOMES = {outcome.value: outcome for outcome in Outcome}
"""``Outcome`` by stored value: a lookup instead of the ``Enum`` call (~1.2 µs a row)."""
_PARSED_HEADERS: dict[str, dict[str, str]] = {}
"""Stored headers' JSON texts already parsed and checked in this process, by text: most rows of
a run hold one of a few (a site's ``content-type``).  Each answer gets its own copy."""
_PARSED_HEADERS_MAX = 256


@dataclass(frozen=True, slots=True)
class Validators:
    """What a conditional request needs: where the good answer came from and its validators."""

    final_url: str
    etag: str | None
    last_modified: str | None
    result: FetchResult

    def headers(self) -> dict[str, str]:
        """``If-None-Match`` / ``If-Modified-Since`` for a request to ``final_url``.  A validator
        that is not ASCII is left out (the request is then a plain GET): httpx cannot encode it,
        and a server's ``ETag: "caf\xe9"`` made the next run's request an exception."""
        headers: dict[str, str] = {}
        if self.etag and self.etag.isascii():
            headers["If-None-Match"] = self.etag
        if self.last_modified and self.last_modified.isascii():
            headers["If-Modified-Since"] = self.last_modified
        return headers


def scope_of(config: Config) -> str:
    """Which web the answers come from: the real one (``""``) or a ``--connect-to`` rerouting."""
    if not config.fetch.connect_to:
        return ""
    rules = sorted(repr(rule) for rule in config.fetch.connect_to)
    return hashlib.sha256("\n".join(rules).encode()).hexdigest()[:16]


def answer_settings(config: Config) -> str:
    """A fingerprint of the settings that change what a URL answers, good or bad.

    ``allow_private`` (refused or fetched), the user agent (servers answer bots differently),
    the size and redirect caps (a cut body, a too-long chain), the trusted CA (a TLS failure) and
    HTTP/2.  An answer got under other values of these is never reused.
    """
    cacert = config.fetch.cacert
    try:
        ca_digest = hashlib.sha256(cacert.read_bytes()).hexdigest() if cacert else ""
    except OSError:
        ca_digest = "unreadable"
    shaping = (
        config.fetch.allow_private,
        config.fetch.user_agent,
        config.fetch.max_bytes,
        config.fetch.max_redirects,
        str(cacert) if cacert else None,
        ca_digest,
        config.fetch.http2,
        config.fetch.headers,  # a credential opens what a robot is refused; only hashed here
    )
    return hashlib.sha256(repr(shaping).encode()).hexdigest()[:16]


def patience_settings(config: Config) -> str:
    """A fingerprint of how long a fetch waits and how often it tries: timeouts and retries.

    A failure (a timeout above all) got with less patience says nothing about a run with more,
    so a failure is reused only under the same values; a good answer is good under any.
    """
    patience = (
        config.fetch.timeout,
        config.fetch.connect_timeout,
        config.fetch.total_timeout,
        config.fetch.retries,
    )
    return hashlib.sha256(repr(patience).encode()).hexdigest()[:16]


def url_key(url: str) -> str:
    """The row key of ``url``: a hash of the exact URL, which may carry a credential."""
    return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()


def with_strikes(
    result: FetchResult,
    streak: int,
    since: datetime | None,
    now: datetime,
    config: Config,
) -> FetchResult:
    """``result`` carrying its failure streak and whether it now counts as persistent."""
    persistent = is_transient(result) and is_persistent(
        streak, since, now, strikes=config.store.strikes, days=config.store.strike_days
    )
    carried = (result.failure_streak, result.failing_since, result.persistent_failure)
    if since is None and carried == (streak, None, persistent):
        return result  # already so (a good answer's zero streak): no copy (issue 19)
    return replace(
        result,
        failure_streak=streak,
        failing_since=since.isoformat(timespec="seconds") if since else None,
        persistent_failure=persistent,
    )


def open_store(path: Path, *, clock: Callable[[], datetime] | None = None) -> sqlite3.Connection:
    """The store file at ``path``, checked, with this version's tables; ConfigError if impossible.

    A file that is not a healthy store of this version (garbage, truncated, ``database disk image
    is malformed``, another version's layout) is moved aside to ``<name>.broken-<timestamp>``
    with one warning line on stderr, and a fresh store starts: a broken cache costs one slow run,
    never the run.  A folder is no broken store but a mistaken path (``--store ~``): renaming
    it would hide the user's files, so it is refused with the one-line error instead.

    The check reads the whole file (``PRAGMA quick_check``: 0.94 s of CPU for a 380 MB store
    with a full history, every run, issue 19) unless the file is exactly as this program left
    it after a run that met no damage (:func:`_sealed`); its seal is removed here either way, so
    a run that dies leaves the next one the full check.  Should a sealed file still fail to
    open, it is checked in full then, and moved aside as ever.
    """
    if path.is_dir():
        raise ConfigError(f"store {path} is a folder; give --store FILE or --no-store")
    problem = unwritable(path)
    if problem is not None:
        raise ConfigError(
            f"store {path} cannot be opened ({problem}); give --store PATH or --no-store"
        )
    now = clock or (lambda: datetime.now(UTC))
    try:
        sealed = _sealed(path)
        _unseal(path)
        try:
            db = _opened(path, now, checked=not sealed)
        except sqlite3.DatabaseError:
            if not sealed:
                raise
            db = _opened(path, now, checked=True)  # a sealed file that fails: checked in full
        _OPENED.add(str(path.resolve()))
        if _identity_key(path) not in _HELD:  # a live Store's file stays the one it opened
            _IDENTITY[_identity_key(path)] = file_identity(path)
        return db
    except (OSError, sqlite3.Error) as exc:
        raise ConfigError(
            f"store {path} cannot be opened ({exc}); give --store PATH or --no-store"
        ) from exc


def unwritable(path: Path) -> str | None:
    """Why the store file ``path`` (and SQLite's journal files beside it) cannot be written in
    its folder, made if missing; ``None`` if they can.

    Asked before anything is opened: a read-only store (a read-only mount, a file without the
    write bit) opened fine and failed at each write, a run that remembered nothing with a
    warning per batch.  The one check, for :func:`open_store` and for the command line's
    default store (which a run may do without: ``cli._store_or_none``).  A store named through
    a link is written where the link leads (:func:`store_file`): that folder is made and checked.
    """
    path = store_file(path)
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"its folder cannot be made: {exc.strerror or exc}"
    if path.is_dir():
        return "it is a folder"
    for target in (folder, path):
        if target.exists() and not os.access(target, os.W_OK):
            return f"{target} is read-only"
    return None


def _opened(path: Path, now: Callable[[], datetime], *, checked: bool) -> sqlite3.Connection:
    """:func:`open_store`'s work: ``path`` checked (in full if ``checked``, else its version
    and tables only), moved aside if unusable, opened with this version's tables."""
    problem = _problem_of(path, quick_check=checked) if path.exists() else None
    if problem is not None:
        aside = _move_aside(path, now())
        _DAMAGED.discard(str(path.resolve()))  # the damaged file is gone: a fresh one starts
        print(
            f"citecheck: warning: store {path} is unusable ({printable(problem)}); "
            f"moved aside to {aside.name}, starting afresh",
            file=sys.stderr,
        )
    # written from the store's own thread too (its deadline writes), one at a time: Store._lock
    db = sqlite3.connect(path, isolation_level=None, timeout=10.0, check_same_thread=False)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(_SCHEMA)
        if db.execute("PRAGMA user_version").fetchone()[0] != STORE_VERSION:
            _migrate(db)
    except BaseException:
        db.close()
        raise
    return db


def _migrate(db: sqlite3.Connection) -> None:
    """Bring a file of an older layout (:data:`_MIGRATABLE`, or a new empty one) to this one,
    in one transaction: a run killed on the way leaves the older file, migrated next time.

    The columns this layout added are added (:data:`_ADDED_COLUMNS`), and each stored body gets
    its digest (:func:`_digest_bodies`), so the first warm run after an upgrade already keys its
    judgements without inflating a page (issue 19)."""
    db.execute("BEGIN IMMEDIATE")
    try:
        for table, column, kind in _ADDED_COLUMNS:
            present = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
            if column not in present:
                db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
        _digest_bodies(db)
        db.execute(f"PRAGMA user_version = {STORE_VERSION}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _digest_bodies(db: sqlite3.Connection) -> None:
    """Write the digest of each stored body that has none (in the caller's transaction).

    Each body is read as a reader reads it (:func:`stored_text`: bounded, complete, UTF-8), a
    batch of rows at a time (the memory a batch's bodies take, whatever the table holds).  A
    body that does not read keeps no digest: its reader finds it damaged, as before.  The file
    is anyone's: a table that cannot be read this way (no ``rowid``, a forged shape) is left as
    it is, each row then hashed by its reader."""
    db.execute("SAVEPOINT digests")
    try:
        after: object = -1
        while True:
            rows = db.execute(
                "SELECT rowid, body FROM urls WHERE rowid > ? AND digest IS NULL "
                "AND body IS NOT NULL ORDER BY rowid LIMIT ?",
                (after, _READ_BATCH),
            ).fetchall()
            if not rows:
                break
            digests = []
            for rowid, body in rows:
                try:
                    text = stored_text(body) if isinstance(body, bytes) else None
                except (ValueError, zlib.error):
                    text = None
                if text is not None:
                    digests.append((body_digest(text.encode("utf-8", "surrogatepass")), rowid))
            db.executemany("UPDATE urls SET digest = ? WHERE rowid = ?", digests)
            after = rows[-1][0]
    except sqlite3.Error:
        db.execute("ROLLBACK TO digests")
    db.execute("RELEASE digests")


_SEAL_SUFFIX = ".sealed"
_OPENED: set[str] = set()
"""Store files (resolved paths) :func:`open_store` opened healthy in this process: merging a
worker's shard into one at the run's end checks only its version (:func:`merge_shard`)."""
_DAMAGED: set[str] = set()
"""Store files (resolved paths) on which this process met a damaged page (SQLite's
``SQLITE_CORRUPT``, ``SQLITE_NOTADB``): never sealed, so the next run checks them in full and
moves them aside (:func:`_noted`)."""
_IDENTITY: dict[str, tuple[int, int] | None] = {}
"""The file (device, inode) :func:`open_store` opened at each path (as given, made absolute)
in this process, for :func:`replaced`."""


_HELD: dict[str, int] = {}
"""How many open :class:`Store` objects of this process hold each path (:data:`_IDENTITY`'s keys).
While one does, the identity it opened stays the path's: a merge of the workers' shards opened
a file put in the store's place and made it the run's, so its verdicts went into the stranger's
file and sealed it (probe 34's review)."""

_LOG_SUFFIXES = ("-wal", "-shm")
"""SQLite's write-ahead log and its index beside a store (named after it, not tied to it)."""


def store_file(path: Path) -> Path:
    """The store file ``path`` names, symbolic links followed: the one place for everything
    kept beside a store (SQLite's logs, which SQLite itself puts beside the file it opens; the
    seal; a broken file moved aside; the workers' shards, ``sharing.shard_path``).

    A store named through a link (``--store link.sqlite3`` to a CI cache's file) had its seal
    beside the link, so a CI job restoring only the cache folder lost it and checked its store
    in full every run; and the log looked for beside the link was never there, so a file whose
    log waited beside it (a run killed while writing) was sealed as whole, read unchecked."""
    # os.path.realpath, not Path.resolve: a loop of links raised RuntimeError (a traceback,
    # exit 3) where SQLite's failure to open it is the one-line error
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _identity_key(path: Path) -> str:
    return str(path.absolute())


def replaced(path: Path) -> str | None:
    """How the file at ``path`` is no longer the store this process opened there, if it is not:
    "removed", "replaced by a folder" or "replaced by another file"; None if it is still that
    file, or this process never opened one there.

    SQLite writes to the file it opened, whatever its name names now: a store removed while a
    run held it (a cache cleaned, ``rm -rf ~/.cache``, a CI step restoring the cache over it)
    took the run's answers with it, said nowhere, and a file put in its place was sealed by the
    run's end as one it had checked, so the next run skipped the full check of a file no run
    had read (probe 34)."""
    key = _identity_key(path)
    return changed_from(path, _IDENTITY[key]) if key in _IDENTITY else None


def replaced_while_held(path: Path) -> str | None:
    """:func:`replaced`'s answer while an open :class:`Store` of this process holds ``path``;
    None when none holds it (a leftover shard merged before the run opens its store: the file
    there is the store then, whatever an earlier run of this process opened)."""
    return replaced(path) if _identity_key(path) in _HELD else None


def _log_of(path: Path) -> tuple[tuple[Path, tuple[int, int] | None], ...]:
    """The log files beside the store ``path`` (:data:`_LOG_SUFFIXES`, :func:`store_file`), each
    with its (device, inode) now."""
    file = store_file(path)
    logs = (file.with_name(file.name + suffix) for suffix in _LOG_SUFFIXES)
    return tuple((log, file_identity(log)) for log in logs)


def _remove_stale_log(opened: tuple[tuple[Path, tuple[int, int] | None], ...]) -> None:
    """Remove the log files (:func:`_log_of`) that are still the ones a connection ``opened``
    with a file since removed or replaced.

    SQLite neither checkpoints nor deletes the log of a file it no longer finds at its name,
    and the next opener of ``path`` replays that log's pages into whatever file is there now: a
    cache restored over the store mid-run came back as the old run's tables, its own gone (and
    a store only ``rm``'d came back from its log).  A log file made since by another is left."""
    for log, identity in opened:
        if identity is not None and file_identity(log) == identity:
            with contextlib.suppress(OSError):
                log.unlink()


def _seal_text(path: Path) -> str | None:
    """What the seal of the file at ``path`` says, as it is now; None if it cannot be sealed.

    The file's device, inode, size, and modification and change times in nanoseconds, and that
    no write-ahead log waits beside it (its pages would be replayed on open).  Any write, copy,
    rename over or restore of the file changes its change time (``ctime``, set by the kernel,
    not by the writer) or inode: a seal shipped along with a hostile file (a restored CI cache)
    cannot name the ``ctime`` and inode the restore gives it, so a forged seal costs the forger
    a prediction of the kernel's clock to the nanosecond, and the next run then checks in full.
    """
    file = store_file(path)
    if file.with_name(file.name + "-wal").exists():
        return None
    try:
        info = path.stat()
    except OSError:
        return None
    fields = (
        STORE_VERSION,
        info.st_dev,
        info.st_ino,
        info.st_size,
        info.st_mtime_ns,
        info.st_ctime_ns,
    )
    return " ".join(str(value) for value in fields) + "\n"


def _seal_of(path: Path) -> Path:
    """Where the seal of the store ``path`` is kept: beside its file (:func:`store_file`)."""
    file = store_file(path)
    return file.with_name(file.name + _SEAL_SUFFIX)


def _sealed(path: Path) -> bool:
    """Whether ``path`` is as the last run that sealed it left it: its seal (a short line, read
    as bytes and compared, never parsed) names the file as it is now."""
    expected = _seal_text(path)
    if expected is None:
        return False
    try:
        with open(_seal_of(path), "rb") as seal:
            return seal.read(256) == expected.encode()
    except OSError:
        return False


def _seal(path: Path) -> None:
    """Note that ``path`` was left whole by this run, unless the run met a damaged page of it
    or a connection still writes it (its log is there).  A seal that cannot be written is none:
    the next run checks the file in full."""
    if str(path.resolve()) in _DAMAGED or replaced(path) is not None:
        return
    text = _seal_text(path)
    if text is None:
        return
    try:
        _seal_of(path).write_text(text, encoding="ascii")
    except OSError:
        return


def _unseal(path: Path) -> None:
    """Remove ``path``'s seal: the file is about to change, or was found damaged."""
    try:
        _seal_of(path).unlink(missing_ok=True)
    except OSError:
        return


def _noted(path: Path, exc: Exception) -> None:
    """Remember that ``path`` has a damaged page, if ``exc`` says so (a locked or full file is
    no damage): the run goes on without those rows, and the file is never sealed again."""
    if isinstance(exc, sqlite3.DatabaseError) and not isinstance(
        exc, sqlite3.OperationalError | sqlite3.IntegrityError
    ):
        _DAMAGED.add(str(path.resolve()))
        _unseal(path)


SHARD_MARK = ".worker-"
"""A worker's store: the run's store's name, this, the worker's name (``sharing.shard_path``)."""


def shard_parent(path: Path) -> Path | None:
    """The run's store that the worker's shard at ``path`` reads through to, if there is one.

    A worker of a run on several processes (or a Dask cluster) writes its answers to a shard
    of its own, merged into the run's store at the end; it must also *read* the run's store, or
    a rerun on several processes asks every URL again and a failure's streak (how long it has
    persisted) starts afresh in each worker.  A remote worker that cannot see the file reads
    its shard alone, as before.
    """
    name, mark, worker = path.name.rpartition(SHARD_MARK)
    if not (mark and name and worker):
        return None
    parent = path.with_name(name)
    return parent if parent.is_file() else None


def shard_seal(path: Path) -> str | None:
    """What the worker's shard at ``path`` is as its worker closed it whole (its store and memo,
    every connection: no log waits beside it), for its merge at the run's end
    (:func:`merge_shard`'s ``seal``); None if this process met a damaged page of it, or a
    connection still writes it.  The merge ran ``PRAGMA quick_check`` over the whole file its
    own worker had closed a moment before, on the run's last stretch, the critical path (issue
    19, bench/README.md "Session 33, what a cold store costs a run, part three").

    The store's own seal (:func:`_seal_text`: device, inode, size, modification and change
    times), handed to the driver with the worker's last word, never written beside the shard:
    a seal file there would be taken for a shard by a later run's search for an interrupted
    run's leftovers (``sharing.leftover_shards``, an older citecheck's too).  A leftover shard
    has no seal, and is checked in full."""
    if str(path.resolve()) in _DAMAGED:
        return None
    return _seal_text(path)


def merge_shard(path: Path, shard: Path, seal: str | None = None) -> bool:
    """Copy the answers and judgements of store ``shard`` into the store at ``path``; remove it.

    A distributed run's workers each keep a store of their own (:mod:`checker.dask_executor`);
    merged into the run's store, they serve a later run on one machine as if it had made every
    request itself.  The shard's answers are this run's, so they replace older rows; they are
    counted as the latest run's (the driver's, whose row ``path`` holds).  A shard that is not a
    healthy store is left in place, unmerged (False): the next run asks those URLs again.

    The run's store is checked in full (``PRAGMA quick_check``) only if this process has not
    opened it yet (a shard left by an interrupted run, merged before the run opens its store):
    at a run's end its own :class:`Store` opened it checked moments ago, and the merge checked
    it again, the whole file, every multi-process run (0.94 s of CPU for a 380 MB store, on
    the run's last stretch; issue 19).  The shard too is checked in full unless ``seal`` (what
    its worker said, :func:`shard_seal`) names it as it is now: its worker closed it whole.
    """
    if not shard.is_file():
        return False
    try:
        whole = seal is not None and _seal_text(shard) == seal  # as its worker closed it
        if _problem_of(shard, quick_check=not whole) is not None:
            return False
    except ConfigError:  # a newer citecheck's shard, left over: not this one's to merge
        return False
    if replaced_while_held(path) is not None:  # no answers into a file put in the run's place:
        return False  # the shard waits for the next run's leftover merge (sharing.merge_stores)
    resolved = str(path.resolve())
    opened = resolved in _OPENED and resolved not in _DAMAGED and replaced(path) is None
    db = (_open_checked(path) if opened else None) or open_store(path)
    try:
        db.execute("ATTACH DATABASE ? AS shard", (str(shard),))
        tables = {row[0] for row in db.execute("SELECT name FROM shard.sqlite_master")}
        tables &= {row[0] for row in db.execute("SELECT name FROM main.sqlite_master")}
        db.execute("BEGIN IMMEDIATE")
        latest = db.execute("SELECT max(id) FROM runs").fetchone()[0] or 0
        others = _COLUMNS.replace("run_id, ", "")
        db.execute(
            f"INSERT OR REPLACE INTO urls ({others}, run_id) SELECT {others}, ? FROM shard.urls",
            (latest,),
        )
        db.execute(
            "INSERT OR REPLACE INTO history "
            "SELECT ?, key, url, checked, outcome, status, from_store FROM shard.history",
            (latest,),
        )
        if "memo" in tables:  # the memo shares the store's file (checker.memo)
            db.execute("INSERT OR REPLACE INTO memo SELECT * FROM shard.memo")
        db.execute("COMMIT")
        db.execute("DETACH DATABASE shard")
    except sqlite3.Error as exc:
        # the store damaged since the run checked it: never sealed, so the next run checks it
        # in full (session 27's probe); unless the damage is the sealed shard's, read unchecked
        if not whole or _problem_of(shard) is None:
            _noted(path, exc)
        return False
    finally:
        db.close()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{shard}{suffix}").unlink(missing_ok=True)
    return True


def _problem_of(path: Path, *, quick_check: bool = True, writing: bool = True) -> str | None:
    """Why the file at ``path`` is no usable store of this version; None when it is one.
    ``quick_check=False``: its version and tables only (a sealed file, :func:`_sealed`).
    A file of a newer layout is no problem to solve by moving it aside: ConfigError
    (:func:`_newer_layout`; ``writing``: a check's run, which can also do without a store)."""
    try:
        db = sqlite3.connect(path, timeout=10.0)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        check = db.execute("PRAGMA quick_check").fetchall() if quick_check else [("ok",)]
        if check != [("ok",)]:
            return f"integrity check: {'; '.join(str(row[0]) for row in check[:3])}"
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        db.close()
    if version == STORE_VERSION or version in _MIGRATABLE:
        return None
    if version > STORE_VERSION or version < 0:
        raise _newer_layout(path, version, writing=writing)
    if version == 0 and not tables & {"urls", "runs", "history", "verdicts"}:
        return None
    return f"a store of another citecheck version ({version}, this one writes {STORE_VERSION})"


def _newer_layout(path: Path, version: int, *, writing: bool) -> ConfigError:
    """The one-line error for a store whose layout this citecheck does not know.

    It was written by a newer citecheck (or is no layout at all: a negative version): moving it
    aside, as an older or broken file is, would cost the newer program its answers and history
    after a downgrade, and reading it would guess at columns this one does not know.  Only a
    check can run without a store: ``trends`` has no ``--no-store`` to suggest."""
    instead = "give --store PATH or --no-store" if writing else "give another --store FILE"
    return ConfigError(
        f"store {path} has a layout this citecheck does not know ({version}; it reads up to "
        f"{STORE_VERSION}): run the newer citecheck that wrote it, or {instead}"
    )


def _move_aside(path: Path, now: datetime) -> Path:
    """Rename ``path`` (and its WAL files, which belong to it) to ``<name>.broken-<time>``.

    A store named through a symbolic link (``--store link.sqlite3`` to a CI cache's file) has
    its file moved aside where it is, the link kept: the link was moved aside and a new file
    made in its place, so every later run wrote there, and the cache the link named never
    held a store again (session 34's probe).  SQLite follows the link to make the new file,
    and keeps its WAL files beside the file, not the link (:func:`store_file`)."""
    path = store_file(path)
    aside = path.with_name(f"{path.name}.broken-{now:%Y%m%dT%H%M%S}")
    serial = 1
    while aside.exists():
        serial += 1
        aside = path.with_name(f"{path.name}.broken-{now:%Y%m%dT%H%M%S}-{serial}")
    path.replace(aside)
    for suffix in ("-wal", "-shm"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.replace(aside.with_name(aside.name + suffix))
    return aside


class _Stored(NamedTuple):
    """One parsed ``urls`` row: what the URL answered, when, under which settings.

    A named tuple, not a frozen dataclass: a warm run builds one a URL, and a frozen
    dataclass's ``__init__`` (one ``object.__setattr__`` a field) cost ~10 µs of each row's
    parse (issue 19)."""

    checked: datetime
    settings: str
    patience: str
    result: FetchResult
    body: bytes | None
    """The row's body as stored (zlib), whose text ``result.text`` is, or will be when read
    (:func:`stored_text`): see :class:`Reused`."""
    digest: str | None
    """The body's digest (:func:`checker.memo.body_digest`) as written with it; None for a row
    from before the column (or one with no body)."""
    good: bool
    etag: str | None
    last_modified: str | None
    first_failed: datetime | None
    failures: int


class Reused(NamedTuple):
    """A stored answer that stands for this run's, and its text as the store keeps it.

    ``packed`` is the row's zlib blob, not yet read: ``result.text`` is None when there is one,
    and the reader gets the text, checked (bounded, complete, UTF-8), with :func:`stored_text`
    where it reads it; a blob that fails the check is a damaged row, whose URL is asked again.
    The fetcher's in-run cache keeps these very bytes rather than compressing the text once
    more (a warm run spent ~11 % of its CPU in zlib), and inflates them once, for the reader:
    checked here too, each text was inflated twice and the first discarded (~4 % of a warm
    run, issue 19).

    ``digest`` is that text's digest as the store wrote it beside the body
    (:func:`checker.memo.body_digest`), None when the row has none (no body, or a row written
    before the column): a reader that needs the text only to fingerprint it takes this instead,
    and a warm run whose memo holds every judgement neither inflates nor hashes a page.
    """

    result: FetchResult
    packed: bytes | None
    digest: str | None = None


class Store:
    """The SQLite memory of one run: open, ask, record per URL, finish, close.

    Every read survives a bad row (it is no row) and every write survives a failing disk (the
    answer is simply not remembered): the store can make a run faster, never stop it.
    """

    def __init__(
        self,
        path: Path,
        config: Config,
        *,
        inputs: Sequence[str] = (),
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self._config = config
        self._clock = clock or (lambda: datetime.now(UTC))
        self._scope = scope_of(config)
        self._settings = answer_settings(config)
        self._patience = patience_settings(config)
        key = hashlib.sha256(
            "\n".join(sorted(inputs)).encode("utf-8", "surrogatepass")
        ).hexdigest()[:16]
        self._path = path
        self._db = open_store(path, clock=self._clock)
        self._file = _IDENTITY.get(_identity_key(path))
        """The file this run writes (device, inode): another put at ``path`` since holds none
        of its answers."""
        self._log = _log_of(path)
        """Its log files (:func:`_remove_stale_log`, should the file be gone at the close)."""
        try:
            self._resumed = self._unfinished_run(key)
            cursor = self._db.execute(
                "INSERT INTO runs (scope, key, started) VALUES (?, ?, ?)",
                (self._scope, key, self._now()),
            )
        except sqlite3.Error as exc:
            self._db.close()
            raise ConfigError(
                f"store {path} cannot be written ({exc}); give --store PATH or --no-store"
            ) from exc
        self.run_id = int(cursor.lastrowid or 0)
        self._held = _identity_key(path)
        _HELD[self._held] = _HELD.get(self._held, 0) + 1
        self._waiting_history: list[tuple[object, ...]] = []
        self._unwritten: list[tuple[str, tuple[object, ...], tuple[object, ...] | None]] = []
        """Answers recorded and not yet written: each one's key, ``urls`` row and history row
        (a failure's only: see :meth:`_record`)."""
        self._unwritten_keys: set[str] = set()
        self._unkept = 0
        """Answers recorded that could not be written (a full disk, a read-only or locked
        file), said in one line at :meth:`close`; ``_unkept_why``: the first one's reason."""
        self._unkept_why = ""
        self._lock = threading.RLock()
        """Guards the file and what waits to be written: the loop uses them, and the deadline's
        thread writes what waits (:meth:`_write_recorded`)."""
        self._deadline = DeadlineWriter(
            self._write_recorded, self._lock, _RECORD_WAIT, name="citecheck-store"
        )
        self._absent: dict[str, str] = {}
        """URLs read and found with no row (:meth:`_parsed_rows`), none recorded since, and
        their keys: no validators to ask for (:meth:`_has_validators`), known without hashing
        the URL, and the key :meth:`record` writes their answer under, not hashed again."""
        self._cold = ColdRows(self._db, "urls")
        """Which keys this run's own file may hold a row of: on a cold store (a user's first
        run, a worker's new shard) only those this run recorded, and no other key is looked up
        in it (issue 19: a cold 2,000-URL run read each URL's absent row, a statement per batch
        asked and one per failure's streak)."""
        parent = shard_parent(path)
        self._parent_path = parent
        self._parent = _open_checked(parent, read_only=True) if parent is not None else None

    def reuse(self, url: str) -> Reused | None:
        """The stored answer for ``url`` if it may stand for this run's, with no request; its
        text still packed (see :class:`Reused`).  One URL's :meth:`reuse_many`."""
        return self.reuse_many([url]).get(url)

    def reuse_many(self, urls: Sequence[str]) -> dict[str, Reused]:
        """The stored answers that may stand for this run's, of those ``urls`` that have one.

        Every URL of a warm run comes here, and the fetcher asks for the URLs a run submits
        together (``HttpFetcher._ask_store``): their rows are read :data:`_READ_BATCH` at a time
        (``key IN (…)``), not with a statement each (a warm 2,000-URL run spent ~9 % of its CPU
        in one SELECT per URL, issue 19).  Each row is then judged on its own, as before: a row
        that does not parse is no row, the clock is read once for the batch, and each answer is
        built as reused (``from_store``), not copied to say so."""
        now = self._clock()
        found: dict[str, Reused] = {}
        with self._lock:
            for url, key, stored in self._parsed_rows(urls):
                reused = self._reusable(url, key, stored, now) if stored is not None else None
                if reused is not None:
                    found[url] = reused
        return found

    def fresh_share(self, urls: Sequence[str]) -> float:
        """The share of ``urls`` with a fresh stored answer for this run's settings, read as
        :meth:`reuse_many` reads rows but remembering nothing: how much of a run the store will
        answer (a warm run waits on no network; :mod:`checker.processes` asks)."""
        with self._lock:
            stored = [parsed for _, _, parsed in self._parsed_rows(urls)]
        if not stored:
            return 0.0
        now, ttl = self._clock(), self._config.store.ttl
        fresh = sum(
            1
            for row in stored
            if row is not None and row.settings == self._settings and _fresh(row, ttl, now)
        )
        return fresh / len(stored)

    def _parsed_rows(self, urls: Sequence[str]) -> Iterator[tuple[str, str, _Stored | None]]:
        """Each of ``urls`` (once), its key and its parsed row (None: no row, or one that does
        not parse), the rows read :data:`_READ_BATCH` at a time (:meth:`_rows_of`)."""
        keys = {url: url_key(url) for url in urls}
        rows = self._rows_of(set(keys.values()))
        self._absent.update((url, key) for url, key in keys.items() if key not in rows)
        for url, key in keys.items():
            row = rows.get(key)
            yield url, key, _parsed(url, row) if row is not None else None

    def _reusable(self, url: str, key: str, stored: _Stored, now: datetime) -> Reused | None:
        """``url``'s parsed row as this run's answer, if its settings, age and kind allow."""
        if stored.settings != self._settings or not _fresh(stored, self._config.store.ttl, now):
            return None
        if not stored.good:
            finished_in_resumed = self._resumed is not None and self._in_history(self._resumed, url)
            recent_failure = _fresh(stored, self._config.store.failure_ttl, now)
            if stored.patience != self._patience or not (finished_in_resumed or recent_failure):
                return None
        result = stored.result
        if not stored.good:  # only a failure's row is ever read again (``_in_history``)
            self._history(url, result, key, now)
        result = with_strikes(result, stored.failures, stored.first_failed, now, self._config)
        return Reused(result, stored.body, stored.digest)

    def _rows_of(self, keys: set[str]) -> dict[str, _Row]:
        """The ``urls`` rows of ``keys`` in this scope, by key: a shard's own first, then the
        run's store's (:func:`shard_parent`) for the keys the shard has none of.  A batch that
        cannot be read is no rows (its URLs are asked again), a row with a text that is not
        UTF-8 no row (:func:`read_rows`); a key the file holds twice (the
        file is anyone's: a forged table need not keep its primary key) is its first row."""
        self._written(*keys)
        rows: dict[str, _Row] = {}
        for db, path in ((self._db, self._path), (self._parent, self._parent_path)):
            wanted = sorted(keys - rows.keys())
            if db is self._db:
                wanted = self._cold.held(wanted)
            if db is None or path is None or not wanted:
                continue
            for start in range(0, len(wanted), _READ_BATCH):
                chunk = wanted[start : start + _READ_BATCH]
                marks = ", ".join("?" * len(chunk))
                try:
                    found = read_rows(
                        db,
                        f"SELECT {_COLUMNS} FROM urls WHERE scope = ? AND key IN ({marks})",
                        (self._scope, *chunk),
                    )
                except sqlite3.Error as exc:
                    _noted(path, exc)  # a damaged page of the file: those URLs are asked again
                    continue
                for row in found:
                    key = row[_KEY]
                    if isinstance(key, str) and key in keys and key not in rows:
                        rows[key] = row
        return rows

    def validators(self, url: str) -> Validators | None:
        """The last good answer's validators, for a conditional request; None if there are none."""
        with self._lock:
            if not self._has_validators(url):
                return None  # most rows: known without parsing the row or inflating its body
            stored = self._stored(url)
        if stored is None or not stored.good or stored.settings != self._settings:
            return None
        if not (stored.etag or stored.last_modified):
            return None
        final_url = stored.result.final_url or url
        return Validators(final_url, stored.etag, stored.last_modified, stored.result)

    def record(self, result: FetchResult) -> FetchResult:
        """Remember ``result`` and return it with its failure streak filled in.

        The streak goes on from the last answer got under the same settings.  Off an event loop
        the answer is written at once (one commit); on one, it is written at most
        :data:`_RECORD_WAIT` later with the answers recorded meanwhile, in one transaction
        (:meth:`_write_recorded`): a commit an answer was ~0.2 ms of the loop's CPU and ~0.3 ms
        more of it waiting on the WAL's writes, the largest cost of a run with a store (issue
        19).  A read of a URL whose answer waits writes the waiting ones first, so this run
        reads what it recorded; a run killed outright loses the answers of the last
        :data:`_RECORD_WAIT`, :data:`_RECORD_BATCH` at most (the resumed run asks for them
        again): the wait is kept by the store's own thread, however busy the loop.  A store
        that cannot be written leaves the answers unremembered: an answer written at once is
        returned with the streak of a first check, one written later keeps the streak it was
        returned with.
        """
        with self._lock:
            return self._record(result)

    def _record(self, result: FetchResult) -> FetchResult:
        """:meth:`record`'s work, with the lock held."""
        now = self._clock()
        good = is_good(result)
        if good:
            streak, since = 0, None
        else:
            failures, began = self._streak(result.url)
            streak = failures + 1
            since = began or now
        result = with_strikes(result, streak, since, now, self._config)
        # a URL the fetcher's reuse_many found missing has its key from there (a cold run: all)
        key = self._absent.pop(result.url, None) or url_key(result.url)
        self._cold.wrote((key,))
        row = self._row(result, key, now, streak, since, good=good)
        # a failure's history row (what a run resuming this one reuses, ``_in_history``), from
        # the row's own values: the URL redacted and the time written once.  A good answer has
        # none: it is reused by its age alone, and its row was read by no one (issue 19: a
        # tenth of a cold store's writes, its index a random page a row)
        history = (
            None
            if good
            else _history_row(
                self.run_id, key, row[_URL], row[_CHECKED], row[_OUTCOME], row[_STATUS], False
            )
        )
        self._unwritten.append((key, row, history))
        self._unwritten_keys.add(key)
        if len(self._unwritten) < _RECORD_BATCH and _on_a_loop():
            self._deadline.due()
            return result
        if not self._write_recorded():
            failed = not is_good(result)
            return with_strikes(result, int(failed), now if failed else None, now, self._config)
        return result

    def _write_recorded(self) -> bool:
        """Write the answers recorded and not yet written, with their history rows and the
        reused answers' waiting ones, in one transaction; False if it could not be written.
        Called with the lock held, or by the deadline's thread (which holds it)."""
        self._deadline.written()
        waiting, self._unwritten = self._unwritten, []
        self._unwritten_keys.clear()
        if not waiting:
            self._write_waiting_history()  # reused answers' rows alone (the deadline's write)
            return True
        try:
            with transaction(self._db):
                self._db.executemany(insert_url(), [row for _, row, _ in waiting])
                self._db.executemany(
                    _INSERT_HISTORY, [history for _, _, history in waiting if history is not None]
                )
                self._history_waiting_here()  # reused answers' rows ride along
        except sqlite3.Error as exc:
            _noted(self._path, exc)
            self._unkept += len(waiting)
            self._unkept_why = self._unkept_why or str(exc)
            return False
        except BaseException:  # a bug's (or an interrupt's): the answers wait for the next
            # write, the close's at the latest, not lost unsaid (mend 29a)
            self._unwritten = waiting + self._unwritten
            self._unwritten_keys.update(key for key, _, _ in waiting)
            raise
        return True

    def _written(self, *keys: str) -> None:
        """Write the waiting answers if one of ``keys`` is among them (before it is read)."""
        if self._unwritten_keys and not self._unwritten_keys.isdisjoint(keys):
            self._write_recorded()

    def _row(
        self,
        result: FetchResult,
        key: str,
        now: datetime,
        streak: int,
        since: datetime | None,
        *,
        good: bool,
    ) -> tuple[object, ...]:
        """``result``'s row of the ``urls`` table (``good``: :func:`is_good` of it)."""
        headers_text, etag, last_modified = _stored_headers(result.headers)
        packed: bytearray | None = None
        digest: str | int = _NO_TEXT
        if result.text is not None:  # its digest beside it: a warm run's memo keys (Reused)
            # a secret of the URL the page echoes is not kept (its canonical link, a 404's text)
            text = redact_echoes(result.text[:MAX_STORED_CHARS], result.url, result.final_url)
            body = text.encode("utf-8", "replace")
            packed, digest = bytearray(_packed(body)), body_digest(body)
        url, final_url = result.url, result.final_url
        content_type, encoding = result.content_type, result.encoding
        # each text column that holds nothing as _NO_TEXT: bound with no adapter (insert_url)
        return (
            self._scope,
            key,
            scrub(redact_url(url)),
            _moment_text(now),
            self.run_id,
            self._settings,
            self._patience,
            str(result.outcome),
            result.status_code,
            _NO_TEXT if final_url is None else _stored_url(final_url, url),
            _hops_text(result.redirects, url),
            headers_text,
            _NO_TEXT if content_type is None else content_type,
            _NO_TEXT if encoding is None else encoding,
            packed,
            int(result.truncated or len(result.text or "") > MAX_STORED_CHARS),
            scrub(redact_text(result.error)) if result.error else _NO_TEXT,
            result.attempts,
            int(good),
            _NO_TEXT if etag is None else etag,
            _NO_TEXT if last_modified is None else last_modified,
            _moment_text(since) if since else _NO_TEXT,
            streak,
            digest,
        )

    def finish(self) -> None:
        """Mark this run complete, so the next run starts afresh instead of resuming it.

        A mark that is not written (a locked or read-only file, a row someone removed) is one
        warning line on stderr, never silence: the next run takes this complete run for an
        interrupted one and reuses the failures it finished past their ``failure_ttl`` (a 404
        not asked again, ``--failure-ttl 0`` or not: session 24, tests/fetch/test_resume.py).
        The run itself stands: its answers and verdicts are written.
        """
        with self._lock:
            self._write_recorded()
            try:
                cursor = self._db.execute(
                    "UPDATE runs SET finished = ? WHERE id = ?", (self._now(), self.run_id)
                )
                problem = None if cursor.rowcount == 1 else f"no run {self.run_id} in the file"
            except sqlite3.Error as exc:
                problem = str(exc)
        if problem is not None:
            print(
                f"citecheck: warning: store {self._path}: this run could not be marked "
                f"finished ({printable(problem)}); the next run resumes it and reuses its "
                "failures",
                file=sys.stderr,
            )

    def close(self) -> None:
        """Write the answers and history rows still waiting, close the database.  The deadline's
        thread is stopped first (outside the lock, which it takes to end), so the last write is
        this one.

        Answers that could not be written are said in one warning line, never silence: most
        are written by the deadline's thread, where a failing write (a full disk, a read-only
        or locked file) was seen by no one, and the run then said its URLs were kept for a
        resume, or a warm rerun found the store empty, with no word why (session 29's probe:
        a store on a full 400 KB file system kept 27 of 200 answers, and said nothing)."""
        self._deadline.close()
        with self._lock:
            self._write_recorded()
            gone = changed_from(self._path, self._file)
            lost = self._rows_of_this_run() if gone is not None else 0
            self._db.close()
            if gone is not None:
                _remove_stale_log(self._log)
            self._release()
        if self._parent is not None:
            self._parent.close()
        if gone is not None:
            say_unwritten(
                self._path,
                "this run's answers (uncounted)"
                if lost is None
                else f"{lost} answer{'' if lost == 1 else 's'} of this run",
                f"the file was {gone} while the run held it",
                "the next run asks for them again",
            )
        if self._unkept:
            say_unwritten(
                self._path,
                f"{self._unkept} answer{'s' if self._unkept > 1 else ''} of this run",
                self._unkept_why,
                "the next run asks for them again",
            )

    # -- helpers -------------------------------------------------------------------------------

    def _release(self) -> None:
        """This Store no longer holds its path (:data:`_HELD`); once only."""
        count = _HELD.get(self._held, 0) - 1
        if count > 0:
            _HELD[self._held] = count
        else:
            _HELD.pop(self._held, None)
        self._held = ""

    def _rows_of_this_run(self) -> int | None:
        """The answers this run wrote to its file; None if they cannot be counted (never 0,
        which would understate the loss)."""
        try:
            found = self._db.execute("SELECT count(*) FROM urls WHERE run_id = ?", (self.run_id,))
            return int(found.fetchone()[0])
        except sqlite3.Error:
            return None

    def _now(self) -> str:
        return _moment_text(self._clock())

    def _unfinished_run(self, key: str) -> int | None:
        row = self._db.execute(
            "SELECT id, finished FROM runs WHERE scope = ? AND key = ? ORDER BY id DESC LIMIT 1",
            (self._scope, key),
        ).fetchone()
        if row is None or row[1] is not None or not isinstance(row[0], int):
            return None
        return row[0]

    def _stored(self, url: str) -> _Stored | None:
        """The parsed row of ``url`` with its text read (a 304 reuses it); None when there is
        none or it does not parse.  A shard's own row comes first, then the run's store's."""
        key = url_key(url)
        row = self._rows_of({key}).get(key)
        return _parsed(url, row, for_reuse=False) if row is not None else None

    def _has_validators(self, url: str) -> bool:
        """Whether ``url``'s row (a shard's own, else the run's store's) may hold validators for
        a conditional request: a good answer under this run's settings with an ETag or a
        Last-Modified; :meth:`validators` parses the row only then (issue 19).  A URL whose row
        the fetcher's :meth:`reuse_many` found missing has none: no statement (~36 µs a URL of
        a cold run, where every row is missing)."""
        query = (
            "SELECT 1 FROM urls WHERE scope = ? AND key = ? AND good = 1 AND settings = ? "
            "AND (etag IS NOT NULL OR last_modified IS NOT NULL)"
        )
        if url in self._absent:  # read a moment ago with the others asked (a cold run: all)
            return False
        key = url_key(url)
        self._written(key)
        for db in (self._db if self._cold.may_hold(key) else None, self._parent):
            if db is None:
                continue
            try:
                if db.execute(query, (self._scope, key, self._settings)).fetchone() is not None:
                    return True
            except sqlite3.Error:
                continue
        return False

    def _streak(self, url: str) -> tuple[int, datetime | None]:
        """The failure streak of ``url``'s last answer got under this run's settings, and since
        when it has failed: two columns, read without parsing the row or inflating its body (a
        re-check after a failure did both, for these two numbers; issue 19).  A shard's own row
        comes first, then the run's store's; a damaged or missing row is a streak of 0, as is
        a URL read a moment ago and found with none (a cold run's every failure)."""
        if url in self._absent:
            return 0, None
        key = url_key(url)
        self._written(key)
        for db in (self._db if self._cold.may_hold(key) else None, self._parent):
            if db is None:
                continue
            try:
                row = db.execute(
                    "SELECT settings, failures, first_failed FROM urls WHERE scope = ? AND key = ?",
                    (self._scope, key),
                ).fetchone()
                if row is None:
                    continue
                settings, failures, first_failed = _text(row[0]), _int(row[1]), row[2]
                if settings != self._settings:
                    return 0, None
                began = _time(_text(first_failed)) if first_failed and failures else None
            except (sqlite3.Error, ValueError, TypeError):
                return 0, None  # a damaged row is no row
            return failures, began
        return 0, None

    def _in_history(self, run_id: int, url: str) -> bool:
        self._written(url_key(url))
        try:
            found = self._db.execute(
                "SELECT 1 FROM history WHERE run_id = ? AND key = ?", (run_id, url_key(url))
            ).fetchone()
        except sqlite3.Error:
            return False
        return found is not None

    def _history(self, url: str, result: FetchResult, key: str, now: datetime) -> None:
        """Note a reused failure in this run's history.

        A network failure's row goes in with the answer (:meth:`_write_recorded`).  A good
        answer has none, got from the network or reused: only a failure's row is read again (a
        resumed run reuses a failure it had finished, :meth:`_reusable`; a good answer is reused
        by its age alone), and a warm run wrote a row per URL that no one reads, its file
        growing by a row a URL each run (issue 19).  A reused failure's row waits in a batch,
        written in one transaction once :data:`_HISTORY_BATCH` are waiting, or with the answers
        that wait, within :data:`_RECORD_WAIT` on a loop (the deadline's thread): a warm run
        paid a commit of its own for each (issue 19).  A kill loses the rows of that wait,
        which cost the run that resumes this one requests, never a verdict.
        """
        row = _history_row(
            self.run_id,
            key,
            scrub(redact_url(url)),  # as the ``urls`` row's: no UTF-8 fails the whole batch
            _moment_text(now),
            str(result.outcome),
            result.status_code,
            True,
        )
        self._waiting_history.append(row)
        if len(self._waiting_history) >= _HISTORY_BATCH:
            self._write_waiting_history()
        elif _on_a_loop():
            self._deadline.due()  # written within the same bound as a network answer

    def _history_waiting_here(self) -> None:
        """The waiting history rows, in the caller's transaction."""
        rows, self._waiting_history = self._waiting_history, []
        try:
            self._db.executemany(_INSERT_HISTORY, rows)
        except sqlite3.Error:
            return  # history serves resuming; without it a resumed run asks again

    def _write_waiting_history(self) -> None:
        """The batch of reused answers' history rows, in one transaction (none if it fails)."""
        rows, self._waiting_history = self._waiting_history, []
        if not rows:
            return
        try:
            with transaction(self._db):
                self._db.executemany(_INSERT_HISTORY, rows)
        except sqlite3.Error:
            return  # history serves resuming; without it a resumed run asks again


@dataclass(frozen=True, slots=True)
class VerdictRow:
    """One citation's verdict in one run, as the ``verdicts`` table keeps it (issue 18).

    URLs are redacted; ``domain`` is the citation's registered domain (the publisher), and
    ``findings`` the finding codes, as written by the run.  ``post_date`` is the post's own
    date when it gave one (the citation's date, for trends by month and survival).
    """

    run_id: int
    run_time: datetime
    post_url: str
    post_date: date | None
    url: str | None
    domain: str | None
    kind: CitationKind
    status: Status
    findings: tuple[str, ...]
    platform: Platform | None
    scope: str = ""
    """Which web the run checked (:func:`scope_of`): ``""`` the real one, else a fingerprint of
    its ``--connect-to`` rules; ``trends`` counts one web's runs, never a mix."""


def verdict_rows(report: Report, run_id: int, scope: str) -> list[tuple[object, ...]]:
    """The ``verdicts`` rows of ``report``: one per citation, every URL redacted.

    A post's own columns are made once for its citations, and a host's registered domain once
    for the run (``_domain_of``): written at the end of every run, warm ones too (issue 19).
    No post date and no platform are given as :data:`_NO_TEXT`, written NULL
    (:data:`_INSERT_VERDICT`: most rows have no platform, bound with no adapter)."""
    rows: list[tuple[object, ...]] = []
    domains: dict[str, str | None] = {}
    started = report.started
    for checked_document in report.documents:
        document = checked_document.document
        post_url = scrub(redact_url(document.url))
        post_date = document.published.isoformat() if document.published else _NO_TEXT
        for checked in checked_document.citations:
            citation = checked.citation
            url, platform, findings = citation.url, citation.platform, checked.findings
            # an enum's text as its ``_value_`` (``.value`` is a Python descriptor's call, ~1 µs)
            rows.append(
                (
                    run_id,
                    started,
                    scope,
                    post_url,
                    post_date,
                    scrub(redact_url(url)) if url else None,
                    _domain_of(url, domains),
                    citation.kind._value_,
                    checked.status._value_,
                    ",".join([f.code._value_ for f in findings]) if findings else "",
                    _NO_TEXT if platform is None else platform._value_,
                )
            )
    return rows


def record_verdicts(path: Path, report: Report, config: Config) -> bool:
    """Keep ``report``'s verdicts as one more run of the store's history; False if not written.

    Written once, at the end of a run (a distributed run's driver too: its run ends here as
    well), in one transaction, so a reader sees a run whole or not at all.  Only the newest
    ``history_runs`` runs of the run's web are kept (0 keeps none): the history is bounded
    whatever runs it, and runs through a ``--connect-to`` test web never push the real web's
    history out (nor the other way round).
    A store that cannot be written costs the history of this run, never the run.

    The run's :class:`Store` opened the file moments ago (checked, migrated, moved aside if
    broken), so only its version is looked at here: a second ``quick_check`` would read the
    whole file again (2.5 s of CPU for a 391 MB store).  No file, or a file of another
    version, is no history.
    """
    keep = config.store.history_runs
    gone = replaced(path)
    if gone is not None:  # said by the run's Store as it closed; its history goes with it
        if keep > 0:
            say_unwritten(
                path,
                "this run's verdicts",
                f"the file was {gone} while the run held it",
                "`citecheck trends` will not count this run",
            )
        return False
    db = _open_checked(path)
    if db is None:
        return False
    try:
        db.execute("BEGIN IMMEDIATE")
        try:
            run_id = int(
                db.execute("SELECT coalesce(max(run_id), 0) + 1 FROM verdicts").fetchone()[0]
            )
            if keep > 0:
                db.executemany(_INSERT_VERDICT, verdict_rows(report, run_id, scope_of(config)))
            prune_verdicts(db, scope_of(config), keep)
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
    except (sqlite3.Error, OverflowError) as exc:  # OverflowError: a forged run id (the file
        # is anyone's): one at SQLite's largest integer, or a huge real, makes the next id none
        _noted(path, exc)
        if keep > 0:  # what ``citecheck trends`` reads
            say_unwritten(
                path,
                "this run's verdicts",
                str(exc),
                "`citecheck trends` will not count this run",
            )
        return False
    finally:
        db.close()
    _seal(path)  # the run's last write: the next run may skip the full check (open_store)
    return True


def prune_verdicts(db: sqlite3.Connection, scope: str, keep: int) -> None:
    """Delete the verdicts of ``scope``'s runs but its newest ``keep`` (in the caller's
    transaction), reading ``keep`` index entries, not the table.

    Every run ends here, warm ones too: the newest runs were found by a scan of every verdict
    the history holds (``NOT IN (SELECT DISTINCT run_id …)``), 1.95 s of CPU per run once 100
    runs of 20,000 citations were kept (issue 19).  The index on ``(scope, run_id)`` gives the
    newest run below a bound in one seek: ``keep`` seeks find the oldest run kept, and one range
    deletes what is older.  A file whose run ids are not integers (the file is anyone's) is
    pruned the old way."""
    if keep <= 0:
        db.execute("DELETE FROM verdicts WHERE scope = ?", (scope,))
        return
    oldest: object = None
    for _ in range(keep):
        newest_below = (
            "SELECT max(run_id) FROM verdicts WHERE scope = ?"
            if oldest is None
            else "SELECT max(run_id) FROM verdicts WHERE scope = ? AND run_id < ?"
        )
        found = db.execute(newest_below, (scope,) if oldest is None else (scope, oldest))
        run_id = found.fetchone()[0]
        if run_id is None:
            return  # no more than ``keep`` runs: nothing to delete
        if not isinstance(run_id, int) or isinstance(run_id, bool):
            db.execute(
                "DELETE FROM verdicts WHERE scope = ? AND run_id NOT IN (SELECT DISTINCT "
                "run_id FROM verdicts WHERE scope = ? ORDER BY run_id DESC LIMIT ?)",
                (scope, scope, keep),
            )
            return
        oldest = run_id
    db.execute("DELETE FROM verdicts WHERE scope = ? AND run_id < ?", (scope, oldest))


def _open_checked(path: Path, *, read_only: bool = False) -> sqlite3.Connection | None:
    """The store at ``path`` if it is a file of this version; None otherwise (never raises)."""
    if not path.is_file():
        return None
    try:
        if read_only:
            where = f"{path.resolve().as_uri()}?mode=ro"
            db = sqlite3.connect(where, uri=True, isolation_level=None, timeout=10.0)
        else:
            db = sqlite3.connect(path, isolation_level=None, timeout=10.0)
    except sqlite3.Error:
        return None
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if not read_only:  # as every writer of the store (:func:`_opened`): in WAL mode a
            # killed process loses no commit, a power cut may lose the last ones (no fsync a
            # commit: the run's last writes, its verdicts and a shard's merge, waited on one)
            db.execute("PRAGMA synchronous=NORMAL")
    except sqlite3.Error:
        version = None
    if version != STORE_VERSION:
        db.close()
        return None
    return db


def read_verdicts(path: Path, *, since: datetime | None = None) -> tuple[VerdictRow, ...]:
    """Every verdict the store at ``path`` keeps (runs at or after ``since``), oldest run first.

    Read-only: ``trends`` never creates, migrates or moves aside the file it reads.  A missing
    file, or one of a layout from before the history, holds no history (an empty tuple); a file
    that is no healthy store is a ConfigError (one line); a row that does not parse is no row,
    one whose text is not UTF-8 too (:func:`checker.memo.read_rows`).
    """
    if not path.is_file():
        return ()
    problem = _problem_of(path, quick_check=not _sealed(path), writing=False)
    if problem is not None:
        raise ConfigError(f"store {path} cannot be read: {problem}")
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10.0)
    except sqlite3.Error as exc:
        raise ConfigError(f"store {path} cannot be read: {exc}") from exc
    try:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
        if "verdicts" not in tables:
            return ()
        rows = [_verdict(row) for row in read_rows(db, _VERDICTS_READ)]
    except sqlite3.Error as exc:
        raise ConfigError(f"store {path} cannot be read: {exc}") from exc
    finally:
        db.close()
    kept = [r for r in rows if r is not None and (since is None or r.run_time >= since)]
    return tuple(sorted(kept, key=lambda r: (r.run_time, r.run_id)))


_VERDICTS_READ = (
    "SELECT run_id, run_time, post_url, post_date, url, domain, kind, status, findings, "
    "platform, scope FROM verdicts ORDER BY run_id"
)


def _verdict(row: Sequence[object]) -> VerdictRow | None:
    """The row as a VerdictRow; None when it does not parse (the file is anyone's)."""
    try:
        run_id, run_time, post_url, post_date, url, domain, kind, status, codes, platform, scope = (
            row
        )
        findings = _text(codes)
        return VerdictRow(
            run_id=_int(run_id),
            run_time=_time(_text(run_time)),
            post_url=_text(post_url),
            post_date=date.fromisoformat(_text(post_date)) if post_date is not None else None,
            url=_optional_text(url),
            domain=_optional_text(domain),
            kind=CitationKind(_text(kind)),
            status=Status(_text(status)),
            findings=tuple(c for c in findings.split(",") if c),
            platform=Platform(_text(platform)) if platform is not None else None,
            scope=_text(scope),
        )
    except (ValueError, TypeError):
        return None


def _domain_of(url: str | None, known: dict[str, str | None] | None = None) -> str | None:
    """The registered domain of ``url`` (the publisher); None without a host.

    ``known``: the domains found so far, by the URL's scheme and authority (what a URL's host
    is read from), so a run's thousands of URLs on a few hundred hosts are parsed once a host.
    """
    if not url:
        return None
    scheme, mark, rest = url.partition("://")
    if not mark or known is None:
        return _host_domain(url)
    ends = [i for i in (rest.find("/"), rest.find("?"), rest.find("#")) if i >= 0]
    origin = f"{scheme}://{rest[: min(ends)] if ends else rest}"
    if origin not in known:
        known[origin] = _host_domain(origin)
    return known[origin]


def _host_domain(url: str) -> str | None:
    """The registered domain of ``url``'s host; None without one."""
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return registered_domain(host) if host else None


_json_text = json_writer(", ", ": ", allow_nan=True)
"""``json.dumps(value)``, byte for byte, for a row's flat list or dictionary (its hops and
headers), by an encoder made once (issue 19)."""


def _stored_url(value: str | None, url: str) -> str | None:
    """``value`` as written to the store: ``=`` for the URL asked for, else redacted."""
    if value is None:
        return None
    return _SAME if value == url else scrub(redact_url(value))


def _hops_text(hops: Sequence[Hop], url: str) -> str:
    """A row's ``redirects`` column: its hops as JSON, each URL as :func:`_stored_url` writes
    it; most answers have none, written ``[]`` with no encoder called (issue 19)."""
    if not hops:
        return "[]"
    return _json_text([[_stored_url(hop.url, url), hop.status_code] for hop in hops])


def _stored_headers(headers: Mapping[str, str]) -> tuple[str, str | None, str | None]:
    """The headers column of a row (:data:`STORED_HEADERS`, redacted, cut, as JSON), and the
    answer's ``ETag`` and ``Last-Modified`` as sent (the last of each name, as
    ``header_lookup`` gives them), read in the same pass: ``header_lookup`` lower-cased every
    header into a dictionary of its own for these two (issue 19).

    Whether a header is kept is decided by its name alone, and nothing is remembered between
    answers: session 32 cached each header by name and value and each list's JSON, but a real
    answer's ``Date``, ``Set-Cookie``, ``CF-Ray``, request id and validators differ on every
    answer, so those tables missed, were emptied again and again, and made each answer twice
    the cost of this loop (bench/README.md, "Session 33, the store's headers")."""
    kept: dict[str, str] = {}
    etag = last_modified = None
    for name, value in headers.items():
        lowered = name.lower()
        if lowered not in STORED_HEADERS:
            continue
        if lowered == "etag":
            etag = value
        elif lowered == "last-modified":
            last_modified = value
        clean = redact_url(value) if lowered in _URL_HEADERS else redact_text(value)
        kept[name] = clean[:MAX_HEADER_CHARS]
    return _json_text(kept), etag, last_modified


def _parsed(url: str, row: _Row, *, for_reuse: bool = True) -> _Stored | None:
    """:func:`_parse_row`, or None for a row of the wrong shape: a damaged row is no row, and
    its URL is asked again (``for_reuse``: see there; the default is the batched read's)."""
    try:
        return _parse_row(url, row, for_reuse=for_reuse)
    except (ValueError, TypeError, KeyError, IndexError, RecursionError, zlib.error):
        return None  # RecursionError: a forged JSON column nested deeper than the parser goes


def _parse_row(url: str, row: _Row, *, for_reuse: bool = False) -> _Stored:
    """The ``_Stored`` a row holds; ValueError/TypeError/KeyError when it has the wrong shape.
    ``for_reuse``: the answer marked ``from_store``, its text left packed for its reader
    (:func:`stored_text`, see :class:`Reused`)."""
    body = row[_BODY]
    if body is not None and not isinstance(body, bytes):
        raise TypeError("body is not a blob")
    redirects = _json(row[_REDIRECTS])
    if not isinstance(redirects, list):
        raise TypeError("redirects of the wrong shape")
    hops = tuple(Hop(_hop_url(_text(hop[0]), url), _int(hop[1])) for hop in redirects)
    outcome = _OUTCOMES.get(_text(row[_OUTCOME]))
    if outcome is None:
        raise ValueError("an unknown outcome")
    result = FetchResult(
        url,
        outcome,
        final_url=_url_of(_optional_text(row[_FINAL_URL]), url),
        status_code=_optional_int(row[_STATUS]),
        redirects=hops,
        headers=_headers(row[_HEADERS]),
        content_type=_optional_text(row[_CONTENT_TYPE]),
        text=stored_text(body) if body is not None and not for_reuse else None,
        encoding=_optional_text(row[_ENCODING]),
        truncated=bool(_int(row[_TRUNCATED])),
        error=_optional_text(row[_ERROR]),
        attempts=_int(row[_ATTEMPTS]),
        from_store=for_reuse,
    )
    first_failed = _optional_text(row[_FIRST_FAILED])
    return _Stored(
        checked=_time(_text(row[_CHECKED])),
        settings=_text(row[_SETTINGS]),
        patience=_text(row[_PATIENCE]),
        result=result,
        body=body,
        digest=_digest(row[_DIGEST]) if body is not None else None,
        good=bool(_int(row[_GOOD])),
        etag=_optional_text(row[_ETAG]),
        last_modified=_optional_text(row[_LAST_MODIFIED]),
        first_failed=_time(first_failed) if first_failed else None,
        failures=_int(row[_FAILURES]),
    )


def _headers(value: object) -> dict[str, str]:
    """A row's stored headers (a JSON object of strings), a copy of its own for each answer;
    TypeError/ValueError when the column is anything else.  A text parsed and checked once in
    this process is not parsed again (:data:`_PARSED_HEADERS`)."""
    text = _text(value)
    known = _PARSED_HEADERS.get(text)
    if known is None:
        headers = json.loads(text)
        if not isinstance(headers, dict):
            raise TypeError("headers of the wrong shape")
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in headers.items()):
            raise TypeError("headers are not strings")
        known = kept_bounded(_PARSED_HEADERS, text, headers, _PARSED_HEADERS_MAX)
    return dict(known)


def _json(value: object) -> object:
    """A JSON column's value; most rows hold no redirect: ``[]`` needs no parser."""
    text = _text(value)
    return [] if text == "[]" else json.loads(text)


def _history_row(
    run_id: int,
    key: str,
    url: object,
    checked: object,
    outcome: object,
    status: object,
    from_store: bool,
) -> tuple[object, ...]:
    """A row of the ``history`` table (:data:`_INSERT_HISTORY`'s order) from values ready to
    write: ``url`` redacted and scrubbed, ``checked`` and ``outcome`` as text."""
    return (run_id, key, url, checked, outcome, status, int(from_store))


def _on_a_loop() -> bool:
    """Whether an event loop runs in this thread: its answers wait to be written together (the
    deadline's thread writes them), where a caller off a loop has each written at once."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def _fresh(stored: _Stored, ttl: float, now: datetime) -> bool:
    age = (now - stored.checked).total_seconds()
    return 0 <= age < ttl


def _url_of(value: str | None, url: str) -> str | None:
    return url if value == _SAME else value


def _hop_url(value: str, url: str) -> str:
    return url if value == _SAME else value


_INFLATE_ERROR = cast("type[Exception]", zlib_ng.error)
"""zlib-ng's error class (its stub calls it an instance)."""


def _packed(body: bytes) -> bytes:
    """A body (its text's UTF-8) as the store keeps it: the zlib format (RFC 1950) at zlib's
    default level, made by zlib-ng (see :func:`stored_text`): a blob any zlib reads, made in
    ~80 % of the time.  A body under :data:`_STORED_BELOW` bytes is one stored (uncompressed)
    block of the same format (:func:`_stored_block`)."""
    if len(body) < _STORED_BELOW:
        return _stored_block(body)
    return zlib_ng.compress(body)


_STORED_BELOW = 256
"""Bodies shorter than this are kept uncompressed: a compressor's set-up (its ~256 KB of
tables) was ~30-60 µs for a ~100-byte page, most of a store row's cost, to save ~15 bytes
(issue 19)."""

_STORED_HEADER = b"\x78\x01\x01"
"""A zlib stream's header (deflate, a 32 KB window, the fastest level: ``0x7801`` is a multiple
of 31, as RFC 1950 asks) and a deflate block's first byte: the last block, stored (RFC 1951)."""


def _stored_block(body: bytes) -> bytes:
    """``body`` (under 64 KB) as a zlib stream of one stored deflate block: the header, the
    block's length and its complement (little-endian), the bytes, their Adler-32 (big-endian),
    which any zlib inflates: for the short bodies :func:`_packed` gives it, the very bytes of
    ``zlib.compress(body, 0)`` (which cuts a body of ~64 KB into two blocks).

    Written here, not by ``zlib.compress(body, 0)``: level 0 still sets up the whole
    compressor, ~256 KB allocated (``mmap``-ed, so page faults too) and its hash table cleared
    for every body: 43 µs a ~100-byte body at load 4 against 1.1 µs for these bytes (issue 19,
    bench/README.md, "Session 27, a cold store's cost")."""
    size = len(body)
    lengths = (size | (size ^ 0xFFFF) << 16).to_bytes(4, "little")
    return b"".join((_STORED_HEADER, lengths, body, zlib.adler32(body).to_bytes(4, "big")))


_DIGEST_SHAPE = re.compile(r"[0-9a-f]{64}")
"""What :func:`checker.memo.body_digest` writes: SHA-256 in lower-case hex."""


def _digest(value: object) -> str | None:
    """A row's stored body digest; None for a row from before the column.  Anything but a
    digest's shape (the file is anyone's) makes the row a damaged one: ValueError/TypeError."""
    if value is None:
        return None
    if not isinstance(value, str) or _DIGEST_SHAPE.fullmatch(value) is None:
        raise ValueError("a body digest of the wrong shape")
    return value


def stored_text(value: bytes) -> str:
    """A stored body's text, decompressed no further than a kept body can be (no zip bomb);
    ValueError (``UnicodeDecodeError`` too) or ``zlib.error`` when the blob is damaged.

    Inflated by zlib-ng, not the standard library's zlib: the same format (a row written by
    either reads with either, older stores included), inflated in ~40 % of the time.  A warm
    run inflates every stored body it reuses, once, for its reader; on the bench's ~11 KB
    article pages that was the largest single cost of a warm rerun in the store (34 → 14 µs a
    body, issue 19; bench/README.md, "Session 19, warm 5").  zlib-ng's own error is raised as
    ``zlib.error``, the one its callers catch."""
    inflater = zlib_ng.decompressobj()
    try:
        data = inflater.decompress(value, _MAX_BODY_BYTES)
    except _INFLATE_ERROR as exc:
        raise zlib.error(str(exc)) from exc
    if inflater.unconsumed_tail or not inflater.eof:
        raise ValueError("body is cut or larger than any kept body")
    return data.decode("utf-8")


def _moment_text(moment: datetime) -> str:
    """``moment.isoformat()``, made in a third of its time for a time of the store's own clock
    (UTC): each answer's row writes one (``checked``), and ``isoformat`` of an aware time (its
    offset asked of the zone and formatted, then the whole formatted again) was ~2 µs of each
    row (issue 19, bench/README.md "Session 32").  The text up to the seconds is made once a
    second (:data:`_SECOND_TEXTS`); a time in any other zone is ``isoformat``'s."""
    if moment.tzinfo is not UTC:
        return moment.isoformat()
    second = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    prefix = _SECOND_TEXTS.get(second)
    if prefix is None:
        text = moment.replace(microsecond=0, tzinfo=None).isoformat()
        prefix = kept_bounded(_SECOND_TEXTS, second, text, _SECOND_TEXTS_MAX)
    micro = moment.microsecond
    return f"{prefix}.{micro:06d}+00:00" if micro else f"{prefix}+00:00"


_SECOND_TEXTS: dict[tuple[int, ...], str] = {}
"""``YYYY-MM-DDTHH:MM:SS`` of each second :func:`_moment_text` wrote a time of, this process."""
_SECOND_TEXTS_MAX = 4096


def _time(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError("a stored time without its zone")
    return moment


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("expected text")
    return value


def _optional_text(value: object) -> str | None:
    return None if value is None else _text(value)


def _int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("expected an integer")
    return value


def _optional_int(value: object) -> int | None:
    return None if value is None else _int(value)
