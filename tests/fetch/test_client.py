"""The fetch engine against real HTTP and TLS servers on loopback, reached via --connect-to."""

from __future__ import annotations

import asyncio
import gzip
import itertools
import socket
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import httpcore
import httpx
import pytest

from checker.config import Config, ConnectTo
from checker.encoding import decode_body
from checker.errors import ConfigError
from checker.fetch import HttpFetcher
from checker.fetch.connect_to import make_ssl_context, make_transport
from checker.fetch.pools import HostPools
from checker.model import FetchResult, Outcome
from checker.sampleweb import SampleWeb
from checker.sampleweb.server import Request, Response, Web

SITE = "https://news.example.com"
JAPANESE = "ウクライナが迎えた冬が最大の試練だ。ロシアは計画していた。"


def _counter(answers: list[Response]) -> Callable[[Request], Response]:
    """A route answering from ``answers`` in turn, repeating the last one."""
    calls = itertools.count()

    def handler(_: Request) -> Response:
        return answers[min(next(calls), len(answers) - 1)]

    return handler


def _web() -> Web:
    web = Web()
    web.page(f"{SITE}/ok", "<html><head><title>OK</title></head><body>fine</body></html>")
    web.page(f"{SITE}/gone", "<html><title>Not here</title></html>", status=404)
    web.redirect(f"{SITE}/old", "/new", status=301)
    web.redirect(f"{SITE}/new", f"{SITE}/ok", status=302)
    web.redirect(f"{SITE}/loop-a", "/loop-b")
    web.redirect(f"{SITE}/loop-b", "/loop-a")
    for hop in range(30):
        web.redirect(f"{SITE}/chain/{hop}", f"/chain/{hop + 1}")
    web.redirect(f"{SITE}/to-ftp", "ftp://files.example.com/x")
    ok = Response(200, (("Content-Type", "text/html"),), b"<title>back</title>")
    web.add(f"{SITE}/flaky", _counter([Response(503), Response(503), ok]))
    web.add(f"{SITE}/busy", _counter([Response(429, (("Retry-After", "1"),)), ok]))
    web.add(f"{SITE}/down", Response(503))
    web.add(f"{SITE}/error", Response(500))
    web.add(f"{SITE}/error-then-ok", _counter([Response(500), Response(500), ok]))
    web.add(
        f"{SITE}/error-says-when", _counter([Response(500, (("Retry-After", "0"),))] * 2 + [ok])
    )
    web.add(f"{SITE}/gateway", _counter([Response(502), Response(504), ok]))
    body = f"<html><head><title>{JAPANESE}</title></head><body>{JAPANESE * 20}</body></html>"
    web.add(f"{SITE}/sjis", Response(200, (("Content-Type", "text/html"),), body.encode("cp932")))
    web.add(
        f"{SITE}/big",
        Response(200, (("Content-Type", "text/html"),), b"<title>x</title>" + b"a" * 300_000),
    )
    web.add(f"{SITE}/slow", Response(200, (), b"late", delay=3.0))
    zipped = gzip.compress(b"<title>zipped</title>" + b" " * 1000)
    web.add(
        f"{SITE}/gz",
        Response(200, (("Content-Type", "text/html"), ("Content-Encoding", "gzip")), zipped),
    )
    chatty = (("Content-Type", "text/html"), ("X-Powered-By", "x" * 200), ("Set-Cookie", "a=b"))
    chatty += (("CF-Mitigated", "none"), ("Link", '<https://news.example.com/>; rel="home"'))
    web.add(f"{SITE}/chatty", Response(200, chatty, b"<title>chatty</title>"))
    web.add(f"{SITE}/png", Response(200, (("Content-Type", "image/png"),), b"\x89PNG\x00\x00"))
    web.page("http://plain.example.org/page", "<title>plain http</title>")
    return web


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    with SampleWeb(_web()) as web:
        yield web


@pytest.fixture
def config(site: SampleWeb) -> Config:
    return Config().with_(
        connect_to=tuple(ConnectTo.parse(rule) for rule in site.connect_to()),
        cacert=site.ca_path,
        retries=2,
        retry_backoff=0.01,
        timeout=1.0,
        max_bytes=100_000,
    )


def fetch(config: Config, *urls: str) -> list[FetchResult]:
    async def go() -> list[FetchResult]:
        async with HttpFetcher(config, version="test") as fetcher:
            return list(await asyncio.gather(*(fetcher.get(u) for u in urls)))

    return asyncio.run(go())


def test_cited_url_is_kept_while_connecting_locally(config: Config, site: SampleWeb) -> None:
    [result] = fetch(config, f"{SITE}/ok")
    assert (result.outcome, result.status_code) == (Outcome.OK, 200)
    assert result.final_url == f"{SITE}/ok"
    assert result.text is not None and "<title>OK</title>" in result.text
    assert site.count(f"{SITE}/ok") >= 1


def test_plain_http_goes_through_port_80_rule(config: Config) -> None:
    [result] = fetch(config, "http://plain.example.org/page")
    assert result.status_code == 200
    assert result.text is not None and "plain http" in result.text


def test_redirects_are_followed_and_recorded(config: Config) -> None:
    [result] = fetch(config, f"{SITE}/old")
    assert result.status_code == 200
    assert result.final_url == f"{SITE}/ok"
    assert [(h.url, h.status_code) for h in result.redirects] == [
        (f"{SITE}/old", 301),
        (f"{SITE}/new", 302),
    ]


@pytest.mark.parametrize(("path", "hops"), [("/loop-a", 2), ("/chain/0", 10)])
def test_loops_and_long_chains_stop(config: Config, path: str, hops: int) -> None:
    [result] = fetch(config, f"{SITE}{path}")
    assert result.outcome is Outcome.TOO_MANY_REDIRECTS
    assert len(result.redirects) == hops


def test_redirect_to_other_scheme(config: Config) -> None:
    [result] = fetch(config, f"{SITE}/to-ftp")
    assert result.outcome is Outcome.UNSUPPORTED_SCHEME


def test_5xx_is_retried_until_it_clears(config: Config, site: SampleWeb) -> None:
    [result] = fetch(config, f"{SITE}/flaky")
    assert result.status_code == 200
    assert result.attempts == 3
    assert site.count(f"{SITE}/flaky") == 3


def test_429_waits_for_retry_after(config: Config) -> None:
    [result] = fetch(config, f"{SITE}/busy")
    assert result.status_code == 200
    assert result.attempts == 2
    assert result.elapsed < 5


def test_lasting_5xx_is_reported_not_raised(config: Config) -> None:
    [result] = fetch(config, f"{SITE}/down")
    assert (result.outcome, result.status_code, result.attempts) == (Outcome.OK, 503, 3)


def test_a_plain_500_is_asked_twice_at_most(config: Config, site: SampleWeb) -> None:
    """One retry, not ``retries``' two: the application's answer, which another run judges
    (strikes); the second retry's backoff was the tail of every Zipf run (session 32)."""
    assert config.fetch.retries == 2
    [lasting, cleared_late] = fetch(config, f"{SITE}/error", f"{SITE}/error-then-ok")
    assert (lasting.status_code, lasting.attempts) == (500, 2)
    assert site.count(f"{SITE}/error") == 2
    assert (cleared_late.status_code, cleared_late.attempts) == (500, 2)
    assert site.count(f"{SITE}/error-then-ok") == 2


def test_a_500_that_says_when_and_gateway_errors_keep_every_retry(
    config: Config, site: SampleWeb
) -> None:
    [said, gateway] = fetch(config, f"{SITE}/error-says-when", f"{SITE}/gateway")
    assert (said.status_code, said.attempts) == (200, 3)
    assert (gateway.status_code, gateway.attempts) == (200, 3)
    assert site.count(f"{SITE}/gateway") == 3


def test_404_is_not_retried(config: Config, site: SampleWeb) -> None:
    before = site.count(f"{SITE}/gone")
    [result] = fetch(config, f"{SITE}/gone")
    assert result.status_code == 404
    assert site.count(f"{SITE}/gone") == before + 1


def test_each_url_is_fetched_once_per_run(config: Config, site: SampleWeb) -> None:
    url = f"{SITE}/ok?dedupe=1"
    results = fetch(config, *[url] * 6, f"{url}#section")
    assert len({r.status_code for r in results}) == 1
    assert site.count(url) == 1


def test_a_dropped_text_is_gone_but_the_answer_stays_without_a_new_request(
    config: Config, site: SampleWeb
) -> None:
    url = f"{SITE}/ok?drop=1"

    async def go() -> tuple[FetchResult, FetchResult, int]:
        async with HttpFetcher(config, version="test") as fetcher:
            first = await fetcher.get(url)
            fetcher.drop_text(f"{url}#top")  # the same page, whatever the fragment
            return first, await fetcher.get(url), fetcher.requests

    first, later, requests = asyncio.run(go())
    assert first.text is not None and later.text is None
    assert (later.status_code, later.final_url) == (first.status_code, first.final_url)
    assert requests == 1 and site.count(url) == 1


def test_a_served_answer_is_kept_without_its_future(config: Config, site: SampleWeb) -> None:
    """A future per URL held to the end of a 20,000-URL run for the rare later reader (issue 19)."""
    urls = [f"{SITE}/ok?bare={n}" for n in range(5)]

    async def go() -> tuple[list[FetchResult], int, int, list[FetchResult], int]:
        async with HttpFetcher(config, version="test") as fetcher:
            first = await asyncio.gather(*(fetcher.get(url) for url in urls))
            await asyncio.sleep(0)
            before = len(fetcher._tasks)
            for url in urls:
                fetcher.drop_text(url)
            after = len(fetcher._tasks)
            later = [await fetcher.get(url) for url in urls]
            return first, before, after, later, fetcher.requests

    first, before, after, later, requests = asyncio.run(go())
    assert (before, after) == (5, 0)
    assert [(r.url, r.status_code) for r in later] == [(r.url, r.status_code) for r in first]
    assert requests == 5


def test_a_served_answer_keeps_only_the_headers_a_later_reader_reads(config: Config) -> None:
    """Once its text goes, the in-run cache keeps what the store would keep (issue 19)."""
    url = f"{SITE}/chatty"

    async def go() -> tuple[FetchResult, FetchResult]:
        async with HttpFetcher(config, version="test") as fetcher:
            first = await fetcher.get(url)
            fetcher.drop_text(url)
            return first, await fetcher.get(url)

    first, later = asyncio.run(go())
    assert {"x-powered-by", "set-cookie"} <= set(first.header_lookup)
    assert {"content-type", "cf-mitigated", "link"} <= set(later.header_lookup)
    assert not {"x-powered-by", "set-cookie"} & set(later.header_lookup)
    assert later.header_lookup["cf-mitigated"] == "none" and later.text is None
    assert (later.status_code, later.final_url) == (first.status_code, first.final_url)


def test_undeclared_shift_jis_decodes(config: Config) -> None:
    [result] = fetch(config, f"{SITE}/sjis")
    assert result.text is not None and JAPANESE in result.text


def test_body_is_capped_not_failed(config: Config) -> None:
    [result] = fetch(config, f"{SITE}/big")
    assert result.outcome is Outcome.OK
    assert result.truncated
    assert result.text is not None and len(result.text) == 100_000


def test_gzip_is_decoded(config: Config) -> None:
    [result] = fetch(config, f"{SITE}/gz")
    assert result.text is not None and "<title>zipped</title>" in result.text


def test_binary_body_has_no_text(config: Config) -> None:
    [result] = fetch(config, f"{SITE}/png")
    assert result.status_code == 200
    assert result.text is None


def test_read_timeout_becomes_outcome(config: Config) -> None:
    [result] = fetch(config.with_(retries=0, timeout=0.3), f"{SITE}/slow")
    assert result.outcome is Outcome.TIMEOUT


def test_total_time_is_bounded(config: Config) -> None:
    [result] = fetch(config.with_(retries=0, total_timeout=0.5), f"{SITE}/slow")
    assert result.outcome is Outcome.TIMEOUT
    assert result.elapsed < 2


def test_unknown_ca_is_tls_failure(config: Config) -> None:
    [result] = fetch(config.with_(cacert=None), f"{SITE}/ok")
    assert result.outcome is Outcome.TLS


def test_unresolvable_name_is_dns(config: Config) -> None:
    only_news = (ConnectTo.parse("news.example.com:443:127.0.0.1:1"),)
    [result] = fetch(config.with_(connect_to=only_news), "https://no-such-host.invalid/")
    assert result.outcome is Outcome.DNS


def test_refused_connection_is_connect(config: Config) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    rule = (ConnectTo.parse(f":443:127.0.0.1:{closed_port}"),)
    [result] = fetch(config.with_(connect_to=rule), f"{SITE}/ok")
    assert result.outcome is Outcome.CONNECT


@pytest.mark.parametrize(
    ("url", "outcome"),
    [
        ("ftp://files.example.com/a", Outcome.UNSUPPORTED_SCHEME),
        ("mailto:someone@example.com", Outcome.UNSUPPORTED_SCHEME),
        ("https://[broken/", Outcome.INVALID_URL),
        ("https:///nohost", Outcome.INVALID_URL),
    ],
)
def test_unrequestable_urls(config: Config, url: str, outcome: Outcome) -> None:
    [result] = fetch(config, url)
    assert result.outcome is outcome


def test_connect_to_backend_hook_is_in_place(config: Config) -> None:
    """Fails loudly if a future httpx/httpcore moves the attribute connect-to relies on."""
    pool = make_transport(config, make_ssl_context(config))._make()
    assert isinstance(pool, httpx.AsyncHTTPTransport)
    assert isinstance(pool._pool, httpcore.AsyncConnectionPool)
    assert type(pool._pool._network_backend).__name__ == "_ConnectToBackend"


def test_each_host_has_its_own_pool_and_idle_pools_are_closed_least_recent_first() -> None:
    closed: list[str] = []

    class _Streamed(httpx.AsyncByteStream):
        """A body still to be read, as a real transport returns it."""

        async def __aiter__(self) -> AsyncIterator[bytes]:
            yield b"body"

    class _Pool(httpx.MockTransport):
        """A stand-in host pool (the router is under test, not HTTP) that records its closing."""

        def __init__(self) -> None:
            super().__init__(lambda request: httpx.Response(200, stream=_Streamed()))

        async def aclose(self) -> None:
            closed.append("closed")

    async def scenario() -> tuple[int, int, list[str]]:
        pools = HostPools(_Pool, keep=2)
        first = await pools.handle_async_request(httpx.Request("GET", "http://a.example/1"))
        again = await pools.handle_async_request(httpx.Request("GET", "http://A.example/2"))
        await first.aclose()
        await again.aclose()
        held = await pools.handle_async_request(httpx.Request("GET", "http://b.example/"))
        opened = pools.open_pools  # a and b: one pool per host, whatever the case
        await pools.handle_async_request(httpx.Request("GET", "http://c.example/"))
        # a was idle and least recently used: closed; b still has a body being read: kept
        after = pools.open_pools
        await held.aclose()
        return opened, after, list(closed)

    assert asyncio.run(scenario()) == (2, 2, ["closed"])


def test_a_cacert_that_holds_no_certificate_is_a_config_error(tmp_path: Path) -> None:
    """``--cacert`` naming a file of garbage was an SSLError, exit 3 "internal error"."""
    garbage = tmp_path / "ca.pem"
    garbage.write_bytes(b"\x00not a certificate\xff" * 20)
    with pytest.raises(ConfigError, match="--cacert"):
        make_ssl_context(Config().with_(cacert=garbage))


def test_an_ssl_cert_file_that_holds_no_certificate_is_a_config_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    garbage = tmp_path / "bundle.pem"
    garbage.write_text("-----BEGIN CERTIFICATE-----\nbroken\n-----END CERTIFICATE-----\n")
    monkeypatch.setenv("SSL_CERT_FILE", str(garbage))
    with pytest.raises(ConfigError, match="SSL_CERT_FILE"):
        make_ssl_context(Config())


def test_small_bodies_are_decoded_without_a_thread_hand_off(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A thread hand-off per ~100-byte body cost more than its decoding (issue 19)."""
    handed: list[int] = []
    to_thread = asyncio.to_thread

    async def counting(function: Callable[..., object], *args: object) -> object:
        if function is decode_body:
            handed.append(len(args[0]))  # type: ignore[arg-type]
        return await to_thread(function, *args)

    monkeypatch.setattr(asyncio, "to_thread", counting)
    small, big = fetch(config, f"{SITE}/sjis", f"{SITE}/big")
    assert small.text is not None and JAPANESE in small.text
    assert big.text is not None and len(big.text) == 100_000
    assert handed == [100_000]
