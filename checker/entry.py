"""The ``citecheck`` command's entry point: the command line, with start-up interruptible.

Importing the command line loads every stage (a second or two on a loaded machine); a Ctrl-C
in that time used to print Python's traceback.  This module imports nothing of citecheck's
until it is inside the ``try``: an interrupt at any moment is one line and exit 130.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

__all__ = ["main"]

INTERRUPTED = 130
"""The shell's status for SIGINT (128 + 2), as ``cli.ExitCode.INTERRUPTED``."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``citecheck`` (see :func:`checker.cli.main`); 130 if interrupted while starting."""
    try:
        from checker.cli import main as command_line  # noqa: PLC0415 (the point: see above)
    except KeyboardInterrupt:
        sys.stderr.write("citecheck: interrupted\n")
        return INTERRUPTED
    return command_line(argv)
