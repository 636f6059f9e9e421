"""The ``citecheck`` command's entry point: the command line, with start-up interruptible.

Importing the command line loads every stage (a second or two on a loaded machine); a Ctrl-C
in that time used to print Python's traceback.  This module imports nothing of citecheck's
until it is inside the ``try`` (but :mod:`checker.interrupts`, which imports nothing): an
interrupt at any moment is one line and exit 130, one the interpreter swallowed too.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence

from checker.interrupts import keeping_swallowed, raise_swallowed

__all__ = ["main"]

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


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``citecheck`` (see :func:`checker.cli.main`); 130 if interrupted while starting.

    A Ctrl-C the interpreter swallowed (in a weakref callback of the import machinery: see
    :mod:`checker.interrupts`) is an interrupt too, from here to the exit status."""
    with keeping_swallowed():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    gc.disable()  # see _YOUNG
    try:
        from checker.cli import main as command_line  # noqa: PLC0415 (the point: see above)

        raise_swallowed()
    except KeyboardInterrupt:
        sys.stderr.write("citecheck: interrupted\n")
        return INTERRUPTED
    finally:
        gc.enable()
    gc.set_threshold(_YOUNG, *gc.get_threshold()[1:])
    return command_line(argv)
