"""The same run on a Dask LocalCluster (issue 15): the report is the local run's."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest
from distributed import Client
from warcio.archiveiterator import ArchiveIterator

from checker.cli import main
from checker.config import Config, HostConfig, load_config
from checker.dask_executor import (
    DaskExecutor,
    local_cluster,
    on,
    shared_pace,
    shared_slots,
    site_of,
)
from checker.errors import ConfigError
from checker.executor import Sink
from checker.fetch.warc import EVIDENCE_FILE
from checker.model import ProgressEvent, ProgressKind, Report, Status
from checker.pipeline import check
from checker.redact import redact_url
from checker.report import build_document
from checker.run import Run
from checker.sampleweb import Request, Response, SampleWeb, Web
from checker.sampleweb.demo_web import (
    DEMO_BLOG_URL,
    DEMO_LIVE_POST_URL,
    DEMO_PLATFORMS_POST_URL,
    demo_web,
)
from tests.fixtureweb.archive_web import add_save_page_now, add_wayback

INPUTS = [DEMO_BLOG_URL, DEMO_LIVE_POST_URL, DEMO_PLATFORMS_POST_URL]


def test_a_site_is_its_registered_domain_whatever_its_host() -> None:
    assert site_of("https://news.bbc.co.uk/a") == site_of("https://www.bbc.co.uk/b") == "bbc.co.uk"
    assert site_of("https://a.example.com/") != site_of("https://a.example.org/")
    assert site_of(None) == ""
    assert site_of("http://[bad") == ""


def test_each_worker_gets_its_share_of_a_shared_hosts_pace() -> None:
    config = load_config(overrides={"hosts": {"web.archive.org": {"interval": 0.25}}})
    config = config.with_(per_host_concurrency=4)
    shared = shared_pace(config, 2).politeness.hosts
    assert shared["web.archive.org"] == HostConfig(concurrency=2, interval=0.5)
    assert shared["publish.twitter.com"] == HostConfig(concurrency=2, interval=0.0)
    assert shared_pace(config, 8).politeness.hosts["web.archive.org"] == HostConfig(1, 2.0)
    assert "example.com" not in shared
    assert shared_pace(config, 3).archive.save_interval == 3 * config.archive.save_interval
    assert shared_pace(config, 1) is config


def test_a_shared_hosts_cluster_wide_slots_are_what_one_run_would_have() -> None:
    config = load_config(overrides={"hosts": {"web.archive.org": {"concurrency": 1}}})
    slots = shared_slots(config.with_(per_host_concurrency=3))
    assert slots["web.archive.org"] == 1
    assert slots["publish.twitter.com"] == 3


def test_a_cluster_spec_other_than_local_n_is_bad_input() -> None:
    for spec in ("local", "local:0", "remote:2", "local:x"):
        with pytest.raises(ConfigError), local_cluster(spec):
            pass


@pytest.fixture(scope="module")
def web() -> Iterator[SampleWeb]:
    """The demo's web, served for every cluster test of the module."""
    with SampleWeb(demo_web()) as site:
        yield site


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """One LocalCluster of 2 worker processes for the module: starting one costs ~15 s."""
    with local_cluster("local:2") as started:
        yield started


def _config(web: SampleWeb, folder: Path, **overrides: object) -> Config:
    values: dict[str, object] = {
        "report_dir": folder,
        "connect_to": list(web.connect_to()),
        "cacert": web.ca_path,
        "store": False,
        "baseline": False,
        "ignore_file": False,
    }
    return load_config(overrides={**values, **overrides})


def _same_report(distributed: Report, local: Report) -> None:
    assert sum(len(d.citations) for d in local.documents) > 20
    assert distributed.documents == local.documents
    assert distributed.problems == local.problems
    assert distributed.inputs == local.inputs


@pytest.mark.slow
def test_a_local_cluster_of_two_workers_reports_what_a_local_run_does(
    tmp_path: Path, web: SampleWeb, client: Client
) -> None:
    config = _config(web, tmp_path)
    local = check(INPUTS, config)
    executors: list[DaskExecutor] = []
    distributed = check(INPUTS, config, executor=_kept(on(client, batch_size=3), executors))
    _same_report(distributed, local)
    (executor,) = executors
    assert executor.batches > 2  # streamed in batches, not one shard per worker at the end


@pytest.mark.slow
def test_a_later_local_run_reuses_what_the_workers_stored(
    tmp_path: Path, web: SampleWeb, client: Client
) -> None:
    config = _config(web, tmp_path, store=tmp_path / "store.sqlite3")
    distributed = check(INPUTS, config, executor=on(client, batch_size=3))
    good = {
        c.citation.url
        for d in distributed.documents
        for c in d.citations
        if c.status is Status.OK and c.citation.url is not None
    }
    assert len(good) > 5
    before = len(web.requests)
    local = check(INPUTS, config)
    asked = {url for _, url in web.requests[before:]}
    assert not good & asked
    assert local.documents == distributed.documents
    assert not list(tmp_path.glob("store.sqlite3.worker-*"))  # merged, then removed


@pytest.mark.slow
def test_a_worker_killed_mid_run_loses_nothing_and_checks_nothing_twice(
    tmp_path: Path, web: SampleWeb, client: Client
) -> None:
    config = _config(web, tmp_path)
    local = check(INPUTS, config)
    pids: dict[str, int] = client.run(os.getpid)
    executors: list[DaskExecutor] = []
    killed: list[str] = []

    def kill_one(event: ProgressEvent) -> None:
        """At the first verdict, kill a worker with batches still under way."""
        if killed or event.kind is not ProgressKind.CHECKED:
            return
        busy = executors[0].busy_workers()
        if busy:
            killed.append(busy[0])
            os.kill(pids[busy[0]], signal.SIGKILL)

    factory = _kept(on(client, batch_size=2), executors)
    distributed = check(INPUTS, config, executor=factory, progress=kill_one)
    assert killed
    assert executors[0].resent > 0
    _same_report(distributed, local)


class _Peaks:
    """Counts requests under way per host at the fixture server, and the most seen at once."""

    def __init__(self, hold: float) -> None:
        self._hold = hold
        self._lock = threading.Lock()
        self._now: Counter[str] = Counter()
        self.peak: Counter[str] = Counter()

    def __call__(self, request: Request) -> Response:
        with self._lock:
            self._now[request.host] += 1
            self.peak[request.host] = max(self.peak[request.host], self._now[request.host])
        time.sleep(self._hold)  # long enough for requests to overlap if the limit allowed it
        with self._lock:
            self._now[request.host] -= 1
        page = f"<html><head><title>{request.path}</title></head><body><p>A source.</p></body>"
        return Response(200, (("Content-Type", "text/html; charset=utf-8"),), page.encode())


@pytest.mark.slow
def test_no_host_sees_more_requests_at_once_than_its_limit_across_workers(
    tmp_path: Path, client: Client
) -> None:
    hosts = ["hot.example.com", "www.hot.example.com", "cold.example.org", "cool.example.net"]
    peaks = _Peaks(hold=0.05)
    sources = Web()
    for host in hosts:
        sources.fallback(host, peaks)
    links = [f"https://{host}/{n}" for host in hosts for n in range(24 if "hot" in host else 4)]
    post = tmp_path / "post.md"
    post.write_text("".join(f"[s{n}]({url})\n" for n, url in enumerate(links)), encoding="utf-8")
    with SampleWeb(sources) as web:
        config = _config(web, tmp_path, per_host_concurrency=2)
        report = check([str(post)], config, executor=on(client, batch_size=3))
    assert sum(len(d.citations) for d in report.documents) == len(links)
    assert peaks.peak["hot.example.com"] == 2  # the limit was reached: the test can see it
    assert max(peaks.peak.values()) <= 2


def _kept(
    factory: Callable[[Run, Sink], DaskExecutor], into: list[DaskExecutor]
) -> Callable[[Run, Sink], DaskExecutor]:
    def make(run: Run, sink: Sink) -> DaskExecutor:
        into.append(factory(run, sink))
        return into[-1]

    return make


@pytest.mark.parametrize(
    "extra",
    [
        ["--cluster", "remote:2"],
        ["--cluster", "local:2", "--scheduler", "tcp://127.0.0.1:1"],
        ["--scheduler", "http://127.0.0.1:8786"],
        pytest.param(["--scheduler", "tcp://127.0.0.1:1"], marks=pytest.mark.slow),  # 10 s
    ],
)
def test_the_cli_refuses_a_bad_cluster_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str]
) -> None:
    post = tmp_path / "post.md"
    post.write_text("[a](https://example.com/a)\n", encoding="utf-8")
    args = ["check", str(post), "--no-store", "--report-dir", str(tmp_path / "out"), *extra]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("citecheck: error: ") and err.count("\n") == 1


def _dead_sources_post(folder: Path, sites: int, each: int) -> tuple[Path, Web, int]:
    """A post citing ``each`` dead pages on each of ``sites`` sites (spread over the workers)."""
    sources = Web()
    links = []
    for n in range(sites):
        host = f"www.site{n}.example"
        sources.fallback(host, Response(404, (("Content-Type", "text/html"),), b"gone"))
        links += [f"https://{host}/gone/{k}" for k in range(each)]
    post = folder / "post.md"
    post.write_text("".join(f"[s{n}]({url})\n" for n, url in enumerate(links)), encoding="utf-8")
    return post, sources, len(links)


_ARCHIVE_HOSTS = ("archive.org", "web.archive.org")


@pytest.mark.slow
def test_a_host_every_worker_asks_sees_no_more_requests_at_once_than_its_limit(
    tmp_path: Path, client: Client
) -> None:
    post, sources, dead = _dead_sources_post(tmp_path, sites=8, each=3)
    peaks = _Peaks(hold=0.05)
    for host in _ARCHIVE_HOSTS:
        sources.fallback(host, peaks)
    one_at_a_time = {host: {"concurrency": 1, "interval": 0} for host in _ARCHIVE_HOSTS}
    with SampleWeb(sources) as web:
        config = _config(web, tmp_path, hosts=one_at_a_time, per_host_concurrency=4)
        report = check([str(post)], config, executor=on(client, batch_size=2))
    assert sum(len(d.citations) for d in report.documents) == dead
    assert peaks.peak["archive.org"] == 1  # asked, by both workers (one slot each, before)
    assert max(peaks.peak[host] for host in _ARCHIVE_HOSTS) <= 1


def _archive_down_for(site: str, hold: float) -> Callable[[Request], Response]:
    """The archive: failing (500) every question about ``site``, slowly finding nothing else."""

    def answer(request: Request) -> Response:
        if site in request.path:
            return Response(500, (("Content-Type", "text/plain"),), b"down")
        time.sleep(hold)  # the other worker's lookups are still under way when the breaker opens
        empty = b"[]" if request.path.startswith("/cdx") else b'{"archived_snapshots": {}}'
        return Response(200, (("Content-Type", "application/json"),), empty)

    return answer


@pytest.mark.slow
def test_the_archive_breaker_one_worker_opens_is_open_for_every_worker(
    tmp_path: Path, client: Client
) -> None:
    post, sources, _ = _dead_sources_post(tmp_path, sites=4, each=3)
    down = "www.site0.example"  # only its lookups fail: only its worker opens its own breaker
    for host in _ARCHIVE_HOSTS:
        sources.fallback(host, _archive_down_for(down, hold=1.0))
    executors: list[DaskExecutor] = []
    with SampleWeb(sources) as web:
        config = _config(web, tmp_path, retries=0, archive_failures=2, archive_timeout=10)
        report = check([str(post)], config, executor=_kept(on(client, batch_size=2), executors))
    pinned = executors[0].pinned()
    others = [
        c
        for d in report.documents
        for c in d.citations
        if pinned[site_of(c.citation.url)] != pinned[site_of(f"https://{down}/")]
    ]
    assert others  # the other worker checked some of the dead sources
    told = [c for c in others if c.note and "archive" in c.note]
    assert told  # its lookups were cut short: it never saw a failure itself
    (problem,) = report.problems
    assert problem.finding.message.startswith("archive unavailable: ")
    assert "2 failed answers in a row" in problem.finding.message


@pytest.mark.slow
def test_a_slow_archive_gets_the_archive_budget_run_wide_then_the_lookups_are_not_made(
    tmp_path: Path, client: Client
) -> None:
    """A worker's batch waits for its lookups: without the driver's budget, a slow archive at
    its polite pace held the cluster's run until every lookup was made (issue 19)."""
    post, sources, dead = _dead_sources_post(tmp_path, sites=4, each=3)
    json = (("Content-Type", "application/json"),)
    sources.fallback("archive.org", Response(200, json, b"{}", delay=2.0))
    sources.fallback("web.archive.org", Response(200, json, b"[]", delay=2.0))
    executors: list[DaskExecutor] = []
    with SampleWeb(sources) as web:
        config = _config(web, tmp_path, archive_budget=1)
        report = check([str(post)], config, executor=_kept(on(client, batch_size=2), executors))
        asked = [u for _, u in web.requests if u.split("/")[2] in _ARCHIVE_HOSTS]
    verdicts = [c for d in report.documents for c in d.citations]
    assert len(verdicts) == dead
    assert all(c.status is Status.BROKEN for c in verdicts)
    assert len(set(executors[0].pinned().values())) == 2  # both workers had lookups
    assert len(asked) < 2 * dead  # in full: availability, then CDX, for each
    (problem,) = report.problems
    message = problem.finding.message
    count = int(message.removeprefix("archive unavailable: ").split()[0])
    assert 0 < count <= dead
    assert message.endswith("(still waiting 1 s after the last verdict: archive_budget)")
    assert sum("archive is unavailable" in (c.note or "") for c in verdicts) == count


@pytest.mark.slow
def test_the_save_budget_holds_for_the_whole_cluster(tmp_path: Path, client: Client) -> None:
    sources = Web()
    live = [f"https://www.site{n}.example/page/{k}" for n in range(4) for k in range(2)]
    for url in live:
        sources.page(url, "<html><head><title>A page</title></head><body>Text.</body></html>")
    add_wayback(sources, {})
    add_save_page_now(sources, live, timestamp="20260101120000")
    post = tmp_path / "post.md"
    post.write_text("".join(f"[A page]({url})\n" for url in live), encoding="utf-8")
    with SampleWeb(sources) as web:
        config = _config(web, tmp_path, save=True, save_limit=2, save_interval=0, archive="off")
        report = check([str(post)], config, executor=on(client, batch_size=1))
        saves = sum(web.count(f"https://web.archive.org/save/{url}") for url in live)
    assert len({site_of(url) for url in live}) == 4  # over both workers
    assert saves == 2
    notes = [c.note for d in report.documents for c in d.citations]
    assert notes.count("not saved: the limit of 2 saves per run") == len(live) - 2


def _responses(folder: Path, files: Sequence[str]) -> tuple[Counter[str], dict[str, str]]:
    """The response records of ``files``: how many per URL, and each record id's file."""
    uris: Counter[str] = Counter()
    where: dict[str, str] = {}
    for name in files:
        with (folder / name).open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "response":
                    uris[record.rec_headers.get_header("WARC-Target-URI")] += 1
                    where[record.rec_headers.get_header("WARC-Record-ID")] = name
    return uris, where


@pytest.mark.slow
def test_each_worker_writes_a_warc_file_and_the_report_lists_every_one(
    tmp_path: Path, web: SampleWeb, client: Client
) -> None:
    local = check(INPUTS, _config(web, tmp_path / "local", warc=True))
    assert build_document(local, config=Config())["warc_files"] == [EVIDENCE_FILE]
    folder = tmp_path / "cluster"
    config = _config(web, folder, warc=True)
    before = len(web.requests)
    distributed = check(INPUTS, config, executor=on(client, batch_size=3))
    asked = Counter(redact_url(url) for _, url in web.requests[before:])
    files = build_document(distributed, config=config)["warc_files"]
    assert files[0] == EVIDENCE_FILE  # the driver's: discovery's requests
    assert len(files) == 3 and all(f.startswith("workers/") for f in files[1:])
    uris, where = _responses(folder, files)
    assert set(uris) == set(asked)
    assert max(uris.values()) == 1  # every URL fetched once, kept once, in one file
    citations = [c for d in distributed.documents for c in d.citations]
    evidence = [c for c in citations if c.warc_record_id is not None]
    assert len(evidence) > 10
    for checked in evidence:
        assert where[checked.warc_record_id or ""] == (checked.warc_file or EVIDENCE_FILE)
