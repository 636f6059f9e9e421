"""What probe 29's tests share: a fixture web of live and dead articles, and the report read back.

Each probe 29 test runs the real CLI on the fixture web (:func:`tests.test_probe24_sitemap_listings.
run_on_web`); the pages it serves and what it reads back from report.json are written once here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from checker.sampleweb import Web

if TYPE_CHECKING:
    from collections.abc import Iterable


def article_web(live: Iterable[str], dead: Iterable[str] = ()) -> Web:
    """A web serving each ``live`` URL as an article titled by its path, each ``dead`` one 404."""
    web = Web()
    for url in live:
        web.page(
            url,
            f"<title>Page {url}</title><article><h1>Page {url}</h1>"
            "<p>The text of the page, long enough to be read as its article.</p></article>",
        )
    for url in dead:
        web.page(url, "<title>Not Found</title><p>No such page.</p>", status=404)
    return web


def lines_and_statuses(report: dict[str, Any]) -> dict[str, tuple[int, str]]:
    """Each cited URL's line and status, from report.json."""
    return {c["url"]: (c["line"], c["status"]) for d in report["documents"] for c in d["citations"]}


def kinds_and_codes(report: dict[str, Any]) -> dict[str, tuple[str, list[str]]]:
    """Each cited URL's kind and its findings' codes, from report.json."""
    return {
        c["url"]: (c["kind"], [f["code"] for f in c.get("findings", [])])
        for d in report["documents"]
        for c in d["citations"]
    }
