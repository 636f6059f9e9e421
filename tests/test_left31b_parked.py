"""Parked and placeholder pages that still passed, and the pages like them that are alive
(trust, session 31; ``checker/verify/parked.py``).

A site builder's or host's "coming soon" page where the cited page was ("Website Coming Soon",
"This site is under construction") passed as ``ok``: it is ``soft-404`` as a parking page is,
while a live site's page about something else coming soon (a product, an album) stays ``ok``.

A shared host's suffix (``github.io``, ``blogspot.com``: the Public Suffix List's private
section) is no name of its users' sites: "github.io is for sale" on a short page of
``alice.github.io`` counted as the cited domain's statement, since only the list's ICANN
section was read.
"""

from __future__ import annotations

import pytest

from checker.findings import Code
from checker.model import CheckedCitation, Status
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from checker.verify.parked import parked_statement
from checker.verify.soft404 import lead_shape
from tests.fetch.support import check_links_on, codes

SLUG = "/2021/03/city-council-approves-new-budget"
_HTML = (("Content-Type", "text/html; charset=utf-8"),)


def _page(title: str, body: str) -> Response:
    html = f"<!doctype html><html><head><meta charset=utf-8><title>{title}</title></head>"
    return Response(200, _HTML, f"{html}<body>{body}</body></html>".encode())


_COMING = {
    "builder": _page(
        "Website Coming Soon",
        "<h1>Our website is under construction</h1><p>Stay tuned!</p>",
    ),
    "named": _page("named.test", "<main><h1>named.test is coming soon</h1></main>"),
    "construction": _page(
        "Under construction", "<h1>This site is under construction</h1><p>Notify me.</p>"
    ),
}
# Live sites' short pages about something else coming soon, or about such pages.
_ALIVE = {
    "product": _page(
        "Phone 17 - Coming soon | Maker",
        "<h1>Phone 17</h1><p>Coming soon. A brighter screen, two days of battery.</p>"
        "<p><a href=/notify>Notify me when available</a></p>",
    ),
    "album": _page(
        "Coming Soon | Records", "<h1>Coming soon</h1><p>Our new album is coming soon.</p>"
    ),
    "essay": _page(
        "Why website coming soon pages hurt you | Blog",
        "<article><h1>Why website coming soon pages hurt you</h1><p>Search engines index them."
        "</p></article>",
    ),
    "feature": _page(
        "Dark mode is coming soon | App Blog",
        "<h1>Dark mode is coming soon</h1><p>Beta testers get it first.</p>",
    ),
}


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, CheckedCitation]:
    web = Web()
    for name, response in {**_COMING, **_ALIVE}.items():
        web.add(f"https://{name}.test{SLUG}", response)
    urls = [f"https://{name}.test{SLUG}" for name in (*_COMING, *_ALIVE)]
    return check_links_on(web, urls, tmp_path_factory.mktemp("left31b"))


@pytest.mark.parametrize("name", sorted(_COMING))
def test_a_coming_soon_placeholder_where_the_page_was_is_soft_404(
    linked: dict[str, CheckedCitation], name: str
) -> None:
    citation = linked[f"https://{name}.test{SLUG}"]
    assert citation.status is Status.BROKEN, citation.findings
    assert codes(citation) == {Code.SOFT_404}


@pytest.mark.parametrize("name", sorted(_ALIVE))
def test_a_live_page_about_something_coming_soon_is_ok(
    linked: dict[str, CheckedCitation], name: str
) -> None:
    citation = linked[f"https://{name}.test{SLUG}"]
    assert citation.status is Status.OK, citation.findings


@pytest.mark.parametrize(
    ("host", "above"), [("alice.github.io", "github.io"), ("news.blogspot.com", "blogspot.com")]
)
def test_a_shared_host_s_suffix_is_no_name_of_a_user_s_site(host: str, above: str) -> None:
    url = f"https://{host}{SLUG}"
    assert parked_statement(lead_shape(f"<title>{above} is for sale</title>"), url, url) is None
    said = f"<title>{host} is for sale</title>"
    assert parked_statement(lead_shape(said), url, url) == f"{host} is for sale"


# --- frames: a registrar's masked forwarding (session 31) --------------------------------------

_FRAMESET = (
    "<!doctype html><html><head><meta charset=utf-8><title>{title}</title></head>"
    '<frameset rows="100%,*" border="0"><frame src="{src}" frameborder="0">'
    '<frame frameborder="0"></frameset></html>'
)
STORY = (
    "<article><h1>City council approves new budget</h1><p>The council voted on Tuesday to "
    "approve the budget for next year, after a long debate about the roads and the schools."
    "</p></article>"
)
_FRAMED = {
    # the cited domain forwarded, masked, to another site's home page: the story is gone
    "https://forwarded.test" + SLUG: Response(
        200,
        _HTML,
        _FRAMESET.format(title="forwarded.test", src="https://new-owner.test/").encode(),
    ),
    "https://new-owner.test/": _page(
        "New Owner - Shoes and more", "<h1>Shoes and more</h1><p>Free delivery.</p>"
    ),
    # an old site built of one frame showing its own page: alive, judged on that page
    "https://framed.test" + SLUG: Response(
        200, _HTML, _FRAMESET.format(title="Framed News", src="/pages/budget.html").encode()
    ),
    "https://framed.test/pages/budget.html": _page("City council approves new budget", STORY),
    # a menu beside the content: no forward, the frameset as before
    "https://menu.test" + SLUG: Response(
        200,
        _HTML,
        b'<html><head><title>Menu News</title></head><frameset cols="20%,80%">'
        b'<frame src="/menu.html"><frame src="/story.html"></frameset></html>',
    ),
}


@pytest.fixture(scope="module")
def framed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, CheckedCitation]:
    web = Web()
    for url, response in _FRAMED.items():
        web.add(url, response)
    urls = [f"https://{name}.test{SLUG}" for name in ("forwarded", "framed", "menu")]
    return check_links_on(web, urls, tmp_path_factory.mktemp("left31b-frames"))


def test_a_frameset_forwarding_to_another_site_s_home_is_soft_404(
    framed: dict[str, CheckedCitation],
) -> None:
    """A domain forwarded by a frame passed as ``ok``: the empty frameset was judged, never
    the site its reader is shown."""
    citation = framed[f"https://forwarded.test{SLUG}"]
    assert citation.status is Status.BROKEN, citation.findings
    assert codes(citation) == {Code.SOFT_404}


@pytest.mark.parametrize("name", ["framed", "menu"])
def test_a_live_site_built_of_frames_is_ok(framed: dict[str, CheckedCitation], name: str) -> None:
    citation = framed[f"https://{name}.test{SLUG}"]
    assert citation.status is Status.OK, citation.findings
