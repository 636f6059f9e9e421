"""Left 32b: an edit's day, hidden or shown without its year.

A page stating no publication date, only a hidden edit (a JSON-LD ``dateModified`` or an
``article:modified_time``), is dated by htmldate's guess, which is that edit: a cited day
before it was ``date-not-stated`` ("it was last edited on …"), but the edit's own day cited
passed, the hidden edit read as the publication.  And an edit a news page shows in the year
of its story, "Updated Mar 5" or "Aktualisiert am 5. März", read as not shown: the edit's day
cited was a ``date-mismatch`` "only the day of an edit the page does not show".
"""

from __future__ import annotations

import pytest

from checker.verify.citation import date_finding
from checker.verify.metadata import read_metadata

URL = "https://news.test/2022/budget"
_TEXT = "<p>" + "The council voted on the budget and the roads. " * 20 + "</p>"


def _code(cited: str, html: str) -> str | None:
    finding = date_finding(cited, read_metadata(html, URL), html)
    return None if finding is None else finding.code.value


def _undated(head: str) -> str:
    return (
        f"<html><head><title>Budget</title>{head}</head><body><article><h1>Budget</h1>"
        f"{_TEXT}</article></body></html>"
    )


_HIDDEN_EDITS = {
    "json-ld": '<script type="application/ld+json">{"@context": "https://schema.org", '
    '"@type": "NewsArticle", "dateModified": "2022-03-05T10:00:00Z"}</script>',
    "meta": '<meta property="article:modified_time" content="2022-03-05T10:00:00Z">',
}


@pytest.mark.parametrize("name", sorted(_HIDDEN_EDITS))
def test_a_hidden_edit_s_day_is_no_stated_publication(name: str) -> None:
    html = _undated(_HIDDEN_EDITS[name])
    assert _code("2022-03-05", html) == "date-not-stated"
    assert _code("2022-03-01", html) == "date-not-stated"  # (as before)
    assert _code("2022-04-01", html) == "date-mismatch"  # after the last edit (as before)


def test_a_shown_edit_of_a_page_stating_no_publication_still_excuses_its_day() -> None:
    html = _undated(_HIDDEN_EDITS["json-ld"]).replace(
        "<h1>Budget</h1>", "<p>Updated 5 March 2022</p>"
    )
    assert _code("2022-03-05", html) is None


def _dated(shown: str) -> str:
    return (
        '<html><head><title>Budget</title><script type="application/ld+json">{"@type": '
        '"NewsArticle", "datePublished": "2022-03-01T08:00:00Z", "dateModified": '
        f'"2022-03-05T10:00:00Z"}}</script></head><body><article><h1>Budget</h1>{shown}'
        f"{_TEXT}</article></body></html>"
    )


@pytest.mark.parametrize(
    "shown",
    [
        "<p>Updated Mar 5</p>",
        "<p>Updated: Mar. 5, 10:00 AM</p>",
        "<span>Published March 1, 2022 · Updated March 5th</span>",
        "<p>Updated 5 Mar</p>",
        "<p>Aktualisiert am 5. März</p>",
        "<p>Last updated on: March 5</p>",
        "<p>Actualizado el 5 de marzo</p>",
        "<p>Mis à jour le 5 mars</p>",
    ],
)
def test_an_edit_shown_without_its_year_is_shown(shown: str) -> None:
    assert _code("2022-03-05", _dated(shown)) is None


@pytest.mark.parametrize(
    "shown", ["", "<p>Updated March 5, 2019</p>", "<p>Updated Mar 15</p>", "<p>Updated 25 Mar</p>"]
)
def test_an_edit_not_shown_or_shown_as_another_day_still_is_a_mismatch(shown: str) -> None:
    assert _code("2022-03-05", _dated(shown)) == "date-mismatch"


@pytest.mark.parametrize(
    "shown",
    [
        "<p>The vote on March 5 approved it.</p>",
        "<p>Comments: Jane, Mar 5</p>",
        "<p>Next meeting: Tuesday, March 5</p>",
        "<p>Published March 5-6, 2019</p>",
        "<p>Updated March 5-6, 2019</p>",
        "<p>Updated March 5 – 6, 2019</p>",
        "<p>Actualizado el 5 de marzo de 2019</p>",
    ],
)
def test_a_yearless_day_no_update_label_stands_before_shows_no_edit(shown: str) -> None:
    """A month's name and a day anywhere in the text (a vote's, a comment's, a meeting's day)
    or in another year's range or Spanish date is no edit shown: a hidden edit's day it excused
    passed (mend 32a)."""
    assert _code("2022-03-05", _dated(shown)) == "date-mismatch"
