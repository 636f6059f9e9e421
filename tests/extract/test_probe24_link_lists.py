"""Probe 24: a list of the author's own posts written between two paragraphs is cited.

A real Hugo post (111qqz.com, ``2022/02leveldb-notes-01``) says "I even wrote posts on it back
then, e.g." and lists four of them, then goes on; three of those links were dead (lychee: 404).
The main-content reader skips a link-dense block of mostly same-site links as furniture (a
related-posts or tag list), so the four links were never cited: a silent pass.  A block that
sits between two of the text's paragraphs is the author's writing; the same list after the text
(a "Posts in this Series" box) stays furniture.

Probe 24b reproduced three more shapes through the CLI, skipped the same way with exit 0: a
"best posts" post (an intro paragraph, then the list), a series table of contents before the
first paragraph, and a list under a heading in the middle of the text.  What tells them from a
theme's box, on the 200 real pages and 635 built pages of mirrored Hugo/WordPress sites: the
author's list is bare markup (a ``<ul>``/``<ol>`` with no class or id, as Markdown and editors
write it; every theme list the rule condemns there carries a class or sits in a classed
wrapper), introduced by a paragraph, or opening the text or under a heading that names no theme
box, with more text after it.  A theme's box after the text, under a heading naming one
("Related posts"), or classed, stays uncited.
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


def _slugs(body: str) -> list[str]:
    return [url.rsplit("/", 2)[1] for url in _cited(body)]


def test_a_best_of_post_cites_its_list_after_the_intro() -> None:
    body = f"<p>{_PROSE} My best posts of 2023:</p>" + _own_list("rust", "go", "zig", "nim")
    assert _slugs(body) == ["rust", "go", "zig", "nim"]


def test_a_series_table_of_contents_before_the_first_paragraph_is_cited() -> None:
    body = (
        _own_list("part-1", "part-2", "part-3").replace("ul>", "ol>")
        + f"<p>{_PROSE}</p><p>{_PROSE} <a href='https://other.fixture-p24.example/x/'>x</a></p>"
    )
    assert _slugs(body) == ["part-1", "part-2", "part-3", "x"]


def test_a_list_under_a_heading_in_the_middle_of_the_text_is_cited() -> None:
    body = (
        f"<p>{_PROSE}</p><h2>What I wrote before</h2>"
        + _own_list("one", "two", "three")
        + f"<h2>The code</h2><p>{_PROSE}</p>"
    )
    assert _slugs(body) == ["one", "two", "three"]


def test_a_related_posts_heading_in_the_text_stays_furniture() -> None:
    body = f"<p>{_PROSE}</p><h3>Related posts</h3>" + _own_list("a", "b", "c") + f"<p>{_PROSE}</p>"
    assert _cited(body) == []


def test_a_classed_list_of_categories_at_the_top_stays_furniture() -> None:
    body = _own_list("news", "tech", "rust").replace("<ul>", "<ul class='post-categories'>")
    assert _cited(body + f"<p>{_PROSE}</p>") == []


def test_a_bare_list_after_a_heading_after_the_text_stays_furniture() -> None:
    body = f"<p>{_PROSE}</p><p>{_PROSE}</p><h4>See also</h4>" + _own_list("a", "b", "c")
    assert _cited(body) == []


def test_a_bare_list_right_after_the_text_in_a_theme_wrapper_stays_furniture() -> None:
    body = f"<p>{_PROSE}</p><div class='post-more'>" + _own_list("a", "b", "c") + "</div>"
    assert _cited(body) == []
