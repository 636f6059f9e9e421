"""reST's links to a DOI written as a URI, `` `paper <doi:10.1038/x>`_ `` and ``.. _paper:
doi:10.1038/x``, which docutils writes as ``<a href="doi:10.1038/x">`` (no browser opens it),
are ``malformed-url`` with the resolver's URL as the fix, as Markdown's ``[paper](doi:…)`` is:
reST's were no citation and nothing said (session 32 left).  A DOI in prose, or in code, is no
link (docutils knows no ``doi`` scheme for a standalone URI).  Local extraction only."""

from __future__ import annotations

from checker.extract import extract
from checker.model import Page, PageKind
from checker.urls import is_near_miss, repair

RST = """Title
=====

See `the paper <doi:10.1038/nphys1170>`_ and `another <https://example.org/x>`_.

A DOI in prose, doi:10.1000/182, is no link; nor is ``<doi:10.1/code>`_`` in code.

Read `the handbook`_.

.. _the handbook: info:doi/10.1000/182
"""


def _cited(text: str, name: str, kind: PageKind = PageKind.TEXT) -> list[tuple[str, int | None]]:
    (doc,) = extract(Page(f"file:///posts/{name}", f"/posts/{name}", text, kind))
    return sorted((c.url, c.line) for c in doc.citations)


def test_a_doi_written_as_a_rst_link_s_uri_is_cited_as_written() -> None:
    assert _cited(RST, "post.rst") == [
        ("doi:10.1038/nphys1170", 4),
        ("https://example.org/x", 4),
        ("info:doi/10.1000/182", 10),
    ]


def test_it_is_the_near_miss_markdown_s_is_with_the_resolver_as_its_fix() -> None:
    markdown = "# Title\n\nSee [the paper](doi:10.1038/nphys1170).\n"
    assert _cited(markdown, "post.md", PageKind.MARKDOWN) == [("doi:10.1038/nphys1170", 3)]
    for written, fix in [
        ("doi:10.1038/nphys1170", "https://doi.org/10.1038/nphys1170"),
        ("info:doi/10.1000/182", "https://doi.org/10.1000/182"),
    ]:
        assert (is_near_miss(written), repair(written)) == (True, fix)
