"""A run is one object (issue 15): its state is its own, and its units of work are plain data."""

from __future__ import annotations

import asyncio
from pathlib import Path

from checker.config import Config
from checker.executor import Job, Verdict
from checker.findings import Code
from checker.memo import decode, encode
from checker.model import CheckedCitation, Citation, CitationKind, Cited, Finding, Status
from checker.run import Run


def _config(tmp_path: Path, **changes: object) -> Config:
    settings: dict[str, object] = {"store": None, "report_dir": tmp_path, "save": True}
    return Config().with_(**{**settings, **changes})  # type: ignore[arg-type]


def test_two_runs_in_one_process_share_no_state(tmp_path: Path) -> None:
    """No module global holds run state: each run has its own save gate, judge pool, breaker."""

    async def go() -> None:
        async with Run(_config(tmp_path)) as one, Run(_config(tmp_path)) as two:
            assert one.saves is not None and two.saves is not None
            assert one.saves is not two.saves
            assert one.judge is not None and two.judge is not None
            assert one.judge is not two.judge
            assert one.archives.breaker is not two.archives.breaker
            assert one.fetcher is not two.fetcher
            assert one.crashes is not two.crashes

    asyncio.run(go())


def test_closing_a_run_releases_its_parts_even_on_error(tmp_path: Path) -> None:
    class BoomError(Exception):
        pass

    async def go() -> Run:
        current = Run(_config(tmp_path, store=tmp_path / "store.sqlite"))
        try:
            async with current:
                assert current.memo is not None
                judge = current.judge
                raise BoomError
        except BoomError:
            pass
        assert judge is not None
        return current

    closed = asyncio.run(go())
    assert closed.memo is None and closed.judge is None
    try:
        closed.fetcher  # noqa: B018
    except RuntimeError:
        pass
    else:
        raise AssertionError("a closed run still hands out its fetcher")


def test_a_job_and_its_verdict_are_plain_data() -> None:
    """What crosses to a worker process is JSON the memo's codec reads back, never a pickle."""
    citation = Citation(
        CitationKind.SOURCE,
        "https://example.com/a",
        Cited(title="A title", author="A. Writer", date="May 1, 2025", publisher="Example"),
    )
    job = Job(7, citation, "2025-05-02")
    data = encode(job)
    assert data is not None
    assert decode(data, Job) == job
    finding = Finding.of(Code.BROKEN, "the source answers 404")
    verdict = Verdict(7, CheckedCitation(citation, Status.BROKEN, findings=(finding,)), False)
    data = encode(verdict)
    assert data is not None
    assert decode(data, Verdict) == verdict
