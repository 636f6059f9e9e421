"""The event loop a run checks on (checker/fetch/loop.py): uvloop's where it is installed.

Against the fixture web (real HTTP and TLS servers on loopback, ``--connect-to``): the fetch
path's streams work on uvloop's transports, a check runs on uvloop, and its verdicts are the
ones asyncio's loop gives.  Without uvloop the run is the same run on asyncio's loop.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import checker.fetch.loop
import checker.run
from checker.config import Config
from checker.fetch.loop import SWITCH_INTERVAL, loop_factory, run_loop
from checker.model import CheckedCitation, Citation, Outcome, Report
from checker.pipeline import check
from checker.sampleweb import SampleWeb, Web
from tests.fetch.support import config_for, fetch

uvloop = pytest.importorskip("uvloop")

SITE = "https://news.example.com"
PLAIN = "http://plain.example.org"


def _web() -> Web:
    web = Web()
    article = "<p>" + "A long article body. " * 40 + "</p>"
    web.page(f"{SITE}/ok", f"<html><head><title>OK</title></head><body>{article}</body></html>")
    web.page(f"{SITE}/gone", "<html><title>Not here</title></html>", status=404)
    web.redirect(f"{SITE}/old", "/ok", status=301)
    web.page(f"{PLAIN}/page", "<html><title>plain http</title><body>plain</body></html>")
    return web


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    with SampleWeb(_web()) as web:
        yield web


@pytest.fixture
def config(site: SampleWeb, tmp_path: Path) -> Config:
    return config_for(
        site, store=None, archive="off", report_dir=tmp_path / "reports", retries=0, timeout=5.0
    )


@pytest.fixture
def on_uvloop() -> Iterator[None]:
    """``asyncio.run`` (the fetch helpers') on uvloop's loop, for this test alone."""
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    try:
        yield
    finally:
        asyncio.set_event_loop_policy(None)


@pytest.mark.usefixtures("on_uvloop")
def test_the_fetch_path_reads_answers_over_uvloop_transports(config: Config) -> None:
    # uvloop's transports do not derive from asyncio.Transport: the stream layer took them
    # for a protocol error (an isinstance assert in connection_made and after start_tls)
    ok, gone, moved, plain = fetch(
        config, f"{SITE}/ok", f"{SITE}/gone", f"{SITE}/old", f"{PLAIN}/page"
    )
    assert (ok.outcome, ok.status_code) == (Outcome.OK, 200)  # TLS
    assert ok.text is not None and "<title>OK</title>" in ok.text
    assert (gone.outcome, gone.status_code) == (Outcome.OK, 404)
    assert (moved.status_code, moved.final_url) == (200, f"{SITE}/ok")
    assert (plain.outcome, plain.status_code) == (Outcome.OK, 200)  # plain HTTP


def _post(folder: Path) -> Path:
    post = folder / "post.md"
    links = "".join(f"- [a source]({url})\n" for url in (f"{SITE}/ok", f"{SITE}/gone"))
    post.write_text(f"# Sources\n\n{links}- [moved]({SITE}/old)\n", encoding="utf-8")
    return post


def _check(config: Config, folder: Path) -> tuple[Report, list[type[asyncio.AbstractEventLoop]]]:
    loops: list[type[asyncio.AbstractEventLoop]] = []
    report = check(
        [str(_post(folder))],
        config,
        on_discovered=lambda: loops.append(type(asyncio.get_running_loop())),
    )
    return report, loops


def _verdicts(report: Report) -> list[tuple[str | None, str, tuple[str, ...]]]:
    return [
        (c.citation.url, c.status.value, tuple(f.code.value for f in c.findings))
        for d in report.documents
        for c in d.citations
    ]


def test_a_check_runs_on_uvloop_with_asyncios_verdicts(
    config: Config, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report, loops = _check(config, tmp_path)
    assert loops and all(issubclass(loop, uvloop.Loop) for loop in loops)
    monkeypatch.setattr(checker.fetch.loop, "LOOPS", ("asyncio",))
    on_asyncio, loops = _check(config, tmp_path)
    assert loops and not any(issubclass(loop, uvloop.Loop) for loop in loops)
    verdicts = _verdicts(report)
    assert [status for _, status, _ in verdicts] == ["ok", "broken", "redirected"]
    assert verdicts == _verdicts(on_asyncio)


def test_without_uvloop_the_run_is_on_asyncios_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "uvloop", None)  # `import uvloop` raises ImportError
    assert loop_factory() is asyncio.new_event_loop

    async def which() -> type[asyncio.AbstractEventLoop]:
        return type(asyncio.get_running_loop())

    assert not issubclass(run_loop(which()), uvloop.Loop)


def test_an_unknown_loop_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown event loop 'trio'"):
        loop_factory(("trio", "asyncio"))


def test_a_run_loop_hands_the_gil_on_within_its_switch_interval_and_restores_the_callers() -> None:
    # A judging or extraction thread busy beside the loop took the GIL at each of the loop's
    # waits for its sockets, and the woken loop waited ~2 intervals for it back: ~10 ms a turn
    # at CPython's 5 ms (issue 19, session 27).
    assert SWITCH_INTERVAL < 0.005
    seen: list[float] = []

    async def record() -> None:
        seen.append(sys.getswitchinterval())

    async def fail() -> None:
        seen.append(sys.getswitchinterval())
        raise KeyError("in the run")

    before = sys.getswitchinterval()
    try:
        run_loop(record())
        assert sys.getswitchinterval() == before
        with pytest.raises(KeyError):
            run_loop(fail())
        assert sys.getswitchinterval() == before
        shorter = SWITCH_INTERVAL / 2  # a caller's own shorter interval is kept
        sys.setswitchinterval(shorter)
        run_loop(record())
        assert sys.getswitchinterval() == pytest.approx(shorter)
    finally:
        sys.setswitchinterval(before)
    assert seen[:2] == [pytest.approx(SWITCH_INTERVAL)] * 2
    assert seen[2] == pytest.approx(SWITCH_INTERVAL / 2)


def test_a_checks_judging_runs_under_the_loops_switch_interval(
    config: Config, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[float] = []
    verify = checker.run.Run.verify

    async def verifying(self: checker.run.Run, citation: Citation) -> CheckedCitation:
        seen.append(sys.getswitchinterval())
        return await verify(self, citation)

    monkeypatch.setattr(checker.run.Run, "verify", verifying)
    before = sys.getswitchinterval()
    report, _ = _check(config, tmp_path)
    assert [status for _, status, _ in _verdicts(report)] == ["ok", "broken", "redirected"]
    assert seen == [pytest.approx(SWITCH_INTERVAL)] * 3
    assert sys.getswitchinterval() == before
