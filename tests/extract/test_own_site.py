"""The measure's own-site test takes shortcuts (issue 19); each must agree with the long way.

``_OwnSite`` answers a root path or fragment once per page, an ``http(s)://host/`` href once per
host (shared across pages by the two hosts), and only the rest by resolving and comparing sites.
"""

from __future__ import annotations

import pytest

from checker.extract.content import _OwnSite, same_site
from checker.extract.links import resolve

PAGES = [
    "https://news.example.co.uk/world/story-1",
    "https://www.example.com/a/b?c=d",
    "http://example.com:8080/x",
    "https://user@blog.example.org/post",
    "file:///INPUT/page.html",
    "https://[bad/post",
]
HREFS = [
    "/news/2",
    "#top",
    "//cdn.example.com/x.js",
    "https://sport.example.co.uk/live",
    "https://EXAMPLE.com/",
    "https://other.example.net/a",
    "http://news.example.co.uk:443/",
    "https://news.example.co.uk\t/x",
    "/\n/evil.example/",
    "relative/page.html",
    "?page=2",
    "mailto:someone@example.com",
    "https://[::1]/",
    "  https://www.example.com/padded  ",
]


def _long_way(href: str, page_url: str) -> bool:
    url = resolve(href, page_url)
    return url is not None and same_site(url, page_url)


@pytest.mark.parametrize("page_url", PAGES)
def test_every_shortcut_agrees_with_resolving_and_comparing_sites(page_url: str) -> None:
    own_site = _OwnSite(page_url)
    assert [own_site(href) for href in HREFS] == [_long_way(href, page_url) for href in HREFS]
    # asked again, the remembered answers are the same
    assert [own_site(href) for href in HREFS] == [_long_way(href, page_url) for href in HREFS]
