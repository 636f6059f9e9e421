"""Archive lookup against fixture Wayback and Memento endpoints served on loopback."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import date

import pytest

from checker.config import ArchiveKind, Config, ConnectTo, HostConfig
from checker.fetch import HttpFetcher
from checker.fetch.politeness import Politeness
from checker.model import FetchResult, Outcome, TryWatcher
from checker.sampleweb import SampleWeb, Web
from checker.verify.archive import (
    ArchiveResult,
    ArchiveSettings,
    ArchiveSource,
    SaveGate,
    SaveSettings,
    archived_original,
    find_archive,
    save_capture,
)
from checker.verify.breaker import (
    ARCHIVE_LANES,
    ARCHIVE_PACE,
    ArchiveBreaker,
    archive_lanes,
    paced,
)
from tests.fixtureweb.archive_web import Capture, add_timegate, add_wayback

SITE = "https://news.example.com"
GOOD = f"{SITE}/2020/01/cabinet-resigns"
NONE = f"{SITE}/2020/01/never-archived"
SOFT = f"{SITE}/2020/02/removed-story"
ONLY_SOFT = f"{SITE}/2020/02/only-gone"
REUSED = f"{SITE}/2020/03/reused-url"
FLAKY = f"{SITE}/2020/04/flaky-api"
ERRORS = f"{SITE}/2020/05/only-errors"
TITLE = "Cabinet resigns after budget defeat"
WAYBACK = "https://web.archive.org/web/"
MEMENTO = ArchiveSettings(archive=ArchiveKind.MEMENTO, timegate="https://archive.ph/timegate/")


def _page(title: str, body: str = "A long article body. " * 40) -> str:
    return (
        f"<!DOCTYPE html><html><head><title>{title} | News</title></head>"
        f"<body><h1>{title}</h1><p>{body}</p></body></html>"
    )


NOT_FOUND = _page("Page not found", "Sorry, we could not find that page.")

SNAPSHOTS = {
    GOOD: (Capture("20190601120000", _page(TITLE)), Capture("20210301080000", _page(TITLE))),
    SOFT: (
        Capture("20200110000000", NOT_FOUND),
        Capture("20200301000000", _page("Minister visits flood zone")),
    ),
    ONLY_SOFT: (Capture("20200110000000", NOT_FOUND),),
    REUSED: (Capture("20200101000000", _page("An entirely different article today")),),
    FLAKY: (Capture("20200401000000", _page("Flaky archive story")),),
    ERRORS: (Capture("20200501000000", _page("Server error"), status=404),),
}


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    web = Web()
    add_wayback(web, SNAPSHOTS, flaky=(FLAKY,))
    add_timegate(web, SNAPSHOTS)
    with SampleWeb(web) as served:
        yield served


@pytest.fixture
def config(site: SampleWeb) -> Config:
    return Config().with_(
        connect_to=tuple(ConnectTo.parse(rule) for rule in site.connect_to()),
        cacert=site.ca_path,
        retries=0,
        timeout=5.0,
    )


def _find(
    fetch_config: Config,
    url: str,
    near: date | None,
    title: str | None = None,
    **options: object,
) -> ArchiveResult:
    async def go() -> ArchiveResult:
        async with HttpFetcher(fetch_config, version="test") as fetcher:
            return await find_archive(
                url,
                near=near,
                cited_title=title,
                fetcher=fetcher,
                **options,  # type: ignore[arg-type]
            )

    return asyncio.run(go())


# --- Wayback -----------------------------------------------------------------------------------


def test_closest_before_the_cited_date_is_verified_and_suggested(config: Config) -> None:
    result = _find(config, GOOD, date(2020, 1, 15), TITLE)
    assert result.archive_url == f"{WAYBACK}20190601120000/{GOOD}"
    assert result.captured == "2019-06-01T12:00:00Z"
    assert result.snapshot is not None
    assert result.snapshot.source is ArchiveSource.AVAILABILITY_BEFORE
    assert "closest=before" in result.snapshot.endpoint
    assert result.rejected == ()


def test_after_is_asked_when_nothing_precedes_the_date(config: Config) -> None:
    result = _find(config, GOOD, date(2019, 1, 1), TITLE)
    assert result.archive_url == f"{WAYBACK}20190601120000/{GOOD}"
    assert result.snapshot is not None
    assert result.snapshot.source is ArchiveSource.AVAILABILITY_AFTER


def test_without_a_date_the_latest_capture_is_taken(config: Config) -> None:
    result = _find(config, GOOD, None, TITLE)
    assert result.archive_url == f"{WAYBACK}20210301080000/{GOOD}"
    assert result.snapshot is not None
    assert result.snapshot.source is ArchiveSource.AVAILABILITY_LATEST


def test_no_capture_anywhere_gives_no_suggestion_after_asking_cdx(config: Config) -> None:
    result = _find(config, NONE, date(2020, 1, 15), "Never archived")
    assert result.snapshot is None and result.archive_url is None
    assert result.rejected == ()
    assert any("/cdx/search/cdx?" in asked for asked in result.asked)
    assert result.note() == "no archived copy found"


def test_empty_availability_answer_is_unknown_and_cdx_finds_the_capture(config: Config) -> None:
    result = _find(config, FLAKY, date(2020, 4, 10), "Flaky archive story")
    assert result.snapshot is not None
    assert result.snapshot.source is ArchiveSource.CDX
    assert result.archive_url == f"{WAYBACK}20200401000000/{FLAKY}"


def test_soft_404_capture_is_rejected_and_the_next_one_suggested(config: Config) -> None:
    result = _find(config, SOFT, date(2020, 2, 1), None)
    assert result.archive_url == f"{WAYBACK}20200301000000/{SOFT}"
    [rejected] = result.rejected
    assert rejected.archive_url == f"{WAYBACK}20200110000000/{SOFT}"
    assert rejected.source is ArchiveSource.AVAILABILITY_BEFORE
    assert "not the page" in rejected.reason and "not found" in rejected.reason.lower()


def test_a_capture_that_is_only_a_soft_404_is_never_suggested(config: Config) -> None:
    result = _find(config, ONLY_SOFT, date(2020, 2, 1), None)
    assert result.snapshot is None
    assert [r.archive_url for r in result.rejected] == [f"{WAYBACK}20200110000000/{ONLY_SOFT}"]
    note = result.note()
    assert note is not None and note.startswith("rejected ")


def test_a_capture_with_another_title_is_rejected(config: Config) -> None:
    result = _find(config, REUSED, date(2020, 3, 5), "Mayor opens the new bridge")
    assert result.snapshot is None
    [rejected] = result.rejected
    assert "another title" in rejected.reason


@pytest.mark.parametrize("title", [None, "An entirely different article today"])
def test_near_miss_title_absent_or_matching_is_accepted(config: Config, title: str | None) -> None:
    result = _find(config, REUSED, date(2020, 3, 5), title)
    assert result.archive_url == f"{WAYBACK}20200101000000/{REUSED}"


def test_alt_titles_count_as_the_cited_title(config: Config) -> None:
    result = _find(
        config,
        REUSED,
        date(2020, 3, 5),
        "Mayor opens the new bridge",
        alt_titles=("An entirely different article today",),
    )
    assert result.snapshot is not None


def test_captures_that_were_not_200_are_ignored(config: Config) -> None:
    result = _find(config, ERRORS, date(2020, 5, 2), None)
    assert result.snapshot is None
    assert result.rejected == ()


def test_at_most_three_candidates_are_fetched(config: Config, site: SampleWeb) -> None:
    before = sum(1 for _, url in site.requests if "id_/" in url)
    _find(config, ONLY_SOFT, date(2020, 2, 1), "Some title")
    fetched = sum(1 for _, url in site.requests if "id_/" in url) - before
    assert 1 <= fetched <= 3


# --- a copy the citation gives ----------------------------------------------------------------


def test_a_given_copy_is_checked_instead_of_searching(config: Config) -> None:
    given = f"http://web.archive.org/web/20210301080000/{GOOD}"
    result = _find(config, GOOD, date(2020, 1, 15), TITLE, given=given)
    assert result.snapshot is not None
    assert result.snapshot.source is ArchiveSource.GIVEN
    assert result.archive_url == f"{WAYBACK}20210301080000/{GOOD}"
    assert not any("wayback/available" in asked for asked in result.asked)


def test_a_bad_given_copy_is_reported_and_the_search_goes_on(config: Config) -> None:
    given = f"https://web.archive.org/web/20200110000000/{SOFT}"
    result = _find(config, SOFT, date(2020, 2, 1), None, given=given)
    assert result.rejected[0].source is ArchiveSource.GIVEN
    assert result.archive_url == f"{WAYBACK}20200301000000/{SOFT}"


def test_a_bad_given_copy_without_search_gives_nothing(config: Config) -> None:
    given = f"https://web.archive.org/web/20200110000000/{SOFT}"
    settings = ArchiveSettings(search_after_given=False)
    result = _find(config, SOFT, date(2020, 2, 1), None, given=given, config=settings)
    assert result.snapshot is None and len(result.rejected) == 1


def test_a_given_timestamp_that_is_no_capture_follows_the_archive_redirect(
    config: Config,
) -> None:
    result = _find(config, GOOD, None, TITLE, given=f"{WAYBACK}2019/{GOOD}")
    assert result.archive_url == f"{WAYBACK}20190601120000/{GOOD}"


def test_a_non_wayback_given_copy_is_fetched_as_is(config: Config) -> None:
    given = f"https://archive.ph/20190601120000/{GOOD}"
    result = _find(config, GOOD, date(2020, 1, 15), TITLE, given=given)
    assert result.archive_url == given
    assert result.captured == "2019-06-01T12:00:00Z"


# --- Memento ----------------------------------------------------------------------------------


def test_memento_timegate_without_a_date_gives_the_latest(config: Config) -> None:
    result = _find(config, GOOD, date(2020, 1, 15), TITLE, config=MEMENTO)
    assert result.archive_url == f"https://archive.ph/20210301080000/{GOOD}"
    assert result.captured == "2021-03-01T08:00:00Z"


def test_memento_timegate_with_no_memento_gives_nothing(config: Config) -> None:
    result = _find(config, NONE, date(2020, 1, 15), None, config=MEMENTO)
    assert result.snapshot is None
    assert "404" in result.rejected[0].reason


# --- parsing replay URLs ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (f"https://web.archive.org/web/20200101000000/{GOOD}", (GOOD, "20200101000000")),
        (f"http://web.archive.org/web/20200101000000id_/{GOOD}", (GOOD, "20200101000000")),
        (
            "https://web.archive.org/web/2020/http://example.com/a?b=1",
            ("http://example.com/a?b=1", "2020"),
        ),
        (
            "https://web.archive.org/web/20200101000000/https:/example.com/a",
            ("https://example.com/a", "20200101000000"),
        ),
        (
            "https://web.archive.org/web/20200101000000/example.com/a",
            ("http://example.com/a", "20200101000000"),
        ),
        (
            "https://wayback.archive.org/web/20200101000000*/example.com",
            ("http://example.com", "20200101000000"),
        ),
        (f"https://archive.ph/20200101000000/{GOOD}", (GOOD, "20200101000000")),
        (f"https://WEB.Archive.ORG/web/20200101000000/{GOOD}", (GOOD, "20200101000000")),
        # near misses
        (GOOD, None),
        ("https://web.archive.org/web/", None),
        ("https://web.archive.org/details/texts", None),
        (f"https://notarchive.org/web/20200101000000/{GOOD}", None),
        ("https://archive.ph/AbCd1", None),
    ],
)
def test_archived_original(url: str, expected: tuple[str, str] | None) -> None:
    assert archived_original(url) == expected


def test_a_url_without_archive_in_it_is_no_replay_unsplit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 19, session 36: every link of a post is asked whether it is a replay; one whose
    URL holds no "archive" (every replay host's name does) is not split to tell."""
    from checker import urls  # noqa: PLC0415

    def split(*_args: object) -> object:
        raise AssertionError("split_url called")

    monkeypatch.setattr(urls, "split_url", split)
    assert archived_original("https://news36.example/web/20200101000000/https://x.example/") is None


@pytest.mark.parametrize("mark", ["\t", "\n", "\r"])
def test_a_replay_url_with_a_tab_or_break_in_its_host_is_read_as_a_browser_reads_it(
    mark: str,
) -> None:
    """``web.arch<TAB>ive.org``: the replay path was looked for after a host the URL as written
    does not hold, an ``IndexError`` out of extraction (cpu36b's note)."""
    url = f"https://web.arch{mark}ive.org/web/20200101000000/{GOOD}"
    assert archived_original(url) == (GOOD, "20200101000000")
    assert archived_original(f"https://news36.example/a{mark}b") is None


# --- the run's breaker (issue 19) --------------------------------------------------------------

AVAILABLE = "https://archive.org/wayback/available?url=x"


def _answer(status: int | None, *, attempts: int = 1, outcome: Outcome = Outcome.OK) -> FetchResult:
    return FetchResult(AVAILABLE, outcome, status_code=status, attempts=attempts)


class _CountingFetcher:
    """Answers every URL with one canned result (after ``delay`` seconds), counting the asks."""

    def __init__(self, result: FetchResult, delay: float = 0.0) -> None:
        self.result = result
        self.delay = delay
        self.asked: list[str] = []

    async def get(self, url: str, *, fresh: bool = False) -> FetchResult:
        self.asked.append(url)
        await asyncio.sleep(self.delay)
        return self.result


@pytest.mark.parametrize(
    ("answers", "opens"),
    [
        ([_answer(502), _answer(502)], False),
        ([_answer(502), _answer(502), _answer(502)], True),
        ([_answer(502), _answer(404), _answer(502), _answer(502)], False),  # an answer: archive up
        ([_answer(200), _answer(429)], True),  # over the rate limit: stop at once
        ([_answer(503, attempts=3)], True),  # the fetcher's tries are answers too
        ([_answer(None, outcome=Outcome.TIMEOUT), _answer(500, attempts=2)], True),
        ([_answer(None, outcome=Outcome.INVALID_URL)] * 3, False),  # about the URL, not the archive
    ],
)
def test_the_breaker_opens_after_failed_answers_in_a_row(
    answers: list[FetchResult], opens: bool
) -> None:
    breaker = ArchiveBreaker(failures=3)
    for answer in answers:
        breaker.record(answer)
    assert breaker.open is opens
    assert (breaker.reason is not None) is opens


def test_an_open_breaker_refuses_a_lookup_without_asking() -> None:
    breaker = ArchiveBreaker(failures=1)
    fetcher = _CountingFetcher(_answer(502))

    async def go() -> tuple[ArchiveResult, ArchiveResult]:
        first = await find_archive(
            GOOD, near=None, cited_title=None, fetcher=fetcher, breaker=breaker
        )
        second = await find_archive(
            GOOD, near=None, cited_title=None, fetcher=fetcher, breaker=breaker
        )
        return first, second

    first, second = asyncio.run(go())
    assert breaker.open
    assert len(fetcher.asked) == 1  # the first question failed; nothing after it was sent
    assert first.not_made and second.not_made
    assert second.note() == "no archive lookup: the archive is unavailable in this run"


def test_a_lookup_without_a_breaker_asks_everything() -> None:
    fetcher = _CountingFetcher(_answer(502))
    result = asyncio.run(find_archive(GOOD, near=None, cited_title=None, fetcher=fetcher))
    assert not result.not_made
    assert len(fetcher.asked) == 2  # availability, then CDX


def test_a_slow_archive_answer_counts_as_a_failure() -> None:
    breaker = ArchiveBreaker(failures=1, timeout=0.05)
    fetcher = _CountingFetcher(_answer(200), delay=5.0)
    guarded = breaker.guard(fetcher)
    result = asyncio.run(guarded.get(AVAILABLE))
    assert result.outcome is Outcome.TIMEOUT
    assert breaker.open and "timeout" in (breaker.reason or "")


def test_requests_waiting_when_the_breaker_opens_are_abandoned() -> None:
    breaker = ArchiveBreaker(failures=1, timeout=30.0)
    slow = _CountingFetcher(_answer(200), delay=30.0)
    failing = _CountingFetcher(_answer(502))

    async def go() -> FetchResult:
        waiting = asyncio.ensure_future(breaker.guard(slow).get(AVAILABLE))
        await asyncio.sleep(0)
        await breaker.guard(failing).get(AVAILABLE)
        return await asyncio.wait_for(waiting, 5.0)  # not the slow answer's 30 s

    result = asyncio.run(go())
    assert result.error == "not asked: the archive is unavailable"


def test_the_archive_hosts_get_a_polite_pace_unless_configured() -> None:
    assert paced(Config()).politeness.hosts == ARCHIVE_PACE
    assert paced(Config().with_(archive="off")).politeness.hosts == {}
    assert paced(Config().with_(archive="off", save=True)).politeness.hosts == ARCHIVE_PACE
    own = HostConfig(interval=2.0)  # a table that sets only an interval keeps the archive's lanes
    hosts = paced(Config().with_(hosts={"archive.org": own})).politeness.hosts
    assert hosts["archive.org"] == HostConfig(ARCHIVE_LANES, 2.0)
    assert hosts["web.archive.org"] == ARCHIVE_PACE["web.archive.org"]
    assert all(pace.interval for pace in ARCHIVE_PACE.values())


def test_a_lower_per_host_limit_holds_for_the_archive_too() -> None:
    """``--per-host-concurrency 1`` asks the archive one request and one lookup at a time, as
    every other host: its own 4 lanes are a ceiling, not a floor."""
    config = paced(Config().with_(per_host_concurrency=1))
    assert {pace.concurrency for pace in config.politeness.hosts.values()} == {1}
    assert archive_lanes(config) == 1
    assert (
        paced(Config().with_(per_host_concurrency=2, hosts={"archive.org": HostConfig(3)}))
        .politeness.hosts["archive.org"]
        .concurrency
        == 3
    )  # a table's own lanes win


def test_the_archive_keeps_its_own_lanes_when_the_cited_hosts_get_more() -> None:
    """The default lanes a host (8) are the cited sites'; the Wayback Machine's hosts keep 4
    requests at once and the run 4 lookups at once, unless its own ``hosts`` table says."""
    config = paced(Config())
    politeness = Politeness(config)
    assert politeness.state("example.org").concurrency == 8
    assert politeness.state("archive.org").concurrency == 4
    assert politeness.state("web.archive.org").concurrency == 4
    assert archive_lanes(config) == 4
    own = paced(Config().with_(hosts={"archive.org": HostConfig(concurrency=2)}))
    assert archive_lanes(own) == 2


def test_a_lookup_the_archive_failed_is_not_made_even_with_the_breaker_closed() -> None:
    breaker = ArchiveBreaker(failures=10)
    fetcher = _CountingFetcher(_answer(502))
    result = asyncio.run(
        find_archive(GOOD, near=None, cited_title=None, fetcher=fetcher, breaker=breaker)
    )
    assert not breaker.open
    assert result.not_made  # "no archived copy found" would be a guess


@pytest.mark.parametrize(
    "url",
    [
        "https://reader:pw@news.example.com/gone",
        "https://news.example.com/gone?token=abc&p=2",
        "https://news.example.com/go?u=https%3A%2F%2Fu%3Apw%40other.example%2Fx",
    ],
)
def test_a_url_carrying_a_secret_is_neither_searched_for_nor_saved(url: str) -> None:
    """The archive is a third party and its answers echo the URL: credentials stay home."""
    fetcher = _CountingFetcher(_answer(200))
    found = asyncio.run(find_archive(url, near=None, cited_title=None, fetcher=fetcher))
    saved = asyncio.run(
        save_capture(url, fetcher=fetcher, settings=SaveSettings(), gate=SaveGate(0.0, 5))
    )
    assert fetcher.asked == []
    assert found.withheld and found.snapshot is None
    assert found.note() == "no archive lookup: the URL carries a credential or token"
    assert saved is not None and saved.saved_url is None and "credential" in saved.note


def test_a_url_without_a_secret_is_still_searched_for() -> None:
    fetcher = _CountingFetcher(_answer(404))
    found = asyncio.run(
        find_archive(
            "https://news.example.com/gone?p=2", near=None, cited_title=None, fetcher=fetcher
        )
    )
    assert fetcher.asked and not found.withheld


class _WatchedFetcher:
    """A fetcher reporting each try to its watcher, as ``HttpFetcher.watch_tries`` does: the
    given statuses one try each, the last one the answer."""

    def __init__(self, statuses: list[int]) -> None:
        self.statuses = statuses
        self.watchers: dict[str, TryWatcher | None] = {}

    def watch_tries(self, url: str, watcher: TryWatcher | None) -> None:
        self.watchers[url] = watcher

    async def get(self, url: str, *, fresh: bool = False) -> FetchResult:
        watcher = self.watchers.get(url)
        result = FetchResult(url, Outcome.OK)
        for attempt, status in enumerate(self.statuses, 1):
            result = FetchResult(url, Outcome.OK, status_code=status, attempts=attempt)
            if watcher is not None:
                watcher.tried(result)
                if not watcher.wanted():
                    break
        return result


def test_tries_reported_as_they_end_are_counted_once() -> None:
    """Two 502s told as they happened, then the same 502 as the answer (attempts=2): a streak of
    2, not 4 (the answer's tries were already counted)."""
    breaker = ArchiveBreaker(failures=3)
    fetcher = _WatchedFetcher([502, 502])
    asyncio.run(breaker.guard(fetcher).get(AVAILABLE))
    assert not breaker.open
    assert fetcher.watchers[AVAILABLE] is None  # forgotten once answered


def test_a_try_that_opens_the_breaker_stops_the_retries() -> None:
    breaker = ArchiveBreaker(failures=2)
    fetcher = _WatchedFetcher([502, 502, 502, 200])
    result = asyncio.run(breaker.guard(fetcher).get(AVAILABLE))
    assert breaker.open and "2 failed answers in a row" in (breaker.reason or "")
    assert result.status_code != 200  # the retries after the second 502 were not wanted


def test_a_502_then_a_200_ends_the_streak() -> None:
    breaker = ArchiveBreaker(failures=2)
    fetcher = _WatchedFetcher([502, 200])
    guarded = breaker.guard(fetcher)
    asyncio.run(guarded.get(AVAILABLE))
    asyncio.run(guarded.get(AVAILABLE))  # 502, 200 again: never two failures in a row
    assert not breaker.open
