"""One fetched page, parsed at most once, when a check first needs its tree.

Judging a page used to parse it three times (the soft-404 checks, the metadata reader, htmldate),
which was most of the CPU a checked URL cost (issue 19).  A :class:`ParsedPage` is made for each
judged answer and handed to every reader; the first one that needs the tree parses it, the
others share it, and a verdict that needs no tree (a 404, a bot wall, a plain link to a page
whose raw text already rules out a soft-404) costs no parse at all.  Readers must not change
the tree: it is shared (htmldate copies it before it prunes).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

import lxml.html
from lxml import etree

from checker.encoding import ASCII_IGNORECASE

__all__ = ["ParsedPage", "parse_html", "without_xml_declaration"]

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]{0,200}\?>", ASCII_IGNORECASE)


def without_xml_declaration(html: str) -> str:
    """``html`` without a leading XML declaration: lxml refuses a ``str`` that declares an
    encoding (``ValueError``), and an XHTML page served as text/html often starts with one."""
    return _XML_DECLARATION.sub("", html, count=1)


def _html_parser() -> etree.HTMLParser:
    """lxml.html's parser, but every element an ``HtmlElement`` chosen in C.

    lxml.html's own parser picks each element's class in Python (``HtmlElementClassLookup``:
    form and input classes by tag name), a Python call whenever a reader touches an element:
    about 4,000 calls per real news page, a tenth of judging it (issue 19).  No reader uses
    the form classes, and htmldate needs only ``HtmlElement``, which every element still is.
    """
    parser = etree.HTMLParser()
    parser.set_element_class_lookup(
        etree.ElementDefaultClassLookup(
            element=lxml.html.HtmlElement,
            comment=lxml.html.HtmlComment,
            pi=lxml.html.HtmlProcessingInstruction,
            entity=lxml.html.HtmlEntity,
        )
    )
    return parser


_PARSER = _html_parser()
"""One parser for every page, as lxml.html has (lxml locks a parser while it parses)."""


def parse_html(html: str) -> Any:
    """``html``'s lxml.html document tree, or ``None`` when it holds no document.

    lxml.html's element classes rather than plain ``etree.HTML`` because htmldate reads only
    ``HtmlElement`` trees.  An XML declaration is dropped first: lxml refuses a ``str`` that
    declares an encoding.
    """
    text = without_xml_declaration(html)
    if not text.strip():
        return None
    try:
        return lxml.html.document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None


_UNPARSED: Any = object()
_T = TypeVar("_T")


class ParsedPage:
    """A page's text and, on first use of :attr:`tree`, its parse (``parse``, injectable so
    tests can count parses), and what readers derive from the tree for each other
    (:meth:`derived`)."""

    __slots__ = ("_derived", "_parse", "_tree", "text")

    def __init__(self, text: str, parse: Callable[[str], Any] = parse_html) -> None:
        self.text = text
        self._parse = parse
        self._tree: Any = _UNPARSED
        self._derived: dict[Callable[[ParsedPage], Any], Any] = {}

    @property
    def tree(self) -> Any:
        """The document tree (``None`` if the text holds none), parsed on the first call only."""
        if self._tree is _UNPARSED:
            self._tree = self._parse(self.text)
        return self._tree

    def derived(self, derive: Callable[[ParsedPage], _T]) -> _T:
        """``derive(self)``, computed on the first call for each ``derive`` (a module-level
        function, the key) only: two readers that need the same thing of the page (the regions
        that list other pages) share one computation."""
        if derive not in self._derived:
            self._derived[derive] = derive(self)
        value: _T = self._derived[derive]
        return value
