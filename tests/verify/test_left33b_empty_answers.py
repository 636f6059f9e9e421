"""Left 33b: a cited page that answers with nothing to read is no working source.

A 200 whose body is empty (or only white space: a "white screen" server fault) and a 204 No
Content were ``ok``: a plain link passed silently, a source got only a ``blocked`` note.  A
reader who opens either sees a blank page (a browser stays where it was on a 204), so the
verdict is ``unreachable`` (a warning: often a passing fault, and no proof the page is gone),
as a 3xx with no Location and an empty page already was.  LinkChecker warns "content size is
zero"; lychee and DeadlinkChecker count a 2xx as alive.  A page with text, and a file with no
text (a PDF), stay ``ok``.
"""

from __future__ import annotations

from pathlib import Path

from checker.findings import Code
from checker.model import CitationKind, Status
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from tests.fetch.support import check_links_on, check_sources_on, codes

_HTML = (("Content-Type", "text/html; charset=utf-8"),)
_EMPTY = {
    "https://blank.test/2025/05/budget.html": Response(200, _HTML, b""),
    "https://spaces.test/2025/05/budget.html": Response(200, _HTML, b" \r\n\t\n"),
    "https://nocontent.test/2025/05/budget.html": Response(204, _HTML, b""),
    "https://resetcontent.test/2025/05/budget.html": Response(205, _HTML, b""),
}
_UNTYPED_NO_CONTENT = "https://untyped.test/2025/05/budget.html"
_API = {
    # (an API cited on purpose answers nothing by design: mend 33n)
    "https://api.test/health": Response(200, (("Content-Type", "application/json"),), b""),
    "https://api.test/ping": Response(200, (("Content-Type", "text/plain"),), b""),
    "https://api.test/hooks/deploy": Response(204, (), b""),
    "https://api.test/v1/items/5": Response(204, (("Content-Type", "application/json"),), b""),
}
_PAGE = (
    "<html><head><title>Council approves the budget</title></head><body><article>"
    "<h1>Council approves the budget</h1><p>By Jane Doe, May 12, 2025</p>"
    "<p>The council approved the budget on Monday after a long debate.</p></article></body></html>"
)


def _web() -> Web:
    web = Web()
    for url, answer in _EMPTY.items():
        web.add(url, answer)
    for url, answer in _API.items():
        web.add(url, answer)
    web.add(_UNTYPED_NO_CONTENT, Response(205, (), b""))
    web.page("https://alive.test/2025/05/budget.html", _PAGE)
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
    web.add(
        "https://files.test/budget.pdf", Response(200, (("Content-Type", "application/pdf"),), pdf)
    )
    web.add("https://files.test/untyped.pdf", Response(200, (), pdf))
    return web


def test_an_empty_answer_cited_as_a_link_is_unreachable(tmp_path: Path) -> None:
    checked = check_links_on(_web(), list(_EMPTY), tmp_path)
    for url in _EMPTY:
        assert checked[url].status is Status.UNREACHABLE, (url, checked[url].findings)
        assert Code.UNREACHABLE in codes(checked[url])
        message = checked[url].findings[0].message
        assert "empty page" in message or "sends no page" in message, message


def test_an_empty_answer_cited_as_a_source_is_unreachable(tmp_path: Path) -> None:
    cited = dict.fromkeys([*_EMPTY, _UNTYPED_NO_CONTENT], "Council approves the budget")
    checked = check_sources_on(_web(), cited, tmp_path)
    for url in cited:
        assert checked[url].citation.kind is CitationKind.SOURCE
        assert checked[url].status is Status.UNREACHABLE, (url, checked[url].findings)


def test_a_page_with_text_and_a_file_stay_ok(tmp_path: Path) -> None:
    urls = [
        "https://alive.test/2025/05/budget.html",
        "https://files.test/budget.pdf",
        "https://files.test/untyped.pdf",
    ]
    checked = check_links_on(_web(), urls, tmp_path)
    for url in urls:
        assert checked[url].status is Status.OK, (url, checked[url].findings)


def test_an_apis_empty_answer_cited_as_a_link_stays_ok(tmp_path: Path) -> None:
    """An empty 200 typed JSON or plain text (a health or ping URL), a webhook's or an API's
    204, and an untyped 205 cited as a plain link: nothing to read by design, no blank page
    shown to a reader (mend 33n: they were ``unreachable``)."""
    urls = [*_API, _UNTYPED_NO_CONTENT]
    checked = check_links_on(_web(), urls, tmp_path)
    for url in urls:
        assert checked[url].status is Status.OK, (url, checked[url].findings)
