"""A Ctrl-C that Python swallowed is kept until the command can act on it.

Outside the event loop (start-up, forking the workers, the report) SIGINT's handler is Python's
own, and asyncio's runner's raises too once its main task is done: it raises
:class:`KeyboardInterrupt` in whatever the main thread runs at that moment.  When
that is a weakref callback, a ``__del__`` or a collector's callback, the interpreter cannot
raise it: it prints "Exception ignored in … KeyboardInterrupt" with a traceback and goes on.
Seen: a Ctrl-C in the first second, while the stages load, landed in the import lock's weakref
callback (``importlib._bootstrap._get_module_lock.<locals>.cb``); the run went on to its end and
exited 0, a traceback on stderr (2 of 100 signals sent at random in a small run's first 4.5 s,
load 1.5-10; bench/README.md, "Session 22, the lost Ctrl-C").  A user whose Ctrl-C is ignored, or a
CI whose cancel leaves a run going, stops trusting the command.

:func:`keeping_swallowed` (the command's whole life: :mod:`checker.entry`, :func:`checker.cli.main`)
keeps such an interrupt instead of printing it, and :func:`raise_swallowed` raises it where
the command can act on it: after the import, before and after the run's loop, before the exit
status.  No signal handler of ours is installed: asyncio's runner puts its own (Ctrl-C cancels
the run) only where SIGINT's handler is Python's.  This module imports nothing: the entry point
loads it before anything can be interrupted.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["BEFORE_THE_RUN", "held", "keeping_swallowed", "raise_swallowed"]

BEFORE_THE_RUN = "nothing checked yet, no report written (the run had not begun)"
"""What an interrupt while the command starts (imports, settings, baseline, worker processes)
leaves: said in its one line, which said nothing of a report or the store (probe 30i)."""


class _Kept:
    """The process's (a signal is): interrupts swallowed since the last :func:`raise_swallowed`,
    and how many :func:`keeping_swallowed` are open (the outermost forgets what is left, so a
    command that ended on an error leaves nothing to the next one in the same process)."""

    swallowed = 0
    open = 0


@contextmanager
def keeping_swallowed() -> Iterator[None]:
    """Keep every :class:`KeyboardInterrupt` the interpreter could not raise (its unraisable
    hook), other unraisable errors shown as before; the previous hook is back on the way out."""
    previous = sys.unraisablehook

    def hook(unraisable: sys.UnraisableHookArgs) -> None:
        if isinstance(unraisable.exc_value, KeyboardInterrupt):
            _Kept.swallowed += 1
            return
        previous(unraisable)

    sys.unraisablehook = hook
    _Kept.open += 1
    try:
        yield
    finally:
        sys.unraisablehook = previous
        _Kept.open -= 1
        if not _Kept.open:
            _Kept.swallowed = 0


def raise_swallowed() -> None:
    """Raise the interrupt swallowed since the last call, if one was (then none is left)."""
    if _Kept.swallowed:
        _Kept.swallowed = 0
        raise KeyboardInterrupt


@contextmanager
def held() -> Iterator[None]:
    """Keep a Ctrl-C that arrives while the block runs, to be raised after it by
    :func:`raise_swallowed`, rather than raised in the middle of it.

    For an event loop's closing (:func:`checker.fetch.loop.run_loop`): once the runner's main
    task is done, SIGINT's handler is Python's again, and a Ctrl-C raised inside the runner's
    closing can stop uvloop between marking its loop running and entering it; the runner's
    ``loop.close()`` then failed ("Cannot close a running event loop"): an internal error,
    exit 3, a crash log, no "interrupted" line (1 of 30 SIGINTs sent with the loop running,
    session 23).  Only where SIGINT's handler is Python's default one, in the main thread:
    anything else (a test's handler, a worker's ignored SIGINT) is left alone.
    """
    import signal  # noqa: PLC0415 (this module imports nothing at load: see the docstring)
    import threading  # noqa: PLC0415

    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        yield
        return

    def keep(_signum: int, _frame: object) -> None:
        _Kept.swallowed += 1

    signal.signal(signal.SIGINT, keep)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
