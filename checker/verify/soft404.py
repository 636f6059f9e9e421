"""Soft-404 evidence that the status code does not give: what the page says and what it is like.

A server that answers 200 for a page that is gone shows it in one of a few ways, each learned from
the dead-link bots and soft-404 research (Wikipedia's IABot, benhoyt/soft404, the Internet
Archive's and TeamHG-Memex's soft-404 work):

- it *says* so, in any language, where a reader looks first: the title, the main heading, the
  first block of the main text (:func:`is_not_found_message`, :func:`not_found_in`).  Only those
  places count, and only when the words there are nothing but a "not found" message, so an
  article *about* 404 errors, or one that mentions "not found" in a sentence, is not one;
- it is the site's home or a section page (:func:`landing_verdict`), judged from the page itself
  (listing markup, many headline links, no article metadata, a title that is the site's name),
  never from the shape of its URL alone: ``/p/8841`` → ``/climate-deal`` is an article;
- it is the same page the site answers for a made-up URL next to it (:func:`sibling_url`,
  :func:`same_as_sibling`): a catch-all site serves its home page or one template for anything;
- its URL promises a file (``.pdf``, ``.jpg``, ``.mp4``...) and it is an HTML page that does not
  embed that file (:func:`type_mismatch`);
- it forwards the browser by a meta refresh or a one-line script (:func:`client_redirect`), and
  the destination is what must be judged.

Everything is read from one lxml parse of the page (:func:`page_shape`, linear in its size: the
tree is walked once, no regular expression sees more than a bounded fragment).
"""

from __future__ import annotations

import asyncio
import bisect
import functools
import hashlib
import html as html_entities
import re
import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin, urlsplit, urlunsplit

from lxml import etree

from checker.encoding import ascii_lower, is_html_type
from checker.lazyre import lazy
from checker.model import Fetcher, FetchResult, Hop, Outcome
from checker.urls import REFRESH_PATIENCE, meta_refresh, split_url, url_host
from checker.verify.page import ParsedPage, without_xml_declaration
from checker.verify.text import normalize, strip_diacritics

__all__ = [
    "PRECHECK_CHARS",
    "PageShape",
    "Region",
    "Sibling",
    "client_redirect",
    "dates_itself",
    "first_headings",
    "follow_client_redirects",
    "has_article_marker",
    "header_refresh",
    "is_not_found_message",
    "landing_verdict",
    "lead_shape",
    "might_say_not_found",
    "names_a_page",
    "not_found_in",
    "outside_blocks",
    "page_shape",
    "probe_sibling",
    "same_as_sibling",
    "says_nothing",
    "short_text",
    "sibling_answered",
    "sibling_url",
    "starts_as_file",
    "statements",
    "type_mismatch",
]

_MAX_HTML = 400_000  # characters of a page that are read (a "not found" page is small)
_LEAD_BLOCKS = 3  # blocks of main text that count as its first block (a kicker, a breadcrumb)
_LEAD_CHARS = 300
_MAX_WORDS = 400  # words of main text kept for comparing two pages
_MAX_HEADINGS = 3
_MAX_TEXT = 20_000  # characters of main text walked
_MAX_FRAGMENT = 300  # characters of a title, heading or block given to the lexicon


# --- the page's shape: one parse ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PageShape:
    """What soft-404 judging needs of a page, read in one walk of its tree.

    ``lead`` holds the first blocks of the main text (navigation, header, footer and asides left
    out); ``words`` the first words of the main text, for comparing two pages; ``headline_links``
    counts links whose text reads like a headline (three words or more), ``teasers`` the
    ``<article>`` elements, both signs of a listing; ``link_share`` is the part of the main text
    that is link text.  ``embeds`` are the addresses the page embeds or offers for download.
    ``dated``: the page declares when it was published (an article's metadata no error
    template carries).
    """

    title: str = ""
    headings: tuple[str, ...] = ()
    lead: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    text_chars: int = 0
    link_share: float = 0.0
    headline_links: int = 0
    teasers: int = 0
    article_meta: bool = False
    dated: bool = False
    site_name: str = ""
    embeds: tuple[str, ...] = ()


_SKIP = frozenset(
    {"script", "style", "noscript", "template", "nav", "header", "footer", "aside", "svg", "form"}
)
_SKIP_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
_BLOCKS = frozenset(
    {
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
        "ol", "dl", "dt", "dd", "td", "th", "tr", "table", "pre", "blockquote", "center", "br",
        "figcaption", "figure", "hr",
    }
)  # fmt: skip
_EMBEDDING = {
    "embed": "src",
    "iframe": "src",
    "img": "src",
    "video": "src",
    "audio": "src",
    "source": "src",
    "object": "data",
}
_ARTICLE_TYPES = lazy(
    r"\"@type\"\s{0,5}:\s{0,5}\[?\s{0,5}\"(?:\w{0,30}Article|BlogPosting|LiveBlogPosting|Report)\""
)
_ARTICLE_META_NAMES = frozenset(
    {"article:published_time", "datepublished", "date", "pubdate", "publishdate", "dc.date"}
)
_PUBLISHED_META_NAMES = frozenset({"article:published_time", "datepublished"})
"""The meta names that date an article's publication; a generic ``date`` or ``dc.date`` (any
page's, an error template's too) marks an article but dates none (mend 29a)."""


def page_shape(html: str, page: ParsedPage | None = None) -> PageShape:
    """The :class:`PageShape` of ``html`` (an empty shape when it is not HTML at all).

    ``page`` is ``html`` wrapped for sharing (``verify.page``): its tree, parsed once for every
    reader of the page, is read instead of a parse of its own.  A page longer than the
    ``_MAX_HTML`` characters read here gets its own parse of that head, as always.
    """
    root = _root(html, page)
    return PageShape() if root is None else _shape_of(root)


def _root(html: str, page: ParsedPage | None) -> Any:
    """``page``'s shared tree when it holds all of ``html`` read here, else a parse of its own."""
    shared = page is not None and len(html) <= _MAX_HTML
    return page.tree if page is not None and shared else _parse(html)


def _parse(html: str) -> Any:
    """The page's tree (libxml2's HTML parser, linear; plain elements, no Python class lookup)."""
    text = without_xml_declaration(html[:_MAX_HTML])
    if not text.strip():
        return None
    try:
        return etree.HTML(text)
    except (etree.ParserError, ValueError):
        return None


def _shape_of(root: Any) -> PageShape:
    title, metas, container = _parts(root)
    headings, (blocks, link_chars, headline_links) = _said(root, container)
    words = tuple(w for b in blocks for w in normalize(b).split())[:_MAX_WORDS]
    chars = sum(len(b) for b in blocks)
    article, dated = _article_marks(root, metas)
    return PageShape(
        title=title,
        headings=headings,
        lead=tuple(b[:_LEAD_CHARS] for b in blocks[:_LEAD_BLOCKS]),
        words=words,
        text_chars=chars,
        link_share=link_chars / chars if chars else 0.0,
        headline_links=headline_links,
        teasers=sum(1 for _ in _first(container.iter("article"), 50)),
        article_meta=article,
        dated=dated,
        site_name=(metas.get("og:site_name") or metas.get("application-name") or "")[:200],
        embeds=_embeds(root),
    )


def dates_itself(html: str, page: ParsedPage | None = None) -> bool:
    """Whether the page shows a day of its own in its text: a ``<time>`` element with its
    ``datetime``, as blog themes write the day a post was published (WordPress's
    ``entry-date``, Jekyll's and Hugo's themes).  A placeholder or a parking page shows none;
    a short post without article metadata does, and read as the placeholder its headline
    sounds like ("Our new website is coming soon"), it was a false ``soft-404`` (left 31b).
    Asked only of a page already found to say such a thing: it parses the page (or reads the
    shared tree)."""
    root = _root(html, page)
    if root is None:
        return False
    return any(
        (time.get("datetime") or "").strip() and not _is_hidden(time, within=True)
        for time in _first(root.iter("time"), _MAX_HEADINGS_LOOKED_AT)
    )


def lead_shape(html: str, page: ParsedPage | None = None) -> PageShape:
    """The part of ``html``'s :class:`PageShape` that :func:`not_found_in` reads, and only it.

    Title, headings, the article declaration and the lead blocks are those of
    :func:`page_shape`; the walk of the main text stops once it holds the lead blocks and
    ``_SHORT_TEXT`` characters, so ``text_chars`` is exact below that and at least that above
    it (all ``not_found_in`` asks), ``link_share`` is that of the text walked, and the rest
    stays empty.  A plain link to a long page is judged without walking 20,000 characters of
    text or normalising its words (issue 19).
    """
    shared = page is not None and len(html) <= _MAX_HTML
    root = page.tree if page is not None and shared else _parse(html)
    if root is None:
        return PageShape()
    title, metas, container = _parts(root)
    headings, (blocks, link_chars, _) = _said(root, container, lead_only=True)
    chars = sum(len(b) for b in blocks)
    article, dated = _article_marks(root, metas)
    return PageShape(
        title=title,
        headings=headings,
        lead=tuple(b[:_LEAD_CHARS] for b in blocks[:_LEAD_BLOCKS]),
        text_chars=chars,
        link_share=link_chars / chars if chars else 0.0,
        article_meta=article,
        dated=dated,
    )


def _parts(root: Any) -> tuple[str, dict[str, str], Any]:
    """The title, the meta values and the main text's container."""
    title = next((_clean(" ".join(t.itertext())) for t in root.iter("title")), "")
    body = root.find("body")
    mains = list(root.iter("main")) or _main_role()(root)
    container = mains[0] if mains else (body if body is not None else root)
    return title[:_MAX_FRAGMENT], _metas(root), container


def _said(
    root: Any, container: Any, *, lead_only: bool = False
) -> tuple[tuple[str, ...], tuple[list[str], int, int]]:
    """The first headings and the main text (:func:`_blocks`) the reader is shown.

    Beside what a page shows, a hidden element is a fallback shown only when something fails
    (a player's "This video is unavailable.") and is not read.  A page that shows nothing at
    all hides all it says until a script shows it (``<main hidden>``, an app shell's wrapper):
    what it hides is what it says.  Left unread, such a dead page's "Page not found" was
    nothing and the page passed as ``ok``.
    """
    headings = _headings(root)
    walked = _blocks(container, lead_only=lead_only)
    if headings or walked[0]:
        return headings, walked
    return _headings(root, reveal=True), _blocks(container, lead_only=lead_only, reveal=True)


def _headings(root: Any, *, reveal: bool = False) -> tuple[str, ...]:
    """The page's first ``<h1>`` texts, those hidden left out unless ``reveal``."""
    return _shown_headings(root, ("h1",), _MAX_HEADINGS, reveal=reveal)


def first_headings(html: str, page: ParsedPage | None = None) -> tuple[str, ...]:
    """The first shown ``<h1>``-``<h3>`` texts of ``html`` in document order, wherever they
    stand (a consent form, a dialog, a header), for what a page leads with."""
    root = _root(html, page)
    if root is None:
        return ()
    return _shown_headings(
        root, ("h1", "h2", "h3"), _MAX_HEADINGS, looked_at=_MAX_HEADINGS_LOOKED_AT
    )


@dataclass(frozen=True, slots=True)
class Region:
    """A region :func:`outside_blocks` read: its first ``blocks``, and whether it is a footer
    (``standing``: a ``<footer>`` or ``contentinfo``, the site's text on every page, walled or
    not, such as its cookie notice)."""

    blocks: tuple[str, ...]
    standing: bool


def outside_blocks(html: str, page: ParsedPage | None = None) -> tuple[Region, ...]:
    """The first blocks of each region the main-text walk skips but a reader is shown: an
    ``<aside>``, a ``<footer>``, a ``<form>``, a ``<dialog>`` or an element whose role is a
    dialog, a complement or the page's footer (``contentinfo``), in document order.

    A consent or subscription wall may say what it is only there, over a main text that says
    nothing (session 29's leftover); what a page's header and navigation hold is its name and
    menus, never read here.  At most :data:`_MAX_REGIONS` regions, each its first
    :data:`_LEAD_BLOCKS` blocks; a region inside another is part of it.
    """
    root = _root(html, page)
    if root is None:
        return ()
    found: list[Region] = []
    taken: list[Any] = []
    for element in _first(root.iter(*_REGION_TAGS, "div", "section"), _MAX_REGIONS_LOOKED_AT):
        if element.tag not in _REGION_TAGS and element.get("role") not in _REGION_ROLES:
            continue
        if _is_hidden(element, within=True) or any(up in taken for up in element.iterancestors()):
            continue
        taken.append(element)
        blocks = [_clean(element.text)] if element.text and element.text.strip() else []
        for child in element:
            if isinstance(child.tag, str):
                blocks += _blocks(child, lead_only=True)[0]
            if child.tail and child.tail.strip():
                blocks.append(_clean(child.tail))
            if len(blocks) >= _LEAD_BLOCKS:
                break
        standing = element.tag == "footer" or element.get("role") == "contentinfo"
        found.append(Region(tuple(b[:_LEAD_CHARS] for b in blocks[:_LEAD_BLOCKS]), standing))
        if len(found) == _MAX_REGIONS:
            break
    return tuple(found)


_REGION_TAGS = ("aside", "footer", "form", "dialog")
_REGION_ROLES = frozenset({"dialog", "alertdialog", "complementary", "contentinfo"})
_MAX_REGIONS = 10
_MAX_REGIONS_LOOKED_AT = 2_000
"""Elements :func:`outside_blocks` looks at (its regions and the ``div``/``section`` that may
carry a region's role), so a page of thousands of them costs a bounded walk."""


def _shown_headings(
    root: Any,
    tags: tuple[str, ...],
    count: int,
    *,
    reveal: bool = False,
    looked_at: int | None = None,
) -> tuple[str, ...]:
    """The texts of the first ``count`` headings of ``tags`` the page shows, in document order
    (of the first ``looked_at``, when given); those hidden left out unless ``reveal``, and
    never one in a ``<template>``, which no page renders (a script clones it: an error state's
    "Page not found" made a live article soft-404)."""
    found = root.iter(*tags)
    candidates = found if looked_at is None else _first(found, looked_at)
    shown = (
        h
        for h in candidates
        if (reveal or not _is_hidden(h, within=True))
        and not any(up.tag == "template" for up in h.iterancestors())
    )
    headings = (_clean(" ".join(h.itertext())) for h in _first(shown, count))
    return tuple(h[:_MAX_FRAGMENT] for h in headings if h)


_MAX_HEADINGS_LOOKED_AT = 50
"""Headings :func:`first_headings` looks at, hidden ones included: each costs a walk up its
ancestors, and a page of thousands of hidden headings must not cost thousands of walks."""

_HIDING_CLASSES = frozenset(("hidden", "hid", "hide", "d-none", "is-hidden", "invisible"))
"""Class names that hide an element in the usual CSS frameworks and site stylesheets."""
_HIDING_STYLE = lazy(r"display\s{0,3}:\s{0,3}none|visibility\s{0,3}:\s{0,3}hidden", re.I)


def _is_hidden(element: Any, *, within: bool = False) -> bool:
    """Whether the markup hides ``element`` from the reader (``hidden``, ``display: none``, a
    hiding class), so that what it says is not what the page shows.

    A video page keeps its "This video is unavailable." heading in a hidden container, shown
    only when the player fails (issue 14: a playable YouTube video read ``soft-404``).  A hiding
    class beside a responsive one (``hidden md:block``, ``d-none d-lg-flex``) shows on wider
    screens: not hidden.  ``within``: or inside a hidden element.
    """
    if within:
        return _is_hidden(element) or any(_is_hidden(up) for up in element.iterancestors())
    marks = element.get("class")
    # every hiding class holds one of these: most classes are ruled out without a split
    if marks and ("hid" in marks or "d-none" in marks or "invisible" in marks):
        tokens = marks.split()
        if not _HIDING_CLASSES.isdisjoint(tokens):
            return not any(":" in t or (t.startswith("d-") and t != "d-none") for t in tokens)
    if element.get("hidden") is not None:
        return True
    style = element.get("style")
    return bool(style) and _HIDING_STYLE.search(style[:200]) is not None


def _first(items: Iterable[Any], count: int) -> list[Any]:
    found: list[Any] = []
    for item in items:
        if len(found) == count:
            break
        found.append(item)
    return found


def _clean(text: str) -> str:
    return " ".join(text.split())


def _metas(root: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for element in root.iter("meta"):
        content = element.get("content")
        key = element.get("property") or element.get("name") or element.get("itemprop")
        key = key or element.get("http-equiv")
        if content is not None and key:
            found.setdefault(key.strip().lower(), content.strip())
    return found


def _article_marks(root: Any, metas: dict[str, str]) -> tuple[bool, bool]:
    """Whether the page declares itself an article (Open Graph, a publication date, microdata,
    JSON-LD), and whether it declares when it was published.

    The microdata are searched (a walk of the whole tree) only on a page that Open Graph does
    not call an article, as before the date was asked: an article's date is read from its meta
    and its JSON-LD (issue 19: CPU per page).  A date counts only from an article's own
    declaration (:data:`_PUBLISHED_META_NAMES`, ``datePublished`` in microdata or in a JSON-LD
    script that names an article type): a ``WebSite`` node's or a generic ``date`` meta dated
    an error page, which then passed as ``ok`` (mend 29a).
    """
    if _PUBLISHED_META_NAMES & metas.keys():
        return True, True
    article = "article" in metas.get("og:type", "").lower() or bool(
        _ARTICLE_META_NAMES & metas.keys()
    )
    marks = () if article else _microdata()(root)
    dated = any(mark.get("itemprop") == "datePublished" for mark in marks)
    article = article or bool(marks)
    for script in root.iter("script"):
        is_json = ascii_lower(script.get("type") or "") == "application/ld+json"
        if is_json and script.text:
            text = script.text[:100_000]
            has_date = '"datePublished"' in text
            if has_date or not article:
                typed = _ARTICLE_TYPES.search(text) is not None
                if typed and has_date:
                    return True, True
                article = article or typed
    return article, dated


@functools.cache
def _microdata() -> etree.XPath:
    """The microdata that declare an article (compiled once: ``root.xpath`` compiles its
    expression at every call, a third of its cost on a 12 KB article; issue 19)."""
    return etree.XPath("//*[@itemprop='articleBody' or @itemprop='datePublished']")


@functools.cache
def _main_role() -> etree.XPath:
    """The elements whose role is the page's main text (compiled once, as :func:`_microdata`)."""
    return etree.XPath("//*[@role='main']")


def _blocks(
    container: Any, *, lead_only: bool = False, reveal: bool = False
) -> tuple[list[str], int, int]:
    """The main text as blocks, the characters of link text in it, and its headline links.

    One walk of the tree (``iterwalk``); skipped subtrees (scripts, navigation, header, footer)
    are never entered, and the walk stops after ``_MAX_TEXT`` characters: every judgement needs
    only the beginning of the text (its first blocks, whether it is short, whether it lists).
    ``lead_only`` stops it sooner, once the lead blocks and ``_SHORT_TEXT`` characters are in
    (:func:`lead_shape`): the blocks found so far are the same, a prefix of the full list.
    Hidden elements are skipped unless ``reveal`` (see :func:`_said`).
    """
    blocks: list[str] = []
    current: list[str] = []
    link_chars = 0
    headline_links = 0

    seen = 0

    def flush() -> int:
        text = _clean(" ".join(current))
        if text:
            blocks.append(text)
        current.clear()
        return len(text)

    walker = etree.iterwalk(container, events=("start", "end"))
    for event, element in walker:
        if seen > _MAX_TEXT or (lead_only and seen >= _SHORT_TEXT and len(blocks) >= _LEAD_BLOCKS):
            break
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            skipped = (tag in _SKIP and not (tag in _WRAPPERS and _wraps_page(element))) or (
                element.get("role") or ""
            ) in _SKIP_ROLES
            if skipped or (not reveal and _is_hidden(element)):
                walker.skip_subtree()  # its end event still comes, and takes its tail
                continue
            if tag in _BLOCKS:
                seen += flush()
            if tag == "a" and element.get("href"):
                text = _clean(" ".join(element.itertext()))
                link_chars += len(text)
                headline_links += len(text.split()) >= 3
            if element.text and tag:
                current.append(element.text)
        else:
            if tag in _BLOCKS:
                seen += flush()
            if element.tail and element is not container:
                current.append(element.tail)
    flush()
    return blocks, link_chars, headline_links


_WRAPPERS = frozenset({"form", "header"})
"""Skipped elements that may hold the page itself (:func:`_wraps_page`)."""


def _wraps_page(element: Any) -> bool:
    """Whether the ``<form>`` or ``<header>`` ``element`` holds the page itself, not a form's
    fields or a site's banner: for a form its main heading, its ``<main>`` or an ``<article>``;
    for a header its ``<main>`` or an ``<article>``, or a headline over paragraphs of an
    article's length (a banner holds the site's name, often in an ``<h1>``, a tagline and its
    navigation, never the page's article).

    ASP.NET WebForms (and SharePoint, DotNetNuke, JSF) wrap a page's whole body in one server
    form.  Skipped as a search box or a comment form is, such a page showed no main text, so
    the length that tells an article from an error or placeholder page read 0: a long article
    whose headline said "Our new website is launching soon" was a parked domain and one
    titled "Page not found" a ``soft-404``, both ``broken`` (left 32b).  So was an article a
    page builder wrote inside its ``<header>`` (left 33b)."""
    if element.tag == "form":
        return next(element.iter("h1", "main", "article"), None) is not None
    if next(element.iter("main", "article"), None) is not None:
        return True
    # the page's headline over an article's worth of paragraphs (a banner's tagline is a line)
    if next(element.iter("h1"), None) is None:
        return False
    said = 0
    for paragraph in element.iter("p"):
        said += sum(len(piece) for piece in paragraph.itertext())
        if said >= _SHORT_TEXT:
            return True
    return False


def _embeds(root: Any) -> tuple[str, ...]:
    found: list[str] = []
    for element in root.iter(*_EMBEDDING, "a"):
        if element.tag == "a":
            value = element.get("href") if element.get("download") is not None else None
        else:
            value = element.get(_EMBEDDING[element.tag])
        if value:
            found.append(value.strip()[:2000])
        if len(found) >= 200:
            break
    for element in root.iter("iframe", "embed"):  # viewers: ?file=…/report.pdf
        value = element.get("src") or ""
        found.extend(unquote(v) for v in value.split("=")[1:2])
    return tuple(found)


# --- client-side redirects ------------------------------------------------------------------

_JS_REDIRECT = (
    lazy(
        r"(?:window\.|document\.|top\.|self\.)?location(?:\.href)?\s{0,5}=\s{0,5}"
        r"([\"'])([^\"'\s<>]{1,2048})\1"
    ),
    lazy(r"location\.(?:replace|assign)\(\s{0,5}([\"'])([^\"'\s<>]{1,2048})\1\s{0,5}\)"),
)
_TRIVIAL_PAGE = 600  # characters of visible text a page that only forwards the browser has
_MAX_SCRIPT = 4_000  # a trivial redirect script is short


def client_redirect(html: str, base_url: str) -> str | None:
    """Where a meta refresh, a one-line script or a frameset's one frame (:func:`_whole_frame`)
    sends the browser, as an absolute URL.

    Only what forwards the reader at once counts: a script on a page with next to no text of its
    own, a refresh of a second or less, or a refresh of up to half a minute on such a page.  A
    news page that reloads its home page every ten minutes, or an article whose scripts mention
    ``location``, is never "followed".  ``None`` when the page does not forward, or to itself.
    """
    head = html[:_MAX_HTML]
    lowered = head.lower()
    refresh = "http-equiv" in lowered and "refresh" in lowered
    small = len(head) <= _SMALL_PAGE
    framed = small and "<frameset" in lowered
    if not refresh and not framed and (not small or "location" not in lowered):
        return None
    root = _parse(head)
    if root is None:
        return None
    trivial = _says_little(root)
    target = _meta_refresh(root, trivial)
    if target is None and trivial and small:
        target = _script_target(root)
    if target is None and framed:
        target = _whole_frame(root)
    return None if target is None else _forwarded_to(target, base_url)


def _whole_frame(root: Any) -> str | None:
    """The address of a frameset's only frame that shows a page: a registrar's "masked"
    domain forwarding (``<frameset rows="100%,*"><frame src="https://elsewhere/">``) shows
    another site under the cited address, and the reader sees that site, not the cited page
    (session 30: not followed, the empty frameset judged).  A frameset of several pages (a menu
    beside the content) forwards nowhere, nor does one whose content frame has no ``src`` yet
    (a script fills it): the one frame showing a page must fill the frameset, the only frame or
    sized ``100%`` (mend31b: a menu beside an empty content frame forwarded to the menu)."""
    frames = root.xpath("//frameset//frame")
    shown = [
        (index, source)
        for index, frame in enumerate(frames)
        if (source := (frame.get("src") or "").strip()) and source != "about:blank"
    ]
    if len(shown) != 1:
        return None
    index, source = shown[0]
    return source if len(frames) == 1 or _frame_size(root, index) == "100%" else None


def _frame_size(root: Any, index: int) -> str | None:
    """The size (``rows`` or ``cols``) a flat frameset gives its ``index``-th frame, else None."""
    framesets = root.xpath("//frameset")
    if len(framesets) != 1:
        return None
    sizes = (framesets[0].get("rows") or framesets[0].get("cols") or "").split(",")
    return sizes[index].strip() if index < len(sizes) else None


def header_refresh(value: str | None, text: str | None, base_url: str) -> str | None:
    """Where a ``Refresh`` response header's ``value`` sends the browser from a page ``text`` at
    ``base_url``, as an absolute URL.

    Browsers obey the header as they obey a meta refresh (WHATWG's "shared declarative refresh
    steps"): a page answering 200 with ``Refresh: 0; url=/`` and no text, or one whose target
    is a 404, passed as ``ok`` (probe 30).  The same patience as for the meta: at once, or
    within half a minute on a page of next to no text.  The header's value and the page, not a
    fetch's answer: a post page's header is read from the ``Page`` it came with (``post_page``).
    """
    found = meta_refresh(value) if value else None
    if found is None:
        return None
    delay, target = found
    if target is None:  # a reload
        return None
    if not _obeyed(delay, lambda: _is_trivial(text)):
        return None
    return _forwarded_to(target, base_url)


def _obeyed(delay: float, trivial: Callable[[], bool]) -> bool:
    """Whether a refresh after ``delay`` seconds forwards the reader: at once, or within
    ``REFRESH_PATIENCE`` on a page of next to no text (``trivial()``, asked only then).  One rule
    for the meta and the header."""
    return delay <= _IMMEDIATE or (delay <= REFRESH_PATIENCE and trivial())


def _is_trivial(html: str | None) -> bool:
    """Whether the page ``html`` has next to no visible text (none at all when there is no
    text): the rule :func:`client_redirect` applies to a meta refresh, so a header's refresh
    waits as long on the same page.  Its raw length was measured before: a blank page heavy
    with markup (styles, empty ``div``s) was "not trivial" and its refresh not followed."""
    if not html or len(html) <= _TRIVIAL_PAGE:  # visible text is never longer than the page
        return True
    root = _parse(html)
    return root is None or _says_little(root)


def _says_little(root: Any) -> bool:
    """Whether the page ``root`` shows at most ``_TRIVIAL_PAGE`` characters of text.

    Without a ``body`` (libxml2 leaves an ``<article>`` before any body tag in the ``head``)
    the whole tree is read: such a page of prose was taken for an empty one."""
    body = root.find("body")
    container = root if body is None else body
    return sum(len(b) for b in _blocks(container)[0]) <= _TRIVIAL_PAGE


def _forwarded_to(target: str, base_url: str) -> str | None:
    """``target`` made absolute against ``base_url``, if an http(s) URL other than the page."""
    try:
        absolute = urljoin(base_url, target)
        scheme = urlsplit(absolute).scheme
    except ValueError:  # a target the page spells badly ("http://[x]") leads nowhere
        return None
    if scheme not in ("http", "https"):
        return None
    same = urldefrag(absolute).url == urldefrag(base_url).url
    return None if same else absolute


_SMALL_PAGE = 20_000  # characters of HTML a page that only forwards the browser has, at most
_IMMEDIATE = 1.0


def _meta_refresh(root: Any, trivial: bool) -> str | None:
    for element in root.xpath("//meta[not(ancestor::noscript)]"):
        if ascii_lower((element.get("http-equiv") or "").strip()) != "refresh":
            continue
        found = meta_refresh(element.get("content") or "")
        if found is None or found[1] is None:
            continue
        delay, target = found
        if _obeyed(delay, lambda: trivial):
            return target
    return None


def _script_target(root: Any) -> str | None:
    for script in root.iter("script"):
        code = script.text or ""
        if not code.strip() or len(code) > _MAX_SCRIPT:
            continue
        for pattern in _JS_REDIRECT:
            match = pattern.search(code)
            if match:
                return match.group(2)
    return None


async def follow_client_redirects(result: FetchResult, fetcher: Fetcher) -> FetchResult:
    """``result``, or where its page forwards the browser to, through the run's fetcher.

    At most a few hops, never the same URL twice.  The answer keeps the cited URL and the whole
    chain; the forwarding page is a hop with its own 2xx status, so ``availability`` can tell a
    forward from a server redirect.  A destination that gave no HTTP answer at all leaves the
    page as it was: the page itself answered.
    """
    current = result
    chain = list(result.redirects)
    seen = {result.url, result.final_url}
    for _ in range(_MAX_CLIENT_HOPS):
        code = current.status_code
        if code is None or not (200 <= code < 300 or _shown(current)):
            break
        here = current.final_url or current.url
        target = header_refresh(current.headers.get("refresh"), current.text, here)
        if target is None and current.text is not None:
            target = client_redirect(current.text, here)
        if target is None or target in seen:
            break
        seen.add(target)
        answer = await fetcher.get(target)
        if answer.status_code is None:
            break
        chain += [Hop(here, code), *answer.redirects]
        current = answer
    if current is result:
        return result
    return replace(current, url=result.url, redirects=tuple(chain))


_MAX_CLIENT_HOPS = 3
SHOWN_REDIRECTS = frozenset({300, 301, 302, 303, 307, 308})
"""Answers a browser shows as a page when they have no ``Location``: 300 (not a redirect
status in WHATWG Fetch, and Chromium does not follow it: "users probably want to see 300
pages"), and a redirect status without a ``Location`` to follow (Fetch returns the answer
itself, and the browser shows its page and obeys the page's refresh: a 302 forwarding its
reader to a 404 this way was ``ok``, session 24's leftover).  The fetcher follows every one of
the others that has one."""


def _shown(result: FetchResult) -> bool:
    """Whether ``result`` is a redirect status whose page the browser shows (no Location)."""
    return result.status_code in SHOWN_REDIRECTS and result.outcome is Outcome.OK


# --- the "not found" lexicon ----------------------------------------------------------------


def _words(*phrases: str) -> frozenset[str]:
    return frozenset(w for p in phrases for w in _tokens(p))


def _tokens(text: str) -> list[str]:
    """Lower-case words without diacritics; ``can’t`` → ``can't``; digits are words."""
    plain = strip_diacritics(normalize(text))
    return _WORD.findall(plain)


_WORD = lazy(r"[^\W_]+(?:'[^\W_]+)?")

# Words that frame a "not found" message without changing what it says.  A title part, heading
# or first block that holds a predicate below and only these words around it is the message.
_FRAME = _words(
    # English
    "the this that a an sorry oops whoops hmm uh oh ah ouch error http we we're i you you're your",
    "are were was is be been has have had it it's looks like seems appears unfortunately",
    "page pages article content story post file document resource url link item video entry",
    "requested request looking searching trying tried to for on this server here there at",
    "location site website anymore any more may might or and of with such sadly",
    # German
    "die der das diese dieser seite angeforderte gesuchte aufgerufene von ihnen leider fehler",
    "hoppla ups oh nein entschuldigung es tut uns leid artikel inhalt beitrag wurde konnte werden",
    "datei ist mehr",
    # French
    "la le les l cette ce page demandee que vous recherchez cherchez erreur oups desole desolee",
    "est article l'article contenu nous",
    # Spanish, Italian, Portuguese, Dutch, Polish, Turkish
    "el esta pagina buscas busca solicitada lo sentimos ups ha sido articulo contenido",
    "questa pagina errore spiacenti ci dispiace articolo contenuto",
    "a esta pagina erro desculpe que procura voce artigo",
    "de deze pagina fout helaas het artikel",
    "strona blad błąd przepraszamy sayfa hata uzgunuz",
    # Russian, Ukrainian, Arabic
    "страница ошибка к сожалению запрашиваемая статья сторінка сторінку помилка",
    "такой такая такого этой этого страницы запрошенной запрошенная вами",
    "الصفحة خطأ عذرا",
    # Czech, Slovak, Polish, Hungarian, Romanian, Croatian/Serbian/Bosnian, Lithuanian, Catalan
    # (probe 31: each language's "page not found" passed as ``ok``)
    "stranka stranku pozadovana hledana chyba omlouvame se bohuzel tato tuto clanek sa ziadana",
    "strony stronie szukana podana ktorej szukasz takiej",
    "az oldal oldalt keresett hiba sajnos",
    "ne pare rau eroare cautata",
    "stranica trazena greska nazalost",
    "puslapis klaida atsiprasome",
    "ho sentim",
    # Swedish, Danish, Norwegian, Finnish
    "sidan sida tyvarr fel du soker letar efter som artikeln",
    "siden side beklager fejl leder vi",
    "sivua sivu hakemaasi etsimaasi valitettavasti virhe pahoittelut",
    # Vietnamese, Indonesian and Malay
    "trang loi xin ban tim kiem yeu cau nay bai viet",
    "halaman maaf yang anda cari artikel kesalahan galat",
    # Greek, Bulgarian, Hebrew, Persian
    "η σελιδα σφαλμα ζητησατε που λυπουμαστε",
    "страницата грешка съжаляваме",
    "הדף דף העמוד עמוד שגיאה מצטערים שחיפשת המבוקש",
    "صفحه مورد نظر شما خطا متاسفانه",
    # CJK words a status stands beside when spaced ("404 페이지", "エラー 404")
    "页面 頁面 错误 錯誤 ページ エラー 페이지 오류 에러",
    # status codes
    "404 410",
)
# What the message says: the remaining words must be exactly one of these.
_PREDICATES = frozenset(
    tuple(_tokens(p))
    for p in (
        "not found",
        "not be found",
        "cannot be found",
        "can't be found",
        "cant be found",
        "could not be found",
        "couldn't be found",
        "can not be found",
        "can't find",
        "cannot find",
        "couldn't find",
        "could not find",
        "can't seem to find",
        "doesn't exist",
        "does not exist",
        "no longer exists",
        "no longer exist",
        "not exist",
        "no longer available",
        "not available",
        "nothing found",
        # WordPress's default themes ("It looks like nothing was found at this location"), under
        # a heading "Nothing here" and a title that may be the site's name alone (probe 31)
        "nothing was found",
        "nothing could be found",
        "nicht gefunden",
        "existiert nicht",
        "existiert nicht mehr",
        "existiert leider nicht",
        "n'avons pas pu trouver",
        "nicht mehr verfugbar",
        "nicht verfugbar",
        "introuvable",
        "non trouvee",
        "inexistante",
        "n'existe pas",
        "n'existe plus",
        "pas trouve",
        "no encontrada",
        "no encontrado",
        "no existe",
        "no se encuentra",
        "no esta disponible",
        "no pudimos encontrar",
        "no se pudo encontrar",
        "no podemos encontrar",
        "non trovata",
        "non trovato",
        "non esiste",
        "nao encontrada",
        "nao encontrado",
        "nao existe",
        "niet gevonden",
        "bestaat niet",
        "nie znaleziono",
        "nie zostala znaleziona",
        "nie została znaleziona",
        "nie istnieje",
        "bulunamadi",
        "bulunamadı",
        "не найдена",
        "не найден",
        "не существует",
        "не знайдено",
        "не знайдена",
        "غير موجودة",
        "nenalezena",
        "nenalezeno",
        "nebyla nalezena",
        "neexistuje",
        "sa nenasla",
        "nebola najdena",
        "nenajdena",
        "nem talalhato",
        "nem letezik",
        "nu a fost gasita",
        "nu a fost gasit",
        "nu exista",
        "nije pronađena",
        "nije pronadena",
        "nije pronađen",
        "ne postoji",
        "nerastas",
        "nerasta",
        "no s'ha trobat",
        "no existeix",
        "kunde inte hittas",
        "hittades inte",
        "finns inte",
        "ikke fundet",
        "blev ikke fundet",
        "findes ikke",
        "eksisterer ikke",
        "finnes ikke",
        "ble ikke funnet",
        "ikke funnet",
        "fant ikke",
        "ei loytynyt",
        "ei loydy",
        "ei ole olemassa",
        "khong tim thay",
        "khong ton tai",
        "tidak ditemukan",
        "tidak dijumpai",
        "tidak wujud",
        "δεν βρεθηκε",
        "δεν υπαρχει",
        "не е намерена",
        "не е намерен",
        "не съществува",
        "לא נמצא",
        "לא נמצאה",
        "אינו קיים",
        "אינה קיימת",
        "پیدا نشد",
        "یافت نشد",
        "وجود ندارد",
    )
)
# A bare word that is a verdict only next to a noun of the frame ("Page missing", not "Missing";
# "Diese Seite gibt es nicht", not "Das gibt es nicht").
_WEAK_PREDICATES = frozenset(
    tuple(_tokens(p))
    for p in (
        "missing", "removed", "deleted", "unavailable", "gone", "gibt es nicht", "expired",
        "taken down",
    )
)  # fmt: skip
_NOUNS = _words(
    "page article content story post file document video seite pagina страница stranka strona",
    "oldal stranica puslapis sidan siden side sivu trang halaman σελιδα страницата הדף עמוד صفحه",
)
_STATUS_WORDS = _words("404 410")
_CJK_NOT_FOUND = lazy(
    r"(?:ページ|記事|コンテンツ|ファイル|URL|ＵＲＬ)(?:が|は)?(?:見つかりません|見つかりませんでした|"
    r"存在しません|削除されました)|お探しの(?:ページ|記事)|"
    r"页面不存在|页面未找到|页面找不到|找不到(?:该|您要的|您访问的|此)?(?:页面|網頁|网页|頁面)|"
    r"頁面不存在|網頁不存在|找不到網頁|抱歉.{0,6}(?:页面|頁面)|"
    r"페이지를 찾을 수 없(?:습니다|음|어요)|페이지가 존재하지 않(?:습니다|음)|"
    r"존재하지 않는 페이지|요청하신 페이지|"
    # Thai, Hindi and Bengali: scripts whose vowel signs the lexicon's words split (and Thai
    # writes no space between words), so matched as written, as CJK is (probe 31); Thai's
    # "ไม่พบหน้า" only as a page's ("…ที่", "…เว็บ", "…นี้", or alone): "ไม่พบหน้ากัน" is
    # "not meeting face to face"
    r"ไม่พบหน้า(?:ที่|เว็บ|นี้|(?=[\s|\-–—]|$))|(?:पृष्ठ|पेज) नहीं मिला|"
    r"(?:পৃষ্ঠা|পৃষ্ঠাটি|পেজ|পেজটি) (?:পাওয়া যায়নি|খুঁজে পাওয়া যায়নি)"
)
_CJK_STATUS = lazy(
    r"^(?:404|410)\s?(?:(?:错误|錯誤|エラー|오류|에러)\s?(?:页面|頁面|ページ|페이지)?|"
    r"页面|頁面|ページ|페이지)$"
)
"""A status and an error word written as one word, as CJK titles write them ("404错误",
"404エラー", "404页面"): one token to the lexicon, whose status words stand alone."""
_CJK_PAGE_WORDS = ("页面", "頁面", "ページ", "페이지")
# Where a title or heading splits into parts: the separators sites put between page and site
# name, and the ends of sentences ("Oops! That page can't be found.").
_CLAUSES = lazy(r"\s[|\-–—·•»]{1,2}\s|[|｜]|[.!?¡¿。！？](?:\s|$)|\s::\s")


def is_not_found_message(text: str, *, bare_status: bool = True) -> bool:
    """Whether ``text`` (a title, heading or short block) is a "not found" message.

    Some part of it must be a "not found" predicate framed only by words that do not change it
    ("Sorry, the page you were looking for could not be found", "page not found, oops", "Error
    404", "Seite existiert leider nicht"); "Plane not found" or "The 404 Club" are not.
    ``bare_status`` false reads a status named as a page ("404 Page", "404ページ") as a
    section's name, not a message; a bare "404", "Error 404" or "Oops! 404" still is one (a long
    dead page that said only that passed as ``ok``: probe 28s).
    """
    fragment = text[:_MAX_FRAGMENT]
    # Every message holds a key word (the pre-check's): most titles, headings and blocks hold
    # none, and are answered without the clause split and the lexicon (~25 µs each, five to
    # ten a 12 KB article: issue 19, the Zipf regime's judging)
    if not _holds_key_word(fragment):
        return False
    if _states_cjk(fragment):
        return True
    return any(_is_message_clause(part, bare_status) for part in statements(fragment))


_QUOTES = lazy(r"[「『“〝《\"][^「『“〝《」』”〞》\"]*[」』”〞》\"]")


def _states_cjk(fragment: str) -> bool:
    """Whether ``fragment`` states a CJK "not found" message, not quotes it to say more.

    A headline quotes the message to write about it: "「URLは存在しません」と表示される原因"
    (why "the URL does not exist" shows) and "「このページは存在しません」 閉鎖相次ぐ個人サイト"
    (a news story on closed sites) were ``soft-404``; an error page states its message bare, or
    quoted with nothing more ("「ページが見つかりません」") (probe 28s).
    """
    if not _CJK_NOT_FOUND.search(fragment):
        return False
    unquoted = _QUOTES.sub(" ", fragment)
    if _CJK_NOT_FOUND.search(unquoted):
        return True
    return not any(_tokens(unquoted))  # the quote is all there is


def names_a_page(message: str) -> bool:
    """Whether a "not found" ``message`` says a page (or a status) is missing, not a thing.

    A search that found nothing says "Nothing found" or "No results": its answer.  One that
    says "Page not found" or "404" is the site's error page at a URL with a query (a dead
    Drupal node ``?q=node/4411``, a search the site took down), which passed as ``ok`` as a
    cited search (probe 28s).
    """
    fragment = message[:_MAX_FRAGMENT]
    present = set(_tokens(fragment))
    return bool(_CJK_NOT_FOUND.search(fragment) or present & (_NOUNS | _STATUS_WORDS))


def statements(fragment: str) -> Iterator[str]:
    """The clauses of ``fragment`` that are not questions asked about what follows them.

    A page asks "Page not found?" to say what it is about (a tutorial called "Page Not Found?
    Fixing Next.js Routing"); an error page states it: the asked clause read as the message made
    the live post ``soft-404`` (probe 28).  "Lost? Page not found." still states it.  A question
    that nothing follows ("Page not found?", "Page not found? | Example News": a site's name
    after a separator) asks about nothing else: it is the page's message, or a dead page
    passed as ``ok`` for its question mark (probe 28s).
    """
    start = 0
    asked: str | None = None
    for separator in _CLAUSES.finditer(fragment):
        clause = fragment[start : separator.start()]
        if asked is not None and not _tokens(clause):
            yield asked  # a separator, not words, after the question
        asked = None
        if separator.group()[0] in "?？":
            asked = clause
        else:
            yield clause
        start = separator.end()
    rest = fragment[start:]
    if asked is not None and not _tokens(rest):
        yield asked
    yield rest


def _is_message_clause(part: str, bare_status: bool) -> bool:
    tokens = _tokens(part)[:_MAX_TOKENS]
    if not tokens:
        return False
    if len(tokens) == 1 and _CJK_STATUS.match(part.strip()):
        return bare_status or not any(word in part for word in _CJK_PAGE_WORDS)
    present = set(tokens)
    if all(t in _FRAME for t in tokens):  # "404", "Error 404", "Uh oh. 404"; "404 Page"
        return bool(_STATUS_WORDS & present) and (bare_status or not _NOUNS & present)
    if _states(tokens, present):
        return True
    return _AND in present and _conjoined(tokens, present)


_AND = "and"


def _states(tokens: list[str], present: set[str]) -> bool:
    """Whether ``tokens`` are one predicate and frame words (a weak one beside a noun of
    ``present``, the whole clause's words)."""
    # Only predicates whose first word the clause has can be framed in it: looking them up by
    # that word, rather than trying all sixty at every position, is most of this check's cost.
    return any(_framed(tokens, p) for p in _candidates(present, _PREDICATES_BY_FIRST)) or (
        bool(_NOUNS & present)
        and any(_framed(tokens, p) for p in _candidates(present, _WEAK_BY_FIRST))
    )


def _conjoined(tokens: list[str], present: set[str]) -> bool:
    """Whether ``tokens`` are two or more messages joined by "and": "This story has expired and
    is no longer available", "This article has been removed and no longer exists" passed as
    ``ok`` (each part alone was a message, the two together were not: probe 30)."""
    parts: list[list[str]] = [[]]
    for token in tokens:
        if token == _AND:
            parts.append([])
        else:
            parts[-1].append(token)
    return all(part and _states(part, present) for part in parts)


def _by_first_word(
    predicates: frozenset[tuple[str, ...]],
) -> dict[str, tuple[tuple[str, ...], ...]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for predicate in predicates:
        index.setdefault(predicate[0], []).append(predicate)
    return {word: tuple(found) for word, found in index.items()}


def _candidates(
    present: set[str], index: dict[str, tuple[tuple[str, ...], ...]]
) -> list[tuple[str, ...]]:
    return [p for word in present & index.keys() for p in index[word]]


def _framed(tokens: list[str], predicate: tuple[str, ...]) -> bool:
    """Whether ``predicate`` occurs in ``tokens`` with nothing but frame words around it."""
    size = len(predicate)
    for start in range(len(tokens) - size + 1):
        if tuple(tokens[start : start + size]) == predicate:
            rest = tokens[:start] + tokens[start + size :]
            if all(t in _FRAME for t in rest):
                return True
    return False


_MAX_TOKENS = 60
_PREDICATES_BY_FIRST = _by_first_word(_PREDICATES)
_WEAK_BY_FIRST = _by_first_word(_WEAK_PREDICATES)

# --- the lexicon's cheap pre-check: no parse for a page that cannot say "not found" ----------

PRECHECK_CHARS = 2_000
"""Pages up to this size are pre-checked.  The look costs ~0.05 µs a character, a parse of the
page and a read of its lead (:func:`lead_shape`) ~150 µs, and a longer page holds the lexicon's
words in its markup or text anyway (issue 19: 12 KB articles spent 1.7 ms here, then no parse)."""
_KEY_WORDS = tuple(sorted({p[-1] for p in _PREDICATES | _WEAK_PREDICATES} | _STATUS_WORDS, key=len))
"""A word every "not found" message holds: the last word of its predicate, or a status code."""


def _fewest(needles: tuple[str, ...]) -> tuple[str, ...]:
    """``needles`` without those holding another of them (``exists`` holds ``exist``,
    ``unavailable`` holds ``available``): a text holding one of the dropped holds the other, so
    "holds any of them" is the same question, asked with fewer searches (issue 19).

    Each needle is searched for in all of them joined (``str.find``), not with ``in`` against
    each other one: the pairs were ~0.7 ms of every start, in Python (session 37)."""
    joined = "\0".join(needles)
    starts: list[int] = []
    at = 0
    for needle in needles:
        starts.append(at)
        at += len(needle) + 1
    holding: set[int] = set()
    for needle in needles:
        found = joined.find(needle)
        while found != -1:
            i = bisect.bisect_right(starts, found) - 1
            if found + len(needle) <= starts[i] + len(needles[i]) and needles[i] != needle:
                holding.add(i)
            found = joined.find(needle, found + 1)
    return tuple(n for i, n in enumerate(needles) if i not in holding)


_SEARCHED_KEYS = _fewest(_KEY_WORDS)
"""The key words the pre-check looks for (:func:`_fewest`)."""
_ASCII_KEYS = tuple(key for key in _SEARCHED_KEYS if key.isascii())
"""The key words an ASCII text can hold."""
_CJK_KEYS = ("見つかりません", "存在しません", "削除されました", "お探しの", "页面", "頁面", "網頁",
             "找不到", "페이지", "ไม่พบหน้า", "नहीं मिला", "পাওয়া যায়নি")  # fmt: skip
"""A literal every match of ``_CJK_NOT_FOUND`` holds (tests/verify/test_soft404.py checks)."""


def might_say_not_found(html: str) -> bool:
    """Whether any title, heading or text of ``html`` could be a "not found" message.

    A cheap look at the raw text, before any parse: every message holds one of a few words
    (``_KEY_WORDS``, ``_CJK_KEYS``) in one text node, so a page whose text, folded as the lexicon
    folds it (raw and with its character references decoded), holds none of them says no such
    thing and needs no parse to know it.  Conservative: True for any page longer than
    ``PRECHECK_CHARS`` and whenever a word appears anywhere, markup included.
    """
    if len(html) > PRECHECK_CHARS:
        return True
    decoded = html_entities.unescape(html)
    # The decoded text only when it differs (the words hold no space, so folding the two texts
    # apart finds what folding them joined found).  One ``in`` per literal, not one alternation
    # regex: the regex engine tries every branch at every position (4x slower on an article).
    texts = (html,) if decoded == html else (html, decoded)
    return any(_holds_key_word(text) for text in texts)


def _holds_key_word(text: str) -> bool:
    """Whether ``text``, folded as the lexicon folds it, holds a key word of the lexicon
    (``_KEY_WORDS``, ``_CJK_KEYS``): no "not found" message can be read in a text without one."""
    folded = _folded(text)
    if _holds_any(folded, _ASCII_KEYS if folded.isascii() else _SEARCHED_KEYS):
        return True
    return not text.isascii() and _holds_any(text, _CJK_KEYS)  # no CJK in an ASCII text


def _folded(text: str) -> str:
    """``text`` folded as the lexicon folds it (``strip_diacritics(normalize(text))``), as far
    as a key word can tell: an ASCII text without a character reference is only lowered.

    The key words are letters and digits without a space (tests/verify/test_judge_cost.py
    checks), so on such a text the fold's other steps cannot make or break one: runs of white
    space made one, the backtick made a quote, no mark, NFKC or invisible character to touch,
    and ``casefold`` is ``lower`` on ASCII.  The whole fold was ~30 K instructions of the
    pre-check on a 100-byte page, for every page up to ``PRECHECK_CHARS`` (issue 19).  A text
    that is not all ASCII (a character reference decoded into it is) takes the whole fold.
    """
    if text.isascii() and "&" not in text:
        return text.lower()
    return strip_diacritics(normalize(text))


def _holds_any(text: str, needles: Iterable[str]) -> bool:
    """Whether ``text`` holds any of ``needles``.

    A loop, not ``any()`` over a generator: on a small page the generator's set-up cost more
    than the searches (issue 19: CPU per checked URL).
    """
    for needle in needles:  # noqa: SIM110 (see the docstring)
        if needle in text:
            return True
    return False


def not_found_in(shape: PageShape) -> str | None:
    """The place and words where ``shape`` says "not found", scored by where they stand.

    The title or a main heading is enough, but on a long article (metadata and a publication
    date over a main text of prose) only when the text under them says it again: an article
    about the message (a film review titled "Page Not Found", an essay whose h1 is the
    message) was ``soft-404``; an error page that leaks article metadata restates it ("Sorry,
    the page you were looking for could not be found") or lists links, not prose (left 29b).
    The first block of the main text ("404 Not Found" under a normal title) counts only on a
    page that is not an article: short, or without article metadata; a long article that opens
    with those words is about them.
    """
    long = not short_text(shape)
    prose = long and shape.link_share < _PROSE_SHARE
    if shape.article_meta and long and any(_headline_about_it(h) for h in shape.headings):
        return None
    if shape.article_meta and shape.dated and prose and not _restated(shape):
        return None
    if shape.title and is_not_found_message(shape.title):
        return shape.title
    for heading in shape.headings:
        if is_not_found_message(heading):
            return heading
    if shape.article_meta and long:
        return None
    # On a long page a status named as a page in the lead is a section's name ("404 Page" in a
    # guide to custom error pages: soft-404, probe 28); a "not found" page that long still says
    # it, or says the bare status ("Oops!" over "404" and forty teasers: probe 28s).
    for block in shape.lead:
        if is_not_found_message(block, bare_status=not long):
            return block
        # Under a headline of its own (not the site's name, not an "Oops!"), the message on a
        # long page of prose names a section ("Page not found" in a guide to error pages).
        if prose and _is_headline(block, shape):
            return None
    return None


def _is_headline(block: str, shape: PageShape) -> bool:
    """Whether ``block`` is the page's own headline: one of its headings or its title's first
    clause, and neither the site's name nor frame words.

    Any other block that says something (a breadcrumb "Home / Blog / 2025", a "Search this
    site" label) is no headline: stopping at it left the message under it unread, and a long
    error page of excerpts passed as ``ok`` (mend 29a).
    """
    if says_nothing(block, shape.title):
        return False
    key = _name_key(block)
    first_clause = next(iter(_CLAUSES.split(shape.title, maxsplit=1)), "")
    return key == _name_key(first_clause) or any(key == _name_key(h) for h in shape.headings)


def _restated(shape: PageShape) -> bool:
    """Whether a block of the lead other than a heading or the title states the message."""
    # the lexicon first: it rules most blocks out, and the names are keyed only for a message
    messages = [block for block in shape.lead if is_not_found_message(block)]
    if not messages:
        return False
    named = {_name_key(shape.title), *(_name_key(h) for h in shape.headings)}
    return any(_name_key(block) not in named for block in messages)


def says_nothing(block: str, title: str) -> bool:
    """Whether ``block`` is only frame words ("Oops!") or the site's name: the whole title
    ("Example News" over an error page titled so), or a part of it after the first (a
    headline's title comes first, the site's name after it: "Designing an error page |
    Example Blog")."""
    if all(t in _FRAME for t in _tokens(block)):
        return True
    key = _name_key(block)
    parts = [_name_key(part) for part in _CLAUSES.split(title)]
    return key == _name_key(title) or key in parts[1:]


_SHORT_TEXT = 1_500


def short_text(shape: PageShape) -> bool:
    """Whether the main text of ``shape`` (a :func:`lead_shape` too) is short: no article's."""
    return shape.text_chars < _SHORT_TEXT


def _headline_about_it(heading: str) -> bool:
    """Whether ``heading`` states a "not found" message and goes on to say more (a clause of
    other words): an article's headline about the message, not the message.

    A long article's headline "Strona nie została znaleziona – jak naprawić błąd 404" (Page not
    found: how to fix a 404 error) made the tutorial ``soft-404`` once the lexicon read Polish
    with its diacritics (probe 28s); "Oops! That page can't be found." says nothing more.
    """
    fragment = heading[:_MAX_FRAGMENT]
    if not _holds_key_word(fragment):  # no message clause in it (is_not_found_message)
        return False
    clauses = [part for part in _CLAUSES.split(fragment) if _tokens(part)]
    states = [_is_message_clause(part, bare_status=True) for part in clauses]
    return any(states) and not all(
        said or all(t in _FRAME for t in _tokens(part))
        for part, said in zip(clauses, states, strict=True)
    )


# --- landing pages --------------------------------------------------------------------------

_HOME_WORDS = _words("home homepage home page start startseite accueil inicio portada top トップ")
_LISTING_LINKS = 8
_LISTING_TEASERS = 3
_LISTING_SHARE = 0.35
_PROSE_SHARE = 0.3
_PROSE_CHARS = 500  # a few paragraphs of text of its own: a short article, release notes


def landing_verdict(shape: PageShape, url: str) -> bool | None:
    """Whether ``shape`` is a home or section page (True), an article (False), or unclear (None).

    A landing page names only the site in its title, or lists teasers and headline links while
    claiming no article of its own; an article declares itself (metadata) or is prose with few
    links.  A page that shows neither says nothing, and the caller falls back on the URL.
    """
    if _title_is_site(shape, url):
        return True
    listing = shape.teasers >= _LISTING_TEASERS or (
        shape.headline_links >= _LISTING_LINKS and shape.link_share >= _LISTING_SHARE
    )
    if listing and not shape.article_meta:
        return True
    prose = shape.text_chars >= _PROSE_CHARS and shape.link_share < _PROSE_SHARE
    if shape.article_meta or (prose and not listing):
        return False
    return None


def _title_is_site(shape: PageShape, url: str) -> bool:
    """Whether every part of the title is the site's name (or "Home")."""
    host = url_host(url).lower().removeprefix("www.")
    names = {n for n in (_name_key(shape.site_name), _name_key(host.split(".")[0])) if n}
    parts = [_name_key(p) for p in _CLAUSES.split(shape.title)]
    parts = [p for p in parts if p]
    if not parts or not names:
        return False
    return all(p in names or set(p.split()) <= _HOME_WORDS for p in parts)


def title_is_one_name(title: str) -> bool:
    """Whether ``title`` is empty or a single name (one clause, no headline before a site's
    name): all a wall titled with the site's name says in its title (left 29b).

    "Council extends the tram line | Example News" is an article's headline and its site: its
    page is what the title says, whatever a cookie banner above its text says (mend 29a).
    """
    return len({_name_key(part) for part in _CLAUSES.split(title)} - {""}) <= 1


def _name_key(text: str) -> str:
    return " ".join(_tokens(text.replace("-", " ")))


# --- the random sibling ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sibling:
    """How a site answered a made-up URL next to the cited one (benhoyt/soft404's probe).

    ``final_url`` is where its redirects ended; ``title`` and ``words`` are read from its body.
    """

    url: str
    status_code: int | None
    final_url: str | None
    title: str = ""
    words: tuple[str, ...] = ()
    shown: tuple[str, ...] = ()
    """Every word the page shows, menus and footer too (:func:`shown_words`)."""


_SLUG_LETTERS = 25
_SIMILAR = 0.9
_MIN_WORDS = 15  # an empty shell (a script-rendered site) says nothing when it matches
_OWN_WORDS = 4
"""Words of its own (shown, not on the made-up sibling, not echoed from the URL) that make a
thin page, compared whole, a page of its own: a catch-all template's own words are a session
number or the time at most, while a live product page under the same menus says its price and
stock in a few words of its own, and was reported soft-404 on its menus' likeness (probe 22b)."""


def sibling_url(cited_url: str) -> str | None:
    """A URL at the cited URL's depth, in its directory, that no site has a page for.

    The slug is 25 letters drawn from a hash of the host and depth: as good as random to the site,
    yet the same in every run, so the answer can be remembered and judgements stay comparable.
    ``None`` for the root.  A page named by its query (``/item.php?id=4411``) gets the made-up
    page of its directory (``/<slug>.php``), as benhoyt/soft404 probes it: a catch-all site
    answers that with its template too, and such pages had no probe (probe 22: a dead item's
    one-line template passed as ``ok``).  The query is not changed: a site that ignores one it
    does not know would answer with the cited page itself.
    """
    parts = split_url(cited_url)
    segments = [s for s in parts.path.split("/") if s]
    if not segments or parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower()
    digest = hashlib.sha256(f"{host}/{len(segments)}".encode()).digest()
    slug = "".join(chr(ord("a") + b % 26) for b in digest[:_SLUG_LETTERS])
    last = segments[-1]
    suffix = last[last.rfind(".") :] if "." in last[-6:] else ""
    path = "/".join([*segments[:-1], slug + suffix])
    trailing = "/" if parts.path.endswith("/") and not suffix else ""
    return urlunsplit((parts.scheme, parts.netloc, f"/{path}{trailing}", "", ""))


def same_as_sibling(
    shape: PageShape,
    final_url: str,
    redirected: bool,
    sib: Sibling,
    html: str = "",
    page: ParsedPage | None = None,
) -> bool:
    """Whether the cited page is what the site answers for any unknown URL.

    Only a 2xx sibling counts (a site that answers 404 for unknown URLs has told the truth).  Both
    redirected to the same place; or the same title and nearly the same main text (word by word,
    at least 90 % alike), with enough text that an empty script-rendered shell is not compared.
    What either page echoes of its own URL (``Example Shop: /products/hose-xl``) is left out of
    both, and a main text too thin to compare (one line and a session number) is compared as
    the whole page the template shows (``html``: menus, footer), as benhoyt/soft404 compares
    them (``page``: ``html``'s shared tree, read instead of a parse of its own): such
    catch-all shops passed every dead link (probe 22); unless the cited page shows
    :data:`_OWN_WORDS` words the sibling does not (a live product page's price and stock).  A
    script shell shows a few words at most, and is still not compared.
    """
    if not sibling_answered(sib):
        return False
    if redirected and sib.final_url and sib.final_url != sib.url and sib.final_url == final_url:
        return True
    echoed = _echoed(final_url, sib.final_url or sib.url)
    if _unechoed(normalize(shape.title).split(), echoed) != _unechoed(
        normalize(sib.title).split(), echoed
    ):
        return False
    mine, theirs = _unechoed(shape.words, echoed), _unechoed(sib.words, echoed)
    if min(len(mine), len(theirs)) < _MIN_WORDS and html:
        mine, theirs = _unechoed(shown_words(html, page), echoed), _unechoed(sib.shown, echoed)
        if len(set(mine) - set(theirs)) >= _OWN_WORDS:  # a live thin page says its own words
            return False
    if min(len(mine), len(theirs)) < _MIN_WORDS:
        return False
    # rapidfuzz (41 modules) is imported only here, when a sibling page is compared at all: a
    # run of plain links that needs no sibling never loads it (issue 19, start-up).
    from rapidfuzz.distance import Indel  # noqa: PLC0415

    return Indel.normalized_similarity(list(mine), list(theirs)) >= _SIMILAR


_PIECE = lazy(r"[^\W_]+")
"""A run of letters or digits: a piece of a URL, or of a word, that a page may echo."""


def _echoed(*urls: str) -> frozenset[str]:
    """The pieces of the paths and queries of ``urls`` (``/products/hose-xl`` → ``products``,
    ``hose``, ``xl``), casefolded: what a catch-all template writes back of the URL asked."""
    pieces: set[str] = set()
    for url in urls:
        parts = split_url(url)
        pieces.update(p.casefold() for p in _PIECE.findall(unquote(f"{parts.path} {parts.query}")))
    return frozenset(pieces)


def _unechoed(words: Iterable[str], echoed: frozenset[str]) -> tuple[str, ...]:
    """``words`` (normalized) without the pieces in ``echoed``; a word left empty is dropped."""
    kept = (" ".join(p for p in _PIECE.findall(word) if p not in echoed) for word in words)
    return tuple(word for word in kept if word)


@functools.cache
def _shown_text() -> etree.XPath:
    """The body's text nodes a reader is shown (compiled on first use, as a pattern is)."""
    return etree.XPath(
        "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript"
        " or ancestor::template)]"
    )


def shown_words(html: str, page: ParsedPage | None = None) -> tuple[str, ...]:
    """Every word ``html`` shows in its body, menus and footer included (no script, style,
    ``<noscript>`` or ``<template>``), normalized; at most ``_MAX_WORDS``.  ``page``: as for
    :func:`page_shape`."""
    root = _root(html, page)
    return () if root is None else _shown_in(root)


def _shown_in(root: Any) -> tuple[str, ...]:
    text = " ".join(str(piece) for piece in _shown_text()(root))
    return tuple(normalize(text).split()[:_MAX_WORDS])


def sibling_answered(sib: Sibling) -> bool:
    """Whether the made-up URL got a 2xx: only then can the cited page be the site's catch-all."""
    return sib.status_code is not None and 200 <= sib.status_code < 300


async def probe_sibling(cited_url: str, fetcher: Fetcher) -> Sibling | None:
    """How the site answers a made-up URL at the cited URL's depth: once per host, depth and run.

    The request goes through the run's fetcher like any other (politeness, store, evidence).  The
    first cited URL at a host and depth names the directory probed; later ones share its answer.
    """
    parts = split_url(cited_url)
    depth = len([s for s in parts.path.split("/") if s])
    key = (parts.scheme, (parts.hostname or "").lower(), depth)
    try:
        probes = _PROBES.setdefault(fetcher, {})
    except TypeError:  # a fetcher that cannot be weakly referenced: the fetcher's cache only
        probes = {}
    pending = probes.get(key)
    if pending is None:
        url = sibling_url(cited_url)
        if url is None:
            return None
        pending = asyncio.ensure_future(_probe(url, fetcher))
        probes[key] = pending
    return await asyncio.shield(pending)


async def _probe(url: str, fetcher: Fetcher) -> Sibling:
    answer = await fetcher.get(url)
    root = _parse(answer.text) if answer.text else None
    shape = PageShape() if root is None else _shape_of(root)
    # the whole page's words are compared only when the main text is too thin (same_as_sibling)
    shown = _shown_in(root) if root is not None and len(shape.words) < _MIN_WORDS else ()
    return Sibling(url, answer.status_code, answer.final_url, shape.title, shape.words, shown)


_PROBES: weakref.WeakKeyDictionary[Any, dict[tuple[str, str, int], asyncio.Future[Sibling]]] = (
    weakref.WeakKeyDictionary()
)


# --- a URL that promises a file ---------------------------------------------------------------

_FILE_TYPES = {
    "pdf": "a PDF document",
    "jpg": "an image",
    "jpeg": "an image",
    "png": "an image",
    "gif": "an image",
    "webp": "an image",
    "mp4": "a video",
    "webm": "a video",
    "mov": "a video",
    "mp3": "an audio file",
    "m4a": "an audio file",
    "wav": "an audio file",
    "zip": "an archive",
    "gz": "an archive",
    "tgz": "an archive",
    "7z": "an archive",
    "doc": "a document",
    "docx": "a document",
    "xls": "a spreadsheet",
    "xlsx": "a spreadsheet",
    "ppt": "a presentation",
    "pptx": "a presentation",
    "epub": "an e-book",
    "csv": "a data file",
}


def file_extension(url: str) -> str | None:
    """The file type the last path segment of ``url`` promises (``pdf``), if a known one."""
    last = unquote(split_url(url).path).rsplit("/", 1)[-1].lower()
    if "." not in last:
        return None
    extension = last.rsplit(".", 1)[1]
    return extension if extension in _FILE_TYPES else None


_ZIP = ((0, "PK\x03\x04"),)
_OLE = ((0, "\xd0\xcf\x11\xe0"),)  # the compound file of Office 97-2003
_ISO_MEDIA = ((4, "ftyp"),)
_RIFF = ((0, "RIFF"),)
_SIGNATURES: dict[str, tuple[tuple[int, str], ...]] = {
    "pdf": ((0, "%PDF-"),),
    "jpg": ((0, "\xff\xd8\xff"),),
    "jpeg": ((0, "\xff\xd8\xff"),),
    "png": ((1, "PNG\r\n"),),
    "gif": ((0, "GIF87a"), (0, "GIF89a")),
    "webp": _RIFF,
    "mp4": _ISO_MEDIA,
    "mov": _ISO_MEDIA,
    "m4a": _ISO_MEDIA,
    "webm": ((0, "\x1a\x45\xdf\xa3"),),
    "mp3": ((0, "ID3"), (0, "\xff\xfb"), (0, "\xff\xf3"), (0, "\xff\xf2")),
    "wav": _RIFF,
    "zip": _ZIP,
    "docx": _ZIP,
    "xlsx": _ZIP,
    "pptx": _ZIP,
    "epub": _ZIP,
    "gz": ((0, "\x1f\x8b"),),
    "tgz": ((0, "\x1f\x8b"),),
    "7z": ((0, "7z\xbc\xaf"),),
    "doc": _OLE,
    "xls": _OLE,
    "ppt": _OLE,
}
"""How each file type the URL may name begins (offset, mark), as its bytes read as text (Latin-1,
or UTF-8 where those bytes are ASCII).  A CSV has none: it is text."""
_WORD_MARKS = frozenset({"RIFF", "ID3", "ftyp"})
"""Marks that are plain words a text may begin with: they tell a file's type only where its
name says it is one (:func:`starts_as_file`), never of any body (:func:`opens_as_file`)."""


def _signature_of(head: str, extensions: Iterable[str], *, words: bool) -> str | None:
    """The first of ``extensions`` whose signature (:data:`_SIGNATURES`) ``head`` begins with,
    the plain-word marks (:data:`_WORD_MARKS`) counted only when ``words``; else None.  The one
    scan of both readers: apart, :func:`opens_as_file` skipped every alphanumeric mark, and a
    GIF (``GIF89a``) served as HTML was read as a page (mend 33n)."""
    for extension in extensions:
        for offset, mark in _SIGNATURES.get(extension, ()):
            if (words or mark not in _WORD_MARKS) and head[offset : offset + len(mark)] == mark:
                return extension
    return None


_TEXT_STARTS = frozenset("<\ufeff \t\r\n")
"""First characters of a page's text (markup, a byte order mark, white space): no file's
signature begins so, which spares nearly every page the search (issue 19)."""


def opens_as_file(text: str) -> str | None:
    """What file ``text`` (a body decoded as text) begins as by its signature
    (:data:`_SIGNATURES`), ``"a PDF document"``, ``"an image"``…, else None.

    A body that begins so is that file whatever type its server gave it: the same PDF was read
    as a page when served ``text/html`` (a CMS labelling every answer so) or
    ``application/octet-stream`` (sniffed as text, its first bytes all printable), its markup
    compared with the cited title, a ``title-mismatch`` on a right citation (probe 32, left
    33b); WHATWG's MIME sniffing reads these signatures before any text.  Marks that are plain
    words (:data:`_WORD_MARKS`) do not count: a text may begin with one.
    """
    if not text or text[0] in _TEXT_STARTS:
        return None
    extension = _signature_of(text[:16], _SIGNATURES, words=False)
    return _FILE_TYPES[extension] if extension is not None else None


def starts_as_file(text: str, extension: str) -> bool:
    """Whether ``text``, a body its server called HTML, begins as a file of the ``extension``
    the cited URL names.

    A server that labels every answer ``text/html`` (a misconfigured CMS, an old IIS) still
    sends the PDF: the file is there, whatever its label says.  Read as a page without the file,
    it was ``soft-404``, a false ``broken`` (probe 28; lychee and LinkChecker never look).  Only
    the named type's signature counts: any file's let a GIF placeholder, a site's "no such
    file" image, pass as ``ok`` for a cited PDF (probe 28s).
    """
    return _signature_of(text[:16], (extension,), words=True) is not None


def type_mismatch(cited_url: str, content_type: str | None, shape: PageShape) -> str | None:
    """Why an HTML answer is not the file ``cited_url`` names, or None.

    An HTML viewer that embeds the file (a PDF viewer, an image page, a download page that offers
    it) is the file's page, not a soft-404: the same file name among the page's embeds is enough.
    """
    extension = file_extension(cited_url)
    if extension is None or content_type is None:
        return None
    if not is_html_type(content_type):
        return None
    name = unquote(split_url(cited_url).path).rsplit("/", 1)[-1].lower()
    for embedded in shape.embeds:
        try:
            last = unquote(urlsplit(embedded).path).rsplit("/", 1)[-1].lower()
        except ValueError:  # the page's own URL is malformed: not the cited file
            continue
        if last == name or last.endswith(f".{extension}"):
            return None
    return (
        f"the URL names {_FILE_TYPES[extension]} (.{extension}) but the server answered an "
        "HTML page that does not show it"
    )


def has_article_marker(text: str) -> bool:
    """Whether the page declares an article, by a cheap look at its head (no parse).

    Used to decide whether a page is worth a sibling probe: a page that says it is an article
    is one in practice, and probing every cited page would double the requests of a run.
    """
    return _holds_any(text[:_MAX_HTML].lower(), _ARTICLE_MARKERS)


_ARTICLE_MARKERS = (
    "article:published_time",
    'content="article"',
    "content='article'",
    "datepublished",
    "newsarticle",
    "blogposting",
    "articlebody",
)
