"""Sitemaps (``urlset``) and sitemap indexes (``sitemapindex``) read into URLs and their lastmod.

A sitemap is the second-best way to find every post: it names each one (with ``lastmod``, which
incremental checking needs) but not its content, so each post is still fetched.  Blogger serves
``/sitemap.xml`` as an index of numbered sitemap pages and names it in robots.txt.

A sitemap saved to a file is read by :func:`sitemap_locations` for each ``<loc>`` and its line:
the input is then a list of URLs to check, as lychee reads one (:mod:`checker.discover.exports`).
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from checker.discover.feeds import xml_root
from checker.discover.urls import absolute

__all__ = ["SitemapPage", "parse_sitemap", "sitemap_locations"]


@dataclass(frozen=True, slots=True)
class SitemapPage:
    """One sitemap document: page URLs with their lastmod, and child sitemaps of an index."""

    urls: tuple[tuple[str, str | None], ...] = ()
    children: tuple[str, ...] = ()


def parse_sitemap(text: str, base_url: str) -> SitemapPage | None:
    """The entries of a sitemap or sitemap index, or None when ``text`` is neither."""
    found = _entries(text)
    if found is None:
        return None
    index, entries = found
    located = ((absolute(base_url, loc), lastmod) for _line, loc, lastmod in entries)
    if index:
        return SitemapPage(children=tuple(url for url, _lastmod in located if url))
    return SitemapPage(urls=tuple((url, lastmod) for url, lastmod in located if url))


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


def _local(element: etree._Element) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _child(element: etree._Element, name: str) -> etree._Element | None:
    return next((child for child in element if _local(child) == name), None)


def _text(element: etree._Element | None) -> str | None:
    text = "".join(element.itertext()).strip() if element is not None else ""
    return text or None
