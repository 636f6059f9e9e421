"""The shortcuts that replace walks and XPath calls in extraction give the long way's answer
(issue 19): each is held to the walk or the XPath it replaces on pages made to hit its edges."""

from __future__ import annotations

from typing import Any

import pytest
from lxml import etree

from checker.extract.content import (
    _BLOCKS,
    _CONTENT_CLASSES,
    _MIN_PARAGRAPH,
    _UNSEEN,
    _holds_blocks,
    _is_content,
    _Measure,
    _measure,
    _OwnSite,
)
from checker.extract.embeds import find_embeds
from checker.extract.posts import _class, _hentry_posts
from checker.extract.tree import Element, PageIndex, is_element, parse_html

_BASE = "https://news.example/2024/story"

_EMBEDS = """<html><body><div id="post">
<p>Before <a href="https://x.example/">x</a></p>
<blockquote class="twitter-tweet"><p>tweet text</p>
  <a href="https://twitter.com/someone/status/123">March 1, 2024</a>
  <iframe src="https://www.youtube.com/embed/abcdefghijk"></iframe></blockquote>
<div class="wp-block-embed is-type-video"><div class="wp-block-embed__wrapper">
  <iframe src="https://www.youtube.com/embed/ABCDEFGHIJK"></iframe></div></div>
<div class="EMBED-Telegram"><script async src="https://telegram.org/js/telegram-widget.js"
  data-telegram-post="channel/42"></script></div>
<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.com/p/Cabc/">
  <a href="https://www.instagram.com/p/Cabc/">post</a></blockquote>
<lite-youtube videoid="zzzzzzzzzzz"></lite-youtube>
<p class="x">after</p></div>
<blockquote class="twitter-tweet"><a href="https://twitter.com/b/status/9">x</a></blockquote>
</body></html>"""


def _walked(body: Element) -> list[Any]:
    return [(node, embed) for node, embed in find_embeds(body, _BASE)]


@pytest.mark.parametrize("path", ["body/div", "body", "body/div/blockquote", "body/div/div"])
def test_embeds_found_from_the_index_are_the_walks(path: str) -> None:
    root = parse_html(_EMBEDS)
    body = root.find(path)
    index = PageIndex(root)
    assert find_embeds(body, _BASE, index) == _walked(body)


def test_the_index_finds_outermost_embeds_only_and_never_the_body_itself() -> None:
    root = parse_html(_EMBEDS)
    post = root.find("body/div")
    found = find_embeds(post, _BASE, PageIndex(root))
    assert len(found) >= 4
    tweet = post.find("blockquote")
    assert tweet in [node for node, _embed in found]
    assert tweet.find("iframe") not in [node for node, _embed in found]  # inside the tweet
    inside = find_embeds(tweet, _BASE, PageIndex(root))  # the body itself is not asked
    assert [node for node, _embed in inside] == [tweet.find("iframe")]


def test_an_element_outside_the_index_takes_the_walk() -> None:
    root = parse_html(_EMBEDS)
    other = parse_html(_EMBEDS).find("body/div")
    assert find_embeds(other, _BASE, PageIndex(root)) == _walked(other)


_IS_CONTENT_XPATH = etree.XPath(
    "self::*[" + " or ".join(_class(n) for n in _CONTENT_CLASSES) + " or @itemprop='articleBody']"
)


@pytest.mark.parametrize(
    "attributes",
    [
        'class="entry-content"',
        'class="x\tentry-content\ny"',
        'class="  story-body  "',
        'class="entry-contents"',
        'class="my-entry-content"',
        'class="ENTRY-CONTENT"',
        'class="article__body"',
        'class=""',
        "",
        'itemprop="articleBody"',
        'itemprop="articleBody x"',
        'itemprop="articlebody"',
        'class="post-body" itemprop="x"',
        'class="mw-parser-output\u00a0x"',
    ],
)
def test_the_content_class_test_is_the_xpaths(attributes: str) -> None:
    element = parse_html(f"<html><body><div {attributes}>t</div></body></html>").find("body/div")
    assert _is_content(element) == bool(_IS_CONTENT_XPATH(element))


def test_hentry_posts_are_the_xpaths() -> None:
    markup = """<html><body>
    <div class="post hentry">a</div><div class="hentry post-x">b</div>
    <div class="x post\thentry y"><div class="post hentry">nested</div></div>
    <div class="posthentry">c</div><div class="post">d</div><div class="HENTRY post">e</div>
    </body></html>"""
    root = parse_html(markup)
    xpath = etree.XPath(f"//*[{_class('post')} and {_class('hentry')}]")
    found = _hentry_posts(PageIndex(root))
    assert found == xpath(root)
    assert len(found) == 3


def _reference(element: Element, page_url: str) -> dict[Element, tuple[int, ...]]:
    """The measure the slow way, recursively through lxml, for comparison with :func:`_measure`
    (no furniture: the trees below have no chrome).  The last figure is the paragraphs' prose
    summed over the subtree, a paragraph inside a paragraph counted in both, as the measure
    sums them."""
    own_site = _OwnSite(page_url)
    out: dict[Element, tuple[int, ...]] = {}

    def length(text: str | None) -> int:
        return 0 if not text or text.isspace() else len(" ".join(text.split()))

    def visit(node: Element) -> tuple[int, int, int, int, int, bool]:
        tag = node.tag
        if tag in _UNSEEN and not (tag == "noscript" and _holds_blocks(node)):
            for inner in node.iter():
                if inner is not node and is_element(inner):
                    visit(inner)
            out[node] = (0, 0, 0, 0, 0)
            return 0, 0, 0, 0, 0, False
        prose, linked, links, own, summed = length(node.text), 0, 0, 0, 0
        has_block = False
        for child in node:
            if not is_element(child):
                continue
            c_prose, c_linked, c_links, c_own, c_summed, _is_paragraph = visit(child)
            prose += c_prose + length(child.tail)
            linked, links, own = linked + c_linked, links + c_links, own + c_own
            summed += c_summed
            has_block = has_block or child.tag in _BLOCKS
        href = node.get("href") if tag == "a" else None
        if href:
            linked, prose, links, own = linked + prose, 0, links + 1, own + own_site(href)
        is_paragraph = (
            node is not element
            and prose >= _MIN_PARAGRAPH
            and (tag in ("p", "pre") or (tag in ("div", "td") and not has_block))
        )
        if is_paragraph:
            summed += prose
        out[node] = (prose, linked, links, own, summed)
        return prose, linked, links, own, summed, is_paragraph

    visit(element)
    return out


_MEASURED = [
    "<div><p>Twenty-five characters at least, in a paragraph.</p><p>short</p></div>",
    "<div>A div of prose with no block inside it at all.<span> And more.</span></div>",
    "<p>Linked <a href='/own'>text inside a link here</a> and <a href='https://x.org/'>out</a>"
    " then a tail that is long enough.</p><a>no href, so prose</a>",
    "<script>var x = 'not prose at all, however long it is';</script> tail after the script",
    "<noscript><div>A noscript holding a block is read: its text is prose.</div></noscript>",
    "<noscript><span>Hidden noscript text that a reader does not see.</span></noscript>",
    "<pre><div>Nested paragraphs: a div of text inside a pre block.</div> and its tail</pre>",
    "<table><tr><td>A table cell of prose long enough to count.</td></tr></table>",
    "<div>\u00a0\u2003 <b>\u00a0</b>\u3000words\u00a0\u00a0with odd\tspaces enough to count</div>",
]


@pytest.mark.parametrize("inner", _MEASURED)
def test_the_measure_is_the_sum_over_each_subtree(inner: str) -> None:
    root = parse_html(f"<html><body><main>{inner}</main></body></html>")
    body = root.find("body")
    measures = _measure(body, _BASE, PageIndex(root))
    expected = _reference(body, _BASE)
    for element, figures in expected.items():
        got = measures[element]
        assert (got.prose, got.linked, got.links, got.own_links, got.paragraphs) == figures
    assert isinstance(measures[body], _Measure)


@pytest.mark.parametrize(
    ("markup", "top"),
    [
        ("<a href='https://x.org/'>A link measured as the top <b>of a subtree</b></a>", "a"),
        ("<script>the top is unseen</script>", "script"),
        ("<div>plain top</div>", "div"),
    ],
)
def test_the_measured_top_counts_its_own_text_and_link(markup: str, top: str) -> None:
    root = parse_html(f"<html><body>{markup}</body></html>")
    element = root.find(f"body/{top}")
    measures = _measure(element, _BASE, PageIndex(root))
    expected = _reference(element, _BASE)[element]
    got = measures[element]
    assert (got.prose, got.linked, got.links, got.own_links) == expected[:4]
