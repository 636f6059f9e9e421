"""The fetch stage: the only code that talks to the network."""

from __future__ import annotations

import sys

_HIDDEN = ("trio", "httpx._main", "h2")
"""Modules httpcore and httpx import only for features citecheck never uses, hidden while they
are imported (an ``import`` of a module set to ``None`` in ``sys.modules`` raises ImportError,
which both expect): httpcore imports trio whenever it is installed, to tell trio from asyncio
in its locks (~0.3 s of CPU per run); httpx imports its own command-line client (rich,
pygments: ~0.2 s) whenever those are installed; httpcore imports its HTTP/2 connections (h2 and
hpack's tables: ~50 ms) for both its sync and async halves, though a run needs them only once a
server chooses ``h2`` — :mod:`checker.fetch.h1` and httpcore's own connection import them then
(issue 19, start-up).  Shown again at once: a
later ``import`` by anyone else works as usual."""

_hidden = [name for name in _HIDDEN if name not in sys.modules]
try:
    for _name in _hidden:
        sys.modules[_name] = None  # type: ignore[assignment]
    import httpcore  # noqa: F401
    import httpx  # noqa: F401
finally:
    for _name in _hidden:
        if sys.modules.get(_name, True) is None:
            del sys.modules[_name]

from checker.fetch.client import HttpFetcher, run_key  # noqa: E402 (after the hiding above)

__all__ = ["HttpFetcher", "run_key"]
