"""The regions that list other pages are found once per page, for the metadata reader and the
date and name guards together (``ParsedPage.derived``), and the shared tree is not changed."""

from __future__ import annotations

from datetime import date
from typing import Any

import lxml.html
import pytest

from checker.verify import support
from checker.verify.metadata import read_metadata
from checker.verify.page import ParsedPage

PAGE = (
    "<html><head><title>Talks</title></head><body>"
    "<article><h1>Talks</h1><p>By Jane Roe, 5 March 2021.</p><p>The talks went on.</p>"
    '<a href="/2019/02/01/older/">an older story</a></article>'
    '<aside class="related"><a href="/b">Other</a> by Mary Major, 6 March 2021</aside>'
    "</body></html>"
)


def test_regions_are_found_once_for_every_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Any] = []
    real = support.other_article_regions

    def counting(tree: Any) -> list[Any]:
        calls.append(tree)
        return real(tree)

    monkeypatch.setattr(support, "other_article_regions", counting)
    page = ParsedPage(PAGE)
    read_metadata(page.text, "https://example.com/talks", page)
    assert support.date_on_page(date(2021, 3, 5), page)
    assert support.name_on_page("Jane Roe", page)
    assert not support.name_on_page("Mary Major", page)
    assert len(calls) == 1


def test_the_shared_tree_is_not_changed() -> None:
    page = ParsedPage(PAGE)
    before = lxml.html.tostring(page.tree)
    support.date_on_page(date(2021, 3, 6), page)
    support.name_on_page("Mary Major", page)
    assert lxml.html.tostring(page.tree) == before


@pytest.mark.parametrize(
    "day", [date(2021, 3, 5), date(2021, 3, 6), date(2019, 2, 1), date(2020, 1, 1)]
)
def test_a_parsed_page_and_its_text_give_the_same_answers(day: date) -> None:
    assert support.date_on_page(day, ParsedPage(PAGE)) == support.date_on_page(day, PAGE)
    for name in ("Jane Roe", "Mary Major"):
        assert support.name_on_page(name, ParsedPage(PAGE)) == support.name_on_page(name, PAGE)
