"""The text markups' code is cited only with ``--include-verbatim``, as Markdown's is, and then
without its marks; LaTeX's and Textile's links are read as written, their code and comments not.

``--include-verbatim`` read a reST/AsciiDoc/Org body raw, marks and all: Org's
``=https://x.example/a=`` was cited as ``…/a=`` again, a URL nobody wrote.  AsciiDoc's
``[source]`` paragraphs, indented literal paragraphs, ```` ``` ```` fences and comments and
reST's ``>>>`` doctest blocks were cited even without it.  A ``.tex`` file's
``\\href{URL}{text}`` was cited as ``URL}{text}``.
"""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.extract.markups import readable
from checker.model import Page, PageKind


def _cited(name: str, body: str, *, include_verbatim: bool = False) -> set[tuple[int, str]]:
    page = Page(f"file:///posts/{name}", f"/posts/{name}", body, PageKind.TEXT)
    return {
        (c.line or 0, c.url or "")
        for d in extract(page, include_verbatim=include_verbatim)
        for c in d.citations
    }


ORG = "* Post\nInline =https://verbatim.example/x= and ~https://code.example/y~.\n"


def test_include_verbatim_reads_org_code_without_its_marks() -> None:
    assert _cited("a.org", ORG) == set()
    assert _cited("a.org", ORG, include_verbatim=True) == {
        (2, "https://verbatim.example/x"),
        (2, "https://code.example/y"),
    }


ADOC = """= Post

See https://real.example/adoc[the report].

[source,bash]
curl https://styled.example/api

 https://indented.example/literal

```
https://fenced.example/x
```

// https://comment.example/line
////
https://comment.example/block
////

* a list item https://real.example/item
"""
_ADOC_KEPT = {(3, "https://real.example/adoc"), (19, "https://real.example/item")}


def test_asciidoc_code_and_comments_are_not_cited() -> None:
    assert _cited("a.adoc", ADOC) == _ADOC_KEPT


def test_asciidoc_code_is_cited_with_include_verbatim_but_never_its_comments() -> None:
    assert _cited("a.adoc", ADOC, include_verbatim=True) == _ADOC_KEPT | {
        (6, "https://styled.example/api"),
        (8, "https://indented.example/literal"),
        (11, "https://fenced.example/x"),
    }


RST = """Post
====

>>> requests.get("https://doctest.example/api")
200

See https://real.example/rst.
"""


def test_rst_doctest_blocks_are_code() -> None:
    assert _cited("a.rst", RST) == {(7, "https://real.example/rst")}
    assert (4, "https://doctest.example/api") in _cited("a.rst", RST, include_verbatim=True)


TEX = r"""\documentclass{article}
\begin{document}
See \href{https://tex.example/paper}{the paper} and \url{https://tex.example/u}.
Escaped \href{https://tex.example/a\_b}{anchor}. % https://comment.example/tex
\begin{verbatim}
curl https://verbatim.example/tex
\end{verbatim}
Inline \verb|https://verb.example/x| code.
\end{document}
"""
_TEX_KEPT = {
    (3, "https://tex.example/paper"),
    (3, "https://tex.example/u"),
    (4, "https://tex.example/a_b"),
}


def test_latex_links_are_read_as_written_and_its_code_and_comments_are_not() -> None:
    assert _cited("a.tex", TEX) == _TEX_KEPT
    assert _cited("a.tex", TEX, include_verbatim=True) == _TEX_KEPT | {
        (6, "https://verbatim.example/tex"),
        (8, "https://verb.example/x"),
    }


TEXTILE = """h1. Post

"The report":https://real.example/textile

bc. curl https://bc.example/api

Inline @https://at.example/x@ code.
"""


def test_textile_code_is_not_cited() -> None:
    assert _cited("a.textile", TEXTILE) == {(3, "https://real.example/textile")}
    assert _cited("a.textile", TEXTILE, include_verbatim=True) == {
        (3, "https://real.example/textile"),
        (5, "https://bc.example/api"),
        (7, "https://at.example/x"),
    }


@pytest.mark.parametrize(
    ("name", "text"), [("a.adoc", ADOC), ("a.rst", RST), ("a.tex", TEX), ("a.textile", TEXTILE)]
)
@pytest.mark.parametrize("include_verbatim", [False, True])
def test_every_line_keeps_its_number(name: str, text: str, include_verbatim: bool) -> None:
    read = readable(text, f"/posts/{name}", include_verbatim=include_verbatim)
    assert read.count("\n") == text.count("\n")
