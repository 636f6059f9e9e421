"""Rule gaps named by the held-out reads of session 23 (issue 14): a page whose only date is
its update, under a URL that names the day it was published."""

from __future__ import annotations

import pytest

from checker.findings import Code
from checker.verify.citation import date_finding
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
