"""The discover stage: from what the user names to the pages to read."""

from __future__ import annotations

from checker.discover.inputs import discover

__all__ = ["discover"]
