"""A cited date or author the page states in some role (issue 14, session 17).

A citation may give the page's publication date or the date it was updated, as the page
states either: in markup, in its text or in its own address.  A date only in a teaser of
another article, or in the address of a link, is another page's and still contradicts it.
"""

from __future__ import annotations

import pytest

from checker.findings import Code
from checker.verify.citation import author_finding, date_finding
from checker.verify.metadata import read_metadata

ARTICLE = (
    "<html><head><title>Bridge reopens</title>"
    '<meta property="article:published_time" content="2020-05-06T09:00:00+02:00">'
    "</head><body><article><h1>Bridge reopens</h1><p>{byline}</p>"
    "<p>The bridge reopened after two years of work. " + "More text. " * 40 + "</p>"
    "</article>{teasers}</body></html>"
)
PLAIN_URL = "https://news.example/bridge-reopens"
TEASERS = (
    '<ul class="more-stories">'
    + "".join(
        f'<li class="item"><a href="/story-{n}">Story {n}</a> 2020.0{n}.0{n}</li>'
        for n in range(1, 5)
    )
    + "</ul>"
)


def _date_flagged(cited: str, byline: str, teasers: str = "") -> bool:
    html = ARTICLE.format(byline=byline, teasers=teasers)
    finding = date_finding(cited, read_metadata(html, PLAIN_URL), html)
    return finding is not None and finding.code is Code.DATE_MISMATCH


@pytest.mark.parametrize(
    "byline",
    [
        "입력 2020. 5. 6. 수정 2020. 5. 3.",  # Korean: year first with dots
        "Publié le 06-05-2020, mis à jour le 03-05-2020",  # day first with dashes
        "Updated 2020.05.03 10:14",
    ],
)
def test_an_update_the_page_writes_in_its_own_form_is_no_mismatch(byline: str) -> None:
    assert not _date_flagged("May 3, 2020", byline)
    assert _date_flagged("May 13, 2020", byline)


def test_the_same_forms_in_teasers_of_other_articles_still_contradict() -> None:
    assert _date_flagged("April 4, 2020", "By Jane Doe", TEASERS)
    assert _date_flagged("March 3, 2020", "By Jane Doe", TEASERS)


@pytest.mark.parametrize(
    "label",
    [
        "<em>Last Updated:</em> January 7, 2025",
        "Updated on 7 January 2025",
        "<b>Veröffentlicht:</b> 07.01.2025",
    ],
)
def test_a_dateline_in_a_byline_element_names_no_author(label: str) -> None:
    """A theme's byline box holding only the update line (spiceworks: ``Last`` was an author)."""
    box = f'<div class="author-details-4"><div datetime="2025-01-07">{label}</div></div>'
    html = ARTICLE.format(byline="", teasers="").replace("<p></p>", box)
    meta = read_metadata(html, PLAIN_URL)
    assert meta.authors == ()
    assert author_finding("Jane Doe", meta, html, PLAIN_URL) is not None


@pytest.mark.parametrize(
    "byline",
    [
        "By Jane Doe | Updated January 7, 2025",
        "Posted by Jane Doe",
        "Edited by Jane Doe",
        "Posted on January 7, 2025 by Jane Doe",
        "Veröffentlicht am 07.01.2025 von Jane Doe",
    ],
)
def test_a_byline_beside_or_opened_like_a_dateline_is_still_read(byline: str) -> None:
    box = f'<div class="author-details-4"><div>{byline}</div></div>'
    html = ARTICLE.format(byline="", teasers="").replace("<p></p>", box)
    meta = read_metadata(html, PLAIN_URL)
    assert meta.authors
    assert author_finding("Jane Doe", meta, html, PLAIN_URL) is None
    assert author_finding("John Roe", meta, html, PLAIN_URL) is not None
