"""The page's-own-site judgement of the content measure takes shortcuts; they must agree with
``resolve`` + ``same_site`` on every href, tricky ones included (issue 19)."""

from __future__ import annotations

import pytest

from checker.extract.content import _OwnSite, same_site
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
    ["https://www.example.com/story/1", "https://news.bbc.co.uk/a", "file:///tmp/page.html"],
)
def test_shortcuts_agree_with_the_long_way(page_url: str) -> None:
    own = _OwnSite(page_url)
    for href in _HREFS + _HREFS:  # twice: the second answer comes from the memo
        url = resolve(href, page_url)
        expected = url is not None and same_site(url, page_url)
        assert own(href) is expected, href
