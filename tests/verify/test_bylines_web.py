"""Bylines only a citation bot's reader finds, end to end through the fixture web (issue 14).

Each source page states its author in one place only, none of them a plain ``meta name=author``
or a visible "By" line: Yoast's Twitter label pair, a ``<link rel=author>`` profile URL, a JSON-LD
Person given by its parts, a body element with ``itemprop=author content=…``.  A post citing the
right author gets no ``author-mismatch``; a post citing someone else gets one (before these
sources were read, the page showed no author and a swapped one went unflagged).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from checker.config import Config
from checker.findings import Code
from checker.model import Report
from checker.pipeline import check
from checker.sampleweb import SampleWeb, Web
from tests.e2e.blogger import CitedPost, blogger_page, connect_rules, source_of

BLOG = "https://byline-blog.blogspot.com"
SITE = "https://www.quiet-bylines.org"

BYLINES = {
    "yoast": (
        '<meta name="twitter:label1" content="Written by">'
        '<meta name="twitter:data1" content="Harriet Quillfeather">'
    ),
    "link": '<link rel="author" href="/author/harriet-quillfeather/">',
    "parts": (
        '<script type="application/ld+json">{"@type": "BlogPosting", "author": {"@type":'
        ' "Person", "givenName": "Harriet", "familyName": "Quillfeather"}}</script>'
    ),
    "itemprop": '<span itemprop="author" content="Harriet Quillfeather"></span>',
}


def _article(head: str, slug: str) -> str:
    text = "<p>" + "A paragraph of the article about the river survey, with facts. " * 10 + "</p>"
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>River survey {slug} | Quiet"
        f"</title>{head if not head.startswith('<span') else ''}</head><body><main><article>"
        f"<h1>River survey {slug}</h1>{head if head.startswith('<span') else ''}{text}"
        "</article></main></body></html>"
    )


@pytest.fixture(scope="module")
def report() -> Iterator[Report]:
    web = Web()
    posts = []
    for slug, head in BYLINES.items():
        web.page(f"{SITE}/{slug}", _article(head, slug))
        title = f"River survey {slug}"
        url = f"{SITE}/{slug}"
        posts.append(CitedPost(f"{slug}-true", "", title, "Harriet Quillfeather", None, url))
        posts.append(CitedPost(f"{slug}-swap", "", title, "Bartholomew Fenwright", None, url))
    web.page(f"{BLOG}/search/label/test", blogger_page(BLOG, posts))
    with SampleWeb(web) as site:
        rules = connect_rules(web, site)
        config = Config().with_(connect_to=rules, cacert=site.ca_path, retries=0)
        yield check([f"{BLOG}/search/label/test"], config)


@pytest.mark.parametrize("slug", list(BYLINES))
def test_the_true_author_passes_and_a_swapped_one_is_reported(report: Report, slug: str) -> None:
    true = source_of(report, f"{slug}-true")
    assert not true.findings, true.findings
    assert true.observed is not None and "quillfeather" in (true.observed.author or "").lower()
    swapped = source_of(report, f"{slug}-swap")
    assert [f.code for f in swapped.findings] == [Code.AUTHOR_MISMATCH], swapped.findings
