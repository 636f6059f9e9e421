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

HIDDEN_WHILE_STARTING = ("httpx._main",)
"""Modules a dependency imports at start-up only for a feature citecheck never uses, hidden
while the command line is imported (``import`` of a module set to ``None`` in ``sys.modules``
raises ImportError, which the importer expects).  ``httpx._main`` is httpx's own command-line
client: httpx imports it whenever rich and pygments are installed, ~0.2 s of CPU per run
(issue 19, start-up); without it ``httpx.main`` says how to install it.  Shown again once the
command line is in: a later import by anyone else works as usual."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``citecheck`` (see :func:`checker.cli.main`); 130 if interrupted while starting."""
    hidden = [name for name in HIDDEN_WHILE_STARTING if name not in sys.modules]
    try:
        for name in hidden:
            sys.modules[name] = None  # type: ignore[assignment]
        from checker.cli import main as command_line  # noqa: PLC0415 (the point: see above)
    except KeyboardInterrupt:
        sys.stderr.write("citecheck: interrupted\n")
        return INTERRUPTED
    finally:
        for name in hidden:
            if sys.modules.get(name, True) is None:
                del sys.modules[name]
    return command_line(argv)
