"""Session 17's CPU cuts in reading a source page (issue 19) change no answer.

- ``page.parse_html`` chooses element classes in C: every element is an ``HtmlElement``
  (htmldate needs that), none of lxml.html's form classes, which no reader uses;
- ``metadata._elsewhere`` skips joining a link that cannot point at the page itself: whenever
  it says so, joining and comparing would have said so too.
"""

from __future__ import annotations

from itertools import product
from urllib.parse import urljoin

import lxml.html
import pytest

from checker.verify.metadata import _elsewhere, _last_segment, _url_key, read_metadata
from checker.verify.page import parse_html

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
