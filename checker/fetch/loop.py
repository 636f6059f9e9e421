"""The event loop a run checks on: uvloop's where it is installed, else asyncio's own.

A check is CPU-bound on the loop's own machinery once the fetch path is lean: each request is a
task, a few futures and their callbacks, a socket's reads and writes, ~7 loop callbacks a URL
(``bench.profile_check --handles``).  uvloop runs the same ``asyncio`` API on libuv in C.
Measured on the uniform bench (2,000 small pages, the whole check in one process, alternated):
1.41 → 1.29 ms of CPU a URL, the fetch path alone 0.36 → 0.32 (bench/README.md, session 21,
issue 19).  Where uvloop is not installed (Windows, a platform without a wheel) the run is the
same run on asyncio's loop: the fetch layer uses the loop only through the ``asyncio`` API.

While the loop runs, a thread that wants the GIL takes it from a busy one after
:data:`SWITCH_INTERVAL`, not CPython's 5 ms: a run's judging and extraction threads are busy
for most of the check, and every time the loop went to wait for its sockets, such a thread took
the GIL, and the loop, woken by an answer, waited one interval or two for it back (a loop turn
of ~10 ms where it had ~1 ms of work: a request's slot taken, its answer read, its slot passed
on are several turns each, so each request held its host's lane ~25 ms longer than the server
took: issue 19, bench/README.md, session 27).
"""

from __future__ import annotations

import asyncio
import os
import sys
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from checker.interrupts import held, raise_swallowed

__all__ = ["LOOPS", "SWITCH_INTERVAL", "loop_factory", "run_loop"]

T = TypeVar("T")

LOOPS = ("uvloop", "asyncio")
"""The loops a run may use, the preferred first: the first one importable is used (read at each
:func:`run_loop`: ``bench.profile_check --loop asyncio`` sets it to weigh the two)."""

SWITCH_INTERVAL = 0.001
"""Seconds a thread holds the GIL, while a run's loop runs, before one that waits for it may
take it (``sys.setswitchinterval``; CPython's default is 0.005).  A loop that woke while the
judging thread held the GIL waited ~2 intervals for it: ~10 ms a turn at the default, ~1-2 ms
at 1 ms (bench/README.md, session 27).  A switch costs a few µs: at most a thousand a second
while both threads are busy."""


def loop_factory(
    preferred: tuple[str, ...] | None = None,
) -> Callable[[], asyncio.AbstractEventLoop]:
    """How to make the first loop of ``preferred`` (default :data:`LOOPS`) this interpreter has."""
    for name in LOOPS if preferred is None else preferred:
        if name == "asyncio":
            return asyncio.new_event_loop
        if name == "uvloop":
            try:
                import uvloop  # noqa: PLC0415 (optional: a platform may have no wheel)
            except ImportError:
                continue
            return uvloop.new_event_loop
        raise ValueError(f"unknown event loop {name!r} (known: {', '.join(LOOPS)})")
    return asyncio.new_event_loop


def run_loop(main: Coroutine[Any, Any, T], *, preferred: tuple[str, ...] | None = None) -> T:
    """``asyncio.run(main)`` on the first loop of ``preferred`` there is (see the module).

    The same runner as ``asyncio.run`` (:class:`asyncio.Runner`): Ctrl-C cancels ``main`` and
    the loop's async generators and default executor are shut down as there.  A Ctrl-C while
    they are shut down is kept and raised once the loop is closed (``interrupts.held``): raised
    inside, it could leave uvloop's loop running, and closing it failed (an internal error).
    The GIL's switch interval is :data:`SWITCH_INTERVAL` while it runs, the caller's after.
    """
    runner = asyncio.Runner(loop_factory=loop_factory(preferred))
    _SWITCHES.start()
    try:
        return runner.run(main)
    finally:
        try:
            with held():
                runner.close()
        finally:
            _SWITCHES.end()
        raise_swallowed()


class _Switches:
    """The GIL's switch interval of the loops :func:`run_loop` runs now, on any thread.

    The first loop to start keeps the caller's interval and sets :data:`SWITCH_INTERVAL` (a
    shorter one the caller set stays); the last to end sets the caller's back.  Each loop kept
    the interval it found and set it back when it ended: two loops on two threads that ended in
    the order they started left the second's find, 1 ms, to the process for good, and the
    second ran at the caller's interval after the first ended (a library user's threads;
    bench/README.md, session 27's probe of the store and loop changes)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0
        self._callers = 0.0

    def start(self) -> None:
        with self._lock:
            if self._running == 0:
                self._callers = sys.getswitchinterval()
                sys.setswitchinterval(min(self._callers, SWITCH_INTERVAL))
            self._running += 1

    def end(self) -> None:
        with self._lock:
            self._running -= 1
            if self._running == 0:
                sys.setswitchinterval(self._callers)

    def fresh_lock(self) -> None:
        """In a forked child: a lock another thread held at the fork would be held forever."""
        self._lock = threading.Lock()


_SWITCHES = _Switches()
os.register_at_fork(after_in_child=_SWITCHES.fresh_lock)
