"""The measure's own-site test takes shortcuts (issue 19); each must agree with the long way.

``_OwnSite`` answers a root path or fragment once per page, an ``http(s)://host/`` href once per
host (shared across pages by the two hosts), and only the rest by resolving and comparing sites.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from checker.extract import content
from checker.extract.content import _OwnSite, same_site
from checker.extract.links import resolve

PAGES = [
    "https://news.example.co.uk/world/story-1",
    "https://www.example.com/a/b?c=d",
    "http://example.com:8080/x",
    "https://user@blog.example.org/post",
    "file:///INPUT/page.html",
    "https://[bad/post",
    "https://user:pw@News.Example.CO.UK.:99/x",
    "https://[::1]:8/x",
    "https:///no-host",
    "https://\u017fport.example.com/x",
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
    # hosts the plain-host shortcut reads (\u017f and \u212a match [a-z] under IGNORECASE)
    "https://\u017fport.example.com/",
    "https://\u212aey.example.co.uk/",
    "https://\u0130stanbul.example.com/",
    "https://news.example.co.uk./x",
    "https://co.uk/",
    "https://./",
    "https://1.2.3.4/",
    "http://localhost/",
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


def test_a_new_plain_host_is_judged_without_parsing_a_url(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each new ``https://host/`` a page links costs a suffix test, not two ``urlsplit`` calls
    (issue 19); the answers are the long way's (above)."""
    own_site = _OwnSite("https://news.example.co.uk/world/story-1")
    calls: list[str] = []

    def counted(url: str, *args: object) -> object:
        calls.append(url)
        return urlsplit(url, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(content, "urlsplit", counted)
    hosts = [f"https://host{n}.example.net/a" for n in range(20)] + ["https://sport.example.co.uk/"]
    assert [own_site(h) for h in hosts] == [False] * 20 + [True]
    assert calls == []
