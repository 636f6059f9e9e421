"""Probe 32: a link written as a DOI URI is a citation, not nothing.

``[the paper](doi:10.1038/nphys1170)`` in Markdown and ``<a href="doi:…">`` in HTML are links no
browser opens (no browser handles ``doi:``): a dead link citing a paper, which was no citation at
all ("no citation was found", a silent pass).  Each is ``malformed-url`` with the resolver's URL
as the fix.  Org's ``[[doi:10.1038/nphys1170][paper]]`` is one of Org's own link types, which its
export writes as a link to the resolver: it is that link, and is checked.
"""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.findings import Code
from checker.model import Page, PageKind, Status
from checker.verify.availability import unfetched_verdict

DOI = "10.1038/nphys1170"


def _cited(name: str, body: str, kind: PageKind) -> list[tuple[int, str]]:
    page = Page(f"file:///posts/{name}", f"/posts/{name}", body, kind)
    return [(c.line or 0, c.url or "") for d in extract(page) for c in d.citations]


@pytest.mark.parametrize(
    ("name", "body", "kind", "written"),
    [
        ("post.md", f"# Post\n\nSee [the paper](doi:{DOI}).\n", PageKind.MARKDOWN, f"doi:{DOI}"),
        (
            "post.html",
            f'<html><body><p>Text.</p>\n<p><a href="info:doi/{DOI}">paper</a></p></body></html>',
            PageKind.HTML,
            f"info:doi/{DOI}",
        ),
    ],
    ids=["markdown", "html-info-uri"],
)
def test_a_doi_uri_link_is_a_malformed_citation_with_the_resolver_as_fix(
    name: str, body: str, kind: PageKind, written: str
) -> None:
    assert _cited(name, body, kind) == [(3 if kind is PageKind.MARKDOWN else 2, written)]
    verdict = unfetched_verdict(written)
    assert verdict is not None
    assert verdict.status is Status.BROKEN
    (finding,) = verdict.findings
    assert finding.code is Code.MALFORMED_URL
    assert finding.suggestion == f"did you mean https://doi.org/{DOI}?"


def test_an_org_doi_link_is_a_link_to_the_resolver() -> None:
    body = f"#+TITLE: Post\n\nSee [[doi:{DOI}][the paper]].\n"
    assert _cited("post.org", body, PageKind.TEXT) == [(3, f"https://doi.org/{DOI}")]


def test_an_org_files_own_doi_abbreviation_wins() -> None:
    body = f"#+LINK: doi https://dx.example.org/%s\n\nSee [[doi:{DOI}][the paper]].\n"
    assert _cited("post.org", body, PageKind.TEXT) == [(3, f"https://dx.example.org/{DOI}")]


@pytest.mark.parametrize("written", ["mailto:someone@example.org", "doi:not-a-doi", "tel:+1555"])
def test_other_schemes_stay_no_citation(written: str) -> None:
    assert _cited("post.md", f"# Post\n\n[x]({written})\n", PageKind.MARKDOWN) == []


@pytest.mark.parametrize(
    ("line", "url"),
    [
        # a plain doi: link in text is one of Org's own links too (org-link-plain-re)
        (f"See doi:{DOI} for the data.", f"https://doi.org/{DOI}"),
        (f"The paper (doi:{DOI}).", f"https://doi.org/{DOI}"),
        # a DOI holding what a URL escapes: the one DOI rule, not cut at the space
        ("See [[doi:10.1000/a b][the paper]].", "https://doi.org/10.1000/a%20b"),
    ],
    ids=["plain", "plain-in-parentheses", "bracket-with-space"],
)
def test_an_org_doi_link_is_read_by_the_one_doi_rule(line: str, url: str) -> None:
    assert _cited("post.org", f"#+TITLE: Post\n\n{line}\n", PageKind.TEXT) == [(3, url)]
