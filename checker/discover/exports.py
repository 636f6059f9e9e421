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
"""

from __future__ import annotations

from html import escape
from pathlib import Path, PurePath

from checker.model import Page, PageKind

__all__ = ["EXPORT_SUFFIXES", "export_pages", "looks_like_export"]

EXPORT_SUFFIXES = frozenset({".xml", ".atom", ".rss", ".wxr"})
_XML_ROOTS = ("<feed", "<rss", "<urlset", "<sitemapindex")
_JSON_FEED = "jsonfeed.org/version/"


def looks_like_export(path: Path, head: str) -> bool:
    """Whether a file may be an export, feed or sitemap: an XML suffix, an XML declaration
    before a feed's or sitemap's root, or JSON naming the JSON Feed version."""
    start = head.lstrip()[:512].lower()
    return (
        path.suffix.lower() in EXPORT_SUFFIXES
        or (start.startswith("<?xml") and any(root in start for root in _XML_ROOTS))
        or (start.startswith("{") and _JSON_FEED in head.replace("\\/", "/"))
    )


def export_pages(text: str, origin: str) -> tuple[Page, ...] | None:
    """One page per post of an export or feed, the one page of links of a sitemap, or None when
    ``text`` is none of these.

    A post the export gives no address for is named by the blog's address (or the file's) and
    its id (:func:`~checker.discover.feeds.parse_feed`).
    """
    # The feed reader (lxml's XML parser) is imported only when a file may be an export.
    from checker.discover.feeds import entry_page_html, parse_feed  # noqa: PLC0415
    from checker.discover.sitemap import sitemap_locations  # noqa: PLC0415

    feed = parse_feed(text, _base(origin))
    if feed is None:
        located = sitemap_locations(text)
        if located is None:
            return None
        return (Page(_base(origin), origin, _link_lines(located), PageKind.MARKDOWN),)
    unique = {entry.url: entry for entry in reversed(feed.entries)}
    return tuple(
        Page(entry.url, origin, entry_page_html(entry), PageKind.HTML)
        for entry in feed.entries
        if unique.pop(entry.url, None) is not None
    )


def _base(origin: str) -> str:
    """The export file as a URL, the address of last resort for a post that names none."""
    path = PurePath(origin)
    try:
        return Path(path).resolve().as_uri() if path.parts else origin
    except (OSError, ValueError):
        return origin


def _link_lines(located: tuple[tuple[int, str], ...]) -> str:
    """A Markdown body with a link to each URL on the line it was read from.  Written as an
    HTML anchor, which Markdown keeps as it is: the href goes to the link stage as written (a
    relative one resolved against the file, a malformed one reported), where an autolink takes
    only an absolute URL and a bare URL loses a last ``)`` or ``.`` as punctuation."""
    lines: dict[int, list[str]] = {}
    for line, url in located:
        lines.setdefault(line, []).append(f'<a href="{escape(url)}">{escape(url)}</a>')
    last = max(lines, default=0)
    return "".join(" ".join(lines.get(number, ())) + "\n" for number in range(1, last + 1))
