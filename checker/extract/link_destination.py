"""A Markdown link's destination read by one regex match, not one Python call a character.

markdown-it-py reads ``[text](destination)`` with ``parseLinkDestination``, a loop that calls
``charCodeAt`` (an ``ord`` in a ``try``) for each character of the URL: ~20 % of parsing a bench
post, whose lines are mostly prose and links (issue 19, session 36).  :func:`link_destination`
gives the same answer: a destination of characters that end nothing (no blank, control
character, backslash or parenthesis) is found by one match of a single character class (linear,
no backtracking, whatever the input); anything else (``<…>``, a backslash escape, nested
parentheses) is handed to the library's own loop, so those rules stay CommonMark's as it reads
them.  The parser is given this reader (:func:`checker.extract.markdown._parser`); markdown-it's
module is not changed.
"""

from __future__ import annotations

import re
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["Destination", "helpers", "link_destination"]

# What continues a destination in the library's loop without its attention: not a blank or
# an ASCII control character (which end it), nor ``\`` (an escape), ``(`` or ``)`` (nesting).
_PLAIN = re.compile(r"[^\x00-\x20\x7f\\()]*")
# Where the library's loop must read on itself: an escape or an opening parenthesis.
_READ_ON = frozenset("\\(")


class Destination:
    """What ``parseLinkDestination`` answers: whether a destination was read, where it ends,
    and its text (escapes and entities decoded), as the link and reference rules read it."""

    __slots__ = ("ok", "pos", "str")

    def __init__(self) -> None:
        self.ok = False
        self.pos = 0
        self.str = ""


def helpers() -> SimpleNamespace:
    """markdown-it's ``helpers`` for one parser: the library's, its destination reader
    :func:`link_destination`'s (a parser's own attribute: the library's module stays as it is).
    Called once a parser, with markdown-it imported (a run with no Markdown never imports it)."""
    from markdown_it import helpers as library  # noqa: PLC0415 (see the docstring)
    from markdown_it.common.utils import unescapeAll  # noqa: PLC0415 (the same)

    library_reader = library.parseLinkDestination

    def reader(string: str, pos: int, maximum: int) -> Any:
        return link_destination(string, pos, maximum, library_reader, unescapeAll)

    return SimpleNamespace(
        parseLinkDestination=reader,
        parseLinkLabel=library.parseLinkLabel,
        parseLinkTitle=library.parseLinkTitle,
    )


def link_destination(
    string: str,
    pos: int,
    maximum: int,
    library_reader: Callable[[str, int, int], Any],
    unescape: Callable[[str], str],
) -> Any:
    """``library_reader(string, pos, maximum)`` (markdown-it's ``parseLinkDestination``), its
    common case (a destination of plain characters, ended by a blank, ``)`` or ``maximum``)
    without the library's per-character loop; ``unescape`` decodes what was read as the
    library does (``unescapeAll``: its entities)."""
    if string.startswith("<", pos):  # (the library looks at ``pos`` whatever ``maximum`` is)
        return library_reader(string, pos, maximum)
    found = _PLAIN.match(string, pos, maximum)
    end = found.end() if found is not None else pos
    if end < maximum and string[end] in _READ_ON:
        return library_reader(string, pos, maximum)
    result = Destination()
    if end > pos:
        result.ok, result.pos, result.str = True, end, unescape(string[pos:end])
    return result
