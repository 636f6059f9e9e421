"""Whether a page states a cited name or date anywhere: the last guard before a mismatch."""

from __future__ import annotations

from datetime import date

import lxml.html
import pytest

from checker.verify.support import date_on_page, name_on_page
from tests.cost import cpu_seconds

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
        (MARCH_5, "2021. 3. 5."),  # year first with dots: Korean, Hungarian
        (MARCH_5, "2021.03.05 14:10"),
        (MARCH_5, "05-03-2021"),  # day first with dashes: Dutch, Indian, Portuguese
        (NOV_30, "30-11-2021"),
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
        (MARCH_5, "2021.03.051"),
        (MARCH_5, "2021.3.15"),
        (MARCH_5, "15-03-2021"),
        (MARCH_5, "05-03-20211"),
        (MARCH_5, "03-05-2021"),  # 3 May, day first: month first is read with slashes only
        (NOV_30, "11-30-2021"),
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
        ("Anna Smith", '<span class="given-name">Anna</span> <span class="family">Smith</span>'),
        ("Anna Smith", "<a rel='author'><em>Anna</em> Smith</a>"),
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


def _teasers(tag: str = "li", mark: str = "", dates: tuple[str, ...] = ()) -> str:
    """A list of three or four teasers of other articles, each a link and a date."""
    days = dates or ("March 5, 2021", "February 27, 2021", "January 3, 2021")
    attribute = f' class="{mark}"' if mark else ""
    items = "".join(
        f'<{tag}{attribute}><a href="/story-{i}">Story {i}</a><div>by Ann Lee</div>'
        f"<div>{day}</div></{tag}>"
        for i, day in enumerate(days)
    )
    return f"<ul>{items}</ul>" if tag == "li" else f"<div>{items}</div>"


@pytest.mark.parametrize(
    "listing",
    [
        _teasers(mark="c-postList__post"),  # a listing by its shape and class
        '<ul class="c-postList"><li><a href="/b">B</a> March 5, 2021</li></ul>',  # its class
        _teasers(),  # by its shape alone: repeated items, each a link and a date
        _teasers("div", "card"),
        _teasers(dates=("05.03.2021", "2021-02-27", "3 janvier 2021", "2021年1月2日")),
        '<div class="recirc-module"><a href="/b">B</a> March 5, 2021</div>',
        '<section class="more-stories"><a href="/b">B</a> 5 March 2021</section>',
    ],
)
def test_dates_in_lists_of_other_articles_do_not_count(listing: str) -> None:
    assert not date_on_page(MARCH_5, _page(listing))


def _nested_teasers(count: int = 4) -> str:
    """Teasers marked up as ``<article>`` elements whose end tags the markup breaks
    (``</articledata-…>``), so that each is nested in the one before."""
    item = '<article class="card"><h4><a href="/story-{0}">Daytime: March {0}, 2021</a></h4>'
    return "".join(item.format(day) for day in range(5, 5 + count)) + "</article>" * count


@pytest.mark.parametrize(
    "listing",
    [
        f"<nav><ul><li><div class='dropnav'>{_nested_teasers()}</div></li></ul></nav>",
        f"<div class='menu'>{_nested_teasers(1)}</div>",
        '<section class="liste-articles"><article><a href="/b">B</a>'
        '<time datetime="2021-03-05">5/3</time></article></section>',
        '<div class="su-row articles-list"><div><a href="/b">B</a> 5 March 2021</div></div>',
    ],
)
def test_teasers_marked_up_as_articles_are_other_pages(listing: str) -> None:
    """A menu or list of other stories marks up each teaser as an ``<article>``: a small one is
    not the page's article, and its date is not the page's (issue 14, nested-list dates)."""
    assert not date_on_page(MARCH_5, _page(listing))


def test_a_marked_region_around_the_article_element_is_kept() -> None:
    article = f"<article><p>{FILLER}</p><p>Posted March 5, 2021</p></article>"
    page = f"<html><body><p>{FILLER}</p><div class='with-sidebar'>{article}</div></body></html>"
    assert date_on_page(MARCH_5, page)


def test_a_page_that_starts_with_an_xml_declaration_is_filtered_too() -> None:
    """lxml refuses a ``str`` declaring its encoding: the filter once left such a page whole."""
    page = '<?xml version="1.0" encoding="utf-8"?>\n' + _page(_teasers(mark="c-postList__post"))
    assert not date_on_page(MARCH_5, page)


@pytest.mark.parametrize(
    "region",
    [
        # fewer than three items, items without links, items without dates
        "<ul><li><a href='/a'>A</a> March 5, 2021</li><li><a href='/b'>B</a> 2021-02-27</li></ul>",
        "<ul><li>March 5, 2021: hearing</li><li>March 9, 2021: vote</li>"
        "<li>March 12, 2021: law</li></ul>",
        "<ul><li><a href='/a'>A</a></li><li><a href='/b'>B</a></li><li><a href='/c'>C</a></li>"
        "</ul><p>Published March 5, 2021</p>",
    ],
)
def test_dates_in_lists_that_are_not_teasers_count(region: str) -> None:
    assert date_on_page(MARCH_5, _page(region))


def test_a_list_of_teasers_that_holds_the_article_is_kept() -> None:
    article = "<li><h1>Title</h1><a href='/x'>x</a><p>Posted March 5, 2021</p></li>"
    page = _page(f"<ul>{article}" + _teasers()[4:])
    assert date_on_page(MARCH_5, page)


def test_nested_listings_cost_no_more_than_flat_ones() -> None:
    """Each item of a listing is looked at for a bounded number of elements: items nested in
    items (a hostile page) would otherwise have each level read everything below it."""
    leaves = "<b>word</b>" * 20_000
    opening, closing = '<div><div><a href="/x">x</a>', "</div><div></div><div></div></div>"
    nested = f"<html><body>{opening * 100}{leaves}{closing * 100}</body></html>"
    flat = f"<html><body><div>{leaves}</div></body></html>"
    runs = iter(range(1_000))  # a new page each run: the parsed pages are cached

    def cost(page: str) -> float:
        return cpu_seconds(lambda: date_on_page(MARCH_5, f"{page}<!-- {next(runs)} -->"))

    assert cost(nested) / cost(flat) < 10


def test_a_date_in_the_address_of_a_link_does_not_count() -> None:
    """``/2018/06/28/first-bank/`` is the linked page's date, wherever the link stands."""
    link = '<a href="https://example.com/2018/06/28/first-bank/">First Bank</a>'
    assert not date_on_page(date(2018, 6, 28), _page(link))


def test_a_link_s_text_and_the_page_s_own_markup_still_count() -> None:
    link = '<a href="/2018/06/28/first-bank/">June 28, 2018</a>'
    assert date_on_page(date(2018, 6, 28), _page(link))
    time = '<time datetime="2018-06-28">yesterday</time>'
    assert date_on_page(date(2018, 6, 28), _page(time))


@pytest.mark.parametrize(
    "hidden",
    [
        # a stylesheet's version, read as 1 February 2022 (scottishfield.co.uk)
        '<link rel="stylesheet" href="/style.css?ver=1.2.22">',
        # a date picker's default (news.ltn.com.tw)
        '<input class="datepicker" name="start_time" value="2022-02-01">',
        # another day's photo caption (ouest-france.fr)
        '<img alt="Des camions à Rafah, le 1 février 2022." src="/a.jpg">',
        # a JSON blob of other stories (infobae.com)
        '<script>var s = {"first_publish_date":"2022-02-01T16:46:36Z"};</script>',
        "<style>/* 2022-02-01 */</style>",
        # an image's upload stamp in an address (alpin.de's og:image)
        '<meta property="og:image" content="https://cdn.example/a-20220201135450.jpg">',
    ],
)
def test_a_date_no_reader_sees_does_not_count(hidden: str) -> None:
    assert not date_on_page(date(2022, 2, 1), _page(hidden))


def test_a_date_the_reader_sees_or_the_markup_states_counts() -> None:
    assert date_on_page(date(2022, 2, 1), _page("<p>Posted 1 February 2022</p>"))
    assert date_on_page(date(2022, 2, 1), _page('<abbr title="2022-02-01">Tuesday</abbr>'))
    # furche.at's timeline beside the headline, a description's "Notizia del …" (parcoabruzzo.it)
    assert date_on_page(date(2022, 2, 1), _page('<div data-date="1. Februar 2022"></div>'))
    meta = '<meta name="description" content="Orso marsicano (Notizia del 1 Febbraio 2022)">'
    assert date_on_page(date(2022, 2, 1), f"<html><head>{meta}</head><body>{FILLER}</body></html>")


def test_a_days_forms_are_compiled_once_and_a_page_without_its_year_is_not_searched() -> None:
    """Issue 19: the ten forms of a day were built and compiled at every call, past ``re``'s
    own cache (a dateless source's cited date cost 1.5 M instructions, +0.4 s CPU a 2,000-URL
    run); they are one pattern a day now, and a text without the year's last two digits
    writes no form of it."""
    from checker.verify import support  # noqa: PLC0415

    day = date(2031, 7, 9)
    support._day_forms.cache_clear()
    texts = ["<p>9 July 2031</p>", "<p>2031-07-09</p>", "<p>July 9th, 31</p>", "<p>no date</p>"]
    assert [support.day_written(day, t) for t in texts] == [True, True, False, False]
    assert support.day_written(day, "<p>9.7.31</p>")  # the two-digit year of a day-first form
    assert support._day_forms.cache_info().misses == 1


def test_a_page_without_the_days_year_is_not_copied_to_be_pruned() -> None:
    """The pruned copy (a deep copy of the tree) is made only for a page that writes the
    cited year's last digits somewhere: a dateless page's cited date costs a substring test."""
    from checker.verify.page import ParsedPage  # noqa: PLC0415

    parsed: list[str] = []

    def parse(text: str) -> object:
        parsed.append(text)
        return lxml.html.fromstring(text)

    page = ParsedPage("<html><body><p>No day here.</p></body></html>", parse)
    assert not date_on_page(date(2031, 7, 9), page)
    assert parsed == []
    page = ParsedPage("<html><body><p>9 July 2031</p></body></html>", parse)
    assert date_on_page(date(2031, 7, 9), page)
    assert len(parsed) == 1
