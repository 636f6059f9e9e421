"""A 3xx answer nobody follows (session 22's leftover, session 23).

RFC 9110 §15.4: a 300 offers several representations; its ``Location``, if any, is a preference
only, and WHATWG Fetch does not count 300 as a redirect status (Chromium shows 300 pages, "users
probably want to see" them).  A 301/302/303/307/308 without ``Location`` has nowhere to go:
Fetch returns the answer itself, and the browser shows its page.  Either was ``unreachable``
("the server answered HTTP 300 Multiple Choices"), a false alarm on a page a reader sees;
Wikimedia's DeadlinkChecker counts every 3xx alive, lychee rejects every unfollowed 3xx.  Now
such a page is judged as the page it shows (soft-404, walls and all); an empty one, with
nothing to show, stays ``unreachable`` and says so.  A 304 to a request that compared nothing
(no validators: a server or cache fault) has no page at all: ``unreachable``, saying why.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.cli import main
from checker.model import FetchResult, Outcome, Status
from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Response
from checker.verify.availability import classify

SITE = "https://odd-3xx.fixture.example"
_HTML = (("Content-Type", "text/html; charset=utf-8"),)
_CHOICES = (
    "<html><head><title>Annual report 2024</title></head><body><h1>Annual report 2024</h1>"
    "<p>This report is available in several formats.</p><ul>"
    '<li><a href="/report.pdf">PDF</a></li><li><a href="/report.html">HTML</a></li>'
    "</ul></body></html>"
)


def _fetch(status: int, text: str | None) -> FetchResult:
    url = f"{SITE}/report"
    return FetchResult(
        url=url,
        outcome=Outcome.OK,
        final_url=url,
        status_code=status,
        content_type="text/html",
        text=text,
    )


@pytest.mark.parametrize("status", [300, 301, 302, 303, 307, 308])
def test_an_unfollowed_3xx_with_a_page_is_judged_as_that_page(status: int) -> None:
    verdict = classify(_fetch(status, _CHOICES), cited_url=f"{SITE}/report")
    assert (verdict.status, verdict.findings, verdict.page_ok) == (Status.OK, (), True)


@pytest.mark.parametrize("status", [300, 302])
def test_an_unfollowed_3xx_with_nothing_to_show_stays_unreachable(status: int) -> None:
    for text in (None, "", "  \n"):
        verdict = classify(_fetch(status, text), cited_url=f"{SITE}/report")
        assert verdict.status is Status.UNREACHABLE
        assert "no Location and an empty page" in verdict.findings[0].message


def test_a_304_to_a_request_that_compared_nothing_says_why() -> None:
    verdict = classify(_fetch(304, None), cited_url=f"{SITE}/report")
    assert verdict.status is Status.UNREACHABLE
    assert "compared nothing" in verdict.findings[0].message


def test_other_3xx_codes_are_not_pages() -> None:
    """305 and 306 (deprecated, unused) and an unknown 399 keep the unexpected code's verdict."""
    for status in (305, 306, 399):
        verdict = classify(_fetch(status, _CHOICES), cited_url=f"{SITE}/report")
        assert verdict.status is Status.UNREACHABLE, status


def test_through_the_cli(tmp_path: Path) -> None:
    """Served by the fixture web: the 300 page and the Location-less 302 page are ``ok``; an
    empty Location-less 302 and a 304 to a plain GET are ``unreachable``, each saying why."""
    web = Web()
    web.add(f"{SITE}/choices", Response(300, _HTML, _CHOICES.encode()))
    web.add(f"{SITE}/found", Response(302, _HTML, _CHOICES.encode()))
    web.add(f"{SITE}/empty", Response(302, _HTML, b""))
    web.add(f"{SITE}/unmodified", Response(304, (), b""))
    post = tmp_path / "post.md"
    links = [f"- [{name}]({SITE}/{name})" for name in ("choices", "found", "empty", "unmodified")]
    post.write_text("# Sources\n\n" + "\n".join(links) + "\n", encoding="utf-8")
    with SampleWeb(web) as site:
        argv = ["check", str(post), "--report-dir", str(tmp_path / "r"), "--no-store"]
        argv += ["--cacert", str(site.ca_path), "--archive", "off", "--retries", "0"]
        for rule in site.connect_to():
            argv += ["--connect-to", rule]
        main(argv)
    report = json.loads((tmp_path / "r" / "report.json").read_text(encoding="utf-8"))
    got = {
        c["url"].rsplit("/", 1)[1]: (c["status"], [f["message"] for f in c["findings"]])
        for d in report["documents"]
        for c in d["citations"]
    }
    assert got["choices"] == ("ok", [])
    assert got["found"] == ("ok", [])
    assert got["empty"][0] == got["unmodified"][0] == "unreachable"
    assert "empty page" in got["empty"][1][0]
    assert "compared nothing" in got["unmodified"][1][0]
