"""The ``extract`` stage: from one input page to its posts and what each post cites.

One switch picks the extractor by the page's kind (HTML, Markdown, plain text), as lychee's
``extract/mod.rs`` matches on file type.  Every extractor flattens its posts to numbered lines
and hands them to the same attribution and link readers, so the three formats cannot disagree
about what counts as a citation.  Extraction is pure and synchronous: no network, no files;
so a page whose text (and this stage's code) did not change since a run that kept its posts in
the memo (:mod:`checker.memo`) is not parsed again.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import TYPE_CHECKING

from checker.extract.markdown import extract_markdown
from checker.extract.markups import html_passthroughs, readable
from checker.extract.posts import extract_html
from checker.extract.text import extract_text
from checker.memo import code_fingerprint, recall, remembered
from checker.model import Document, PageKind

if TYPE_CHECKING:
    from collections.abc import Callable

    from checker.model import Memo, Page

__all__ = ["extract", "kept"]

_HASH_CHARS = 1 << 20
_DOCUMENTS = tuple[Document, ...]
"""What the memo keeps for a page (decoded field by field by :func:`checker.memo.decode`)."""

_EXTRACTORS: dict[PageKind, Callable[..., tuple[Document, ...]]] = {
    PageKind.HTML: extract_html,
    PageKind.MARKDOWN: extract_markdown,
    PageKind.TEXT: extract_text,
}


def extract(
    page: Page,
    memo: Memo | None = None,
    *,
    include_verbatim: bool = False,
    max_citations: int | None = None,
) -> tuple[Document, ...]:
    """The posts on ``page``, each with its citations in page order (kept in ``memo``, if any).

    ``include_verbatim`` also takes links in code as citations (``--include-verbatim``);
    ``max_citations`` caps each post's citations (None or 0: no cap), the rest being counted in
    :attr:`~checker.model.Document.omitted`.  Both are part of the memo's key, since they change
    what a page cites.
    """
    limit = max_citations or None

    def run() -> tuple[Document, ...]:
        if page.kind is PageKind.TEXT:  # plain text has no markup that says what is code...
            # ...but reST, AsciiDoc, Org, LaTeX and Textile do (probe 19c), with or without
            # include_verbatim (which reads the code without its marks, as Markdown's)
            name = page.origin or page.url
            body = readable(page.body, name, include_verbatim=include_verbatim)
            passed = html_passthroughs(page.body, name)  # AsciiDoc's ++++: HTML, read as such
            read = replace(page, body=body) if body is not page.body else page
            return extract_text(
                read, max_citations=limit, html=passed, include_verbatim=include_verbatim
            )
        return _EXTRACTORS[page.kind](page, include_verbatim=include_verbatim, max_citations=limit)

    if memo is None:  # no fingerprint to take: hashing the page would be wasted work
        return run()
    subject, inputs = _memo_key(page, include_verbatim, limit)
    return remembered(memo, subject, inputs, _DOCUMENTS, run)


def kept(
    page: Page,
    memo: Memo | None,
    *,
    include_verbatim: bool = False,
    max_citations: int | None = None,
) -> tuple[Document, ...] | None:
    """What :func:`extract` would take back from ``memo`` for ``page`` (None: it would parse it).

    A run that can extract elsewhere (a worker process) asks this first: a page a warm run
    kept costs a decode here, less than the page's trip to a worker that would parse it anew.
    """
    if memo is None:
        return None
    subject, inputs = _memo_key(page, include_verbatim, max_citations or None)
    return recall(memo, subject, inputs, _DOCUMENTS)


def _memo_key(page: Page, include_verbatim: bool, limit: int | None) -> tuple[str, str]:
    """The memo's subject for ``page`` and the fingerprint of everything its posts depend on."""
    digest = hashlib.sha256(code_fingerprint("extract", "urls").encode())
    digest.update(repr((page.url, page.origin, page.kind, include_verbatim, limit)).encode())
    for start in range(0, len(page.body), _HASH_CHARS):  # no whole copy of a 49 MB page
        digest.update(page.body[start : start + _HASH_CHARS].encode("utf-8", "surrogatepass"))
    # the subject is hashed: a page URL may carry a credential, and the store file keeps no secret
    subject = "extract:" + hashlib.sha256(page.url.encode("utf-8", "surrogatepass")).hexdigest()
    return subject, digest.hexdigest()
