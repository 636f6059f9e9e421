"""--save: live sources with no recent Wayback capture are sent to Save Page Now, politely."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from checker.config import Config, ConnectTo
from checker.fetch import HttpFetcher
from checker.findings import Code
from checker.model import CheckedCitation, Citation, CitationKind, Cited, Status
from checker.run import Run
from checker.sampleweb import SampleWeb, Web
from checker.verify.archive import SaveGate
from checker.verify.citation import verify_citation
from tests.fixtureweb.archive_web import Capture, add_save_page_now, add_wayback

SITE = "https://news.example.com"
STALE = f"{SITE}/stale"  # last captured long ago: saved (302 form)
STALE_200 = f"{SITE}/stale-200"  # saved, the capture named in Content-Location
NEVER = f"{SITE}/never"  # never captured: saved
RECENT = f"{SITE}/recent"  # captured two days ago: left alone
BORDER = f"{SITE}/border"  # captured 29 days ago: still recent
REFUSED = f"{SITE}/refused"  # Save Page Now answers 429
DOWN = f"{SITE}/down"  # Save Page Now answers 502
GONE = f"{SITE}/gone"  # a dead source: not saved
SAVED_AT = "20260101120000"
SAVE = "https://web.archive.org/save/"
NOW = datetime.now(UTC)


def _page(title: str) -> str:
    body = "A long article body. " * 40
    return f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>"


def _stamp(days_ago: float) -> str:
    return f"{NOW - timedelta(days=days_ago):%Y%m%d%H%M%S}"


def _web() -> Web:
    web = Web()
    for url in (STALE, STALE_200, NEVER, RECENT, BORDER, REFUSED, DOWN):
        web.page(url, _page(url.rsplit("/", 1)[1]))
    web.page(GONE, _page("Not found"), status=404)
    old = (Capture(_stamp(400), _page("old")),)
    add_wayback(
        web,
        {
            STALE: old,
            STALE_200: old,
            REFUSED: old,
            DOWN: old,
            RECENT: (*old, Capture(_stamp(2), _page("recent"))),
            BORDER: (Capture(_stamp(29), _page("border")),),
        },
    )
    add_save_page_now(web, (STALE, NEVER, RECENT, BORDER, GONE), timestamp=SAVED_AT)
    add_save_page_now(web, (STALE_200,), timestamp=SAVED_AT, status=200)
    add_save_page_now(web, (REFUSED,), timestamp=SAVED_AT, status=429)
    add_save_page_now(web, (DOWN,), timestamp=SAVED_AT, status=502)
    return web


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    with SampleWeb(_web()) as running:
        yield running


def _config(site: SampleWeb, **changes: Any) -> Config:
    base = Config().with_(
        connect_to=tuple(ConnectTo.parse(rule) for rule in site.connect_to()),
        cacert=site.ca_path,
        retries=0,
        timeout=2.0,
        store=None,
        save=True,
        save_interval=0.0,
    )
    return base.with_(**changes)


def _check(
    config: Config, *urls: str, kind: CitationKind = CitationKind.SOURCE
) -> list[CheckedCitation]:
    async def go() -> list[CheckedCitation]:
        async with Run(config) as current:  # the run owns the save gate: its limit holds
            citations = [Citation(kind, url, Cited(title=url.rsplit("/", 1)[1])) for url in urls]
            return [await current.verify(c) for c in citations]

    return asyncio.run(go())


@pytest.mark.parametrize("url", [STALE, STALE_200, NEVER])
def test_a_source_without_a_recent_capture_is_saved(site: SampleWeb, url: str) -> None:
    (checked,) = _check(_config(site), url)
    assert checked.status is Status.OK
    assert checked.saved_url == f"https://web.archive.org/web/{SAVED_AT}/{url}"
    assert checked.saved_at == "2026-01-01T12:00:00Z"
    assert checked.note == f"saved to the Wayback Machine: {checked.saved_url}"
    assert checked.findings == ()  # a note, never a finding


def test_a_link_citation_is_saved_too(site: SampleWeb) -> None:
    (checked,) = _check(_config(site), NEVER, kind=CitationKind.LINK)
    assert checked.saved_url is not None


@pytest.mark.parametrize("url", [RECENT, BORDER])
def test_a_recent_capture_is_left_alone(site: SampleWeb, url: str) -> None:
    before = site.count(f"{SAVE}{url}")
    (checked,) = _check(_config(site), url)
    assert checked.saved_url is None
    assert checked.note is None
    assert site.count(f"{SAVE}{url}") == before


def test_the_age_limit_is_configurable(site: SampleWeb) -> None:
    (checked,) = _check(_config(site, save_age_days=10), BORDER)
    assert checked.saved_url is not None


def test_nothing_is_saved_unless_asked(site: SampleWeb) -> None:
    before = site.count(f"{SAVE}{NEVER}")
    (checked,) = _check(_config(site, save=False), NEVER)
    assert (checked.saved_url, checked.note) == (None, None)
    assert site.count(f"{SAVE}{NEVER}") == before


def test_dead_sources_and_quotes_are_not_saved(site: SampleWeb) -> None:
    before = site.count(f"{SAVE}{GONE}"), site.count(f"{SAVE}{NEVER}")
    (gone,) = _check(_config(site, archive="off"), GONE)
    (quote,) = _check(_config(site), NEVER, kind=CitationKind.QUOTE)
    assert gone.status is Status.BROKEN
    assert [f.code for f in gone.findings] == [Code.BROKEN]
    assert gone.saved_url is None
    assert quote.saved_url is None
    assert (site.count(f"{SAVE}{GONE}"), site.count(f"{SAVE}{NEVER}")) == before


@pytest.mark.parametrize(("url", "status"), [(REFUSED, 429), (DOWN, 502)])
def test_a_refused_save_is_a_note_not_a_crash(site: SampleWeb, url: str, status: int) -> None:
    (checked,) = _check(_config(site), url)
    assert checked.status is Status.OK
    assert checked.saved_url is None
    assert checked.note == f"Wayback save failed: HTTP {status}, no capture named"
    assert checked.findings == ()


def test_the_run_stops_saving_at_its_limit(site: SampleWeb) -> None:
    before = sum(site.count(f"{SAVE}{u}") for u in (STALE, NEVER, STALE_200))
    checked = _check(_config(site, save_limit=2), STALE, NEVER, STALE_200)
    assert [c.saved_url is not None for c in checked] == [True, True, False]
    assert checked[2].note == "not saved: the limit of 2 saves per run"
    after = sum(site.count(f"{SAVE}{u}") for u in (STALE, NEVER, STALE_200))
    assert after - before == 2


def test_the_gate_spaces_saves_by_the_interval() -> None:
    now = [100.0]
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    async def go() -> list[bool]:
        gate = SaveGate(5.0, 3, clock=lambda: now[0], sleep=sleep)
        turns = [await gate.turn()]
        now[0] += 1.0
        turns.append(await gate.turn())
        now[0] += 10.0  # a near miss: the interval has passed, no wait
        turns.append(await gate.turn())
        turns.append(await gate.turn())
        return turns

    assert asyncio.run(go()) == [True, True, True, False]
    assert slept == [4.0]


def test_saving_without_the_runs_gate_is_refused(site: SampleWeb) -> None:
    """A gate per call would let every citation save: the run's one gate must be given."""
    config = _config(site)

    async def go() -> None:
        async with HttpFetcher(config, version="test") as fetcher:
            await verify_citation(Citation(CitationKind.SOURCE, NEVER, Cited()), fetcher, config)

    with pytest.raises(ValueError, match="SaveGate"):
        asyncio.run(go())
