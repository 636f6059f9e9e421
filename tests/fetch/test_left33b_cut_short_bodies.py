"""Left 33b: a page whose server closes the connection before the end of the body it announced.

A ``Content-Length`` longer than the body sent, or a chunked body without its last chunk, with
the whole page in what came: the fetch was a protocol error, so the source was ``unreachable``
(a warning each run, and the archive asked for a copy) though a browser shows the page.
DeadlinkChecker counts curl's partial transfer alive; lychee reads no body.  Now the page is
judged on what arrived, ``truncated``, and the citation's note says the body was cut short (no
silent pass).  A server that sent no byte of the body is still ``unreachable``.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Literal

import pytest

from checker.fetch import HttpFetcher
from checker.findings import Code
from checker.model import CitationKind, FetchResult, Outcome, Status
from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Response
from tests.fetch.support import check_links_on, check_sources_on, codes, config_for

_HTML = (("Content-Type", "text/html; charset=utf-8"),)
_PAGE = (
    "<html><head><title>Council approves the budget</title>"
    '<meta name="author" content="Jane Doe"></head><body><article>'
    "<h1>Council approves the budget</h1><p>By Jane Doe, May 12, 2025</p>"
    f"<p>{'The council approved the budget on Monday after a long debate. ' * 20}</p>"
    "</article></body></html>"
).encode()
_CUTS: tuple[Literal["length", "chunked"], ...] = ("length", "chunked")


def _web() -> Web:
    web = Web()
    for cut in _CUTS:
        web.add(
            f"https://{cut}.test/2025/05/budget.html", Response(200, _HTML, _PAGE, unfinished=cut)
        )
        web.add(f"https://{cut}.test/2025/05/none.html", Response(200, _HTML, b"", unfinished=cut))
    return web


def test_a_page_cut_short_is_judged_on_what_arrived(tmp_path: Path) -> None:
    cited = {
        f"https://{cut}.test/2025/05/budget.html": "Council approves the budget" for cut in _CUTS
    }
    cited["https://length.test/2025/05/budget.html?wrong"] = "Mayor resigns"
    web = _web()
    web.add(
        "https://length.test/2025/05/budget.html?wrong",
        Response(200, _HTML, _PAGE, unfinished="length"),
    )
    checked = check_sources_on(web, cited, tmp_path)
    for url, title in cited.items():
        citation = checked[url]
        assert citation.citation.kind is CitationKind.SOURCE
        assert citation.status is Status.OK, (url, citation.findings)
        assert "closed the connection before the end" in (citation.note or ""), citation.note
        # read: the right title passes, a wrong one is caught
        assert (Code.TITLE_MISMATCH in codes(citation)) is (title == "Mayor resigns"), url


def test_a_link_cut_short_is_ok_and_one_with_no_body_is_unreachable(tmp_path: Path) -> None:
    urls = [
        f"https://{cut}.test/2025/05/{name}.html" for cut in _CUTS for name in ("budget", "none")
    ]
    checked = check_links_on(_web(), urls, tmp_path)
    for url in urls:
        expected = Status.UNREACHABLE if url.endswith("none.html") else Status.OK
        assert checked[url].status is expected, (url, checked[url].findings)


@pytest.mark.parametrize("lean", [True, False], ids=["lean", "httpx"])
def test_both_routes_keep_what_arrived(*, lean: bool) -> None:
    with SampleWeb(_web()) as site:

        async def go() -> list[FetchResult]:
            async with HttpFetcher(config_for(site, retries=0), version="test") as fetcher:
                if not lean:
                    fetcher._direct = None  # the httpx route, as with a proxy mounted
                return [
                    await fetcher.get(f"https://{cut}.test/2025/05/budget.html") for cut in _CUTS
                ]

        results = asyncio.run(go())
    for result in results:
        assert (result.outcome, result.status_code, result.truncated) == (Outcome.OK, 200, True)
        assert result.text == _PAGE.decode()


_TEMPLATE_END = (
    b"<html><head><title>Council approves the budget</title></head><body><article>"
    b"<h1>Council approves the budget</h1>"
    b"<script>var frame = '<html><body>preview</body></html>';</script>"
    b"<p>The council approved the budget on Monday after a long "
)
_ENDED = _PAGE + b"\n<!-- served from cache in 12 ms -->\n"


def test_a_page_cut_past_an_end_tag_in_its_script_is_still_cut(tmp_path: Path) -> None:
    """Only a body ending in ``</html>`` (then white space, comments) has its end: one cut a
    little past a ``</html>`` in a script's string was ``ok`` with a note (mend 33n)."""
    web = Web()
    cut = "https://length.test/2025/05/template.html"
    ended = "https://length.test/2025/05/commented.html"
    web.add(cut, Response(200, _HTML, _TEMPLATE_END, unfinished="length"))
    web.add(ended, Response(200, _HTML, _ENDED, unfinished="length"))
    checked = check_links_on(web, [cut, ended], tmp_path)
    assert checked[cut].status is Status.UNREACHABLE, checked[cut].findings
    assert checked[ended].status is Status.OK, checked[ended].findings
