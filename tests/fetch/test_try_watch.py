"""A fetcher reports each try of a watched URL as it ends (``HttpFetcher.watch_tries``, issue 19).

The archive's circuit breaker needs to hear of a 502 when it happens, not after the fetcher's
whole retry sequence, and to stop retries and queued requests nobody wants any more.  Through
the fixture web: real HTTP on loopback, the requests counted at the server.
"""

from __future__ import annotations

import asyncio

from checker.fetch import HttpFetcher
from checker.model import FetchResult, Outcome, TriesWatched
from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Response
from tests.fetch.support import config_for, sequence

URL = "https://flaky.example.org/api"
OTHER = "https://flaky.example.org/other"
_502 = Response(502, (), b"bad gateway")
_200 = Response(200, (("Content-Type", "text/plain"),), b"fine")


class Watcher:
    """Keeps the tries it is told of; wants tries until ``give_up_after`` were seen."""

    def __init__(self, give_up_after: int = 99) -> None:
        self.tries: list[FetchResult] = []
        self.give_up_after = give_up_after

    def tried(self, result: FetchResult) -> None:
        self.tries.append(result)

    def wanted(self) -> bool:
        return len(self.tries) < self.give_up_after


def _run(web: Web, watchers: dict[str, Watcher | None], **changes: object) -> tuple[list[int], int]:
    """Status of each URL's final answer, and the requests the server saw."""
    with SampleWeb(web) as site:
        config = config_for(site, **changes)

        async def go() -> list[int]:
            async with HttpFetcher(config, version="test") as fetcher:
                assert isinstance(fetcher, TriesWatched)
                for url, watcher in watchers.items():
                    fetcher.watch_tries(url, watcher)
                results = await asyncio.gather(*(fetcher.get(u) for u in watchers))
                return [r.status_code or 0 for r in results]

        statuses = asyncio.run(go())
        return statuses, len(site.requests)


def test_each_try_is_reported_as_it_ends() -> None:
    web = Web()
    web.add(URL, sequence([_502, _502, _200]))
    watcher = Watcher()
    statuses, sent = _run(web, {URL: watcher})
    assert statuses == [200] and sent == 3
    assert [t.status_code for t in watcher.tries] == [502, 502, 200]
    assert [t.attempts for t in watcher.tries] == [1, 2, 3]


def test_a_watcher_that_gives_up_stops_the_retries() -> None:
    web = Web()
    web.add(URL, sequence([_502, _200]))
    watcher = Watcher(give_up_after=1)
    statuses, sent = _run(web, {URL: watcher})
    assert statuses == [502] and sent == 1  # without the hook: retried, 200 after 2 requests
    assert len(watcher.tries) == 1


def test_a_queued_request_its_watcher_no_longer_wants_is_not_sent() -> None:
    """One request at a time on the host: the second URL waits, and by its turn is unwanted."""
    web = Web()
    web.add(URL, _502)
    web.add(OTHER, _200)
    first, second = Watcher(), Watcher(give_up_after=0)
    statuses, sent = _run(web, {URL: first, OTHER: second}, per_host_concurrency=1, retries=0)
    assert sent == 1 and statuses == [502, 0]
    assert second.tries == []


def test_an_unwatched_url_is_retried_as_before() -> None:
    web = Web()
    web.add(URL, sequence([_502, _200]))
    statuses, sent = _run(web, {URL: None})
    assert statuses == [200] and sent == 2


def test_a_watcher_no_fetch_took_can_be_forgotten() -> None:
    """The store or the in-run cache answered: the watcher is dropped, not kept for later."""
    web = Web()
    web.add(URL, _200)
    with SampleWeb(web) as site:
        config = config_for(site)

        async def go() -> int:
            async with HttpFetcher(config, version="test") as fetcher:
                await fetcher.get(URL)
                watcher = Watcher()
                fetcher.watch_tries(URL, watcher)
                await fetcher.get(URL)  # the in-run cache: no try
                fetcher.watch_tries(URL, None)
                return len(watcher.tries)

        assert asyncio.run(go()) == 0
        assert len(site.requests) == 1


def test_outcome_of_an_unwanted_queued_request_is_not_a_verdict_on_the_page() -> None:
    web = Web()
    web.add(OTHER, _200)
    with SampleWeb(web) as site:
        config = config_for(site)

        async def go() -> FetchResult:
            async with HttpFetcher(config, version="test") as fetcher:
                fetcher.watch_tries(OTHER, Watcher(give_up_after=0))
                return await fetcher.get(OTHER)

        result = asyncio.run(go())
        assert result.outcome is Outcome.NETWORK and result.status_code is None
        assert len(site.requests) == 0
