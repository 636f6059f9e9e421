"""Probe 32: a source cited through a copy of its page is the original publisher's.

A post names its source's publication (``…(Foreign Affairs)``), and cites the article through a
copy: Google's AMP cache (``www-news-example.cdn.ampproject.org/c/s/www.news.example/…``, what a
phone's search result links) or a Wayback Machine replay.  The publisher check compared the
publication with the copy's host: "the post names “Foreign Affairs” but the URL is on
ampproject.org", a false alarm for every such citation.  The copy's address names its original,
whose site is now the one compared.  Checked through the CLI on the sample web (loopback TLS,
``--connect-to``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from checker.sampleweb import Web
from checker.sampleweb.server import Response
from checker.urls import copy_original
from tests.test_probe24_sitemap_listings import run_on_web

if TYPE_CHECKING:
    from pathlib import Path

TITLE = "Europe's Quiet Rearmament Gathers Pace"
ARTICLE = "https://www.foreignaffairs.test/2025/05/rearmament"
AMP_CACHE = "https://www-foreignaffairs-test.cdn.ampproject.org/c/s/www.foreignaffairs.test/2025/05/rearmament"
AMP_VIEWER = "https://www.google.com/amp/s/www.foreignaffairs.test/2025/05/rearmament"
WAYBACK = (
    "https://web.archive.org/web/20250513000000/https://www.foreignaffairs.test/2025/05/rearmament"
)
ELSEWHERE = "https://www.elsewhere.test/2025/05/rearmament"


@pytest.mark.parametrize(
    ("url", "original"),
    [
        (AMP_CACHE, ARTICLE),
        (AMP_VIEWER, ARTICLE),
        (
            "https://www-x-example.cdn.ampproject.org/v/www.x.example/a?amp_js_v=0.1",
            "http://www.x.example/a?amp_js_v=0.1",
        ),
        (WAYBACK, ARTICLE),
        (ARTICLE, None),
        ("https://cdn.ampproject.org/v0.js", None),
        ("https://www.google.com/amp/s/", None),
        ("https://www.example.com/amp/s/www.foreignaffairs.test/a", None),
    ],
)
def test_copy_original(url: str, original: str | None) -> None:
    assert copy_original(url) == original


def _post(url: str) -> str:
    return (
        "# 翻訳記事(Foreign Affairs)\n\n"
        "これは翻訳記事の本文です。原文の要旨を日本語で紹介しています。■\n\n"
        f"{TITLE}\n\nBy Jane Doe\n\nMay 12, 2025\n\n{url}\n"
    )


def _page(site: str) -> bytes:
    return (
        f"<!doctype html><html><head><meta charset=utf-8><title>{TITLE} | {site}</title>"
        '<meta name="author" content="Jane Doe">'
        '<meta property="article:published_time" content="2025-05-12T08:00:00Z"></head>'
        f"<body><article><h1>{TITLE}</h1><p>"
        + "Defence budgets rose again across the continent this spring. " * 20
        + "</p></article></body></html>"
    ).encode()


def test_a_copy_is_judged_by_its_originals_publisher(tmp_path: Path) -> None:
    """The copies show the page as the publisher's domain names it; the page it copies calls
    itself nothing (no site name to match instead), so only the URLs can say whose it is."""
    web = Web()
    html = (("Content-Type", "text/html; charset=utf-8"),)
    for url in (AMP_CACHE, AMP_VIEWER, WAYBACK):
        web.add(url, Response(200, html, _page("Front page")))
    web.add(ELSEWHERE, Response(200, html, _page("Elsewhere Daily")))
    posts = tmp_path / "posts"
    posts.mkdir()
    for number, url in enumerate((AMP_CACHE, AMP_VIEWER, WAYBACK, ELSEWHERE)):
        (posts / f"post-{number}.md").write_text(_post(url), encoding="utf-8")
    _code, report, _asked = run_on_web(web, str(posts), tmp_path / "report")
    codes = {
        c["url"]: [f["code"] for f in c.get("findings", [])]
        for d in report["documents"]
        for c in d["citations"]
    }
    assert codes[AMP_CACHE] == codes[AMP_VIEWER] == codes[WAYBACK] == []
    assert "publisher-mismatch" in codes[ELSEWHERE]  # a page of another site still is one
