"""CPU cost of a piece of work, for "no hang" tests that compare a hostile input with a normal one.

Speed is never asserted in seconds (the house rule): a test times a hostile input and an ordinary
one of the same size on the same machine and bounds the ratio, so a loaded CI box slows both.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["cpu_seconds", "loop_callbacks"]


def cpu_seconds(run: Callable[[], object], *, repeat: int = 3) -> float:
    """The least CPU time of ``repeat`` runs of ``run`` (the least is the least noisy), never 0."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return max(min(times), 1e-4)


@contextmanager
def loop_callbacks() -> Iterator[list[int]]:
    """Count the callbacks the event loop schedules (``call_soon``) inside the block, in the one
    item of the list it yields: a count that does not depend on the machine's speed (issue 19)."""
    count = [0]
    call_soon = asyncio.BaseEventLoop._call_soon  # type: ignore[attr-defined]

    def counted(self: asyncio.BaseEventLoop, *args: Any, **kw: Any) -> Any:
        count[0] += 1
        return call_soon(self, *args, **kw)

    asyncio.BaseEventLoop._call_soon = counted  # type: ignore[attr-defined]
    try:
        yield count
    finally:
        asyncio.BaseEventLoop._call_soon = call_soon  # type: ignore[attr-defined]
