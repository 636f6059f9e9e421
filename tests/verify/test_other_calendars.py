"""Page dates written in other digits, month names and calendars (issue 14, session 19).

An Iranian news page states its day only as ``سه‌شنبه ۲۹ بهمن ۱۳۹۸`` (Solar Hijri, Persian
digits), a Bengali Wikipedia article its last edit only as ``১৯ জুলাই ২০২০``: read as no date,
every date cited for them passed unchecked.  The reader now converts them (checker/dates.py
``parse_other_script``), so a right date is confirmed and a wrong one reported.
"""

from __future__ import annotations

from checker.findings import Code
from checker.verify.citation import date_finding
from checker.verify.metadata import read_metadata

PERSIAN = (
    '<html lang="fa" dir="rtl"><head><title>تحلیل روزنامه اصولگرا | خبرآنلاین</title></head>'
    '<body><div class="item-header"><h1>تحلیل روزنامه اصولگرا از دعوت اصلاح‌طلبان</h1>'
    '<div class="date">سه\u200cشنبه ۲۹ بهمن ۱۳۹۸ - ۰۶:۵۵</div></div>'
    '<div class="item-text"><p>' + "یک گروه ۸۰ نفره از اصلاح‌طلبان در بیانیه‌ای. " * 30 + "</p>"
    "</div></body></html>"
)
BENGALI_WIKI = (
    '<html lang="bn"><head><title>ঢাকা - উইকিপিডিয়া</title></head><body>'
    '<div id="content"><h1 id="firstHeading">ঢাকা</h1><div id="bodyContent"><p>'
    + "ঢাকা বাংলাদেশের রাজধানী ও বৃহত্তম শহর। "
    * 40
    + '</p></div></div><div id="footer"><ul id="footer-info"><li id="footer-info-lastmod">'
    " এই পাতাটি শেষ সম্পাদিত হয়েছে ১৯ জুলাই ২০২০ তারিখে, ১৮:০৯টার সময়।</li></ul></div>"
    "</body></html>"
)


def test_a_solar_hijri_dateline_is_the_page_date() -> None:
    meta = read_metadata(PERSIAN, "https://www.khabar.example.ir/news/1353889/")
    assert "2020-02-18" in meta.dates
    assert date_finding("February 18, 2020", meta, PERSIAN) is None
    wrong = date_finding("March 3, 2019", meta, PERSIAN)
    assert wrong is not None and wrong.code is Code.DATE_MISMATCH


def test_a_bengali_last_edit_is_read() -> None:
    """A wiki states only its last edit: a date after it is a mismatch; one before it cannot be
    checked (``date-not-stated``), as for an English wiki."""
    meta = read_metadata(BENGALI_WIKI, "https://bn.wikipedia.org/wiki/ঢাকা")
    assert "2020-07-19" in meta.modified
    later = date_finding("November 3, 2023", meta, BENGALI_WIKI)
    assert later is not None and later.code is Code.DATE_MISMATCH
    earlier = date_finding("May 1, 2019", meta, BENGALI_WIKI)
    assert earlier is not None and earlier.code is Code.DATE_NOT_STATED
