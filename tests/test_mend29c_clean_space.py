"""One cleaning for every comparison (``encoding.clean_space``): a cited date drops every
invisible character, not only U+200B and U+FEFF (an LRM written inside a date in a
right-to-left text left it unread), and a title compares with its entities unescaped twice
as a quote's text does (a feed's ``&amp;amp;``)."""

from __future__ import annotations

import datetime

import pytest

from checker.dates import parse_cited
from checker.discover.urls import same_headline
from checker.encoding import clean_space, comparable_text
from checker.verify import text


@pytest.mark.parametrize("cited", ["2025\u200e-05-20", "20\u200f.05.2025", "2025-05-20\u061c"])
def test_a_cited_date_with_a_direction_mark_is_read(cited: str) -> None:
    assert parse_cited(cited) == datetime.date(2025, 5, 20)


def test_titles_compare_in_the_one_clean_form() -> None:
    assert same_headline("Tom &amp;amp; Jerry", "Tom & Jerry")
    assert comparable_text("  Tom\u200c &amp;amp;\u00a0JERRY ") == "tom & jerry"
    assert text.clean_space is clean_space  # one helper, not a copy
