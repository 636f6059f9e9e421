"""The trends' pure computations: Kaplan-Meier, lifetimes, shares by month, domain, platform."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from checker.fetch.store import VerdictRow
from checker.model import CitationKind, Platform, Status
from checker.trends.compute import (
    NO_HOST,
    UNDATED,
    Share,
    SurvivalStep,
    compute,
    is_dead,
    kaplan_meier,
    latest_verdicts,
    lifetimes,
    revivals,
)


def row(
    run: int,
    url: str | None,
    status: Status = Status.OK,
    *,
    post: str = "p1",
    posted: date | None = date(2025, 1, 1),
    domain: str | None = "a.com",
    kind: CitationKind = CitationKind.LINK,
    findings: tuple[str, ...] = (),
    platform: Platform | None = None,
) -> VerdictRow:
    when = datetime(2025, 1, 1, 12, tzinfo=UTC).replace(month=run)
    return VerdictRow(run, when, post, posted, url, domain, kind, status, findings, platform)


def test_kaplan_meier_of_a_textbook_example() -> None:
    # Six subjects: deaths at 3, 5, 5, 8; censored at 4 and 8 (censored on a death's day is at
    # risk that day).  S(3) = 5/6; S(5) = 5/6 * (1 - 2/4) = 5/12; S(8) = 5/12 * (1 - 1/2).
    steps = kaplan_meier([(3, True), (4, False), (5, True), (5, True), (8, True), (8, False)])
    assert steps == (
        SurvivalStep(3, 6, 1, 0, pytest.approx(5 / 6)),
        SurvivalStep(4, 5, 0, 1, pytest.approx(5 / 6)),
        SurvivalStep(5, 4, 2, 0, pytest.approx(5 / 12)),
        SurvivalStep(8, 2, 1, 1, pytest.approx(5 / 24)),
    )


def test_kaplan_meier_with_no_death_stays_at_one() -> None:
    assert [s.survival for s in kaplan_meier([(10, False), (20, False)])] == [1.0, 1.0]
    assert kaplan_meier([]) == ()


def test_lifetime_is_to_the_first_dead_verdict_even_if_it_comes_back() -> None:
    rows = [
        row(2, "u", Status.OK),  # Feb 1: alive, 31 days after Jan 1
        row(3, "u", Status.BROKEN),  # Mar 1: dead, 59 days
        row(4, "u", Status.OK),  # back again: still died at 59
        row(4, "v", Status.OK, posted=None),  # undated: left out, counted
        row(3, "w", Status.OK, posted=date(2025, 2, 1)),  # alive: censored at its last check, 28
    ]
    assert lifetimes(rows) == ([(59, True), (28, False)], 1)


def test_blocked_and_unreachable_are_not_dead_and_an_unavailable_embed_is() -> None:
    assert not is_dead(row(1, "u", Status.BLOCKED))
    assert not is_dead(row(1, "u", Status.UNREACHABLE))
    assert is_dead(row(1, "u", Status.BROKEN, findings=("soft-404",)))
    assert is_dead(row(1, "u", Status.BLOCKED, findings=("embed-unavailable",)))


def test_latest_verdict_per_citation_leaves_out_skipped_and_missing() -> None:
    rows = [
        row(1, "u", Status.OK),
        row(2, "u", Status.BROKEN),
        row(2, "u", Status.OK, post="p2"),  # the same URL in another post: its own citation
        row(2, "s", Status.SKIPPED),
        row(2, None, Status.MISSING),
    ]
    latest = latest_verdicts(rows)
    assert [(r.post_url, r.url, r.status) for r in latest] == [
        ("p1", "u", Status.BROKEN),
        ("p2", "u", Status.OK),
    ]


def test_shares_by_month_domain_and_platform() -> None:
    rows = [
        row(1, "a1", Status.BROKEN, posted=date(2024, 12, 5)),
        row(1, "a2", posted=date(2024, 12, 20)),
        row(1, "b1", Status.BROKEN, posted=date(2025, 2, 1), domain="b.org"),
        row(1, "c1", posted=None, domain=None),
        row(
            1,
            "yt",
            Status.BROKEN,
            domain="youtube.com",
            kind=CitationKind.EMBED,
            findings=("embed-unavailable",),
            platform=Platform.YOUTUBE,
        ),
    ]
    trends = compute(rows)
    assert trends.by_month == (
        Share("2024-12", 2, 1),
        Share("2025-01", 1, 1),
        Share("2025-02", 1, 1),
        Share(UNDATED, 1, 0),
    )
    assert [s.key for s in trends.by_domain] == ["b.org", "youtube.com", "a.com", NO_HOST]
    assert trends.embeds == (Share("youtube", 1, 1),)
    assert trends.runs[0].codes == {"embed-unavailable": 1}
    assert (trends.runs[0].citations, trends.runs[0].dead) == (5, 3)


def test_a_revival_is_alive_in_the_shares_and_died_once_in_the_curve() -> None:
    rows = [
        row(2, "u", Status.BROKEN),  # Feb 1: dead, 31 days after Jan 1
        row(3, "u", Status.OK),  # back: a revival
        row(2, "v", Status.BROKEN),  # dead, back, dead again: no revival, one death at 31
        row(3, "v", Status.OK),
        row(4, "v", Status.BROKEN),
        row(4, "w", Status.OK),  # always alive
    ]
    trends = compute(rows)
    assert revivals(rows) == trends.revived == 1
    assert trends.by_month == (Share("2025-01", 3, 1),)  # u alive at its latest check
    assert lifetimes(rows) == ([(31, True), (31, True), (90, False)], 0)
    assert trends.survival == (
        SurvivalStep(31, 3, 2, 0, pytest.approx(1 / 3)),
        SurvivalStep(90, 1, 0, 1, pytest.approx(1 / 3)),
    )
