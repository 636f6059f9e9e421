"""Rule gaps of session 22 (issue 14): update notes in English body text and a one-word
handle the page links as a profile; one synthetic page per class of error."""

from __future__ import annotations

import pytest

from checker.verify.citation import author_finding, date_finding
from checker.verify.metadata import read_metadata

URL = "https://news.example.com/2023/story"
TEXT = "<p>" + "A paragraph of the story, long enough to be the page's main text. " * 8 + "</p>"
PUBLISHED = '<meta property="article:published_time" content="2020-03-03">'


def _page(note: str, head: str = "") -> str:
    return (
        f'<html lang="en"><head><title>A story</title>{head}</head><body><article>'
        f"<h1>A story</h1>{TEXT}<p>{note}</p></article></body></html>"
    )


UPDATE_NOTES = (
    "Update: 5 May 2020",
    "Updated: 5 May 2020",
    "Last updated: May 5, 2020",
    "Last updated on 5 May 2020",
    "Page last modified: 05.05.2020",
)


@pytest.mark.parametrize("note", UPDATE_NOTES)
def test_an_update_note_in_the_text_is_an_update(note: str) -> None:
    """``Last updated: 5 May 2020`` in a plain paragraph is the day of an update: a cited
    earlier publication date cannot be contradicted by it (``date-not-stated``, not a
    ``date-mismatch``), while a date after the update still is a mismatch."""
    page = _page(note)
    meta = read_metadata(page, URL)
    assert "2020-05-05" in meta.modified
    assert not meta.states_publication
    earlier = date_finding("March 3, 2020", meta, page)
    assert earlier is not None and earlier.code.value == "date-not-stated"
    later = date_finding("May 9, 2020", meta, page)
    assert later is not None and later.code.value == "date-mismatch"


@pytest.mark.parametrize("note", UPDATE_NOTES)
def test_an_update_note_is_no_publication(note: str) -> None:
    """``Update: 5 May 2020`` opened a "Published" note through its ``date``: the update was
    a candidate publication day beside the page's own."""
    meta = read_metadata(_page(note, PUBLISHED), URL)
    assert meta.dates[:1] == ("2020-03-03",)
    assert "2020-05-05" not in meta.dates
    assert "2020-05-05" in meta.modified


PASTE_URL = "https://paste.example.com/Af0yDAW4"


def _paste(user: str) -> str:
    return (
        '<html lang="en"><head><title>my notes - Pastebin</title>'
        '<meta name="author" content="Pastebin"></head><body><h1>my notes</h1>'
        f'<div class="paste_box_line2">{user}</div>{TEXT}</body></html>'
    )


def test_a_one_word_account_the_page_links_as_a_profile_is_no_mismatch() -> None:
    """A paste cited by its user's name (``EvilSpark``) on a page whose reader names only the
    platform: a link whose text and address end in the name is the user's profile, evidence
    as a full name written on the page is; a plain word or another user is not."""
    linked = _paste('<a href="/u/EvilSpark">EvilSpark</a>')
    meta = read_metadata(linked, PASTE_URL)
    assert meta.authors == ("Pastebin",)
    assert author_finding("EvilSpark", meta, linked, PASTE_URL) is None
    assert author_finding("@EvilSpark", meta, linked, PASTE_URL) is None
    assert author_finding("SomeoneElse", meta, linked, PASTE_URL) is not None
    plain = _paste("EvilSpark")
    assert author_finding("EvilSpark", read_metadata(plain, PASTE_URL), plain, PASTE_URL)
    elsewhere = _paste('<a href="/archive">EvilSpark</a>')
    meta = read_metadata(elsewhere, PASTE_URL)
    assert author_finding("EvilSpark", meta, elsewhere, PASTE_URL) is not None


def test_a_one_word_account_the_page_writes_as_a_handle_is_no_mismatch() -> None:
    """``BT_India`` cited for a page declaring ``twitter:creator`` ``@BT_India`` (the account
    without its ``@``), and a post's display name beside its handle (``SmartUA (@UaSmart) on
    X``): accounts the page credits; a word the page writes otherwise is still no evidence."""
    creator = '<meta name="twitter:creator" content="@BT_India">'
    page = _page("By Sonal Khetarpal", creator + '<meta name="author" content="Sonal Khetarpal">')
    meta = read_metadata(page, URL)
    assert author_finding("BT_India", meta, page, URL) is None
    assert author_finding("BT", meta, page, URL) is not None
    post = _paste("").replace("my notes - Pastebin", "SmartUA (@UaSmart) on X")
    meta = read_metadata(post, PASTE_URL)
    assert author_finding("SmartUA", meta, post, PASTE_URL) is None
    assert author_finding("Smart", meta, post, PASTE_URL) is not None
    prose = _paste("").replace("my notes - Pastebin", "SmartUA news on X")
    assert author_finding("SmartUA", read_metadata(prose, PASTE_URL), prose, PASTE_URL)


def test_a_host_cited_as_the_author_is_one_word() -> None:
    """``mbl.is`` (another page's site) cited for a page by Jane Doe: its two labels are no
    full name, whose letters (``mblis``) were found inside ``BreadcrumbList``."""
    crumbs = '<script type="application/ld+json">{"@type": "BreadcrumbList"}</script>'
    page = _page("By Jane Doe", crumbs + '<meta name="author" content="Jane Doe">')
    meta = read_metadata(page, URL)
    assert author_finding("mbl.is", meta, page, URL) is not None
    assert author_finding("Jane Doe", meta, page, URL) is None
