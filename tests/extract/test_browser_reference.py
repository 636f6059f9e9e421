"""Backslashes and extra slashes in an href read as a browser reads them (session 37).

WHATWG's URL standard reads ``\\`` as ``/`` in an http(s) URL before its query and skips the
slashes after the two that begin an authority, so on a web page ``///x.example/a`` and
``\\\\x.example/a`` open ``https://x.example/a``.  ``urljoin`` made them paths on the post's
own site and a working link was checked as another URL (a false ``broken``).
"""

from __future__ import annotations

import pytest

from checker.discover.urls import absolute
from checker.extract.links import HrefKind, classify_href, resolve
from checker.urls import browser_reference

BASE = "https://blog.example/p/post.html"

OPENED = [
    ("///x.example/a", "https://x.example/a"),
    ("////x.example/a", "https://x.example/a"),
    ("\\\\x.example/a", "https://x.example/a"),
    ("/\\x.example/a", "https://x.example/a"),
    ("\\/x.example/a", "https://x.example/a"),
    ("https:\\\\x.example/a", "https://x.example/a"),
    ("http:\\\\x.example\\a", "http://x.example/a"),
    ("https://x.example\\a\\b", "https://x.example/a/b"),
    ("a\\b", "https://blog.example/p/a/b"),
    ("\\root\\page", "https://blog.example/root/page"),
]


@pytest.mark.parametrize(("href", "opened"), OPENED)
def test_a_link_is_cited_as_the_url_a_browser_opens(href: str, opened: str) -> None:
    assert classify_href(href, BASE).kind is HrefKind.WEB
    assert classify_href(href, BASE).url == opened
    assert resolve(href, BASE) == opened
    assert absolute(BASE, href) == opened


def test_the_query_and_fragment_keep_their_backslashes() -> None:
    href = "https://x.example\\a?q=\\x#p\\q"
    assert browser_reference(href, BASE) == "https://x.example/a?q=\\x#p\\q"
    classified = classify_href(href, BASE)
    assert (classified.url, classified.fragment) == ("https://x.example/a?q=\\x", "p\\q")


@pytest.mark.parametrize(
    ("href", "base"),
    [
        ("\\\\server\\share\\a.md", "file:///notes/post.md"),  # a local file: no web address
        ("///notes/a.md", "file:///notes/post.md"),
        ("mailto:a\\b@example.org", BASE),  # another scheme
        ("https:///x.example", BASE),  # an http(s) URL's own slashes: the near-miss says its fix
        ("https://x.example/a", BASE),
        ("//x.example/a", BASE),
        ("", BASE),
    ],
)
def test_other_hrefs_are_left_as_written(href: str, base: str) -> None:
    assert browser_reference(href, base) is href


def test_a_malformed_href_is_shown_as_written() -> None:
    classified = classify_href("https:\\\\\\x.example", BASE)  # https:///x.example, as read
    assert (classified.kind, classified.url) == (HrefKind.MALFORMED, "https:\\\\\\x.example")
