"""The page index that gates class-testing XPath and feeds the content measure (issue 19)."""

from __future__ import annotations

from lxml import etree

from checker.extract import tree
from checker.extract.content import main_content
from checker.extract.tree import PageIndex, held, parse_html

_PAGE = """<html><head><title>t</title></head><body>
<div class="a b"><p class="post&#45;outer x">one</p><span itemprop="datePublished">d</span></div>
<section><ul><li>1</li><li class=" z ">2</li></ul></section><footer>f</footer>
</body></html>"""


def test_a_subtree_is_the_element_and_its_descendants_in_page_order() -> None:
    root = parse_html(_PAGE)
    index = PageIndex(root)
    assert index.elements == list(root.iter())
    for element in root.iter():
        span = index.subtree(element)
        assert index.elements[span.start : span.stop] == list(element.iter())


def test_class_names_are_read_from_the_tree_not_the_markup() -> None:
    index = PageIndex(parse_html(_PAGE))
    assert index.may_have("post-outer")  # written with a character reference
    assert index.may_have("nope", "z")
    assert not index.may_have("hentry", "entry-content")
    assert index.may_have_itemprop("datePublished")
    assert not index.may_have_itemprop("author")


def test_a_subtree_ends_before_the_next_element_whatever_lies_between() -> None:
    root = parse_html("<html><body><div><p>a</p></div><b>b</b></body></html>")
    div = root.find("body/div")
    div.addnext(etree.Comment("between"))  # no parse keeps one, but a tree may hold one
    index = PageIndex(root)
    span = index.subtree(div)
    assert index.elements[span.start : span.stop] == list(div.iter())
    inner = PageIndex(root.find("body"))
    span = inner.subtree(root.find("body"))
    assert inner.elements[span.start : span.stop] == list(root.find("body").iter(etree.Element))


_PROSE = "The committee heard evidence from the engineers for most of the afternoon. " * 2
_FURNITURE_PAGE = f"""<html><body><div class="content-sidebar-wrap">
<div class="comments"><h3>Comments</h3>{
    "".join(f'<div class="comment"><div><p>{_PROSE}</p></div></div>' for _ in range(4))
}</div>
<div class="story"><h2>A headline that is prose but no paragraph</h2>{
    "".join(f"<p>{_PROSE}</p>" for _ in range(6))
}</div>
<div class="sidebar"><p>{_PROSE}</p></div>
</div></body></html>"""


def test_paragraphs_in_furniture_are_not_the_articles() -> None:
    """The comments' paragraphs (inside a chrome-named ancestor, several levels up) leave the
    sums, so the story holds the text; the wrapper named ``sidebar`` holds most paragraphs, so
    it is layout and its paragraphs stay (issue 19: furniture is judged only along paragraphs'
    ancestors, which must reach every chrome ancestor and spare the wrapper)."""
    root = parse_html(_FURNITURE_PAGE)
    content = main_content(root, "https://example.org/a", PageIndex(root))
    assert content.container.get("class") == "story"


def test_the_held_block_is_given_the_page_index_and_lets_its_proxies_go_at_its_end() -> None:
    """``held`` keeps the elements' proxies through the page index the reading uses (one walk of
    the page, not two), and drops them at the end, the index's position map first (a map freed
    after the list would drop parents before children: quadratic on a deep page)."""
    root = parse_html("<html><body><!-- c --><div><p>a</p></div><p>b</p></body></html>")
    with held(root) as index:
        assert index.elements == list(root.iter(etree.Element))
        assert index.tags == ["html", "body", "div", "p", "p"]
        assert index.position[index.elements[3]] == 3
    assert index.elements == []
    assert index.position == {}


def test_the_parse_keeps_no_table_of_ids_and_logs_no_repeated_one() -> None:
    """Nothing reads libxml2's table of ``id`` values (XPath ``id()``, ``getElementById``):
    the parse does not build it (issue 19: ~0.4 M instructions a real page, parse and free),
    nor log an error for each ``id`` a page repeats; the ``id`` attributes stay as written."""
    markup = "<html><body><p id='x'>a</p><p id='x'>b</p><div id='y'>c</div></body></html>"
    root = parse_html(markup)
    assert root.xpath("id('x') | id('y')") == []
    assert [e.get("id") for e in root.iter("p", "div")] == ["x", "x", "y"]
    parser = tree._parser()
    etree.fromstring(markup.encode(), parser)
    assert [e.type_name for e in parser.error_log] == []
