"""SIGTERM with SIGINT ignored (a background job of a non-interactive shell) stops the run from
the loop, between callbacks: raised inside a callback, code that keeps a transport alive could
swallow it (uvloop's TLS read callback did) and the run ended with exit 0 (session 29)."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Iterator

import pytest

from checker.fetch.loop import loop_factory
from checker.run import stops


@pytest.fixture
def sigint_ignored() -> Iterator[None]:
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


async def _swallowing_callback_then_wait() -> bool:
    swallowed = False
    try:  # a callback that catches everything, as a transport's read callback may
        os.kill(os.getpid(), signal.SIGTERM)
        for _ in range(10_000):
            pass
    except KeyboardInterrupt:
        swallowed = True
    await asyncio.sleep(3)
    return swallowed


@pytest.mark.parametrize("loop", ["uvloop", "asyncio"])
def test_sigterm_is_raised_by_the_loop_not_inside_a_callback(
    sigint_ignored: None, loop: str
) -> None:
    runner = asyncio.Runner(loop_factory=loop_factory((loop, "asyncio")))
    try:
        with stops() as seen, pytest.raises(KeyboardInterrupt):
            runner.run(_swallowing_callback_then_wait())
    finally:
        runner.close()
    assert seen.received == [signal.SIGTERM]


def test_sigterm_with_no_loop_running_raises_at_once(sigint_ignored: None) -> None:
    with stops() as seen, pytest.raises(KeyboardInterrupt):
        os.kill(os.getpid(), signal.SIGTERM)
        for _ in range(10_000):
            pass
    assert seen.received == [signal.SIGTERM]
