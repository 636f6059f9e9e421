"""HTML pages to posts: Blogger markup first, then WordPress, ``<article>``, ``<main>``, ``<body>``.

A Blogger label, archive or home page lists several posts; a post page has one.  Only the post
body is read for citations, so Blogger's chrome (share buttons, labels, the pager, the sidebar)
never becomes a citation.  Pages that are not Blogger fall back to the most specific container
they have; in those fallbacks navigation, headers, footers, sidebars and share/comment widgets
are skipped by tag and class name.

The page is parsed with BeautifulSoup's ``html.parser`` rather than lxml because only it records
each tag's source line, and a citation must say on which line of the page it appears.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup, Tag

from checker.extract.citations import PostCitations, post_citations
from checker.extract.dates import to_iso
from checker.extract.embeds import find_embeds
from checker.extract.lines import html_lines
from checker.extract.links import resolve
from checker.model import Document, Page

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["extract_html"]

_CHROME_TAGS = frozenset({"nav", "header", "footer", "aside", "form", "menu"})
_CHROME_WORDS = re.compile(
    r"(?:^|[-_\s])(?:share|sharing|social|comments?|related|sidebar|widget|menu|nav|navigation|"
    r"breadcrumbs?|pager|pagination|post-footer|post-labels|byline-share|subscribe|newsletter|"
    r"advert|ads|cookie|banner|skip-link)(?:$|[-_\s])",
    re.IGNORECASE,
)


def _classes(tag: Tag) -> str:
    value = tag.get("class")
    if value is None:
        return ""
    return " ".join(value) if isinstance(value, list) else str(value)


def _is_chrome(tag: Tag) -> bool:
    """Subtrees of page furniture inside a fallback container."""
    if tag.name in _CHROME_TAGS:
        return True
    if str(tag.get("role", "")).lower() in ("navigation", "banner", "contentinfo", "complementary"):
        return True
    label = f"{_classes(tag)} {tag.get('id') or ''}"
    return bool(_CHROME_WORDS.search(label))


def _text(tag: Tag | None) -> str | None:
    if tag is None:
        return None
    text = " ".join(tag.get_text(" ").split())
    return text or None


def _attr(tag: Tag | None, name: str) -> str | None:
    if tag is None:
        return None
    value = tag.get(name)
    if isinstance(value, list):
        value = " ".join(value)
    return value.strip() or None if value else None


def _page_url(soup: BeautifulSoup, page: Page) -> str:
    canonical = soup.find("link", rel="canonical")
    href = _attr(canonical, "href") if isinstance(canonical, Tag) else None
    return (resolve(href, page.url) if href else None) or page.url


def _base_url(soup: BeautifulSoup, page: Page) -> str:
    """What relative links resolve against: ``<base href>``, else the page's own URL."""
    base = soup.find("base", href=True)
    href = _attr(base, "href") if isinstance(base, Tag) else None
    return (resolve(href, page.url) if href else None) or page.url


def _page_title(soup: BeautifulSoup) -> str | None:
    og = soup.find("meta", property="og:title")
    if isinstance(og, Tag) and _attr(og, "content"):
        return _attr(og, "content")
    title = soup.find("title")
    return _text(title) if isinstance(title, Tag) else None


def _page_date(soup: BeautifulSoup) -> str | None:
    for prop in ("article:published_time", "og:published_time", "datePublished"):
        meta = soup.find("meta", attrs={"property": prop}) or soup.find(
            "meta", attrs={"itemprop": prop}
        )
        if isinstance(meta, Tag) and to_iso(_attr(meta, "content")):
            return to_iso(_attr(meta, "content"))
    return None


def _date_within(container: Tag) -> str | None:
    """A post's own date: ``abbr.published[title]``, ``time[datetime]``, ``.published`` text."""
    for selector, attribute in (
        ("abbr.published", "title"),
        ("time[datetime]", "datetime"),
        ("[itemprop=datePublished]", "content"),
        ("[itemprop=datePublished]", "datetime"),
        (".published", "title"),
    ):
        for found in container.select(selector):
            iso = to_iso(_attr(found, attribute))
            if iso:
                return iso
    for selector in ("time", ".published", ".entry-date", ".date-header"):
        iso = to_iso(_text(container.select_one(selector)))
        if iso:
            return iso
    return None


def _blogger_date(post: Tag) -> str | None:
    outer = post.find_parent(class_="date-outer")
    if isinstance(outer, Tag):
        iso = to_iso(_text(outer.select_one(".date-header")))
        if iso:
            return iso
    return _date_within(post)


def _own_itemprop_url(post: Tag, base: str) -> str | None:
    """The post's ``itemprop=url``, not its author's (Blogger nests a profile URL in the byline)."""
    for meta in post.select("meta[itemprop=url]"):
        if meta.find_parent(attrs={"itemprop": "author"}) is None:
            return resolve(_attr(meta, "content") or "", base)
    return None


def _blogger_document(
    post: Tag, page: Page, *, page_url: str, base: str, single: bool, limit: int | None
) -> Document:
    heading = post.select_one(".post-title")
    link = heading.find("a", href=True) if heading is not None else None
    title = _text(heading)
    url = resolve(_attr(link, "href") or "", page.url) if isinstance(link, Tag) else None
    if url is None:
        url = _own_itemprop_url(post, page.url)
    url = url or (page_url if single else page.url)
    body = post.select_one(".post-body") or post
    found = _body_citations(body, title, base, limit=limit)
    published = _blogger_date(post)
    return Document(url, page.origin, title, published, found.citations, omitted=found.omitted)


def _body_citations(
    body: Tag,
    title: str | None,
    base: str,
    *,
    limit: int | None,
    skip: Callable[[Tag], bool] | None = None,
) -> PostCitations:
    """A post body's citations; embeds are found first so that lines know their embed."""
    found = find_embeds(body, base)
    roots = {id(tag): index for index, (tag, _embed) in enumerate(found)}
    lines = html_lines(body, skip=skip, embeds=roots)
    return post_citations(lines, title, base, [embed for _tag, embed in found], limit=limit)


def _blogger_posts(soup: BeautifulSoup) -> list[Tag]:
    posts = list(soup.select(".post-outer .post")) or list(soup.select(".post.hentry"))
    return [p for p in posts if p.select_one(".post-body") is not None]


def _wordpress_posts(soup: BeautifulSoup) -> list[Tag]:
    contents = soup.select(".entry-content")
    posts: list[Tag] = []
    for content in contents:
        container = content.find_parent("article") or content.parent
        if isinstance(container, Tag) and container not in posts:
            posts.append(container)
    return posts


def _container_document(
    container: Tag,
    page: Page,
    soup: BeautifulSoup,
    *,
    page_url: str,
    base: str,
    single: bool,
    limit: int | None,
) -> Document:
    """A post from a WordPress entry, an ``<article>``, ``<main>`` or ``<body>``.

    In ``<main>`` or ``<body>`` the first heading may be the site's name, so the page's own
    title (og:title, ``<title>``) comes first there.
    """
    heading = container.select_one(".entry-title, h1, h2")
    title = _text(heading)
    if container.name in ("main", "body", "[document]") or container.get("role") == "main":
        title = _page_title(soup) or title
    link = heading.find("a", href=True) if heading is not None else None
    url = resolve(_attr(link, "href") or "", page.url) if isinstance(link, Tag) else None
    if url is None:
        url = page_url if single else page.url
    if single:
        title = title or _page_title(soup)
    published = _date_within(container) or (_page_date(soup) if single else None)
    body = container.select_one(".entry-content") or container
    found = _body_citations(body, title, base, limit=limit, skip=_is_chrome)
    return Document(url, page.origin, title, published, found.citations, omitted=found.omitted)


def _articles(soup: BeautifulSoup) -> list[Tag]:
    """Outermost ``<article>`` elements (an article nested in another is part of it)."""
    return [a for a in soup.find_all("article") if a.find_parent("article") is None]


def extract_html(page: Page, *, max_citations: int | None = None) -> tuple[Document, ...]:
    """One :class:`Document` per post on an HTML page, each with at most ``max_citations``."""
    soup = BeautifulSoup(page.body, "html.parser")
    try:
        return _documents(soup, page, max_citations)
    finally:
        # The tree is a web of parent/child cycles: left to the garbage collector, a run's
        # parsed pages piled up (tens of MB for a thousand label pages) and each collection
        # stalled the event loop.  Taking it apart frees it at once.
        soup.decompose()


def _documents(soup: BeautifulSoup, page: Page, limit: int | None) -> tuple[Document, ...]:
    page_url = _page_url(soup, page)
    base = _base_url(soup, page)
    blogger = _blogger_posts(soup)
    if blogger:
        single = len(blogger) == 1
        return tuple(
            _blogger_document(p, page, page_url=page_url, base=base, single=single, limit=limit)
            for p in blogger
        )
    containers = _wordpress_posts(soup) or _articles(soup)
    if not containers:
        main = soup.find("main") or soup.find(None, {"role": "main"}) or soup.body or soup
        containers = [main] if isinstance(main, Tag) else []
    single = len(containers) == 1
    return tuple(
        _container_document(c, page, soup, page_url=page_url, base=base, single=single, limit=limit)
        for c in containers
    )
