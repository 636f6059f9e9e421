"""Does the page support a cited value anywhere at all?  The last guard before a mismatch.

Structured metadata is often incomplete or wrong on real pages (a byline only in the body, a date
only in a teaser line), and a false mismatch teaches people to ignore the checker.  So before
``author-mismatch`` or ``date-mismatch`` is claimed, the page's whole markup is searched for the
cited value in any usual spelling; a value the page states somewhere is not reported.  This
lowers detection only when a wrong value happens to appear elsewhere on the page, which the
realpages calibration measures (tests/e2e/test_realpages.py).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

import lxml.html
from lxml import etree

from checker.dates import MONTH_NAMES
from checker.verify.text import letters_only, strip_diacritics

__all__ = ["date_on_page", "name_on_page"]

_MIN_NAME_LETTERS = 5


def date_on_page(day: date, html: str) -> bool:
    """Whether ``html`` writes ``day`` in any usual numeric, named or CJK form.

    Dates in lists of other articles (related links, sidebars, menus, comments) do not count:
    they are other pages' dates, and a date cited from another page is often among them.
    """
    html = _without_other_articles(html)
    y, m, d = day.year, day.month, day.day
    names = "|".join(MONTH_NAMES[m - 1])
    word_day, word_month = _leading_number(d), _leading_number(m)
    patterns = (
        rf"{y}-?{m:02d}-?{d:02d}",
        rf"{y}/0?{m}/0?{d}\b",
        rf"{y}\s*年\s*0?{m}\s*月\s*0?{d}\s*日",
        rf"{word_day}\. ?0?{m}\. ?({y}|{y % 100:02d})\b",
        rf"{word_day}/0?{m}/{y}",
        rf"{word_month}/0?{d}/{y}",
        rf"{word_day}(st|nd|rd|th)?\.?\s*(de\s+)?({names})\.?,?\s*(de\s+)?{y}",
        rf"\b({names})\.?\s*0?{d}(st|nd|rd|th)?,?\s*{y}",
    )
    return any(re.search(p, html, re.IGNORECASE) for p in patterns)


_OTHER_ARTICLES = re.compile(
    r"(?:^|[\s_-])(?:sidebar|widget|related|relatedlinks|comments?|menu|breadcrumbs?)",
    re.IGNORECASE,
)
"""Classes and ids of page regions that list other pages.  Unlike the heading filter in
metadata.py, footers are kept: many themes print the article's own date in an entry footer."""
_OTHER_ARTICLE_TAGS = ("nav", "aside")
_MARKED = etree.XPath("//*[@class or @id]")


@lru_cache(maxsize=4)
def _without_other_articles(html: str) -> str:
    """``html`` without the regions that list other pages; unchanged if it does not parse."""
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return html
    doomed: list[Any] = list(tree.iter(*_OTHER_ARTICLE_TAGS))
    for element in _MARKED(tree):
        marks = f"{element.get('class') or ''} {element.get('id') or ''}"
        if element.tag not in ("html", "body") and _OTHER_ARTICLES.search(marks):
            doomed.append(element)
    whole = len(tree.text_content())
    for element in doomed:
        if element.getparent() is not None and not _holds_the_article(element, whole):
            element.drop_tree()
    return str(lxml.html.tostring(tree, encoding="unicode"))


def _holds_the_article(element: Any, whole: int) -> bool:
    """Whether a marked region wraps the article itself (``<div class="has-sidebar">`` around
    everything): it holds the headline or a third of the page's text."""
    if next(element.iter("h1", "article", "main"), None) is not None:
        return True
    return len(element.text_content()) * 3 > whole


def _leading_number(number: int) -> str:
    r"""``\b0?{number}`` written to begin with a digit, for speed.

    A pattern that begins with ``\b`` makes the regex engine try it at every character of the
    page; one that begins with a digit (the word-boundary test moved into a look-behind just
    after it) lets the engine skip from digit to digit.
    """
    first, rest = str(number)[0], str(number)[1:]
    return rf"(?:0(?<!\w0){number}|{first}(?<!\w{first}){rest})"


@lru_cache(maxsize=16)
def _skeleton(html: str) -> str:
    """The page's letters and digits, without regions that list other pages (their bylines are
    other people's); computed once per page however many names are checked."""
    return letters_only(_without_other_articles(html))


def name_on_page(name: str, html: str) -> bool:
    """Whether ``html`` holds the person's name (either order), ignoring case and accents."""
    words = strip_diacritics(name).split()
    if len(letters_only(name)) < _MIN_NAME_LETTERS or not words:
        return False
    page = _skeleton(html)
    orders = {letters_only(" ".join(words)), letters_only(" ".join([*words[1:], words[0]]))}
    return any(order and order in page for order in orders)
