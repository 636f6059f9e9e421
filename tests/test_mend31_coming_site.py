"""Mend 31: a live post announcing the site's new website is no "coming soon" placeholder.

A site builder's "Our new website is coming soon" where the cited page was is ``soft-404``
(``checker/verify/parked.py``, left 31b).  A live blog's short post saying the same of its
coming site, with no article metadata and a path that does not say it, read as that
placeholder: a false ``broken`` (left 31b's leftover).  A post dates itself (a ``<time>`` with
its ``datetime``, as every blog theme writes the day it was published); a placeholder shows no
day of its own, so it stays ``soft-404`` at the cited address.
"""

from __future__ import annotations

import pytest

from checker.findings import Code
from checker.model import CheckedCitation, Status
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from tests.fetch.support import check_links_on, codes

SLUG = "/2025/03/council-notes"
_HTML = (("Content-Type", "text/html; charset=utf-8"),)
_SAID = "<h1>Our new website is coming soon</h1>"


def _page(title: str, body: str, head: str = "") -> Response:
    html = f"<!doctype html><html><head><meta charset=utf-8><title>{title}</title>{head}</head>"
    return Response(200, _HTML, f"{html}<body>{body}</body></html>".encode())


_PAGES = {
    "placeholder": _page("Coming soon", f"<main>{_SAID}<p>Stay tuned!</p></main>"),
    "dated-post": _page(
        "Our new website is coming soon | Riverside Bakery",
        f'<article>{_SAID}<p class=meta><time datetime="2025-03-03">3 March 2025</time></p>'
        "<p>Next week the bakery moves its blog to a new design.</p></article>",
    ),
    "article": _page(
        "Our new website is coming soon | Riverside Bakery",
        f"<article>{_SAID}<p>Next week the bakery moves its blog to a new design.</p></article>",
        '<meta property="og:type" content="article">'
        '<meta property="article:published_time" content="2025-03-03T09:00:00Z">',
    ),
}


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, CheckedCitation]:
    web = Web()
    for name, response in _PAGES.items():
        web.add(f"https://{name}.test{SLUG}", response)
    urls = [f"https://{name}.test{SLUG}" for name in _PAGES]
    return check_links_on(web, urls, tmp_path_factory.mktemp("mend31"))


def test_the_placeholder_where_the_page_was_is_soft_404(
    linked: dict[str, CheckedCitation],
) -> None:
    citation = linked[f"https://placeholder.test{SLUG}"]
    assert citation.status is Status.BROKEN, citation.findings
    assert codes(citation) == {Code.SOFT_404}


@pytest.mark.parametrize("name", ["dated-post", "article"])
def test_a_dated_post_announcing_the_coming_site_is_ok(
    linked: dict[str, CheckedCitation], name: str
) -> None:
    citation = linked[f"https://{name}.test{SLUG}"]
    assert citation.status is Status.OK, citation.findings
