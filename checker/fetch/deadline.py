"""Write what waits within a deadline, whatever the thread that recorded it is busy with.

The store batches its writes (a commit an answer was the largest cost of a run with a store,
issue 19): an answer recorded on the event loop waits to be written with the others recorded
meanwhile.  A SIGKILL loses what waits, so how long it waits is what a kill can lose.  A timer
on the loop (``call_later``) stated 50 ms and gave more: it fires only when the loop has run
every callback queued before it, and answers waited up to 137 ms on a cold 2,000-URL run (87 ms
past the 50, load 4) and 416 ms at load 14 (bench/README.md, "Session 29, what an interrupted
run loses"); a loop kept busy (a long stretch of parsing or scheduling) kept them waiting as
long as that lasted.

:class:`DeadlineWriter` keeps the deadline on a thread of its own: the first thing waiting
starts the clock, and the write is made ``wait`` seconds later (under the caller's lock, which
guards what waits), however long the loop is busy.  The thread needs a CPU and the GIL (a
thread running Python gives it up every switch interval, 5 ms; a C call that holds it delays
the write); SQLite releases it while it writes, so a commit made here costs the loop nothing
but the lock, if it reaches for it then.

The thread is started by the first thing that waits, not before: a process that forks its
workers (:mod:`checker.processes`) must have no thread running yet.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable

__all__ = ["DeadlineWriter"]


class DeadlineWriter:
    """Calls ``write`` at most ``wait`` seconds after :meth:`due` was called, from a thread.

    ``lock`` guards what ``write`` writes: :meth:`due` and :meth:`written` are called with it
    held, ``write`` is called with it held (``write`` must call :meth:`written`, or a write that
    fails would be retried at once forever: it says what waits is no longer waiting)."""

    def __init__(
        self, write: Callable[[], object], lock: threading.RLock, wait: float, name: str
    ) -> None:
        self._write = write
        self._woken = threading.Condition(lock)
        self._wait = wait
        self._name = name
        self._since: float | None = None
        """When the oldest of what waits began to (``time.monotonic``); None: nothing waits."""
        self._closed = False
        self._failed = False
        """Whether a write failed and was said (:meth:`_say_failed`): once a writer."""
        self._thread: threading.Thread | None = None

    def due(self) -> None:
        """Something waits now (called with the lock held): written within ``wait`` seconds."""
        if self._since is not None or self._closed:
            return
        self._since = time.monotonic()
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
            self._thread.start()
        else:
            self._woken.notify()

    def written(self) -> None:
        """Nothing waits any more (called with the lock held): the clock stops."""
        self._since = None

    def close(self) -> None:
        """Stop the thread (what still waits is the caller's to write) and wait for it."""
        with self._woken:
            self._closed = True
            self._woken.notify()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join()

    def _run(self) -> None:
        with self._woken:
            while not self._closed:
                if self._since is None:
                    self._woken.wait()
                    continue
                left = self._since + self._wait - time.monotonic()
                if left > 0:
                    self._woken.wait(left)
                    continue
                try:
                    self._write()
                except Exception as exc:  # a bug of the writer's, said once; what waited is
                    # the writer's to keep for its next write (the close's at the latest), and
                    # the thread goes on keeping the deadline for the rest
                    self._since = None
                    self._say_failed(exc)

    def _say_failed(self, exc: Exception) -> None:
        """One warning line (no traceback) the first time ``write`` raises: a write that
        failed unsaid left the answers waiting unwritten with no trace (mend 29a)."""
        if self._failed:
            return
        self._failed = True
        print(
            f"citecheck: warning: {self._name}: a timed write failed "
            f"({type(exc).__name__}: {str(exc)[:200]}); what waited is written at the close",
            file=sys.stderr,
        )
