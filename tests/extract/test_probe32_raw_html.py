"""Probe 32: Org's and reST's raw HTML is read as the HTML it is, as AsciiDoc's ``++++`` is.

An Org post's ``#+BEGIN_EXPORT html`` block and ``#+HTML:`` line, and a reST post's ``.. raw::
html`` directive, are written out as they are by the HTML export: a reader sees the page they
make.  Read as text, an HTML comment's draft URL was cited (no reader sees it), a
``<script src>`` was cited (a false ``broken`` for a script moved), and an embedded tweet's
blockquote was a plain link to the tweet, never checked as an embed.  Each passage is now read
by the HTML reader, at its lines in the file.
"""

from __future__ import annotations

import pytest

from checker.extract import extract, markups
from checker.extract.markups import readable
from checker.model import CitationKind, Page, PageKind

TWEET = (
    '<blockquote class="twitter-tweet"><p>The report is out.</p>&mdash; River Agency '
    '(@riveragency) <a href="https://twitter.com/riveragency/status/1889568402542063989">'
    "May 1, 2024</a></blockquote>"
)
PASSAGE = [
    "<!-- draft: https://drafts.example.org/unpublished -->",
    '<script src="https://cdn.example.org/widgets.js"></script>',
    TWEET,
    '<p>See <a href="https://example.org/report">the report</a>.</p>',
]


def _cited(name: str, body: str, *, include_verbatim: bool = False) -> list[tuple[int, str, str]]:
    read = readable(body, f"/posts/{name}", include_verbatim=include_verbatim)
    assert read.count("\n") == body.count("\n")  # a citation's FILE:LINE stays right
    page = Page(f"file:///posts/{name}", f"/posts/{name}", body, PageKind.TEXT)
    return [
        (c.line or 0, c.kind.value, c.url or "")
        for d in extract(page, include_verbatim=include_verbatim)
        for c in d.citations
    ]


READ_AS_HTML = [
    (3, CitationKind.EMBED.value, "https://twitter.com/riveragency/status/1889568402542063989"),
    (4, CitationKind.LINK.value, "https://example.org/report"),
]


@pytest.mark.parametrize(
    ("name", "opening", "closing", "indent"),
    [
        ("post.org", "#+BEGIN_EXPORT html", "#+END_EXPORT", ""),
        ("post.org", "#+begin_export html", "#+end_export", ""),
        ("post.org", "#+BEGIN_HTML", "#+END_HTML", ""),
        ("post.rst", ".. raw:: html\n", "", "   "),
        # options: the block's links were reported one line early per option line
        ("post.rst", ".. raw:: html\n   :class: embed\n   :encoding: utf-8\n", "", "   "),
    ],
    ids=["org-export", "org-lower-case", "org-8-html", "rst-raw", "rst-raw-options"],
)
@pytest.mark.parametrize("include_verbatim", [False, True])
def test_a_raw_html_block_is_read_as_html(
    name: str, opening: str, closing: str, indent: str, include_verbatim: bool
) -> None:
    passage = "\n".join(indent + line for line in PASSAGE)
    head = "Post\n" if name.endswith(".org") else "Post\n====\n"
    opening_lines = opening.count("\n") + 1
    body = f"{head}{opening}\n{passage}\n{closing}\n\nThe end.\n"
    shift = head.count("\n") + opening_lines  # the passage's lines come after both
    expected = [(line + shift, kind, url) for line, kind, url in READ_AS_HTML]
    assert _cited(name, body, include_verbatim=include_verbatim) == expected


def test_an_org_html_line_is_read_as_html() -> None:
    body = (
        "#+TITLE: Post\n\nText.\n\n"
        '#+HTML: <a href="https://example.org/report">report</a> '
        "<!-- https://drafts.example.org/unpublished -->\n"
    )
    assert _cited("post.org", body) == [(5, "link", "https://example.org/report")]


@pytest.mark.parametrize(
    ("name", "body", "expected"),
    [
        (  # a post about Org shows the block in code: code, no passage
            "post.org",
            "Post\n#+BEGIN_SRC org\n#+BEGIN_EXPORT html\n"
            '<a href="https://example.org/shown">x</a>\n#+END_EXPORT\n#+END_SRC\n',
            [],
        ),
        (  # not closed: Org reads no block, its lines are text
            "post.org",
            'Post\n#+BEGIN_EXPORT html\n<a href="https://example.org/text">x</a>\n',
            [(3, "link", "https://example.org/text")],
        ),
        (  # another backend's block: read as before
            "post.org",
            "Post\n#+BEGIN_EXPORT latex\n\\url{https://example.org/latex}\n#+END_EXPORT\n",
            [(3, "link", "https://example.org/latex")],
        ),
        (  # the markup is a file's: the directive holds none
            "post.rst",
            "Post\n====\n\n.. raw:: html\n   :file: https://example.org/inc.html\n\nText.\n",
            [(5, "link", "https://example.org/inc.html")],
        ),
    ],
    ids=["org-in-code", "org-unclosed", "org-latex", "rst-file"],
)
def test_what_is_no_raw_html_passage_is_read_as_before(
    name: str, body: str, expected: list[tuple[int, str, str]]
) -> None:
    assert _cited(name, body) == expected


@pytest.mark.parametrize("opening", ["#+begin_html", "#+BEGIN_EXPORT html"])
def test_unclosed_org_blocks_are_read_in_work_linear_in_the_lines(
    opening: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each unclosed opening looked for its closing to the end of the file (and the file is
    read twice): 8,000 lines took 37.8 s.  A closing found missing is not looked for again,
    so the lines compared grow with the file, not its square; the openings stay text."""
    compared = 0
    closes = markups._closes

    def counting(line: str, closing: str) -> bool:
        nonlocal compared
        compared += 1
        return closes(line, closing)

    monkeypatch.setattr(markups, "_closes", counting)

    def lines_compared(count: int) -> int:
        nonlocal compared
        compared = 0
        body = "".join(f"{opening}\nSee https://example.org/{at} here.\n" for at in range(count))
        assert len(_cited("post.org", body)) == count  # each link still cited, as text
        return compared

    small, large = lines_compared(200), lines_compared(400)
    assert large <= 2.5 * small
    assert large <= 10 * 800
