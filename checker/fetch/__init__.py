"""The fetch stage: the only code that talks to the network."""

from __future__ import annotations

import sys

if "trio" not in sys.modules and "httpcore" not in sys.modules:
    # httpcore imports trio whenever it is installed, to tell trio from asyncio in its locks;
    # citecheck runs on asyncio only, and trio's import cost ~0.3 s of CPU per run (~15 % of
    # an empty run's start, issue 19).  Hidden only while httpcore is imported: a later
    # ``import trio`` by anyone else works as usual.
    sys.modules["trio"] = None  # type: ignore[assignment]
    try:
        import httpcore  # noqa: F401
    finally:
        del sys.modules["trio"]

from checker.fetch.client import HttpFetcher, run_key

__all__ = ["HttpFetcher", "run_key"]
