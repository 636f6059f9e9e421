"""The verdict rules of a source citation (checker/verify/citation.py), field by field.

``title_finding``, ``author_finding`` and ``date_finding`` are pure; tests/verify/realpages.py
measures them on real pages, and ``judge`` below runs the whole judgement of a fetched page.
"""

from __future__ import annotations

from checker.findings import Code
from checker.model import Citation, CitationKind, Cited, FetchResult, Outcome
from checker.verify.citation import (
    _judge,
    author_finding,
    date_finding,
    title_finding,
)
from checker.verify.metadata import PageMetadata

URL = "https://www.nikkei.example/article/123"
JAPANESE_PAGE = """<html lang="ja"><head>
<title>トランプ米大統領、ウクライナ停戦に向け協議開始でプーチン氏と合意</title>
<meta name="author" content="田中 太郎">
<meta property="article:published_time" content="2025-02-13T08:00:00+09:00">
</head><body><article><h1>トランプ米大統領、ウクライナ停戦に向け協議開始でプーチン氏と合意</h1>
<p>本文です。</p></article></body></html>"""
ENGLISH_TITLE = "Trump and Putin Agree to Ukraine Talks in a US Policy Reversal"


def _codes(cited: Cited, page: str = JAPANESE_PAGE) -> list[Code]:
    citation = Citation(CitationKind.SOURCE, URL, cited)
    result = FetchResult(
        url=URL,
        outcome=Outcome.OK,
        final_url=URL,
        status_code=200,
        content_type="text/html",
        text=page,
    )
    return [f.code for f in _judge(citation, result).findings]


def test_an_english_original_title_of_a_japanese_page_is_a_possible_translation() -> None:
    assert _codes(Cited(title=ENGLISH_TITLE)) == []
    assert _codes(Cited(title=ENGLISH_TITLE, date="February 13, 2025")) == []


def test_a_translation_is_not_excused_when_the_date_contradicts_the_page() -> None:
    codes = _codes(Cited(title=ENGLISH_TITLE, date="March 3, 2021"))
    assert codes == [Code.TITLE_MISMATCH, Code.DATE_MISMATCH]


def test_a_translation_is_not_excused_when_the_author_contradicts_the_page() -> None:
    codes = _codes(Cited(title=ENGLISH_TITLE, author="Jennifer Jacobs"))
    assert codes == [Code.TITLE_MISMATCH, Code.AUTHOR_MISMATCH]


def test_a_translation_is_not_excused_when_the_publication_contradicts_the_host() -> None:
    codes = _codes(Cited(title=ENGLISH_TITLE, publisher="Foreign Affairs"))
    assert codes == [Code.PUBLISHER_MISMATCH, Code.TITLE_MISMATCH]


META = PageMetadata(
    titles=("Rezoning plan plagues Bronx councilmember", "Tokyo 東京 Gothamist"),
    authors=("Sandra Arm",),
    dates=("2022-01-24",),
    site_names=("Emotion",),
)


def test_latin_titles_are_never_excused_as_translations_even_with_a_cjk_character() -> None:
    page = PageMetadata(titles=("Tokyo 東京 guide to the best sushi bars",))
    assert title_finding(("Why Russia Is Losing the War",), page) is not None


def test_a_cited_title_in_the_page_script_is_compared_even_beside_a_translated_one() -> None:
    page = PageMetadata(titles=("How Long Can Russia Sustain Its Losses?",))
    cited = ("ロシアはいつまで損失に耐えられるか", "Why China Is Ready for War")
    assert title_finding(cited, page) is not None
    assert title_finding(("ロシアはいつまで損失に耐えられるか",), page) is None


def test_a_single_word_found_on_the_page_is_no_evidence_of_authorship() -> None:
    html = "<html><body><p>Matthias und die Redaktion danken allen.</p></body></html>"
    assert author_finding("Matthias", META, html) is not None
    assert author_finding("Redaktion", META, html) is not None


def test_a_full_name_found_on_the_page_is_not_reported() -> None:
    html = "<html><body><p>Mitarbeit: Matthias Schuster</p></body></html>"
    assert author_finding("Matthias Schuster", META, html) is None


def test_the_publication_named_as_author_is_not_a_mismatch() -> None:
    assert author_finding("Emotion", META, "", "https://www.emotion.de/a") is None
    assert author_finding("Motion", META, "", "https://www.emotion.de/a") is not None


def test_a_date_is_reported_only_against_a_date_the_page_carries() -> None:
    assert date_finding("February 24, 2022", META, "<p>x</p>") is not None
    assert date_finding("January 25, 2022", META, "<p>x</p>") is None  # a day apart
    assert date_finding("February 24, 2022", PageMetadata(), "<p>x</p>") is None


def test_a_date_the_page_states_as_modified_is_no_mismatch_within_a_day() -> None:
    page = PageMetadata(dates=("2021-09-19",), modified=("2021-09-20",))
    shown = "<p>Updated September 20, 2021</p>"
    assert date_finding("September 21, 2021", page, shown) is None  # time zones
    assert date_finding("September 20, 2021", page, shown) is None
    assert date_finding("September 22, 2021", page, shown) is not None
    assert date_finding("October 19, 2021", page, shown) is not None
    # an edit only markup states, which no reader sees, excuses nothing (session 31)
    later = PageMetadata(dates=("2021-09-19",), modified=("2021-09-25",))
    assert date_finding("September 25, 2021", later, "<p>x</p>") is not None
    assert date_finding("September 25, 2021", later, "<p>Updated 25.09.2021</p>") is None


NO_BYLINE = "<html><body><h1>Rezoning plan</h1><p>Jane Doe spoke at the hearing.</p></body></html>"


def test_a_cited_name_on_no_part_of_a_page_without_byline_is_reported() -> None:
    finding = author_finding("Jennifer Jacobs", PageMetadata(), NO_BYLINE)
    assert finding is not None and finding.code is Code.AUTHOR_MISMATCH
    assert "names no author" in finding.message


def test_a_page_without_byline_gives_no_verdict_on_names_it_writes_or_cannot_judge() -> None:
    assert author_finding("Jane Doe", PageMetadata(), NO_BYLINE) is None  # written on it
    assert author_finding("Redaktion", PageMetadata(), NO_BYLINE) is None  # one word
    emotion = PageMetadata(site_names=("Emotion",))
    assert author_finding("Emotion Verlag", emotion, NO_BYLINE, "https://www.emotion.de/a") is None


WIRE_PAGE = """<html lang="en"><head><title>Losing face: 6,000 masks stolen | Japan Times</title>
<meta property="og:site_name" content="The Japan Times">
<meta property="article:published_time" content="2023-11-05T18:07:56+09:00">
</head><body><article><header><h1>Losing face: 6,000 masks stolen</h1>
<p class="credit">JIJI</p></header><p>{text}</p></article>
<ul class="more">{teasers}</ul></body></html>"""
TEASERS = "".join(
    f'<li><a href="/news/{n}">Other story {n}</a><span>by Ann Lee</span><span>{day}</span></li>'
    for n, day in enumerate(("October 27, 2023", "October 20, 2023", "October 12, 2023"))
)


TEXT = "Some 6,000 surgical masks were stolen from a hospital in Kobe, the police said. " * 5


def test_the_wire_agency_a_page_credits_is_an_author_a_post_may_cite() -> None:
    page = WIRE_PAGE.format(teasers="", text=TEXT)
    assert _codes(Cited(author="JIJI"), page) == []
    assert _codes(Cited(author="Jiji Press"), page) == []
    assert _codes(Cited(author="Kyodo"), page) == [Code.AUTHOR_MISMATCH]


def test_a_date_of_another_article_in_a_list_of_teasers_is_a_mismatch() -> None:
    page = WIRE_PAGE.format(teasers=TEASERS, text=TEXT)
    assert _codes(Cited(date="November 5, 2023"), page) == []
    assert _codes(Cited(date="October 27, 2023"), page) == [Code.DATE_MISMATCH]


def test_a_title_with_its_negation_dropped_is_a_mismatch() -> None:
    page = WIRE_PAGE.format(teasers="", text=TEXT)
    assert _codes(Cited(title="Losing face: 6,000 masks not stolen"), page) == [Code.TITLE_MISMATCH]
    assert _codes(Cited(title="Losing face: 6,000 masks stolen"), page) == []


WIKI = PageMetadata(dates=("2020-11-04",), modified=("2020-11-04",), inferred=("2020-11-04",))
"""A wiki page: only htmldate's guess (its last edit) offers a publication date."""


def test_a_page_that_states_no_publication_date_cannot_contradict_an_earlier_date() -> None:
    finding = date_finding("October 25, 2020", WIKI, "<p>x</p>")
    assert finding is not None
    assert finding.code is Code.DATE_NOT_STATED
    assert "2020-11-04" in finding.message
    shown = "<p>This page was last edited on 4 November 2020</p>"
    assert date_finding("November 5, 2020", WIKI, shown) is None  # a day apart: the edit, shown
    hidden = date_finding("November 5, 2020", WIKI, "<p>x</p>")  # an edit no reader sees
    assert hidden is not None and hidden.code is Code.DATE_NOT_STATED


def test_a_date_after_the_last_edit_is_still_a_mismatch() -> None:
    finding = date_finding("March 1, 2021", WIKI, "<p>x</p>")
    assert finding is not None and finding.code is Code.DATE_MISMATCH


def test_a_stated_publication_keeps_earlier_dates_mismatched() -> None:
    """Provenance, not equality: the same dates stated in markup still catch a swap."""
    stated = PageMetadata(dates=("2020-11-04",), modified=("2020-11-04",))
    finding = date_finding("October 25, 2020", stated, "<p>x</p>")
    assert finding is not None and finding.code is Code.DATE_MISMATCH


def test_a_page_with_only_its_last_edit_says_the_date_is_not_stated() -> None:
    edited = PageMetadata(modified=("2020-11-04",))
    finding = date_finding("October 25, 2020", edited, "<p>x</p>")
    assert finding is not None and finding.code is Code.DATE_NOT_STATED
    assert date_finding("March 1, 2021", edited, "<p>x</p>") is None  # as before: no evidence
