"""Session 18's extraction shortcuts (issue 19) give the long way's answer and skip its work.

Each is held to the XPath it replaces on markup made to hit its edges (nesting, class values
that hold the name only as a substring, white space in class values), and shown not to do the
work it saves: the outermost-element search reads only the matches from the index, the heading
of an ``entry-title`` page is found without the XPath, the ``itemprop`` values are gathered
without reading each element's attribute through lxml.
"""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree

from checker.encoding import ascii_lower
from checker.extract import content, posts, tree
from checker.extract.content import _articles, _entries, _OwnSite
from checker.extract.posts import _heading, _is_canonical
from checker.extract.tree import PageIndex, has_token, parse_html

_NESTED = """<html><body>
<article id="a1"><p>one</p><article id="a2"><p>inside one</p></article></article>
<div class="hentry" id="e1"><div class="h-entry" id="e2">nested entry</div></div>
<section><article id="a3"><div><article id="a4">x</article></div></article></section>
<div class="xhentry" id="e3">not an entry: the name is a substring only</div>
<div class="post&#9;hentry" id="e4">a tab between the names</div>
<article id="a5"></article>
</body></html>"""


class _CountingList(list[Any]):
    """A list that counts the items read from it by position."""

    reads = 0

    def __getitem__(self, key: Any) -> Any:
        _CountingList.reads += 1
        return super().__getitem__(key)

    def __iter__(self) -> Any:
        _CountingList.reads += len(self)  # a loop over the list reads every item
        return super().__iter__()


def _ids(elements: list[Any]) -> list[str]:
    return [e.get("id") for e in elements]


def test_outermost_articles_and_entries_are_the_xpaths() -> None:
    root = parse_html(_NESTED)
    index = PageIndex(root)
    articles = root.xpath("//article[not(ancestor::article)]")
    assert _ids(_articles(index)) == _ids(articles) == ["a1", "a3", "a5"]
    entry = "contains(concat(' ', normalize-space(@class), ' '), ' {} ')"
    test = f"({entry.format('hentry')} or {entry.format('h-entry')})"
    entries = root.xpath(f"//*[{test}][not(ancestor::*[{test}])]")
    assert _ids(_entries(index)) == _ids(entries) == ["e1", "e4"]


def test_the_outermost_search_reads_only_the_matches() -> None:
    root = parse_html(_NESTED.replace("<section>", "<section>" + "<p>filler</p>" * 300))
    index = PageIndex(root)
    index.elements = _CountingList(index.elements)
    _CountingList.reads = 0
    assert _ids(_articles(index)) == ["a1", "a3", "a5"]
    assert _CountingList.reads <= 5  # the five <article> elements at most, not the 300 <p>


def test_a_page_without_articles_has_none() -> None:
    index = PageIndex(parse_html("<html><body><p>text</p></body></html>"))
    assert _articles(index) == []


_HEADINGS = [
    '<div id="c"><p>x</p><h2 id="h">Second-level first</h2><h1>later</h1></div>',
    '<div id="c"><span class="entry-title" id="h">Entry title</span><h1>later</h1></div>',
    '<div id="c"><span class="my-entry-title">no</span><h1 id="h">the h1</h1></div>',
    '<div id="c" class="entry-title"><p>the container itself is not asked</p></div>',
    '<div id="c"><div><div><b class=" entry-title\n" id="h">deep</b></div></div><h2>x</h2></div>',
    '<div id="c"><h3>no h1, h2 or entry-title</h3></div>',
]


@pytest.mark.parametrize("markup", _HEADINGS)
def test_the_heading_from_the_index_is_the_xpaths(
    markup: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = f'<html><body><p class="entry-title-x">x</p>{markup}</body></html>'
    root = parse_html(page)
    container = root.find(".//div[@id='c']")
    expected = posts._first(posts._HEADING, container)
    index = PageIndex(root)
    assert index.may_have("entry-title")

    def no_xpath(*_args: object, **_kwargs: object) -> list[Any]:
        raise AssertionError("the heading of an indexed container takes no XPath")

    monkeypatch.setattr(posts, "_HEADING", no_xpath)
    assert _heading(container, index) is expected


def test_a_container_outside_the_index_still_takes_the_xpath() -> None:
    root = parse_html(_HEADINGS[1].join(["<html><body>", "</body></html>"]))
    other = parse_html(_HEADINGS[1].join(["<html><body>", "</body></html>"]))
    container = other.find(".//div[@id='c']")
    found = _heading(container, PageIndex(root))
    assert found is not None and found.get("id") == "h"


def test_itemprop_values_are_gathered_without_reading_each_element(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The pure path: libxml2's XPath gathers the values (the compiled path reads each node in
    C, ``tests/extract/test_page_text.py``)."""
    monkeypatch.setattr(tree, "_COMPILED_ITEMPROPS", None)
    root = parse_html(
        '<html><body><div itemprop="">empty</div><span itemprop="author">a</span>'
        '<time itemprop="dateModified datePublished">t</time></body></html>'
    )
    index = PageIndex(root)
    joined = "\n".join(filter(None, [e.get("itemprop") for e in index.elements]))
    index.elements = _CountingList(index.elements)
    _CountingList.reads = 0
    assert index.may_have_itemprop("datePublished")
    assert not index.may_have_itemprop("headline")
    assert "\n".join(filter(None, etree.XPath("//@itemprop")(root))) == joined
    assert _CountingList.reads <= 1  # the top element only: libxml2 gathers the values


@pytest.mark.parametrize(
    "rel", ["canonical", " Canonical ", "alternate canonical", "canonicalx", "x-canonical", None]
)
def test_the_canonical_test_is_the_token_test(rel: str | None) -> None:
    link = etree.Element("link")
    if rel is not None:
        link.set("rel", rel)
    rel = link.get("rel")  # session 30: rel in any ASCII case
    assert _is_canonical(link) == has_token(None if rel is None else ascii_lower(rel), "canonical")


_PAGES = [
    "https://news.example.co.uk/world/story-1",
    "http://example.com:8080/x",
    "file:///INPUT/page.html",
    "https://[bad/post",
    "not a url",
]
_RELATIVE = [
    "relative/page.html",
    "../up/one",
    "?page=2",
    "www.example.com/written-without-scheme",
    "example.com/also",
    "user@host/x",
    " spaced/path ",
    "a b",
    "index.php?a=b",
]


@pytest.mark.parametrize("page_url", _PAGES)
def test_relative_paths_share_the_page_roots_answer(
    page_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = {href: _OwnSite(page_url)._slow(href) for href in _RELATIVE}
    own_site = _OwnSite(page_url)
    resolved: list[str] = []
    original = content.resolve

    def counted(href: str, base: str) -> str | None:
        resolved.append(href)
        return original(href, base)

    monkeypatch.setattr(content, "resolve", counted)
    assert {href: own_site(href) for href in _RELATIVE} == expected
    assert resolved == ["/"]  # the page root, once: no relative path is resolved


@pytest.mark.parametrize("href", ["\\\\evil.example\\x", "/\\evil.example/x", "\\/evil.example"])
def test_a_backslash_path_is_another_site_as_a_browser_reads_it(href: str) -> None:
    """``\\\\evil.example`` opens ``https://evil.example/`` (session 37): not the page's site,
    and not the page root's answer."""
    page = "https://news.example.co.uk/world/story-1"
    assert _OwnSite(page)._slow(href) is False
    assert _OwnSite(page)(href) is False
    assert _OwnSite(page)("relative\\page.html") is True
