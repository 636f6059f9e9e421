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
