"""Probe of ``fetch.loop.run_loop``'s GIL switch interval (session 27): a library user runs
citecheck's loop on several threads at once, or inside an event loop of their own.

Whatever order the loops end in, the caller's interval is back once no loop runs: two loops
that overlapped restored each other's 1 ms, and the process kept it for good.
"""

from __future__ import annotations

import asyncio
import sys
import threading
from collections.abc import Iterator

import pytest

from checker.fetch.loop import SWITCH_INTERVAL, run_loop

USERS = 0.004
"""A library user's own interval (longer than the loop's, so run_loop shortens it)."""


@pytest.fixture
def users_interval() -> Iterator[None]:
    before = sys.getswitchinterval()
    sys.setswitchinterval(USERS)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def test_two_loops_on_threads_that_end_out_of_order_give_the_users_interval_back(
    users_interval: None,
) -> None:
    first_running, second_running, first_done = (threading.Event() for _ in range(3))
    seen: dict[str, float] = {}

    async def first() -> None:
        first_running.set()
        await asyncio.to_thread(second_running.wait, 5)

    async def second() -> None:
        await asyncio.to_thread(first_running.wait, 5)
        second_running.set()
        await asyncio.to_thread(first_done.wait, 5)  # ends after the first
        seen["second"] = sys.getswitchinterval()

    def run_first() -> None:
        run_loop(first())
        first_done.set()

    threads = [
        threading.Thread(target=run_first),
        threading.Thread(target=run_loop, args=(second(),)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert seen["second"] == pytest.approx(SWITCH_INTERVAL)  # still running: still short
    assert sys.getswitchinterval() == pytest.approx(USERS)


def test_a_run_loop_called_inside_a_running_loop_raises_and_keeps_the_users_interval(
    users_interval: None,
) -> None:
    async def inner() -> int:
        return 1

    async def outer() -> None:
        coroutine = inner()
        with pytest.raises(RuntimeError):
            run_loop(coroutine)
        coroutine.close()

    asyncio.run(outer())
    assert sys.getswitchinterval() == pytest.approx(USERS)


def test_a_loop_run_while_another_threads_loop_runs_keeps_it_short_until_both_end(
    users_interval: None,
) -> None:
    started, release = threading.Event(), threading.Event()

    async def long() -> None:
        started.set()
        await asyncio.to_thread(release.wait, 5)

    thread = threading.Thread(target=run_loop, args=(long(),))
    thread.start()
    assert started.wait(5)

    async def short() -> float:
        return sys.getswitchinterval()

    assert run_loop(short()) == pytest.approx(SWITCH_INTERVAL)
    assert sys.getswitchinterval() == pytest.approx(SWITCH_INTERVAL)  # the other still runs
    release.set()
    thread.join(10)
    assert sys.getswitchinterval() == pytest.approx(USERS)
