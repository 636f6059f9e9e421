"""Blog exports given as input files: a Blogger export (Atom) or a WordPress WXR file (RSS).

An export holds every post of a blog with its HTML, its permalink and its dates, so checking a
blog from its export needs no request at all.  Both formats are read by :mod:`feeds`, which keeps
every post and page the author wrote, published or not: a draft's body is in the export, so its
citations are checked, and its title says ``[draft]`` (Blogger ``kind#post``/``kind#page`` or
``blogger:type`` ``POST``/``PAGE``; WXR items of any ``wp:post_type`` but attachments, menu items,
revisions and the like).  A plain Atom, RSS or JSON feed saved to a file is read the same way.

A sitemap saved to a file names pages but holds none of their text: it is one list of links, each
``<loc>`` cited on its own line, as lychee reads it and as a list of URLs on standard input is
read.  Read as plain text, its ``xmlns`` namespace names were cited (an identifier such as
``http://www.google.com/schemas/sitemap-image/1.1`` answers 404: a false alarm) and a relative
``<loc>`` was lost (probe 21).

Any other XML file is read as XML too (:func:`_xml_lines`): the values of its link attributes
(``href`` in any namespace, so ``xlink:href``; ``src``; OPML's ``htmlUrl``, ``xmlUrl`` and
``url``) are cited, each on its element's line, and its text is read as text, where a bare URL
is cited.  Its namespace declarations and ``xsi:schemaLocation`` are names, not links: read as
plain text, they were cited (false ``broken`` alarms), a relative ``href`` was lost, and so was
a URL whose ``&`` was written ``&amp;`` (probe 21).  Comments are not read, as an HTML page's
are not, nor is a DOCTYPE, whose address names a grammar.  A file named as an input whose name
is of no post's kind and which opens with an XML declaration (an OPML outline, a property list,
a WML deck) is read so too, unless it names HTML (XHTML).
"""

from __future__ import annotations

import dataclasses
import os
import re
from html import escape
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from checker.discover.found import Unread
from checker.discover.kinds import name_kind
from checker.encoding import ASCII_IGNORECASE
from checker.model import Page, PageKind

if TYPE_CHECKING:
    from collections.abc import Sequence

    from lxml import etree

    from checker.discover.feeds import FeedEntry

__all__ = [
    "EXPORT_SUFFIXES",
    "export_pages",
    "exported",
    "file_address",
    "looks_like_export",
    "xml_page",
]

EXPORT_SUFFIXES = frozenset({".xml", ".atom", ".rss", ".wxr"})
_XML_ROOTS = ("<feed", "<rss", "<urlset", "<sitemapindex")
_JSON_FEED = "jsonfeed.org/version/"
_LINK_ATTRIBUTES = frozenset({"href", "src", "htmlurl", "xmlurl", "url"})
"""Local names (lower case) of the attributes whose value an XML file means as a link (``url``:
an OPML ``type="link"`` outline's, a media element's)."""
_HTML_NAMED = re.compile(r"<(?:!doctype\s+html|html)\b", ASCII_IGNORECASE)
"""XHTML opens with an XML declaration too: read as the page it is, not as XML."""


def looks_like_export(path: Path, head: str) -> bool:
    """Whether a file may be an export, feed or sitemap, or other XML: an XML suffix, an XML
    declaration before a feed's or sitemap's root, or opening a file whose name is of no
    post's kind and whose start names no HTML (an ``.opml``, a ``.plist``, a WML deck: sniffed,
    OPML's ``<body>`` made it HTML, its outlines' links unread, ``nothing-checked``; a WML deck
    was text, its DTD's address cited: probe30), or JSON naming the JSON Feed version."""
    start = head.lstrip()[:512].lower()
    return (
        path.suffix.lower() in EXPORT_SUFFIXES
        or (
            start.startswith("<?xml")
            and (
                any(root in start for root in _XML_ROOTS)
                or (name_kind(path) is None and _HTML_NAMED.search(head) is None)
            )
        )
        or (start.startswith("{") and _JSON_FEED in head.replace("\\/", "/"))
    )


def export_pages(text: str, origin: str) -> tuple[Page, ...] | None:
    """The pages of :func:`exported` (its posts), or None when ``text`` is no export, feed or
    sitemap."""
    found = exported(text, origin)
    return None if found is None else found[0]


def exported(text: str, origin: str) -> tuple[tuple[Page, ...], tuple[Unread, ...]] | None:
    """One page per post of an export or feed, the one page of links of a sitemap, or None when
    ``text`` is none of these; with the posts the file names but does not hold (an Atom entry
    whose content is only its address, ``<content src=…>``), said unread: their page holds what
    the entry does (its title, its ``via`` credits), not the post's text and citations; and
    the posts it holds only an excerpt of, said read in part (:data:`_EXCERPT`).

    A post the export gives no address for is named by the blog's address (or the file's) and
    its id (:func:`~checker.discover.feeds.parse_feed`).
    """
    # The feed reader (lxml's XML parser) is imported only when a file may be an export.
    from checker.discover.feeds import (  # noqa: PLC0415
        entry_line_offset,
        entry_page_html,
        parse_feed,
        read_in_part,
    )
    from checker.discover.sitemap import sitemap_locations  # noqa: PLC0415

    feed = parse_feed(text, file_address(origin))
    if feed is None:
        located = sitemap_locations(text)
        if located is None:
            return None
        links = Page(file_address(origin), origin, _body(_link_lines(located)), PageKind.MARKDOWN)
        return (links,), ()
    unique = {entry.url: entry for entry in reversed(feed.entries)}
    ends = _content_ends(feed.entries, text.count("\n") + 1)
    kept = [
        (entry, end)
        for entry, end in zip(feed.entries, ends, strict=True)
        if unique.pop(entry.url, None) is not None
    ]
    pages = tuple(
        Page(
            entry.url,
            origin,
            entry_page_html(_on_its_lines(entry, end), at_lines=True),
            PageKind.HTML,
            entry_line_offset(entry),
        )
        for entry, end in kept
    )
    elsewhere = tuple(
        Unread(entry.url, _CONTENT_ELSEWHERE.format(entry.content_at), fix=_CONTENT_ELSEWHERE_FIX)
        if entry.content_at is not None
        else Unread(entry.url, _EXCERPT, fix=_EXCERPT_FIX, cut=True)
        for entry, _ in kept
        if entry.content_at is not None or read_in_part(entry)
    )
    return pages, elsewhere


_CONTENT_ELSEWHERE = (
    "the feed holds not this post's content but its address ({}, Atom's out-of-line content), "
    "so the post's text was not in the file"
)
_CONTENT_ELSEWHERE_FIX = "name the post's page (or the content's address) as an input"
_EXCERPT = "the feed holds an excerpt of it, a summary or description, not its text"
"""Why a saved feed's entry of an excerpt (:func:`~checker.discover.feeds.read_in_part`) is a
post read in part: its citations are the excerpt's, the post's others are not in the file.
Read as the whole post, its links past the excerpt passed with no word (session 33 left); a
crawl reads such an entry's post from its page instead."""
_EXCERPT_FIX = "name the post's page, or the blog's address, as an input: the post is read whole"


def _content_ends(entries: Sequence[FeedEntry], last: int) -> list[int]:
    """The last line of the file each entry's content may reach: the line before the next
    entry's content (entries are in the file's order), else the file's ``last``."""
    ends, end = [], last
    for entry in reversed(entries):
        ends.append(end)
        end = entry.line - 1 if entry.line else end
    return ends[::-1]


def _on_its_lines(entry: FeedEntry, end: int) -> FeedEntry:
    """``entry`` with its content's line breaks made spaces when they would carry it past
    ``end``: a break written as a character reference (``&#10;``) is none of the file's lines,
    and the citations after it were said past their lines, past the file's end (a citation of
    line 18 at 23 of a 21-line file: session 33's review).  They are then all at the content's
    first line, in the file, rather than at lines it does not have."""
    if not entry.line or entry.line + entry.content.count("\n") <= end:
        return entry
    return dataclasses.replace(entry, content=entry.content.replace("\n", " "))


def xml_page(text: str, origin: str) -> Page | None:
    """An XML file that is no export, feed or sitemap as one page of its links and its text
    (:func:`_xml_lines`), or None when ``text`` is not XML."""
    from checker.discover.feeds import xml_root  # noqa: PLC0415 (lxml: see export_pages)

    root = xml_root(text)
    if root is None:
        return None
    return Page(file_address(origin), origin, _body(_xml_lines(root)), PageKind.MARKDOWN)


def file_address(origin: str) -> str:
    """The file as a URL, the address of last resort for a post that names none: its path
    made absolute where it was found, not through its symbolic links, so that its relative
    links lead where they do in the folder read (a folder linked in, an input folder that is a
    link), as a site generator and an editor resolve them; resolved, they led "outside the
    tree" and were never checked (session 32)."""
    path = PurePath(origin)
    try:
        return Path(os.path.abspath(path)).as_uri() if path.parts else origin
    except (OSError, ValueError):
        return origin


def _link_lines(located: tuple[tuple[int, str], ...]) -> dict[int, list[str]]:
    """A link to each URL on the line it was read from (:func:`_body`)."""
    lines: dict[int, list[str]] = {}
    for line, url in located:
        lines.setdefault(line, []).append(_anchor(url))
    return lines


def _anchor(url: str) -> str:
    """A link written as an HTML anchor, which Markdown keeps as it is: the href goes to the
    link stage as written (a relative one resolved against the file, a malformed one
    reported), where an autolink takes only an absolute URL and a bare URL loses a last ``)``
    or ``.`` as punctuation."""
    return f'<a href="{escape(url)}">{escape(url)}</a>'


def _xml_lines(root: etree._Element) -> dict[int, list[str]]:
    """An XML document's link attributes as links and its text as text, each on its line.

    lxml gives an element's line, not a text's: an element's text starts on its line, and the
    text after it (its tail) ends where the next sibling starts (else it is put on the
    element's own line).  Comments and processing instructions are left out, their tails not.
    """
    lines: dict[int, list[str]] = {}
    for node in root.iter():
        line = node.sourceline or 1
        if isinstance(node.tag, str):
            for name, value in node.attrib.items():
                if name.rsplit("}", 1)[-1].lower() in _LINK_ATTRIBUTES and value.strip():
                    lines.setdefault(line, []).append(_anchor(value.strip()))
            _add_text(lines, line, node.text)
        if node.tail and node.tail.strip() and node is not root:
            after = node.getnext()
            end = after.sourceline or line if after is not None else line + node.tail.count("\n")
            _add_text(lines, max(end - node.tail.count("\n"), line), node.tail)
    return lines


def _add_text(lines: dict[int, list[str]], first: int, text: str | None) -> None:
    """Each line of ``text`` as Markdown text from line ``first`` on: its indent dropped (four
    spaces make a code block, whose URLs are not read) and what Markdown would read as markup
    of its own (``<``, ``&``, a fence's backtick) written as character references."""
    for offset, part in enumerate((text or "").split("\n")):
        written = escape(part.strip(), quote=False).replace("`", "&#96;")
        if written.startswith("~"):
            written = "&#126;" + written[1:]
        if written:
            lines.setdefault(first + offset, []).append(written)


def _body(lines: dict[int, list[str]]) -> str:
    """A Markdown body holding each line's pieces on its line number, so that every citation
    keeps the line of the file it was read from."""
    last = max(lines, default=0)
    return "".join(" ".join(lines.get(number, ())) + "\n" for number in range(1, last + 1))
