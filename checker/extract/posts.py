"""HTML pages to posts: Blogger markup first, then WordPress, ``<article>``, ``<main>``, ``<body>``.

A Blogger label, archive or home page lists several posts; a post page has one.  Only the post
body is read for citations, so Blogger's chrome (share buttons, labels, the pager, the sidebar)
never becomes a citation.  Pages that are not Blogger fall back to the most specific container
they have; in those fallbacks navigation, headers, footers, sidebars and share/comment widgets
are skipped by tag and class name.

The page is parsed once by :func:`checker.extract.tree.parse_html` (libxml2 through lxml, which
records each element's source line: a citation says on which line of the page it appears); the
post containers are found by lxml's ``iter`` where a tag decides and by precompiled XPath where a
class does, that XPath run only when the page's :class:`~checker.extract.tree.PageIndex` says
some ``class`` value holds the name (issue 19).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from lxml import etree

from checker.dates import parse_post_date
from checker.encoding import ascii_lower
from checker.extract.citations import PostCitations, post_citations
from checker.extract.content import is_chrome, listing_entries, main_content, unrendered
from checker.extract.embeds import find_embeds
from checker.extract.embeds.shortcodes import hugo_calls_as_text
from checker.extract.lines import html_lines, link_budget
from checker.extract.links import base_url, classify_href, resolve
from checker.extract.tree import (
    Element,
    PageIndex,
    attr,
    has_token,
    held,
    parse_html,
    text_of,
)
from checker.model import Citation, CitationKind, Document, Page
from checker.urls import REFRESH_PATIENCE, meta_refresh

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ["extract_html"]


def _class(name: str) -> str:
    """An XPath test for the class ``name``, as CSS's ``.name`` matches it."""
    # the plain ``contains`` first: it is cheap and rules out nearly every element
    spaced = "concat(' ', normalize-space(@class), ' ')"
    return f"(contains(@class, '{name}') and contains({spaced}, ' {name} '))"


# Precompiled XPath, each the CSS selector it stands for.  ``descendant::`` (not ``.//``) keeps
# the context element out, as CSS ``select`` does; ``[1]`` on a path is the first in page order.
# Tag-only lookups are lxml's ``iter`` (a walk in C); libxml2's XPath is kept for class tests,
# each run only when :meth:`PageIndex.may_have` says the page holds the class name at all.
_PUBLISHED_ABBR = etree.XPath(f"descendant::abbr[{_class('published')}]")
_DATE_PUBLISHED = etree.XPath("descendant::*[@itemprop='datePublished']")
_PUBLISHED = etree.XPath(f"descendant::*[{_class('published')}]")
_SHOWN_DATES = tuple(
    (name, etree.XPath(f"(descendant::*[{_class(name)}])[1]"))
    for name in ("published", "entry-date", "date-header")
)
_DATE_OUTER = etree.XPath(f"ancestor::*[{_class('date-outer')}][1]")
_DATE_HEADER = etree.XPath(f"(descendant::*[{_class('date-header')}])[1]")
_ITEMPROP_URLS = etree.XPath("descendant::meta[@itemprop='url']")
_IN_AUTHOR = etree.XPath("ancestor::*[@itemprop='author']")
_POST_TITLE = etree.XPath(f"(descendant::*[{_class('post-title')}])[1]")
_POST_BODY = etree.XPath(f"(descendant::*[{_class('post-body')}])[1]")
_LINK = etree.XPath("(descendant::a[@href])[1]")
_BLOGGER_POSTS = etree.XPath(f"//*[{_class('post-outer')}]//*[{_class('post')}]")
_ENTRY_CONTENT = etree.XPath(f"(descendant::*[{_class('entry-content')}])[1]")
_HEADING = etree.XPath(f"(descendant::*[{_class('entry-title')} or self::h1 or self::h2])[1]")
_HEADING_TAGS = ("h1", "h2")


def _heading(container: Element, index: PageIndex) -> Element | None:
    """The first ``.entry-title``, ``<h1>`` or ``<h2>`` inside ``container``."""
    if not index.may_have("entry-title"):
        return next(container.iterdescendants("h1", "h2"), None)
    if container not in index.position:
        return _first(_HEADING, container)
    # ``_HEADING`` from the index's tags and class values: the XPath tested every element of
    # the container in libxml2 (~0.5 ms on an average page), the loop stops at the first
    span = index.subtree(container)
    tags, values = index.tags, index.classes
    for at in range(span.start + 1, span.stop):
        value = values[at]
        if tags[at] in _HEADING_TAGS or (
            value is not None and "entry-title" in value and has_token(value, "entry-title")
        ):
            return index.elements[at]
    return None


def _first_tag(root: Element, tag: str, test: Callable[[Element], bool]) -> Element | None:
    """The first ``tag`` element of the page that passes ``test``, in page order."""
    return next((element for element in root.iter(tag) if test(element)), None)


def _first(xpath: etree.XPath, element: Element, **variables: str) -> Element | None:
    found = xpath(element, **variables)
    return found[0] if found else None


def _first_classed(
    container: Element, name: str, index: PageIndex, xpath: etree.XPath
) -> Element | None:
    """``xpath`` (``(descendant::*[class name])[1]``) from the index's class values.

    Each such XPath call cost ~20-100 µs on a Blogger post (libxml2 builds the whole node set
    before ``[1]`` takes its first); the scan reads the post's class strings, already in a
    list, and stops at the first match.  An element the index does not hold takes the XPath.
    """
    if not index.may_have(name):
        return None
    if container not in index.position:
        return _first(xpath, container)
    span = index.subtree(container)
    values = index.classes
    for at in range(span.start + 1, span.stop):
        value = values[at]
        if value is not None and name in value and has_token(value, name):
            return index.elements[at]
    return None


def _classed_ancestor(
    element: Element, name: str, index: PageIndex, xpath: etree.XPath
) -> Element | None:
    """``xpath`` (``ancestor::*[class name][1]``: the nearest such ancestor) from the index's
    parents and class values."""
    if not index.may_have(name):
        return None
    at = index.position.get(element)
    if at is None:
        return _first(xpath, element)
    values, parents = index.classes, index.parents
    at = parents[at]
    while at >= 0:
        value = values[at]
        if value is not None and name in value and has_token(value, name):
            return index.elements[at]
        at = parents[at]
    return None


def _text(tag: Element | None) -> str | None:
    if tag is None:
        return None
    text = " ".join(text_of(tag).split())
    return text or None


def _page_url(root: Element, page: Page, index: PageIndex) -> str:
    """The post's own address: its ``<link rel="canonical">``, else the ``p-canonical`` link a
    Medium export writes in its footer (the post's address on Medium: its file's address was
    the post's, and that link a citation of its own, probe 31), else the page's URL."""
    canonical = _first_tag(root, "link", _is_canonical)
    href = attr(canonical, "href")
    if not href and index.may_have(_CANONICAL_CLASS):
        href = attr(_first_tag(root, "a", _is_canonical_anchor), "href")
    return (resolve(href, page.url) if href else None) or page.url


_CANONICAL_CLASS = "p-canonical"


def _is_canonical_anchor(anchor: Element) -> bool:
    """``<a class="p-canonical" href>``: Medium's export names the post's address so."""
    return has_token(anchor.get("class") or "", _CANONICAL_CLASS) and bool(anchor.get("href"))


def _is_canonical(link: Element) -> bool:
    """``<link rel="canonical">``, ``rel="Canonical"`` too: HTML compares ``rel`` keywords in
    ASCII case only (:func:`checker.encoding.ascii_lower`; ``rel=canonıcal`` is none).  The
    substring first: most links are stylesheets and icons."""
    rel = link.get("rel")
    if rel is None:
        return False
    rel = ascii_lower(rel)
    return "canonical" in rel and has_token(rel, "canonical")


def _base_url(root: Element, page: Page) -> str:
    """What relative links resolve against: ``<base href>`` (read against the page's own URL,
    :func:`base_url`), else the page's own URL."""
    href = attr(_first_tag(root, "base", lambda base: base.get("href") is not None), "href")
    return (base_url(href, page.url) if href else None) or page.url


def _page_title(root: Element) -> str | None:
    og = attr(_first_tag(root, "meta", lambda meta: meta.get("property") == "og:title"), "content")
    return og or _text(next(root.iter("title"), None))


def _page_date(root: Element) -> date | None:
    every = list(root.iter("meta"))
    for prop in ("article:published_time", "og:published_time", "datePublished"):
        metas = [m for m in every if m.get("property") == prop or m.get("itemprop") == prop]
        # the first meta naming it by property, else the first naming it by itemprop
        meta = next((m for m in metas if m.get("property") == prop), None)
        meta = meta if meta is not None else next(iter(metas), None)
        day = parse_post_date(attr(meta, "content"))
        if day:
            return day
    return None


def _date_within(container: Element, index: PageIndex) -> date | None:
    """A post's own date: ``abbr.published[title]``, ``time[datetime]``, ``.published`` text."""
    for found, attribute in _dated(container, index):
        day = parse_post_date(attr(found, attribute))
        if day:
            return day
    for element in _shown_dates(container, index):
        day = parse_post_date(_text(element))
        if day:
            return day
    return None


def _shown_dates(container: Element, index: PageIndex) -> Iterator[Element | None]:
    """The first ``<time>``, ``.published``, ``.entry-date`` and ``.date-header`` in order."""
    yield next(container.iterdescendants("time"), None)
    for name, xpath in _SHOWN_DATES:
        if index.may_have(name):
            yield _first(xpath, container)


def _dated(container: Element, index: PageIndex) -> Iterator[tuple[Element, str]]:
    """The elements in ``container`` that may carry a date, each with the attribute that would
    hold it, in the order they are tried."""
    if index.may_have("published"):
        yield from ((found, "title") for found in _PUBLISHED_ABBR(container))
    for found in container.iterdescendants("time"):
        if found.get("datetime") is not None:
            yield found, "datetime"
    if index.may_have_itemprop("datePublished"):
        published = _DATE_PUBLISHED(container)  # one XPath over the container serves both
        yield from ((found, "content") for found in published)
        yield from ((found, "datetime") for found in published)
    if index.may_have("published"):
        yield from ((found, "title") for found in _PUBLISHED(container))


def _blogger_date(post: Element, index: PageIndex) -> date | None:
    outer = _classed_ancestor(post, "date-outer", index, _DATE_OUTER)
    if outer is not None:
        day = parse_post_date(_text(_first_classed(outer, "date-header", index, _DATE_HEADER)))
        if day:
            return day
    return _date_within(post, index)


def _own_itemprop_url(post: Element, base: str) -> str | None:
    """The post's ``itemprop=url``, not its author's (Blogger nests a profile URL in the byline)."""
    for meta in _ITEMPROP_URLS(post):
        if not _IN_AUTHOR(meta):
            return resolve(attr(meta, "content") or "", base)
    return None


def _blogger_document(
    post: Element,
    page: Page,
    *,
    page_url: str,
    base: str,
    single: bool,
    limit: int | None,
    verbatim: bool,
    index: PageIndex,
) -> Document:
    heading = _first_classed(post, "post-title", index, _POST_TITLE)
    link = _first(_LINK, heading) if heading is not None else None
    title = _text(heading)
    url = resolve(attr(link, "href") or "", page.url) if link is not None else None
    if url is None:
        url = _own_itemprop_url(post, page.url)
    url = url or (page_url if single else page.url)
    body = _first_classed(post, "post-body", index, _POST_BODY)
    body = body if body is not None else post
    found = _body_citations(
        body, title, base, limit=limit, skip=unrendered, verbatim=verbatim, page_index=index
    )
    published = _blogger_date(post, index)
    return found.document(url, page.origin, title, published)


def _body_citations(
    body: Element,
    title: str | None,
    base: str,
    *,
    limit: int | None,
    skip: Callable[[Element], bool] | None = None,
    verbatim: bool,
    page_index: PageIndex,
) -> PostCitations:
    """A post body's citations; embeds are found first so that lines know their embed."""
    found = find_embeds(body, base, page_index)
    roots = {tag: index for index, (tag, _embed) in enumerate(found)}
    lines = html_lines(body, skip=skip, embeds=roots, include_verbatim=verbatim)
    return post_citations(lines, title, base, [embed for _tag, embed in found], limit=limit)


def _blogger_posts(root: Element, index: PageIndex) -> list[Element]:
    posts = _outer_posts(index) if index.may_have("post-outer") else []
    posts = posts or (_hentry_posts(index) if index.may_have("hentry") else [])
    return [p for p in posts if _first_classed(p, "post-body", index, _POST_BODY) is not None]


def _outer_posts(index: PageIndex) -> list[Element]:
    """``_BLOGGER_POSTS`` (every ``.post`` inside a ``.post-outer``, in page order) from the
    index's class values: the XPath tested every element of the page in libxml2, ~1.3 ms on a
    label page of ten posts."""
    values, elements = index.classes, index.elements
    found: list[Element] = []
    inside_until = -1  # the positions before this one are inside a .post-outer seen so far
    for at, value in enumerate(values):
        if value is None or "post" not in value:
            continue
        if at < inside_until and has_token(value, "post"):
            found.append(elements[at])
        if "post-outer" in value and has_token(value, "post-outer"):
            inside_until = max(inside_until, index.subtree(elements[at]).stop)
    return found


def _hentry_posts(index: PageIndex) -> list[Element]:
    """The page's ``.post.hentry`` elements in page order, from the index's class values: the
    XPath ``//*[…]`` it stands for walked the whole page in libxml2 (~0.5 µs an element)."""
    return [
        index.elements[at]
        for at, value in enumerate(index.classes)
        if value is not None
        and "hentry" in value
        and has_token(value, "post")
        and has_token(value, "hentry")
    ]


def _chrome_or_unrendered(tag: Element) -> bool:
    """What a listed post's body leaves out: page furniture and a ``<textarea>``'s raw value."""
    return unrendered(tag) or is_chrome(tag)


def _container_document(
    container: Element,
    page: Page,
    root: Element,
    *,
    page_url: str,
    base: str,
    single: bool,
    limit: int | None,
    verbatim: bool,
    index: PageIndex,
) -> Document:
    """A post from a WordPress entry, an ``<article>``, ``<main>`` or ``<body>``.

    In ``<main>`` or ``<body>`` the first heading may be the site's name, so the page's own
    title (og:title, ``<title>``) comes first there.
    """
    heading = _heading(container, index)
    title = _text(heading)
    if container.tag in ("main", "body", "html") or container.get("role") == "main":
        title = _page_title(root) or title
    link = _first(_LINK, heading) if heading is not None else None
    url = resolve(attr(link, "href") or "", page.url) if link is not None else None
    if url is None:
        url = page_url if single else page.url
    if single:
        title = title or _page_title(root)
    published = _date_within(container, index) or (_page_date(root) if single else None)
    body = _first(_ENTRY_CONTENT, container) if index.may_have("entry-content") else None
    body = body if body is not None else container
    found = _body_citations(
        body,
        title,
        base,
        limit=limit,
        skip=_chrome_or_unrendered,
        verbatim=verbatim,
        page_index=index,
    )
    return found.document(url, page.origin, title, published)


def extract_html(
    page: Page, *, include_verbatim: bool = False, max_citations: int | None = None
) -> tuple[Document, ...]:
    """One :class:`Document` per post on an HTML page, each with at most ``max_citations``.

    ``include_verbatim`` also reads links in ``<pre>``, ``<code>``, ``<samp>``, ``<kbd>`` and
    ``<var>`` (off: code is not a citation, as in Markdown).
    """
    budget = link_budget(max_citations)
    root = parse_html(hugo_calls_as_text(page.body), budget)
    with held(root) as index:  # (a deep page's proxies are otherwise freed in quadratic time)
        return _documents(root, page, max_citations, include_verbatim, index)


def _documents(
    root: Element, page: Page, limit: int | None, verbatim: bool, index: PageIndex
) -> tuple[Document, ...]:
    page_url = _page_url(root, page, index)
    base = _base_url(root, page)
    blogger = _blogger_posts(root, index)
    if blogger:
        single = len(blogger) == 1
        return tuple(
            _blogger_document(
                p,
                page,
                page_url=page_url,
                base=base,
                single=single,
                limit=limit,
                verbatim=verbatim,
                index=index,
            )
            for p in blogger
        )
    entries = listing_entries(root, page_url, base, index)
    if not entries:
        article = _article_document(
            root, page, page_url=page_url, base=base, limit=limit, verbatim=verbatim, index=index
        )
        return (article,)
    return tuple(
        _container_document(
            c,
            page,
            root,
            page_url=page_url,
            base=base,
            single=False,
            limit=limit,
            verbatim=verbatim,
            index=index,
        )
        for c in entries
    )


def _article_document(
    root: Element,
    page: Page,
    *,
    page_url: str,
    base: str,
    limit: int | None,
    verbatim: bool,
    index: PageIndex,
) -> Document:
    """A page that is one post: its main content, titled by its headline or the page's title."""
    content = main_content(root, page_url, index)
    region = content.region
    title = _text(_heading(region, index))
    if region.tag in ("main", "body", "html") or region.get("role") == "main" or not title:
        title = _page_title(root) or title
    published = _date_within(region, index) or _page_date(root)
    found = _body_citations(
        content.container,
        title,
        base,
        limit=limit,
        skip=content.skip,
        verbatim=verbatim,
        page_index=index,
    )
    citations = found.citations
    forward = _refresh_citation(root, base)
    if forward is not None and all(c.url != forward.url for c in citations):
        citations = (forward, *citations)
    return replace(found, citations=citations).document(page_url, page.origin, title, published)


def _refresh_citation(root: Element, base: str) -> Citation | None:
    """Where the page's ``<meta http-equiv="refresh">`` sends every reader, as a ``link``.

    A moved post's stub (Hugo's ``aliases``, Jekyll's ``redirect_from``) is one refresh: its
    target was neither cited nor reported, so a stub sending readers to a dead page passed
    (linkinator's ``metarefresh``, htmltest's ``meta/`` fixtures check it).  A plain reload
    (``content="900"``), one inside ``<noscript>`` (a script-less fallback most readers never
    get) and one no reader waits for are not links.
    """
    for meta in root.iter("meta"):
        if ascii_lower(str(meta.get("http-equiv") or "").strip()) != "refresh":
            continue
        found = meta_refresh(str(meta.get("content") or ""))
        if found is None or found[1] is None or found[0] > REFRESH_PATIENCE:
            continue
        if any(a.tag == "noscript" for a in meta.iterancestors()):
            continue
        href = classify_href(found[1], base)
        if href.url is not None:
            return Citation(
                CitationKind.LINK, href.url, line=meta.sourceline, context="meta refresh"
            )
    return None
