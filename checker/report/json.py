"""report.json: the report dictionary as JSON, for programs.

Non-ASCII text is written as is (``ensure_ascii=False``) so Japanese titles stay readable in the
file and in diffs; keys keep the order ``document.py`` gives them.

The text is produced in pieces (:func:`stream`) and written as it comes: with ``indent`` the
standard library's encoder is its pure-Python one, and ``json.dumps`` gathers every piece (a few
per value, millions for a 20,000-citation run) in one list before joining them, which made the
JSON report the peak of a big run's memory (issue 19).  The pieces are the very ones ``dumps``
joins, so the file is the same byte for byte.

Each post is encoded by :func:`_indented`, which writes what that encoder writes (a test holds
the two equal on generated documents) without its generators: a post's pieces go straight into
one list, strings through the standard library's C ``encode_basestring``; the pure-Python
encoder was ~10 % of a warm rerun's CPU (issue 19).  A value of any other type than JSON's own
(and their subclasses: ``StrEnum``, ``IntEnum``) or a key that is not a string hands the post
back to the standard encoder.

The posts come last and one at a time (``document.Posts`` builds each when it is read): the
rest of the document is encoded first, then each post by itself, indented to its place, so no
post's dictionary outlives its own text.  The standard encoder escapes every newline inside a
string, so indenting a post's text is putting spaces after each of its newlines.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator
from json.encoder import encode_basestring
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
        yield separator + _POST_INDENT + _encoded(post).replace("\n", _POST_INDENT)
        separator = ","
    yield "[]" if separator == "[" else "\n  ]"


def _encoded(value: Any) -> str:
    """``_ENCODER.encode(value)``, byte for byte, by :func:`_indented` where it can."""
    pieces: list[str] = []
    try:
        _indented(value, pieces, "\n")
    except _UnusualError:
        return _ENCODER.encode(value)
    return "".join(pieces)


class _UnusualError(Exception):
    """A value :func:`_indented` leaves to the standard encoder."""


def _indented(value: Any, out: list[str], newline: str) -> None:
    """Append ``value`` encoded as ``json.JSONEncoder(ensure_ascii=False, indent=2)`` encodes
    it, its lines after the first starting with ``newline`` (a newline and the indentation of
    ``value``'s level).  Its depth is the report's own shape (the standard encoder recurses
    as deep)."""
    if isinstance(value, str):
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        out.append(_float(value))
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for item in value:
            out.append(separator)
            _indented(item, out, inner)
            separator = "," + inner
        out.append(newline + "]")
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key, item in value.items():
            if not isinstance(key, str):
                raise _UnusualError
            out.append(separator + encode_basestring(key) + ": ")
            _indented(item, out, inner)
            separator = "," + inner
        out.append(newline + "}")
    else:
        raise _UnusualError


def _float(value: float) -> str:
    """A float as the standard encoder writes it (``allow_nan``: NaN and the infinities)."""
    if math.isnan(value):
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == -float("inf"):
        return "-Infinity"
    return float.__repr__(value)


def render(document: dict[str, Any]) -> str:
    """The whole of :func:`stream` as one string (``-o -``, tests)."""
    return "".join(stream(document))
