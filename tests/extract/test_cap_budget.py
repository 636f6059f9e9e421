"""A post is read only as far as its cap needs (issue 13): past its link budget, links are counted.

A post of 200,000 links built every anchor, line and (for HTML and Markdown) the whole parse tree
before the cap cut its citations.  Now text lines, the HTML tree and the Markdown parse stop
at :func:`~checker.extract.lines.link_budget`; what follows is counted into ``omitted``.  A post
under its budget gives the same citations as before (the rest of the suite is that contract).
"""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.extract.lines import link_budget, text_lines
from checker.extract.tree import PRUNED, parse_html
from checker.model import Page, PageKind
from tests.extract.test_cap import page_of_links

_CAP = 5
_MANY = 3000  # past link_budget(_CAP) (1,005), so the budget cuts


def _urls(count: int) -> list[str]:
    return [f"https://example.com/{i}" for i in range(count)]


def test_the_budget_leaves_room_over_the_cap_and_none_without_a_cap() -> None:
    assert link_budget(None) is None
    assert link_budget(0) is None
    assert link_budget(5) == 1005
    assert link_budget(5000) == 10000


def test_a_line_past_the_budget_is_cut_and_its_other_urls_counted() -> None:
    body = "Links\n" + " ".join(_urls(_MANY)) + "\nafter https://example.com/x\n"
    title, line, after = text_lines(body, max_links=10)
    assert title.text == "Links"
    assert [a.href for a in line.anchors] == _urls(10)
    assert line.omitted == _MANY - 10
    assert len(line.text) < 300  # the text past the cut is not kept either
    assert after.omitted == 1 and not after.anchors and after.number == 3


def test_a_day_header_starts_a_new_budget_in_text() -> None:
    header = "Monday, December 8, 2025"
    body = (
        f"{header}\nFirst\n" + "\n".join(_urls(30)) + f"\n{header}\nSecond\nhttps://b.example/1\n"
    )
    lines = text_lines(body, max_links=10, new_post=lambda text: text == header)
    assert sum(len(line.anchors) for line in lines) == 11
    assert sum(line.omitted for line in lines) == 20
    assert lines[-1].anchors[0].href == "https://b.example/1"


def test_an_html_parse_keeps_the_budget_of_linked_children_and_counts_the_rest() -> None:
    links = "".join(f'<p><a href="{u}">item</a> tail</p>\n' for u in _urls(100))
    root = parse_html(f"<html><body><article>{links}</article></body></html>", 10)
    (article,) = root.iter("article")
    assert len(article.xpath(".//a")) == 10
    assert article.get(PRUNED) == "90"
    assert article[-1].sourceline == 10  # the kept elements keep their source lines


def test_a_page_cannot_write_the_pruned_count_itself() -> None:
    root = parse_html(f'<p {PRUNED}="99" {PRUNED.lower()}="99">x</p>', 10)
    assert all(element.get(PRUNED) is None for element in root.iter())


@pytest.mark.parametrize("kind", list(PageKind))
def test_a_post_past_its_budget_keeps_the_first_links_and_counts_every_other(
    kind: PageKind,
) -> None:
    urls = _urls(_MANY)
    (document,) = extract(page_of_links(kind, urls), max_citations=_CAP)
    assert [c.url for c in document.citations] == urls[:_CAP]
    assert document.omitted == _MANY - _CAP


def test_markdown_past_its_budget_keeps_the_definitions_its_links_use() -> None:
    urls = _urls(_MANY)
    uses = "".join(f"- [item {i}][r{i}]\n" for i in range(_MANY))
    definitions = "".join(f"[r{i}]: {u}\n" for i, u in enumerate(urls))
    body = f"# Links\n\n{uses}\n{definitions}"
    page = Page("https://blog.example/p", "p", body, PageKind.MARKDOWN)
    (document,) = extract(page, max_citations=_CAP)
    assert [c.url for c in document.citations] == urls[:_CAP]
    assert document.omitted == _MANY - _CAP


def test_posts_of_a_page_under_their_cap_are_whole_whatever_the_page_holds() -> None:
    posts = "".join(
        f'<article><h1><a href="https://blog.example/{p}.html">Post {p}</a></h1>'
        + f"<p>{'A sentence of the post, long enough to be prose. ' * 3}</p>"
        + "".join(f'<p><a href="https://example.com/{p}/{i}">x</a></p>' for i in range(400))
        + "</article>"
        for p in range(5)
    )
    page = Page("https://blog.example/", "b", f"<html><body>{posts}</body></html>", PageKind.HTML)
    # 2,000 body links and 5 permalinks: past the page's link budget, never past a post's cap
    documents = extract(page, max_citations=400)
    assert [len(d.citations) + d.omitted for d in documents] == [401] * 5
    assert [d.omitted for d in documents] == [1] * 5  # each post's one over its own cap
