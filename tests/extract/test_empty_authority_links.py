"""Probe 18: a link with a scheme and no host (``href="http://"``) is malformed, not the post.

A CMS's link dialog leaves ``http://`` when the author types no address.  ``urljoin`` read it
(and ``https://``, ``//``) as the page itself, so on an HTML page the post's own URL was checked
in its place and the dead link passed silently; Markdown already said ``malformed-url``.
"""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.extract.links import HrefKind, classify_href
from checker.model import Page, PageKind

PAGE = "https://blog.example/posts/p.html"


def _citations(body: str, kind: PageKind) -> list[tuple[str | None, str]]:
    (doc,) = extract(Page(PAGE, "p", body, kind))
    return [(c.url, c.kind.value) for c in doc.citations]


@pytest.mark.parametrize("href", ["http://", "https://", "HTTPS://", "//", "https:///", "http://?"])
def test_an_authority_with_no_host_is_malformed(href: str) -> None:
    assert classify_href(href, PAGE).kind is HrefKind.MALFORMED
    link = f"<p>See <a href='{href}'>the report</a>.</p>"
    html = f"<html><body><main><h1>T</h1>{link}</main></body></html>"
    assert _citations(html, PageKind.HTML) == [(href, "link")]
    assert _citations(f"# T\n\nSee [the report]({href}).\n", PageKind.MARKDOWN) == [(href, "link")]


@pytest.mark.parametrize(
    ("href", "url"),
    [("//cdn.example/x", "https://cdn.example/x"), ("https://a.example", "https://a.example")],
)
def test_an_authority_with_a_host_is_still_a_web_link(href: str, url: str) -> None:
    assert classify_href(href, PAGE).url == url
