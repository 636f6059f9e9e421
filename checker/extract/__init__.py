"""The ``extract`` stage: from one input page to its posts and what each post cites.

One switch picks the extractor by the page's kind (HTML, Markdown, plain text), as lychee's
``extract/mod.rs`` matches on file type.  Every extractor flattens its posts to numbered lines
and hands them to the same attribution and link readers, so the three formats cannot disagree
about what counts as a citation.  Extraction is pure and synchronous: no network, no files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from checker.extract.markdown import extract_markdown
from checker.extract.posts import extract_html
from checker.extract.text import extract_text
from checker.model import PageKind

if TYPE_CHECKING:
    from collections.abc import Callable

    from checker.model import Document, Page

__all__ = ["extract"]

_EXTRACTORS: dict[PageKind, Callable[[Page], tuple[Document, ...]]] = {
    PageKind.HTML: extract_html,
    PageKind.MARKDOWN: extract_markdown,
    PageKind.TEXT: extract_text,
}


def extract(page: Page) -> tuple[Document, ...]:
    """The posts on ``page``, each with its citations in page order."""
    return _EXTRACTORS[page.kind](page)
