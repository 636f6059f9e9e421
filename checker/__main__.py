"""``python -m checker`` runs the command line (through the interruptible entry point)."""

from __future__ import annotations

import sys

from checker.entry import main

sys.exit(main())
