"""A cancelled run does not wait for the judgement under way (session 18).

``JudgeThread.close`` joined the judging thread without a bound, so a Ctrl-C (``asyncio.run``
cancels the main task, ``Run`` closes the thread on its way out) waited for a judgement however
long it took.  Now a close whose judgement nobody awaits any more, or made by a task being
cancelled, waits a short grace and abandons it; a normal close still waits.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading

import pytest

import checker.verify.citation as citation_module
from checker.model import Citation, CitationKind, Cited, FetchResult, Outcome
from checker.verify.citation import Judgement, JudgeThread


def _work() -> tuple[Citation, FetchResult]:
    url = "https://example.com/a"
    page = "<html><head><title>A</title></head><body><p>An article.</p></body></html>"
    result = FetchResult(url, Outcome.OK, status_code=200, text=page, final_url=url)
    return Citation(CitationKind.LINK, url, Cited()), result


@pytest.fixture
def endless(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """``_judge`` that blocks until released: a judgement that takes minutes."""
    started, release = threading.Event(), threading.Event()
    real = citation_module._judge

    def slow(citation: Citation, result: FetchResult, sibling: object = None) -> Judgement:
        started.set()
        release.wait(60)
        return real(citation, result, None)

    monkeypatch.setattr(citation_module, "_judge", slow)
    return started, release


def test_a_cancelled_awaiter_is_not_waited_for_and_hears_nothing_later(
    endless: tuple[threading.Event, threading.Event],
) -> None:
    started, release = endless
    finished = threading.Event()

    async def go() -> tuple[asyncio.Future[Judgement], bool, JudgeThread]:
        judge = JudgeThread()
        future = judge.judge(*_work(), None)
        waiter = asyncio.ensure_future(future)
        assert started.wait(30)
        waiter.cancel()  # the run's task awaiting it is cancelled (a Ctrl-C)
        with contextlib.suppress(asyncio.CancelledError):
            await waiter
        judge.close(grace=0.05)
        # close returned while the judgement is still under way: it did not wait for it
        under_way = judge._thread.is_alive() and not release.is_set()
        release.set()
        judge._thread.join(30)
        finished.set()
        await asyncio.sleep(0.05)  # a delivery, if one were scheduled, would run now
        return future, under_way, judge

    try:
        future, under_way, judge = asyncio.run(go())
    finally:
        release.set()
    assert under_way
    assert future.cancelled()
    assert not judge._done  # what it returned later was dropped, not delivered


def test_a_task_being_cancelled_does_not_wait_for_the_judgement_under_way(
    endless: tuple[threading.Event, threading.Event],
) -> None:
    """Run's close on the way out of a cancelled main task: the future is still pending (its
    awaiter is elsewhere), but the closing task is being cancelled."""
    started, release = endless

    async def go() -> tuple[asyncio.Future[Judgement], bool]:
        judge = JudgeThread()
        future = judge.judge(*_work(), None)
        assert started.wait(30)
        states: list[bool] = []

        async def run() -> None:
            try:
                await asyncio.sleep(3600)
            finally:
                judge.close(grace=0.05)
                states.append(judge._thread.is_alive() and not release.is_set())

        task = asyncio.create_task(run())
        await asyncio.sleep(0)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        release.set()
        judge._thread.join(30)
        return future, states[0]

    try:
        future, under_way = asyncio.run(go())
    finally:
        release.set()
    assert under_way
    assert future.cancelled()


def test_a_normal_close_waits_for_a_judgement_still_awaited(
    endless: tuple[threading.Event, threading.Event],
) -> None:
    started, release = endless

    async def go() -> tuple[asyncio.Future[Judgement], bool]:
        judge = JudgeThread()
        future = judge.judge(*_work(), None)
        assert started.wait(30)
        threading.Timer(0.2, release.set).start()  # longer than the grace
        judge.close(grace=0.01)
        done = not judge._thread.is_alive()
        await asyncio.sleep(0)
        return future, done

    future, done = asyncio.run(go())
    assert done
    assert isinstance(future.result(), Judgement)
