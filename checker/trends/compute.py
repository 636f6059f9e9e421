"""What the store's history says about a blog's sources over time: pure functions of its rows.

Every run keeps its verdicts in the store (:func:`checker.fetch.store.record_verdicts`); this
module reads nothing itself, it only counts the rows it is given, so each number on the trends
page can be tested without a web, a store or a clock.

A citation is one (post, cited URL) pair; the URL-less ones (``missing``) and the ones a run did
not check (``skipped``) say nothing about rot and are left out.  A citation is *dead* when the
run found it gone: status ``broken`` (404/410, soft-404, name not resolved) or an embed
``embed-unavailable`` (deleted, suspended).  ``blocked`` and ``unreachable`` are not dead: the
source may well be there.  The shares by month, domain and platform are those of each citation's
latest verdict; the survival curve follows each citation through every run.

A source found dead and alive again later (a *revival*: a page restored, a site back from a lapsed
domain) is alive in the shares, which say what a reader finds today, and has died in the survival
curve at its first dead verdict, which says how long sources lasted before failing readers: the
issue's "time from citation to first failure", and a curve that only goes down.  A revival does
not undo that a reader met a dead link, and a death followed by a revival followed by a death is
still one death, at the first.  The revivals are counted (:attr:`Trends.revived`) and shown, so
the two views can be told apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from checker.fetch.store import VerdictRow
from checker.model import CitationKind, Status

__all__ = [
    "NO_HOST",
    "UNDATED",
    "RunSummary",
    "Share",
    "SurvivalStep",
    "Trends",
    "compute",
    "is_dead",
    "kaplan_meier",
    "latest_verdicts",
    "lifetimes",
    "month_of",
    "revivals",
    "shares",
]

NO_HOST = "(no host)"
"""The domain of a cited URL with no host name."""
UNDATED = "undated"
"""The month of a citation whose post gives no date."""
_DEAD_CODE = "embed-unavailable"
_NOT_CHECKED = frozenset({Status.SKIPPED, Status.MISSING})


@dataclass(frozen=True, slots=True)
class Share:
    """How many of a group's citations were cited and how many of them are dead."""

    key: str
    cited: int
    dead: int

    @property
    def share(self) -> float:
        """The dead share, 0 for an empty group."""
        return self.dead / self.cited if self.cited else 0.0


@dataclass(frozen=True, slots=True)
class SurvivalStep:
    """One time of the Kaplan–Meier curve: ``days`` after citation, who was at risk, what
    happened then, and the share of sources still alive just after."""

    days: int
    at_risk: int
    events: int
    censored: int
    survival: float


@dataclass(frozen=True, slots=True)
class RunSummary:
    """One run of the history: citations checked, how many dead, and its finding codes."""

    run_id: int
    run_time: datetime
    citations: int
    dead: int
    codes: Mapping[str, int]


@dataclass(frozen=True, slots=True)
class Trends:
    """Everything ``trends.html`` and ``trends.csv`` show, computed once from the rows."""

    runs: tuple[RunSummary, ...]
    by_month: tuple[Share, ...]
    by_domain: tuple[Share, ...]
    embeds: tuple[Share, ...]
    survival: tuple[SurvivalStep, ...]
    undated: int
    """Citations left out of the survival curve: their post gives no date."""
    revived: int = 0
    """Citations found dead once and alive at their latest check (see the module's doc)."""


def is_dead(row: VerdictRow) -> bool:
    """Whether the run found the cited source gone (see the module's doc)."""
    return row.status is Status.BROKEN or _DEAD_CODE in row.findings


def _checked(rows: Iterable[VerdictRow]) -> list[VerdictRow]:
    return [r for r in rows if r.url is not None and r.status not in _NOT_CHECKED]


def _order(row: VerdictRow) -> tuple[datetime, int]:
    return (row.run_time, row.run_id)


def latest_verdicts(rows: Iterable[VerdictRow]) -> list[VerdictRow]:
    """Each checked citation's latest verdict, in the order the citations were first seen."""
    latest: dict[tuple[str, str | None], VerdictRow] = {}
    for row in sorted(_checked(rows), key=_order):
        latest[(row.post_url, row.url)] = row
    return list(latest.values())


def month_of(row: VerdictRow) -> str:
    """``YYYY-MM`` of the post's date (the month of citation), else :data:`UNDATED`."""
    return row.post_date.strftime("%Y-%m") if row.post_date else UNDATED


def shares(rows: Iterable[VerdictRow], key: Callable[[VerdictRow], str]) -> list[Share]:
    """Cited and dead citations per ``key`` of each row, in no particular order."""
    cited: Counter[str] = Counter()
    dead: Counter[str] = Counter()
    for row in rows:
        group = key(row)
        cited[group] += 1
        dead[group] += is_dead(row)
    return [Share(group, cited[group], dead[group]) for group in cited]


def _histories(rows: Iterable[VerdictRow]) -> list[list[VerdictRow]]:
    """Each checked citation's verdicts, oldest run first."""
    seen: dict[tuple[str, str | None], list[VerdictRow]] = {}
    for row in sorted(_checked(rows), key=_order):
        seen.setdefault((row.post_url, row.url), []).append(row)
    return list(seen.values())


def revivals(rows: Iterable[VerdictRow]) -> int:
    """How many citations were found dead once and are alive at their latest check."""
    return sum(
        1 for history in _histories(rows) if not is_dead(history[-1]) and any(map(is_dead, history))
    )


def lifetimes(rows: Iterable[VerdictRow]) -> tuple[list[tuple[int, bool]], int]:
    """Each dated citation's (days from its post's date to its first dead verdict, True), or,
    while it has always been found alive, (days to its last verdict, False): censored.

    A revival does not undo a death (see the module's doc).  The second value counts the
    citations left out because their post gives no date.
    """
    found: list[tuple[int, bool]] = []
    undated = 0
    for history in _histories(rows):
        cited = history[0].post_date
        if cited is None:
            undated += 1
            continue
        start = datetime(cited.year, cited.month, cited.day, tzinfo=UTC)
        first_dead = next((r for r in history if is_dead(r)), None)
        end, died = (first_dead, True) if first_dead is not None else (history[-1], False)
        found.append((max(0, (end.run_time - start).days), died))
    return found, undated


def kaplan_meier(lifetimes: Sequence[tuple[int, bool]]) -> tuple[SurvivalStep, ...]:
    """The Kaplan–Meier product-limit estimate of the survival of sources.

    ``lifetimes`` are (days, died) pairs; a source still alive (``died`` False) is censored at
    its last sighting: it counts among those at risk up to that day and no longer after it.
    At each day with an event or a censoring, S(t) = S(t-) x (1 - deaths / at risk); censorings
    on the day of a death count as at risk that day (the usual convention).
    """
    events: Counter[int] = Counter()
    censored: Counter[int] = Counter()
    for days, dead in lifetimes:
        (events if dead else censored)[days] += 1
    at_risk = len(lifetimes)
    survival = 1.0
    steps: list[SurvivalStep] = []
    for days in sorted(events.keys() | censored.keys()):
        deaths, left = events[days], censored[days]
        if deaths:
            survival *= 1 - deaths / at_risk
        steps.append(SurvivalStep(days, at_risk, deaths, left, survival))
        at_risk -= deaths + left
    return tuple(steps)


def _runs(rows: Iterable[VerdictRow]) -> tuple[RunSummary, ...]:
    by_run: dict[int, list[VerdictRow]] = {}
    for row in sorted(rows, key=_order):
        by_run.setdefault(row.run_id, []).append(row)
    summaries = []
    for run_id, run_rows in by_run.items():
        checked = _checked(run_rows)
        codes = Counter(code for row in run_rows for code in row.findings)
        summaries.append(
            RunSummary(
                run_id,
                run_rows[0].run_time,
                len(checked),
                sum(map(is_dead, checked)),
                dict(sorted(codes.items())),
            )
        )
    return tuple(summaries)


def compute(rows: Sequence[VerdictRow]) -> Trends:
    """The trends of the history ``rows`` (see the module's doc for what counts)."""
    latest = latest_verdicts(rows)
    months = sorted(shares(latest, month_of), key=lambda s: (s.key == UNDATED, s.key))
    domains = sorted(
        shares(latest, lambda r: r.domain or NO_HOST), key=lambda s: (-s.share, -s.dead, s.key)
    )
    embedded = [r for r in latest if r.kind is CitationKind.EMBED]
    platforms = sorted(
        shares(embedded, lambda r: r.platform.value if r.platform else "other"),
        key=lambda s: (-s.dead, s.key),
    )
    found, undated = lifetimes(rows)
    return Trends(
        runs=_runs(rows),
        by_month=tuple(months),
        by_domain=tuple(domains),
        embeds=tuple(platforms),
        survival=kaplan_meier(found),
        undated=undated,
        revived=revivals(rows),
    )
