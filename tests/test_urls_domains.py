"""checker.urls.domain_parts: the Public Suffix List's split, remembered per host (issue 19)."""

from __future__ import annotations

import pytest

from checker import urls
from checker.urls import domain_parts, suffix_list
from checker.verify.match import _cjk_script
from checker.verify.text import cjk_count, has_cjk

TRICKY = [
    "https://www.nytimes.com/2024/01/01/world/story.html",
    "https://news.bbc.co.uk/1/hi/world/1.stm?x=1#top",
    "http://USER:secret@Sub.Example.CO.UK:8080/path",
    "https://foo.blogspot.com/2020/01/post.html",
    "https://[2001:db8::1]:443/x",
    "http://192.168.0.1/admin",
    "https://例え.テスト/パス",
    "https://xn--r8jz45g.xn--zckzah/",
    "https://example.com。evil/",
    "example.com/no-scheme",
    "//protocol-relative.example.org/x",
    "https://localhost:8000/",
    "mailto:someone@example.com",
    "",
    "https://a.b.c.d.e.example.com.au/",
]


@pytest.mark.parametrize("url", TRICKY)
def test_the_split_is_tldextracts_own(url: str) -> None:
    assert domain_parts(url) == suffix_list()(url)


def test_urls_of_one_host_share_one_split() -> None:
    """The second URL of a host is answered from the cache: no Public Suffix List walk."""
    urls._host_parts.cache_clear()
    domain_parts("https://www.example.co.uk/a")
    domain_parts("https://www.example.co.uk/b?page=2")
    domain_parts("http://www.example.co.uk:80/c#d")
    info = urls._host_parts.cache_info()
    assert (info.misses, info.hits) == (1, 2)  # tldextract drops the port and user too


@pytest.mark.parametrize(
    "text", ["", "plain ASCII", "東京 guide", "iPhone 16レビュー", "서울 뉴스", "Ｆｕｌｌ幅"]
)
def test_cjk_count_counts_as_has_cjk_per_character(text: str) -> None:
    assert cjk_count(text) == sum(1 for ch in text if has_cjk(ch))


@pytest.mark.parametrize(
    ("title", "cjk"),
    [
        ("iPhone 16レビュー", True),
        ("Tokyo 東京 guide", False),
        ("A plain title", False),
        ("", False),
    ],
)
def test_cjk_script(title: str, cjk: bool) -> None:
    assert _cjk_script(title) is cjk
