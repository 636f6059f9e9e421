"""Probe 19: a post robots.txt keeps the crawler from is accounted for, not silently dropped.

A sitemap (or feed, or pager) lists two posts; the blog's robots.txt disallows one.  Discovery
skipped it, as robots asks, but nothing downstream read ``Discovery.skipped``: the run said
"1 input, 1 post … findings: none", exit 0, and the second post was in no report.  Now it is a
``post-unreadable`` problem saying why and how to check it anyway (name its URL: a URL the user
names is fetched whatever robots.txt says).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from checker.findings import Code, Severity
from checker.model import Report
from checker.pipeline import check
from checker.sampleweb import Response, SampleWeb, Web
from tests.fetch.support import config_for

BLOG = "https://robots-blog.example"
_HTML = (("Content-Type", "text/html; charset=utf-8"),)


def _post(title: str, source: str) -> Response:
    body = f'<article><h1>{title}</h1><p>As <a href="{source}">reported</a>.</p></article>'
    return Response(200, _HTML, f"<html><head><title>{title}</title></head>{body}".encode())


def _web(disallow: str) -> Web:
    web = Web()
    web.add(f"{BLOG}/p1", _post("One", "https://src.example/a"))
    web.add(f"{BLOG}/p2", _post("Two", "https://src.example/b"))
    web.add("https://src.example/a", Response(200, _HTML, b"<title>A</title>"))
    web.add("https://src.example/b", Response(200, _HTML, b"<title>B</title>"))
    locs = "".join(f"<url><loc>{BLOG}/{p}</loc></url>" for p in ("p1", "p2"))
    sitemap = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
    web.add(
        f"{BLOG}/sitemap.xml",
        Response(200, (("Content-Type", "application/xml"),), sitemap.encode()),
    )
    robots = f"User-agent: *\nDisallow: {disallow}\n"
    web.add(f"{BLOG}/robots.txt", Response(200, (("Content-Type", "text/plain"),), robots.encode()))
    return web


@pytest.fixture(scope="module", params=["/p2", "/p"])
def report(request: pytest.FixtureRequest) -> Iterator[tuple[str, Report]]:
    with SampleWeb(_web(request.param)) as site:
        yield request.param, check([f"{BLOG}/sitemap.xml"], config_for(site, archive="off"))


def test_a_disallowed_post_is_a_failing_problem_naming_it(report: tuple[str, Report]) -> None:
    disallow, checked = report
    unreadable = {
        p.subject: p.finding for p in checked.problems if p.finding.code is Code.POST_UNREADABLE
    }
    wanted = {f"{BLOG}/p2"} if disallow == "/p2" else {f"{BLOG}/p1", f"{BLOG}/p2"}
    assert set(unreadable) == wanted
    for finding in unreadable.values():
        assert "robots.txt" in finding.message
        # how to check it anyway, as the fix: "check that the post's page loads" was wrong there
        # (probe 19b), and the remedy is said once
        assert "name its URL" in (finding.suggestion or ""), finding
        assert "loads" not in (finding.suggestion or "") and "name its URL" not in finding.message
        assert finding.severity is Severity.ERROR  # fails the run: nothing checked is no pass


def test_the_allowed_post_is_still_checked(report: tuple[str, Report]) -> None:
    disallow, checked = report
    read = [d.document.url for d in checked.documents]
    assert read == ([f"{BLOG}/p1"] if disallow == "/p2" else [])
