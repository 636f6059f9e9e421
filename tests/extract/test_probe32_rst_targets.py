"""Probe 32: a reST hyperlink target whose URI runs over several lines is one URI.

Docutils joins a target's link block with its white space removed (its spec's own example:
``.. _starts-on-this-line: http://`` over ``   docutils.sourceforge.net/rst.html``), the way a
long URL is written in a reST post.  Read line by line, the first half was cited (a false
``broken``: ``https://example.org/reports/``) and the rest was lost.  The joined URI is cited
on the line its first part is on; everything else a reST file cites is as before.
"""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.extract.markups import readable
from checker.model import Page, PageKind


def _cited(body: str, *, include_verbatim: bool = False) -> list[tuple[int, str]]:
    read = readable(body, "/posts/post.rst", include_verbatim=include_verbatim)
    assert read.count("\n") == body.count("\n")  # a citation's FILE:LINE stays right
    page = Page("file:///posts/post.rst", "/posts/post.rst", body, PageKind.TEXT)
    return [
        (c.line or 0, c.url or "")
        for d in extract(page, include_verbatim=include_verbatim)
        for c in d.citations
    ]


LONG = "https://example.org/reports/2024/annual-review-of-the-river-basin.pdf"


@pytest.mark.parametrize(
    ("body", "line"),
    [
        (
            "Post\n====\n\nSee `the review`_.\n\n"
            ".. _the review: https://example.org/reports/\n"
            "   2024/annual-review-of-the-river-basin.pdf\n",
            6,
        ),
        (
            "Post\n====\n\nSee `the review`_.\n\n"
            ".. _the review:\n   https://example.org/reports/2024/\n"
            "   annual-review-of-the-river-basin.pdf\n\nMore text.\n",
            7,
        ),
        (
            "Post\n====\n\nSee `the review`__.\n\n"
            "__ https://example.org/\n    reports/2024/annual-review-\n"
            "    of-the-river-basin.pdf\n",
            6,
        ),
        (
            "Post\n====\n\nSee `the review`_ and `x`_.\n\n"
            ".. _x: https://example.org/x\n"
            ".. _`the review: 2024`: https://example.org/reports/2024/\n"
            "   annual-review-of-the-river-basin.pdf\n",
            7,
        ),
    ],
    ids=["starts-on-its-line", "entirely-below", "anonymous", "after-another-target"],
)
def test_a_target_split_over_lines_cites_its_whole_uri(body: str, line: int) -> None:
    cited = _cited(body)
    assert (line, LONG) in cited
    assert not any(
        url != LONG and url.startswith("https://example.org/reports") for _, url in cited
    )
    assert _cited(body, include_verbatim=True) == cited


def test_what_is_no_split_uri_is_read_as_before() -> None:
    """A one-line target, an indirect target, and a paragraph line that starts with ``..``
    (text, no target: its next line is the paragraph's) are not joined."""
    body = (
        "Post\n====\n\n"
        ".. _one: https://example.org/one\n"
        "\n.. _alias: one_\n   \n"
        "Text that goes on\n.. _no: https://example.org/para/\n   more words here\n"
    )
    assert _cited(body) == [(4, "https://example.org/one"), (9, "https://example.org/para/")]


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("Post\n====\n\nSee `r`_.\n\n.. _r: https://example.org/\n   a\\_b\\_\n", 6),
        ("Post\n====\n\nSee `r`_.\n\n.. _r: https://example.org/a\\_b\\_\n", 6),
        ("Post\n====\n\nSee `r`_.\n\n.. _r:\n   https://example.org/a\\_b\\_\n", 7),
    ],
    ids=["joined", "one-line", "next-line"],
)
def test_a_targets_backslash_escapes_are_undone(body: str, line: int) -> None:
    """Docutils unescapes a target's URI (``b\\_`` links ``b_``, the escape keeping a
    trailing ``_`` from making it an indirect target): the backslash was cited, a URL no
    browser is sent to."""
    assert _cited(body) == [(line, "https://example.org/a_b_")]
