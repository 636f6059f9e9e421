"""Probe 18c: a ``source`` citation whose URL follows its ``Source:`` label is at the URL's line.

In a Markdown table the label can end one row and the bare URL open the next; the citation was
reported at the label's row, where ``citecheck fix`` and an annotation find no URL.
"""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.model import CitationKind, Page, PageKind


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("# T\n\nText.\n\n| a | Source: |\n|---|---|\n| https://news.example/a | y |\n", 7),
        ("# T\n\nText.\n\n| a | 出典: |\n|---|---|\n| https://news.example/a | |\n", 7),
        ("# T\n\nText.\n\n| Source: | https://news.example/a |\n|---|---|\n| x | y |\n", 5),
        ("# T\n\nText.\n\nSource:\nhttps://news.example/a\n", 6),
    ],
)
def test_the_source_is_cited_at_the_line_of_its_url(body: str, line: int) -> None:
    (document,) = extract(Page("https://blog.example/p.html", "p.md", body, PageKind.MARKDOWN))
    sources = [(c.url, c.line) for c in document.citations if c.kind is CitationKind.SOURCE]
    assert sources == [("https://news.example/a", line)]
