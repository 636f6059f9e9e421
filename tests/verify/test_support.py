"""Whether a page states a cited name or date anywhere: the last guard before a mismatch."""

from __future__ import annotations

from datetime import date

import pytest

from checker.verify.support import date_on_page, name_on_page

MARCH_5 = date(2021, 3, 5)
NOV_30 = date(2021, 11, 30)


FILLER = "Filler text, 2020 and 12 items. " * 50


def _page(text: str) -> str:
    return f"<html><body><p>{FILLER}</p><p>{text}</p></body></html>"


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (MARCH_5, "2021-03-05"),
        (MARCH_5, "20210305"),
        (MARCH_5, "2021/3/5"),
        (MARCH_5, "2021年3月5日"),
        (MARCH_5, "05.03.2021"),
        (MARCH_5, "5. 3. 21"),
        (MARCH_5, "(5/3/2021)"),
        (MARCH_5, "03/05/2021"),
        (MARCH_5, "5th March 2021"),
        (MARCH_5, "5 de marzo de 2021"),
        (MARCH_5, "MÄRZ 5, 2021"),
        (MARCH_5, "March 05, 2021"),
        (NOV_30, "30.11.2021"),
        (NOV_30, "11/30/2021"),
        (NOV_30, "30 novembre 2021"),
        (NOV_30, "on 030/11/2021"),
    ],
)
def test_dates_written_in_usual_forms_are_found(day: date, text: str) -> None:
    assert date_on_page(day, _page(text))


@pytest.mark.parametrize(
    "region",
    [
        '<ul class="relatedlinks__list"><li><a href="/b">B</a> 05.03.2021</li></ul>',
        "<aside><p>Most read</p><p>March 5, 2021</p></aside>",
        '<div id="comments"><p>Reply of 2021-03-05</p></div>',
    ],
)
def test_dates_of_other_pages_listed_on_the_page_do_not_count(region: str) -> None:
    assert not date_on_page(MARCH_5, _page(region))


@pytest.mark.parametrize(
    "region",
    [
        '<div class="has-double-sidebar"><h1>Title</h1><p>(5. März 2021) Text</p></div>',
        '<footer class="entry-footer">Posted on 05.03.2021</footer>',
    ],
)
def test_the_articles_own_date_counts_whatever_wraps_it(region: str) -> None:
    assert date_on_page(MARCH_5, _page(region))


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (MARCH_5, "15.03.2021"),  # another day: the day must start a number
        (MARCH_5, "105.03.2021"),
        (MARCH_5, "x5/3/2021"),
        (MARCH_5, "a05.03.2021"),
        (MARCH_5, "_5 March 2021"),
        (MARCH_5, "6 March 2021"),
        (MARCH_5, "2021-03-06"),
        (NOV_30, "130/11/2021"),
        (NOV_30, "11/30/2022"),
    ],
)
def test_near_miss_dates_are_not_found(day: date, text: str) -> None:
    assert not date_on_page(day, _page(text))


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("José Mejías", "by Jose Mejias"),
        ("Jose Mejias", "by JOSÉ MEJÍAS"),
        ("José Mejías", "Mejías, José"),
        ("Søren Kierkegaard", "SOREN KIERKEGAARD 👍"),
        ("Anna Smith", "Anna&nbsp;Smith"),
        ("Anna Smith", "<b>Anna\u00a0Smith</b>"),
    ],
)
def test_names_are_found_whatever_their_accents_case_and_spacing(name: str, text: str) -> None:
    assert name_on_page(name, _page(text))


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("José Mejías", "by José Mejía"),
        ("Anna Smith", "Anna Smyth"),
        ("Al Li", "Al Li"),  # too short to be evidence
    ],
)
def test_other_or_short_names_are_not_found(name: str, text: str) -> None:
    assert not name_on_page(name, _page(text))


def test_names_in_lists_of_other_pages_do_not_count() -> None:
    listing = '<div class="related-posts"><a href="/b">Other story</a> by Mary Major</div>'
    assert not name_on_page("Mary Major", _page(listing))
    assert name_on_page("Mary Major", _page("<p>By Mary Major</p>"))
