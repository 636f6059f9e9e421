"""Left 33b: an article written inside a ``<header>`` is the page's text.

The main text's walk skips ``<header>`` (a site's banner: its name, tagline and navigation),
and so skipped a page builder's header holding the whole article: a long article read as one
of no text, and the length that tells an article from a placeholder, parked or error page said
"short".  A long article whose headline said "Our new website is launching soon" was a
placeholder domain (``broken``), one headlined "Page not found: why error pages matter" a
``soft-404``; as a crawled post, ``post-unreadable``.  A header that holds an ``<article>`` or
``<main>``, or the page's ``<h1>`` over paragraphs of an article's length, is read (as a page
wide ``<form>`` is, left 32b); a banner with an ``<h1>`` logo and a tagline is still skipped,
and a short placeholder in a header is still one.
"""

from __future__ import annotations

import pytest

from checker.model import Status
from checker.sampleweb import Web
from checker.verify.post_page import stand_in
from tests.fetch.support import check_links_on

_SENTENCE = "The firm said the new portal will serve customers from spring, with a new design. "
_BANNER = (
    "<header><h1 class=logo>Acme Gazette</h1><p>News from the valley</p>"
    "<nav><a href=/>Home</a></nav></header>"
)


def _page(body: str, title: str = "Acme Gazette") -> str:
    head = f"<html><head><title>{title}</title></head>"
    return f"{head}<body>{body}<footer>&copy; Acme</footer></body></html>"


_PARAGRAPHS = f"<p>{_SENTENCE * 4}</p>" * 8
_LAUNCH = "Our new website is launching soon"
_BUILDING = "This site is under construction"
_IN_HEADER = {
    "launch-article": f"<header><article><h1>{_LAUNCH}</h1>{_PARAGRAPHS}</article></header>",
    "launch-paragraphs": f"<header class=hero><h1>{_LAUNCH}</h1>{_PARAGRAPHS}</header>",
    "construction-main": f"<header><main><h1>{_BUILDING}</h1>{_PARAGRAPHS}</main></header>",
}


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict:
    web = Web()
    urls = {name: f"https://gazette-{name}.test/news/new-portal" for name in _IN_HEADER}
    for name, body in _IN_HEADER.items():
        web.page(urls[name], _page(body))
    web.page(
        "https://soon.test/",
        _page("<header><h1>Website coming soon</h1><p>Stay tuned.</p></header>", "Coming soon"),
    )
    web.page(
        "https://banner.test/",
        _page(
            f"{_BANNER}<main><h1>Website coming soon</h1><p>Stay tuned.</p></main>", "Coming soon"
        ),
    )
    return check_links_on(
        web,
        [*urls.values(), "https://soon.test/", "https://banner.test/"],
        tmp_path_factory.mktemp("header"),
    )


@pytest.mark.parametrize("name", sorted(_IN_HEADER))
def test_a_long_article_inside_a_header_is_no_placeholder(checked: dict, name: str) -> None:
    citation = checked[f"https://gazette-{name}.test/news/new-portal"]
    assert citation.status is Status.OK, citation.findings


@pytest.mark.parametrize("url", ["https://soon.test/", "https://banner.test/"])
def test_a_short_placeholder_with_or_in_a_header_still_is_one(checked: dict, url: str) -> None:
    assert checked[url].status is Status.BROKEN, checked[url].findings


def test_a_long_post_inside_a_header_is_the_post() -> None:
    url = "https://gazette.test/news/new-portal"
    assert stand_in(url, url, _page(_IN_HEADER["launch-paragraphs"])) is None
    assert (
        stand_in(
            url,
            url,
            _page(
                f"{_BANNER}<main><h1>This site is under construction</h1><p>Back soon.</p></main>"
            ),
        )
        is not None
    )
