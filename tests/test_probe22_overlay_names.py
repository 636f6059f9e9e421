"""Names of networks beside DNS (probe 22, DeadlinkChecker's ``.onion`` rule).

Wikimedia's DeadlinkChecker (IABot) calls a ``.onion`` URL neither dead nor alive without Tor:
such a name is never in DNS (RFC 7686), so a lookup fails for every one of them, and citecheck
reported each cited onion service ``broken`` ("the host name does not resolve"), a false alarm
on every post that cites one, after asking the resolver a name it must not be asked (a leak of
what the post cites).  Names are answered by a resolver hook here, so no DNS is asked.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator

import pytest

from checker.config import Config, ConnectTo
from checker.fetch import HttpFetcher
from checker.model import FetchResult, Outcome, Status
from checker.sampleweb import SampleWeb
from checker.sampleweb.server import Web
from checker.verify.availability import classify

NEWS = "https://news.example.com"
ONION = "http://xmhqwe3rnw6insl.onion/"
OVERLAY_URLS = [
    ONION,
    "http://forum.i2p/thread/1",
    "https://wiki.example.alt/a",
    "https://x.ONION./",
]


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    web = Web()
    web.page(f"{NEWS}/ok", "<html><head><title>Fine</title></head><body>fine</body></html>")
    web.redirect(f"{NEWS}/moved-to-tor", ONION, status=301)
    with SampleWeb(web) as running:
        yield running


def _fetch(site: SampleWeb, urls: list[str]) -> tuple[dict[str, FetchResult], list[str]]:
    """Fetch ``urls``; the results and every name the resolver was asked."""
    asked: list[str] = []

    async def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    rule = ConnectTo.parse(f"news.example.com:443:127.0.0.1:{site.https_port}")
    config = Config().with_(connect_to=(rule,), cacert=site.ca_path, timeout=2.0)

    async def go() -> dict[str, FetchResult]:
        async with HttpFetcher(config, version="test", resolver=resolve) as fetcher:
            return {r.url: r for r in await asyncio.gather(*(fetcher.get(u) for u in urls))}

    return asyncio.run(go()), asked


def test_a_name_beside_dns_is_not_asked_of_the_resolver_nor_called_broken(
    site: SampleWeb,
) -> None:
    results, asked = _fetch(site, [*OVERLAY_URLS, f"{NEWS}/ok"])
    assert asked == []  # 127.0.0.1 of the rule is an address: nothing to look up
    assert results[f"{NEWS}/ok"].status_code == 200
    for url in OVERLAY_URLS:
        verdict = classify(results[url], cited_url=url)
        assert verdict.status is Status.SKIPPED, (url, verdict)
        assert verdict.findings == ()
        assert verdict.note is not None and "not checked" in verdict.note, verdict


def test_a_page_that_moved_to_an_onion_service_is_not_broken(site: SampleWeb) -> None:
    url = f"{NEWS}/moved-to-tor"
    results, asked = _fetch(site, [url])
    assert asked == []
    verdict = classify(results[url], cited_url=url)
    assert verdict.status is Status.SKIPPED, verdict
    assert verdict.note is not None and "Tor" in verdict.note


@pytest.mark.parametrize(
    "host", ["onion.example.com", "example.onion.com", "alt.example", "i2p.example.org"]
)
def test_a_dns_name_that_merely_holds_such_a_word_is_still_looked_up(
    site: SampleWeb, host: str
) -> None:
    url = f"https://{host}/a"
    results, asked = _fetch(site, [url])
    assert asked == [host]
    assert classify(results[url], cited_url=url).status is Status.BROKEN


def test_a_lookup_failure_of_a_url_that_does_not_parse_is_judged_without_a_crash() -> None:
    """The hostile-URL property test's example: ``http://[ccpa-preferences]/`` failed its
    lookup; reading its host for the overlay check raised ValueError out of classify."""
    url = "http://[ccpa-preferences]/"
    verdict = classify(FetchResult(url, Outcome.DNS, error="x"), cited_url=url)
    assert verdict.status is Status.BROKEN
