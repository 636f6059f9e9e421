"""Blog listing pages (Blogger home, label, archive and search pages; WordPress-like lists).

Two questions about a blog URL are answered here.  What does it name (:func:`classify`): the
whole blog, one label, one archive period, a search, or a single page?  And what does a listing
page hold (:func:`read_listing`): its posts, the older-posts link (Blogger's
``a.blog-pager-older-link``, else ``rel=next``) and the feeds it declares
(``<link rel="alternate" type="application/atom+xml|rss+xml">``).

A Blogger listing shows each post in full, so each ``.post-outer`` is cut out with its day header
into a post page of its own and no post page is fetched; a post shortened by a "read more" jump
link, or a non-Blogger list of teasers, only yields the permalink to fetch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from html import escape
from urllib.parse import parse_qs, parse_qsl, unquote, urlencode, urlsplit

from lxml import etree, html

from checker.dates import parse_post_date
from checker.discover.urls import INDEX_FILES, absolute, canonical_post_url, listing_path
from checker.encoding import ascii_int, ascii_lower, xpath_ascii_lower
from checker.urls import url_host

__all__ = [
    "TEASERS_OF_A_LISTING",
    "BlogTarget",
    "Listed",
    "Listing",
    "TargetKind",
    "classify",
    "on_site",
    "own_part",
    "own_posts",
    "post_parts",
    "read_listing",
]

_ARCHIVE = re.compile(r"^/(\d{4})(?:/(\d{2}))?/?$|^/(\d{4})_(\d{2})_\d{2}_archive\.html$")
_WORDPRESS_LABEL = re.compile(r"^/(?:category|tag)/([^/]+)/?$")
_FEED_TYPES = ("application/atom+xml", "application/rss+xml")


def _has_class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def _has_rel(keyword: str) -> str:
    """XPath: ``rel`` holds ``keyword`` as HTML reads it, a token compared in ASCII case only
    (``rel="Next"``, ``rel="next nofollow"``; ``@rel='next'`` missed both: pages of posts lost)."""
    rel = xpath_ascii_lower("@rel")
    return f"contains(concat(' ', normalize-space({rel}), ' '), ' {keyword} ')"


class TargetKind(StrEnum):
    """What a blog URL names."""

    HOME = "home"
    LABEL = "label"
    ARCHIVE = "archive"
    SEARCH = "search"
    PAGE = "page"


@dataclass(frozen=True, slots=True)
class BlogTarget:
    """A blog URL understood: its kind, the label it names, the path prefix its posts share."""

    kind: TargetKind
    origin: str
    label: str | None = None
    prefix: str = "/"
    query: str | None = None


@dataclass(frozen=True, slots=True)
class Listed:
    """One post on a listing page: its permalink and, when shown whole, its own page HTML and
    the day its date header states."""

    url: str
    html: str | None
    published: date | None


@dataclass(frozen=True, slots=True)
class Listing:
    """What a listing page holds."""

    posts: tuple[Listed, ...]
    older: str | None
    feeds: tuple[str, ...]
    blogger: bool
    named: tuple[Listed, ...] = ()
    """The posts the page shows read as a named listing (a tag page, a page of its pager):
    its teasers of the site's own posts (:func:`own_posts`) when at least
    :data:`TEASERS_OF_A_LISTING`, else the own pages its content links (a list of titles only:
    :func:`_listed_pages`); () on a Blogger page.  Read from the one parse, computed once (the
    titles were parsed a second time, the own posts picked twice)."""


TEASERS_OF_A_LISTING = 2
"""The teasers of the site's own posts that make a page a list of posts (fewer: a post)."""


def classify(url: str) -> BlogTarget:
    """What ``url`` names on its blog (a Blogger or WordPress-style URL scheme)."""
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    path = parts.path or "/"
    query = parse_qs(parts.query)
    if path.startswith("/search/label/"):
        return BlogTarget(TargetKind.LABEL, origin, unquote(path.removeprefix("/search/label/")))
    if path in ("/search", "/search/"):
        q = query.get("q", [None])[0]
        return BlogTarget(TargetKind.SEARCH if q else TargetKind.HOME, origin, query=q)
    if path in ("/", "/index.html"):
        return BlogTarget(TargetKind.HOME, origin)
    label = _WORDPRESS_LABEL.match(path)
    if label:
        return BlogTarget(TargetKind.LABEL, origin, unquote(label.group(1)), prefix="/")
    archive = _ARCHIVE.match(path)
    if archive:
        year = archive.group(1) or archive.group(3)
        month = archive.group(2) or archive.group(4)
        prefix = f"/{year}/{month}/" if month else f"/{year}/"
        return BlogTarget(TargetKind.ARCHIVE, origin, prefix=prefix)
    return BlogTarget(TargetKind.PAGE, origin, prefix=path)


def read_listing(text: str, url: str) -> Listing:
    """The posts, older-posts link and declared feeds of an HTML listing page."""
    try:
        root = html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return Listing((), None, (), blogger=False)
    blogger_posts = root.xpath(f"//*[{_has_class('post-outer')}]")
    posts = (
        tuple(p for p in (_blogger_post(node, url) for node in blogger_posts) if p)
        if blogger_posts
        else _teasers(root, url)
    )
    named: tuple[Listed, ...] = ()
    if not blogger_posts:
        own = own_posts(posts, url)
        named = own if len(own) >= TEASERS_OF_A_LISTING else _listed_pages(root, url)
    older, feeds = _older(root, url), _feeds(root, url)
    return Listing(posts, older, feeds, blogger=bool(blogger_posts), named=named)


def own_posts(posts: tuple[Listed, ...], page_url: str) -> tuple[Listed, ...]:
    """The ``posts`` on the page's own site that are not the page itself (a "links of the
    week" page's headings link other sites: its citations, not its posts)."""
    page = page_url.split("#", 1)[0]
    return tuple(p for p in posts if p.url != page and on_site(p.url, page_url))


def _blogger_post(node: html.HtmlElement, page_url: str) -> Listed | None:
    anchors = node.xpath(f".//*[{_has_class('post-title')}]//a[@href]")
    links = [a.get("href") for a in anchors] or node.xpath(".//meta[@itemprop='url']/@content")
    if not links:
        return None
    joined = absolute(page_url, str(links[0]))
    if joined is None:
        return None
    url = canonical_post_url(joined, blogger=True)
    if anchors:
        anchors[0].set("href", url)  # the post names its permalink, not ``?m=1`` of the mobile view
    day = _day_header(node)
    truncated = bool(node.xpath(f".//*[{_has_class('jump-link')}]"))
    if truncated or not node.xpath(f".//*[{_has_class('post-body')}]"):
        return Listed(url, None, None)
    header = f'<h2 class="date-header"><span>{escape(day)}</span></h2>' if day else ""
    body = (
        '<!DOCTYPE html><html><head><meta charset="utf-8">'
        f'<link rel="canonical" href="{escape(url)}"></head><body>'
        f'<div class="date-outer">{header}<div class="date-posts">'
        f"{etree.tostring(node, encoding='unicode', method='html')}</div></div></body></html>"
    )
    return Listed(url, body, parse_post_date(day))


def _day_header(node: html.HtmlElement) -> str | None:
    outer = node.xpath(f"ancestor::*[{_has_class('date-outer')}][1]")
    if not outer:
        return None
    header = outer[0].xpath(f".//*[{_has_class('date-header')}]")
    return " ".join(header[0].text_content().split()) or None if header else None


def _teasers(root: html.HtmlElement, page_url: str) -> tuple[Listed, ...]:
    seen: dict[str, Listed] = {}
    for href in _teaser_links(root):
        url = absolute(page_url, str(href))
        if url is not None:
            url = url.split("#", 1)[0]
            seen.setdefault(url, Listed(url, None, None))
    return tuple(seen.values())


_HEADINGS = frozenset({"h1", "h2", "h3"})
_TEASER_HOLDERS = frozenset({"article", "li"})
"""What holds a teaser: an ``<article>``, or a list item (Hugo's ``<li class=post_item><h3
class=post_link><a>``, jekyll-paginate's ``<li><h3><a class=post-link>``).  Read as titles
only, such a home page gave every link of its excerpts as a post (probe 26: three dead links
a real blog's excerpts cite were reported again as unreadable posts)."""


def _teaser_links(root: html.HtmlElement) -> list[str]:
    """The ``href`` of each link in a heading inside an ``<article>`` or a list item, or inside
    an ``.entry-title``, in document order: a teaser's title linking its post.

    One walk over the tree, counting the open articles, headings and titles: the XPath
    ``//article//*[self::h1…]//a | //*[…entry-title…]//a`` it replaces is quadratic in
    libxml2 (a named tag page of 10,000 teasers took 92 CPU seconds to read).
    """
    hrefs: list[str] = []
    articles = headings = titles = 0
    for event, node in etree.iterwalk(root, events=("start", "end")):
        tag = node.tag
        if not isinstance(tag, str):
            continue
        step = 1 if event == "start" else -1
        titled = "entry-title" in (node.get("class") or "").split()
        articles += step * (tag in _TEASER_HOLDERS)
        headings += step * (tag in _HEADINGS)
        titles += step * titled
        href = node.get("href")
        linked = (articles and headings) or titles
        if event == "start" and tag == "a" and href is not None and linked:
            hrefs.append(href)
    return hrefs


# Links a listing's frame holds (menus, the site's header and footer, a sidebar), not its list.
_LISTED_LINKS = (
    "//a[@href][not(ancestor::header or ancestor::nav or ancestor::footer or ancestor::aside)]"
)
_PAGE_SUFFIXES = ("", ".html", ".htm", ".php")


def _listed_pages(root: html.HtmlElement, page_url: str) -> tuple[Listed, ...]:
    """The site's own pages a listing page links in its content, when it lists titles only
    (an archive-style tag page: ``<span class="archive-post-title"><a href="/post/x/">``, no
    teaser for :func:`read_listing` to find): each link to a page of the same host that names
    no listing (:func:`~checker.discover.urls.listing_path`), no file of another kind, and not
    the page itself.  Menus, header, footer and sidebar are left out.
    """
    try:
        host = url_host(page_url)
    except ValueError:
        return ()
    page = page_url.split("#", 1)[0]
    seen: dict[str, Listed] = {}
    for href in root.xpath(_LISTED_LINKS):
        url = absolute(page_url, str(href.get("href")))
        if url is None:
            continue
        url = url.split("#", 1)[0]
        try:
            parts = urlsplit(url)
        except ValueError:
            continue
        name = parts.path.rsplit("/", 1)[-1]
        suffix = "." + name.rpartition(".")[2].lower() if "." in name else ""
        mine = (parts.hostname or "").lower() == host
        if url == page or not mine or suffix not in _PAGE_SUFFIXES or listing_path(url):
            continue
        seen.setdefault(url, Listed(url, None, None))
    return tuple(seen.values())


_PART_NUMBER = re.compile(r"[2-9]|[1-9]\d{1,2}")  # so at most 998 parts a page


def post_parts(text: str, page_url: str) -> tuple[str, ...]:
    """The later parts of a post split into pages, in order: each link to the post's own
    address followed by a part number (WordPress's ``<!--nextpage-->``: ``/x/2/``, ``/x/3/``,
    its ``wp_link_pages`` writing ``<a href=…/x/2/ class=post-page-numbers>2</a>``) whose text
    is that number or whose class says so.  A page without its own part 2's address in it is
    not parsed (almost every post).  A part's number has at most three digits; how many of
    them the crawl reads is its cap to keep and say (``crawl._MAX_PARTS``)."""
    try:
        parts = urlsplit(page_url)
    except ValueError:
        return ()
    if parts.query or not parts.path.endswith("/") or parts.path == "/":
        return ()
    stem = parts.path.rstrip("/").rsplit("/", 1)[-1]
    if f"{stem}/2/" not in text:
        return ()
    try:
        root = html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return ()
    own = page_url.split("#", 1)[0]
    found: dict[str, None] = {}
    for anchor in root.xpath("//a[@href]"):
        url = absolute(page_url, str(anchor.get("href")))
        if url is None or not url.startswith(own):
            continue
        number = url[len(own) :].split("#", 1)[0].rstrip("/")
        numbered = anchor.text_content().strip() == number
        if _PART_NUMBER.fullmatch(number) and (numbered or _has_part_class(anchor)):
            found[own + number + "/"] = None
    return tuple(found)


def _has_part_class(anchor: html.HtmlElement) -> bool:
    return "post-page-numbers" in (anchor.get("class") or "").split()


def on_site(url: str, page_url: str) -> bool:
    """Whether ``url`` is on ``page_url``'s host: a listing's posts are the site's own pages
    (a "links of the week" page's headings link other sites, which are its citations)."""
    try:
        return url_host(url) == url_host(page_url)  # kept split: asked once a link
    except ValueError:
        return False


_WEB = ("http://", "https://")
# What holds one listed post on a listing page: its teaser or its line in a list of titles.
_TEASER = (
    "ancestor-or-self::*[self::article or self::li"
    + "".join(
        f" or {_has_class(name)}"
        for name in ("post", "hentry", "entry", "post-preview", "post-item", "teaser")
    )
    + "][1]"
)


def own_part(text: str, page_url: str, posts: tuple[Listed, ...]) -> str | None:
    """``text`` with the teaser of each of ``posts`` taken out, when what is left cites another
    site outside the page's frame (header, nav, footer, aside), else None.

    A series or tag page may say something of its own above its list (Hugo's ``_index.md``
    content), citing a source: read as its posts alone, that citation was never checked.  A
    listing with only its list, its pager and links to the site's own pages has nothing of its
    own to check (its teasers' links are read on the posts' pages).
    """
    try:
        root = html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return None
    listed = {post.url for post in posts}
    links: list[tuple[html.HtmlElement, str]] = []
    for anchor in root.xpath("//a[@href]"):
        url = absolute(page_url, str(anchor.get("href")))
        if url is not None and (url := url.split("#", 1)[0]) in listed:
            links.append((anchor, url))
    # A holder is one post's teaser when the listed posts it links are that one post: an
    # article linking several in its prose (a "best of" post) is no teaser, and taking it out
    # took the sources it cites beside them (only its links to the posts go then).
    held: dict[html.HtmlElement, set[str]] = {}
    holders = []
    for anchor, url in links:
        holder = next(iter(anchor.xpath(_TEASER)), anchor)
        held.setdefault(holder, set()).add(url)
        holders.append((anchor, holder))
    for anchor, holder in holders:
        gone = holder if len(held[holder]) == 1 else anchor
        if gone.getparent() is not None:
            gone.drop_tree()
    for href in root.xpath(f"{_LISTED_LINKS}/@href"):
        url = absolute(page_url, str(href))
        if url is not None and url.startswith(_WEB) and not on_site(url, page_url):
            return str(etree.tostring(root, encoding="unicode", method="html"))
    return None


def _older(root: html.HtmlElement, page_url: str) -> str | None:
    for query in (
        f"//a[{_has_class('blog-pager-older-link')}]/@href",
        f"//link[{_has_rel('next')}]/@href",
        f"//a[{_has_rel('next')}]/@href",
    ):
        for href in root.xpath(query):
            url = absolute(page_url, str(href))
            if url is not None:
                return url
    return _next_page_link(root, page_url)


# read on a pager key's path, which opens with "/" and never ends with one
_PAGER_STEP = re.compile(r"/page/?(\d+)$")
_PAGER_KEYS = ("page", "paged")


def _next_page_link(root: html.HtmlElement, page_url: str) -> str | None:
    """The link to this listing's own next page when the pager does not say ``rel=next``, else
    None: Hexo's ``<div class="pagination"><a href="/archives/page/2/"><i …></a>``, Hugo's
    ``<a href=/tags/x/page/2/ aria-label=Next class=page-link>`` (probe 26: a real archive's
    pages after the first were never read, 34 of 44 posts left out without a word).

    The next page is the page's own address one step on (:func:`_next_pages`), so a link to a
    newer page, another listing's pager or a post never passes for it.
    """
    wanted = _next_pages(page_url)
    if not wanted:
        return None
    for href in root.xpath("//a/@href"):
        url = absolute(page_url, str(href))
        if url is not None and _pager_key(url) in wanted:
            return url.split("#", 1)[0]
    return None


def _next_pages(page_url: str) -> frozenset[tuple[str, str, str]]:
    """The keys (:func:`_pager_key`) the next page of the listing at ``page_url`` may have:
    ``…/page/N+1/`` (Hugo, Hexo, WordPress, Docusaurus), ``…/pageN+1/`` (Jekyll's paginator),
    ``?page=N+1`` or ``?paged=N+1``; from a first page, number 2 in each of them."""
    try:
        host, path, query = _pager_key(page_url)
    except ValueError:
        return frozenset()
    pairs = parse_qsl(query, keep_blank_values=True)
    params = dict(pairs)
    found: set[tuple[str, str, str]] = set()
    for key in _PAGER_KEYS:
        number = ascii_int(params.get(key, "1"))
        if number is not None:
            kept = [(k, v) for k, v in pairs if k != key]
            found.add((host, path, _sorted_query([*kept, (key, str(number + 1))])))
    if query:
        return frozenset(found)
    step = _PAGER_STEP.search(path)
    if step is not None:
        stem, number = path[: step.start(1)], int(step.group(1)) + 1
        found.add((host, f"{stem}{number}", ""))
    else:
        found.update((host, f"{path}/{form}2", "") for form in ("page/", "page"))
    return frozenset(found)


def _pager_key(url: str) -> tuple[str, str, str]:
    """``url`` as pager pages are compared: host, path without ``index.html`` or a closing
    slash, query in key order (``/tags/x/page/2/index.html`` is ``/tags/x/page/2``; the page
    number beside the listing's own keys, WordPress's plain ``/?cat=3&paged=2``, matches in
    any order: probe 26d, 4 of 6 posts left out when only a lone ``?paged=`` was known)."""
    parts = urlsplit(url)
    path = parts.path
    if path.rsplit("/", 1)[-1] in INDEX_FILES:
        path = path.rsplit("/", 1)[0]
    query = _sorted_query(parse_qsl(parts.query, keep_blank_values=True))
    return (parts.hostname or "").lower(), path.rstrip("/"), query


def _sorted_query(pairs: list[tuple[str, str]]) -> str:
    return urlencode(sorted(pairs))


def _feeds(root: html.HtmlElement, page_url: str) -> tuple[str, ...]:
    found: list[str] = []
    for link in root.xpath(f"//link[{_has_rel('alternate')}][@href]"):
        if ascii_lower(link.get("type") or "") in _FEED_TYPES:
            url = absolute(page_url, link.get("href") or "")
            if url is not None and url not in found:
                found.append(url)
    return tuple(found)
