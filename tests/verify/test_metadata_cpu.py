"""Session 17's CPU cuts in reading a source page (issue 19) change no answer.

- ``page.parse_html`` chooses element classes in C: every element is an ``HtmlElement``
  (htmldate needs that), none of lxml.html's form classes, which no reader uses;
- ``metadata._elsewhere`` skips joining a link that cannot point at the page itself: whenever
  it says so, joining and comparing would have said so too;
- ``metadata._marked`` walks the tree once for what four XPath queries searched it for.
"""

from __future__ import annotations

from functools import cache
from itertools import product
from urllib.parse import urljoin

import lxml.html
import pytest
from lxml import etree

from checker.encoding import xpath_ascii_lower
from checker.verify.metadata import _elsewhere, _last_segment, _marked, _url_key, read_metadata
from checker.verify.page import parse_html
from tests.verify import realpages

PAGE_URLS = (
    "https://example.com/news/2021/05/story-title",
    "https://example.com/news/story-title/",
    "https://example.com/news/story-title.html?id=7",
    "https://www.example.com/a/b/c.",
    "https://example.com/",
    "https://example.com",
    "https://example.com/a/b/?x=1?y",
    "https://example.com/a/b/c/index",
)
HREFS = (
    "story-title",
    "/news/story-title",
    "../story-title",
    "x/..",
    "x/../",
    ".",
    "./",
    "..",
    "./ ",
    " story-title",
    "story\ttitle",
    "story-\ntitle",
    "?id=7",
    "?x=1?y",
    "",
    "b/",
    "c.",
    "c",
    "c/",
    "index",
    "./index",
    "index#top",
    "index?x",
    "https://example.com/news/story-title/",
    "https://EXAMPLE.com/a/b",
    "//example.com/a/b/c",
    "http://example.com",
    "http://example.com?x=1",
    "other-story",
    "/news/other-story.html",
    "tel:123",
    "data:text/html,story-title",
    "http://[ccpa-preferences]",
    "/a/b/c/index/...",
    "...",
    "b/...",
)


@pytest.mark.parametrize("url", PAGE_URLS)
def test_a_link_said_to_point_elsewhere_does(url: str) -> None:
    own = _url_key(url)
    last = _last_segment(url)
    for href, extra in product(HREFS, ("", "#f", "?q")):
        link = href + extra
        if not link or not _elsewhere(link, last):
            continue
        try:
            target = _url_key(urljoin(url, link))
        except ValueError:
            continue
        assert target != own, (url, link)


def test_links_to_the_page_itself_still_give_titles() -> None:
    html = (
        "<html><body><ul>"
        '<li><a href="/other">Other</a></li>'
        '<li><a href="../news/story" title="The Story Told">x</a></li>'
        '<li><a href="story/">The Story Told Again</a></li>'
        "</ul></body></html>"
    )
    titles = read_metadata(html, "https://example.com/news/story").titles
    assert "The Story Told" in titles
    assert "The Story Told Again" in titles
    assert "Other" not in titles


def test_every_element_is_an_html_element_chosen_without_python() -> None:
    tree = parse_html(
        "<html><body><form><input name=a><select><option>1</option></select>"
        "<textarea></textarea><label>L</label></form><!-- c --><p>x</p></body></html>"
    )
    for element in tree.iter():
        assert isinstance(element, lxml.html.HtmlElement | lxml.html.HtmlComment)
    assert {type(e) for e in tree.iter("form", "input", "select", "textarea", "label", "p")} == {
        lxml.html.HtmlElement
    }


# The XPath queries ``metadata._marked`` replaced, verbatim: its one walk must find what they
# found, in the same order.
_REPLACED = {
    "bylines": "//*[@class or @id][contains(@class, 'byline') or contains(@class, 'author')"
    " or contains(@class, 'Author') or contains(@class, 'Byline') or contains(@id, 'author')"
    " or contains(@class, 'autor') or contains(@class, 'Autor') or contains(@class, 'writer')"
    " or contains(@class, 'by-line') or contains(@class, 'creator')"
    " or contains(@class, 'reporter') or contains(@class, 'verfasser') or contains(@id, 'byline')]",
    "credits": "//*[@class or @id or @itemprop][contains(@class, 'credit')"
    " or contains(@class, 'Credit') or contains(@class, 'source') or contains(@class, 'Source')"
    " or contains(@class, 'agency') or contains(@class, 'Agency') or contains(@id, 'credit')"
    " or contains(@id, 'agency') or @itemprop='sourceOrganization' or @itemprop='creditText']",
    "datelines": "//time | //*[@itemprop='datePublished' or @itemprop='dateCreated']"
    " | //*[@class or @id][contains(@class, 'date') or contains(@class, 'Date')"
    " or contains(@class, 'time') or contains(@class, 'publish') or contains(@class, 'posted')"
    " or contains(@class, 'datum') or contains(@class, 'meta') or contains(@class, 'byline')"
    " or contains(@id, 'date')]",
    "authors": "//*[self::a or self::link][contains(concat(' ', normalize-space("
    f"{xpath_ascii_lower('@rel')}), ' '), ' author ')]"  # session 30: rel in any ASCII case
    " | //*[@itemprop='author' or @itemprop='creator']",
}

TRICKY = (
    "<html><head><link rel='author' href='/me'><link rel=' Author '></head><body>"
    "<!-- a comment --><time>5 May</time><time datetime='2020-01-01' class=''></time>"
    "<p class=''>empty class</p><p id=''>empty id</p><p itemprop=''>empty prop</p>"
    "<a rel='external\tauthor\n'>x</a><a rel='author\xa0x'>nbsp</a><a rel='authors'>no</a>"
    "<div class='by-line AUTHOR'>B</div><span id='the-author-box'>A</span>"
    "<span class='x' itemprop='creditText'>AP</span><span itemprop='sourceOrganization'>R</span>"
    "<span itemprop='datePublished'>d</span><span class='metadata' id='dated'>m</span>"
    "<em itemprop='author creator'>no</em><em itemprop='creator'>C</em>"
    "<?php echo 1 ?><p class='Source credits' id='agency-line'>AFP</p>"
    "<TIME>upper</TIME><fb:like class='date'>ns</fb:like></body></html>"
)


_UPDATED = (
    "contains(@class, 'updated') or contains(@class, 'modified') or contains(@class, 'Updated')"
    " or contains(@class, 'Modified') or contains(@class, 'lastmod')"
)
_REPLACED.update(
    {
        "author_names": "//*[@itemprop='author']//*[@itemprop='name']",
        "persons": "//*[contains(@itemtype, 'schema.org/Person')]//*[@itemprop='name']"
        " | //a[contains(@rel, 'attributionURL')] | //*[@property='cc:attributionName']",
        "modified": "//*[@itemprop='dateModified'] | //time[not(@pubdate) and not(@itemprop)]"
        f"[@datetime][{_UPDATED}]",
        "published": "//time[@pubdate] | //*[@itemprop='datePublished' or @itemprop='dateCreated']"
        "[@datetime or @content]",
        "times": f"//time[@datetime][not(@itemprop='dateModified')][@pubdate or not({_UPDATED})]",
        "lastmod": "//*[@id='footer-info-lastmod' or @id='lastmod']",
    }
)
DATED = (
    "<html><body><div itemprop='author' itemscope><span itemprop='name'>A B</span>"
    "<div itemtype='https://schema.org/Person'><b itemprop='name'>C D</b></div></div>"
    "<a rel='cc:attributionURL' property='cc:attributionName'>E F</a><i property='x'>no</i>"
    "<time pubdate datetime='2020-01-02'>1</time><time pubdate>2</time>"
    "<time class='updated' datetime='2020-01-03'>3</time><time class='Modified x'>4</time>"
    "<time class='updated' pubdate datetime='2020-01-04'>5</time>"
    "<time itemprop='dateModified'>6</time><time itemprop='dateModified' datetime='x'>7</time>"
    "<time itemprop='datePublished' class='lastmod' datetime='2020-01-05'>8</time>"
    "<span itemprop='dateCreated' content='2020-01-06'>9</span><span itemprop='dateCreated'>"
    "</span><meta itemprop='dateModified' content='2020-01-07'>"
    "<p id='lastmod'>x</p><p id='footer-info-lastmod'>y</p><p id='lastmods'>z</p>"
    "<time datetime=''>10</time></body></html>"
)


@cache
def _pages() -> list[str]:
    """The tricky page, and real pages when their tarball is here."""
    if not realpages.tarball_path().is_file():
        return [TRICKY, DATED]
    return [TRICKY, DATED, *(page.html for page in realpages.load_pages()[:60])]


@pytest.mark.parametrize("field", sorted(_REPLACED))
def test_one_walk_finds_what_the_xpath_queries_found(field: str) -> None:
    query = etree.XPath(_REPLACED[field])
    for html in _pages():
        tree = parse_html(html)
        walked = getattr(_marked(tree), field)
        expected = query(tree)
        assert len(walked) == len(expected)
        assert all(a is b for a, b in zip(walked, expected, strict=True))
