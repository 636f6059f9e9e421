"""NO_PROXY entries httpx cannot parse are skipped with one warning, as curl ignores them."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.config import Config, ConnectTo
from checker.fetch import HttpFetcher
from checker.fetch.connect_to import no_proxy_patterns
from checker.model import FetchResult
from checker.sampleweb import SampleWeb, Web
from tests.fetch.support import OneAnswerServer, run_citecheck


@pytest.mark.parametrize("entry", ["xn--zz", "xn--", ".xn--", "xn--zz:80", "[::1", ":80", "."])
def test_an_entry_httpx_cannot_parse_is_skipped_and_named(entry: str) -> None:
    patterns, unusable = no_proxy_patterns(f"localhost, {entry} ,.example.org")
    assert patterns == [
        "all://localhost",
        "all://*.localhost",
        "all://example.org",
        "all://*.example.org",
    ]
    assert unusable == [entry]


@pytest.mark.parametrize("entry", ["::1", "[::1]", "[::1]:8080"])
def test_an_ipv6_address_is_one_pattern_in_brackets(entry: str) -> None:
    """``*.[::1]`` is no pattern httpx can parse: an address has no subdomains."""
    assert no_proxy_patterns(entry) == (["all://[::1]"], [])


def test_a_star_sends_every_host_direct() -> None:
    assert no_proxy_patterns("xn--zz,*")[0] is None


@pytest.mark.parametrize("entry", ["xn--zz", "xn--", "::1"])
def test_the_fetcher_starts_with_an_unparseable_entry(
    monkeypatch: pytest.MonkeyPatch, entry: str
) -> None:
    """httpx raised IDNAError / InvalidURL from the client's constructor: every run crashed."""
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("NO_PROXY", f"{entry},localhost")
    HttpFetcher(Config().with_(retries=0), version="test")


_BAD_GATEWAY = b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


@pytest.fixture
def proxy() -> Iterator[OneAnswerServer]:
    server = OneAnswerServer(_BAD_GATEWAY)  # a proxy that answers 502 to everything
    yield server
    server.close()


def test_the_other_entries_still_go_direct(
    proxy: OneAnswerServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    web = Web()
    web.page("http://direct.example.org/page", "<title>direct</title>")
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
    monkeypatch.setenv("NO_PROXY", "xn--zz,.example.org")
    with SampleWeb(web) as site:
        rules = tuple(ConnectTo.parse(r) for r in site.connect_to())

        async def go() -> FetchResult:
            config = Config().with_(retries=0, connect_to=rules)
            async with HttpFetcher(config, version="test") as fetcher:
                return await fetcher.get("http://direct.example.org/page")

        result = asyncio.run(go())
    assert result.text is not None and "direct" in result.text
    assert proxy.requests == 0


def test_a_run_warns_once_and_checks(
    proxy: OneAnswerServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Before: ``internal error: IDNAError: Invalid A-label``, exit 3, nothing checked."""
    post = tmp_path / "post.md"
    post.write_text("# P\n\n[a](http://news.example.org/a) and [b](http://news.example.org/b)\n")
    (tmp_path / "citecheck.toml").write_text('archive = "off"\nretries = 0\n')
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
    monkeypatch.setenv("NO_PROXY", "localhost,xn--zz")
    args = ["check", str(post), "--report-dir", "out", "--format", "json", "--no-store"]
    child = run_citecheck(args, tmp_path)
    assert child.returncode in (0, 1), child.stderr
    assert "Traceback" not in child.stderr and "internal error" not in child.stderr
    warnings = [line for line in child.stderr.splitlines() if "NO_PROXY" in line]
    assert warnings == [
        "citecheck: warning: NO_PROXY entry 'xn--zz' is not a host name or address; ignored"
    ]
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert len([c for d in report["documents"] for c in d["citations"]]) == 2
    assert proxy.requests >= 2  # the proxy was used for the cited hosts


def _ipv6_loopback() -> bool:
    try:
        socket.create_server(("::1", 0), family=socket.AF_INET6).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _ipv6_loopback(), reason="no IPv6 loopback here")
@pytest.mark.parametrize("entry", ["::1", "[::1]", "[::1]:8080"])
def test_an_ipv6_entry_sends_that_address_direct(
    proxy: OneAnswerServer, monkeypatch: pytest.MonkeyPatch, entry: str
) -> None:
    """``::1`` was read as the host before its first colon (``""``, ``[``): the address still
    went through the proxy, which answered for it (here 502)."""
    body = b"<title>direct</title>"
    page = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n"
    site = OneAnswerServer(page + f"Content-Length: {len(body)}\r\n\r\n".encode() + body, "::1")
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
    monkeypatch.setenv("NO_PROXY", entry)

    async def go() -> FetchResult:
        config = Config().with_(retries=0, allow_private=True)
        async with HttpFetcher(config, version="test") as fetcher:
            return await fetcher.get(f"http://[::1]:{site.port}/page")

    try:
        result = asyncio.run(go())
    finally:
        site.close()
    assert (proxy.requests, site.requests) == (0, 1), result
    assert result.status_code == 200
