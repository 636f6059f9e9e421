"""HTML's names and keywords compare in ASCII case only (session 28 left: ``media=prınt``, a
dotless ı, counted as print, because ``re.IGNORECASE`` and ``str.casefold`` fold Unicode:
``ı``/``İ`` match ``i``, ``ſ`` (long s) ``s``, the Kelvin sign ``k``).  No browser reads such a
value as the keyword, so neither does citecheck."""

from __future__ import annotations

import pytest

from checker.anchors import html_anchors
from checker.discover.urls import canonical_link, view_links
from checker.encoding import ascii_lower
from checker.verify.page import without_xml_declaration

BASE = "https://blog.example/2024/05/x/"


@pytest.mark.parametrize("media", ["prınt", "prİnt", "PRINT", "print"])
def test_a_print_view_needs_the_ascii_word(media: str) -> None:
    link = f"<link rel=alternate media={media} href='{BASE}print/'>"
    expected = (f"{BASE}print/",) if media.isascii() else ()
    assert view_links(link, BASE) == expected


def test_unicode_look_alikes_of_html_keywords_are_not_the_keywords() -> None:
    assert view_links(f"<link rel=alternate media=prınt href='{BASE}print/'>", BASE) == ()
    assert view_links(f"<link rel=alternate media=PRINT href='{BASE}print/'>", BASE) != ()
    assert view_links(f"<lin\u212a rel=amphtml href='{BASE}amp/'>", BASE) == ()
    assert canonical_link(f"<link rel=canonıcal href='{BASE}'>", BASE) is None
    assert canonical_link(f"<LINK REL=CANONICAL href='{BASE}'>", BASE) == BASE
    assert html_anchors("<p ıd=intro>").names == frozenset()  # a dotless ı: no id
    assert html_anchors("<p ID=intro>").names == frozenset({"intro"})
    assert without_xml_declaration("<?xml version='1.0'?><p>") == "<p>"
    assert without_xml_declaration("<?xmł version='1.0'?><p>").startswith("<?")


def test_ascii_lower_changes_only_ascii_letters() -> None:
    assert ascii_lower("Application/LD+JSON") == "application/ld+json"
    assert ascii_lower("Mar\u212adown") == "mar\u212adown"  # the Kelvin sign stays itself
    assert ascii_lower("\ufb06ylesheet") == "\ufb06ylesheet"  # casefold made it "stylesheet"
    assert ascii_lower("REFRE\u017fH") == "refre\u017fh"
