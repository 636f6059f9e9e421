"""HTTP(S)_PROXY and NO_PROXY are honoured although citecheck brings its own transport."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.config import Config, ConnectTo
from checker.errors import ConfigError
from checker.fetch import HttpFetcher
from checker.model import FetchResult, Outcome
from checker.sampleweb import SampleWeb, Web
from tests.fetch.support import OneAnswerServer, run_citecheck

_VIA_PROXY = b"<title>via proxy</title>"
_PROXY_ANSWER = (
    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n"
    + f"Content-Length: {len(_VIA_PROXY)}\r\n\r\n".encode()
    + _VIA_PROXY
)
"""A forward proxy that answers every request itself."""


@pytest.fixture
def proxy() -> Iterator[OneAnswerServer]:
    server = OneAnswerServer(_PROXY_ANSWER)
    yield server
    server.close()


def _fetch(config: Config, url: str) -> FetchResult:
    async def go() -> FetchResult:
        async with HttpFetcher(config, version="test") as fetcher:
            return await fetcher.get(url)

    return asyncio.run(go())


def test_http_proxy_is_used(proxy: OneAnswerServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
    result = _fetch(Config().with_(retries=0), "http://news.example.org/article?id=7")
    assert result.status_code == 200
    assert result.text == "<title>via proxy</title>"
    assert proxy.lines == ["GET http://news.example.org/article?id=7 HTTP/1.1"]


def test_no_proxy_hosts_go_direct(proxy: OneAnswerServer, monkeypatch: pytest.MonkeyPatch) -> None:
    web = Web()
    web.page("http://direct.example.org/page", "<title>direct</title>")
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
    monkeypatch.setenv("NO_PROXY", "localhost,.example.org")
    with SampleWeb(web) as site:
        rules = tuple(ConnectTo.parse(r) for r in site.connect_to())
        result = _fetch(
            Config().with_(retries=0, connect_to=rules), "http://direct.example.org/page"
        )
    assert result.text is not None and "direct" in result.text
    assert proxy.lines == []


@pytest.mark.parametrize(
    "proxy",
    ["http://[::1", "socks5://127.0.0.1:1080", "http://127.0.0.1:99999", "ftp://proxy", "http://"],
)
def test_an_unusable_proxy_variable_is_a_config_error(
    monkeypatch: pytest.MonkeyPatch, proxy: str
) -> None:
    """A bad HTTPS_PROXY made every citation an internal error; it is the environment's fault."""
    monkeypatch.setenv("HTTPS_PROXY", proxy)
    with pytest.raises(ConfigError, match="HTTPS_PROXY"):
        HttpFetcher(Config().with_(retries=0), version="test")


def _closed_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as server:
        return int(server.getsockname()[1])


@pytest.mark.parametrize("where", ["refused", "no such name"])
def test_a_proxy_that_cannot_be_reached_is_the_network_not_the_source(
    monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """Behind a proxy citecheck connects only to the proxy: its failure condemns no source."""
    proxy = (
        f"http://127.0.0.1:{_closed_port()}" if where == "refused" else "http://proxy.invalid:3128"
    )
    monkeypatch.setenv("HTTP_PROXY", proxy)

    async def go() -> tuple[FetchResult, str | None]:
        async with HttpFetcher(Config().with_(retries=0), version="test") as fetcher:
            result = await fetcher.get("http://news.example.org/article")
            return result, fetcher.network_unavailable

    result, unavailable = asyncio.run(go())
    assert result.outcome is Outcome.NETWORK
    assert result.error is not None and "the proxy" in result.error
    assert unavailable is not None and "cannot be reached" in unavailable
    assert result.failure_streak == 0  # no strike against the source


def test_a_run_behind_an_unreachable_proxy_fails_once_at_run_level(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    links = "".join(
        f'<p><a href="http://news.example.org/{n}">source {n}</a></p>' for n in range(3)
    )
    post = tmp_path / "post.html"
    post.write_text(f"<html><head><title>P</title></head><body>{links}</body></html>")
    (tmp_path / "citecheck.toml").write_text('archive = "off"\nretries = 0\n')
    monkeypatch.setenv("HTTP_PROXY", f"http://user:secret@127.0.0.1:{_closed_port()}")
    args = ["check", str(post), "--report-dir", "out", "--format", "json", "--no-store"]
    child = run_citecheck(args, tmp_path)
    assert child.returncode == 1, child.stderr
    assert "Traceback" not in child.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    citations = [c for d in report["documents"] for c in d["citations"]]
    assert len(citations) == 3
    assert all(c["status"] != "broken" for c in citations)  # no source is condemned
    problems = [p["message"] for p in report["problems"]]
    assert any("network unavailable" in m and "the proxy" in m for m in problems), problems
    assert "secret" not in json.dumps(report)
