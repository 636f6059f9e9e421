"""Listing or article, and an article's main content: what on a page is the post (issue 16).

A page that lists posts (a WordPress archive, an ``hfeed`` of ``h-entry``/``hentry`` entries) is
split into its posts; any other page is one post.  News pages hold many ``<article>`` elements
(related stories, "best deals", most-read boxes) that are teaser cards, not posts: each card is a
heading link and a line of text.  So the decision is the page's, from general signals:

- an *article* says so (``og:type=article``, a JSON-LD ``Article``/``NewsArticle``/
  ``BlogPosting``, WordPress's ``single``/``page`` body class): one post, whatever it holds;
- a *listing* says so (WordPress's ``home blog``/``archive``/``category``/``search`` body
  classes, an ``hfeed``) or is one in fact: two or more entries, each with its own permalink and
  a body, which between them hold most of the page's prose.

An article's main content is found as readability and trafilatura find it: the element whose
paragraphs hold the most prose (text outside links), widened to the ancestors that add little
prose of their own (the headline, the lead, a sources list).  Inside it, furniture is skipped:
navigation, headers, footers, asides, comment sections, teaser cards (an ``<article>`` that is
mostly a link and a line of text) and blocks of links to the page's own site (related stories,
tag lists).  Links the author wrote in the text stay, including inline links to the site's other
stories; a list of links to other sites (sources, references) stays too.

Every measure is taken in one pass over the tree (children before parents, no recursion), so the
cost is linear in the page whatever its nesting.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from lxml import etree

from checker.encoding import ascii_lower
from checker.extract import native
from checker.extract.links import resolve
from checker.extract.tree import (
    Element,
    PageIndex,
    attr,
    chrome_attributes,
    classes,
    has_token,
    is_element,
)
from checker.lazyre import lazy
from checker.urls import is_near_miss, same_registered_domain

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from types import ModuleType

__all__ = ["Content", "is_chrome", "listing_entries", "main_content", "same_site"]

_CHROME_TAGS = frozenset({"nav", "header", "footer", "aside", "form", "menu"})
_NEVER_CHROME = frozenset({"main", "article", "body", "html"})
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
_CHROME_WORDS = lazy(
    r"(?:^|[-_\s])(?:share|sharing|social|comments?|related|sidebar|widget|menu|nav|navigation|"
    r"breadcrumbs?|pager|pagination|post-footer|post-labels|byline-share|subscribe|newsletter|"
    r"advert|ads|cookie|banner|skip-link|teasers?|promo|recommended|recommendations|trending|"
    r"most-read|mostread|most-popular|popular|more-stories|outbrain|taboola|disqus|respond|"
    r"discussion)(?:$|[-_\s])",
    re.IGNORECASE,
)
# Text the reader never sees as text: scripts, styles, and a <textarea>, whose content is a form
# field's raw value (sites park consent-gated embed code there), never rendered markup.
_UNSEEN = frozenset(
    {"script", "style", "template", "head", "svg", "math", "select", "button", "textarea",
     "noscript", "iframe", "title"}
)  # fmt: skip
_BLOCKS = frozenset(
    {"address", "article", "aside", "blockquote", "div", "dl", "fieldset", "figure", "footer",
     "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
     "pre", "section", "table", "ul"}
)  # fmt: skip
# Never the main content itself: a quoted or embedded post (a tweet's <blockquote>) is part of
# the text around it, and the embed reader must see its root.
_WHOLE = frozenset({"blockquote", "figure", "q", "iframe", "video", "audio", "object"})
_LINK_BLOCKS = frozenset({"div", "section", "ul", "ol", "table", "dl", "aside", "nav"})
_MIN_PARAGRAPH = 25  # characters of prose that make a paragraph count (readability's figure)
_HOLDS = 0.8  # the main content is the deepest element holding this share of the paragraphs
_VITAL = 0.25  # a block holding this share of the paragraphs is never skipped as furniture
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# A heading over a theme's box of links, not over the author's list (English, German, French:
# the languages of the real pages): "Related posts", "You might also like", "Ähnliche Beiträge".
_THEME_BOX_HEADING = lazy(
    r"\b(?:related|similar|popular|recent|latest|newest|trending|recommended|more\s+(?:posts|"
    r"stories|articles|from)|read\s+(?:next|more|also)|also\s+like|might\s+like|tags?|"
    r"categories|archives?|share|verwandte|ähnliche|beliebte|neueste|weitere|lesen\s+sie\s+auch|"
    r"à\s+lire|lire\s+aussi|sur\s+le\s+même|articles\s+similaires)\b",
    re.IGNORECASE,
)
_TEASER_PROSE = 300  # an <article> inside the content with less prose than this is a card
_ARTICLE_TYPES = frozenset(
    {"article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
     "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "scholarlyarticle",
     "techarticle", "report", "liveblogposting"}
)  # fmt: skip
_LISTING_BODY = frozenset({"archive", "category", "tag", "search", "search-results", "date"})
_SINGLE_BODY = frozenset({"single", "single-post", "page", "singular"})
_JSON_TYPE = lazy(r'"@type"\s*:\s*(?:\[\s*)?"([A-Za-z]+)"')
# An absolute web URL with a plain host name (no port, user or brackets): its host is its site.
_WEB_HOST = lazy(r"https?://([A-Za-z0-9.-]+)(?:[/?#]|$)", re.IGNORECASE)
_CACHED_LABEL = 200  # longer class-and-id labels are searched every time, never kept
_MAX_JSON = 200_000  # JSON-LD past this size is not read for its types (a page is input)


def _class_test(*names: str) -> str:
    spaced = "concat(' ', normalize-space(@class), ' ')"
    return " or ".join(f"(contains(@class, '{n}') and contains({spaced}, ' {n} '))" for n in names)


_HOLDS_CONTENT = etree.XPath(f"descendant::*[{_class_test('entry-content')}]")
_ENTRY_BODY = etree.XPath(
    "(descendant::*["
    + _class_test(
        "entry-content", "e-content", "entry-summary", "p-summary", "post-body", "post-content"
    )
    + " or @itemprop='articleBody'])[1]"
)
_PERMALINK = etree.XPath(
    "(descendant::a[@href][contains(concat(' ', normalize-space(@rel), ' '), ' bookmark ')]"
    f" | descendant::*[{_class_test('entry-title', 'p-name', 'post-title')}]//a[@href]"
    " | descendant::*[self::h1 or self::h2 or self::h3]//a[@href]"
    f" | descendant::a[@href][{_class_test('u-url')}])[1]"
)
_CONTENT_CLASSES = (
    "entry-content", "e-content", "post-content", "post-body", "article-body", "article-content",
    "article__body", "story-body", "mw-parser-output",
)  # fmt: skip
_FEED = etree.XPath(f"(//*[{_class_test('hfeed', 'h-feed')}])[1]")
_MAIN = etree.XPath("(//main | //*[@role='main'])[1]")


def same_site(url: str, page_url: str) -> bool:
    """Whether ``url`` (resolved) is on the page's own site: same registrable domain."""
    try:
        link, page = urlsplit(url), urlsplit(page_url)
        host, page_host = (link.hostname or "").lower(), (page.hostname or "").lower()
    except ValueError:  # a malformed host ("http://[x") is nobody's site
        return False
    if not host or not page_host:
        return link.scheme == page.scheme == "file"
    return same_registered_domain(host, page_host)


def is_chrome(tag: Element) -> bool:
    """Subtrees of page furniture: navigation, headers, footers, share and comment widgets."""
    return _named_chrome(tag, tag.tag)


def _named_chrome(tag: Element, name: str) -> bool:
    """:func:`is_chrome` for a caller that has read the tag's name (each ``.tag`` is a new str)."""
    if name in _CHROME_TAGS:
        return True
    role_value, class_value, id_value = chrome_attributes(tag)
    role = (role_value or "").lower()
    if role in _CHROME_ROLES:
        return True
    if name in _NEVER_CHROME or role == "main":
        return False  # "has-left-sidebar" on a <main> describes its layout, not its content
    label = f"{class_value or ''} {id_value or ''}"
    if label == " ":
        return False
    return _chrome_label(label) if len(label) <= _CACHED_LABEL else _chrome_words(label)


def _chrome_words(label: str) -> bool:
    if label.isascii():  # most labels: the same search without case folding at every character
        return _CHROME_WORDS_LOWER.search(label.lower()) is not None
    return _CHROME_WORDS.search(label) is not None


# _CHROME_WORDS without IGNORECASE, for an ASCII label in lower case: its words are all lower
# case, and only a character outside ASCII (``ſ``, ``K``, ``İ``) folds to an ASCII letter, so on
# such a label the two searches agree; ~2x cheaper (issue 19: sre's case folding per character).
_CHROME_WORDS_LOWER = lazy(_CHROME_WORDS.pattern)


# A page repeats its class names on hundreds of elements: each label is searched once.
_chrome_label = functools.lru_cache(maxsize=4096)(_chrome_words)


def _unseen(tag: Element) -> bool:
    return tag.tag in _UNSEEN and not (tag.tag == "noscript" and _holds_blocks(tag))


def _holds_blocks(noscript: Element) -> bool:
    """A ``<noscript>`` that libxml2 made the parent of the page: an unclosed ``<div>`` in it.

    Browsers read a ``<noscript>`` as raw text up to ``</noscript>``; libxml2 reads markup, so
    ``<noscript><div></noscript>`` leaves the rest of the page inside the ``<noscript>``.
    """
    return any(is_element(child) and child.tag in ("div", "section", "main") for child in noscript)


@dataclass(slots=True)
class _Measure:
    """What one pass learns about a subtree."""

    prose: int = 0  # characters of text outside links
    linked: int = 0  # characters of text inside links
    links: int = 0
    own_links: int = 0
    paragraphs: int = 0  # characters of prose in paragraphs outside page furniture


def _length(text: str | None) -> int:
    """The length of ``text`` with its white space collapsed, as a reader sees it."""
    return 0 if not text or text.isspace() else len(" ".join(text.split()))


def _compiled_measure() -> ModuleType | None:
    """The compiled measure, given this module's rules once, or None for the pure passes."""
    module = native.compiled()
    if module is None:
        return None
    flags: dict[str, int] = {}
    for names, flag in (
        (_UNSEEN, module.UNSEEN),
        (("noscript",), module.NOSCRIPT),
        (_BLOCKS, module.BLOCK),
        (("a",), module.LINK),
        (("p", "pre"), module.PARAGRAPH),
        (("div", "td"), module.PARAGRAPH_WITHOUT_BLOCKS),
    ):
        for name in names:
            flags[name] = flags.get(name, 0) | flag
    module.configure(flags, _holds_blocks, _named_chrome, _MIN_PARAGRAPH)
    return module


_COMPILED = _compiled_measure()


def _measure(body: Element, page_url: str, index: PageIndex | None = None) -> _Measures:
    """Every element's :class:`_Measure`: linear passes, no recursion.

    Children before parents, each subtree is summed; a ``<div>`` or ``<td>`` holding no block is
    a paragraph, as readability reads it (many sites write their text in ``<div>`` elements).
    Then the paragraphs that lie in page furniture (:class:`_Furniture`) are taken out of the
    sums (a comment is prose, but not the article's).  A wrapper whose class names a sidebar
    but that holds most of the page's paragraphs (``content-sidebar-wrap``) is layout, not
    furniture.

    Each element's tag and parent are read from lxml once (every ``.tag`` builds a new string)
    and the passes run over plain lists by position; a link's site is judged once per distinct
    href (issue 19: this was half of extraction's time).
    """
    if index is None or body not in index.position:
        index = PageIndex(body)
    span = index.subtree(body)
    elements = index.elements[span.start : span.stop]
    tags = index.tags[span.start : span.stop]
    parents = [parent - span.start for parent in index.parents[span.start : span.stop]]
    parents[0] = -1  # the body's own parent is outside what is measured
    own_site = _OwnSite(page_url)
    columns = None
    if _COMPILED is not None:
        columns = _COMPILED.measure_columns(elements, tags, parents, own_site)
    if columns is None:  # pure Python (or a text the compiled passes leave to lxml)
        columns = _measure_columns(elements, tags, parents, own_site)
    return _Measures(index, span, columns)


def _measure_columns(
    elements: list[Element], tags: list[str], parents: list[int], own_site: _OwnSite
) -> tuple[list[int], ...]:
    """prose, linked, links, own links and paragraphs outside furniture of each element, by
    position (``parents`` by position too, the top's -1): the passes of :func:`_measure`.

    The reference: ``checker.extract._walk.measure_columns`` is the same passes compiled over
    libxml2's nodes, used when it was built (:mod:`checker.extract.native`), and must give
    exactly these lists.
    """
    count = len(elements)
    hidden, blocks = _UNSEEN, _BLOCKS
    unseen = [
        tag in hidden and not (tag == "noscript" and _holds_blocks(element))
        for element, tag in zip(elements, tags, strict=True)
    ]
    # Each text's length, collapsed as a reader sees it (an unseen element's text is never
    # read: a script's JSON would be decoded for nothing); the prose sums start from them.
    prose = _collapsed_lengths(
        [None if gone else element.text for element, gone in zip(elements, unseen, strict=True)]
    )
    tails = _collapsed_lengths([element.tail for element in elements])
    linked, links, own_links, paragraphs = ([0] * count for _ in range(4))
    has_block = [False] * count
    is_paragraph = [False] * count
    minimum = _MIN_PARAGRAPH
    # Children before parents: each element's sums are complete when it is reached and go to
    # its parent.  The body (position 0) has no parent here and is finished after the loop.
    # Most elements add nothing to their parent (no text, no link, no paragraph): each sum is
    # added only when it is not zero, which skips most of the loop's list writes (issue 19).
    for i, tag, parent in zip(range(count - 1, 0, -1), tags[:0:-1], parents[:0:-1], strict=True):
        if unseen[i]:
            prose[i] = linked[i] = links[i] = own_links[i] = paragraphs[i] = 0
            prose[parent] += tails[i]
            if tag in blocks:
                has_block[parent] = True
            continue
        mine_prose = prose[i]
        if tag == "a":
            href = elements[i].get("href")
            if href:
                linked[i] += mine_prose
                mine_prose = prose[i] = 0
                links[i] += 1
                own_links[i] += own_site(href)
        added = mine_prose + tails[i]
        if added:
            prose[parent] += added
        mine_links = links[i]
        if mine_links:
            linked[parent] += linked[i]
            links[parent] += mine_links
            own_links[parent] += own_links[i]
        if tag in blocks:
            has_block[parent] = True
        if mine_prose >= minimum and (
            tag in ("p", "pre") or (tag in ("div", "td") and not has_block[i])
        ):
            is_paragraph[i] = True
            paragraphs[i] = mine_prose
            paragraphs[parent] += mine_prose
        else:
            mine_paragraphs = paragraphs[i]
            if mine_paragraphs:
                paragraphs[parent] += mine_paragraphs
    if count:
        _finish_top(elements[0], tags[0], unseen[0], (prose, linked, links, own_links), own_site)
    if count and unseen[0]:
        paragraphs[0] = 0
    total = paragraphs[0] if count else 0
    furniture = _Furniture(elements, tags, parents, paragraphs, total)
    summed = [0] * count
    holds = furniture.holds
    # the sums again, without the furniture's paragraphs (the top is never a paragraph)
    for i, parent in zip(range(count - 1, 0, -1), parents[:0:-1], strict=True):
        if unseen[i]:
            summed[i] = 0
            continue
        mine = summed[i]
        if is_paragraph[i] and not holds(i):
            mine += paragraphs[i]
            summed[i] = mine
        if mine:
            summed[parent] += mine
    if count and unseen[0]:
        summed[0] = 0
    return prose, linked, links, own_links, summed


def _collapsed_lengths(texts: list[str | None]) -> list[int]:
    """Each text's length with its white space collapsed (0 for None or white space only)."""
    return [len(" ".join(t.split())) if t and not t.isspace() else 0 for t in texts]


def _finish_top(
    element: Element,
    tag: str,
    unseen: bool,
    columns: tuple[list[int], list[int], list[int], list[int]],
    own_site: _OwnSite,
) -> None:
    """The measured subtree's top element: its own text and link, once its children are in."""
    prose, linked, links, own_links = columns
    if unseen:
        prose[0] = linked[0] = links[0] = own_links[0] = 0
        return
    href = element.get("href") if tag == "a" else None
    if href:
        linked[0] += prose[0]
        prose[0] = 0
        links[0] += 1
        own_links[0] += own_site(href)


class _Furniture:
    """Which measured elements lie in page furniture, judged only where it matters (issue 19).

    Only a paragraph's answer is used (its prose leaves the sums), so only the paragraphs and
    their ancestors are judged, each once: an element is in furniture when it or an ancestor is
    chrome, an ancestor holding most of the page's paragraphs excepted (a wrapper whose class
    names a sidebar but that holds the text is layout).  Judging every element cost a quarter of
    the measure.
    """

    __slots__ = ("_elements", "_known", "_paragraphs", "_parents", "_tags", "_total")

    def __init__(
        self,
        elements: list[Element],
        tags: list[str],
        parents: list[int],
        paragraphs: list[int],
        total: int,
    ) -> None:
        self._elements = elements
        self._tags = tags
        self._parents = parents
        self._paragraphs = paragraphs
        self._total = total
        self._known: dict[int, bool] = {}

    def holds(self, index: int) -> bool:
        """Whether element ``index`` is furniture or inside furniture."""
        known = self._known
        chain: list[int] = []  # ``index`` and its ancestors not judged yet, innermost first
        at = index
        while at >= 0 and at not in known:
            chain.append(at)
            at = self._parents[at]
        inside = known[at] if at >= 0 else False
        for at in reversed(chain):
            inside = inside or (
                self._paragraphs[at] * 2 <= self._total
                and _named_chrome(self._elements[at], self._tags[at])
            )
            known[at] = inside
        return inside


class _Measures(Mapping[Element, _Measure]):
    """The measures of one pass by element, each :class:`_Measure` made when it is asked for:
    the content search and the skipper ask about a few hundred of a page's elements."""

    __slots__ = ("_columns", "_index", "_span")

    def __init__(self, index: PageIndex, span: range, columns: tuple[list[int], ...]) -> None:
        self._index = index
        self._span = span
        self._columns = columns

    @property
    def columns(self) -> tuple[list[int], ...]:
        """prose, linked, links, own links and paragraphs, each a list by :meth:`at`."""
        return self._columns

    @property
    def positions(self) -> tuple[dict[Element, int], range]:
        """Each element's position in the page, and the measured span of them (see :meth:`at`)."""
        return self._index.position, self._span

    def subtree(self, element: Element) -> range:
        """The positions in the columns of a measured ``element`` and its descendants."""
        whole = self._index.subtree(element)
        start = self._span.start
        return range(whole.start - start, min(whole.stop, self._span.stop) - start)

    def at(self, element: object) -> int | None:
        """The element's position in the columns, or None outside the measured subtree."""
        at = self._index.position.get(element)
        return at - self._span.start if at is not None and at in self._span else None

    def __getitem__(self, element: Element) -> _Measure:
        found = self.get(element)
        if found is None:
            raise KeyError(element)
        return found

    def get(self, element: Element, default: None = None) -> _Measure | None:  # type: ignore[override]
        """The element's measure, or None outside the measured subtree."""
        i = self.at(element)
        if i is None:
            return default
        prose, linked, links, own_links, paragraphs = self._columns
        return _Measure(prose[i], linked[i], links[i], own_links[i], paragraphs[i])

    def __contains__(self, element: object) -> bool:
        return self.at(element) is not None

    def __iter__(self) -> Iterator[Element]:
        return iter(self._index.elements[self._span.start : self._span.stop])

    def __len__(self) -> int:
        return len(self._span)


class _OwnSite:
    """Whether an href leads to the page's own site, judged once per distinct href of a page.

    ``resolve`` and ``same_site`` parse URLs: per link, that was a third of extraction's time.
    A path from the root (``/news/1``), a fragment (``#top``) or a relative path without a
    scheme (``page.html``: no ``:`` at all) keeps the page's scheme and host whatever it says,
    so one answer, the page root's, serves them all (a relative path that ``resolve`` refuses as
    a near-miss web address excepted); a tab or line break in one could make ``urlsplit`` read
    a host (``/\\n/evil.example``), and a backslash is a slash to a browser
    (``\\\\evil.example``: :func:`checker.urls.browser_reference`), so those take the long way.
    """

    __slots__ = ("_hosts", "_known", "_page_host", "_page_url", "_root")

    def __init__(self, page_url: str) -> None:
        self._page_url = page_url
        # the page's host is all of its URL a site test reads ("": no site)
        self._page_host = _page_host(page_url)
        self._known: dict[str, bool] = {}
        self._root: bool | None = None
        self._hosts: dict[str, bool] = {}

    def __call__(self, href: str) -> bool:
        known = self._known.get(href)
        if known is not None:
            return known
        stripped = href.strip()
        if "\t" in stripped or "\n" in stripped or "\r" in stripped or "\\" in stripped:
            known = self._slow(href)  # what urlsplit deletes; a backslash, a browser's slash
        elif stripped[:1] in ("/", "#") and stripped[1:2] != "/":
            known = self._root_answer()
        elif stripped and ":" not in stripped and stripped[:2] != "//":
            # a relative path (``page.html``, ``../x``, ``?p=2``) resolves on the page's host,
            # unless resolve() refuses it as a near-miss web address (``www.x.com/a``)
            known = self._root_answer() and not is_near_miss(stripped)
        else:
            absolute = _WEB_HOST.match(stripped)
            known = self._host(absolute.group(1).lower()) if absolute else self._slow(href)
        self._known[href] = known
        return known

    def _root_answer(self) -> bool:
        """The answer for the page root, ``/``: any path on the page's host shares it."""
        if self._root is None:
            self._root = self._slow("/")
        return self._root

    def _host(self, host: str) -> bool:
        """An ``http(s)://host/…`` href with a plain host name: its host decides, once per host."""
        known = self._hosts.get(host)
        if known is None:
            # resolve() gives such a URL back as it is: only the site test is left to run
            page_host = self._page_host
            known = bool(page_host) and same_registered_domain(host, page_host)
            self._hosts[host] = known
        return known

    def _slow(self, href: str) -> bool:
        url = resolve(href, self._page_url)
        return url is not None and same_site(url, self._page_url)


def _page_host(page_url: str) -> str:
    """The host :func:`same_site` reads from ``https://NETLOC/`` for the page's netloc, lower
    case; "" without one or when it cannot be read: then the page is nobody's site.

    An ``http(s)://host/…`` href whose host is a plain name (``_WEB_HOST``: letters, digits,
    dots, hyphens) has that name, lower-cased, as its ``urlsplit`` host, so :func:`same_site`
    of it is :func:`~checker.urls.same_registered_domain` of the two hosts, without parsing
    either URL per host (issue 19: two ``urlsplit`` calls for each new host a page links).
    """
    try:
        return urlsplit(f"https://{urlsplit(page_url).netloc}/").hostname or ""
    except ValueError:
        return ""


@dataclass(frozen=True, slots=True)
class Content:
    """An article's main content: the container to read and what inside it to skip."""

    container: Element
    skip: Callable[[Element], bool]
    region: Element
    """The outermost article element around the content (for the post's title and date)."""


def main_content(root: Element, page_url: str, index: PageIndex | None = None) -> Content:
    """The main content of an article page (see the module docstring); ``index`` is the page's
    :class:`~checker.extract.tree.PageIndex`, if one was made."""
    body = next(root.iter("body"), None)
    body = body if body is not None else root
    measures = _measure(body, page_url, index)
    total = measures[body].paragraphs if body in measures else 0
    if not total:  # no paragraph of prose: the largest article, else <main>, else the body
        container = _fallback(root, body, measures, index)
    else:
        container = _holding(body, measures, total)
        outer = _content_ancestor(container, body)
        container = outer if outer is not None else container
    keep = {container, *container.iterancestors()}
    region = next(iter(reversed(list(container.iterancestors("article")))), container)
    return Content(container, _skipper(measures, container, keep, total), region)


def _fallback(
    root: Element, body: Element, measures: Mapping[Element, _Measure], index: PageIndex | None
) -> Element:
    """Without prose there is no evidence of which block is the article: an ``<article>`` is
    the content only when it holds most of the page's links (a links-only post split in
    sections must not lose all but its first), else ``<main>``, else the body."""
    articles = [a for a in _articles(_page_index(root, index)) if a in measures]
    if articles and body in measures:
        largest = max(articles, key=lambda a: measures[a].links)
        if measures[largest].links * 2 >= measures[body].links:
            return largest
    main = _first(_MAIN, root)
    return main if main is not None else body


def _holding(body: Element, measures: Mapping[Element, _Measure], total: int) -> Element:
    """The deepest element holding most of the page's paragraphs, never inside a noscript.

    Split text (a CMS's text modules, a newsletter's stories) ends in their common parent; one
    block of text ends in itself.  Each step looks at one element's children: linear.
    """
    node = body
    while True:
        child = _richest(node, measures)
        if child is not None and child.tag == "noscript":  # the walk skips a noscript: go past it
            child = _richest(child, measures)
        if child is None or measures[child].paragraphs < total * _HOLDS:
            return node
        if measures[child].paragraphs == measures[child].prose or child.tag in _WHOLE:
            return node  # a paragraph, a quote or an embed is part of the text, not its container
        node = child


def _richest(node: Element, measures: Mapping[Element, _Measure]) -> Element | None:
    return max(
        (c for c in node if is_element(c) and c in measures),
        key=lambda c: measures[c].paragraphs,
        default=None,
    )


def _content_ancestor(container: Element, body: Element) -> Element | None:
    """The outermost article or content-classed element around ``container``, if any.

    The paragraphs are the article's text; its headline, lead, sources and notes sit beside
    them in the same ``<article>`` or ``.entry-content``: those are the author's too.
    """
    found: Element | None = None
    for ancestor in container.iterancestors():
        if ancestor is body or ancestor.tag == "noscript":
            break
        if ancestor.tag == "article" or _is_content(ancestor):
            found = ancestor
    return found


def _is_content(element: Element) -> bool:
    """Whether ``element`` has a content class or ``itemprop="articleBody"``: the XPath
    ``self::*[contains(concat(' ', normalize-space(@class), ' '), ' NAME ') or …]`` in Python
    (each XPath call costs more than the test: it was asked of every ancestor of the content)."""
    if element.get("itemprop") == "articleBody":
        return True
    value = element.get("class")
    return value is not None and any(
        name in value and has_token(value, name) for name in _CONTENT_CLASSES
    )


_POST_PROPERTIES = frozenset(
    {
        "p-author",
        "u-author",
        "h-card",
        "dt-published",
        "dt-updated",
        "u-url",
        "u-uid",
        "p-canonical",
    }
)
"""Microformats2 properties an ``h-entry`` states itself by (its author, dates, address): a
``<footer>`` holding one is the post's own information (Medium's export: "By [author] on [date]",
"Canonical link", "Exported from Medium"), not its text, even when it holds a large share of a
short post's paragraphs (its links were cited as sources)."""


def _states_the_post(footer: Element) -> bool:
    """Whether ``footer`` holds a microformats2 property of its post (:data:`_POST_PROPERTIES`)."""
    return any(
        is_element(element) and not _POST_PROPERTIES.isdisjoint(classes(element))
        for element in footer.iter()
    )


def _skipper(
    measures: _Measures, container: Element, keep: set[Element], total: int
) -> Callable[[Element], bool]:
    """What :func:`checker.extract.lines.html_lines` leaves out of the main content.

    It is asked about every element the walk reaches, so it reads the measure's columns by
    position rather than building a :class:`_Measure`, and each element's name once.
    """
    prose, linked, links, own_links, paragraphs = measures.columns
    vital = total * _VITAL
    position, span = measures.positions

    def skip(tag: Element) -> bool:
        name = tag.tag
        if name == "textarea":
            return True
        at = position.get(tag)  # measures.at, inlined: the walk asks about every element
        i = at - span.start if at is not None and at in span else None
        if name == "footer" and tag not in keep and _states_the_post(tag):
            return True  # its author, date and address, however short the post (probe 31)
        if tag in keep or (i is not None and paragraphs[i] > vital):
            return False
        if _named_chrome(tag, name):
            return True
        if i is None:
            return False
        text = prose[i] + linked[i]
        density = linked[i] / text if text else 0.0
        if name == "article":  # a teaser card, judged against the page's prose (if any)
            return total > 0 and (prose[i] < _TEASER_PROSE or density > 0.5)
        return (
            name in _LINK_BLOCKS
            and links[i] >= 3
            and density >= 0.5
            and own_links[i] * 3 >= links[i] * 2
            and not (_prose_beside(tag.getprevious()) and _prose_beside(tag.getnext()))
            and not _authors_list(tag, name, i)
        )

    def _authors_list(tag: Element, name: str, i: int) -> bool:
        """Whether a link list of the site's own pages is the author's, not a theme's box.

        Probe 24b: a "best posts" post (an intro, then the list), a series table of contents
        before the first paragraph, and a list under a heading with more text after it were
        skipped as related-posts boxes, their dead links never asked.  On the 200 real pages
        every theme list so condemned carries a class or sits in a classed wrapper (tags,
        categories, "related"), while Markdown and editors write a bare ``<ul>``/``<ol>``.  So
        a bare list is the author's when a paragraph introduces it, or when the text goes on
        after it and it opens its block or follows a heading that names no theme box.  A bare
        list after the text's end under a heading ("See also", "Posts in this series") stays
        furniture: that is where themes put theirs.
        """
        if name not in ("ul", "ol") or tag.get("class") or tag.get("id"):
            return False
        previous = tag.getprevious()
        while previous is not None and not is_element(previous):  # a comment between them
            previous = previous.getprevious()
        if _prose_beside(previous):
            return True
        if previous is not None and (previous.tag not in _HEADINGS or _names_theme_box(previous)):
            return False
        # Text after it: a paragraph past its position.  A list holding a paragraph of its own
        # (rare, and the walk asks each nested one: no subtree search here) stays skipped.
        return paragraphs[i] == 0 and last_paragraph() > i

    def last_paragraph() -> int:
        """The position (in the columns) of the content's last element holding a paragraph of
        the text (furniture's paragraphs are out of the column), -1 if none: found once, from
        the container's end backwards, so asking it for every list costs nothing more."""
        if not found:
            found.append(-1)
            for at in reversed(content_span):
                if paragraphs[at] > 0:
                    found[0] = at
                    break
        return found[0]

    found: list[int] = []
    content_span = measures.subtree(container) if measures.at(container) is not None else range(0)

    def _prose_beside(sibling: Element | None) -> bool:
        """Whether ``sibling`` is a paragraph of the text: a link list between two of them is
        the author's (probe 24: "I wrote on it back then, e.g." and four of their own posts,
        three dead, were skipped as a related-posts box, never cited); one after the text, or
        after a heading, is furniture."""
        if sibling is None or sibling.tag != "p":
            return False
        at = position.get(sibling)
        return at is not None and at in span and prose[at - span.start] >= _MIN_PARAGRAPH

    return skip


def _names_theme_box(heading: Element) -> bool:
    """Whether a heading names a theme's box of links ("Related posts") by its words or class."""
    text = " ".join("".join(heading.itertext())[:200].split())
    return _named_chrome(heading, heading.tag) or _THEME_BOX_HEADING.search(text) is not None


def unrendered(tag: Element) -> bool:
    """Never read for citations in any container: a ``<textarea>``'s raw value."""
    return bool(tag.tag == "textarea")


# -- listing or article ------------------------------------------------------------------------


def listing_entries(
    root: Element, page_url: str, base: str, index: PageIndex | None = None
) -> list[Element]:
    """The posts of a page that lists posts, or ``[]`` for an article page (one post)."""
    index = index if index is not None else PageIndex(root)
    body = next(root.iter("body"), None)
    body_classes = classes(body) if body is not None else frozenset()
    says_listing = bool(body_classes & _LISTING_BODY) or {"home", "blog"} <= body_classes
    if not says_listing and _says_article(root, body_classes):
        return []
    entries = _entries(index) if index.may_have("hentry", "h-entry") else []
    if len(entries) < 2 and index.may_have("entry-content"):
        entries = [a for a in _articles(index) if _HOLDS_CONTENT(a)]
    if len(entries) < 2:
        entries = _articles(index)
    if len(entries) < 2:
        return []
    own = [e for e in entries if _has_permalink_and_body(e, page_url, base)]
    if len({_permalink(e, base) for e in own}) < 2:
        return []
    says_listing = says_listing or (
        index.may_have("hfeed", "h-feed") and _first(_FEED, root) is not None
    )
    if says_listing:
        return own
    # No word either way: a listing in fact when its entries hold most of the page's prose.
    measures = _measure(body if body is not None else root, page_url, index)
    whole = measures[body].prose if body is not None and body in measures else 0
    held = sum(measures[e].prose for e in own if e in measures)
    return own if whole and held * 2 >= whole else []


def _page_index(root: Element, index: PageIndex | None) -> PageIndex:
    """``index`` when it is the page's of ``root``, else a new one."""
    return index if index is not None and index.elements[:1] == [root] else PageIndex(root)


def _is_entry(value: str | None) -> bool:
    """Whether a ``class`` value names an ``hentry`` or ``h-entry``."""
    return has_token(value, "hentry") or has_token(value, "h-entry")


def _entries(index: PageIndex) -> list[Element]:
    """The page's ``hentry``/``h-entry`` elements that are in no other, in page order: picked
    from the index's class values (the substring test first, as :meth:`PageIndex.may_have`)."""
    return _outermost(
        index,
        [
            at
            for at, value in enumerate(index.classes)
            if value is not None and ("entry" in value) and _is_entry(value)
        ],
    )


def _articles(index: PageIndex) -> list[Element]:
    """The page's ``<article>`` elements that are in no other, in page order.

    Most pages have none: ``list.count`` of the index's tags (in C) says so before any Python
    loop over the page's elements.
    """
    tags = index.tags
    if "article" not in tags:
        return []
    return _outermost(index, [at for at, tag in enumerate(tags) if tag == "article"])


def _outermost(index: PageIndex, matches: list[int]) -> list[Element]:
    """The elements at the positions ``matches`` (in page order) that have no ancestor among
    them, in page order.

    In page order an element's descendants are the positions of its subtree, a contiguous
    range (:meth:`PageIndex.subtree`): a match before the end of the last one kept is inside
    it.  Only the matches are visited (issue 19: the test of every element of the page, read
    from lxml, cost ~0.3 ms a page); XPath's ``//x[not(ancestor::x)]`` walked every match's
    ancestors: 5,000 nested ``.hentry`` elements took 137 s (issue 23).
    """
    found: list[Element] = []
    end = -1  # where the subtree of the last element kept ends
    for at in matches:
        if at < end:
            continue
        element = index.elements[at]
        found.append(element)
        end = index.subtree(element).stop
    return found


def _says_article(root: Element, body_classes: frozenset[str]) -> bool:
    if body_classes & _SINGLE_BODY:
        return True
    og_type = next((m for m in root.iter("meta") if m.get("property") == "og:type"), None)
    if ascii_lower(attr(og_type, "content") or "") == "article":
        return True
    for script in root.iter("script"):
        if ascii_lower(script.get("type") or "") != "application/ld+json":
            continue
        text = (script.text or "")[:_MAX_JSON]
        if any(t.lower() in _ARTICLE_TYPES for t in _JSON_TYPE.findall(text)):
            return _one_article(text)
    return False


def _one_article(text: str) -> bool:
    """A JSON-LD block names one article (an ``ItemList`` of articles is a listing's)."""
    try:
        data = json.loads(text)
    except ValueError:
        return True
    return not (isinstance(data, dict) and str(data.get("@type", "")).lower() == "itemlist")


def _permalink(entry: Element, base: str) -> str | None:
    href = attr(_first(_PERMALINK, entry), "href")
    return (resolve(href, base) or href) if href else None


def _has_permalink_and_body(entry: Element, page_url: str, base: str) -> bool:
    url = _permalink(entry, base)
    if url is None or url.partition("#")[0] == page_url.partition("#")[0]:
        return False
    if _first(_ENTRY_BODY, entry) is not None:
        return True
    return any("".join(p.itertext()).strip() for p in entry.iter("p"))


def _first(xpath: etree.XPath, element: Element) -> Element | None:
    found = xpath(element)
    return found[0] if found else None
