"""The compiled page index reads what the pure one reads, exactly (issue 19).

``checker.extract._walk.page_columns`` and ``class_values`` (one walk over libxml2's nodes) must
give :class:`~checker.extract.tree.PageIndex` the elements (the same proxies, in page order),
tags, parents and ``class`` values that :func:`~checker.extract.tree._index_columns` and
:func:`~checker.extract.tree._class_values` read through lxml: on the real pages, from the root
and from subtrees, and on hostile trees (100,000 deep, comments and processing instructions
around the root, attributes in namespaces, odd values, trees built through lxml's API).
"""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree

from checker.extract import content, native, tree
from checker.extract.tree import Element, PageIndex, held, parse_html
from checker.model import PageKind
from tests.extract.citation_dump import realpage_pages
from tests.extract.test_compiled_passes import _HOSTILE, _both
from tests.verify.realpages import tarball_path

_compiled = pytest.mark.skipif(
    native.compiled() is None, reason=f"the compiled passes are not in use: {native.why_pure()}"
)
_real = pytest.mark.skipif(not tarball_path().is_file(), reason="../shared/realpages not present")


def _module() -> Any:
    module = native.compiled()
    assert module is not None
    return module


def _assert_alike(top: Element) -> int:
    """The compiled and the pure columns of ``top`` are equal (the elements the same objects);
    how many elements were compared."""
    module = _module()
    elements, tags, parents = module.page_columns(top)
    pure_elements, pure_tags, pure_parents = tree._index_columns(top)
    assert len(elements) == len(pure_elements)
    assert all(a is b for a, b in zip(elements, pure_elements, strict=True))
    assert tags == pure_tags
    assert parents == pure_parents
    assert module.class_values(elements) == tree._class_values(pure_elements)
    read = module.chrome_attributes
    assert [read(e) for e in elements] == [tree._chrome_attributes(e) for e in pure_elements]
    return len(elements)


@_compiled
@_real
def test_the_real_pages_are_indexed_alike_on_both_paths() -> None:
    compared = 0
    for _name, page in realpage_pages():
        if page.kind is not PageKind.HTML:
            continue
        root = parse_html(page.body)
        with held(root):
            for top in [root, *root.iter("body", "article", "main", "a")][:30]:
                compared += _assert_alike(top)
    assert compared > 100_000


_ODD = [
    "<!-- before --><?pi before?><html><body><p class='a&amp;b &#233; \u00e9'>x</p>"
    "<div class>empty</div><div class=''>blank</div><div CLASS='upper' class='second'>y</div>"
    "<!-- c --><![CDATA[ cdata ]]><?pi x?>&nbsp;&unknown;</body></html><!-- after -->",
    "<html><head><title>t</title></head><frameset><frame class='f'></frameset></html>",
    "<table class='t'><tr class='r'><td class='d'>cell</td></tr></table><p class='\t a \n'>",
    "<html><body>" + "<span class='s'>" * 300 + "deep" + "</span>" * 300 + "</body></html>",
    "<html><body><nav ROLE='Navigation' role='main' ID='Up' id='second'>n</nav>"
    "<div role id class>bare</div><div role='' id=''>empty</div><div id='a&amp;b &#8212;'"
    " role='&#x43;omplementary'>entities</div><div xml:id='x' xlink:role='r'>prefixed</div></body>"
    "</html>",
]


@_compiled
@pytest.mark.parametrize("markup", [*_HOSTILE, *_ODD], ids=range(len(_HOSTILE) + len(_ODD)))
def test_hostile_pages_are_indexed_alike_on_both_paths(markup: str) -> None:
    root = parse_html(markup)
    with held(root):
        for top in [root, *root.iter("body", "div", "p")][:40]:
            _assert_alike(top)


def _built() -> Element:
    """A tree made through lxml's API (as the deep-page builder makes one): a namespaced
    ``class`` that is no ``class``, a class with several text nodes, comments and entities."""
    root = etree.Element("html")
    body = etree.SubElement(root, "body")
    body.append(etree.Comment("a comment"))
    first = etree.SubElement(body, "div")
    first.set("{urn:x}class", "namespaced")
    second = etree.SubElement(first, "{urn:y}p", attrib={"class": "in a namespace"})
    second.append(etree.Entity("nbsp"))
    second.append(etree.ProcessingInstruction("pi", "x"))
    third = etree.SubElement(body, "p", attrib={"class": "plain", "id": "x"})
    third.text = "text"
    fourth = etree.SubElement(body, "nav", attrib={"{urn:x}role": "navigation", "role": "main"})
    fourth.set("{urn:x}id", "namespaced")
    return root


@_compiled
def test_a_tree_built_through_lxml_is_indexed_alike_on_both_paths() -> None:
    root = _built()
    for top in root.iter(etree.Element):
        _assert_alike(top)
    assert PageIndex(root).tags == ["html", "body", "div", "{urn:y}p", "p", "nav"]


@_compiled
def test_the_page_index_reads_through_the_compiled_walk_when_it_is_built() -> None:
    module = _module()
    assert tree._COMPILED_COLUMNS is module.page_columns
    assert tree._COMPILED_CLASSES is module.class_values
    assert tree.chrome_attributes is module.chrome_attributes
    root = parse_html("<html><body><div class='x'><p>a</p></div></body></html>")
    index = PageIndex(root)
    assert index.tags == ["html", "body", "div", "p"]
    assert index.parents == [-1, 0, 1, 2]
    assert index.classes == [None, None, "x", None]
    assert index.position == {e: i for i, e in enumerate(root.iter(etree.Element))}


def test_a_walk_module_built_before_the_index_readers_leaves_the_pure_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A stale ``_walk`` build (no ``page_columns``, ``utf8``…) is no error: the pure readers
    run."""
    monkeypatch.setattr(native, "compiled", lambda name=native.MEASURE: object())
    assert tree._compiled(*tree._INDEX_READERS) == (None, None, None, None)
    assert tree._compiled(*tree._TEXT_READERS) == (None, None)
    monkeypatch.setattr(native, "compiled", lambda name=native.MEASURE: None)
    assert tree._compiled(*tree._INDEX_READERS) == (None, None, None, None)
    assert tree._compiled(*tree._TEXT_READERS) == (None, None)


_ODD_LINKS = (
    "<html><body><div><a href>no value</a> <a href=''>empty</a> <a>none</a>"
    " <a href='/own&amp;x'>own, an entity</a> <a HREF='https://x.org/'>upper</a>"
    " <a href='https://x.org/' href='/second'>twice</a> <a href='\t/own\n'>breaks</a>"
    " <a href='//news.example/x'>scheme-relative</a> <a href='https://news.example/&#233;'>"
    "own, a character reference</a> <a href='https://\u017fub.example/'>folding</a></div>"
    "<p>prose long enough to be a paragraph, with <a href='https://y.org/'>a link</a>.</p>"
    "</body></html>"
)


@_compiled
def test_hrefs_read_from_the_nodes_measure_as_lxml_reads_them() -> None:
    """The compiled measure reads each ``<a>``'s href from its node (``_walk._attribute``): the
    links and own links it counts are the pure measure's, whatever the attribute holds."""
    root = parse_html(_ODD_LINKS)
    with held(root) as index:
        for top in [root, *root.iter("div", "p")]:
            pure, built = _both(top, index, "https://news.example/story")
            assert built == pure
        del pure, built, top


class _Counting(etree.ElementBase):
    """An element that records each attribute asked of it through lxml's ``get``."""

    asked: list[str] = []  # noqa: RUF012 (one list for the test, cleared by it)

    def get(self, key: Any, default: Any = None) -> Any:
        _Counting.asked.append(key)
        return super().get(key, default)


@_compiled
def test_the_chrome_test_reads_role_class_and_id_from_the_node_in_one_call() -> None:
    """``content._named_chrome`` asked lxml for ``role``, ``class`` and ``id`` one method call
    each (~150 elements a page, issue 19); the compiled pass reads all three from the node."""
    parser = etree.HTMLParser()
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(element=_Counting))
    root = etree.fromstring(
        "<html><body><div role='navigation'>a</div><div class='share-links'>b</div>"
        "<main class='has-left-sidebar'>c</main><div id='sidebar'>d</div><div>e</div>"
        "<footer>f</footer></body></html>",
        parser,
    )
    divs = list(root.iter("div", "main", "footer"))
    _Counting.asked.clear()
    judged = [content._named_chrome(e, e.tag) for e in divs]
    assert _Counting.asked == []
    assert judged == [True, True, False, True, False, True]
