"""report.json: the report dictionary as JSON, for programs.

Non-ASCII text is written as is (``ensure_ascii=False``) so Japanese titles stay readable in the
file and in diffs; keys keep the order ``document.py`` gives them.

The text is produced in pieces (:func:`stream`) and written as it comes: with ``indent`` the
standard library's encoder is its pure-Python one, and ``json.dumps`` gathers every piece (a few
per value, millions for a 20,000-citation run) in one list before joining them, which made the
JSON report the peak of a big run's memory (issue 19).  The pieces are the very ones ``dumps``
joins, so the file is the same byte for byte.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

__all__ = ["render", "stream"]

_ENCODER = json.JSONEncoder(ensure_ascii=False, indent=2)


def stream(document: dict[str, Any]) -> Iterator[str]:
    """The report dictionary as indented JSON text ending in a newline, piece by piece."""
    yield from _ENCODER.iterencode(document)
    yield "\n"


def render(document: dict[str, Any]) -> str:
    """The whole of :func:`stream` as one string (``-o -``, tests)."""
    return "".join(stream(document))
