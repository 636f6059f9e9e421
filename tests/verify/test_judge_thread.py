"""The run's judging thread hands judgements back to the loop in batches (issue 19, CPU per URL)."""

from __future__ import annotations

import asyncio
import threading
import time

import pytest

import checker.verify.citation as citation_module
from checker.model import Citation, CitationKind, Cited, FetchResult, Outcome
from checker.verify.citation import Judgement, JudgeThread, _judge


def _work(index: int) -> tuple[Citation, FetchResult]:
    url = f"https://example.com/a/{index}"
    page = "<html><head><title>A</title></head><body><p>An article.</p></body></html>"
    result = FetchResult(url, Outcome.OK, status_code=200, text=page, final_url=url)
    return Citation(CitationKind.LINK, url, Cited()), result


def _wait_until(condition: object, limit: float = 30.0) -> None:
    """Poll ``condition`` (a callable) until true; a bound on a broken thread, not a timing."""
    deadline = time.monotonic() + limit
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError("the judging thread never finished")
        time.sleep(0.005)


def test_judgements_finished_while_the_loop_is_busy_wake_it_once() -> None:
    """Fifty judgements done while the loop runs other code come back in one delivery, each
    the judgement the function gives; a thread pool woke the loop once per judgement."""

    async def go() -> tuple[list[Judgement], int]:
        loop = asyncio.get_running_loop()
        wakeups = 0
        original = loop.call_soon_threadsafe

        def counted(*args: object, **kwargs: object) -> asyncio.Handle:
            nonlocal wakeups
            wakeups += 1
            return original(*args, **kwargs)  # type: ignore[arg-type]

        loop.call_soon_threadsafe = counted  # type: ignore[method-assign]
        judge = JudgeThread()
        try:
            work = [_work(i) for i in range(50)]
            futures = [judge.judge(c, r, None) for c, r in work]
            _wait_until(lambda: len(judge._done) == len(work))  # the loop does not run meanwhile
            judged = await asyncio.gather(*futures)
        finally:
            judge.close()
        assert judged == [_judge(c, r, None) for c, r in work]
        return judged, wakeups

    judged, wakeups = asyncio.run(go())
    assert len(judged) == 50
    assert wakeups == 1


def test_an_exception_reaches_its_awaiter_and_the_thread_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = citation_module._judge

    def flaky(citation: Citation, result: FetchResult, sibling: object = None) -> Judgement:
        if citation.url and citation.url.endswith("/1"):
            raise ValueError("a bug in judging")
        if citation.url and citation.url.endswith("/2"):
            raise StopIteration  # a future refuses it as such: it still reaches the awaiter
        return real(citation, result, None)

    monkeypatch.setattr(citation_module, "_judge", flaky)

    async def go() -> list[object]:
        judge = JudgeThread()
        try:
            futures = [judge.judge(*_work(i), None) for i in range(4)]
            return await asyncio.gather(*futures, return_exceptions=True)
        finally:
            judge.close()

    outcomes = asyncio.run(go())
    assert isinstance(outcomes[1], ValueError)
    assert isinstance(outcomes[2], RuntimeError)
    assert isinstance(outcomes[0], Judgement) and isinstance(outcomes[3], Judgement)


def test_closing_cancels_what_has_not_started_and_waits_for_the_one_under_way(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started, release = threading.Event(), threading.Event()
    real = citation_module._judge

    def slow(citation: Citation, result: FetchResult, sibling: object = None) -> Judgement:
        started.set()
        release.wait(30)
        return real(citation, result, None)

    monkeypatch.setattr(citation_module, "_judge", slow)

    async def go() -> tuple[list[asyncio.Future[Judgement]], bool]:
        judge = JudgeThread()
        futures = [judge.judge(*_work(i), None) for i in range(3)]
        started.wait(30)
        threading.Timer(0.05, release.set).start()
        judge.close()  # returns once the first judgement is done
        alive = judge._thread.is_alive()
        with pytest.raises(RuntimeError):
            judge.judge(*_work(9), None)
        return futures, alive

    futures, alive = asyncio.run(go())
    assert not alive
    assert not futures[0].cancelled()
    assert futures[1].cancelled() and futures[2].cancelled()
