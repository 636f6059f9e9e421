"""HTML as an lxml tree whose elements know their source line: the one parse of extraction.

Every HTML page and every Markdown post's rendered HTML is parsed here, once, by libxml2's HTML
parser (through lxml): it records each element's ``sourceline`` (a citation says on which line
of the page it appears) and builds the tree in C, which was the half of extraction's time that
BeautifulSoup's ``html.parser`` took (issue 19).  The text is handed over as UTF-8 bytes with
the encoding named, so a ``<meta charset>`` or an XML declaration in the page cannot make
libxml2 decode it a second time (decoding is :mod:`checker.encoding`'s business), and NUL bytes
or characters XML forbids become U+FFFD instead of an error.  Comments and processing
instructions are dropped while parsing: they are no part of what a reader sees.

libxml2 stops reading a document nested deeper than 2,048 elements (``huge_tree``) and drops
the rest, which would lose citations silently.  Such a page is hostile or broken (issue 13);
it is read again by :class:`_DeepBuilder`, which builds the same kind of tree from the
standard library's tokenizer without a depth limit, so nothing past the limit is lost.

Elements are identified by themselves (lxml keeps one proxy per node while it is referenced),
never by ``id()`` of a proxy that may be freed and its id reused.

When lxml frees an element's proxy it walks up the element's ancestors until one that still has
a proxy (is some ancestor keeping the node alive?).  Proxies dropped parent first (a dict or a
stack of elements in page order) each walk the whole chain of already-freed ancestors: on a
page nested 40,000 deep that was 40,000 walks of up to 40,000 steps, most of extraction's time
(issue 23).  :func:`held` keeps every element's proxy while a page is read and then drops them
deepest first, so each walk stops at the parent.
"""

from __future__ import annotations

import re
from collections.abc import Set
from contextlib import contextmanager
from enum import Enum
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from lxml import etree

from checker.encoding import ASCII_IGNORECASE
from checker.extract import native
from checker.extract.amp import MARK, render_amp
from checker.heap import map_big_buffers

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = [
    "PRUNED",
    "Element",
    "LinkKind",
    "PageIndex",
    "attr",
    "chrome_attributes",
    "classes",
    "has_token",
    "held",
    "holds",
    "is_element",
    "link_kind",
    "parse_html",
    "text_of",
    "utf8",
]

Element = Any
"""An lxml element (lxml ships no type information)."""

_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
     "source", "track", "wbr"}
)  # fmt: skip
# Characters an lxml string may not hold (XML 1.0's excluded controls, surrogates, non-chars).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# How far up the open elements an end tag looks for its start tag in the deep builder: a stray
# end tag deep in a hostile page must not cost a scan of thousands of open elements.
_END_TAG_REACH = 64
PRUNED = "CITECHECK-PRUNED"
"""The attribute on an element that says how many links the parse left out of it (a count).
Upper case: both HTML parsers lower-case the attribute names a page writes, so no page sets it."""
_CHUNK_CHARS = 1 << 16  # what a pruning parse encodes and feeds at a time
# An anchor start tag, counted (never built) to tell whether a page can need pruning at all.
_ANCHOR_TAG = re.compile(r"<a[\s/>]", ASCII_IGNORECASE)
# Every ``itemprop`` value of an element and its descendants, in page order, as plain strings.
_ITEMPROPS = etree.XPath("descendant-or-self::*/@itemprop", smart_strings=False)


_OPTIONS: dict[str, Any] = {
    "encoding": "utf-8",
    "huge_tree": True,  # text nodes over 10 MB (a 49 MB line of URLs) are read, not cut
    "remove_comments": True,
    "remove_pis": True,
    "no_network": True,
    # no table of the page's ``id`` values: nothing reads one (no XPath ``id()``, no
    # ``getElementById``), and building it was ~4 % of the parse and its free, plus an error
    # logged for each repeated id (issue 19)
    "collect_ids": False,
}


def _parser() -> Any:
    return etree.HTMLParser(**_OPTIONS)


def _empty() -> Element:
    root = etree.Element("html")
    etree.SubElement(root, "body")
    return root


def parse_html(text: str, max_links: int | None = None) -> Element:
    """The ``<html>`` element of ``text``; an empty or unparseable document is an empty page.

    ``max_links`` (a post's :func:`~checker.extract.lines.link_budget`) bounds the tree of a
    page with more anchors than that: see :class:`_Pruner`.  A page with fewer anchor tags is
    parsed whole, in one call, as it always was.  An AMP page's components are renamed to the
    markup they render (:mod:`checker.extract.amp`), so every reader of the tree reads them.
    """
    if max_links is not None and _more_anchors_than(text, max_links):
        map_big_buffers()  # the push parser's buffer holds the whole page: grown, not copied
        parser = etree.HTMLPullParser(events=("start", "end"), **_OPTIONS)
        root = _Pruner(max_links).parse(parser, text)
    else:
        parser = _parser()
        try:
            root = etree.fromstring(utf8(text), parser)
        except etree.LxmlError:
            root = None
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        root = _DeepBuilder.build(text)
    if root is None:
        return _empty()
    if holds(text, MARK):  # an AMP page: its components read as what they render
        render_amp(root)
    return root


def _more_anchors_than(text: str, limit: int) -> bool:
    """Whether ``text`` has more than ``limit`` anchor start tags (one scan, nothing built)."""
    return any(count > limit for count, _match in enumerate(_ANCHOR_TAG.finditer(text), 1))


class _Pruner:
    """Builds a page's tree while it is parsed, leaving out what no post's cap can reach.

    A post of 200,000 links cost ~850 bytes of tree per link, 19 times the page (issue 13).
    The page is fed to libxml2 in chunks; when an element ends, the elements that hold a link
    are counted per parent, and one past ``max_links`` such children of its parent is removed
    from the tree at once (its links counted into the parent's :data:`PRUNED`, its text and
    the text after it dropped), so the tree holds no more than ``max_links`` linked children
    of any element.  A post under its cap never has that many, so its tree is whole.  Links
    are counted per parent rather than per post because posts are found in the finished tree;
    the budget is far above the number of posts a page lists, so whole posts are never cut.

    A child takes a slot only when it links a page not linked before (the one rule of the cap,
    :class:`checker.extract.lines._Budget`'s): a link repeating one linked before, or a new
    ``#fragment`` of a page linked before, is free, up to ``max_links`` of each sort in the
    page (then it takes a slot: each is an anchor of its own, and kept tree costs memory).
    Counting every anchor, a page linking 1,500 sections of one spec cut the dead link after
    them at a cap of 10, "past the cap" where Markdown and text checked it (session 26).
    """

    def __init__(self, max_links: int) -> None:
        self._max = max_links
        # each open element: [element, linked children kept, links kept inside, links pruned,
        # links inside that take a slot (:meth:`_costly`)]
        self._open: list[list[Any]] = []
        self._doomed: list[Element] = []  # ended and past the budget, not yet removed
        self._pages: set[str] = set()  # each page linked (an href without its fragment)
        self._fragments: set[str] = set()  # each href with a fragment
        self._repeats = max_links  # links repeating one linked before: free
        self._shared = max_links  # new fragments of a page linked before: free

    def parse(self, parser: Any, text: str) -> Element | None:
        """The finished (pruned) tree of ``text``, or None when libxml2 gives none."""
        for start in range(0, len(text), _CHUNK_CHARS):
            parser.feed(utf8(text[start : start + _CHUNK_CHARS]))
            self._read(parser.read_events())
            self._remove(finished=False)
        try:
            root = parser.close()
        except etree.LxmlError:
            return None
        self._read(parser.read_events())
        self._remove(finished=True)
        return root

    def _remove(self, *, finished: bool) -> None:
        """Take the doomed elements out of the tree, with the text that follows them.

        While the page is still being fed, one is removed only once a later sibling exists:
        libxml2 may still be appending to the text after the last child (the iterparse rule of
        deleting only what lies behind the parse), and that text must stay where it writes.
        """
        waiting: list[Element] = []
        for element in self._doomed:
            if not finished and element.getnext() is None:
                waiting.append(element)
                continue
            parent = element.getparent()
            if parent is not None:
                element.tail = None
                parent.remove(element)
        self._doomed = waiting

    def _read(self, events: Any) -> None:
        for event, element in events:
            if event == "start":
                self._open.append([element, 0, 0, 0, 0])
                continue
            while self._open and self._open[-1][0] is not element:
                self._end(self._open.pop())  # an end libxml2 did not report: closed with it
            if self._open:
                self._end(self._open.pop())

    def _end(self, entry: list[Any]) -> None:
        element, _children, kept, pruned, costly = entry
        href = element.get("href") if element.tag == "a" else None
        own = bool(href)  # a link: an ``<a>`` with an href
        if href:
            costly += self._costly(href)
        links = kept + pruned + own
        if pruned:
            element.set(PRUNED, str(pruned))
        if not self._open or not links:
            return
        parent = self._open[-1]
        if costly:
            if parent[1] >= self._max:
                parent[3] += links
                self._doomed.append(element)
                return
            parent[1] += 1
        parent[2] += links
        parent[4] += costly

    def _costly(self, href: str) -> bool:
        """Whether a link to ``href`` takes a slot: a new page does; a repeat of a link, or a
        new fragment of a page linked before, only once the free ones of its sort are spent.
        The pages and fragments noted are at most twice the budget each (past that, every page
        is new, as all once were), so a page of 200,000 distinct links notes no more."""
        kind, page = link_kind(href, self._pages, self._fragments)  # as written: " x", "x" two
        if kind is LinkKind.NEW_PAGE:
            if len(self._pages) < 2 * self._max:
                self._pages.add(page)
                if page != href:  # with a fragment
                    self._fragments.add(href)
            return True
        if kind is LinkKind.REPEAT:
            if self._repeats == 0:
                return True
            self._repeats -= 1
            return False
        if len(self._fragments) < 2 * self._max:
            self._fragments.add(href)
        if self._shared == 0:
            return True
        self._shared -= 1
        return False


class LinkKind(Enum):
    """What a link is to the links of a post seen before it: how a link budget prices it."""

    NEW_PAGE = "new page"
    REPEAT = "repeat"  # the same URL again (its fragment too): one citation with it
    NEW_FRAGMENT = "new fragment"  # a new ``#fragment`` of a page linked before


def link_kind(url: str, pages: Set[str], fragments: Set[str]) -> tuple[LinkKind, str]:
    """What ``url`` is to the ``pages`` (URLs without their fragment) and the ``fragments``
    (URLs with one) seen before it, and its page (``url`` up to its ``#``).

    A budget's one classifier (:class:`_Pruner`'s links of a tree, ``lines._Budget``'s URLs of
    a text); each notes what it saw and prices each kind its own way.  A repeat of a page, the
    common case, is known first, without cutting the URL."""
    if url in pages:
        return LinkKind.REPEAT, url
    page = url.partition("#")[0]
    if url in fragments:
        return LinkKind.REPEAT, page
    return (LinkKind.NEW_PAGE if page not in pages else LinkKind.NEW_FRAGMENT), page


class _DeepBuilder(HTMLParser):
    """An lxml tree from the standard tokenizer, for pages nested deeper than libxml2 reads.

    It nests as the markup says (no HTML5 tree repair beyond void elements and end tags closing
    what they match nearby), which is all a hostile page deserves; its elements carry their
    source lines like libxml2's.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _empty()
        body = self.root[0]
        # Each open element with its last child so far (``len()`` of an lxml element counts).
        self._open: list[list[Element]] = [[body, None]]

    @classmethod
    def build(cls, text: str) -> Element:
        builder = cls()
        builder.feed(_NOT_XML.sub("\ufffd", text))
        builder.close()
        return builder.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("html", "head", "body"):
            return
        parent = self._open[-1]
        try:
            element = etree.SubElement(parent[0], tag)
        except ValueError:  # a name lxml cannot hold (``<a:b>``, ``<x"y>``): its text stays
            return
        for name, value in attrs:
            try:
                element.set(name, value or "")
            except ValueError:
                continue
        element.sourceline = self.getpos()[0]
        parent[1] = element
        if tag not in _VOID:
            self._open.append([element, None])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and len(self._open) > 1 and self._open[-1][0].tag == tag:
            self._open.pop()

    def handle_endtag(self, tag: str) -> None:
        lowest = max(1, len(self._open) - _END_TAG_REACH)
        for index in range(len(self._open) - 1, lowest - 1, -1):
            if self._open[index][0].tag == tag:
                del self._open[index:]
                return

    def handle_data(self, data: str) -> None:
        element, last = self._open[-1]
        if last is None:
            element.text = (element.text or "") + data
        else:
            last.tail = (last.tail or "") + data


@contextmanager
def held(root: Element) -> Iterator[PageIndex]:
    """Read the tree of ``root`` inside this block: every element's proxy is kept until it ends.

    While a node's parent has a proxy, freeing the node's proxy looks no further than the
    parent, whatever order the reading code drops its nodes in; at the end the proxies are
    dropped in reverse page order (children before their parent), so each of those frees is
    one step too.  The proxies kept are the page index's elements (:class:`PageIndex`, given to
    the block): a comment's or a text's parent is an element, so keeping the elements is enough,
    and the index the reading makes anyway is made once (issue 19: the page was walked twice).
    """
    index = PageIndex(root)
    try:
        yield index
    finally:
        index.position.clear()  # the list still holds each proxy: nothing is freed here
        nodes = index.elements
        while nodes:  # from the end of the page: a node is dropped before its ancestors
            nodes.pop()


def is_element(node: Element) -> bool:
    """True for an element (comments and processing instructions have a function as tag)."""
    return isinstance(node.tag, str)


def classes(element: Element) -> frozenset[str]:
    """The element's class names."""
    value = element.get("class")
    return frozenset(value.split()) if value else frozenset()


_XML_SPACE = str.maketrans("\t\n\r", "   ")  # what XPath's normalize-space() collapses


def has_token(value: str | None, token: str) -> bool:
    """XPath's ``contains(concat(' ', normalize-space(VALUE), ' '), ' TOKEN ')``: the class (or
    ``rel``) test the page's XPath lookups make, for the lookups done in Python."""
    return value is not None and token in value.translate(_XML_SPACE).split(" ")


def attr(element: Element | None, name: str) -> str | None:
    """An attribute's value, stripped, or None when absent or empty."""
    if element is None:
        return None
    value = element.get(name)
    return value.strip() or None if value else None


def text_of(element: Element) -> str:
    """Every text inside ``element`` joined by spaces (BeautifulSoup's ``get_text(" ")``)."""
    return " ".join(element.itertext())


def _index_columns(root: Element) -> tuple[list[Element], list[str], list[int]]:
    """The elements of ``root`` in page order, each one's tag and its parent's position (-1 for
    ``root``): :class:`PageIndex`'s columns, the reference of the compiled
    ``checker.extract._walk.page_columns``."""
    elements: list[Element] = list(root.iter(etree.Element))
    position = _positions(elements)
    return elements, [e.tag for e in elements], [position.get(e.getparent(), -1) for e in elements]


def _positions(elements: list[Element]) -> dict[Element, int]:
    """Each element's position in ``elements`` (a dict built in C, not a comprehension)."""
    return dict(zip(elements, range(len(elements)), strict=True))


def _class_values(elements: list[Element]) -> list[str | None]:
    """Each element's ``class`` value (None without one): the reference of the compiled
    ``checker.extract._walk.class_values``."""
    return [e.get("class") for e in elements]


def _chrome_attributes(element: Element) -> tuple[str | None, str | None, str | None]:
    """The element's ``role``, ``class`` and ``id`` values (None for each it lacks): what the
    chrome test reads of an element; the reference of the compiled
    ``checker.extract._walk.chrome_attributes``."""
    return element.get("role"), element.get("class"), element.get("id")


def _compiled(*names: str) -> tuple[Callable[..., Any] | None, ...]:
    """The compiled functions ``names`` of ``_walk`` (:mod:`checker.extract.native`), each None
    where the pure one runs: no build, or a build older than the function lacks it."""
    module = native.compiled()
    return tuple(getattr(module, name, None) for name in names)


# the readers of the page index (its elements, classes, ``itemprop`` values) and of
# :func:`chrome_attributes`
_INDEX_READERS = ("page_columns", "class_values", "chrome_attributes", "itemprop_values")
_COMPILED_COLUMNS, _COMPILED_CLASSES, _COMPILED_CHROME_ATTRIBUTES, _COMPILED_ITEMPROPS = _compiled(
    *_INDEX_READERS
)
chrome_attributes: Callable[[Element], tuple[str | None, str | None, str | None]] = (
    _COMPILED_CHROME_ATTRIBUTES or _chrome_attributes
)
"""The element's ``role``, ``class`` and ``id`` values, read by the compiled pass when it is
built (one call, not three lxml method calls: the chrome test asks ~150 elements a page)."""


def _utf8(text: str) -> bytes:
    """``text`` as the UTF-8 bytes libxml2 parses (a lone surrogate becomes ``?``): the
    reference of the compiled ``checker.extract._walk.utf8``."""
    return text.encode("utf-8", "replace")


def _holds(text: str, needle: str) -> bool:
    """``needle in text``: the reference of the compiled ``checker.extract._walk.holds``."""
    return needle in text


_TEXT_READERS = ("utf8", "holds")  # the compiled :func:`utf8` and :func:`holds`
_COMPILED_UTF8, _COMPILED_HOLDS = _compiled(*_TEXT_READERS)
utf8: Callable[[str], bytes] = _COMPILED_UTF8 or _utf8
"""A page's text as the UTF-8 bytes its parse reads, encoded by the compiled pass when it is
built: CPython encodes a text of two- or four-byte characters one at a time, ~1.5 M
instructions for an average real page, a sixth of that in blocks of 16 (issue 19)."""
holds: Callable[[str, str], bool] = _COMPILED_HOLDS or _holds
"""``needle in text`` for a page-long text and a short ASCII marker, scanned by the compiled
pass when it is built: CPython's search cost ~0.5 M instructions a page for ``{{<`` (issue 19)."""


class PageIndex:
    """One pass over a parsed page: its elements in page order, each one's tag and parent, and
    every ``class`` and ``itemprop`` value the page holds, joined.

    libxml2 evaluates ``contains(@class, 'post-outer')`` at about half a microsecond an element,
    so each class-testing XPath over a whole page cost as much as a fifth of its parse (issue
    19).  A class name that no ``class`` value of the page contains cannot match: :meth:`may_have`
    answers that from the joined values, and the XPath runs only when it can match.  The same
    pass gives the content measure its elements, tags and parents, read from lxml once (every
    ``.tag`` builds a new string).
    """

    __slots__ = (
        "_class_text",
        "_classes",
        "_found",
        "_found_itemprop",
        "_itemprop_text",
        "elements",
        "parents",
        "position",
        "tags",
    )

    def __init__(self, root: Element) -> None:
        columns = _COMPILED_COLUMNS(root) if _COMPILED_COLUMNS is not None else None
        self.elements: list[Element]
        self.tags: list[str]
        self.parents: list[int]
        self.elements, self.tags, self.parents = columns or _index_columns(root)
        self.position: dict[Element, int] = _positions(self.elements)
        self._classes: list[str | None] | None = None
        self._class_text: str | None = None
        self._itemprop_text: str | None = None
        self._found: dict[str, bool] = {}
        """Each name :meth:`may_have` was asked about, and its answer."""
        self._found_itemprop: dict[str, bool] = {}

    @property
    def classes(self) -> list[str | None]:
        """Each element's ``class`` value (None without one), by position: read from lxml once
        for :meth:`may_have` and the passes that test classes (embeds)."""
        if self._classes is None:
            read = _COMPILED_CLASSES or _class_values
            self._classes = read(self.elements)
        return self._classes

    def may_have(self, *names: str) -> bool:
        """False when no ``class`` value of the page contains any of ``names`` (as a substring,
        as XPath's ``contains(@class, …)`` tests it): then no class test for them can match.

        Each name's answer is kept: it is asked again for every post of a listing, and a search
        of the whole page's classes per post made a page of 20,000 posts take 28 s (quadratic).
        """
        found = self._found
        for name in names:
            known = found.get(name)
            if known is None:
                if self._class_text is None:
                    self._class_text = "\n".join(filter(None, self.classes))
                known = found[name] = name in self._class_text
            if known:
                return True
        return False

    def may_have_itemprop(self, name: str) -> bool:
        """False when no ``itemprop`` value of the page contains ``name`` (kept, as in
        :meth:`may_have`)."""
        known = self._found_itemprop.get(name)
        if known is None:
            if self._itemprop_text is None:
                self._itemprop_text = "\n".join(filter(None, self._itemprops()))
            known = self._found_itemprop[name] = name in self._itemprop_text
        return known

    def _itemprops(self) -> list[str | None]:
        """Every ``itemprop`` value of the page, in page order: read from each element's node
        by the compiled pass when it is built, else gathered by libxml2's XPath (most elements
        have none, and reading each element's attribute through lxml cost twice as much)."""
        if _COMPILED_ITEMPROPS is not None:
            return list(_COMPILED_ITEMPROPS(self.elements))  # None for an element without one
        top = self.elements[:1]
        return list(_ITEMPROPS(top[0])) if top else []

    def subtree(self, element: Element) -> range:
        """The positions of ``element`` and its descendants (contiguous in page order)."""
        start = self.position[element]
        # in page order a subtree is contiguous: it ends where the next element after it starts
        # (its next sibling's, else an ancestor's), found without a walk through the subtree
        node = element
        while node is not None:
            after = node.getnext()
            while after is not None and after not in self.position:  # a comment, or outside
                after = after.getnext()
            if after is not None:
                return range(start, self.position[after])
            node = node.getparent()
        return range(start, len(self.elements))
