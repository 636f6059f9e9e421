"""Probe 17: a list of links under an English heading ends no Japanese post with a "source".

A Japanese post that ends with ``## References`` (or ``Further reading:``) and a list of URLs
was read as a trailing attribution block: "References" became the title cited for the first URL,
and the check said ``title-mismatch: cited title “References” is not the source's title`` on a
source that is fine.  The heading names the list; its URLs are links.
"""

from __future__ import annotations

import pytest

from checker.extract.markdown import extract_markdown
from checker.model import CitationKind, Page, PageKind

BODY = "# 日本語の記事\n\nこれは日本語の本文です。いろいろ書いてあります。\n\n次の段落です。\n\n"


def _citations(text: str) -> list[tuple[CitationKind, str | None, str | None]]:
    page = Page("file:///posts/post.md", "post.md", text, PageKind.MARKDOWN)
    (document,) = extract_markdown(page)
    return [(c.kind, c.url, c.cited.title) for c in document.citations]


@pytest.mark.parametrize(
    "heading",
    ["## References", "Further reading:", "**Sources**", "See also", "### External links"],
)
def test_a_list_of_links_under_a_heading_is_links(heading: str) -> None:
    text = BODY + f"{heading}\n\n- https://news.example/a\n- https://news.example/b\n"
    assert _citations(text) == [
        (CitationKind.LINK, "https://news.example/a", None),
        (CitationKind.LINK, "https://news.example/b", None),
    ]


def test_the_attribution_block_after_the_heading_of_a_list_is_still_read() -> None:
    text = (
        BODY
        + "Ukraine's Hardest Winter\n"
        + "By Jane Smith\n"
        + "November 11, 2025\n"
        + "https://news.example/ukraine\n"
    )
    ((kind, url, title),) = _citations(text)
    assert (kind, url, title) == (
        CitationKind.SOURCE,
        "https://news.example/ukraine",
        "Ukraine's Hardest Winter",
    )
