"""Sitemaps (``urlset``) and sitemap indexes (``sitemapindex``) read into URLs and their lastmod.

A sitemap is the second-best way to find every post: it names each one (with ``lastmod``, which
incremental checking needs) but not its content, so each post is still fetched.  Blogger serves
``/sitemap.xml`` as an index of numbered sitemap pages and names it in robots.txt.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from checker.discover.feeds import xml_root
from checker.discover.urls import absolute

__all__ = ["SitemapPage", "parse_sitemap"]


@dataclass(frozen=True, slots=True)
class SitemapPage:
    """One sitemap document: page URLs with their lastmod, and child sitemaps of an index."""

    urls: tuple[tuple[str, str | None], ...] = ()
    children: tuple[str, ...] = ()


def parse_sitemap(text: str, base_url: str) -> SitemapPage | None:
    """The entries of a sitemap or sitemap index, or None when ``text`` is neither."""
    root = xml_root(text)
    if root is None:
        return None
    name = _local(root)
    if name == "sitemapindex":
        locs = (_child_text(s, "loc") for s in root if _local(s) == "sitemap")
        children = (absolute(base_url, loc) for loc in locs if loc)
        return SitemapPage(children=tuple(url for url in children if url))
    if name == "urlset":
        urls = []
        for entry in (u for u in root if _local(u) == "url"):
            loc = _child_text(entry, "loc")
            url = absolute(base_url, loc) if loc else None
            if url is not None:
                urls.append((url, _child_text(entry, "lastmod")))
        return SitemapPage(urls=tuple(urls))
    return None


def _local(element: etree._Element) -> str:
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _child_text(element: etree._Element, name: str) -> str | None:
    for child in element:
        if _local(child) == name:
            text = "".join(child.itertext()).strip()
            return text or None
    return None
