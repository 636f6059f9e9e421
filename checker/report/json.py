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
one list, strings through the standard library's C ``encode_basestring`` and each dictionary
or list of scalars (a citation's cited and observed fields, a finding) through its C encoder in
one call (:func:`_flat`); the pure-Python encoder was ~10 % of a warm rerun's CPU (issue 19).
A value of any other type than JSON's own (and their subclasses: ``StrEnum``, ``IntEnum``) or a
key that is not a string hands the post back to the standard encoder.

The posts come last and one at a time (``document.Posts`` builds each when it is read): the
rest of the document is encoded first, then each post by itself, indented to its place, so no
post's dictionary outlives its own text.  The standard encoder escapes every newline inside a
string, so indenting a post's text is putting spaces after each of its newlines.
"""

from __future__ import annotations

import functools
import json
import math
from _json import make_encoder as c_make_encoder
from collections.abc import Callable, Iterable, Iterator, Sequence
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
        yield separator + _POST_INDENT + _encoded(post, _POST_INDENT)
        separator = ","
    yield "[]" if separator == "[" else "\n  ]"


def _encoded(value: Any, newline: str = "\n") -> str:
    """``_ENCODER.encode(value)``, byte for byte, by :func:`_indented` where it can, its lines
    after the first starting with ``newline``."""
    pieces: list[str] = []
    try:
        _indented(value, pieces, newline)
    except _UnusualError:
        return _ENCODER.encode(value).replace("\n", newline)
    return "".join(pieces)


class _UnusualError(Exception):
    """A value :func:`_indented` leaves to the standard encoder."""


def _unusual(value: Any) -> Any:
    """The flat encoders' ``default``: a value of no JSON type goes to the standard encoder."""
    raise _UnusualError


_SCALARS = frozenset({str, int, float, bool, type(None)})
"""The types whose values the standard C encoder writes as the indenting one does."""
_STRINGS = frozenset({str})
"""The one type of key the flat encoders are given (a subclass of ``str`` is unusual)."""


@functools.cache
def _flat(inner: str) -> Callable[[Any, int], Sequence[str]]:
    """The standard library's C encoder for a dictionary or list of scalars whose items sit at
    ``inner`` (a newline and their indentation): with that as its item separator it writes the
    indented text but for the line breaks after the opening and before the closing bracket.

    The C encoder ignores ``indent``, so ``json`` uses it only for compact text; a report's
    leaves (a citation's cited and observed fields, a finding) are flat, and writing them
    here instead of item by item in Python took ~10 % off encoding report.json (issue 19)."""
    return c_make_encoder(
        None, _unusual, encode_basestring, None, ": ", "," + inner, False, False, True
    )


def _flat_items(value: dict[Any, Any]) -> bool:
    """Whether :func:`_flat` may write ``value``: its keys are ``str`` itself, its values
    scalars (two passes in C, where a generator over the keys was a tenth of the encoding)."""
    return _STRINGS.issuperset(map(type, value)) and _SCALARS.issuperset(map(type, value.values()))


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
        if _SCALARS.issuperset(map(type, value)):
            out.append("[" + inner + "".join(_flat(inner)(value, 0))[1:-1] + newline + "]")
            return
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
        if _flat_items(value):
            out.append("{" + inner + "".join(_flat(inner)(value, 0))[1:-1] + newline + "}")
            return
        separator = "{" + inner
        deeper = inner + "  "
        for key, item in value.items():
            if not isinstance(key, str):
                raise _UnusualError
            out.append(separator + encode_basestring(key) + ": ")
            kind = type(item)
            if kind is str:
                out.append(encode_basestring(item))
            elif item is None:
                out.append("null")
            elif kind is int:
                out.append(int.__repr__(item))
            elif kind is dict and item and _flat_items(item):
                # a flat leaf (a citation's cited or observed fields): no call of its own
                out.append("{" + deeper + "".join(_flat(deeper)(item, 0))[1:-1] + inner + "}")
            else:
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
