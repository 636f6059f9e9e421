"""Cited dates a page cannot confirm (trust, session 30).

A page that states no date anywhere (no publication or modification markup, no ``<time>``,
no dateline, no day in its URL) gave a cited date no finding at all: the citation read as
verified though its date was never checked, a silent pass.  It is ``date-not-stated`` (info):
nothing there contradicts the date, so it is no ``date-mismatch`` either.
"""

from __future__ import annotations

import pytest

from checker.findings import Code
from checker.model import Report
from tests.e2e.blogger import CitedPost, checked_label, source_of

BLOG = "https://hon-yaku30.blogspot.com"
SITE = "https://www.harbour-review.org"
TITLE = "How small harbours keep their fishing fleets alive"
TEXT = (
    "Across the northern coast, a handful of small harbours still land fish every morning. "
    "Their co-operatives share ice, cranes and buyers, and keep the quays open all winter. "
)


def _article(extra: str = "") -> str:
    """An article that states no date anywhere: no metadata, no ``<time>``, a dateless URL."""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{TITLE} | Harbour Review</title><meta property="og:title" content="{TITLE}">
<meta property="og:site_name" content="Harbour Review"></head><body><main><article>
<h1>{TITLE}</h1><p>{TEXT}</p>{extra}<p>{TEXT * 6}</p><p>{TEXT * 5}</p></article></main>
</body></html>"""


PAGES = {
    "dateless": f"{SITE}/features/small-harbours",
    "day-in-text": f"{SITE}/features/small-harbours-two",
    "month-in-url": f"{SITE}/2022/03/small-harbours",
}
POSTS = [
    # a date the page cannot confirm: unchecked, said so
    CitedPost("dateless", "Harbour Review", TITLE, None, "March 3, 2022", PAGES["dateless"]),
    # a day the page writes in its text (no markup): nothing to say
    CitedPost("in-text", "Harbour Review", TITLE, None, "May 4, 2021", PAGES["day-in-text"]),
    # no cited date: nothing to check, nothing to say
    CitedPost("no-date", "Harbour Review", TITLE, None, None, PAGES["dateless"]),
    # a page dated by its address's month alone: that month said, with the cited day in it...
    CitedPost("in-month", "Harbour Review", TITLE, None, "March 3, 2022", PAGES["month-in-url"]),
    # ... or not
    CitedPost("off-month", "Harbour Review", TITLE, None, "June 9, 2021", PAGES["month-in-url"]),
]


@pytest.fixture(scope="module")
def report() -> Report:
    more = "<p>Reported on May 4, 2021 from the quays.</p>"
    pages = {PAGES["dateless"]: _article(), PAGES["day-in-text"]: _article(more)}
    return checked_label(BLOG, POSTS, {**pages, PAGES["month-in-url"]: _article()})


def _codes(report: Report, slug: str) -> list[Code]:
    return [f.code for f in source_of(report, slug).findings]


def test_a_date_cited_for_a_page_that_states_none_is_said_unchecked(report: Report) -> None:
    checked = source_of(report, "dateless")
    assert checked.citation.cited.date == "March 3, 2022", checked.citation
    assert _codes(report, "dateless") == [Code.DATE_NOT_STATED], checked.findings
    assert "March 3, 2022" in checked.findings[0].message


def test_a_day_the_dateless_page_writes_is_no_finding(report: Report) -> None:
    assert _codes(report, "in-text") == [], source_of(report, "in-text").findings


def test_no_cited_date_is_no_finding(report: Report) -> None:
    assert _codes(report, "no-date") == [], source_of(report, "no-date").findings


@pytest.mark.parametrize(
    ("slug", "said"),
    [
        ("in-month", "only its address is dated, 2022/03, the month of the cited date"),
        ("off-month", "only its address is dated, 2022/03, not the month of the cited date"),
    ],
)
def test_a_page_dated_by_its_address_month_alone_is_said_so(
    report: Report, slug: str, said: str
) -> None:
    """A page whose address alone dates it (``/2022/03/slug``) was said to state "no date at
    all" (session 30): what the address says is said, and whether the cited day is in it."""
    checked = source_of(report, slug)
    assert _codes(report, slug) == [Code.DATE_NOT_STATED], checked.findings
    message = checked.findings[0].message
    assert said in message and "no date at all" not in message, message
