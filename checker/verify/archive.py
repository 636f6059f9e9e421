"""Find an archived copy of a dead source, and prove it is the source before suggesting it.

A broken citation is only half reported until the writer has a copy to cite instead.  But an
archive's answer is a claim like any other: the Wayback Machine happily returns a capture of the
"Page not found" page, or of a reused URL that now holds another article.  So every candidate is
fetched and judged by the same rules as a live source (``availability.classify`` must find the
page itself, the cited title must match) before it is suggested, and every rejected candidate is
kept with its reason for the report.

Where the candidates come from, in order:

1. a copy the citation already gives (a ``web.archive.org/web/<ts>/<url>`` link or Robust Links'
   ``data-versionurl``): the writer's own choice is checked first;
2. Wayback (default): the availability API asked ``closest=before`` the cited date, then
   ``closest=after``, ignoring captures whose status is not 200.  That API is known to answer
   ``{}`` for URLs it has captures of, so an empty answer means "unknown", not "none", and the
   CDX API is asked next, keeping only 200 captures and preferring the latest one before the date;
3. Memento (``archive = "memento"``, RFC 7089): any TimeGate (archive.today, a national archive,
   a local pywb), asked without ``Accept-Datetime`` (the :class:`~checker.model.Fetcher` sends no
   such header), which by RFC 7089 answers with its most recent memento.

Snapshots are fetched in the Wayback ``id_`` form (the page as captured, without the toolbar), and
the suggested URL is the ordinary replay URL people open.

The other direction, ``--save`` (:func:`save_capture`): a live source with no capture in the last
``age_days`` (by the availability API's closest capture) is sent to Save Page Now's simple form,
``GET https://web.archive.org/save/<url>``, whose answer names the new capture in ``Location`` or
``Content-Location`` (``/web/<timestamp>/<url>``).  Saving is slow and rate limited by the archive,
so one :class:`SaveGate` per run (the run object owns it, :mod:`checker.run`) spaces the saves
``interval`` seconds apart and stops after ``limit`` of them; the fetcher's own per-host politeness
applies on top.  A refused save
(429, 5xx) is a note on the citation, never a failure of the run.

An archive is somebody else's service, and its outage is not the writer's defect: it must never
hold a run hostage.  The pipeline asks the archive only after a citation's verdict is in, and a
run's lookups share one :class:`~checker.verify.breaker.ArchiveBreaker`: each archive request
gets at most ``timeout`` seconds, and after ``failures`` failed answers in a row (5xx, no
answer, too slow) or a single 429 the breaker opens and no lookup of the run asks again; the
lookups cut short are counted so the report can say once how many were not made.  The archive
hosts get a polite pace by default (:data:`~checker.verify.breaker.ARCHIVE_PACE`, applied
through the per-host politeness config by :func:`~checker.verify.breaker.paced`), which a
``[hosts."archive.org"]`` table overrides.  Their answers go through the fetcher, so a run with a
store reuses the good ones within the TTL instead of asking again.
"""

from __future__ import annotations

import asyncio
import json
import re
import time as clock
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from enum import StrEnum
from urllib.parse import quote, urljoin, urlsplit

from checker.config import ArchiveKind
from checker.lazyre import lazy
from checker.model import Fetcher, FetchResult, Hop, Outcome
from checker.redact import carries_secret
from checker.urls import archived_original, original_from_replay
from checker.verify.availability import classify
from checker.verify.breaker import ArchiveBreaker, GuardedFetcher

__all__ = [
    "DEFAULT_ARCHIVE_SETTINGS",
    "ArchiveResult",
    "ArchiveSettings",
    "ArchiveSource",
    "Rejection",
    "SaveGate",
    "SaveResult",
    "SaveSettings",
    "Snapshot",
    "archived_original",
    "find_archive",
    "save_capture",
]


class ArchiveSource(StrEnum):
    """Which question produced a candidate; reports name it next to the archive URL."""

    GIVEN = "given"
    AVAILABILITY_BEFORE = "wayback-availability-before"
    AVAILABILITY_AFTER = "wayback-availability-after"
    AVAILABILITY_LATEST = "wayback-availability-latest"
    CDX = "wayback-cdx"
    TIMEGATE = "memento-timegate"


@dataclass(frozen=True, slots=True)
class ArchiveSettings:
    """Where to look and how hard.  Endpoints end where the original URL is appended.

    ``window_days`` bounds the CDX search around the cited date; ``cdx_limit`` caps its rows;
    ``max_candidates`` caps how many snapshots are fetched and judged per source.
    ``search_after_given`` says whether a failed given copy falls back to searching.
    """

    archive: ArchiveKind = ArchiveKind.WAYBACK
    availability_api: str = "https://archive.org/wayback/available"
    cdx_api: str = "https://web.archive.org/cdx/search/cdx"
    wayback: str = "https://web.archive.org/web/"
    timegate: str = "https://web.archive.org/web/"
    max_candidates: int = 3
    cdx_limit: int = 200
    window_days: int = 365
    search_after_given: bool = True


DEFAULT_ARCHIVE_SETTINGS = ArchiveSettings()


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A verified archived copy: the URL to suggest, when it was captured, who said so."""

    archive_url: str
    original_url: str
    captured: str | None
    source: ArchiveSource
    endpoint: str


@dataclass(frozen=True, slots=True)
class Rejection:
    """A candidate that was fetched and judged unfit, and why."""

    archive_url: str
    source: ArchiveSource
    reason: str


@dataclass(frozen=True, slots=True)
class ArchiveResult:
    """The outcome of one search: the snapshot to suggest (if any) and every rejected candidate.

    ``asked`` lists the archive endpoints queried, so "no copy" can say where it looked;
    ``not_made`` says the search was cut short because the run's :class:`ArchiveBreaker` is open,
    so "no copy" would be a guess; ``withheld`` that the URL was not sent to the archive at all,
    since it carries a credential or token (:func:`checker.redact.carries_secret`).
    """

    snapshot: Snapshot | None
    rejected: tuple[Rejection, ...] = ()
    asked: tuple[str, ...] = ()
    not_made: bool = False
    withheld: bool = False

    @property
    def archive_url(self) -> str | None:
        """The URL to cite instead, or ``None`` when no copy passed."""
        return self.snapshot.archive_url if self.snapshot else None

    @property
    def captured(self) -> str | None:
        """The capture time of the suggested copy (ISO 8601, UTC)."""
        return self.snapshot.captured if self.snapshot else None

    def note(self) -> str | None:
        """One line for the report: what was suggested and what was turned down."""
        parts: list[str] = []
        if self.snapshot is not None:
            when = f" captured {self.snapshot.captured}" if self.snapshot.captured else ""
            parts.append(f"archived copy{when} ({self.snapshot.source})")
        parts.extend(f"rejected {r.archive_url}: {r.reason}" for r in self.rejected)
        if not parts and self.withheld:
            parts.append("no archive lookup: the URL carries a credential or token")
        elif not parts and self.not_made:
            parts.append("no archive lookup: the archive is unavailable in this run")
        elif not parts and self.asked:
            parts.append("no archived copy found")
        return "; ".join(parts) or None


# --- public entry point ------------------------------------------------------------------------


async def find_archive(
    url: str,
    *,
    near: date | None,
    cited_title: str | None,
    fetcher: Fetcher,
    config: ArchiveSettings | None = None,
    given: str | None = None,
    alt_titles: Sequence[str] = (),
    breaker: ArchiveBreaker | None = None,
) -> ArchiveResult:
    """Find and verify an archived copy of ``url`` from near ``near`` (the cited or post date).

    ``given`` is an archived copy the citation names; it is judged first.  ``cited_title`` and
    ``alt_titles`` are the titles the post gives; a candidate must match one when any is given.
    ``breaker`` is the run's: every archive request goes through it (see :class:`ArchiveBreaker`).
    A URL carrying a credential or token is never searched for: the archive is a third party,
    its answers echo the URL, and a capture of a private URL is not a public copy to cite.
    """
    settings = config or DEFAULT_ARCHIVE_SETTINGS
    if breaker is not None:
        fetcher = breaker.guard(fetcher)
    search = _Search(url, _titles(cited_title, alt_titles), fetcher, settings)
    if given:
        found = await search.try_given(given)
        if found is not None or not settings.search_after_given:
            return search.result(found)
    if carries_secret(url):
        return replace(search.result(None), withheld=True)
    if settings.archive is ArchiveKind.MEMENTO:
        found = await search.memento(near)
    else:
        found = await search.wayback(near)
    return search.result(found)


# --- candidates and their judgement ------------------------------------------------------------

_ANY_REPLAY_PATH = lazy(
    r"/(?P<ts>\d{14})(?:[a-z]{2}_)?/(?P<original>https?:/+.+)$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Candidate:
    timestamp: str | None
    source: ArchiveSource
    endpoint: str
    fetch_url: str | None = None


class _Search:
    """One lookup's state: which candidates were judged and why they failed."""

    def __init__(
        self, url: str, titles: tuple[str, ...], fetcher: Fetcher, settings: ArchiveSettings
    ) -> None:
        self.url = url
        self.titles = titles
        self.fetcher = fetcher
        self.settings = settings
        self.rejected: list[Rejection] = []
        self.asked: list[str] = []
        self.judged: set[str] = set()

    def result(self, found: Snapshot | None) -> ArchiveResult:
        not_made = (
            found is None and isinstance(self.fetcher, GuardedFetcher) and self.fetcher.incomplete
        )
        return ArchiveResult(found, tuple(self.rejected), tuple(self.asked), not_made)

    # -- a given copy ------------------------------------------------------------------------

    async def try_given(self, given: str) -> Snapshot | None:
        parsed = archived_original(given)
        if parsed is not None and _is_wayback(given):
            original, timestamp = parsed
            candidate = _Candidate(timestamp, ArchiveSource.GIVEN, given)
            return await self._judge_wayback(candidate, original)
        result = await self.fetcher.get(given)
        return self._judge_memento(result, ArchiveSource.GIVEN, given)

    # -- Wayback -----------------------------------------------------------------------------

    async def wayback(self, near: date | None) -> Snapshot | None:
        budget = self.settings.max_candidates
        questions = _availability_questions(near)
        for source, timestamp, closest in questions:
            if budget <= 0:
                return None
            candidate = await self._availability(source, timestamp, closest)
            if candidate is None or candidate.timestamp in self.judged:
                continue
            budget -= 1
            found = await self._judge_wayback(candidate, self.url)
            if found is not None:
                return found
        for candidate in await self._cdx(near):
            if budget <= 0:
                return None
            if candidate.timestamp in self.judged:
                continue
            budget -= 1
            found = await self._judge_wayback(candidate, self.url)
            if found is not None:
                return found
        return None

    async def _availability(
        self, source: ArchiveSource, timestamp: str | None, closest: str | None
    ) -> _Candidate | None:
        query = f"url={quote(self.url, safe='')}"
        if timestamp is not None:
            query += f"&timestamp={timestamp}"
        if closest is not None:
            query += f"&closest={closest}"
        endpoint = f"{self.settings.availability_api}?{query}"
        self.asked.append(endpoint)
        closest_answer = _closest_snapshot(await self.fetcher.get(endpoint))
        if closest_answer is None:
            return None
        return _Candidate(closest_answer, source, endpoint)

    async def _cdx(self, near: date | None) -> list[_Candidate]:
        limit = self.settings.cdx_limit
        query = f"url={quote(self.url, safe='')}&output=json&filter=statuscode:200"
        if near is None:
            query += f"&limit=-{limit}"
        else:
            start = date.fromordinal(max(1, _day(near).toordinal() - self.settings.window_days))
            end = date.fromordinal(_day(near).toordinal() + self.settings.window_days)
            query += f"&limit={limit}&from={start:%Y%m%d}&to={end:%Y%m%d}"
        endpoint = f"{self.settings.cdx_api}?{query}"
        self.asked.append(endpoint)
        timestamps = _cdx_timestamps(await self.fetcher.get(endpoint))
        ordered = _by_preference(timestamps, near)
        return [_Candidate(ts, ArchiveSource.CDX, endpoint) for ts in ordered]

    async def _judge_wayback(self, candidate: _Candidate, original: str) -> Snapshot | None:
        timestamp = candidate.timestamp or ""
        self.judged.add(timestamp)
        fetch_url = f"{self.settings.wayback}{timestamp}id_/{original}"
        result = await self.fetcher.get(fetch_url)
        captured_ts = timestamp
        final = archived_original(result.final_url or fetch_url)
        if final is not None:
            captured_ts = final[1]
            self.judged.add(captured_ts)
        archive_url = f"{self.settings.wayback}{captured_ts}/{original}"
        reason = self._fault(_as_original(result, original), original)
        if reason is not None:
            self.rejected.append(Rejection(archive_url, candidate.source, reason))
            return None
        return Snapshot(
            archive_url, original, _iso_timestamp(captured_ts), candidate.source, candidate.endpoint
        )

    # -- Memento -----------------------------------------------------------------------------

    async def memento(self, near: date | None) -> Snapshot | None:
        """The TimeGate's most recent memento (no ``Accept-Datetime``: see the module's doc)."""
        del near  # a TimeGate asked without the header ignores it
        timegate = f"{self.settings.timegate}{self.url}"
        self.asked.append(timegate)
        result = await self.fetcher.get(timegate)
        return self._judge_memento(result, ArchiveSource.TIMEGATE, timegate)

    def _judge_memento(
        self,
        result: FetchResult,
        source: ArchiveSource,
        endpoint: str,
    ) -> Snapshot | None:
        memento_url = result.final_url or result.url
        reason = self._fault(_as_original(result, self.url), self.url)
        if reason is not None:
            self.rejected.append(Rejection(memento_url, source, reason))
            return None
        captured = _memento_datetime(result)
        if captured is None:
            parsed = _ANY_REPLAY_PATH.search(memento_url)
            captured = _iso_timestamp(parsed.group("ts")) if parsed else None
        return Snapshot(memento_url, self.url, captured, source, endpoint)

    # -- the judgement -----------------------------------------------------------------------

    def _fault(self, result: FetchResult, original: str) -> str | None:
        """Why a fetched snapshot cannot be suggested, or ``None`` when it can."""
        if result.status_code != 200:
            return _no_answer(result)
        verdict = classify(result, cited_url=original)
        if not verdict.page_ok:
            messages = [f.message for f in verdict.findings] or [
                verdict.note or str(verdict.status)
            ]
            return f"the capture is not the page: {messages[0]}"
        if not self.titles:
            return None
        from checker.verify.metadata import read_metadata  # noqa: PLC0415 (see citation._judge)

        shown = read_metadata(result.text or "", result.final_url or original).titles
        from checker.verify.match import title_matches  # noqa: PLC0415 (rapidfuzz: on first use)

        matches = [title_matches(title, shown) for title in self.titles]
        if any(m.matched for m in matches):
            return None
        return f"the capture shows another title: {matches[0].reason}"


# --- answers of the archive APIs ---------------------------------------------------------------


def _availability_questions(
    near: date | None,
) -> tuple[tuple[ArchiveSource, str | None, str | None], ...]:
    if near is None:
        return ((ArchiveSource.AVAILABILITY_LATEST, None, None),)
    day = _day(near)
    return (
        (ArchiveSource.AVAILABILITY_BEFORE, f"{day:%Y%m%d}235959", "before"),
        (ArchiveSource.AVAILABILITY_AFTER, f"{day:%Y%m%d}000000", "after"),
    )


def _closest_snapshot(result: FetchResult) -> str | None:
    """The timestamp of the availability API's closest 200 capture, if it names one."""
    data = _json(result)
    if not isinstance(data, dict):
        return None
    snapshots = data.get("archived_snapshots")
    closest = snapshots.get("closest") if isinstance(snapshots, dict) else None
    if not isinstance(closest, dict) or closest.get("available") is False:
        return None
    if str(closest.get("status", "")) != "200":
        return None
    timestamp = str(closest.get("timestamp") or "")
    return timestamp if _TIMESTAMP.match(timestamp) else None


def _cdx_timestamps(result: FetchResult) -> list[str]:
    """Timestamps of the 200 captures in a CDX JSON answer (first row names the columns)."""
    rows = _json(result)
    if not isinstance(rows, list) or len(rows) < 2 or not isinstance(rows[0], list):
        return []
    header = [str(name) for name in rows[0]]
    if "timestamp" not in header:
        return []
    ts_at = header.index("timestamp")
    status_at = header.index("statuscode") if "statuscode" in header else None
    found: list[str] = []
    for row in rows[1:]:
        if not isinstance(row, list) or len(row) != len(header):
            continue
        if status_at is not None and str(row[status_at]) != "200":
            continue
        timestamp = str(row[ts_at])
        if _TIMESTAMP.match(timestamp):
            found.append(timestamp)
    return found


def _by_preference(timestamps: Sequence[str], near: date | None) -> list[str]:
    """Most wanted first: the latest capture up to ``near``, then the earliest after it.

    Without a date, the newest capture comes first.
    """
    unique = sorted(set(timestamps))
    if near is None:
        return unique[::-1]
    limit = f"{_day(near):%Y%m%d}235959"
    before = [ts for ts in unique if ts.ljust(14, "0") <= limit][::-1]
    after = [ts for ts in unique if ts.ljust(14, "0") > limit]
    interleaved: list[str] = []
    for index in range(max(len(before), len(after))):
        interleaved.extend(group[index] for group in (before, after) if index < len(group))
    return interleaved


# --- small helpers -----------------------------------------------------------------------------

_TIMESTAMP = lazy(r"^\d{4,14}$")


def _titles(cited_title: str | None, alt_titles: Sequence[str]) -> tuple[str, ...]:
    return tuple(t for t in (cited_title, *alt_titles) if t and t.strip())


def _is_wayback(url: str) -> bool:
    return (urlsplit(url).hostname or "").lower().endswith("archive.org")


def _as_original(result: FetchResult, original: str) -> FetchResult:
    """The snapshot's fetch seen as a fetch of the original, so the live-page rules apply.

    Replay URLs become the URLs they replay, and redirects between captures of the same page
    (the archive choosing another timestamp) are dropped; redirects the site itself made stay.
    """
    hops: list[Hop] = []
    for hop in result.redirects:
        mapped = _unwrapped(hop.url) or hop.url
        if not hops or mapped != hops[-1].url:
            hops.append(Hop(mapped, hop.status_code))
    final = _unwrapped(result.final_url or "") or original
    kept = tuple(h for h in hops if h.url != final)
    return replace(result, url=original, final_url=final, redirects=kept)


def _unwrapped(url: str) -> str | None:
    parsed = archived_original(url)
    if parsed is not None:
        return parsed[0]
    match = _ANY_REPLAY_PATH.search(urlsplit(url).path + _query_of(url))
    return original_from_replay(match.group("original")) if match else None


def _query_of(url: str) -> str:
    query = urlsplit(url).query
    return f"?{query}" if query else ""


def _no_answer(result: FetchResult) -> str:
    if result.status_code is None:
        detail = f": {result.error}" if result.error else ""
        return f"the archive did not answer ({result.outcome}{detail})"
    return f"the capture answered HTTP {result.status_code}"


def _json(result: FetchResult) -> object:
    if result.status_code != 200 or not result.text:
        return None
    try:
        data: object = json.loads(result.text)
    except ValueError:
        return None
    return data


def _day(near: date) -> date:
    return near.date() if isinstance(near, datetime) else near


def _iso_timestamp(timestamp: str) -> str | None:
    digits = timestamp.ljust(14, "0")
    try:
        moment = datetime.strptime(digits, "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return None
    return moment.isoformat().replace("+00:00", "Z")


def _parse_http_date(value: str) -> datetime | None:
    try:
        moment = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _memento_datetime(result: FetchResult) -> str | None:
    value = result.header_lookup.get("memento-datetime")
    moment = _parse_http_date(value) if value else None
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


# --- --save: Save Page Now ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SaveSettings:
    """Config of ``--save``: where to ask, how old a capture may be, how fast and how many."""

    save_api: str = "https://web.archive.org/save/"
    availability_api: str = "https://archive.org/wayback/available"
    wayback: str = "https://web.archive.org/web/"
    age_days: float = 30.0
    interval: float = 5.0
    limit: int = 20


@dataclass(frozen=True, slots=True)
class SaveResult:
    """What ``--save`` did for one source: the new capture (if any) and a note for the report."""

    saved_url: str | None
    captured: str | None
    note: str


class SaveGate:
    """One run's budget of saves: at most ``limit``, their starts ``interval`` seconds apart.

    The clock and the sleep are injectable so tests can check the spacing without waiting.
    """

    def __init__(
        self,
        interval: float,
        limit: int,
        *,
        clock: Callable[[], float] = clock.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._interval = interval
        self._left = limit
        self._clock = clock
        self._sleep = sleep
        self._next_start: float | None = None
        self._lock = asyncio.Lock()

    async def turn(self) -> bool:
        """Wait until a save may start; ``False`` (at once) when the run's limit is spent."""
        async with self._lock:
            if self._left <= 0:
                return False
            self._left -= 1
            now = self._clock()
            if self._next_start is not None and self._next_start > now:
                await self._sleep(self._next_start - now)
                now = self._clock()
            self._next_start = now + self._interval
            return True


async def save_capture(
    url: str,
    *,
    fetcher: Fetcher,
    settings: SaveSettings,
    gate: SaveGate,
    now: datetime | None = None,
) -> SaveResult | None:
    """Ask Save Page Now to capture ``url`` unless it has a 200 capture from the last
    ``age_days``; ``None`` when no save was needed.  A URL carrying a credential or token is not
    sent (see :func:`find_archive`).
    """
    if carries_secret(url):
        return SaveResult(None, None, "not saved: the URL carries a credential or token")
    moment = now or datetime.now(UTC)
    endpoint = f"{settings.availability_api}?url={quote(url, safe='')}"
    latest = _closest_snapshot(await fetcher.get(endpoint))
    latest_at = _capture_time(latest) if latest else None
    if latest_at is not None and moment - latest_at < timedelta(days=settings.age_days):
        return None
    if not await gate.turn():
        return SaveResult(None, None, f"not saved: the limit of {settings.limit} saves per run")
    save_url = f"{settings.save_api}{url}"
    result = await fetcher.get(save_url)
    saved = _saved_timestamp(result, save_url)
    if saved is None:
        return SaveResult(None, None, f"Wayback save failed: {_save_failure(result)}")
    archive_url = f"{settings.wayback}{saved}/{url}"
    captured = _iso_timestamp(saved)
    return SaveResult(archive_url, captured, f"saved to the Wayback Machine: {archive_url}")


def _capture_time(timestamp: str) -> datetime | None:
    iso = _iso_timestamp(timestamp)
    return datetime.fromisoformat(iso.replace("Z", "+00:00")) if iso else None


def _saved_timestamp(result: FetchResult, save_url: str) -> str | None:
    """The new capture's timestamp named by Save Page Now's answer, else ``None``.

    A 302 to ``/web/<ts>/<url>`` has been followed by the fetcher: the save's own target is the
    next hop (the replay may redirect again, to another capture) or the final URL.  A 200 names
    the capture in ``Content-Location``.
    """
    if result.outcome is not Outcome.OK:
        return None
    named: list[str] = []
    if result.redirects and result.redirects[0].url == save_url:
        hops = result.redirects
        named.append(hops[1].url if len(hops) > 1 else result.final_url or "")
    if result.status_code == 200:
        named.append(urljoin(save_url, result.header_lookup.get("content-location", "")))
    for candidate in named:
        parsed = archived_original(candidate) if candidate else None
        if parsed is not None and len(parsed[1]) == 14:
            return parsed[1]
    return None


def _save_failure(result: FetchResult) -> str:
    if result.status_code is None:
        return f"no answer ({result.outcome}{': ' + result.error if result.error else ''})"
    first = result.redirects[0].status_code if result.redirects else result.status_code
    return f"HTTP {first}, no capture named"
