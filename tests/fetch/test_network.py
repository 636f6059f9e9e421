"""Dead host or dead network: NXDOMAIN, a temporary lookup failure, and no network at all.

Names are answered by a resolver hook (``HttpFetcher(resolver=...)``), so no DNS is asked: the
sample web serves news.example.com through --connect-to, every other name goes to the hook.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pytest

from checker.config import Config, ConnectTo
from checker.fetch import HttpFetcher, network
from checker.fetch.network import NetworkWatch, Resolver, is_nxdomain
from checker.findings import Severity
from checker.model import FetchResult, Outcome, Status
from checker.pipeline import check
from checker.report import failing
from checker.sampleweb import SampleWeb
from checker.sampleweb.server import Web

NEWS = "https://news.example.com"
LIVE = "127.0.0.1"  # a lookup that succeeds (the address itself is refused: not public)
NXDOMAIN = socket.gaierror(socket.EAI_NONAME, "Name or service not known")
AGAIN = socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")


def _resolver(answers: Mapping[str, str | socket.gaierror]) -> Resolver:
    """Answer each host from ``answers``; a host not listed does not exist."""

    async def resolve(host: str, port: int) -> list[str]:
        await asyncio.sleep(0.01)
        answer = answers.get(host, NXDOMAIN)
        if isinstance(answer, socket.gaierror):
            raise answer
        return [answer]

    return resolve


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    web = Web()
    web.page(f"{NEWS}/ok", "<html><head><title>Fine</title></head><body>fine</body></html>")
    with SampleWeb(web) as running:
        yield running


@pytest.fixture
def config(site: SampleWeb) -> Config:
    rule = ConnectTo.parse(f"news.example.com:443:127.0.0.1:{site.https_port}")
    return Config().with_(connect_to=(rule,), cacert=site.ca_path, timeout=2.0, retry_backoff=0.01)


def _fetch(
    config: Config, resolver: Resolver, urls: Sequence[str]
) -> tuple[dict[str, FetchResult], str | None]:
    async def go() -> tuple[dict[str, FetchResult], str | None]:
        async with HttpFetcher(config, version="test", resolver=resolver) as fetcher:
            results = await asyncio.gather(*(fetcher.get(url) for url in urls))
            return {r.url: r for r in results}, fetcher.network_unavailable

    return asyncio.run(go())


def test_lookup_errors_are_told_apart() -> None:
    assert is_nxdomain(NXDOMAIN)
    assert is_nxdomain(socket.gaierror(socket.EAI_NODATA, "No address associated with hostname"))
    assert not is_nxdomain(AGAIN)
    assert not is_nxdomain(socket.gaierror(socket.EAI_FAIL, "Non-recoverable failure"))
    assert not is_nxdomain(OSError("no such name"))


def test_a_name_that_does_not_exist_is_dns_while_the_network_works(config: Config) -> None:
    urls = ["https://gone.example/a", "https://live.example/a", f"{NEWS}/ok"]
    results, offline = _fetch(config, _resolver({"live.example": LIVE}), urls)
    assert results["https://gone.example/a"].outcome is Outcome.DNS
    assert results[f"{NEWS}/ok"].status_code == 200
    assert offline is None


def test_a_temporary_lookup_failure_is_retried_and_not_dns(config: Config) -> None:
    urls = ["https://flaky.example/a", "https://live.example/a"]
    answers = {"live.example": LIVE, "flaky.example": AGAIN}
    results, offline = _fetch(config, _resolver(answers), urls)
    flaky = results["https://flaky.example/a"]
    assert (flaky.outcome, flaky.attempts) == (Outcome.NETWORK, 3)
    assert flaky.error is not None and "temporary" in flaky.error
    assert offline is None


@pytest.mark.parametrize("error", [NXDOMAIN, AGAIN])
def test_no_name_resolving_at_all_is_a_network_down(config: Config, error: OSError) -> None:
    urls = [f"https://site{n}.example/a" for n in range(5)]
    results, offline = _fetch(config, _resolver(dict.fromkeys(("x",), error)), urls)
    for result in results.values():
        assert result.outcome is Outcome.NETWORK
        assert result.error is not None and result.error.startswith("network unavailable")
        assert (result.failure_streak, result.persistent_failure) == (0, False)
    assert offline is not None and "5 host names" in offline


def test_one_unknown_name_alone_is_still_dns(config: Config) -> None:
    # near miss: a run that looked up nothing else cannot tell a dead host from no network
    results, offline = _fetch(config, _resolver({}), ["https://gone.example/a", f"{NEWS}/ok"])
    assert results["https://gone.example/a"].outcome is Outcome.DNS
    assert offline is None


def test_an_offline_run_remembers_nothing_for_the_next_run(config: Config, tmp_path: Path) -> None:
    stored = config.with_(store=tmp_path / "store.sqlite3", failure_ttl=3600.0)
    urls = [f"https://site{n}.example/a" for n in range(4)]
    _, offline = _fetch(stored, _resolver({}), urls)
    assert offline is not None
    online = {f"site{n}.example": LIVE for n in range(1, 4)}  # site0 really is gone
    results, again = _fetch(stored, _resolver(online), urls)
    assert again is None
    assert not any(r.from_store for r in results.values())
    gone = results["https://site0.example/a"]
    assert (gone.outcome, gone.failure_streak) == (Outcome.DNS, 1)


def test_watch_declares_nothing_while_a_lookup_has_succeeded() -> None:
    async def go() -> str | None:
        watch = NetworkWatch(_resolver({"live.example": LIVE}))
        await watch.resolve("live.example", 443)
        for n in range(5):
            with pytest.raises(socket.gaierror):
                await watch.resolve(f"gone{n}.example", 443)
        return await watch.judge()

    assert asyncio.run(go()) is None


def test_an_offline_run_reports_unreachable_and_says_why(
    config: Config, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(network, "system_resolver", _resolver({}))
    links = "".join(f'<p><a href="https://site{n}.example/a">s</a></p>' for n in range(4))
    post = tmp_path / "post.html"
    post.write_text(f"<html><head><title>Offline</title></head><body>{links}</body></html>")
    report = check([str(post)], config.with_(archive="off", report_dir=tmp_path / "out"))
    statuses = {c.citation.url: c.status for d in report.documents for c in d.citations}
    assert set(statuses.values()) == {Status.UNREACHABLE}, statuses
    [problem] = report.problems
    assert problem.subject is None
    assert problem.finding.message.startswith("network unavailable")
    assert problem.finding.severity is Severity.ERROR  # reaching nothing is never a pass
    assert failing(report, config.with_(archive="off"))
