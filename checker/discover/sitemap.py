"""Sitemaps (``urlset``) and sitemap indexes (``sitemapindex``) read into URLs and their lastmod.

A sitemap is the second-best way to find every post: it names each one (with ``lastmod``, which
incremental checking needs) but not its content, so each post is still fetched.  Blogger serves
``/sitemap.xml`` as an index of numbered sitemap pages and names it in robots.txt.

A sitemap may also be a text file, one absolute URL a line (sitemaps.org's "Text file" format,
which Google reads under any ``.txt`` name): one named ``sitemap….txt``, or declared as a
sitemap (a robots.txt ``Sitemap:`` line, a sitemap index's child), is read as one; a ``.txt``
holding anything but URLs is none.  Named as an input, ``https://blog/sitemap.txt`` was one
document of links, no post read (session 32 left); robots.txt's was "not a sitemap".

A sitemap saved to a file is read by :func:`sitemap_locations` for each ``<loc>`` and its line:
the input is then a list of URLs to check, as lychee reads one (:mod:`checker.discover.exports`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree

from checker.discover.feeds import xml_root
from checker.discover.urls import absolute
from checker.lazyre import lazy

__all__ = ["SitemapPage", "parse_sitemap", "sitemap_locations"]

_TEXT_SITEMAP_URL = lazy(r"https?://[^\s/?#]++\S*+", re.IGNORECASE)
r"""One line of a text sitemap: an absolute http(s) URL, nothing else (sitemaps.org).  Possessive:
``[^\s/?#]+[^\s]*`` gave back the host a character at a time to ``fullmatch`` a line holding a
space, quadratic in its length (one 40k-character line took 29 s, a 5 MB one days)."""


@dataclass(frozen=True, slots=True)
class SitemapPage:
    """One sitemap document: page URLs with their lastmod, and child sitemaps of an index."""

    urls: tuple[tuple[str, str | None], ...] = ()
    children: tuple[str, ...] = ()
    unusable: tuple[str, ...] = ()
    """Each ``<loc>`` as written that names no web page (``mailto:…``, ``https://?x``, a
    ``ftp:`` address): the post it stands for cannot be read, so the crawl says it (dropped
    without a word, a post the site lists was never checked: session 37's note)."""
    ends_unusable: bool = False
    """Whether the document's last entry is the last of :attr:`unusable` (a cut sitemap's last
    entry may be cut: the crawl drops that one, not a good one before it)."""


def parse_sitemap(text: str, base_url: str, *, declared: bool = False) -> SitemapPage | None:
    """The entries of a sitemap or sitemap index, or None when ``text`` is neither; a text
    sitemap (module docstring) when ``base_url`` names one or is ``declared`` as a sitemap."""
    found = _entries(text)
    if found is None and _text_sitemap_named(base_url, declared=declared):
        found = _text_entries(text)
    if found is None:
        return None
    index, entries = found
    located = [(absolute(base_url, loc), loc, lastmod) for _line, loc, lastmod in entries]
    unusable = tuple(loc for url, loc, _lastmod in located if url is None)
    ends_unusable = bool(located) and located[-1][0] is None
    if index:
        children = tuple(url for url, _loc, _lastmod in located if url)
        return SitemapPage(children=children, unusable=unusable, ends_unusable=ends_unusable)
    urls = tuple((url, lastmod) for url, _loc, lastmod in located if url)
    return SitemapPage(urls=urls, unusable=unusable, ends_unusable=ends_unusable)


def sitemap_locations(text: str) -> tuple[tuple[int, str], ...] | None:
    """Each ``<loc>`` of a sitemap or sitemap index as written, with the line it is on, or None
    when ``text`` is neither."""
    found = _entries(text)
    return None if found is None else tuple((line, loc) for line, loc, _lastmod in found[1])


def _entries(text: str) -> tuple[bool, list[tuple[int, str, str | None]]] | None:
    """Whether ``text`` is a sitemap index, and its entries' ``(line, loc, lastmod)`` (an entry
    without a ``<loc>`` is none), or None when it is no sitemap."""
    root = xml_root(text)
    if root is None:
        return None
    name = _local(root)
    if name not in ("sitemapindex", "urlset"):
        return None
    wanted = "sitemap" if name == "sitemapindex" else "url"
    entries = []
    for entry in (e for e in root if _local(e) == wanted):
        loc = _child(entry, "loc")
        written = _text(loc)
        if loc is not None and written:
            entries.append((loc.sourceline or 0, written, _text(_child(entry, "lastmod"))))
    return name == "sitemapindex", entries


def _text_sitemap_named(url: str, *, declared: bool) -> bool:
    """Whether ``url`` may be a text sitemap: a ``.txt`` declared as a sitemap, or one whose
    name says it is (``sitemap.txt``, ``sitemap-posts.txt``)."""
    path = urlsplit(url).path.lower()
    return path.endswith(".txt") and (declared or path.rsplit("/", 1)[-1].startswith("sitemap"))


def _text_entries(text: str) -> tuple[bool, list[tuple[int, str, str | None]]] | None:
    """A text sitemap's URLs with their lines (a blank line skipped), or None when a line is no
    absolute http(s) URL or none is: then it is no sitemap but a text."""
    entries: list[tuple[int, str, str | None]] = []
    for number, line in enumerate(text.removeprefix("\ufeff").splitlines(), 1):
        written = line.strip()
        if not written:
            continue
        if not _TEXT_SITEMAP_URL.fullmatch(written):
            return None
        entries.append((number, written, None))
    return (False, entries) if entries else None


def _local(element: etree._Element) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _child(element: etree._Element, name: str) -> etree._Element | None:
    return next((child for child in element if _local(child) == name), None)


def _text(element: etree._Element | None) -> str | None:
    text = "".join(element.itertext()).strip() if element is not None else ""
    return text or None
