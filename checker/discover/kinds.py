"""Which extractor reads a page: by its name's suffix, else by sniffing its body."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from checker.encoding import ASCII_IGNORECASE
from checker.model import MARKDOWN_SUFFIXES, PageKind

__all__ = ["PAGE_SUFFIXES", "page_kind"]

PAGE_SUFFIXES: dict[str, PageKind] = {
    ".html": PageKind.HTML,
    ".htm": PageKind.HTML,
    ".xhtml": PageKind.HTML,
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


# JSON (a notebook, an export) holds HTML as strings but is never a page of it: sniffed, a
# notebook whose first cell wrote ``<!DOCTYPE html`` was read as HTML, not by cell (probe 26b2).
_JSON_SUFFIXES = frozenset({".json", ".ipynb"})


def page_kind(name: str, head: str) -> PageKind:
    """The page kind by file suffix, else by sniffing the start of the body."""
    suffix = Path(urlsplit(name).path).suffix.lower()
    if suffix in PAGE_SUFFIXES:
        return PAGE_SUFFIXES[suffix]
    if suffix in _JSON_SUFFIXES:
        return PageKind.TEXT
    return (
        PageKind.HTML
        if re.search(r"<(!doctype html|html|body)\b", head[:2048], ASCII_IGNORECASE)
        else (PageKind.TEXT)
    )
