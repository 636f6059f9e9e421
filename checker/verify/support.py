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
from collections import Counter
from copy import deepcopy
from datetime import date
from functools import lru_cache
from itertools import islice
from typing import Any

import lxml.html
from lxml import etree

from checker.dates import MONTH_NAMES, UPDATE_WORD
from checker.verify.page import ParsedPage
from checker.verify.text import letters_only, strip_diacritics

__all__ = [
    "date_on_page",
    "day_shown",
    "day_written",
    "name_on_page",
    "other_article_regions",
    "own_metadata_box",
    "page_regions",
]

_MIN_NAME_LETTERS = 5


def date_on_page(day: date, html: str | ParsedPage) -> bool:
    """Whether ``html`` writes ``day`` in any usual numeric, named or CJK form.

    Dates in lists of other articles (related links, sidebars, menus, comments) do not count:
    they are other pages' dates, and a date cited from another page is often among them.  Nor
    do the addresses links point to (``<a href="/2018/06/28/first-bank/">``), scripts' data,
    form values and photos' descriptions (``_pruned``).
    """
    raw = html.text if isinstance(html, ParsedPage) else html
    if _YEAR_DIGITS.format(day.year % 100) not in raw:
        return False  # no form of the day without its year: not worth the copy pruning makes
    return day_written(day, _pruned(html)[1])


def day_shown(day: date, page: str | ParsedPage, *, yearless: bool = False) -> bool:
    """Whether a reader of the page sees ``day``: written in its text (:func:`day_written`'s
    forms), not only in markup no one reads (a ``<meta>``'s content, JSON-LD, an attribute),
    outside the regions that list other pages.

    A date the page states as modified only in such markup (``article:modified_time``) excused a
    cited date that was that day, though a writer cites the date a page shows (session 30).
    Read only then: the pruned markup is parsed again for its text.

    ``yearless``: a day the markup states with its year (an edit's) is shown too by its month's
    name and its day alone right after an update label, as news sites print an edit in the year
    of the story ("Updated Mar 5", "Aktualisiert am 5. März"); read as not shown, such an edit
    was a false ``date-mismatch`` (left 32b).  Only after the label: a yearless "March 5"
    anywhere (a vote's, a comment's, a meeting's day) says nothing of an edit, and excused a
    hidden edit's day (a silent pass).  Not beside another year ("March 5-6, 2019")."""
    raw = page.text if isinstance(page, ParsedPage) else page
    if not yearless and _YEAR_DIGITS.format(day.year % 100) not in raw:
        return False
    text = _shown_text(_pruned(page)[1])
    return day_written(day, text) or (yearless and _edit_shown(day, text))


def _edit_shown(day: date, text: str) -> bool:
    """Whether ``text`` writes ``day`` by its month's name and its day, no year after it, right
    after an update label (:func:`day_shown`).  The day's forms are searched first, the label
    then in the few characters before each: a pattern opening with the labels' alternatives
    was tried at every character of the page: 1.4 times the instructions (mend 32a)."""
    for found in _yearless_forms(day).finditer(text):
        if _labelled(day.weekday()).search(
            text, max(0, found.start() - _LABEL_SPAN), found.start()
        ):
            return True
    return False


@lru_cache(maxsize=64)
def _yearless_forms(day: date) -> re.Pattern[str]:
    """``day`` written by its month's name and its day, no year after it nor after a range it
    begins (``March 5-6, 2019``, ``5 de marzo de 2019``: another year's day)."""
    names = "|".join(MONTH_NAMES[day.month - 1])
    no_year = r"(?!(?:\s*[-–]\s*\d{1,2}(?:st|nd|rd|th)?)?\.?,?\s*(?:de\s+)?(?:1[89]|2\d)\d\d(?!\d))"
    patterns = (
        rf"{_leading_number(day.day)}(?:st|nd|rd|th)?\.?\s*(?:de\s+)?(?:{names})\b\.?{no_year}",
        rf"\b(?:{names})\.?\s*0?{day.day}(?!\d)(?:st|nd|rd|th)?\b\.?{no_year}",
    )
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_WEEKDAY_NAMES = (
    "monday mon montag lundi lun lunedì lunedi lunes",
    "tuesday tues tue dienstag mardi mar martedì martedi martes",
    "wednesday wed mittwoch mercredi mer mercoledì mercoledi miércoles miercoles mié",
    "thursday thurs thu donnerstag jeudi jeu giovedì giovedi jueves jue",
    "friday fri freitag vendredi ven venerdì venerdi viernes vie",
    "saturday sat samstag sonnabend samedi sam sabato sábado sabado sáb",
    "sunday sun sonntag dimanche dim domenica domingo dom",
)
"""Each weekday's names and abbreviations (Monday first) in the languages of
``dates.MONTH_NAMES``, longest first."""


@lru_cache(maxsize=7)
def _labelled(weekday: int) -> re.Pattern[str]:
    """An update label (``dates.UPDATE_WORD``: the words the page reader takes for an edit's),
    then a colon or a preposition, then perhaps the day's own weekday (``weekday``, Monday 0),
    ending where a day begins ("Updated: ", "Aktualisiert am ", "Updated Tuesday, ").  Only
    that day's weekday: "Updated Friday, May 12" is another year's May 12 (left 33b)."""
    names = "|".join(_WEEKDAY_NAMES[weekday].split())
    return re.compile(
        rf"(?:{UPDATE_WORD.pattern})[\s:：,.-]{{0,4}}(?:(?:am|on|le|el|il)[\s:：]{{1,3}})?"
        rf"(?:(?:{names})\b\.?,?\s{{1,3}})?$",
        re.IGNORECASE,
    )


_LABEL_SPAN = 40
"""Characters before a day searched for its label."""


@lru_cache(maxsize=4)
def _shown_text(markup: str) -> str:
    """The text of ``markup`` (``_pruned``'s for dates: scripts emptied), its tags and
    attributes left out, each piece apart (a byline's ``Hofbeck`` and its ``<time>``'s
    ``1. Januar 2023`` ran together, no day to read)."""
    try:
        return " ".join(lxml.html.fromstring(markup).itertext())
    except (etree.ParserError, ValueError):
        return ""


_YEAR_DIGITS = "{:02d}"
"""A year's last two digits, which every form of a day writes (:func:`_day_forms`)."""


def day_written(day: date, text: str) -> bool:
    """Whether ``text`` (HTML or plain text) writes ``day`` in any usual form (``date_on_page``'s
    patterns, without its parsing).

    The forms: ISO with or without dashes, ``2022/1/21``, year first with dots as Korean,
    Hungarian and Chinese sites write it (``2022. 1. 21.``, ``2022.01.21``), day first with
    dots, slashes or dashes (``21.01.2022``, ``21/1/2022``, ``21-01-2022``), month first with
    slashes (American), and with the month's name in any language MONTH_NAMES knows.  Not month
    first with dashes: ``02-01-2022`` in a German page's own address is 2 January, and read as
    1 February it excused a swapped date (tune page mluk.brandenburg.de).
    """
    # Every form writes the year, at least its last two digits: a page without them writes no
    # form of the day, and most pages (a dateless one above all) are refused here, unsearched.
    if _YEAR_DIGITS.format(day.year % 100) not in text:
        return False
    return _day_forms(day).search(text) is not None


@lru_cache(maxsize=256)
def _day_forms(day: date) -> re.Pattern[str]:
    """:func:`day_written`'s forms of ``day``, one pattern compiled once a day: built and
    compiled at each call they were ten compilations a citation past ``re``'s own cache
    (1.5 M instructions a dateless source's date, issue 19)."""
    y, m, d = day.year, day.month, day.day
    names = "|".join(MONTH_NAMES[m - 1])
    word_day, word_month = _leading_number(d), _leading_number(m)
    patterns = (
        rf"{y}-?{m:02d}-?{d:02d}",
        rf"{y}/0?{m}/0?{d}\b",
        rf"{y}\. ?0?{m}\. ?0?{d}(?!\d)",
        rf"{y}\s*年\s*0?{m}\s*月\s*0?{d}\s*日",
        rf"{word_day}\. ?0?{m}\. ?({y}|{y % 100:02d})\b",
        rf"{word_day}/0?{m}/{y}",
        rf"{word_month}/0?{d}/{y}",
        rf"{word_day}-0?{m}-{y}(?!\d)",
        rf"{word_day}(st|nd|rd|th)?\.?\s*(de\s+)?({names})\.?,?\s*(de\s+)?{y}",
        rf"\b({names})\.?\s*0?{d}(st|nd|rd|th)?,?\s*{y}",
    )
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


_OTHER_ARTICLES = re.compile(
    r"(?:^|[\s_-])(?:sidebar|widget|related|relatedlinks|comments?|menu|breadcrumbs?|"
    r"post[-_]?list|articles?[-_]?list|liste[-_]articles|teasers?(?:[-_]?list)?|recirc\w*|"
    r"more[-_]?stories)",
    re.IGNORECASE,
)
"""Classes and ids of page regions that list other pages (``c-postList``, ``teaser-list``,
``articles-list``, ``liste-articles``, ``recirc``, ``more-stories``).  Unlike the heading filter
in metadata.py, footers are kept: many themes print the article's own date in an entry footer."""
_MIN_TEASERS = 3
_TEASER_TEXT = 400
_TEASER_NODES = 60
"""Repeated items that make a listing; characters and elements of each read for a link and
a date (a teaser is small: its link and date come first)."""
_ANY_MONTH = "|".join(sorted({n for names in MONTH_NAMES for n in names}, key=len, reverse=True))
_A_DATE = re.compile(
    rf"\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{4}}\s*年\s*\d{{1,2}}\s*月|"
    rf"\b(?:{_ANY_MONTH})\.?\s*\d{{1,2}}\b|\b\d{{1,2}}(?:st|nd|rd|th)?\.?\s*(?:{_ANY_MONTH})\b",
    re.IGNORECASE,
)
"""Any day written out, of any month: what each teaser of a listing shows beside its link."""
_DIGIT = re.compile(r"\d")
"""Every date has a digit: the cheap test that spares most links the month-name search."""
_OTHER_ARTICLE_TAGS = ("nav", "aside")
_OWN_METADATA = re.compile(r"(?:^|[\s_-])(?:meta|metadata|byline|dateline)(?:$|[\s_-])", re.I)
"""Classes and ids that name a box of the article's own metadata: its date, byline, source and
share buttons, which some themes mark up as ``<aside class="meta" role="complementary">``
beside the lead (alpin.de: ``<time datetime="2022-01-21">``, the one date the page shows).
Whole words only (``post-meta``, ``entry-meta``, ``byline``), so ``metabox`` or ``metaslider``
name nothing."""
_MARKED = etree.XPath("//*[@class or @id]")


def _pruned(page: str | ParsedPage) -> tuple[str, str]:
    """``(for names, for dates)``: the page without the regions that list other pages, and that
    again without what states no date of the page (``_UNSEEN``, ``_ADDRESSES``); both the text
    unchanged if it does not parse.

    Shared through ``page`` when it is one (``ParsedPage.derived``): the metadata reader has
    found the regions already, and names and dates are checked on the same pruned copy.
    """
    if isinstance(page, str):
        return _pruned_text(page)
    return page.derived(_pruned_page)


@lru_cache(maxsize=4)
def _pruned_text(html: str) -> tuple[str, str]:
    """``_pruned`` of a page given as its text: parsed here, once per page however many names
    and dates are checked."""
    return _pruned(ParsedPage(html))


def _pruned_page(page: ParsedPage) -> tuple[str, str]:
    """``_pruned`` of a parsed page, whose tree is shared and so not changed: its regions that
    list other pages (``page_regions``, found once per page) are dropped from a copy."""
    tree = page.tree
    if tree is None:
        return page.text, page.text
    copy = deepcopy(tree)
    doomed = set(page_regions(page))
    pairs = list(zip(tree.iter(), copy.iter(), strict=True))
    for original, element in pairs:
        if original in doomed and element.getparent() is not None:
            element.drop_tree()
    for_names = str(lxml.html.tostring(copy, encoding="unicode"))
    for element in copy.iter():
        if element.tag in _UNSEEN:
            element.text = None
        for name, value in element.items():
            if name in _ADDRESSES or value.startswith(("http:", "https:", "/")):
                del element.attrib[name]
    return for_names, str(lxml.html.tostring(copy, encoding="unicode"))


_UNSEEN = frozenset(("script", "style", "template"))
"""Elements whose text no reader sees: a JSON blob of other stories
(``"first_publish_date":"2023-10-31…"``) states no date of the page (issue 14, peer pages)."""
_ADDRESSES = frozenset(("href", "src", "srcset", "data-src", "action", "poster", "value", "alt"))
"""Attributes that hold an address, a form's value or a photo's description, never the page's
date: a dated link (``/2018/06/28/first-bank/``), a stylesheet's ``?ver=1.2.22`` (read as 1
February 2022), a date picker's default, another day's photo caption.  Any attribute holding an
address (``og:image``'s upload stamp ``…-20220121135450.jpg``) is dropped too; the rest of the
markup stays: a ``data-date="18. März 2020"`` beside the headline, a description's ``(Notizia
del 14 Gennaio 2020)`` state the date as plainly as text."""


def page_regions(page: ParsedPage) -> list[Any]:
    """``other_article_regions`` of a parsed page (``[]`` without a tree), found once for every
    reader of the page (the metadata reader, the date and name guards)."""
    return page.derived(_regions)


def _regions(page: ParsedPage) -> list[Any]:
    return other_article_regions(page.tree) if page.tree is not None else []


def other_article_regions(tree: Any) -> list[Any]:
    """The page's regions that list other pages (``nav``, ``aside``, listings of teasers,
    ``related`` / ``sidebar`` / ``comments`` classes), but none that wraps the article itself,
    nor an ``aside`` that is the article's own metadata box (``own_metadata_box``).

    Their dates and bylines are other pages': neither the article's date nor a date it writes.
    """
    doomed: list[Any] = [e for e in tree.iter(*_OTHER_ARTICLE_TAGS) if not own_metadata_box(e)]
    doomed += _listings(tree)
    for element in _MARKED(tree):
        marks = f"{element.get('class') or ''} {element.get('id') or ''}"
        if element.tag not in ("html", "body") and _OTHER_ARTICLES.search(marks):
            doomed.append(element)
    if not doomed:  # nothing to weigh against the page's text, which is not free to gather
        return []
    whole = len(tree.text_content())
    return [element for element in doomed if not _holds_the_article(element, whole)]


def own_metadata_box(element: Any) -> bool:
    """Whether ``element`` is an ``aside`` that is the article's own metadata box, not a list
    of other pages: its class or id says so (``_OWN_METADATA``) and none names a list of other
    pages (``sidebar``, ``related``, ``widget``: ``<aside class="widget widget_meta">`` is
    WordPress's sidebar of links).  Its dates and bylines are the article's (on the 200 dev
    pages: alpin.de's ``meta``, japantimes' ``meta_extras``, spoe.at's ``c-meta``).

    A ``nav`` is never one: ``<nav class="meta-navigation">`` is a site's service menu (the
    German "Metanavigation": contact, imprint, language), six of the dev pages' seven ``nav``
    named so.  Other elements (a ``footer``) are not asked."""
    if element.tag != "aside":
        return False
    marks = f"{element.get('class') or ''} {element.get('id') or ''}"
    return _OWN_METADATA.search(marks) is not None and _OTHER_ARTICLES.search(marks) is None


def _listings(tree: Any) -> list[Any]:
    """Containers of teasers of other articles, whatever their classes say.

    A list of other articles repeats one structure, a link and a date in each item
    (``<li class="c-postList__post">`` … ``October 27, 2023``): a container with at least
    three children of one tag and class that each hold a link and a written date.
    """
    found: list[Any] = []
    for parent in tree.iter():
        if parent.tag in ("html", "body", "head") or len(parent) < _MIN_TEASERS:
            continue
        kinds = Counter((child.tag, child.get("class")) for child in parent)
        (tag, mark), count = kinds.most_common(1)[0]
        if count < _MIN_TEASERS or not isinstance(tag, str):
            continue
        teasers = others = 0
        for child in parent:
            if child.tag != tag or child.get("class") != mark:
                continue
            if not _is_teaser(child):
                others += 1
                if others * 2 > count:  # half of the items are no teasers: not a listing
                    break
                continue
            teasers += 1
            if teasers >= _MIN_TEASERS and teasers * 2 >= count:
                found.append(parent)
                break
    return found


def _is_teaser(element: Any) -> bool:
    """Whether an item links somewhere and writes a date, in its first few elements and
    characters: a bounded look, so that nested items cost no more than flat ones."""
    has_link = False
    parts: list[str] = []
    size = 0
    for node in islice(element.iter(), _TEASER_NODES):
        if not isinstance(node.tag, str):
            continue
        has_link = has_link or node.tag == "a"
        texts = (node.text, node.tail) if node is not element else (node.text,)
        for text in filter(None, texts):
            parts.append(text)
            size += len(text)
        if size >= _TEASER_TEXT:
            break
    if not has_link:
        return False
    text = " ".join(parts)[:_TEASER_TEXT]
    return _DIGIT.search(text) is not None and _A_DATE.search(text) is not None


def _holds_the_article(element: Any, whole: int) -> bool:
    """Whether a marked region wraps the article itself (``<div class="has-sidebar">`` around
    everything): it holds the headline, the main text, an ``<article>`` with a fifth of the
    page's text, or a third of the page's text.

    A small ``<article>`` is a teaser, not the article: menus and teaser lists mark up each
    item so (``<nav>`` … ``<article class="article-list__article">`` … ``Nov. 2, 2023``), and
    counting them kept whole menus' dates on the page (issue 14: cited dates of other stories
    excused as "written on the page").  But ``<article>``s that link to no other page are
    parts of one article (a live blog's entries, a photo essay's frames) and are measured
    together: dropped one by one as teasers, the entries took the article's own date with them.
    """
    if next(element.iter("h1", "main"), None) is not None:
        return True
    size = len(element.text_content())
    if size * 3 > whole or size * 5 <= whole:  # no article in it can hold a fifth then
        return size * 3 > whole
    parts = 0
    walk = etree.iterwalk(element, events=("start",), tag="article")
    for _, article in walk:  # the outermost ones: nested teasers are not measured again
        length = len(article.text_content())
        if length * 5 > whole:
            return True
        if not any(_leaves_the_page(a) for a in article.iter("a")):
            parts += length
            if parts * 5 > whole:
                return True
        walk.skip_subtree()
    return False


def _leaves_the_page(link: Any) -> bool:
    """Whether a link points to another page (a teaser's), not into this one (``#entry-3``)."""
    href = (link.get("href") or "").strip()
    return bool(href) and not href.startswith("#")


def _leading_number(number: int) -> str:
    r"""``\b0?{number}`` written to begin with a digit, for speed.

    A pattern that begins with ``\b`` makes the regex engine try it at every character of the
    page; one that begins with a digit (the word-boundary test moved into a look-behind just
    after it) lets the engine skip from digit to digit.
    """
    first, rest = str(number)[0], str(number)[1:]
    return rf"(?:0(?<!\w0){number}|{first}(?<!\w{first}){rest})"


def _skeleton(page: str | ParsedPage) -> str:
    """The page's letters and digits, without regions that list other pages (their bylines are
    other people's); computed once per page however many names are checked."""
    if isinstance(page, str):
        return _skeleton_text(page)
    return page.derived(_skeleton_page)


@lru_cache(maxsize=16)
def _skeleton_text(html: str) -> str:
    return _skeleton_of(_pruned(html)[0])


def _skeleton_page(page: ParsedPage) -> str:
    return _skeleton_of(_pruned(page)[0])


_TAG = re.compile(r"<[^<>]*>")
"""A tag, to read the text without it (one pass, no backtracking: no ``<`` or ``>`` inside)."""


def _skeleton_of(markup: str) -> str:
    """The letters of ``markup`` with its tags (attributes hold names: ``<meta content>``,
    analytics), then of its text alone: a name the markup splits (``<span class="given-name">
    Jane</span> <span class="family-name">Doe</span>``) is read whole in the second."""
    return f"{letters_only(markup)} {letters_only(_TAG.sub('', markup))}"


def name_on_page(name: str, html: str | ParsedPage) -> bool:
    """Whether ``html`` holds the person's name (either order), ignoring case and accents."""
    words = strip_diacritics(name).split()
    if len(letters_only(name)) < _MIN_NAME_LETTERS or not words:
        return False
    page = _skeleton(html)
    orders = {letters_only(" ".join(words)), letters_only(" ".join([*words[1:], words[0]]))}
    return any(order and order in page for order in orders)
