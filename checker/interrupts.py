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

__all__ = ["keeping_swallowed", "raise_swallowed"]


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
