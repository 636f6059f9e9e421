"""Probe 24: a list of the author's own posts written between two paragraphs is cited.

A real Hugo post (111qqz.com, ``2022/02leveldb-notes-01``) says "I even wrote posts on it back
then, e.g." and lists four of them, then goes on; three of those links were dead (lychee: 404).
The main-content reader skips a link-dense block of mostly same-site links as furniture (a
related-posts or tag list), so the four links were never cited: a silent pass.  A block that
sits between two of the text's paragraphs is the author's writing; the same list after the text
(a "Posts in this Series" box) stays furniture.
"""

from __future__ import annotations

from checker.extract import extract
from checker.model import Page, PageKind

URL = "https://blog.fixture-p24.example/2022/02/leveldb-notes/"
_PROSE = "A paragraph of the post's own text, long enough to count as one. " * 3


def _cited(body: str) -> list[str]:
    html = (
        "<!DOCTYPE html><html><head><title>Notes</title></head><body><main><article>"
        f"<h1>Notes</h1><div class='post-content'>{body}</div></article></main></body></html>"
    )
    (document,) = extract(Page(URL, URL, html, PageKind.HTML))
    return [c.url for c in document.citations if c.url]


def _own_list(*slugs: str) -> str:
    items = "".join(
        f"<li><a href='https://blog.fixture-p24.example/2017/03/{s}/'>{s}</a></li>" for s in slugs
    )
    return f"<ul>{items}</ul>"


def test_a_list_of_own_posts_between_paragraphs_is_cited() -> None:
    body = (
        f"<p>{_PROSE} I wrote on it back then, for example:</p>"
        + _own_list("murmurhash", "lock-free", "memory-barriers", "leveldb-cache")
        + f"<p>{_PROSE} Then the code.</p><p>{_PROSE}</p>"
    )
    cited = _cited(body)
    assert [u.rsplit("/", 2)[1] for u in cited] == [
        "murmurhash",
        "lock-free",
        "memory-barriers",
        "leveldb-cache",
    ]


def test_the_same_list_after_the_text_stays_furniture() -> None:
    body = f"<p>{_PROSE}</p><p>{_PROSE}</p><h2>Posts in this series</h2>" + _own_list(
        "part-1", "part-2", "part-3"
    )
    assert _cited(body) == []
