"""The ``citecheck`` command's entry point: the command line, with start-up interruptible.

Importing the command line loads every stage (a second or two on a loaded machine); a Ctrl-C
in that time used to print Python's traceback.  This module imports nothing of citecheck's
until it is inside the ``try`` (but :mod:`checker.interrupts`, which imports nothing): an
interrupt at any moment is one line and exit 130, one the interpreter swallowed too.

The command itself (the console script, ``python -m checker``) is :func:`run`, which ends the
process without the interpreter's teardown; :func:`main` returns the status (tests, programs).
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
import threading
from collections.abc import Sequence
from typing import NoReturn

from checker.interrupts import BEFORE_THE_RUN, keeping_swallowed, raise_swallowed

__all__ = ["main", "run"]

_MAIN = threading.main_thread()

INTERRUPTED = 130
"""The shell's status for SIGINT (128 + 2), as ``cli.ExitCode.INTERRUPTED``."""


_YOUNG = 10_000
"""Allocations between two young collections (CPython's default: 700).

What the command makes lives, nearly all of it, to the end of the process: the ~100,000
objects of the import (no collection can free one: none runs while it imports, and
``cli.main`` freezes them), then the run's posts, citations, answers and verdicts.  Every
young collection scans the young objects and each tenth the older ones too, freeing almost
nothing: 75 ms of a 2 s warm rerun's CPU (4 %), half of it during the import (issue 19,
bench/README.md "Session 19, warm 5").  Cycles of garbage (an exception's traceback) wait
for a few thousand allocations more before they are freed: kilobytes."""


def run() -> NoReturn:
    """The ``citecheck`` command and ``python -m checker``: :func:`main`, then the process ends
    without the interpreter's teardown (:func:`_end`)."""
    _end(main())


def _end(status: int) -> NoReturn:
    """End the process with ``status`` as the interpreter would, but for freeing its objects.

    The teardown after a run frees, one by one, everything the import and the run made and
    kept to the end (modules, posts, citations, verdicts) after the reports were written,
    each run, on the critical path: ~0.04 s of CPU on the bench's uniform 2,000 URLs, 0.1 s of
    wall at load 8 (bench/README.md, "Session 23, critical-path CPU").
    What a normal exit does that a user can see is done first: the ``atexit`` handlers run
    (the libraries' own, temporary folders' finalizers) and the standard streams are
    flushed.  A thread still running (one the interpreter would wait for), or a stream that
    cannot be flushed (a closed pipe, whose error the interpreter reports with status 120),
    leaves the exit to the interpreter, as before.
    """
    if any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not _MAIN):
        sys.exit(status)
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # ValueError: a stream closed
        sys.exit(status)
    os._exit(status)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``citecheck`` (see :func:`checker.cli.main`); 130 if interrupted while starting.

    A Ctrl-C the interpreter swallowed (in a weakref callback of the import machinery: see
    :mod:`checker.interrupts`) is an interrupt too, from here to the exit status."""
    with keeping_swallowed():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    gc.disable()  # see _YOUNG
    try:
        from checker import codecache  # noqa: PLC0415 (the point: see above)

        codecache.install()  # the dataclasses' methods compiled by an earlier run (issue 19)
        from checker.cli import main as command_line  # noqa: PLC0415 (the point: see above)

        codecache.started()  # the patterns compiled from here on are the input's: not kept

        raise_swallowed()
    except KeyboardInterrupt:
        sys.stderr.write(f"citecheck: interrupted: {BEFORE_THE_RUN}\n")
        return INTERRUPTED
    finally:
        gc.enable()
    gc.set_threshold(_YOUNG, *gc.get_threshold()[1:])
    return command_line(argv)
