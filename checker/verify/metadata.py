"""Read what a source page says about itself: its titles, authors, publication dates, site names.

No single source of metadata is reliable across the web: one site fills ``og:title`` with the
site's name, another leaves JSON-LD stale, a third only has a byline in the body.  So this module
gathers *candidates* from every usual place, best first and de-duplicated, and lets the matchers
decide whether any candidate agrees with what a post cites.  It is pure: HTML and URL in,
:class:`PageMetadata` out.  ``htmldate`` is the fallback for dates that no markup states.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from copy import deepcopy
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import chain, islice
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree

from checker.dates import (
    CJK_PUBLISHED_LABELS,
    CJK_UPDATED_LABELS,
    MONTH_NUMBER,
    UPDATE_WORD,
    parse_other_script,
    parse_post_date,
    parse_stamp,
)
from checker.encoding import ascii_lower
from checker.lazyre import LazyPattern, lazy
from checker.model import Observed
from checker.urls import split_url
from checker.verify.match import CJK_NAME_JOINER, news_agency
from checker.verify.page import ParsedPage
from checker.verify.support import day_written, own_metadata_box, page_regions
from checker.verify.text import TITLE_SEPARATORS, clean_space, split_title

__all__ = ["PageMetadata", "read_metadata"]

_MAX_TITLE = 400
_MAX_NAME = 80
_OBSERVED_AUTHORS = 3


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """Candidates for each field, best first; empty tuples when the page says nothing."""

    titles: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    site_names: tuple[str, ...] = ()
    modified: tuple[str, ...] = ()
    """Days the page says it was modified or updated: a cited date may be one of them too."""
    inferred: tuple[str, ...] = ()
    """Days of ``dates`` that only htmldate's guess offers: nothing on the page (markup, a
    ``<time>``, a dateline, a "Published" note) states them as the publication.  A page whose
    ``dates`` are all inferred states no publication date at all (``states_publication``)."""

    @property
    def states_publication(self) -> bool:
        """Whether the page itself states a publication date, rather than htmldate guessing one.

        A wiki states only when it was last edited; htmldate then offers that day (or another
        day it finds in the text) as the publication, which a cited earlier date cannot be said
        to contradict (issue 14).
        """
        return any(day not in self.inferred for day in self.dates)

    def observed(self, status_code: int | None) -> Observed:
        """The best of each field, as reports show it (authors joined with ``"; "``)."""
        return Observed(
            status_code=status_code,
            title=self.titles[0] if self.titles else None,
            author="; ".join(self.authors[:_OBSERVED_AUTHORS]) if self.authors else None,
            date=self.dates[0] if self.dates else None,
            site_name=self.site_names[0] if self.site_names else None,
        )


def read_metadata(html: str, url: str, page: ParsedPage | None = None) -> PageMetadata:
    """Every title, author, publication date and site name ``html`` offers, best first.

    ``page`` is ``html`` already wrapped for sharing (``verify.page``): its tree is parsed once
    for every reader of the page, this one, the soft-404 checks and htmldate.
    """
    page = page or ParsedPage(html)
    tree = page.tree
    if tree is None:
        return PageMetadata()
    meta = _meta_tags(tree)
    nodes = list(_json_ld_nodes(tree))
    head = _head_title(tree)
    site_names = _site_names(meta, nodes, head)
    marked = _marked(tree)
    published = _published(meta, nodes, marked.published)
    others = frozenset(page_regions(page))
    shown, updated = _datelines(tree, others, marked)
    stated = _unique([*published, *_dates(tree, shown, others, marked.times)], 10) or _url_day(url)
    guessed = _unique(_htmldate(tree, url, page.text), 10) or _last_edit(tree, stated, marked)
    modified = _modified(tree, meta, nodes, updated, marked.modified)
    return PageMetadata(
        titles=_titles(tree, meta, nodes, site_names, url, head),
        authors=_authors(tree, meta, nodes, url, marked),
        dates=_unique([*stated, *guessed], 10),
        site_names=site_names,
        modified=modified,
        inferred=_inferred(tree, url, [d for d in guessed if d not in stated], modified, updated),
    )


def _inferred(
    tree: Any, url: str, guessed: list[str], modified: tuple[str, ...], updated: list[str]
) -> tuple[str, ...]:
    """The days of htmldate's ``guessed`` that the page states nowhere as its publication.

    htmldate reads visible text too: a bare dateline (``04.02.2022 | 13:10 Uhr | Uta
    Helkenberg``) states the publication as plainly as markup, so a guess counts as stated when
    the URL gives it, or when the page writes it anywhere but in its "last edited" labels
    (``updated``).  Only a page that states a modification needs the answer (``date_finding``):
    the others keep every guess as it is, at no cost.
    """
    if not guessed or not modified:
        return ()
    text = clean_space(" ".join(_VISIBLE_TEXT(tree)))
    for label in updated:
        text = text.replace(label, " ", 1)
    return tuple(
        day
        for day in guessed
        if not _in_url(day, url) and not day_written(date.fromisoformat(day), text)
    )


def _last_edit(tree: Any, stated: Sequence[str], marked: _Marked) -> list[str]:
    """A wiki's "last edited" day as the guess when htmldate has none and nothing is stated.

    htmldate offers an English wiki's last edit (``This page was last edited on 19 July 2020``)
    as its date, and ``date_finding`` then reports a cited date after that edit; it reads no
    other script (``এই পাতাটি শেষ সম্পাদিত হয়েছে ১৯ জুলাই ২০২০``), so the reader's own reading
    of the footer (``_text_day``, ``dates.parse_other_script``) stands in, inferred as htmldate's
    guess would be.
    """
    if stated or not marked.lastmod:
        return []
    return _days_written(tree, [_text(marked.lastmod[0])[:200]])


_VISIBLE_TEXT = etree.XPath("//body//text()[not(ancestor::script) and not(ancestor::style)]")


# --- parsing ---------------------------------------------------------------------------------


def _text(element: Any) -> str:
    return clean_space(" ".join(element.itertext())) if element is not None else ""


@dataclass(frozen=True, slots=True)
class _Marked:
    """The page's elements that may hold a byline, a credit, a dateline or an author, in
    document order, found in one walk of the tree (``_marked``)."""

    bylines: list[Any]
    """Classes ``byline``, ``author``, ``autor``, ``writer``, ``creator``, ``reporter``, …; ids
    ``author``, ``byline``."""
    credits: list[Any]
    """Classes ``credit``, ``source``, ``agency``; ids ``credit``, ``agency``; ``itemprop``
    ``sourceOrganization`` or ``creditText``."""
    datelines: list[Any]
    """``<time>``; ``itemprop`` ``datePublished`` or ``dateCreated``; classes ``date``, ``time``,
    ``publish``, ``posted``, ``datum``, ``meta``, ``byline``; ids ``date``."""
    authors: list[Any]
    """``<a>`` and ``<link>`` whose ``rel`` holds the token ``author``; ``itemprop`` ``author``
    or ``creator``."""
    author_names: list[Any]
    """``itemprop="name"`` inside ``itemprop="author"``."""
    persons: list[Any]
    """``itemprop="name"`` inside an ``itemtype`` of ``schema.org/Person``; ``<a>`` whose
    ``rel`` contains ``attributionURL``; ``property="cc:attributionName"``."""
    published: list[Any]
    """``<time pubdate>``; ``itemprop`` ``datePublished`` or ``dateCreated`` with a
    ``datetime`` or ``content``."""
    modified: list[Any]
    """``itemprop="dateModified"``, and WordPress's ``<time class="updated">`` beside its
    ``<time class="entry-date published">`` (unless it says ``pubdate``: some themes mark the
    publication so, nor with an ``itemprop``), with a ``datetime``."""
    times: list[Any]
    """``<time datetime>`` not ``itemprop="dateModified"``, and not of an updated class
    unless it says ``pubdate``."""
    lastmod: list[Any]
    """MediaWiki's "This page was last edited on …" (ids ``footer-info-lastmod``, ``lastmod``;
    in the footer, which datelines skip)."""


_BYLINE_CLASS = lazy(
    "byline|author|Author|Byline|autor|Autor|writer|by-line|creator|reporter|verfasser"
)
_CREDIT_CLASS = lazy("credit|Credit|source|Source|agency|Agency")
_DATELINE_CLASS = lazy("date|Date|time|publish|posted|datum|meta|byline")
_UPDATED_CLASS = lazy("updated|modified|Updated|Modified|lastmod")
_XML_SPACE = lazy(r"[ \t\r\n]+")
"""The blanks XPath's ``normalize-space`` collapses (not every Unicode space, as ``split``)."""


def _marked(tree: Any) -> _Marked:
    """One walk of the tree in place of four XPath searches of it (``//*[@class or @id]
    [contains(@class, 'byline') or …]`` and the like): each of those walked every element in
    libxml2, slower than this one walk does all four (11 ms against 4 ms on a real news page,
    issue 19).  Case-sensitive substrings of ``class`` and ``id``, exact ``itemprop``, as the
    XPath tests were.
    """
    found = _Marked([], [], [], [], [], [], [], [], [], [])
    for element in tree.iter():
        tag = element.tag
        if not isinstance(tag, str):  # comments, processing instructions
            continue
        if not element.keys():
            if tag == "time":
                found.datelines.append(element)
            continue
        classes, ident, prop = element.get("class"), element.get("id"), element.get("itemprop")
        marked = classes is not None or ident is not None
        mark, name = classes or "", ident or ""
        if marked and (_BYLINE_CLASS.search(mark) or "author" in name or "byline" in name):
            found.bylines.append(element)
        if (marked or prop is not None) and (
            _CREDIT_CLASS.search(mark)
            or "credit" in name
            or "agency" in name
            or prop in ("sourceOrganization", "creditText")
        ):
            found.credits.append(element)
        if (
            tag == "time"
            or prop in ("datePublished", "dateCreated")
            or (marked and (_DATELINE_CLASS.search(mark) or "date" in name))
        ):
            found.datelines.append(element)
        if prop in ("author", "creator") or (tag in ("a", "link") and _rel_author(element)):
            found.authors.append(element)
        if ident in ("footer-info-lastmod", "lastmod"):
            found.lastmod.append(element)
        _dated(element, tag, prop, mark, found)
        _named(element, tag, prop, found)
    return found


def _dated(element: Any, tag: str, prop: str | None, mark: str, found: _Marked) -> None:
    """Files ``element`` in ``found``'s ``published``, ``modified`` and ``times``."""
    stamp = element.get("datetime")
    pubdate = tag == "time" and element.get("pubdate") is not None
    if pubdate or (
        prop in ("datePublished", "dateCreated")
        and (stamp is not None or element.get("content") is not None)
    ):
        found.published.append(element)
    if tag == "time" and stamp is not None:
        updated = _UPDATED_CLASS.search(mark) is not None
        if prop == "dateModified" or (not pubdate and prop is None and updated):
            found.modified.append(element)
        if prop != "dateModified" and (pubdate or not updated):
            found.times.append(element)
    elif prop == "dateModified":
        found.modified.append(element)


def _named(element: Any, tag: str, prop: str | None, found: _Marked) -> None:
    """Files ``element`` in ``found``'s ``author_names`` and ``persons``."""
    person = (tag == "a" and "attributionURL" in (element.get("rel") or "")) or (
        element.get("property") == "cc:attributionName"
    )
    if prop == "name":
        ancestors = list(element.iterancestors())
        if any(a.get("itemprop") == "author" for a in ancestors):
            found.author_names.append(element)
        person = person or any("schema.org/Person" in (a.get("itemtype") or "") for a in ancestors)
    if person:
        found.persons.append(element)


def _rel_author(element: Any) -> bool:
    """Whether ``rel`` holds the token ``author`` (``rel="author external"``, ``rel="Author"``:
    HTML compares its keywords in ASCII case only)."""
    rel = element.get("rel")
    return rel is not None and " author " in f" {_XML_SPACE.sub(' ', ascii_lower(rel)).strip(' ')} "


def _meta_tags(tree: Any) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        content = element.get("content")
        if content is None or not content.strip():
            continue
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            key = element.get(attribute)
            if key:
                found.setdefault(ascii_lower(key.strip()), []).append(clean_space(content))
    return found


def _meta(meta: dict[str, list[str]], *keys: str) -> list[str]:
    if not meta:  # a page without meta tags is asked ~20 times per read (issue 19)
        return []
    return [value for key in keys for value in meta.get(key, [])]


def _json_ld_nodes(tree: Any) -> Iterator[dict[str, Any]]:
    for script in tree.iter("script"):
        if "ld+json" not in ascii_lower(script.get("type") or ""):
            continue
        raw = (script.text or "").strip()
        data = _load_json(raw)
        if data is not None:
            yield from _walk(data)


def _load_json(raw: str) -> Any:
    """The JSON value of a JSON-LD block, or None.

    ``json`` decodes by recursion, so a block nested deeper than the interpreter's limit raises
    ``RecursionError``: such a block is input, not a bug, and reads as no metadata (issue 13).
    """
    raw = _without_cdata(raw)
    for candidate in (raw, re.sub(r"[\x00-\x1f]", " ", raw), raw.rstrip(";")):
        try:
            return json.loads(candidate, strict=False)
        except (ValueError, RecursionError):
            continue
    return None


def _without_cdata(raw: str) -> str:
    """A JSON-LD block without the ``<![CDATA[ … ]]>`` wrapper (``//`` commented or not) that
    MediaWiki and XHTML-minded themes put around it: Wikipedia states ``datePublished`` so."""
    text = raw.strip()
    for opening in ("<![CDATA[", "//<![CDATA[", "/*<![CDATA[*/"):
        if text.startswith(opening):
            text = text[len(opening) :]
            for closing in ("/*]]>*/", "//]]>", "]]>"):
                if text.rstrip().endswith(closing):
                    return text.rstrip()[: -len(closing)].strip()
            return text.strip()
    return raw


def _walk(data: Any) -> Iterator[dict[str, Any]]:
    """Every object in a JSON-LD value, in document order, except inside people and publishers.

    An explicit stack rather than recursion, so that no input's depth can exhaust the stack.
    """
    stack: list[Any] = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            yield item
            stack.extend(
                reversed(
                    [
                        value
                        for key, value in item.items()
                        if key not in ("author", "publisher", "creator")
                        and isinstance(value, dict | list)
                    ]
                )
            )


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type", "")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).lower() for k in kinds}


_ARTICLE_TYPES = lazy(r"article|posting|report|story|newsarticle|blog|creativework|review")
_SITE_TYPES = {"website", "organization", "newsmediaorganization", "corporation", "localbusiness"}


def _is_article(node: dict[str, Any]) -> bool:
    return any(_ARTICLE_TYPES.search(kind) for kind in _types(node))


def _strings(value: Any) -> list[str]:
    """The names a JSON-LD value gives: strings, lists of them, objects' ``name``/``@value``.

    Walked with a stack rather than recursion (a value may be nested arbitrarily deep).
    """
    found: list[str] = []
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if item.strip():
                found.append(clean_space(item))
        elif isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            stack.append(item.get("name") or item.get("@value") or "")
    return found


def _unique(values: Iterable[str], limit: int = _MAX_TITLE) -> tuple[str, ...]:
    seen: set[str] = set()
    result: list[str] = []
    for raw in values:
        value = clean_space(raw)
        key = value.casefold()
        if value and len(value) <= limit and key not in seen:
            seen.add(key)
            result.append(value)
    return tuple(result)


# --- titles ----------------------------------------------------------------------------------


def _titles(
    tree: Any,
    meta: dict[str, list[str]],
    nodes: list[dict[str, Any]],
    site_names: tuple[str, ...],
    url: str,
    head: list[str],
) -> tuple[str, ...]:
    """The page's titles, best first; ``head``: its first ``<title>``'s text (``_head_title``)."""
    structured: list[str] = []
    structured += _meta(meta, "og:title", "twitter:title", "citation_title", "dc.title")
    structured += _meta(meta, "dcterms.title", "headline", "title", "parsely-title")
    structured += [v for k, vs in meta.items() if k.endswith(("headline", ":title")) for v in vs]
    for node in nodes:
        if _is_article(node) or "webpage" in _types(node):
            lowered = {str(k).lower(): v for k, v in node.items()}
            for key in ("headline", "name", "alternativeheadline", "alternatename"):
                structured += _strings(lowered.get(key))
    headings = _headings(tree) + _self_links(tree, url)
    candidates = structured + head + headings
    split: list[str] = []
    own_names = set(_meta(meta, "og:site_name", "application-name"))
    for title in structured + head:
        split += [part for part in split_title(title) if part not in own_names]
    return _unique(candidates + split)


_HEADING_XPATHS = tuple(
    etree.XPath(xpath)
    for xpath in (
        "//article//h1",
        "//*[@itemprop='headline']",
        "//*[@itemprop='headline' or @itemprop='name'][self::h1 or self::h2 or self::h3]",
        "//*[self::h1 or self::h2 or self::h3][contains(@class, 'title')"
        " or contains(@class, 'Title') or contains(@class, 'headline')"
        " or contains(@class, 'Headline')]",
        "//main//h1",
        "//article//h2",
        "//header//h1 | //header//h2",
        "//main//h2",
    )
)
"""Compiled once: libxml2 would otherwise compile each expression again for every page."""


_ASIDE = lazy(
    r"(?:^|[\s_-])(?:sidebar|widget|menu|footer|related|comment|breadcrumb)", re.IGNORECASE
)


_HEADLINE = _HEADING_XPATHS[1]
"""``//*[@itemprop='headline']``: the one heading search whose matches need not be h1–h3."""


def _headings(tree: Any) -> list[str]:
    """The page's headings that may be its title: h1s, then h1–h3 and ``headline`` elements
    in its article, main part or header, then h2s; at most three of each search.

    A page without h1, h2, h3 or ``itemprop="headline"`` has none, and is told so by one walk
    of its tree and one search rather than eight: the eight searches cost more than the rest of
    reading a title-only page's metadata (issue 19).
    """
    if next(tree.iter("h1", "h2", "h3"), None) is None and not _HEADLINE(tree):
        return []
    found: list[str] = []
    h1s = list(tree.iter("h1"))
    found += [_text(h) for h in h1s[:3]]
    for xpath in _HEADING_XPATHS:
        found += [_text(e) for e in islice(filter(_in_content, xpath(tree)), 3)]
    h2s = islice(filter(_in_content, tree.iter("h2")), 3 if h1s else 5)
    found += [_text(h) for h in h2s]
    return [text for text in found if len(text) <= _MAX_TITLE]


def _in_content(
    element: Any,
    regions: LazyPattern[str] = _ASIDE,
    tags: tuple[str, ...] = ("nav", "aside", "footer"),
) -> bool:
    """Whether an element sits in the page's content, not in a sidebar, menu or footer.

    ``regions`` (classes and ids) and ``tags`` say what is not content; bylines keep footers.
    An ``aside`` that is the article's own metadata box (``<aside class="meta">``:
    ``own_metadata_box``) is content: its date and byline are the article's.
    """
    for depth, node in enumerate((element, *element.iterancestors())):
        if depth > 4:
            break
        if node.tag in tags and not own_metadata_box(node):
            return False
        marks = f"{node.get('class') or ''} {node.get('id') or ''}"
        if marks.strip() and regions.search(marks):
            return False
    return True


def _self_links(tree: Any, url: str) -> list[str]:
    """Titles of links that point at the page itself: a listing's entry for this article.

    A page without a link has none, and is told so before its URL is split twice (``_url_key``,
    ``_last_segment``): ~9 µs of a title-only page's ~200 µs of metadata (issue 19).
    """
    anchors = tree.iter("a")
    first = next(anchors, None)
    if first is None:
        return []
    try:
        own = _url_key(url)
    except ValueError:  # a page URL no link can be compared with
        return []
    last = _last_segment(url)
    found: list[str] = []
    for anchor in chain((first,), anchors):
        href = anchor.get("href")
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        if _elsewhere(href, last):
            continue
        try:  # a page's own bad link (``http://[ccpa-preferences]``) is no reason to fail
            target = _url_key(urljoin(url, href))
        except ValueError:
            continue
        if target == own:
            found += [anchor.get("title") or "", _text(anchor)]
        if len(found) >= 6:
            break
    return [text for text in found if 3 <= len(text) <= _MAX_TITLE]


_PLAIN_HREF = lazy(r"[^\s\x00-\x1f\x7f]+")
"""An href that ``urlsplit`` and ``str.strip`` take as written: no blank nor control character."""
_PATH_END = lazy(r"[?#]")


def _elsewhere(href: str, last: str) -> bool:
    """Whether ``href`` surely points at a path other than the one ending in ``last`` (the
    last segment of the page's own path in ``_url_key``; ``""`` for a site's home), without
    ``urljoin``: a third of a real page's title reading was joining every link (issue 19).

    A plain href whose path part ends in a named segment (not ``/``, ``.``, no ``..``) keeps
    that segment last however it is joined, so it names this page only if it contains
    ``last``.  Any other href is joined and compared as before.
    """
    if last in href or _PLAIN_HREF.fullmatch(href) is None:
        return False
    match = _PATH_END.search(href)
    path = href[: match.start()] if match else href
    return bool(path) and not path.endswith(("/", ".")) and ".." not in path


def _last_segment(url: str) -> str:
    """The last segment of the path ``_url_key`` keeps for ``url`` (``""`` for a site's home,
    or when ``url`` does not split: then every link is joined and compared)."""
    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return ""
    return (path.rstrip("/.") or "/").rsplit("/", 1)[-1]


def _url_key(url: str) -> str:
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # a malformed URL the page gives: a key nothing else shares
        return url
    host = parts.netloc.lower().removeprefix("www.")
    return f"{host}{parts.path.rstrip('/.') or '/'}?{parts.query}"


# --- site names ------------------------------------------------------------------------------


def _head_title(tree: Any) -> list[str]:
    """The text of the page's first ``<title>`` (none without one), read once for the titles
    and the site names: each read every ``<title>`` (an SVG icon has one) for the first only
    (issue 19)."""
    first = next(tree.iter("title"), None)
    return [] if first is None else [_text(first)]


def _site_names(
    meta: dict[str, list[str]], nodes: list[dict[str, Any]], head: list[str]
) -> tuple[str, ...]:
    """The page's names of its site, best first; ``head`` as in :func:`_titles`."""
    names = _meta(meta, "og:site_name", "application-name", "apple-mobile-web-app-title")
    names += _meta(meta, "citation_journal_title", "dc.publisher", "citation_publisher")
    for node in nodes:
        names += _strings(node.get("publisher"))
        if _types(node) & _SITE_TYPES:
            names += _strings(node.get("name"))
    for title in head:
        for separator in TITLE_SEPARATORS:
            if separator in title:
                pieces = [p.strip() for p in title.split(separator) if p.strip()]
                if len(pieces) >= 2:
                    names += [pieces[-1], pieces[0]] if len(pieces[-1]) < 40 else [pieces[0]]
                break
    return _unique(names, _MAX_NAME)


# --- authors ---------------------------------------------------------------------------------


_NOT_A_NAME = lazy(
    r"^(?:staff|admin|administrator|editor|editors|redaktion|newsroom|team|guest|anonymous|"
    r"unknown|none|null|n/a|author|autor|by|von|par|por|door)$",
    re.IGNORECASE,
)
_NOT_A_PERSON = lazy(r"\b\d{4}\b|\d\.|[*:=<>{}]|^no author$", re.IGNORECASE)
_BY = lazy(r"^\s*(?:by|von|par|por|di|door|av|af)\s*:?\s+", re.IGNORECASE)
_LIST_SPLIT = lazy(
    r"\s*(?:;|\|| & | and | und | et | y | e | en | und\s+|,\s*(?=[^,]+\s[^,]+)|、|，|"
    rf"{CJK_NAME_JOINER})\s*",
    re.IGNORECASE,
)
_SOFTWARE_CREDIT = lazy(r"(?:proudly\s+)?powered\s+by\b", re.IGNORECASE)
"""A footer's credit to the site's software (``Powered by Blogger``, ``Proudly powered by
WordPress``; a follow widget's ``<a class="powered-by-line">``, a byline class by its
letters): no person wrote the page by it."""


def _authors(
    tree: Any, meta: dict[str, list[str]], nodes: list[dict[str, Any]], url: str, marked: _Marked
) -> tuple[str, ...]:
    raw: list[str] = []
    by_id = _nodes_by_id(nodes)
    for node in nodes:
        raw += _people(node.get("author"), by_id) + _people(node.get("creator"), by_id)
    raw += _meta(meta, "author", "dc.creator", "dcterms.creator", "dc:creator", "dcterms:creator")
    raw += _scholarly_authors(_meta(meta, "citation_author", "citation_authors"))
    raw += _meta(meta, "book:author")
    raw += _meta(meta, "parsely-author", "sailthru.author", "byl", "article:author")
    raw += _meta(meta, "og:article:author", "cxenseparse:author")
    raw += _labelled_authors(meta)
    raw += [_element_value(e) for e in marked.authors[:6]]
    raw += [_text(e) or e.get("content", "") for e in marked.author_names[:4]]
    raw += [_text(e) or e.get("content", "") for e in marked.persons[:6]]
    raw += _byline_texts(marked.bylines) + _by_lines(tree) + _author_links(tree, url)
    names: list[str] = []
    for value in raw:
        names += _split_names(value)
    people = _unique((n for n in names if _looks_like_name(n)), _MAX_NAME)
    agencies = _agency_credits(marked.credits)
    if people:
        return _unique([*people, *agencies], _MAX_NAME)
    # No person named: the page is the work of a desk ("von Redaktion"), of a wire agency, or
    # of its publisher, which is then its author; a cited person the page never names is
    # reported against it.  The site's analytics may still name the writer its markup hides.
    desks = [n for n in names if _DESK.match(n)]
    return _unique(
        [*agencies, *desks, *_data_layer_authors(tree), *_publishers(meta, nodes)], _MAX_NAME
    )


_CREDIT_SCAN = 30
_CREDIT_SPLIT = lazy(r"\s*(?:[,;/|&+]|\s-\s|-(?=[A-Z])|\band\b|\bund\b)\s*")
_PICTURE = lazy(
    r"photo|foto|image|bild|picture|pic\b|getty|illustration|grafik|graphic|video|caption|"
    r"media|figure",
    re.IGNORECASE,
)
"""Words of credits (in their text or their classes) that are for a picture, not the story."""


def _agency_credits(credits: Sequence[Any]) -> list[str]:
    """Wire agencies a credit line names as the story's source: ``<p class="credit">JIJI</p>``,
    ``<span class="source">Reuters</span>``, ``AFP-JIJI``.

    Agency stories carry no person's byline; their credit line is the byline, and posts cite
    the agency as the author.  Only agencies of a closed list count (``match.news_agency``),
    and not credits of pictures (in a figure or caption, or saying "Photo").
    """
    found: list[str] = []
    for element in credits[:_CREDIT_SCAN]:
        if element.tag in ("body", "html", "article", "main", "script", "style", "meta"):
            continue
        text = _text(element)
        if not 2 <= len(text) <= 60 or _picture_credit(element, text):
            continue
        if not _in_content(element, _OTHER_PAGES, ("nav", "aside")):
            continue
        for part in _CREDIT_SPLIT.split(_BY.sub("", text)):
            if news_agency(part):
                found.append(part.strip())
    return found


def _picture_credit(element: Any, text: str) -> bool:
    """Whether a credit line is a picture's: it says so, or sits in a figure or caption."""
    if _PICTURE.search(text):
        return True
    for depth, node in enumerate((element, *element.iterancestors())):
        if depth > 3:
            break
        marks = f"{node.get('class') or ''} {node.get('id') or ''}"
        if node.tag in ("figure", "figcaption", "picture") or _PICTURE.search(marks):
            return True
    return False


_DATA_LAYER_AUTHOR = lazy(
    r"""\\?["']?(?:author|authors|authorName|author_name|articleAuthor|pageAuthor|autor)"""
    r"""\\?["']?\s{0,3}[:=]\s{0,3}\\?["']([^"'\\<>\n]{3,60})\\?["']""",
    re.IGNORECASE,
)
_DATA_LAYER_SCAN = 300_000
"""Characters of inline script searched: analytics set-up sits in the first scripts."""


def _data_layer_authors(tree: Any) -> list[str]:
    """Names an inline script gives its analytics as the page's author, when nothing else does.

    ``dataLayer.push({"author": "Jane Doe"})``, ``'author' : 'Jane Doe'``, ``authors = '…'``:
    tag managers and analytics (Google Tag Manager, Parse.ly, Adobe) are handed the byline by
    the CMS, also on pages whose templates show it only as an image or not at all.  Only short
    values that look like a person's name count (interface strings such as "Please provide your
    name" do not); JSON-LD blocks were read already.
    """
    found: list[str] = []
    budget = _DATA_LAYER_SCAN
    for script in tree.iter("script"):
        kind = ascii_lower(script.get("type") or "")
        if "ld+json" in kind or script.get("src") or budget <= 0:
            continue
        code = (script.text or "")[:budget]
        budget -= len(code)
        for match in _DATA_LAYER_AUTHOR.finditer(code):
            value = clean_space(match.group(1))
            if _data_layer_name(value):
                found.append(value)
            if len(found) >= 3:
                return found
    return found


def _data_layer_name(value: str) -> bool:
    """A display name: one to four capitalised words, no sentence, URL or handle."""
    words = value.split()
    if not 1 <= len(words) <= 4 or not _looks_like_name(value) or value.endswith(("?", "!")):
        return False
    if value.endswith(".") and not re.search(r"\b\w\.$", value):  # "Jane C." is a name
        return False
    return all(w[:1].isupper() for w in words if w.isalpha() and len(w) > 3) and value[0].isupper()


_DESK = lazy(
    r"^(?:staff|redaktion|newsroom|editors|team|r[ée]daction|redacci[óo]n|redazione)$",
    re.IGNORECASE,
)


def _publishers(meta: dict[str, list[str]], nodes: list[dict[str, Any]]) -> list[str]:
    """The names a page declares for its publisher (not pieces of its ``<title>``)."""
    names = _meta(meta, "og:site_name", "dc.publisher", "citation_publisher")
    for node in nodes:
        names += _strings(node.get("publisher"))
    return [n for n in names if not n.startswith(("http://", "https://"))]


def _nodes_by_id(nodes: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """JSON-LD nodes by ``@id``: Yoast and others give the author as ``{"@id": …}`` only."""
    return {
        str(n["@id"]): n
        for n in nodes
        if isinstance(n.get("@id"), str) and ("name" in n or "familyName" in n)
    }


def _people(value: Any, by_id: dict[str, dict[str, Any]]) -> list[str]:
    """Names in a JSON-LD ``author``: text, Person objects, lists, ``@id`` references."""
    if isinstance(value, list):
        return [name for item in value[:12] for name in _people(item, by_id)]
    if isinstance(value, dict) and not value.get("name") and isinstance(value.get("@id"), str):
        value = by_id.get(value["@id"], value)
    if isinstance(value, dict) and not value.get("name"):
        parts = _strings(value.get("givenName")) + _strings(value.get("familyName"))
        if value.get("familyName") and parts:  # schema.org Person split into its parts
            return [" ".join(parts)]
        if isinstance(value.get("url"), str):
            return [value["url"]]
    return _strings(value)


def _scholarly_authors(values: list[str]) -> list[str]:
    """Highwire Press ``citation_author(s)``: ``;``-separated, each often ``Family, Given``.

    Read as Zotero's Embedded Metadata translator reads them: a part with one comma is turned
    around (``Adwan, Marwan H.`` → ``Marwan H. Adwan``) rather than split into two names.
    """
    names: list[str] = []
    for value in values:
        for part in value.split(";"):
            pieces = [p.strip() for p in part.split(",")]
            if len(pieces) == 2 and all(pieces) and len(pieces[0].split()) <= 3:
                names.append(f"{pieces[1]} {pieces[0]}")
            elif part.strip():
                names.append(part.strip())
    return names


_WRITTEN_BY = lazy(
    r"^(?:written by|author|authors|by|verfasst von|geschrieben von|autor(?:in)?|"
    r"[ée]crit par|auteur|escrito por|scritto da)\s*:?$",
    re.IGNORECASE,
)


def _labelled_authors(meta: dict[str, list[str]]) -> list[str]:
    """Names in Twitter's label/data pairs where the label says "Written by".

    Yoast SEO writes ``twitter:label1`` = ``Written by`` (``Verfasst von`` in German) and
    ``twitter:data1`` = the author's display name on most WordPress sites, also on pages whose
    JSON-LD graph and byline markup the reader does not otherwise find.  Only a label that says
    so counts: the other pairs hold a reading time or a price.
    """
    found: list[str] = []
    for n in range(1, 5):
        labels = meta.get(f"twitter:label{n}", [])
        if labels and _WRITTEN_BY.match(labels[0].strip()):
            found += meta.get(f"twitter:data{n}", [])[:1]
    return found


def _element_value(element: Any) -> str:
    """What an author element names: its text, else its ``content`` or ``href`` (a profile URL).

    ``<meta itemprop="author" content="…">`` inside the body and ``<link rel="author"
    href="/author/jane-doe">`` carry the author in an attribute only.
    """
    return _text(element) or element.get("content") or _profile_slug(element.get("href") or "")


_AUTHOR_PATH = lazy(
    r"/(?:authors?|autor(?:en|in|innen)?|auteurs?|autore|autori|staff|people|person(?:en)?|"
    r"profiles?|profil|newsteam|team|journalist(?:en|s)?|redakteur(?:e|in)?|contributors?|"
    r"writers?|columnists?|kolumnist(?:en)?|mitarbeiter|reporters?|editors?|byline|bio)/",
    re.IGNORECASE,
)
_MAX_AUTHOR_LINKS = 6


def _author_links(tree: Any, url: str) -> list[str]:
    """Names of links to a person's page on this site (``/author/jane-doe``, ``/newsteam/…``).

    Bylines are often a "By" followed by a link to the writer's profile, in markup with
    generated class names; the profile URL's path is what such sites have in common.  Links to
    other hosts (a Teams "team", a social profile) and one-word texts (handles) are not names.
    """
    own = _host(url)
    found: list[str] = []
    for anchor in tree.iter("a"):
        href = anchor.get("href") or ""
        if "/" not in href or not _AUTHOR_PATH.search(_path(href) + "/"):
            continue
        if _host(_joined(url, href)) != own or not _in_content(anchor):
            continue
        for text in (_text(anchor), anchor.get("title") or "", _profile_slug(href)):
            if 2 <= len(text.split()) <= 5 and not any(ch.isdigit() for ch in text):
                found.append(text)
                break
        if len(found) >= _MAX_AUTHOR_LINKS:
            break
    return found


_SLUG = lazy(r"[^\W\d_]{2,}(?:-[^\W\d_]{1,}){1,3}")


def _profile_slug(url: str) -> str:
    """``https://site/author/jane-doe/`` → ``jane doe``: the name a profile URL spells, if any.

    ``article:author`` and JSON-LD ``author.url`` often give only this URL; matching ignores case.
    """
    try:
        path = urlsplit(url).path
    except ValueError:
        return ""
    if not _AUTHOR_PATH.search(path + "/"):
        return ""
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return last.replace("-", " ") if _SLUG.fullmatch(last) else ""


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").removeprefix("www.")
    except ValueError:
        return ""


def _path(url: str) -> str:
    try:
        return urlsplit(url).path
    except ValueError:  # a malformed host ("http://[ccpa-preferences]"): no path to read
        return ""


def _joined(base: str, href: str) -> str:
    try:
        return urljoin(base, href)
    except ValueError:  # an href with a malformed IPv6 host, say: not a link to follow
        return ""


_OTHER_PAGES = lazy(
    r"(?:^|[\s_-])(?:sidebar|widget|menu|related|comments?|breadcrumbs?|teaser|recent)",
    re.IGNORECASE,
)
"""Classes of regions that list other pages (and their writers) or readers' comments.  Unlike
``_ASIDE`` for headings, footers are kept: many themes print the byline in an entry footer."""


def _byline_texts(bylines: Sequence[Any]) -> list[str]:
    """Texts of byline elements in the article, else those elsewhere on the page.

    Lists of other pages and readers' comments name other writers, so their bylines count only
    on a page whose article has none (an "about the author" box in a sidebar is then the byline).
    """
    inside: list[str] = []
    outside: list[str] = []
    for element in bylines[:_BYLINE_SCAN]:
        if element.tag in ("body", "html", "article", "main", "script", "style"):
            continue
        in_article = _in_content(element, _OTHER_PAGES, ("nav", "aside"))
        if not in_article and len(outside) >= _BYLINES:
            continue
        text = _text(element)
        if 2 <= len(text) <= 120:
            (inside if in_article else outside).append(text)
            if len(inside) >= _BYLINES:
                break
    return inside or outside


_BYLINES = 12
_BYLINE_SCAN = 60
"""Byline elements kept, and looked at: a page of comments can hold hundreds."""


_BY_LINE = lazy(
    r"^\s*(?:(?:text|texto|words|story|written)\s+)?"
    r"(?:by|von|par|por|di|door|autor|autorin|author|auteur|text|texto)\b\s*:?\s+"
    r"(?=[^\W\d_])(.{2,80})$",
    re.IGNORECASE | re.DOTALL,
)
_BY_LINE_TAGS = ("p", "span", "em", "strong", "b", "i", "div", "h4", "h5", "h6", "li", "small")


def _by_lines(tree: Any) -> list[str]:
    """Bylines written as text: ``By Jane Doe``, ``Von Max Muster``, ``Autorin: Uta Beispiel``."""
    found: list[str] = []
    body = tree.find("body")
    if body is None:
        return found
    for element in body.iter(*_BY_LINE_TAGS):
        head = (element.text or "").strip()
        if not head or not _BY_LINE.match(head + " Xx") or len(head) > 100:
            continue
        match = _BY_LINE.match(_text(element))
        if match and match.group(1)[:1].isupper():
            found.append(match.group(1))
        if len(found) >= 4:
            break
    return found


_ROLE_PREFIX = lazy(
    r"^(?:(?:text|texto|words|story|written)\s+(?:by|von|par|por)\b|"
    r"(?:author|autor|auteur|autorin|text|texto)\s*:)\s*",
    re.IGNORECASE,
)
_NAME_END = lazy(
    r"\s+(?:am|on|le|el|il|published|updated|aktualisiert|veröffentlicht)\b(?=[^\d|]{0,20}\d)|"
    r"\s+(?:illustrations?|fotos?|photos?|bilder|bild|grafik|video)\b|"
    r"\s*(?:[,|•·]\s*)?\d.*$|\s+[|•·]\s.*$",
    re.IGNORECASE,
)


def _split_names(value: str) -> list[str]:
    value = clean_space(value)
    if value.startswith(("http://", "https://", "/")):
        slug = _profile_slug(value)
        return [slug] if slug else []
    if not value or value.startswith("www.") or "@" in value or _SOFTWARE_CREDIT.match(value):
        return []
    value = _BY.sub("", _ROLE_PREFIX.sub("", value))
    value = re.sub(r"^(?:author|autor|auteur|autorin)\s*:?\s*", "", value, flags=re.IGNORECASE)
    opening = _DATELINE_OPENING.match(value)
    if opening:  # a dateline: only a name after its "by" is one (``Posted on 5 May by Jane``)
        later = _LATER_BY.search(value, opening.end())
        if later is None:
            return []
        value = value[later.end() :]
    value = _cut_at_name_end(value)
    parts = [p.strip(" ,.;:|·•-") for p in _LIST_SPLIT.split(value)]
    names = [p for p in parts if p]
    return names


_DATELINE_OPENING = lazy(
    r"(?:last|zuletzt|letzte|derni[eè]re?)?\s*(?:"
    r"updated?|modified|edited|published|posted|aktualisiert|ge[aä]ndert|ver[oö]ffentlicht|"
    r"erschienen|erstellt|publi[ée]e?|mis[e]?\s+[aà]\s+jour|actualizado|publicado|pubblicato|"
    r"aggiornat[oa]|bijgewerkt|gepubliceerd)\b(?!\s*(?:by|von|par|por|door|di|da)\b)",
    re.IGNORECASE,
)
"""The opening of a dateline (``Last Updated: January 7, 2025``, ``Veröffentlicht am …``):
themes print it in a byline's box (``<div class="author-details">``), and what precedes its
date is a label, never a name (``Last`` was read as an author).  ``Posted by …`` and
``Edited by …`` open bylines, and are read on."""
_LATER_BY = lazy(r"\s(?:by|von|par|por|door)\s+", re.IGNORECASE)
"""Where a dateline's name begins, when it gives one (``Posted on 5 May 2021 by Jane Doe``)."""


def _cut_at_name_end(value: str) -> str:
    """A byline without what follows the names: ``Jane Doe, 01.12.2021``, ``Von R. R. am 7.…``,
    ``Text von A   Illustration von B`` (the names end where a date or another role begins)."""
    match = _NAME_END.search(value)
    return value[: match.start()] if match else value


def _looks_like_name(name: str) -> bool:
    if not name or len(name) > 60 or _NOT_A_NAME.match(name):
        return False
    if _NOT_A_PERSON.search(name):
        return False
    digits = sum(ch.isdigit() for ch in name)
    if digits * 2 > len(name) or "http" in name or ("/" in name and " " not in name):
        return False
    return len(name.split()) <= 6


# --- dates -----------------------------------------------------------------------------------


_ISO_DAY = lazy(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _published(
    meta: dict[str, list[str]], nodes: list[dict[str, Any]], marked: Sequence[Any]
) -> tuple[str, ...]:
    """The days the markup states as the page's publication (or creation), best first: the
    candidates listed before any the reader guesses from ``<time>`` elements and datelines."""
    raw: list[str] = []
    for node in nodes:
        raw += _stamps(node.get("datePublished")) + _stamps(node.get("dateCreated"))
    raw += _meta(meta, "article:published_time", "og:article:published_time", "datepublished")
    raw += _meta(meta, "citation_publication_date", "citation_date", "citation_online_date")
    raw += _meta(meta, "dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued")
    raw += _meta(meta, "dcterms.created", "dc.date.created", "date", "pubdate", "publishdate")
    raw += _meta(meta, "publish-date", "sailthru.date", "parsely-pub-date", "article.published")
    raw += _meta(meta, "og:published_time", "published_time", "release_date", "created")
    raw += [e.get("datetime") or e.get("content") or "" for e in marked]
    return _unique((d for d in (_iso_day(v) for v in raw) if d), 10)


def _stamps(value: Any) -> list[str]:
    """The dates a JSON-LD value gives: its strings, or a number (Unix time, as some CMSs
    write ``"datePublished": 1676551869``)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return [str(int(value))]
    return _strings(value)


def _dates(tree: Any, shown: list[str], others: frozenset[Any], times: Sequence[Any]) -> list[str]:
    """Publication candidates no markup labels as such: ``<time>`` elements not marked as an
    update nor in a list of other articles (``others``), and the datelines ``shown`` in the text
    (``_datelines``)."""
    kept = (e for e in times if not _within(e, others))
    raw = [e.get("datetime", "") for e in islice(kept, 3)]
    dates = [d for d in (_iso_day(v) for v in raw) if d]
    return dates + _days_written(tree, shown)


def _modified(
    tree: Any,
    meta: dict[str, list[str]],
    nodes: list[dict[str, Any]],
    updated: list[str],
    marked: Sequence[Any],
) -> tuple[str, ...]:
    """The days the page states it was modified or updated, in its markup or ``updated`` lines.

    Writers cite the date a page shows, and many pages show "Updated …" more prominently than
    the first publication; a date the page itself states is no mismatch (issue 14).  Only
    explicit statements count (markup, or a dateline that says "updated" / "last edited"), not
    htmldate's guesses, so a swap is not excused by a date that merely appears somewhere.
    """
    raw: list[str] = []
    for node in nodes:
        if _is_article(node) or "webpage" in _types(node):
            raw += _stamps(node.get("dateModified"))
    raw += _meta(meta, "article:modified_time", "og:updated_time", "datemodified")
    raw += _meta(meta, "dcterms.modified", "dc.date.modified", "last-modified", "lastmod")
    raw += [e.get("datetime") or e.get("content") or "" for e in marked[:3]]
    days = [d for d in (_iso_day(v) for v in raw) if d]
    return _unique([*days, *_days_written(tree, updated)], 10)[:6]


def _days_written(tree: Any, texts: list[str]) -> list[str]:
    """The first date written out in each of ``texts``; ``3/5/2024`` is day first unless the
    page says it is American English."""
    day_first = not (tree.get("lang") or "").lower().startswith("en-us")
    return [d for text in texts if (d := _text_day(text, day_first))]


_NOTE_WORDS = (
    "veröffentlicht",
    "veroffentlicht",
    "published",
    "posted",
    "written",
    "erstellt",
    "publié",
    "publie",
    "publicado",
    "pubblicato",
    "notizia del",
    "datum",
    "date",
)
"""Words that open a "Published …" note, lower case (none is the start of another)."""


_UPDATE_NOTE_WORDS = (
    "updated",
    "update",
    "modified",
    "edited",
    "aktualisiert",
    "mis à jour",
    "mise à jour",
    "actualizado",
    "aggiornato",
    "bijgewerkt",
)
"""Words that open an update note in the body text (``Last updated: 5 May 2020``, ``Update:
5 May 2020``), lower case; ``updated`` stands before ``update``, which would stop short of it."""


def _note_pattern(words: Sequence[str], labels: Sequence[str]) -> LazyPattern[str]:
    """A note: one of ``words`` (a whole word: ``Update:`` opens no ``date`` note) or of
    ``labels`` (CJK: no space need follow, as in ``公開日2019/3/5``), a few non-digits (a
    colon, ``am``), then the text its date opens.  The text starts after the label's colon, so
    that a month written first is kept (``Last updated: May 5, 2020``); a digit must still come
    within 20 characters, or the word is prose, not a note."""
    opening = "|".join([rf"\b(?:{'|'.join(words)})\b", *labels]) if words else "|".join(labels)
    return lazy(
        rf"(?:{opening})[\s:：-]{{0,3}}((?=[^0-9<>\n]{{0,20}}[0-9])[^<>\n]{{5,40}})", re.IGNORECASE
    )


_PUBLISHED_NOTE = _note_pattern(_NOTE_WORDS, CJK_PUBLISHED_LABELS)
_PUBLISHED_OPENINGS = (*_NOTE_WORDS, *CJK_PUBLISHED_LABELS)
"""Every text that opens a ``_PUBLISHED_NOTE``."""
_UPDATED_NOTE = _note_pattern(_UPDATE_NOTE_WORDS, CJK_UPDATED_LABELS)
_UPDATED_OPENINGS = (*_UPDATE_NOTE_WORDS, *CJK_UPDATED_LABELS)
"""An update note in the body text (``Last updated: 5 May 2020``, ``最終更新日：2020年1月2日``,
``<dt>수정일</dt><dd>…``): a label that names the day of an update, which pages write without
any date markup, and its openings."""
_YEAR_FIRST_DAY = lazy(
    r"(?<!\d)(\d{4})\s*(?:年|년|/|\.)\s*(\d{1,2})\s*(?:月|월|/|\.)\s*(\d{1,2})"
    r"(?:\s*[日일]|(?!\d|\.\d))"
)
"""A day written year first: ``2019年4月4日`` (Chinese, Japanese), ``2019년 4월 4일`` and
``2019. 4. 4.`` (Korean), ``2019/4/4``, ``2019.04.04`` (not ``2019.04.04.1``, a version)."""
_NUMERIC_DAY = lazy(r"\b(\d{1,2})([./]) ?(\d{1,2})\2 ?(\d{4}|\d{2})\b")
_NAMED_DAY = lazy(r"\b(\d{1,2})\.?\s*(?:de\s+)?([^\W\d_]{3,10})\.?,?\s*(?:de\s+)?(\d{4})\b")
_NAMED_MONTH_FIRST = lazy(r"\b([^\W\d_]{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")


_NOTE_SCAN = 20_000
"""Characters of body text searched for a "Published …" note."""


def _within(element: Any, regions: frozenset[Any]) -> bool:
    """Whether ``element`` is one of ``regions`` or inside one."""
    if not regions:
        return False
    return element in regions or any(a in regions for a in element.iterancestors())


def _datelines(tree: Any, others: frozenset[Any], marked: _Marked) -> tuple[list[str], list[str]]:
    """``(shown, updated)``: short texts where pages print their publication date (date classes,
    ``<time>``, "Published …" notes), and those that follow an update word.

    A dateline ``Published 3 May 2020, updated 5 June 2021`` gives one of each: what precedes
    the first update word is the publication, what follows it a modification.
    """
    shown: list[str] = []
    updated: list[str] = []
    kept = 0
    for element in marked.datelines:
        if element.tag in ("body", "html", "script", "style") or not _in_content(element):
            continue
        if _within(element, others):  # a teaser's date: another article's
            continue
        text = _text(element)
        if 6 <= len(text) <= 120:
            before, after = ("", text) if _update_label(element) else _split_at_update(text)
            shown += [before] if before else []
            updated += [after] if after else []
            kept += 1
        if kept >= 4:
            break
    updated += [_text(e)[:200] for e in marked.lastmod[:1]]
    body = tree.find("body")
    if body is not None:
        # A "Published …" note stands near the top of an article; scanning the first part of the
        # body text finds it, and keeps a multi-megabyte page from costing seconds here.
        plain = _body_text(body, _NOTE_SCAN)
        shown += _notes(plain, _PUBLISHED_NOTE, _PUBLISHED_OPENINGS, 2)
        # Spaces as in the visible text, from which ``_inferred`` removes the update labels.
        updated += [clean_space(n) for n in _notes(plain, _UPDATED_NOTE, _UPDATED_OPENINGS, 2)]
    return shown, updated


def _update_label(element: Any) -> bool:
    """Whether the text just before ``element`` labels it an update: wikidot's ``last edited:
    <span class="odate">17 Jun 2018</span>``, ``Updated: <span class="date">…</span>``.

    Only a label that ends where the element begins counts: in ``Updated 5 June, published
    <span>…</span>`` the update word belongs to another date.
    """
    previous = element.getprevious()
    parent = element.getparent()
    before = previous.tail if previous is not None else parent.text if parent is not None else ""
    tail = (before or "")[-_LABEL_SPAN:]
    labels = list(UPDATE_WORD.finditer(tail))
    return bool(labels) and not any(ch.isdigit() for ch in tail[labels[-1].end() :])


_LABEL_SPAN = 40
"""Characters before a dateline element searched for its label."""


def _split_at_update(text: str) -> tuple[str, str]:
    """``text`` before its first update word, and after it (``""`` without one)."""
    match = UPDATE_WORD.search(text)
    if match is None:
        return text, ""
    return text[: match.start()].strip(), text[match.end() :].strip()


def _body_text(body: Any, limit: int) -> str:
    """The first ``limit`` characters of the body's non-blank texts joined by spaces.

    Stops reading once ``limit`` is reached: the rest of a long page cannot change the prefix.
    """
    parts: list[str] = []
    size = -1
    for text in body.itertext():
        if text.strip():
            parts.append(text)
            size += len(text) + 1
            if size >= limit:
                break
    return " ".join(parts)[:limit]


def _notes(plain: str, note: LazyPattern[str], words: Sequence[str], limit: int) -> list[str]:
    """The dates of the first ``limit`` matches of ``note.finditer(plain)``, a note pattern
    opened by one of ``words``.

    The regex itself would try its case-blind alternation at every character of the text (a
    millisecond per page, most of which has no note at all); the note words are found with
    ``str.find`` instead, and the regex runs only where one starts.
    """
    found: list[str] = []
    if _ASCII_DIGIT.search(plain) is None:  # every note holds one: no word need be looked for
        return found
    end = 0
    for start in _note_word_starts(plain, words):
        match = note.match(plain, start) if start >= end else None
        if match:
            found.append(match.group(1))
            end = match.end()
            if len(found) >= limit:
                break
    return found


_ASCII_DIGIT = lazy(r"[0-9]")
"""The digit a note's date needs (``_note_pattern``'s ``[0-9]``): a text without one holds no
note, and its note words are not looked for (~25 µs of a title-only page's metadata, issue 19)."""


def _note_word_starts(plain: str, words: Sequence[str]) -> list[int]:
    """Every index where one of ``words`` starts, ignoring case as ``re.I`` does."""
    folded = _fold_as_ignorecase(plain)
    starts: list[int] = []
    for word in words:
        at = folded.find(word)
        while at >= 0:
            starts.append(at)
            at = folded.find(word, at + 1)
    return sorted(starts)


def _fold_as_ignorecase(text: str) -> str:
    """``text`` lower-cased index for index, as ``re.IGNORECASE`` sees the letters of note words.

    ``str.lower`` agrees with the regex on those letters except for three characters the regex
    also takes as ``i`` or ``s`` (``İ`` would even become two characters); they are mapped first.
    tests/verify/test_metadata.py checks this against every code point.
    """
    return text.replace("İ", "i").replace("ı", "i").replace("ſ", "s").lower()


def _text_day(text: str, day_first: bool) -> str | None:
    """The first date written out in ``text`` (ISO, 16.08.2019, 1. Februar 2022, May 5, 2020),
    else one in other digits, month names or the Solar Hijri calendar (``parse_other_script``)."""
    match = _ISO_DAY.search(text) or _YEAR_FIRST_DAY.search(text)
    if match:
        return _valid(*(int(g) for g in match.groups()))
    match = _NUMERIC_DAY.search(text)
    if match:
        first, _, second, year_text = match.groups()
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        a, b = int(first), int(second)
        if (day_first and b <= 12) or a > 12 or match.group(2) == ".":
            return _valid(year, b, a)
        return _valid(year, a, b)
    match = _NAMED_DAY.search(text)
    if match and match.group(2).lower() in MONTH_NUMBER:
        return _valid(
            int(match.group(3)), MONTH_NUMBER[match.group(2).lower()], int(match.group(1))
        )
    match = _NAMED_MONTH_FIRST.search(text)
    if match and match.group(1).lower() in MONTH_NUMBER:
        return _valid(
            int(match.group(3)), MONTH_NUMBER[match.group(1).lower()], int(match.group(2))
        )
    other = None if text.isascii() else parse_other_script(text)  # ۲۹ بهمن ۱۳۹۸, ১৯ জুলাই ২০২০
    return _valid(other.year, other.month, other.day) if other is not None else None


def _iso_day(value: str) -> str | None:
    """The day a machine-readable date states (a meta value, ``time[datetime]``, JSON-LD): a
    stamp (ISO 8601, RFC 822) as written, else a date written out (``November 8, 2023``)."""
    if _UNIX_TIME.fullmatch(value.strip()):
        return _unix_day(int(value.strip()[:10]))
    stamp = parse_stamp(value)
    day = stamp.date() if stamp is not None else parse_post_date(value)
    return _valid(day.year, day.month, day.day) if day is not None else None


_UNIX_TIME = lazy(r"\d{10}(?:\d{3})?")
"""Seconds (or milliseconds) since 1970, as a meta value or JSON-LD date may be written."""


def _unix_day(seconds: int) -> str | None:
    """The UTC day of a Unix time, when it is no later than next year: ten digits that are a
    ``YYYYMMDDhh`` stamp or an id would otherwise read as a day decades ahead."""
    day = datetime.fromtimestamp(seconds, UTC).date()
    return day.isoformat() if 1990 <= day.year <= date.today().year + 1 else None


def _valid(year: int, month: int, day: int) -> str | None:
    if not 1990 <= year <= 2100:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


_COMPACT_URL_DAY = lazy(r"(?<!\d)((?:19|20)\d\d)(\d\d)(\d\d)(?!\d)")
"""A day written ``YYYYMMDD`` in a path (``/topics/alert20190402.html``), not inside a longer
number (``/News/120200622120908039/`` is an id)."""


def _url_day(url: str) -> tuple[str, ...]:
    """The one day the page's URL names, as the statement of its publication when the page
    states none: ``/2019/04/02/`` as htmldate reads it, or ``alert20190402``.

    A publisher's dated path states the day it published (``_in_url``); a page that writes only
    ``最終更新日：2019年4月2日`` (last updated) under ``/alert20190402.html`` was published that
    day, and a citation giving another page's earlier date is a mismatch, not "could not be
    checked" (issue 14).  Several different days in one path state none.
    """
    found = set(_url_date(url))
    try:  # (kept split: the page's URL was split when its answer was judged, issue 19)
        path = split_url(url).path
    except ValueError:  # a malformed URL states nothing
        return ()
    for match in _COMPACT_URL_DAY.finditer(path):
        day = _valid(*(int(part) for part in match.groups()))
        if day is not None and day <= date.today().isoformat():
            found.add(day)
    return tuple(found) if len(found) == 1 else ()


def _in_url(day: str, url: str) -> bool:
    """Whether the page's URL states ``day`` (``/2020/05/03/``, ``2020-05-03``, ``20200503``):
    a publisher's own dated path is a statement of the publication day, not a guess."""
    year, month, number = day.split("-")
    try:
        path = urlsplit(url).path
    except ValueError:  # a malformed URL states nothing
        return False
    return f"{year}{month}{number}" in path or any(
        re.search(rf"(?<!\d){year}{sep}0?{int(month)}{sep}0?{int(number)}(?!\d)", path)
        for sep in ("/", "-", "_", r"\.")
    )


def _htmldate(tree: Any, url: str, html: str | None = None) -> list[str]:
    """htmldate's date for the page: its fast search, then its extensive one if that found none.

    It reads the shared tree (it copies a tree it is given before pruning it), so neither search
    parses the page again.  When nothing but a year is found (``Copyright © 2022``), the
    extensive search answers January 1st of it: a day the page states nowhere is no publication
    date, and must not contradict a cited one (issue 14), so it is dropped.

    A page whose ``html`` (the text the tree was parsed from) writes no digit can give htmldate
    nothing but its URL (:func:`_undated_markup`), so only the URL is read: the two searches
    cost ~0.6 ms even on a title-only page, a third of judging a source on one (issue 19).
    """
    if html is not None and _undated_markup(html):
        return _url_date(url)
    import htmldate  # noqa: PLC0415 (its ~75 ms import only for a page with digits: _url_date)

    for extensive in (False, True):
        try:
            value = htmldate.find_date(
                tree, url=url, original_date=True, extensive_search=extensive
            )
        except (ValueError, TypeError, etree.LxmlError):
            value = None
        if not value:
            continue
        day = str(value)
        if extensive and day.endswith("-01-01") and not _written(day, tree, url):
            return []
        if _image_stamp(day, tree, url):
            continue  # an image's upload stamp, no date of the page: the other search, or none
        return [day]
    return []


_IMAGE_ADDRESSES = etree.XPath(
    "//img/@src|//img/@srcset|//img/@data-src|//source/@srcset|//meta[@content and ("
    "@property='og:image' or @name='twitter:image' or @property='twitter:image')]/@content"
)
"""The addresses of a page's images, whose file names often carry a day (an upload's)."""


def _image_stamp(day: str, tree: Any, url: str) -> bool:
    """Whether ``day`` (ISO), htmldate's answer, is written only in an image's address
    (``Emoji_…20200715….png``, an ``og:image`` under ``/2020/07/15/``): the day a picture was
    made or uploaded, which counted as the page's publication (session 30).  Checked only when
    an image's address holds the day's digits; then the page's URL and its markup without those
    addresses are read for it."""
    compact = day.replace("-", "")
    forms = (compact, day, day.replace("-", "/"), day.replace("-", "_"))
    images = {str(v) for v in _IMAGE_ADDRESSES(tree) if any(form in v for form in forms)}
    if not images or _in_url(day, url):
        return False
    copy = deepcopy(tree)
    for element in copy.iter():
        for name, value in element.items():
            if value in images:
                del element.attrib[name]
    markup = etree.tostring(copy, encoding="unicode", method="html")
    return not day_written(date.fromisoformat(day), markup)


_DECIMAL = lazy(r"\d")


def _undated_markup(html: str) -> bool:
    """Whether no tree parsed from ``html`` can hold a digit, so htmldate can read no date in it.

    Every date htmldate returns is built from digits of its input (``int()`` of a match, or a
    string it first requires to hold 4 to 18 ``str.isdigit`` characters), and the digits of a
    tree are characters of its text: a page without ``&`` has no character reference that could
    decode to one.  ``\\d`` finds the decimal digits at C speed; the other ``isdigit`` characters
    (superscripts, circled numbers) are looked for among the distinct characters of a non-ASCII
    page.  A page with ``&`` is never said to be undated: that errs toward reading it.
    """
    if "&" in html or _DECIMAL.search(html) is not None:
        return False
    return html.isascii() or not any(c.isdigit() for c in set(html))


_URL_DATE = lazy(r"\D((?:199[0-9]|20[0-3][0-9]))[/_-]([0-1]?[0-9])[/_-]([0-3]?[0-9])(?:\D|$)")
"""htmldate's ``COMPLETE_URL`` (``extractors``, 1.11), its ``YEAR_RE``, ``MONTH_RE`` and
``DAY_RE`` written in."""

_URL_DATE_EARLIEST = "1995-01-01"  # ISO days compare as strings
"""htmldate's ``MIN_DATE``: the earliest day ``find_date`` answers by default."""


def _url_date(url: str) -> list[str]:
    """What :func:`htmldate.find_date` answers for ``url`` when the page holds no digit: the day
    its URL states (``/2020/05/03/``), or nothing.

    htmldate's ``extract_url_date`` with the options ``find_date`` uses, read here: its first
    match only (a match that is no calendar day answers nothing), a day from 1995-01-01 to
    today.  Importing htmldate (its core, its extractors, urllib3 for its downloader) costs each
    process ~75 ms of CPU, mid-run, for this one pattern on pages that write no digit, as a
    link checker's sources often are (issue 19); a test holds the two readers equal.
    """
    match = _URL_DATE.search(url)
    if match is None:
        return []
    day = _valid(int(match[1]), int(match[2]), int(match[3]))  # its years are within _valid's
    today = date.today().isoformat()
    return [day] if day is not None and _URL_DATE_EARLIEST <= day <= today else []


def _written(day: str, tree: Any, url: str) -> bool:
    """Whether the URL or the page's markup (text or attributes) writes ``day`` (ISO)."""
    if _in_url(day, url):
        return True
    markup = etree.tostring(tree, encoding="unicode", method="html")
    return day_written(date.fromisoformat(day), markup)
