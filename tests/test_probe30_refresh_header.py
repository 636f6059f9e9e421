"""A ``Refresh`` response header forwards the reader as a meta refresh does (probe 30).

WHATWG's HTML reads a ``Refresh`` header with the same steps as ``<meta http-equiv=refresh>``,
and browsers obey it.  citecheck followed the meta and one-line scripts but not the header: a
page answering 200 with ``Refresh: 0; url=/`` and no text, or forwarding to a 404, passed as
``ok``.  Each case is a post linking one URL on the sample web, checked through the pipeline.
"""

from __future__ import annotations

import pytest

from checker.findings import Code
from checker.model import CheckedCitation, Status
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from checker.verify.soft404 import client_redirect, header_refresh
from tests.fetch.support import check_links_on, codes

SLUG = "/2021/03/city-council-approves-new-budget"
_HTML = (("Content-Type", "text/html; charset=utf-8"),)
_HOME = (
    "<title>Daily Example</title><nav><a href=/>Home</a></nav><main>"
    + "".join(
        f"<article><h2><a href=/2021/01/story-{n}>Story number {n} of the week in the city</a>"
        "</h2></article>"
        for n in range(20)
    )
    + "</main>"
).encode()
_ARTICLE = (
    "<title>City council approves new budget</title><article><h1>City council approves new "
    "budget</h1><p>"
    + "The council voted on Tuesday to approve the budget. " * 20
    + "</p></article>"
).encode()

_BLANK = (
    "<html><head><title>Loading</title><style>"
    + "".join(f".c{n} {{ margin: {n}px; padding: {n}px; }}" for n in range(60))
    + "</style></head><body>"
    + "<div class='spacer'><span class='dot'></span></div>" * 40
    + "</body></html>"
).encode()


def _refreshing(value: str, body: bytes = b"") -> Response:
    return Response(200, (*_HTML, ("Refresh", value)), body)


_CASES = {
    # (the cited page's answer, the routes beside it, the expected status)
    "to-home": (_refreshing("0; url=/"), {"/": Response(200, _HTML, _HOME)}, Status.BROKEN),
    "to-404": (
        _refreshing("0;URL='/404.html'"),
        {"/404.html": Response(404, _HTML, b"<title>Not found</title>")},
        Status.BROKEN,
    ),
    "empty-page-waits": (
        _refreshing("5; url=/gone"),
        {"/gone": Response(410, _HTML, b"<title>Gone</title>")},
        Status.BROKEN,
    ),
    # a blank page heavy with markup waits as long as an empty one (its visible text counts,
    # not its bytes: mend 30b)
    "markup-waits": (
        _refreshing("5; url=/gone", _BLANK),
        {"/gone": Response(410, _HTML, b"<title>Gone</title>")},
        Status.BROKEN,
    ),
    # near misses: a reload, and an article that refreshes its section after ten minutes
    "reload": (_refreshing("300", _ARTICLE), {}, Status.OK),
    "article-later": (
        _refreshing("600; url=/", _ARTICLE),
        {"/": Response(200, _HTML, _HOME)},
        Status.OK,
    ),
}


def _web() -> Web:
    web = Web()
    for name, (answer, beside, _) in _CASES.items():
        web.add(f"https://{name}.test{SLUG}", answer)
        for path, response in beside.items():
            web.add(f"https://{name}.test{path}", response)
    return web


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, CheckedCitation]:
    urls = [f"https://{name}.test{SLUG}" for name in _CASES]
    return check_links_on(_web(), urls, tmp_path_factory.mktemp("refresh"))


@pytest.mark.parametrize("name", sorted(_CASES))
def test_a_refresh_header_is_followed_as_a_meta_refresh(
    checked: dict[str, CheckedCitation], name: str
) -> None:
    citation = checked[f"https://{name}.test{SLUG}"]
    expected = _CASES[name][2]
    assert citation.status is expected, citation.findings
    if expected is Status.BROKEN:
        assert Code.SOFT_404 in codes(citation)


@pytest.mark.parametrize("text", [None, _BLANK.decode()], ids=["no-text", "markup"])
def test_a_refresh_header_on_a_page_of_no_visible_text_waits_as_on_an_empty_one(
    text: str | None,
) -> None:
    """The header's patience on a page of next to no text is the meta's: measured by visible
    text, not by the page's bytes, and a result without text is such a page."""
    url = f"https://a.test{SLUG}"
    assert header_refresh("5; url=/gone", text, url) == "https://a.test/gone"
    assert header_refresh("5; url=/gone", _ARTICLE.decode(), url) is None


def test_a_meta_refresh_on_a_page_of_prose_without_a_body_tag_waits_for_no_one() -> None:
    """libxml2 leaves an ``<article>`` written before any body tag in the ``head``: the page's
    prose is still its text, and a refresh after five seconds is a reload of a read page."""
    url = f"https://a.test{SLUG}"
    html = _ARTICLE.decode().replace(
        "</title>", "</title><meta http-equiv=refresh content='5; url=/'>"
    )
    assert client_redirect(html, url) is None
    assert client_redirect(html.replace("5; url", "0; url"), url) == "https://a.test/"
