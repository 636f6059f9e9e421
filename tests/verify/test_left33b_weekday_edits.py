"""Left 33b: an edit shown with its weekday and no year ("Updated Monday, May 12").

Session 32 read "Updated May 12" as the edit a hidden ``dateModified`` states (no year, in the
year of the story), but not with the weekday news sites print between the label and the day:
a right citation of the edit's day was a ``date-mismatch`` ("only the day of an edit the page
does not show").  The weekday is evidence, not noise: it must be that day's (May 12, 2025 is a
Monday), so "Updated Friday, May 12" (another year's May 12) still shows no such edit, and a
weekday with no update label before it ("Next meeting: Monday, May 12") none at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.findings import Code
from checker.model import CitationKind
from checker.sampleweb import Web
from checker.verify.citation import date_finding
from checker.verify.metadata import read_metadata
from tests.fetch.support import check_sources_on, codes

_TEXT = "<p>" + "The council voted on the budget and the roads. " * 20 + "</p>"


def _page(shown: str) -> str:
    return (
        "<html><head><title>Council approves the budget | Example News</title>"
        '<meta name="author" content="Jane Doe">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Council '
        'approves the budget", "author": {"@type": "Person", "name": "Jane Doe"}, '
        '"datePublished": "2025-05-01T08:00:00Z", "dateModified": "2025-05-12T10:00:00Z"}'
        "</script></head><body><article><h1>Council approves the budget</h1>"
        f"<p>By Jane Doe</p>{shown}{_TEXT}</article></body></html>"
    )


_SHOWN = (
    "<p>Updated Monday, May 12</p>",
    "<p>Updated: Mon, May 12, 10:00 AM</p>",
    "<p>Last updated on Monday May 12th</p>",
    "<p>Aktualisiert am Montag, 12. Mai</p>",
    "<p>Mis à jour le lundi 12 mai</p>",
    "<p>Actualizado el lunes 12 de mayo</p>",
)
_NOT_SHOWN = (
    "<p>Updated Friday, May 12</p>",  # May 12 was a Friday in 2023, not in 2025
    "<p>Next meeting: Monday, May 12</p>",
)


def test_an_edit_shown_with_its_weekday_excuses_its_day(tmp_path: Path) -> None:
    web = Web()
    cited = {}
    for number, shown in enumerate((*_SHOWN, *_NOT_SHOWN)):
        url = f"https://paper{number}.test/2025/05/budget.html"
        web.page(url, _page(shown))
        cited[url] = "Council approves the budget"
    checked = check_sources_on(web, cited, tmp_path)
    for number, url in enumerate(cited):
        assert checked[url].citation.kind is CitationKind.SOURCE
        mismatch = Code.DATE_MISMATCH in codes(checked[url])
        assert mismatch is (number >= len(_SHOWN)), (url, checked[url].findings)


@pytest.mark.parametrize("shown", _SHOWN)
def test_each_weekday_form_is_read(shown: str) -> None:
    html = _page(shown)
    url = "https://paper.test/2025/05/budget.html"
    assert date_finding("2025-05-12", read_metadata(html, url), html) is None


@pytest.mark.parametrize("shown", _NOT_SHOWN)
def test_another_weekday_or_no_label_shows_no_edit(shown: str) -> None:
    html = _page(shown)
    finding = date_finding("2025-05-12", read_metadata(html, "https://paper.test/x"), html)
    assert finding is not None and finding.code is Code.DATE_MISMATCH
