"""The discover stage: from what the user names to the pages to read."""

from __future__ import annotations

from checker.discover.found import Discovery, Scope
from checker.discover.inputs import discover, discover_inputs

__all__ = ["Discovery", "Scope", "discover", "discover_inputs"]
