"""Body links: resolution, filtering and anchor text."""

from __future__ import annotations

import pytest

from checker.extract.lines import Anchor, Line
from checker.extract.links import anchor_title, link_citations, resolve
from checker.model import CitationKind

BASE = "https://blog.example.com/2025/12/post.html"


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("https://a.example/x", "https://a.example/x"),
        ("/2025/11/older.html", "https://blog.example.com/2025/11/older.html"),
        ("older.html#comments", "https://blog.example.com/2025/12/older.html"),
        ("//cdn.example/y", "https://cdn.example/y"),
        ("HTTP://A.example/Z", "HTTP://A.example/Z"),
        # near misses: not checkable
        ("#top", "https://blog.example.com/2025/12/post.html"),
        ("mailto:a@example.com", None),
        ("javascript:void(0)", None),
        ("ftp://files.example/x", None),
        ("", None),
        ("http://[::1", None),
    ],
)
def test_resolve(href: str, expected: str | None) -> None:
    assert resolve(href, BASE) == expected


@pytest.mark.parametrize(
    ("text", "url", "expected"),
    [
        ("Foreign Affairs report", "https://fa.example/r", "Foreign Affairs report"),
        ("前回の記事", "https://fa.example/r", "前回の記事"),
        ("https://fa.example/r", "https://fa.example/r", None),
        ("fa.example/r", "https://fa.example/r", None),
        ("here", "https://fa.example/r", None),
        ("こちら", "https://fa.example/r", None),
        ("", "https://fa.example/r", None),
    ],
)
def test_anchor_title(text: str, url: str, expected: str | None) -> None:
    assert anchor_title(text, url) == expected


def test_link_citations_dedupe_exclude_and_embeds() -> None:
    lines = (
        Line("see a and b", 3, (Anchor("a", "/a"), Anchor("b", "https://b.example/"))),
        Line("again a", 5, (Anchor("a again", "/a#x"),)),
        Line("source", 7, (Anchor("src", "https://src.example/s"),)),
        Line("tweet", 9, (Anchor("t.co", "https://t.co/x", in_embed=True),)),
    )
    cites = link_citations(lines, BASE, exclude={"https://src.example/s"})
    assert [(c.url, c.line, c.cited.title, c.context) for c in cites] == [
        ("https://blog.example.com/a", 3, None, "a"),
        ("https://b.example/", 3, None, "b"),
    ]
    assert all(c.kind is CitationKind.LINK for c in cites)
