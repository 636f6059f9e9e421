"""``python -m checker`` runs the command line (through the interruptible entry point)."""

from __future__ import annotations

from checker.entry import run

run()
