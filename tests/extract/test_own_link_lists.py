"""Session 24: the author's own list of their own posts is cited, wherever the text puts it.

Probe 24b reproduced three shapes through the CLI that the main-content reader skipped as a
related-posts box (a link-dense block of mostly same-site links), their dead links never asked:
a "best posts" post (an intro paragraph, then the list), a series table of contents at the top
of a post, and a list under a heading in the middle of the text.  What tells them from a theme's
box, on the 200 real pages: the author's list is bare markup (a ``<ul>``/``<ol>`` with no class
or id, as Markdown and editors write it; every theme list condemned there carries a class), and
it is introduced by a paragraph, or opens the text, or sits under a heading with more text after
it.  A theme's box after the text, under a heading naming one ("Related posts"), or classed, stays
uncited.
"""

from __future__ import annotations

from checker.extract import extract
from checker.model import Page, PageKind

URL = "https://blog.fixture-l24.example/2023/12/best-of-2023/"
_PROSE = "A paragraph of the post's own text, long enough to count as one. " * 3


def _cited(body: str) -> list[str]:
    html = (
        "<!DOCTYPE html><html><head><title>Notes</title></head><body><main><article>"
        f"<h1>Notes</h1><div class='post-content'>{body}</div></article>"
        "<footer><p>Theme footer text, long enough to be a paragraph of its own.</p></footer>"
        "</main></body></html>"
    )
    (document,) = extract(Page(URL, URL, html, PageKind.HTML))
    return [c.url.rsplit("/", 2)[1] for c in document.citations if c.url]


def _own_list(*slugs: str, tag: str = "ul", label: str = "") -> str:
    items = "".join(
        f"<li><a href='https://blog.fixture-l24.example/2023/{s}/'>{s}</a></li>" for s in slugs
    )
    return f"<{tag}{label}>{items}</{tag}>"


def test_a_best_of_post_cites_its_list_after_the_intro() -> None:
    body = f"<p>{_PROSE} My best posts of 2023:</p>" + _own_list("rust", "go", "zig", "nim")
    assert _cited(body) == ["rust", "go", "zig", "nim"]


def test_a_series_table_of_contents_before_the_first_paragraph_is_cited() -> None:
    body = (
        _own_list("part-1", "part-2", "part-3", tag="ol")
        + f"<p>{_PROSE}</p><p>{_PROSE} <a href='https://other.fixture-l24.example/x/'>x</a></p>"
    )
    assert _cited(body) == ["part-1", "part-2", "part-3", "x"]


def test_a_list_under_a_heading_in_the_middle_of_the_text_is_cited() -> None:
    body = (
        f"<p>{_PROSE}</p><h2>What I wrote before</h2>"
        + _own_list("one", "two", "three")
        + f"<h2>The code</h2><p>{_PROSE}</p>"
    )
    assert _cited(body) == ["one", "two", "three"]


def test_a_related_posts_heading_in_the_text_stays_furniture() -> None:
    body = f"<p>{_PROSE}</p><h3>Related posts</h3>" + _own_list("a", "b", "c") + f"<p>{_PROSE}</p>"
    assert _cited(body) == []


def test_a_classed_list_of_categories_at_the_top_stays_furniture() -> None:
    body = _own_list("news", "tech", "rust", label=" class='post-categories'") + f"<p>{_PROSE}</p>"
    assert _cited(body) == []


def test_a_bare_list_after_a_heading_after_the_text_stays_furniture() -> None:
    body = f"<p>{_PROSE}</p><p>{_PROSE}</p><h4>See also</h4>" + _own_list("a", "b", "c")
    assert _cited(body) == []


def test_a_bare_list_right_after_the_text_in_a_theme_wrapper_stays_furniture() -> None:
    body = f"<p>{_PROSE}</p><div class='post-more'>" + _own_list("a", "b", "c") + "</div>"
    assert _cited(body) == []
