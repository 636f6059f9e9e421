"""Which extractor reads a page: by its name's suffix, else by sniffing its body."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from checker.encoding import ASCII_IGNORECASE, is_html_type
from checker.model import MARKDOWN_SUFFIXES, PageKind

__all__ = ["PAGE_SUFFIXES", "entry_of", "gunzipped_name", "name_kind", "page_kind"]

PAGE_SUFFIXES: dict[str, PageKind] = {
    ".html": PageKind.HTML,
    ".htm": PageKind.HTML,
    ".xhtml": PageKind.HTML,
    # A page saved as one MIME message: the HTML it holds (checker.discover.mhtml, probe 31).
    ".mhtml": PageKind.HTML,
    ".mht": PageKind.HTML,
    # Markdown and the formats that are Markdown with extras (Quarto, R Markdown, MDX): their
    # links are Markdown links, and code chunks are code (skipped unless --include-verbatim).
    **dict.fromkeys(MARKDOWN_SUFFIXES, PageKind.MARKDOWN),
    ".txt": PageKind.TEXT,
    # Other plain-text markups (lychee reads any plain-text file for URLs): their links are URLs
    # written out (reST's `text <URL>`_ and `.. _name: URL`, AsciiDoc's URL[text], Org's
    # [[URL][text]]), which the text extractor finds as it finds bare ones.  They were left out
    # of a folder with no word (probe 19).
    ".rst": PageKind.TEXT,
    ".rest": PageKind.TEXT,
    ".adoc": PageKind.TEXT,
    ".asciidoc": PageKind.TEXT,
    ".org": PageKind.TEXT,
    # Prose markups of the same kind (probe 20): LaTeX's \url{URL} and \href{URL}{text},
    # Textile's "text":URL, a wiki page's [URL text].  Their code and comments are blanked by
    # checker.extract.markups, as reST's are.
    ".tex": PageKind.TEXT,
    ".latex": PageKind.TEXT,
    ".ltx": PageKind.TEXT,
    ".textile": PageKind.TEXT,
    ".text": PageKind.TEXT,
    ".wiki": PageKind.TEXT,
    ".mediawiki": PageKind.TEXT,
}


def gunzipped_name(path: Path) -> Path | None:
    """The file a gzipped one stands for (``sitemap.xml.gz``: ``sitemap.xml``, ``post.md.gz``:
    ``post.md``), read as that file once gunzipped, as a fetched one is; None for a name that
    does not end in ``.gz`` (or is ``.gz`` alone)."""
    name = path.name
    return path.with_name(name[:-3]) if len(name) > 3 and name[-3:].lower() == ".gz" else None


def entry_of(item: str) -> tuple[bool, bool]:
    """``(folder, file)``: what the input ``item`` names on disk, ``(False, False)`` for a URL,
    nothing there, or a name the OS will not look at (too long: discovery says what it is).
    The driver's looks before the run (its roots, its imports) never fail on an input."""
    try:
        path = Path(item)
        return path.is_dir(), path.is_file()
    except OSError:
        return False, False


def name_kind(path: Path) -> PageKind | None:
    """The kind of post a file's name says: its suffix's, or a gzipped post's (``post.md.gz``:
    ``post.md``'s); None for a name of no post's kind.  One rule for discovery, which reads
    such a file as a post, and the driver, which imports a post's parser before it forks."""
    kind = PAGE_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        inner = gunzipped_name(path)
        kind = PAGE_SUFFIXES.get(inner.suffix.lower()) if inner is not None else None
    return kind


# JSON (a notebook, an export) holds HTML as strings but is never a page of it: sniffed, a
# notebook whose first cell wrote ``<!DOCTYPE html`` was read as HTML, not by cell (probe 26b2).
_JSON_SUFFIXES = frozenset({".json", ".ipynb"})


def page_kind(name: str, head: str, content_type: str | None = None) -> PageKind:
    """The page kind by file suffix, else by the ``content_type`` a server gave it (HTML), else
    by sniffing the start of the body.  A served page of no ``<html>`` or ``<body>`` tag (HTML
    leaves both out) was sniffed as text: its title was its markup, its relative links lost.

    ``name`` is a URL (its path's suffix counts, not its query's or fragment's) or a local
    file's name, whose ``#`` and ``?`` are its own characters: split as a URL, ``#draft.md``
    had no suffix and was read as text, its links unseen, a run that passed (left36)."""
    suffix = Path(urlsplit(name).path if "://" in name else name).suffix.lower()
    if suffix in PAGE_SUFFIXES:
        return PAGE_SUFFIXES[suffix]
    if suffix in _JSON_SUFFIXES:
        return PageKind.TEXT
    if is_html_type(content_type):
        return PageKind.HTML
    return (
        PageKind.HTML
        if re.search(r"<(!doctype html|html|body)\b", head[:2048], ASCII_IGNORECASE)
        else (PageKind.TEXT)
    )
