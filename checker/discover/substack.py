"""A Substack export's posts titled as the export names them.

Substack's export is ``posts.csv`` (a row a post: ``post_id``, ``post_date``, ``is_published``,
…, ``title``, ``subtitle``) beside a folder ``posts/`` holding each post's body as an HTML
fragment named by its id, ``posts/123456.my-slug.html``: no ``<title>``, no heading.  Read as a
folder, each post was named by its file and a draft (``is_published`` false) was not marked (a
Substack export's posts untitled, session 32 left).  The title the CSV gives is put before the
fragment, on its first line (its lines keep their numbers), ``[draft]`` in front of a draft's,
as an export's drafts are shown (:func:`checker.discover.feeds.entry_label`).
"""

from __future__ import annotations

import os
from functools import lru_cache
from html import escape
from pathlib import Path

from checker.model import titled_state

__all__ = ["substack_titled"]

_HEADER = ("post_id", "post_date", "is_published")
"""How Substack's ``posts.csv`` starts: a CSV of another shape names no post."""
_MAX_CSV_BYTES = 20 * 1024 * 1024
"""A bigger ``posts.csv`` is read for no title (an export's is a few hundred bytes a post)."""


def substack_titled(path: Path, text: str) -> str:
    """``text``, the file ``path``, with the title its Substack export gives it (module
    docstring) before it; as it is when it is no such export's post."""
    if path.parent.name != "posts" or not path.name.lower().endswith(".html"):
        return text
    listing = path.parent.parent / "posts.csv"
    try:
        stat = os.stat(listing)
    except OSError:
        return text
    if stat.st_size > _MAX_CSV_BYTES:
        return text
    found = _titles(listing, stat.st_mtime_ns, stat.st_size).get(path.name[: -len(".html")])
    if found is None:
        return text
    title, published = found
    shown = titled_state(title, None if published else "draft")
    return f"<title>{escape(shown)}</title>{text}" if shown else text


@lru_cache(maxsize=16)  # the export's posts share one CSV: read once (a changed file anew)
def _titles(listing: Path, mtime: int, size: int) -> dict[str, tuple[str, bool]]:
    """Each post's id in ``listing`` (a Substack ``posts.csv``) and its title and whether it is
    published; empty when the file is no such CSV."""
    del mtime, size  # the cache's key: the file as it is now
    import csv  # noqa: PLC0415 (a run reading no Substack export loads no CSV reader)

    try:
        with listing.open(encoding="utf-8-sig", newline="") as handle:
            rows = csv.reader(handle)
            header = [name.strip().lower() for name in next(rows, [])]
            if tuple(header[: len(_HEADER)]) != _HEADER or "title" not in header:
                return {}
            at = header.index("title")
            return {
                row[0].strip(): (row[at].strip(), row[2].strip().lower() == "true")
                for row in rows
                if len(row) > at and row[0].strip()
            }
    except (OSError, UnicodeDecodeError, csv.Error):
        return {}
