"""CPU cost of a piece of work, for "no hang" tests that compare a hostile input with a normal one.

Speed is never asserted in seconds (the house rule): a test times a hostile input and an ordinary
one of the same size on the same machine and bounds the ratio, so a loaded CI box slows both.
"""

from __future__ import annotations

import time
from collections.abc import Callable

__all__ = ["cpu_seconds"]


def cpu_seconds(run: Callable[[], object], *, repeat: int = 3) -> float:
    """The least CPU time of ``repeat`` runs of ``run`` (the least is the least noisy), never 0."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        run()
        times.append(time.process_time() - start)
    return max(min(times), 1e-4)
