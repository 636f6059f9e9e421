"""checker.urls.domain_parts: the Public Suffix List's split, remembered per host (issue 19),
exactly tldextract's split, read without importing tldextract."""

from __future__ import annotations

import contextlib
import subprocess
import sys
from functools import cache

import idna
import pytest
import tldextract

from checker import urls
from checker.urls import DomainParts, domain_parts, registered_domain
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


@cache
def _tldextract() -> tldextract.TLDExtract:
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def _oracle(url: str) -> DomainParts:
    """tldextract's split of ``url``, as the run used to ask for it."""
    parts = _tldextract()(url)
    return DomainParts(parts.subdomain, parts.domain, parts.suffix)


@pytest.mark.parametrize("url", TRICKY)
def test_the_split_is_tldextracts_own(url: str) -> None:
    assert domain_parts(url) == _oracle(url)


def _hosts_from_the_list() -> list[str]:
    """Hosts on and around every rule of the bundled list, private section included: the rule,
    one and two labels under it, wildcards filled, exceptions as written and as hosts, upper
    case, and the IDN rules in their ``xn--`` spelling."""
    suffixes = _tldextract()._get_tld_extractor()
    rules = [*suffixes.public_tlds, *suffixes.private_tlds]
    hosts: list[str] = []
    for rule in rules:
        plain = rule.lstrip("!").replace("*", "wild")
        hosts += [plain, f"a.{plain}", f"b.a.{plain}", f"B.A.{plain.upper()}", rule]
        with contextlib.suppress(idna.IDNAError):
            hosts.append("x." + idna.encode(plain, uts46=True).decode("ascii"))
    return hosts


ODD_HOSTS = [
    "",
    ".",
    "..",
    "a..com",
    "com",
    "localhost",
    "1.2.3.4",
    "999.2.3.4",
    "1.2.3",
    "[::1]",
    "[2001:db8::1]",
    "[not-ipv6]",
    "example.com.",
    "example\u3002co\u3002uk",
    "xn--.com",
    "xn--zz-invalid.jp",
    "*.ck",
    "www.ck",
    "a.www.ck",
    "city.kawasaki.jp",
    "a.city.kawasaki.jp",
    "b.a.kawasaki.jp",
]


def test_every_rule_of_the_list_splits_as_tldextract_splits_it() -> None:
    hosts = _hosts_from_the_list() + ODD_HOSTS
    assert len(hosts) > 40_000
    differ = [h for h in hosts if domain_parts(h) != _oracle(h)]
    assert differ == []
    urls._host_parts.cache_clear()
    wrong = [
        h
        for h in hosts[::7] + ODD_HOSTS
        if registered_domain(h) != (_tldextract()(h).top_domain_under_public_suffix or h)
    ]
    assert wrong == []


def test_a_registered_domain_does_not_import_tldextract() -> None:
    """tldextract's import (it loads requests) and its tries were ~0.6 G instructions of every
    run that has a store (its domain column): the bundled list is read as a file."""
    code = (
        "import sys\n"
        "from checker.urls import domain_parts, registered_domain\n"
        "assert registered_domain('news.bbc.co.uk') == 'bbc.co.uk'\n"
        "assert domain_parts('https://a.b.example.com.au/x').domain == 'example'\n"
        "assert 'tldextract' not in sys.modules and 'requests' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


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


def test_split_url_and_url_host_read_as_urlsplit_does() -> None:
    """Issue 19: one cached split a URL (``urlsplit``'s own cache holds 128)."""
    from urllib.parse import urlsplit  # noqa: PLC0415

    from checker.urls import split_url, url_host  # noqa: PLC0415

    for url in ("https://News.Example.COM:8443/a/b?q=1#f", "mailto:x@y.z", "https://[::1]/"):
        assert split_url(url) == urlsplit(url)
        assert url_host(url) == (urlsplit(url).hostname or "")
    assert split_url("https://e.com/kept") is split_url("https://e.com/kept")
    with pytest.raises(ValueError):
        split_url("https://[::1/")
    with pytest.raises(ValueError):
        url_host("https://[::1/")


def test_the_suffix_lists_nodes_are_every_ending_of_every_rule() -> None:
    """The trie's nodes, built by cutting each rule after each dot (issue 19, start-up), are
    every rule's labels joined from each one to its end, and nothing else."""
    suffixes = urls._suffix_list()
    endings = {
        ".".join(labels[i:])
        for labels in (rule.split(".") for rule in suffixes.rules)
        for i in range(len(labels))
    }
    assert suffixes.nodes == endings
    assert {"uk", "co.uk", "*.ck", "ck", "!www.ck"} <= suffixes.nodes
