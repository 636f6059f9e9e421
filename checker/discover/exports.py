"""Blog exports given as input files: a Blogger export (Atom) or a WordPress WXR file (RSS).

An export holds every post of a blog with its HTML, its permalink and its dates, so checking a
blog from its export needs no request at all.  Both formats are read by :mod:`feeds`, which keeps
every post and page the author wrote, published or not: a draft's body is in the export, so its
citations are checked, and its title says ``[draft]`` (Blogger ``kind#post``/``kind#page`` or
``blogger:type`` ``POST``/``PAGE``; WXR items of any ``wp:post_type`` but attachments, menu items,
revisions and the like).  A plain Atom or RSS feed saved to a file is read the same way.
"""

from __future__ import annotations

from pathlib import Path, PurePath

from checker.model import Page, PageKind

__all__ = ["EXPORT_SUFFIXES", "export_pages", "looks_like_export"]

EXPORT_SUFFIXES = frozenset({".xml", ".atom", ".rss", ".wxr"})


def looks_like_export(path: Path, head: str) -> bool:
    """Whether a file may be an export or feed: an XML suffix, or an XML declaration up front."""
    start = head.lstrip()[:512].lower()
    return path.suffix.lower() in EXPORT_SUFFIXES or (
        start.startswith("<?xml") and ("<feed" in start or "<rss" in start)
    )


def export_pages(text: str, origin: str) -> tuple[Page, ...] | None:
    """One page per post of an export or feed, or None when ``text`` is neither.

    A post the export gives no address for is named by the blog's address (or the file's) and
    its id (:func:`~checker.discover.feeds.parse_feed`).
    """
    # The feed reader (lxml's XML parser) is imported only when a file may be an export.
    from checker.discover.feeds import entry_page_html, parse_feed  # noqa: PLC0415

    feed = parse_feed(text, _base(origin))
    if feed is None:
        return None
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
