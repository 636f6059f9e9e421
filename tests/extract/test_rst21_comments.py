"""What a markup's comments hold is not cited: no reader sees a comment, so a URL in one that
rots is a false ``broken`` alarm (session 21, trust in text markups).

reST's comments (``.. `` and text that is no directive, target, footnote, citation or
substitution; an indented block under a bare ``..``) were cited, with or without
``--include-verbatim``; so were Org's ``# `` lines, ``#+BEGIN_COMMENT`` blocks and ``COMMENT``
headings' subtrees, and AsciiDoc's ``[comment]`` paragraphs and blocks; LaTeX's ``comment``
environment was cited with ``--include-verbatim`` (it was read as code).  What the markup shows
(hyperlink targets, directives, footnotes, a block quote after an empty comment, a paragraph's
line that starts with ``..``) is cited as before.
"""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.extract.markups import readable
from checker.model import Page, PageKind


def _cited(
    name: str, body: str, *, include_verbatim: bool = False, kind: PageKind = PageKind.TEXT
) -> set[tuple[int, str]]:
    """The citations ``body`` gives; a text markup's blanking also keeps every line."""
    read = readable(body, f"/posts/{name}", include_verbatim=include_verbatim)
    assert read.count("\n") == body.count("\n")  # a citation's FILE:LINE stays right
    page = Page(f"file:///posts/{name}", f"/posts/{name}", body, kind)
    return {
        (c.line or 0, c.url or "")
        for d in extract(page, include_verbatim=include_verbatim)
        for c in d.citations
    }


RST = """Post
====

.. this is a comment https://comment.example/one-line

..
   https://comment.example/bare-block
   and more https://comment.example/bare-block-2

.. note to self
   https://comment.example/continued

   https://comment.example/after-a-blank
.. a second comment right after https://comment.example/second

.. _name: https://real.example/target

.. image:: https://real.example/img.png
   :target: https://real.example/img-target

.. |logo| image:: https://real.example/logo.png

.. [1] https://real.example/footnote

.. [Smith2020] https://real.example/citation

..

   A block quote after an empty comment https://real.example/quote

A paragraph
.. whose second line https://real.example/paragraph starts with two dots.

    .. indented comment https://comment.example/indented

See https://real.example/text::

    https://literal.example/code

.. after a literal block https://comment.example/after-literal
"""
_RST_KEPT = {
    (16, "https://real.example/target"),
    # session 30: an image's address is no citation (as <img src>): lines 18, 21 not cited
    (19, "https://real.example/img-target"),
    (23, "https://real.example/footnote"),
    (25, "https://real.example/citation"),
    (29, "https://real.example/quote"),
    (32, "https://real.example/paragraph"),
    (36, "https://real.example/text"),
}
_RST_LITERAL = (38, "https://literal.example/code")


@pytest.mark.parametrize("include_verbatim", [False, True])
def test_rst_comments_are_not_cited(include_verbatim: bool) -> None:
    code = {_RST_LITERAL} if include_verbatim else set()
    assert _cited("a.rst", RST, include_verbatim=include_verbatim) == _RST_KEPT | code


@pytest.mark.parametrize(
    "line",
    [
        ".. _name: https://real.example/target",
        ".. __: https://real.example/anonymous",
        ".. seealso:: https://real.example/directive",  # an embed's directive: probe 32
        ".. figure :: https://real.example/fig.png",
        ".. [#note] https://real.example/footnote",
    ],
)
def test_rst_explicit_markup_that_is_shown_is_read_as_before(line: str) -> None:
    assert readable(f"Post\n\n{line}\n", "/posts/a.rst") == f"Post\n\n{line}\n"


ORG = """* Post
# https://comment.example/org-line
  # https://comment.example/org-indented
#+TITLE: kept https://real.example/keyword
#+BEGIN_COMMENT
https://comment.example/org-block
#+END_COMMENT
#not-a-comment https://real.example/hash
See https://real.example/org
** COMMENT A draft https://comment.example/org-heading
https://comment.example/org-subtree
#+BEGIN_SRC sh
curl https://comment.example/org-subtree-code
#+END_SRC
*** Deeper https://comment.example/org-deeper
** Shown again https://real.example/org-after
"""
_ORG_KEPT = {
    (4, "https://real.example/keyword"),
    (8, "https://real.example/hash"),
    (9, "https://real.example/org"),
    (16, "https://real.example/org-after"),
}


@pytest.mark.parametrize("include_verbatim", [False, True])
def test_org_comments_are_not_cited(include_verbatim: bool) -> None:
    assert _cited("a.org", ORG, include_verbatim=include_verbatim) == _ORG_KEPT


TEX = r"""\begin{document}
\begin{comment}
https://comment.example/tex-environment
\end{comment}
See \url{https://real.example/tex} % https://comment.example/percent
\end{document}
"""


@pytest.mark.parametrize("include_verbatim", [False, True])
def test_latex_comments_are_not_cited(include_verbatim: bool) -> None:
    assert _cited("a.tex", TEX, include_verbatim=include_verbatim) == {
        (5, "https://real.example/tex")
    }


ADOC = """= Post

////
https://comment.example/adoc-block
////
// https://comment.example/adoc-line
See https://real.example/adoc
"""
ADOC_STYLED = """= Post

[comment]
https://comment.example/adoc-paragraph

[comment]
--
https://comment.example/adoc-open-block
--

[comment]
----
https://comment.example/adoc-listing
----

--
An open block https://real.example/open
--

See https://real.example/adoc
"""


@pytest.mark.parametrize("include_verbatim", [False, True])
def test_asciidoc_comment_styled_blocks_are_not_cited(include_verbatim: bool) -> None:
    assert _cited("a.adoc", ADOC_STYLED, include_verbatim=include_verbatim) == {
        (17, "https://real.example/open"),
        (20, "https://real.example/adoc"),
    }


WIKI = """Text <!-- https://comment.example/w-inline --> and
<!--
https://comment.example/w-block
--> https://real.example/wiki
"""
MARKDOWN = """# Post

<!--
https://comment.example/md-block
-->

Text <!-- https://comment.example/md-inline --> and https://real.example/md.

Text <!-- over
lines https://comment.example/md-lines --> done
"""


@pytest.mark.parametrize("include_verbatim", [False, True])
@pytest.mark.parametrize(
    ("name", "body", "kind", "kept"),
    [
        ("a.adoc", ADOC, PageKind.TEXT, {(7, "https://real.example/adoc")}),
        ("a.wiki", WIKI, PageKind.TEXT, {(4, "https://real.example/wiki")}),
        ("a.md", MARKDOWN, PageKind.MARKDOWN, {(7, "https://real.example/md")}),
    ],
)
def test_other_markups_comments_stay_uncited(
    name: str, body: str, kind: PageKind, kept: set[tuple[int, str]], include_verbatim: bool
) -> None:
    assert _cited(name, body, include_verbatim=include_verbatim, kind=kind) == kept


TEX_IFFALSE = r"""\iffalse
https://comment.example/iffalse
\fill https://comment.example/fill-is-no-fi
\fi
See \url{https://real.example/after-fi}
  \iffalse % old paragraph
  https://comment.example/indented
  \fi
\iffalse https://real.example/same-line \fi
https://real.example/after-one-line
"""


@pytest.mark.parametrize("include_verbatim", [False, True])
def test_latex_iffalse_blocks_are_comments(include_verbatim: bool) -> None:
    """``\\iffalse … \\fi`` comments out paragraphs; alone on its line it opens a block that
    only a whole-word ``\\fi`` ends, and one closed on its own line hides nothing after it."""
    assert _cited("a.tex", TEX_IFFALSE, include_verbatim=include_verbatim) == {
        (5, "https://real.example/after-fi"),
        (9, "https://real.example/same-line"),
        (10, "https://real.example/after-one-line"),
    }


@pytest.mark.parametrize(
    "line", [".. image:: https://real.example/img.png", ".. |logo| image:: https://x.example/l.png"]
)
def test_rst_image_directives_are_shown_but_their_address_is_no_citation(line: str) -> None:
    """Session 30: the picture is no citation, as an ``<img src>`` is none."""
    assert readable(f"Post\n\n{line}\n", "/posts/a.rst") == "Post\n\n\n"
