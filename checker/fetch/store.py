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
web must never stand in for the real one, nor one test web's for another's.  The store is used
from one event loop only, so there is one writer; every call is a few short statements and one
commit, so a kill loses at most the URL in flight.  WAL mode lets a second process read (e.g. a
test polling progress) while a run writes.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from checker.config import Config
from checker.errors import ConfigError
from checker.fetch.strikes import is_good, is_persistent, is_transient
from checker.model import FetchResult, Hop, Outcome

__all__ = ["MAX_STORED_CHARS", "STORED_HEADERS", "Store", "Validators", "scope_of", "with_strikes"]

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
    }
)
_MAX_HEADER_CHARS = 4096
_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY, scope TEXT NOT NULL, key TEXT NOT NULL,
    started TEXT NOT NULL, finished TEXT
);
CREATE TABLE IF NOT EXISTS urls (
    scope TEXT NOT NULL, url TEXT NOT NULL, checked TEXT NOT NULL, run_id INTEGER NOT NULL,
    outcome TEXT NOT NULL, status INTEGER, final_url TEXT, redirects TEXT NOT NULL,
    headers TEXT NOT NULL, content_type TEXT, encoding TEXT, body BLOB, truncated INTEGER NOT NULL,
    error TEXT, attempts INTEGER NOT NULL, good INTEGER NOT NULL,
    etag TEXT, last_modified TEXT, first_failed TEXT, failures INTEGER NOT NULL,
    PRIMARY KEY (scope, url)
);
CREATE TABLE IF NOT EXISTS history (
    run_id INTEGER NOT NULL, url TEXT NOT NULL, checked TEXT NOT NULL, outcome TEXT NOT NULL,
    status INTEGER, from_store INTEGER NOT NULL, PRIMARY KEY (run_id, url)
);
"""


@dataclass(frozen=True, slots=True)
class Validators:
    """What a conditional request needs: where the good answer came from and its validators."""

    final_url: str
    etag: str | None
    last_modified: str | None
    result: FetchResult

    def headers(self) -> dict[str, str]:
        """``If-None-Match`` / ``If-Modified-Since`` for a request to ``final_url``."""
        headers: dict[str, str] = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


def scope_of(config: Config) -> str:
    """Which web the answers come from: the real one (``""``) or a ``--connect-to`` rerouting."""
    if not config.connect_to:
        return ""
    rules = sorted(repr(rule) for rule in config.connect_to)
    return hashlib.sha256("\n".join(rules).encode()).hexdigest()[:16]


def with_strikes(
    result: FetchResult,
    streak: int,
    since: datetime | None,
    now: datetime,
    config: Config,
) -> FetchResult:
    """``result`` carrying its failure streak and whether it now counts as persistent."""
    persistent = is_transient(result) and is_persistent(
        streak, since, now, strikes=config.strikes, days=config.strike_days
    )
    return replace(
        result,
        failure_streak=streak,
        failing_since=since.isoformat(timespec="seconds") if since else None,
        persistent_failure=persistent,
    )


class Store:
    """The SQLite memory of one run: open, ask, record per URL, finish, close."""

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
        key = hashlib.sha256("\n".join(sorted(inputs)).encode()).hexdigest()[:16]
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, isolation_level=None, timeout=10.0)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise ConfigError(
                f"store {path} cannot be opened ({exc}); give --store PATH or --no-store"
            ) from exc
        self._resumed = self._unfinished_run(key)
        now = self._now()
        cursor = self._db.execute(
            "INSERT INTO runs (scope, key, started) VALUES (?, ?, ?)", (self._scope, key, now)
        )
        self.run_id = int(cursor.lastrowid or 0)

    @property
    def resumed_run(self) -> int | None:
        """The id of the interrupted run this one picks up from, if any."""
        return self._resumed

    def reuse(self, url: str) -> FetchResult | None:
        """The stored answer for ``url`` if it may stand for this run's, with no request."""
        row = self._row(url)
        if row is None or not self._fresh(row, self._config.ttl):
            return None
        finished_in_resumed = self._resumed is not None and self._in_history(self._resumed, url)
        recent_failure = self._fresh(row, self._config.failure_ttl)
        if not (row["good"] or finished_in_resumed or recent_failure):
            return None
        result = replace(_result_of(row), from_store=True)
        self._history(url, result, from_store=True)
        return self._strikes_of(result, row)

    def validators(self, url: str) -> Validators | None:
        """The last good answer's validators, for a conditional request; None if there are none."""
        row = self._row(url)
        if row is None or not row["good"] or not (row["etag"] or row["last_modified"]):
            return None
        result = _result_of(row)
        return Validators(row["final_url"] or url, row["etag"], row["last_modified"], result)

    def record(self, result: FetchResult) -> FetchResult:
        """Remember ``result`` (one commit) and return it with its failure streak filled in."""
        previous = self._row(result.url)
        now = self._clock()
        if is_good(result):
            streak, since = 0, None
        else:
            streak = (previous["failures"] if previous else 0) + 1
            began = previous["first_failed"] if previous and previous["failures"] else None
            since = datetime.fromisoformat(began) if began else now
        result = with_strikes(result, streak, since, now, self._config)
        self._db.execute("BEGIN")
        try:
            self._write(result, now, streak, since)
            self._history(result.url, result, from_store=False)
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")
        return result

    def _write(
        self, result: FetchResult, now: datetime, streak: int, since: datetime | None
    ) -> None:
        lookup = result.header_lookup
        text = (result.text or "")[:MAX_STORED_CHARS]
        self._db.execute(
            "INSERT OR REPLACE INTO urls VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                self._scope,
                result.url,
                now.isoformat(),
                self.run_id,
                str(result.outcome),
                result.status_code,
                result.final_url,
                json.dumps([[h.url, h.status_code] for h in result.redirects]),
                json.dumps(_stored_headers(result.headers)),
                result.content_type,
                result.encoding,
                zlib.compress(text.encode("utf-8")) if result.text is not None else None,
                int(result.truncated or len(result.text or "") > MAX_STORED_CHARS),
                result.error,
                result.attempts,
                int(is_good(result)),
                lookup.get("etag"),
                lookup.get("last-modified"),
                since.isoformat() if since else None,
                streak,
            ),
        )

    def finish(self) -> None:
        """Mark this run complete, so the next run starts afresh instead of resuming it."""
        self._db.execute("UPDATE runs SET finished = ? WHERE id = ?", (self._now(), self.run_id))

    def close(self) -> None:
        """Close the database (everything is already committed)."""
        self._db.close()

    # -- helpers -------------------------------------------------------------------------------

    def _now(self) -> str:
        return self._clock().isoformat()

    def _unfinished_run(self, key: str) -> int | None:
        row = self._db.execute(
            "SELECT id, finished FROM runs WHERE scope = ? AND key = ? ORDER BY id DESC LIMIT 1",
            (self._scope, key),
        ).fetchone()
        return None if row is None or row[1] is not None else int(row[0])

    def _row(self, url: str) -> Mapping[str, Any] | None:
        cursor = self._db.execute(
            "SELECT * FROM urls WHERE scope = ? AND url = ?", (self._scope, url)
        )
        row = cursor.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in cursor.description], row, strict=True))

    def _fresh(self, row: Mapping[str, Any], ttl: float) -> bool:
        age = (self._clock() - datetime.fromisoformat(row["checked"])).total_seconds()
        return 0 <= age < ttl

    def _in_history(self, run_id: int, url: str) -> bool:
        found = self._db.execute(
            "SELECT 1 FROM history WHERE run_id = ? AND url = ?", (run_id, url)
        ).fetchone()
        return found is not None

    def _history(self, url: str, result: FetchResult, *, from_store: bool) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO history VALUES (?, ?, ?, ?, ?, ?)",
            (
                self.run_id,
                url,
                self._now(),
                str(result.outcome),
                result.status_code,
                int(from_store),
            ),
        )

    def _strikes_of(self, result: FetchResult, row: Mapping[str, Any]) -> FetchResult:
        since = datetime.fromisoformat(row["first_failed"]) if row["first_failed"] else None
        return with_strikes(result, int(row["failures"]), since, self._clock(), self._config)


def _stored_headers(headers: Mapping[str, str]) -> dict[str, str]:
    return {
        name: value[:_MAX_HEADER_CHARS]
        for name, value in headers.items()
        if name.lower() in STORED_HEADERS
    }


def _result_of(row: Mapping[str, Any]) -> FetchResult:
    body = row["body"]
    return FetchResult(
        row["url"],
        Outcome(row["outcome"]),
        final_url=row["final_url"],
        status_code=row["status"],
        redirects=tuple(Hop(url, code) for url, code in json.loads(row["redirects"])),
        headers=json.loads(row["headers"]),
        content_type=row["content_type"],
        text=zlib.decompress(body).decode("utf-8") if body is not None else None,
        encoding=row["encoding"],
        truncated=bool(row["truncated"]),
        error=row["error"],
        attempts=row["attempts"],
    )
