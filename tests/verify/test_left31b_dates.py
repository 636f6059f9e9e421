"""A cited date excused by an edit no reader sees, or judged against an image's stamp (trust,
session 31).

A page published on one day whose markup alone (``article:modified_time``, JSON-LD
``dateModified``) states a later edit excused a citation of that edit's day: no finding,
though the page shows its reader only the publication date, which is the one to cite.  An
edit's day excuses a cited date when the page shows it ("Updated …", a ``<time>`` with the
day written), as before.

htmldate's guess from an image's file name (``Emoji_…20200715….png``) was the page's
publication date: a dateless page "contradicted" any cited date with the day a picture was
made.  Such a page states no date.
"""

from __future__ import annotations

import pytest

from checker.findings import Code
from checker.model import Report
from tests.e2e.blogger import CitedPost, checked_label, source_of

BLOG = "https://hon-yaku31.blogspot.com"
SITE = "https://www.quay-review.org"
TITLE = "How small harbours share their cranes"
TEXT = (
    "Across the northern coast, a handful of small harbours still land fish every morning. "
    "Their co-operatives share ice, cranes and buyers, and keep the quays open all winter. "
)
PUBLISHED = '<meta property="article:published_time" content="2022-03-03T08:00:00Z">'
HIDDEN_EDIT = '<meta property="article:modified_time" content="2023-05-05T10:00:00Z">'


STAMPED = '<img src="https://cdn.quay-review.org/emoji/Emoji_Crane_20200715_v2.png" alt="">'


def _article(head: str, extra: str = "") -> str:
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{TITLE} | Quay Review</title><meta property="og:title" content="{TITLE}">
<meta property="og:site_name" content="Quay Review">{head}</head><body><main><article>
<h1>{TITLE}</h1>{extra}<p>{TEXT}</p><p>{TEXT * 6}</p><p>{TEXT * 5}</p></article></main>
</body></html>"""


PAGES = {
    "hidden": (f"{SITE}/features/cranes", _article(PUBLISHED + HIDDEN_EDIT)),
    "shown": (
        f"{SITE}/features/cranes-shown",
        _article(PUBLISHED + HIDDEN_EDIT, "<p>Updated May 5, 2023</p>"),
    ),
    "time": (
        f"{SITE}/features/cranes-time",
        _article(
            PUBLISHED + HIDDEN_EDIT,
            '<p>Last revised <time class="updated" datetime="2023-05-05">5 May 2023</time></p>',
        ),
    ),
    "byline": (
        f"{SITE}/features/cranes-byline",
        _article(
            PUBLISHED + HIDDEN_EDIT,
            '<p>By Ann Lee<time class="updated" datetime="2023-05-05">5 May 2023</time></p>',
        ),
    ),
    "stamped": (f"{SITE}/features/cranes-stamped", _article("", STAMPED)),
    "stamped-dated": (
        f"{SITE}/features/cranes-stamped-dated",
        _article("", f"<p>Posted 15 July 2020</p>{STAMPED}"),
    ),
}
POSTS = [
    # the day of an edit only markup states: no excuse
    CitedPost("hidden", "Quay Review", TITLE, None, "May 5, 2023", PAGES["hidden"][0]),
    # the publication day: fine
    CitedPost("published", "Quay Review", TITLE, None, "March 3, 2022", PAGES["hidden"][0]),
    # the day of an edit the page shows, in its text or a <time>: fine
    CitedPost("shown", "Quay Review", TITLE, None, "May 5, 2023", PAGES["shown"][0]),
    CitedPost("time", "Quay Review", TITLE, None, "May 5, 2023", PAGES["time"][0]),
    # (shown beside a byline with no space between: still shown)
    CitedPost("byline", "Quay Review", TITLE, None, "May 5, 2023", PAGES["byline"][0]),
    # a page dated by nothing but an image's file name: no date to contradict the cited one
    CitedPost("stamped", "Quay Review", TITLE, None, "March 3, 2022", PAGES["stamped"][0]),
    # the same day also written on the page: it is the page's date
    CitedPost(
        "stamped-dated", "Quay Review", TITLE, None, "March 3, 2022", PAGES["stamped-dated"][0]
    ),
]


@pytest.fixture(scope="module")
def report() -> Report:
    return checked_label(BLOG, POSTS, dict(PAGES.values()))


def _codes(report: Report, slug: str) -> list[Code]:
    return [f.code for f in source_of(report, slug).findings]


def test_a_hidden_edit_s_day_is_no_publication_date(report: Report) -> None:
    checked = source_of(report, "hidden")
    assert _codes(report, "hidden") == [Code.DATE_MISMATCH], checked.findings
    message = checked.findings[0].message
    assert "2022-03-03" in message and "an edit the page does not show" in message, message
    assert checked.findings[0].suggestion == "cite the date as 2022-03-03"


@pytest.mark.parametrize("slug", ["published", "shown", "time", "byline"])
def test_a_date_the_page_shows_is_no_finding(report: Report, slug: str) -> None:
    assert _codes(report, slug) == [], source_of(report, slug).findings


def test_an_image_s_file_stamp_is_no_date_of_the_page(report: Report) -> None:
    checked = source_of(report, "stamped")
    assert _codes(report, "stamped") == [Code.DATE_NOT_STATED], checked.findings
    assert checked.observed is not None and checked.observed.date is None, checked.observed


def test_a_day_the_page_writes_is_its_date_whatever_its_images_hold(report: Report) -> None:
    checked = source_of(report, "stamped-dated")
    assert _codes(report, "stamped-dated") == [Code.DATE_MISMATCH], checked.findings
    assert "2020-07-15" in checked.findings[0].message
