"""Rule gaps named by the held-out reads of session 23 (issue 14): a page whose only date is
its update, under a URL that names the day it was published."""

from __future__ import annotations

import pytest

from checker.findings import Code
from checker.verify.citation import date_finding
from checker.verify.match import translation_possible
from checker.verify.metadata import read_metadata

JA_TEXT = "<p>" + "長期休暇中は、いつもと異なる状況になります。対策をまとめています。" * 8 + "</p>"


def _updated_only(update_line: str) -> str:
    """A page that states no publication date: only a "last updated" line (IPA's notice)."""
    return (
        '<html lang="ja"><head><title>注意喚起</title></head><body><div id="main">'
        f'<h1>注意喚起</h1><p class="text_right">{update_line}<br>情報処理推進機構</p>'
        f"{JA_TEXT}</div></body></html>"
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://www.example.go.jp/security/topics/alert20190402.html",
        "https://www.example.go.jp/security/2019/04/02/alert.html",
    ],
)
def test_a_url_day_is_the_publication_of_a_page_stating_only_its_update(url: str) -> None:
    """IPA's notice writes only ``最終更新日：2019年4月2日`` under ``alert20190402.html``: the
    URL states the day it was published, so another page's earlier date cited for it is a
    mismatch, not "could not be checked"; its own day still matches."""
    page = _updated_only("最終更新日：2019年4月2日")
    meta = read_metadata(page, url)
    assert meta.dates == ("2019-04-02",)
    assert date_finding("April 2, 2019", meta, page) is None
    earlier = date_finding("February 27, 2019", meta, page)
    assert earlier is not None and earlier.code == Code.DATE_MISMATCH
    later = date_finding("April 21, 2019", meta, page)
    assert later is not None and later.code == Code.DATE_MISMATCH


@pytest.mark.parametrize(
    "url",
    [
        "https://www.example.com/News/120200622120908039/story",  # an id holding digits of a day
        "https://www.example.com/a/20190402/b/20190405.html",  # two days: which is not said
        "https://www.example.com/p/20191345.html",  # no such day
        "https://www.example.com/p/20990101.html",  # a day yet to come
    ],
)
def test_a_url_number_that_names_no_single_past_day_states_no_publication(url: str) -> None:
    """Digits inside a longer number, two different days, an impossible or future day: the URL
    states nothing, and an earlier cited date stays "could not be checked" (no mismatch)."""
    page = _updated_only("最終更新日：2019年4月2日")
    meta = read_metadata(page, url)
    assert meta.dates == ()
    finding = date_finding("February 27, 2019", meta, page)
    assert finding is None or finding.code != Code.DATE_MISMATCH


WARDROBE = "サステナブルなワードローブにシフトする10のアイデア"


@pytest.mark.parametrize(
    ("cited", "page_title"),
    [
        (WARDROBE, "Why 2015 Was Rent the Runway's Biggest Year So Far"),
        ("Why 2015 Was Rent the Runway's Biggest Year So Far", WARDROBE),
        (WARDROBE, "Lindorff24.fi muuttaa maksujen hoidon mobiiliksi - Lindorff Profit"),
        ("Top 7 tips for 2023", "２０１９年のベスト１０"),
    ],
)
def test_a_title_in_another_script_with_other_numbers_is_no_translation(
    cited: str, page_title: str
) -> None:
    """A Japanese title (``…10のアイデア``) cited for an English page (``Why 2015 Was…``), or
    the reverse: both write plain numbers and share none, and a translation keeps its numbers,
    so it names another page: compared (a mismatch), not excused as a translation."""
    assert translation_possible([cited], page_title) is False


@pytest.mark.parametrize(
    ("cited", "page_title"),
    [
        ("10 Ideas to Shift to a Sustainable Wardrobe", WARDROBE),
        ("Ten Ideas to Shift to a Sustainable Wardrobe", WARDROBE),
        (
            "Why 2015 Was Rent the Runway's Biggest Year So Far",
            "レント・ザ・ランウェイにとって2015年が最高の年だった理由",
        ),
        ("How 3 million people lost their homes", "300万人が家を失った理由"),
        ("A £300,000 house for sale in the village", "村で30万ポンドの家が売りに出される"),
        ("Why the 1990s still matter", "なぜ90年代は今も重要なのか"),
        ("24 hours in Tokyo", "東京での1日"),
        ("A 100-degree heat wave hits Texas", "テキサスを38度の熱波が襲う"),
        ("COVID-19: cases rise 5% in a week", "新冠病例一周上升5%"),
        ("How fake money saved Brazil", "偽のお金がブラジルを救った方法"),
    ],
)
def test_a_translation_keeping_spelling_or_converting_its_numbers_is_still_excused(
    cited: str, page_title: str
) -> None:
    """True translations stay excused: the same digits, a number spelled out (``Ten``), a
    magnitude (``3 million`` / ``300万``), a converted unit or span (``100-degree`` /
    ``38度``, ``24 hours`` / ``1日``), a decade (``1990s`` / ``90年代``), no number at all."""
    assert translation_possible([cited], page_title) is True
