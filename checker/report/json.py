"""report.json: the report dictionary as JSON, for programs.

Non-ASCII text is written as is (``ensure_ascii=False``) so Japanese titles stay readable in the
file and in diffs; keys keep the order ``document.py`` gives them.

The text is produced in pieces (:func:`stream`) and written as it comes: with ``indent`` the
standard library's encoder is its pure-Python one, and ``json.dumps`` gathers every piece (a few
per value, millions for a 20,000-citation run) in one list before joining them, which made the
JSON report the peak of a big run's memory (issue 19).  The pieces are the very ones ``dumps``
joins, so the file is the same byte for byte.

The posts come last and one at a time (``document.Posts`` builds each when it is read): the
rest of the document is encoded first, then each post by itself, indented to its place, so no
post's dictionary outlives its own text.  The standard encoder escapes every newline inside a
string, so indenting a post's text is putting spaces after each of its newlines.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

__all__ = ["render", "stream"]

_ENCODER = json.JSONEncoder(ensure_ascii=False, indent=2)
_POSTS = "documents"
_POST_INDENT = "\n    "  # a post's lines sit two levels deep: the document, its "documents"


def stream(document: dict[str, Any]) -> Iterator[str]:
    """The report dictionary as indented JSON text ending in a newline, piece by piece."""
    if not document or next(reversed(document)) != _POSTS:
        yield from _ENCODER.iterencode(document)
        yield "\n"
        return
    head = {key: value for key, value in document.items() if key != _POSTS}
    opening = _ENCODER.encode(head)[:-2] + ",\n" if head else "{\n"  # its "\n}" cut
    yield f"{opening}  {_ENCODER.encode(_POSTS)}: "
    yield from _posts(document[_POSTS])
    yield "\n}\n"


def _posts(posts: Iterable[Any]) -> Iterator[str]:
    """The posts' list, each post encoded alone as it comes (what ``iterencode`` writes)."""
    separator = "["
    for post in posts:
        yield separator + _POST_INDENT + _ENCODER.encode(post).replace("\n", _POST_INDENT)
        separator = ","
    yield "[]" if separator == "[" else "\n  ]"


def render(document: dict[str, Any]) -> str:
    """The whole of :func:`stream` as one string (``-o -``, tests)."""
    return "".join(stream(document))
