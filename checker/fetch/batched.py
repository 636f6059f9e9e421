"""A blocking look-up run off the event loop, the calls of one loop turn in one thread job.

A local file's link is read from the disk in a thread, so that a slow or hung file system holds
no request of the run (``fetch.local``).  One ``asyncio.to_thread`` a link (a work item, a
``concurrent.futures.Future`` chained to the loop's, a wake-up of the loop through its
self-pipe, the task's own wait) cost about as much CPU as the look-up it ran (~0.1 ms each;
bench/README.md, session 24).  The citations of one post are started in the same turn of the
loop, so :class:`Batched` gathers the calls made before the loop's next turn and runs them one
after another in one thread job, each answer (or exception) handed to its own caller: one
hand-off for a post's links, not one a link.

Nothing is remembered between calls (the disk is read every time, a file appears and vanishes
between runs); a caller cancelled while its batch runs leaves the others' answers alone.  A
batch holds at most :data:`BATCH_AT_MOST` calls, so a tree of thousands of links still spreads
over the default executor's threads rather than one thread's queue.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Sequence
from typing import Generic, ParamSpec, TypeVar

__all__ = ["BATCH_AT_MOST", "Batched"]

P = ParamSpec("P")
T = TypeVar("T")

BATCH_AT_MOST = 64
"""Calls run in one thread job at most (a hung file system stalls at most this many links)."""


class Batched(Generic[P, T]):
    """``await batched(*args)`` is ``await asyncio.to_thread(function, *args)``, with the calls
    made in one turn of the loop run in one thread job (the loop's default executor)."""

    def __init__(self, function: Callable[P, T]) -> None:
        self._function = function
        self._waiting: list[tuple[Callable[[], T], asyncio.Future[T]]] = []

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> asyncio.Future[T]:
        """The future of ``function(*args)``, run in the thread job of this turn's calls."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        if not self._waiting:
            loop.call_soon(self._start)  # after the tasks made ready in this turn have run
        self._waiting.append((functools.partial(self._function, *args, **kwargs), future))
        return future

    def _start(self) -> None:
        """Hand the calls waiting to the default executor, :data:`BATCH_AT_MOST` per job."""
        waiting, self._waiting = self._waiting, []
        loop = asyncio.get_running_loop()
        for begin in range(0, len(waiting), BATCH_AT_MOST):
            calls = waiting[begin : begin + BATCH_AT_MOST]
            try:
                job = loop.run_in_executor(None, _run, [call for call, _ in calls])
            except RuntimeError as exc:  # the executor is shut down: no caller waits forever
                job = loop.create_future()
                job.set_exception(exc)
            job.add_done_callback(functools.partial(_answer, calls=calls))


def _run(calls: Sequence[Callable[[], object]]) -> list[tuple[bool, object]]:
    """Each call's answer, or the exception it raised, in order (on the executor's thread)."""
    answers: list[tuple[bool, object]] = []
    for call in calls:
        try:
            answers.append((True, call()))
        except Exception as exc:  # its caller's to see, not the batch's
            answers.append((False, exc))
    return answers


def _answer(
    job: asyncio.Future[list[tuple[bool, object]]],
    calls: list[tuple[Callable[[], T], asyncio.Future[T]]],
) -> None:
    """Give each caller still waiting its answer (the job's own failure: a closed executor)."""
    if job.cancelled():
        for _, future in calls:
            future.cancel()
        return
    failure = job.exception()
    answers = job.result() if failure is None else [(False, failure)] * len(calls)
    for (_, future), (ok, value) in zip(calls, answers, strict=True):
        if future.done():  # its caller was cancelled
            continue
        if ok:
            future.set_result(value)  # type: ignore[arg-type]
        else:
            future.set_exception(value)  # type: ignore[arg-type]
