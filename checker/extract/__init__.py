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
from typing import TYPE_CHECKING, Any

from checker.extract.citations import relined
from checker.extract.ghost import extract_ghost
from checker.extract.markdown import SITE_ALIAS, extract_markdown, site_of
from checker.extract.markups import read_markup, suffix_of
from checker.extract.posts import extract_html
from checker.extract.text import extract_text
from checker.extract.wikilinks import vault_names_digest
from checker.memo import code_digest, recall, remembered
from checker.model import Citation, CitationKind, Document, PageKind

if TYPE_CHECKING:
    from collections.abc import Callable

    from checker.model import Memo, Page

__all__ = ["code_hash", "extract", "kept", "with_fragments"]

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
    include_fragments: bool = False,
) -> tuple[Document, ...]:
    """The posts on ``page``, each with its citations in page order (kept in ``memo``, if any).

    ``include_verbatim`` also takes links in code as citations (``--include-verbatim``);
    ``max_citations`` caps each post's citations (None or 0: no cap), the rest being counted in
    :attr:`~checker.model.Document.omitted`.  Both are part of the memo's key, since they change
    what a page cites.  ``include_fragments`` (``--include-fragments``) keeps the links'
    fragments for verify to check (:func:`with_fragments`), applied to what the memo keeps.
    """
    limit = max_citations or None

    def run() -> tuple[Document, ...]:
        if page.kind is PageKind.TEXT:  # plain text has no markup that says what is code...
            # ...but reST, AsciiDoc, Org, LaTeX and Textile do (probe 19c), with or without
            # include_verbatim (which reads the code without its marks, as Markdown's)
            name = page.origin or page.url
            # a notebook says which cells are code, an export which strings are posts (probe
            # 25 left (1), (2)); JSON of any other shape is read as JSON text
            suffix = suffix_of(name)
            reader = _JSON_READERS.get(suffix)
            if reader is not None:
                posts = reader(page, include_verbatim=include_verbatim, max_citations=limit)
                if posts is not None:
                    return posts
            # the passages it passes through as they are (AsciiDoc's ++++): HTML, read as such
            body, passed = read_markup(page.body, name, include_verbatim=include_verbatim)
            read = replace(page, body=body) if body is not page.body else page
            return extract_text(
                read, max_citations=limit, html=passed, include_verbatim=include_verbatim
            )
        return _EXTRACTORS[page.kind](page, include_verbatim=include_verbatim, max_citations=limit)

    if memo is None:  # no fingerprint to take: hashing the page would be wasted work
        return _at_file_lines(with_fragments(run(), page, include=include_fragments), page)
    subject, inputs = _memo_key(page, include_verbatim, limit)
    posts = remembered(memo, subject, inputs, _DOCUMENTS, run)
    return _at_file_lines(with_fragments(posts, page, include=include_fragments), page)


def kept(
    page: Page,
    memo: Memo | None,
    *,
    include_verbatim: bool = False,
    max_citations: int | None = None,
    include_fragments: bool = False,
) -> tuple[Document, ...] | None:
    """What :func:`extract` would take back from ``memo`` for ``page`` (None: it would parse it).

    A run that can extract elsewhere (a worker process) asks this first: a page a warm run
    kept costs a decode here, less than the page's trip to a worker that would parse it anew.
    """
    if memo is None:
        return None
    subject, inputs = _memo_key(page, include_verbatim, max_citations or None)
    posts = recall(memo, subject, inputs, _DOCUMENTS)
    if posts is None:
        return None
    return _at_file_lines(with_fragments(posts, page, include=include_fragments), page)


def _at_file_lines(posts: tuple[Document, ...], page: Page) -> tuple[Document, ...]:
    """``posts`` with each citation at its line of the file ``page`` was read from
    (:attr:`~checker.model.Page.line_offset`: a Movable Type export's entry), after the memo,
    which keeps them at the body's lines: the same entry moved in its file is the same post."""
    shift = page.line_offset
    if not shift:
        return posts
    return relined(posts, lambda line: line + shift)


def _notebook(page: Page, **how: Any) -> tuple[Document, ...] | None:
    """A Jupyter notebook's posts (:func:`checker.extract.notebooks.extract_notebook`), its
    module imported with the first notebook: a run of none need not load it (issue 19)."""
    from checker.extract.notebooks import extract_notebook  # noqa: PLC0415

    return extract_notebook(page, **how)


_JSON_READERS: dict[str, Callable[..., tuple[Document, ...] | None]] = {
    ".ipynb": _notebook,  # checker.anchors.NOTEBOOK_SUFFIX
    ".json": extract_ghost,
}
"""The readers of JSON a post may be in, by the file's suffix (else it is read as JSON text)."""
_OWN_LINKS = "the post's links within itself"


def with_fragments(
    posts: tuple[Document, ...], page: Page, *, include: bool
) -> tuple[Document, ...]:
    """``posts`` as ``--include-fragments`` says: its fragments to check, or none.

    With it, a post's links within itself (:attr:`~checker.model.Document.own_fragments`) are
    the fragments of a link to ``page``, the page they were read on (a local file, the page
    fetched; never a ``canonical`` URL a draft names for later, which may not exist yet), as a
    citation of its own unless the post links to that page already.  Without it, no citation
    keeps a fragment: verify checks a fragment it is given, and its judgements are kept in the
    memo by the citation, so a run without the flag must not judge one.
    """
    return tuple(
        _own_fragments_cited(post, page.url) if include else _without_fragments(post)
        for post in posts
    )


def _own_fragments_cited(post: Document, page_url: str) -> Document:
    if not post.own_fragments:
        return post
    cited = [c for c in post.citations if c.url == page_url and c.kind is CitationKind.LINK]
    if cited:
        merged = (
            *cited[0].fragments,
            *(f for f in post.own_fragments if f not in cited[0].fragments),
        )
        citations = tuple(
            replace(c, fragments=merged) if c is cited[0] else c for c in post.citations
        )
    else:
        own = Citation(
            CitationKind.LINK, page_url, context=_OWN_LINKS, fragments=post.own_fragments
        )
        citations = (*post.citations, own)
    return replace(post, citations=citations)


def _without_fragments(post: Document) -> Document:
    if not post.own_fragments and not any(c.fragments for c in post.citations):
        return post
    citations = tuple(replace(c, fragments=()) if c.fragments else c for c in post.citations)
    return replace(post, citations=citations, own_fragments=())


def code_hash(answered: bool = False) -> Any:
    """A hash of extract's code fingerprint, copied for each page's memo key (:func:`_memo_key`);
    made before a run forks its workers (:func:`checker.processes.import_shared`).

    A page that ``answered`` for a post (a crawl's) was kept only once the run had judged it no
    wall or "not found" page in the post's place, by verify's rules
    (:func:`checker.verify.post_page.stand_in`): its posts depend on those rules too, so a
    page one release kept is judged again by the next's, not read as a post for as long as its
    body is unchanged (reviewD)."""
    parts = ("extract", "urls", "verify") if answered else ("extract", "urls")
    return code_digest(*parts)


def _memo_key(page: Page, include_verbatim: bool, limit: int | None) -> tuple[str, str]:
    """The memo's subject for ``page`` and the fingerprint of everything its posts depend on."""
    digest = code_hash(page.answered).copy()
    digest.update(repr((page.url, page.origin, page.kind, include_verbatim, limit)).encode())
    digest.update(vault_names_digest(page.url, page.body).encode())  # where [[Note]] points
    if SITE_ALIAS in page.body:  # where Docusaurus's @site/ leads
        digest.update(site_of(page.url).encode())
    for start in range(0, len(page.body), _HASH_CHARS):  # no whole copy of a 49 MB page
        digest.update(page.body[start : start + _HASH_CHARS].encode("utf-8", "surrogatepass"))
    # the subject is hashed: a page URL may carry a credential, and the store file keeps no secret
    subject = "extract:" + hashlib.sha256(page.url.encode("utf-8", "surrogatepass")).hexdigest()
    return subject, digest.hexdigest()
