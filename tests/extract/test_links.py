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


def _resolved_the_long_way(href: str, base: str) -> str | None:
    """:func:`resolve` as it was before session 36's plain-URL shortcut (issue 19)."""
    from urllib.parse import urldefrag, urljoin, urlsplit  # noqa: PLC0415

    from checker.extract.links import _web_base_for  # noqa: PLC0415
    from checker.urls import is_near_miss  # noqa: PLC0415

    href = href.strip()
    if not href:
        return None
    try:
        absolute, _fragment = urldefrag(urljoin(_web_base_for(href, base), href))
        parts = urlsplit(absolute)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return None if is_near_miss(href) else absolute


@pytest.mark.parametrize(
    "base", [BASE, "http://blog.example/p", "file:///home/me/p.html", "", "http://[bad/p"]
)
@pytest.mark.parametrize(
    "href",
    [
        "https://a.example/x?y=1",
        " http://a.example ",
        "http://a.example?q",
        "http://a.example/a;",
        "http://a.example/a;p?q",
        "http://a.example/a?",
        "http://a.example/a#f",
        "http://user:pw@a.example:80/x",
        "https://a.example/../x",
        "https://a.example/日本",
        "HTTP://A.example/Z",
        "http://[::1]/x",
        "https:///x",
        "/relative",
    ],
)
def test_a_plain_url_resolves_as_the_join_resolved_it(href: str, base: str) -> None:
    assert resolve(href, base) == _resolved_the_long_way(href, base)


def test_a_plain_url_is_resolved_without_a_join(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 19, session 36: each Blogger post's own URL (its title's link) was joined to the
    page's, parsed three times and read for a near-miss: a plain URL is the join's answer."""
    from checker.extract import links  # noqa: PLC0415

    def refused(*_args: object) -> object:
        raise AssertionError("a plain URL was joined")

    monkeypatch.setattr(links, "urljoin", refused)
    monkeypatch.setattr(links, "is_near_miss", refused)
    assert resolve("http://blog36.example/2025/01/post-0.html", BASE) == (
        "http://blog36.example/2025/01/post-0.html"
    )


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
