"""Shortcuts extraction takes for speed (issue 19) give what the long way gives, tricky input
included: the content measure's own-site judgement, and the bare-URL scan's pre-check."""

from __future__ import annotations

import pytest

from checker.extract.content import _OwnSite, same_site
from checker.extract.lines import bare_urls
from checker.extract.links import resolve

_HREFS = [
    "/news/1",
    "#top",
    "/",
    "//evil.example/x",
    "/\n/evil.example/x",
    "/\t/evil.example/x",
    " /news/2 ",
    "https://www.example.com/a",
    "https://WWW.EXAMPLE.COM/a",
    "https://blog.example.com",
    "https://example.com.evil.example/",
    "https://evil.example/",
    "http://example.com:8080/x",
    "http://user@evil.example/",
    "https://[::1]/x",
    "https://[bad/x",
    "mailto:a@example.com",
    "javascript:void(0)",
    "htps://example.com/x",
    "www.example.com/x",
    "relative/path",
    "?q=1",
    "",
    "https://example.co.uk/",
]


@pytest.mark.parametrize(
    "page_url",
    [
        "https://www.example.com/story/1",
        "https://news.bbc.co.uk/a",
        "file:///tmp/page.html",
        "http://[bad/x",
    ],
)
def test_shortcuts_agree_with_the_long_way(page_url: str) -> None:
    own = _OwnSite(page_url)
    for href in _HREFS + _HREFS:  # twice: the second answer comes from the memo
        url = resolve(href, page_url)
        expected = url is not None and same_site(url, page_url)
        assert own(href) is expected, href


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("see WWW2.Example.com now", 1),
        ("Www.example.org", 1),
        ("日本語のwww.example.jpです", 1),
        ("htps:/example.com/x", 1),
        ("no url here at all.", 0),
        ("wwwexample.com", 0),
    ],
)
def test_the_scan_skips_only_text_without_a_url(text: str, found: int) -> None:
    # a slash appended defeats the pre-check and makes no URL: the full scan's answer
    assert bare_urls(text) == bare_urls(text + " /")
    assert len(bare_urls(text)) == found
