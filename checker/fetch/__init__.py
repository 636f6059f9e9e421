"""The fetch stage: the only code that talks to the network."""

from __future__ import annotations

from checker.fetch.client import HttpFetcher, run_key

__all__ = ["HttpFetcher", "run_key"]
