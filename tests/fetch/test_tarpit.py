"""A host that never answers: the run gives up on it instead of paying the deadline per URL."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.config import DEFAULT_PER_HOST_CONCURRENCY, Config, ConnectTo
from checker.fetch.politeness import GIVE_UP_AFTER
from checker.model import Outcome
from checker.sampleweb import SampleWeb
from checker.sampleweb.server import Web
from tests.fetch.hostile_web import Tarpit
from tests.fetch.support import config_for, fetch_counting, run_citecheck

TARPIT = "http://tarpit.example.com"
URLS = [f"{TARPIT}/article/{n}" for n in range(12)]
SENT_AT_MOST = DEFAULT_PER_HOST_CONCURRENCY + GIVE_UP_AFTER - 1
"""Requests a tarpit gets: a first one in each of its lanes, and the retries the first timeouts
start before the bar is reached (6 at 4 lanes a host, 10 at the default 8)."""


@pytest.fixture
def tarpit() -> Iterator[Tarpit]:
    with Tarpit() as running:
        yield running


def _config(tarpit: Tarpit, *, retries: int = 2) -> Config:
    rule = ConnectTo.parse(f"tarpit.example.com:80:127.0.0.1:{tarpit.port}")
    return Config().with_(connect_to=(rule,), timeout=0.3, retries=retries, retry_backoff=0.01)


def test_the_run_gives_up_on_a_tarpit_after_a_few_timeouts(tarpit: Tarpit) -> None:
    results, requests = fetch_counting(_config(tarpit), URLS)
    assert {r.outcome for r in results} == {Outcome.TIMEOUT}
    given_up = [r for r in results if r.error and "gave up on tarpit.example.com" in r.error]
    # without the breaker: 12 URLs x 3 tries = 36 requests, each waiting out its timeout
    # every URL that got no request of its own was given up on; which of the first ones were
    # still in flight when the bar was reached depends on scheduling (a loaded CI machine)
    assert requests <= SENT_AT_MOST
    assert len(given_up) >= len(URLS) - SENT_AT_MOST
    assert tarpit.accepted == requests


def test_fewer_timeouts_than_the_bar_do_not_give_up(tarpit: Tarpit) -> None:
    # near miss: one try per URL, and one URL fewer than the bar
    results, requests = fetch_counting(_config(tarpit, retries=0), URLS[: GIVE_UP_AFTER - 1])
    assert requests == GIVE_UP_AFTER - 1
    assert not any("gave up" in (r.error or "") for r in results)


def test_given_up_citations_are_reported_unreachable_with_the_reason(
    tarpit: Tarpit, tmp_path: Path
) -> None:
    links = "\n".join(f'<p><a href="{url}">source</a></p>' for url in URLS)
    post = tmp_path / "post.html"
    post.write_text(f"<html><head><title>Tarpit</title></head><body>{links}</body></html>")
    (tmp_path / "citecheck.toml").write_text('archive = "off"\n')
    with SampleWeb(Web()) as site:
        args = ["check", str(post), "--report-dir", str(tmp_path / "out"), "--format", "json"]
        args += ["--no-store", "--timeout", "0.3", "--cacert", str(site.ca_path)]
        args += ["--connect-to", f"tarpit.example.com:80:127.0.0.1:{tarpit.port}"]
        child = run_citecheck(args, tmp_path)
    assert "Traceback" not in child.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    citations = [c for d in report["documents"] for c in d["citations"]]
    assert {c["status"] for c in citations} == {"unreachable"}
    messages = [f["message"] for c in citations for f in c["findings"]]
    given_up = sum("gave up on tarpit.example.com" in m for m in messages)
    assert given_up >= len(URLS) - SENT_AT_MOST


def test_a_healthy_host_beside_the_tarpit_is_unaffected(tarpit: Tarpit) -> None:
    web = Web()
    web.page("https://news.example.com/ok", "<title>fine</title>")
    with SampleWeb(web) as site:
        rule = ConnectTo.parse(f"tarpit.example.com:80:127.0.0.1:{tarpit.port}")
        base = config_for(site, timeout=0.3, retry_backoff=0.01)
        config = base.with_(connect_to=(rule, *base.fetch.connect_to))
        results, _ = fetch_counting(config, [*URLS, "https://news.example.com/ok"])
    assert results[-1].status_code == 200
