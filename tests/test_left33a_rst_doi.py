"""reST's links to a DOI written as a URI, `` `paper <doi:10.1038/x>`_ `` and ``.. _paper:
doi:10.1038/x``, which docutils writes as ``<a href="doi:10.1038/x">`` (no browser opens it),
are ``malformed-url`` with the resolver's URL as the fix, as Markdown's ``[paper](doi:…)`` is:
reST's were no citation and nothing said (session 32 left).  A DOI in prose, or in code, is no
link (docutils knows no ``doi`` scheme for a standalone URI).  Local extraction only."""

from __future__ import annotations

import json
from pathlib import Path

from checker.cli import main
from checker.extract import extract
from checker.model import Page, PageKind

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


def test_the_pipeline_says_each_malformed_url_with_the_resolver_as_its_fix(tmp_path: Path) -> None:
    """Through the whole run (a local file, nothing fetched): each reST DOI link is one
    ``malformed-url`` with the resolver's URL as its fix, as Markdown's ``[paper](doi:…)`` is."""
    post = tmp_path / "post.rst"
    post.write_text(RST.replace("`another <https://example.org/x>`_", "another"), "utf-8")
    out = tmp_path / "out"
    argv = ["check", str(post), "--no-store", "--archive", "off", "--format", "json"]
    main([*argv, "--report-dir", str(out)])
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    said = sorted(
        (c["url"], c["line"], f["code"], f["suggestion"])
        for d in report["documents"]
        for c in d["citations"]
        for f in c["findings"]
    )
    assert said == [
        (
            "doi:10.1038/nphys1170",
            4,
            "malformed-url",
            "did you mean https://doi.org/10.1038/nphys1170?",
        ),
        ("info:doi/10.1000/182", 10, "malformed-url", "did you mean https://doi.org/10.1000/182?"),
    ]


def test_interpreted_text_and_a_spaced_uri_are_no_links() -> None:
    """Only a reference (``_`` or ``__`` after the closing backquote) embeds a URI: ```title
    <doi:…>``` is interpreted text (docutils renders ``<cite>``, no ``href``), and docutils takes
    no URI with spaces inside its brackets; both were cited ``doi:…`` and failed the run as
    ``malformed-url`` (a false alarm).  The anonymous reference's is a link."""
    text = (
        "Title\n=====\n\nAs `Nature <doi:10.1038/cited>` says, and `p < doi:10.1038/spaced >`_.\n\n"
        "Also `anonymous <doi:10.1038/anon>`__, not `x <doi:10.1038/word>`_abc.\n"
    )
    assert _cited(text, "post.rst") == [("doi:10.1038/anon", 6)]
