"""An archive that is down, over its rate limit or slow never holds a run hostage (issue 19).

A post cites dead sources on the fixture web; the fixture Wayback Machine answers 502, 429, slowly
or well.  The requests the archive received are counted at the server.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, cast
from urllib.parse import unquote

import pytest

from checker.config import Config, ConnectTo, HostConfig
from checker.findings import Code, Severity
from checker.model import ProgressEvent, ProgressKind, Report, Status
from checker.pipeline import check
from checker.report.document import failing
from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Handler, Request, Response
from checker.verify.breaker import archive_lanes, paced
from tests.fixtureweb.archive_web import Capture, add_wayback

_HTML = ("Content-Type", "text/html; charset=utf-8")
_JSON = ("Content-Type", "application/json")
DEAD = tuple(f"https://news{i % 3}.example.org/2024/story-{i}.html" for i in range(12))
ARCHIVE_HOSTS = ("archive.org", "web.archive.org")
TITLE = "Cabinet resigns after budget defeat"


def _page(title: str) -> str:
    body = "A long article body. " * 40
    head = f"<head><title>{title}</title></head>"
    return f"<html>{head}<body><h1>{title}</h1><p>{body}</p></body></html>"


def _web(archive: Callable[[Web], None], dead: tuple[str, ...] = DEAD) -> Web:
    web = Web()
    for url in dead:
        web.add(url, Response(404, (_HTML,), b"<html><title>Not found</title>Gone.</html>"))
    archive(web)
    return web


def _answering(status: int, delay: float = 0.0) -> Callable[[Web], None]:
    def add(web: Web) -> None:
        for host in ARCHIVE_HOSTS:
            web.fallback(host, Response(status, (_HTML,), b"<html>no</html>", delay=delay))

    return add


def _slow_and_empty(web: Web) -> None:
    web.fallback("archive.org", Response(200, (_JSON,), b"{}", delay=1.0))
    web.fallback("web.archive.org", Response(200, (_JSON,), b"[]", delay=1.0))


def _post(folder: Path, dead: tuple[str, ...] = DEAD) -> Path:
    post = folder / "post.md"
    links = "".join(f"- [{TITLE}]({url})\n" for url in dead)
    post.write_text(f"# Sources\n\n{links}", encoding="utf-8")
    return post


def _is_archive(url: str) -> bool:
    return url.split("://", 1)[1].split("/", 1)[0].split(":", 1)[0] in ARCHIVE_HOSTS


def _run(
    web: Web, folder: Path, progress: Any = None, dead: tuple[str, ...] = DEAD, **changes: Any
) -> tuple[Report, list[str], Config]:
    """The report, the archive requests the server received, and the config used."""
    with SampleWeb(web) as site:
        settings: dict[str, Any] = {
            "connect_to": tuple(ConnectTo.parse(rule) for rule in site.connect_to()),
            "cacert": site.ca_path,
            "store": None,
            "report_dir": folder / "reports",
            "retry_backoff": 0.01,
        }
        config = Config().with_(**(settings | changes))
        report = check([str(_post(folder, dead))], config, progress=progress)
        asked = [url for _, url in site.requests if _is_archive(url)]
    return report, asked, config


def _archive_problems(report: Report) -> list[str]:
    return [p.finding.message for p in report.problems if "archive" in p.finding.message]


@pytest.mark.parametrize(
    ("status", "retries", "bound"),
    [
        (502, 0, 3 + 3),  # 3 failed answers in a row, and the 3 other lookups then waiting
        (429, 0, 1 + 3),  # one 429 is enough
        (502, 2, 3 * 4),  # each of 4 lookups in flight: a request and its 2 retries at most
    ],
)
def test_an_archive_down_is_asked_a_few_times_and_said_once(
    tmp_path: Path, status: int, retries: int, bound: int
) -> None:
    report, asked, config = _run(_web(_answering(status)), tmp_path, retries=retries)
    verdicts = [c for d in report.documents for c in d.citations]
    assert len(verdicts) == len(DEAD)
    assert all(c.status is Status.BROKEN for c in verdicts)
    assert all(f.archive_url is None for c in verdicts for f in c.findings)
    # lookups at a time: the archive's own 4, not the cited hosts' wider default lanes (8)
    assert archive_lanes(paced(config)) == 4 < config.politeness.per_host_concurrency
    assert len(asked) <= bound  # without the breaker: 12 lookups of 2 questions each, retried
    (message,) = _archive_problems(report)
    assert message.startswith(f"archive unavailable: {len(DEAD)} lookups not made")
    (problem,) = [p for p in report.problems if "archive" in p.finding.message]
    assert problem.finding.code is Code.UNREACHABLE
    assert problem.finding.severity is Severity.INFO
    assert any(c.note and "archive is unavailable" in c.note for c in verdicts)
    # the archive's outage is not the writer's defect: only the dead sources fail the run
    assert failing(report, config)
    assert not config.report.fail_on.fails(problem.finding.code, problem.finding.severity)


def test_a_slow_archive_never_holds_a_verdict_back(tmp_path: Path) -> None:
    """Each dead source's verdict is in before its archive lookup asks anything."""
    dead = DEAD[:4]
    web = _web(_slow_and_empty, dead)
    with SampleWeb(web) as site:
        asked_at_verdict: dict[str, list[str]] = {}

        def progress(event: ProgressEvent) -> None:
            if event.kind is ProgressKind.CHECKED and event.citation is not None:
                url = event.citation.citation.url or ""
                logged = [unquote(u) for _, u in site.requests if _is_archive(u)]
                asked_at_verdict[url] = [u for u in logged if url in u]

        config = Config().with_(
            connect_to=tuple(ConnectTo.parse(rule) for rule in site.connect_to()),
            cacert=site.ca_path,
            store=None,
            report_dir=tmp_path / "reports",
            hosts={host: HostConfig(interval=0.0) for host in ARCHIVE_HOSTS},
        )
        report = check([str(_post(tmp_path, dead))], config, progress=progress)
        asked = [unquote(u) for _, u in site.requests if _is_archive(u)]
    assert set(asked_at_verdict) == set(dead)
    assert all(not before for before in asked_at_verdict.values()), asked_at_verdict
    for url in dead:  # and then each was looked up, slowly, in full: nothing was cut short
        assert sum(url in u for u in asked) == 2  # availability (no date: the latest), then CDX
    assert _archive_problems(report) == []


def test_lookups_still_waiting_past_the_budget_after_the_last_verdict_are_not_made(
    tmp_path: Path,
) -> None:
    """A slow archive asked at its polite pace: once every source has its verdict, the lookups
    get ``archive_budget`` seconds more, then the rest are said not made, once (issue 19: a
    hundred dead sources held a finished run for minutes)."""
    report, asked, _ = _run(_web(_slow_and_empty), tmp_path, archive_budget=1.0)
    verdicts = [c for d in report.documents for c in d.citations]
    assert len(verdicts) == len(DEAD)
    assert all(c.status is Status.BROKEN for c in verdicts)
    assert len(asked) < 2 * len(DEAD)  # in full: availability, then CDX, for each
    (message,) = _archive_problems(report)
    count = int(message.removeprefix("archive unavailable: ").split()[0])
    assert 0 < count <= len(DEAD)
    assert message.endswith("(still waiting 1 s after the last verdict: archive_budget)")


def test_a_healthy_archive_still_gives_copies_and_the_store_keeps_its_answers(
    tmp_path: Path,
) -> None:
    dead = DEAD[:2]
    captures = {url: (Capture("20240101000000", _page(TITLE)),) for url in dead}
    reports: list[Report] = []
    asked: list[list[str]] = []
    with SampleWeb(_web(lambda w: add_wayback(w, captures), dead)) as site:
        config = Config().with_(
            connect_to=tuple(ConnectTo.parse(rule) for rule in site.connect_to()),
            cacert=site.ca_path,
            store=tmp_path / "store.sqlite3",
            report_dir=tmp_path / "reports",
        )
        post = _post(tmp_path, dead)
        for _ in range(2):
            reports.append(check([str(post)], config))
            asked.append([url for _, url in site.requests if _is_archive(url)])
    for report in reports:
        copies = {f.archive_url for d in report.documents for c in d.citations for f in c.findings}
        assert copies == {f"https://web.archive.org/web/20240101000000/{url}" for url in dead}
        assert _archive_problems(report) == []
    assert len(asked[0]) >= 2 * len(dead)  # an availability question and a capture each
    assert asked[1] == asked[0]  # the second run's archive answers all came from the store


def test_lookups_the_archive_failed_are_said_with_a_reason_while_the_breaker_stays_closed(
    tmp_path: Path,
) -> None:
    report, _, _ = _run(_web(_answering(502)), tmp_path, dead=DEAD[:2], archive_failures=50)
    (message,) = _archive_problems(report)
    assert message == (
        "archive unavailable: 2 lookups not made "
        "(the archive failed to answer some of their questions)"
    )


def test_an_archive_down_opens_the_breaker_on_its_first_failed_tries_not_after_retries(
    tmp_path: Path,
) -> None:
    """Each try is counted as it ends (issue 19): the breaker opens on the first three 502s,
    and the lookups in flight send no retry.  Before, it heard of a lookup's failure only after
    its retries and their backoff (0.5 s, then 1 s), while the other lookups in flight each
    retried too: 4 lookups × 3 tries on an unpaced archive host."""
    unpaced = {host: HostConfig(interval=0.0) for host in ARCHIVE_HOSTS}
    report, asked, config = _run(
        _web(_answering(502)), tmp_path, retries=2, retry_backoff=0.5, hosts=unpaced
    )
    # lookups at a time: the archive's own 4, not the cited hosts' wider default lanes (8)
    assert archive_lanes(paced(config)) == 4 < config.politeness.per_host_concurrency
    assert config.archive.failures == 3
    assert len(asked) <= 3 + 3  # the 3 that open it, and at most the 3 others then in flight
    verdicts = [c for d in report.documents for c in d.citations]
    assert all(c.status is Status.BROKEN for c in verdicts)
    (message,) = _archive_problems(report)
    assert message.startswith(f"archive unavailable: {len(DEAD)} lookups not made")
    assert "3 failed answers in a row" in message


@pytest.mark.parametrize("failures", [1, 2])
def test_a_flaky_archive_still_gives_copies(tmp_path: Path, failures: int) -> None:
    """A 502 or two in a row, then good answers: fewer failures than the breaker's streak, each
    retried by the fetcher, so every dead source still gets its verified copy."""
    dead = DEAD[:4]
    captures = {url: (Capture("20240101000000", _page(TITLE)),) for url in dead}

    def flaky(web: Web) -> None:
        wayback = _Routes()
        add_wayback(cast(Web, wayback), captures)
        answered = [0]

        def availability(request: Request) -> Response:
            answered[0] += 1
            if answered[0] <= failures:
                return Response(502, (_HTML,), b"<html>Bad Gateway</html>")
            return wayback.answer("archive.org", request)

        web.fallback("archive.org", availability)
        web.fallback("web.archive.org", wayback.routes["web.archive.org"])

    report, asked, _ = _run(_web(flaky, dead), tmp_path, dead=dead, retries=2)
    copies = {f.archive_url for d in report.documents for c in d.citations for f in c.findings}
    assert copies == {f"https://web.archive.org/web/20240101000000/{url}" for url in dead}
    assert _archive_problems(report) == []
    assert len(asked) >= 2 * len(dead) + failures


class _Routes:
    """Takes the fallbacks a fixture installs, so a test can wrap them."""

    def __init__(self) -> None:
        self.routes: dict[str, Response | Handler] = {}

    def fallback(self, host: str, response: Response | Handler) -> None:
        self.routes[host] = response

    def answer(self, host: str, request: Request) -> Response:
        route = self.routes[host]
        return route if isinstance(route, Response) else route(request)
