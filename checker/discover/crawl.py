"""Every post of a blog, through the cheapest source that lists them all.

Routes, tried in this order, the first that answers wins (:class:`Route` says which):

1. **feed** — the post feed (Blogger ``/feeds/posts/default`` or ``/-/LABEL``, then any feed the
   page declares, then WordPress ``/feed``), paged by ``start-index``/``max-results`` (Blogger caps
   a page at 150), ``rel=next`` or ``?paged=N``.  Entries carry each post's HTML, so no post page
   is fetched: a 520-post blog costs a handful of requests.  An entry that is not the whole post
   (a "short" feed's summary, a cut at the jump break, an excerpt, no content:
   :func:`~checker.discover.feeds.is_truncated`) is read from the post's own page instead, and
   when the named page shows posts the feed left out, the page and its pager are read too.
2. **sitemap** — ``Sitemap:`` lines of robots.txt, then ``/sitemap.xml``, indexes followed; each
   listed post is then fetched, and the listed pages that only list posts (home, tags,
   categories, archives, a pager's pages) are said, not read as posts.  Skipped for a label or
   search (a sitemap cannot tell them).
3. **pager** — the listing pages themselves, older-posts link after older-posts link.

Posts are deduplicated by canonical permalink (:func:`~checker.discover.urls.canonical_post_url`)
and kept to the blog's host; a post page, or a listing page a feed or pager promised, that cannot
be read is listed with its reason in :attr:`Discovery.failed`.  The URL the user named is
fetched whatever robots.txt says; everything discovery finds by itself (feeds, sitemaps, pager
pages, post pages) is checked against robots.txt and, when disallowed, skipped and listed in
:attr:`Discovery.skipped`; a post, or a listing page the user or a listing named (a sitemap
index's child, a feed's next page, a sitemap robots.txt declares, the ``--label`` page), is in
:attr:`Discovery.failed` too, its posts being lost (:meth:`_Session.may_crawl`).  Traps are
bounded: no URL is fetched twice, at most ``Scope.max_pages`` feed/sitemap/pager pages are
read, and a pager stops after a few pages that bring no new post (calendar and ``updated-max``
loops).
"""

from __future__ import annotations

import asyncio
import json
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from checker.dates import parse_stamp
from checker.discover.blogger import (
    TEASERS_OF_A_LISTING,
    BlogTarget,
    Listing,
    TargetKind,
    classify,
    own_part,
    post_parts,
    read_listing,
)
from checker.discover.feeds import FeedEntry, FeedPage, entry_page_html, is_truncated, parse_feed
from checker.discover.found import (
    DEFAULT_MAX_PAGES,
    Discovery,
    PageRoom,
    PageSink,
    Route,
    Scope,
    Unread,
    open_input,
)
from checker.discover.kinds import page_kind
from checker.discover.robots import Robots
from checker.discover.sitemap import SitemapPage, parse_sitemap
from checker.discover.urls import (
    canonical_link,
    canonical_post_url,
    head_site_name,
    head_title,
    language_homes,
    listing_path,
    may_be_view,
    same_headline,
    view_links,
    view_of,
)
from checker.encoding import ASCII_IGNORECASE, ascii_int
from checker.lazyre import lazy
from checker.model import Fetcher, FetchResult, Outcome, Page, PageKind
from checker.redact import redact_text
from checker.retry_after import waits_past_the_cap

__all__ = [
    "BLOGGER_FEED_PAGE",
    "DEFAULT_MAX_PAGES",
    "Discovery",
    "Route",
    "Scope",
    "Unread",
    "canonical_post_url",
    "discover_blog",
    "open_input",
]

BLOGGER_FEED_PAGE = 150
"""Blogger's cap on ``max-results``: the page size asked for."""
_BARREN_PAGES = 3
_SITEMAP_DEPTH = 3
_POST_WINDOW = 16
"""Post pages read at once by a crawl: four times the default per-host lanes, so the blog's host
stays busy, and few, so the pages read ahead of the sink's room stay few."""
_BLOGGER_HOSTS = (".blogspot.com", ".blogger.com")
_HTML_SNIFF = lazy(r"<(?:!doctype\s+html|html|head|body|article|main|div|p)\b", ASCII_IGNORECASE)
_SNIFF_CHARS = 65536


async def discover_blog(
    url: str,
    fetcher: Fetcher,
    scope: Scope | None = None,
    *,
    crawl: bool = True,
    on_page: PageSink | None = None,
    room: PageRoom | None = None,
    opened: FetchResult | None = None,
    unread: list[Unread] | None = None,
    skipped: list[str] | None = None,
) -> Discovery:
    """The posts ``url`` leads to: a whole blog, a label, an archive, a feed, a sitemap or a page.

    With ``crawl=False`` a page URL gives just that page; a feed or sitemap URL still gives its
    posts (a feed is never a post).  ``on_page`` hears of each page the moment it is found, so
    checking can start while discovery goes on; ``room`` holds discovery back while the sink
    has no room for another page (:data:`PageRoom`).  ``opened`` is the answer :func:`open_input`
    already got for ``url``, so that it is not asked twice.  ``unread``, when given, is the list
    the pages found unreadable are added to as they are (a run stopped before the result
    still says them: :class:`~checker.discover.found.SoFar`), and ``skipped`` the list of
    pages robots.txt kept the crawl off.
    """
    session = _Session(fetcher, scope or Scope(), on_page, room, unread, skipped)
    session.asked.add(url.split("#", 1)[0])
    result = opened or await open_input(url, fetcher)
    final = result.final_url or url
    text = result.text or ""
    session.open(final, text)
    feed = parse_feed(text, final)
    if result.truncated and (feed is not None or parse_sitemap(text, final) is not None):
        lists = "feed page" if feed is not None else "sitemap"
        session.failed.append(Unread(final, _cut_listing(result), lists))
    if feed is not None:
        session.blogger = session.blogger or _is_blogger_feed(final)
        await _read_feed(session, final, feed)
        return session.done(Route.FEED, final)
    sitemap = parse_sitemap(text, final)
    if sitemap is not None:
        await _read_sitemaps(session, [final], first=(final, text, result.truncated))
        return session.done(Route.SITEMAP, final)
    target = classify(final)
    if not crawl or (target.kind is TargetKind.PAGE and session.scope.label is None):
        listing = _named_listing(final, text) if crawl else None
        if listing is not None:
            session.read_as_listing = session.canonical(final)
            session.named_pager = True
            if (own := own_part(text, final, listing.posts)) is not None:
                session.add(Page(session.canonical(final), url, own, PageKind.HTML))
            await _read_pager(session, final, listing)
            return session.done(Route.PAGER, None)
        session.said_if_cut(session.canonical(final), result)
        kind = page_kind(final, text, result.content_type)
        page = Page(
            session.canonical(final), url, text, kind, answered=True, refresh=_refresh(result)
        )
        session.add(page)
        if crawl:
            session.seen.add(page.url)
            session.queue_parts(page)
            await session.fetch_pending()
        return session.done(Route.PAGE, None)
    return await _crawl(session, final, text, target)


def _named_listing(url: str, text: str) -> Listing | None:
    """The listing a named page is, when its path names one (a tag, category, series or
    archive page: :func:`listing_path`) and it shows teasers of at least two posts, else None.

    Read as one page, a Hugo tag page was one post made of its teasers' excerpts: the posts'
    own pages were never read, a dead link past an excerpt passed (session 24's leftover).  A
    user naming a tag page asks for its posts, as for a Blogger label page.  A page with fewer
    teasers (a post under a listing word, ``/series/part-3/``, whose heading links itself) is
    read as the page it is.
    """
    if not listing_path(url) or "<" not in text:
        return None
    listing = read_listing(text, url)
    if listing.blogger:
        return None
    if _ARTICLE_SIGN.search(text[:_HEAD_CHARS]) and not _lists_itself(listing, url):
        return None
    listing = _named_posts(listing)
    return listing if len(listing.posts) >= TEASERS_OF_A_LISTING else None


def _named_posts(listing: Listing) -> Listing:
    """``listing`` holding the site's own posts a named listing page shows (one of its pager's
    pages too): its teasers', or, when fewer than two, every own page its content links (a list
    of titles only, an archive-style theme): :attr:`Listing.named`."""
    return replace(listing, posts=listing.named)


def _lists_itself(listing: Listing, url: str) -> bool:
    """Whether a page links its own next page or declares a feed under its own path
    (``/tags/x/index.xml``, ``/tag/x/feed/``): a listing's marks, which no post has.

    A real Hugo theme writes ``og:type=article`` on every page, its tag pages too, and such a
    tag page was read as one post of excerpts, its posts' pages never read (probe 26).  Not
    WordPress's ``…/feed/`` right under the page: a post declares its comments feed there, the
    very shape of a tag page's feed (``/tag/x/feed/``), and WordPress marks only single posts
    and pages ``article`` (probe 26d: an article at ``/series/guide/`` was read as the posts
    it links).
    """
    folder = url.split("#", 1)[0].split("?", 1)[0]
    folder = folder if folder.endswith("/") else folder.rsplit("/", 1)[0] + "/"
    return listing.older is not None or any(
        feed.startswith(folder) and feed.rstrip("/") not in (folder.rstrip("/"), folder + "feed")
        for feed in listing.feeds
    )


# A page that says it is an article (Open Graph's type, schema.org's BlogPosting or Article)
# is a post, whatever its path: its own links are its citations, not a list of posts.
_ARTICLE_SIGN = lazy(
    r"og:type[\"']?\s+content=[\"']?article\b"
    r"|content=[\"']?article[\"']?\s+(?:property|name)=[\"']?og:type"
    r"|\"@type\"\s*:\s*\"(?:Blog|News)?(?:Posting|Article)\b",
    ASCII_IGNORECASE,
)
_HEAD_CHARS = 200_000


async def _crawl(session: _Session, url: str, text: str, target: BlogTarget) -> Discovery:
    listing = read_listing(text, url)
    label = session.scope.label or target.label
    session.prefix = target.prefix if target.kind is TargetKind.ARCHIVE else "/"
    session.label = label
    session.blogger = session.blogger or listing.blogger
    for candidate in _feed_candidates(target, label, listing):
        if await _try_feed(session, candidate):
            from_feed = len(session.seen)
            own_page = label == target.label  # the named page lists exactly what is asked
            missing = own_page and await _after_feed(session, url, listing)
            await _site_pages(session, url, text, target)
            if missing and from_feed == 0:
                return session.done(Route.PAGER, None)
            return session.done(Route.FEED, candidate)
    if label is None and target.kind is not TargetKind.SEARCH:
        declared = await session.robots.sitemaps(url)
        candidates = [*declared, f"{target.origin}/sitemap.xml"]
        used = await _read_sitemaps(session, list(dict.fromkeys(candidates)), declared=declared)
        if used is not None:
            return session.done(Route.SITEMAP, used)
    start = url
    if session.scope.label and target.label != session.scope.label:
        start = f"{target.origin}/search/label/{quote(session.scope.label)}"
        if not await session.may_crawl(start, lists="label page"):  # --label named it
            return session.done(Route.PAGER, None)
        listing = await _listing(session, start, lists="label page")
    else:  # no feed or sitemap to read (probe 26: a real Hexo blog's home "yielded no post")
        listing = _pager_start(session, listing)
    await _read_pager(session, start, listing)
    await _site_pages(session, url, text, target)
    return session.done(Route.PAGER, None)


# A WordPress site's own marks on its pages: its REST API's link, its theme's and core's files.
_WORDPRESS_SIGN = lazy(r"api\.w\.org|/wp-(?:content|includes)/", ASCII_IGNORECASE)
# The sitemap of WordPress's ``page`` post type: core's (5.5+), Yoast's and Rank Math's.
_PAGE_SITEMAP = lazy(r"/(?:wp-sitemap-posts-page-\d+|page-sitemap\d*)\.xml$", ASCII_IGNORECASE)


_BLOGGER_PAGES = "/feeds/pages/default"
"""A Blogger blog's feed of its pages (``/p/about.html``), which its posts' feed never lists."""


async def _site_pages(session: _Session, url: str, text: str, target: BlogTarget) -> None:
    """Read a WordPress site's pages (its ``page`` post type: About, a reading list) with its
    posts, from the site's sitemap of pages, when the whole blog is crawled; a Blogger blog's
    (``/p/….html``) from its feed of pages, whole, as its export reads them (``kind#page``):
    a crawl neither read nor said them (session 32 left).

    Its feed and pager list posts only, so a page citing sources was neither read nor said
    (probe 31); a WordPress export reads pages as posts (``wp:post_type`` ``page``), and so
    does the crawl.  The sitemap index robots.txt declares, else core's ``/wp-sitemap.xml``
    (Yoast redirects it to its own index), is read for its page sitemaps only: its posts are
    the feed's, its categories, tags and users no one's writing.  A site with no such index
    (sitemaps turned off) is asked nothing more; neither is a site that is not WordPress.
    """
    if session.scope.label is not None or target.kind is not TargetKind.HOME or session.full:
        return
    # Blogger's pages have a feed of their own, their whole text in it.  ``session.blogger`` is
    # also any page using Blogger's ``post-outer`` class, which WordPress themes ported from
    # Blogger keep: such a site answers no feed of pages, and is read on as WordPress below.
    if session.blogger and await _try_feed(session, f"{target.origin}{_BLOGGER_PAGES}"):
        return
    if not _WORDPRESS_SIGN.search(text[:_HEAD_CHARS]):
        return
    declared = await session.robots.sitemaps(url)
    for root in dict.fromkeys([*declared, f"{target.origin}/wp-sitemap.xml"]):
        result = await session.crawl(root)  # a probe: a site without one is asked nothing more
        index = parse_sitemap(result.text or "", result.final_url or root) if result else None
        if index is None or not index.children:
            continue
        pages = [c for c in index.children if _PAGE_SITEMAP.search(urlsplit(c).path)]
        for child in pages[: session.scope.max_pages]:
            answer = await session.crawl(child, lists="sitemap")
            if answer is None:
                continue
            page = _whole(parse_sitemap(answer.text or "", child), truncated=answer.truncated)
            if page is None and not answer.truncated:
                session.failed.append(Unread(child, "not a sitemap", "sitemap"))
            elif page is not None:
                _queue_sitemap_urls(session, page.urls)
                _say_unusable(session, child, page)
        await session.fetch_pending()
        return
    await _rest_pages(session, target.origin)


_REST_PAGES = "/wp-json/wp/v2/pages?per_page={}&page={}&_fields=link"
"""WordPress's REST route of its published pages, each answer a page of their addresses."""
_REST_PER_PAGE = 100  # the most the route gives at once


async def _rest_pages(session: _Session, origin: str) -> None:
    """A WordPress site's pages from its REST API (``/wp-json/wp/v2/pages``), when it has no
    sitemap index (sitemaps turned off): its pages were neither read nor said (session 32 left).
    One request for a site without pages: a site whose API is closed (401, 403, 404) is asked
    nothing more, and said at ``warning`` (:func:`_unlisted`): its pages could not be listed.

    Its later pages go as far as the first answer's ``X-WP-TotalPages`` says (core sends it):
    each is then announced, and one that fails is said, its pages lost (a 429 on page 2 lost
    pages 101+ without a word), and the pages after it are still asked: stopping there lost
    them unsaid (mend 34p).  A second failure in a row ends it, the pages still unasked said
    as one (a host refusing every page was asked up to the cap, a line each: mend 34v).  A
    refusal asking to be left longer than the fetcher waits (a ``429`` with ``Retry-After:
    3600``: :func:`~checker.retry_after.waits_past_the_cap`) ends it at once, the pages still
    unasked said: the fetcher neither retries it nor holds the host that long, so the next page
    went 30 s later to meet the same refusal (session 36's note).
    Without the header a full page is followed as a guess.  A server ignoring ``page``
    answers the same links again, which ends them as a repeating feed ends (it was asked
    1,000 times); the cap on listing pages is said when reached."""
    listed: set[str] = set()
    number, last, lists, failing = 1, None, None, 0
    while True:
        said = len(session.failed)
        first = number == 1  # its failure is said
        guessed = not first and last is None  # past a full page, no X-WP-TotalPages
        answer = await session.ask(
            _rest_page(origin, number), lists=_REST_LISTS if first or guessed else lists
        )
        result = answer if answer is not None and _unreadable(answer, html=False) is None else None
        links = _rest_links(result.text or "") if result is not None else None
        if first and links is None:
            _unlisted(session, origin, said, result)
        elif guessed and result is None:
            _guess_failed(session, said)
        if result is None and last is None:  # the first page (said), or a guessed one: quiet
            break
        failing = failing + 1 if result is None else 0
        wait: float | None = (
            waits_past_the_cap(answer) if answer is not None and result is None else None
        )
        if (failing == _REST_FAILS_IN_ROW or wait is not None) and last is not None:
            if number < last:
                why = _IN_A_ROW if wait is None else _ASKED_TO_WAIT.format(number, _seconds(wait))
                session.failed.append(
                    _rest_unasked(origin, number + 1, last, session.scope.max_pages, why)
                )
            break
        links = links or ()
        if _repeating(listed, links):
            if lists is not None:  # announced pages never read: their pages are lost
                session.failed.append(Unread(_rest_page(origin, number), _REPEATED, lists))
            break
        _queue_sitemap_urls(session, tuple((link, None) for link in links))
        if number == 1 and result is not None:  # (not None here: for the type checker)
            last = _total_pages(result)
            lists = None if last is None else _REST_LISTS
        more = number < last if last is not None else len(links) >= _REST_PER_PAGE
        if not more or session.full:
            break
        if number >= session.scope.max_pages:
            capped = _CAPPED.format(_REST_LISTS, number)
            session.failed.append(
                Unread(_rest_page(origin, number + 1), capped, _REST_LISTS, _CAPPED_FIX)
            )
            break
        number += 1
    await session.fetch_pending()


_REST_FAILS_IN_ROW = 2
"""Failed REST listing pages in a row that end the listing: one may be a passing fault, so
the pages after it are asked; a second says the host refuses (a 429 on every page past the
first, ``X-WP-TotalPages: 999999``, was asked up to the cap: ~1,000 requests, ~1,000 lines)."""


_IN_A_ROW = f"the {_REST_FAILS_IN_ROW} pages before failed in a row"
_ASKED_TO_WAIT = "page {} asked to be left for {} (Retry-After), longer than a request waits"


def _rest_unasked(origin: str, first: int, last: int, cap: int, why: str) -> Unread:
    """The REST listing pages from ``first`` on, left unasked (``why``: failures in a row, a
    server asking to be left), said as one listing page whose pages are lost (up to ``last``
    announced, or the cap).  Past the cap, the cap is what ended the listing, and it is said as
    the cap (it read "pages 6-5 not asked" when the failures ended at the cap: review36)."""
    if first > cap:
        capped = _CAPPED.format(_REST_LISTS, cap)
        return Unread(_rest_page(origin, first), capped, _REST_LISTS, _CAPPED_FIX)
    end = min(last, cap)
    pages = f"page {first}" if first == end else f"pages {first}-{end}"
    return Unread(_rest_page(origin, first), f"{pages} not asked: {why}", _REST_LISTS)


def _seconds(wait: float) -> str:
    """``3600 s``; ``ever`` for a wait no float holds (``Retry-After`` of 400 digits)."""
    return f"{wait:.0f} s" if wait < 1e12 else "ever"


def _unlisted(session: _Session, origin: str, said: int, result: FetchResult | None) -> None:
    """Say that the site's pages could not be listed: its REST route of pages, asked because
    it has no sitemap index, failed (:meth:`_Session.crawl` said why, past ``said`` in
    ``failed``), or answered no list (a security plugin's page).  With sitemaps off and the API
    closed (401, 403, 404) its pages were neither read nor said (session 33 left); they may not
    exist, so it is a warning (``Unread.guessed``).  An answer cut at the size cap proves the
    route exists: its cut stays said as any listing's (an error).  Not asked (robots.txt: the
    host's own rule), nothing is said, as for any page guessed (it was a warning: mend 34q)."""
    if result is not None and result.truncated:
        return
    if result is not None and len(session.failed) == said:
        session.failed.append(Unread(_rest_page(origin, 1), _NO_LIST, _REST_LISTS))
    session.failed[said:] = [
        replace(u, fix=_UNLISTED_FIX, guessed=True) if u.listing == _REST_LISTS else u
        for u in session.failed[said:]
        if u.listing != _REST_LISTS or u.reason != _DISALLOWED
    ]


def _guess_failed(session: _Session, said: int) -> None:
    """Say a guessed REST listing page (the one after a full page, the header announcing no
    number of pages) that failed, past ``said`` in ``failed``, at ``warning``: pages past the
    full one may be lost, or there may be none.  It failed without a word (session 34's
    leftover: a 429 or 503 on page 2 lost pages 101+ unsaid).  WordPress's own answer past the
    last page (``HTTP 400``, ``rest_post_invalid_page_number``: exactly 100 pages) is the end,
    not a failure, and a page robots.txt forbids is not asked, as for any page guessed: both
    stay unsaid."""
    session.failed[said:] = [
        replace(u, fix=_GUESS_FIX, guessed=True) if u.listing == _REST_LISTS else u
        for u in session.failed[said:]
        if u.listing != _REST_LISTS or u.reason not in (_DISALLOWED, _PAST_THE_LAST)
    ]


_PAST_THE_LAST = "HTTP 400"
"""What WordPress answers for a page of its REST listing past the last (``_unreadable``'s words)."""
_GUESS_FIX = (
    "the page before it was full and the site announces no number of pages (X-WP-TotalPages): "
    "pages past it may be lost; name them as inputs, or check again later"
)

_NO_LIST = "not a JSON list of pages"
_UNLISTED_FIX = (
    "the site has no sitemap index, so its pages (About, a reading list…) are listed only by "
    "this route: name the pages as inputs, or turn the site's sitemaps on"
)

_REPEATED = "it answers the same pages as an earlier page: the server ignores the page asked"
"""Why an announced page of a REST listing was left (a CDN caching the route without its query)."""

_REST_LISTS = "pages listing"
"""What a WordPress REST answer of pages is, in ``failed`` (as ``feed page``, ``sitemap``)."""


def _rest_page(origin: str, number: int) -> str:
    return origin + _REST_PAGES.format(_REST_PER_PAGE, number)


def _total_pages(result: FetchResult) -> int | None:
    """The number of pages of answers ``X-WP-TotalPages`` gives, None when absent or no number."""
    written = result.header_lookup.get("x-wp-totalpages", "").strip()
    return ascii_int(written, max_digits=6)


def _repeating(listed: set[str], urls: Iterable[str]) -> bool:
    """Whether a listing's next page names nothing but what earlier pages did (``listed``): a
    server ignoring the page asked answers the same again, which is its end.  Otherwise its
    URLs join ``listed``; a page holding one new URL goes on (one published meanwhile shifts a
    WordPress feed's pages)."""
    named = list(urls)
    if named and listed.issuperset(named):
        return True
    listed.update(named)
    return False


def _rest_links(text: str) -> tuple[str, ...] | None:
    """The ``link`` of each item of a WordPress REST answer (a JSON list), None when it is none."""
    try:
        items = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, or nested past the decoder's depth
        return None
    if not isinstance(items, list):
        return None
    links = (item.get("link") for item in items if isinstance(item, dict))
    return tuple(link for link in links if isinstance(link, str))


def _has_pager(session: _Session, listing: Listing) -> bool:
    """Whether the named page's older link leads to a page of a pager (``/page/2/``,
    ``/page2/``, ``?paged=2``: :func:`listing_path`), walked after its feed for the posts the
    feed left out.  A home showing the latest whole post links the previous *post* with
    ``rel=next``: walked, the articles were read as listings and a project page one of them
    links was checked as a post (probe 26d).  Blogger's feed is whole: never walked."""
    return not session.blogger and listing.older is not None and listing_path(listing.older)


def _pager_start(session: _Session, listing: Listing) -> Listing:
    """The named page as the first page of its pager: a theme of titles only (Hexo's Lights:
    ``<li><a href=/2017/08/11/x/>``, no teaser) lists its posts, and its later pages, as a named
    listing's do (:func:`_named_posts`)."""
    if listing.blogger or len(listing.posts) >= TEASERS_OF_A_LISTING:
        return listing
    session.named_pager = True
    return _named_posts(listing)


@dataclass(frozen=True, slots=True)
class _Naming:
    """A read post that names other views of itself: what its views are checked against."""

    post: str
    """The post's own address (canonical)."""
    canonical: str | None
    """The address its canonical link names (a cross-post's original), if any."""
    title: str | None
    """Its ``<title>``, if any."""
    site_name: str | None
    """The site's name its head gives (``og:site_name``), if any."""


class _Session:
    """One input's discovery: requests, robots, what was found, skipped or could not be read."""

    def __init__(
        self,
        fetcher: Fetcher,
        scope: Scope,
        on_page: PageSink | None = None,
        room: PageRoom | None = None,
        failed: list[Unread] | None = None,
        skipped: list[str] | None = None,
    ) -> None:
        self.fetcher = fetcher
        self.on_page = on_page
        self.room = room
        self.scope = scope
        self.robots = Robots(self)
        self.asked: set[str] = set()
        self.pages: list[Page] = []  # only without a sink (see PageSink)
        self.found = 0  # pages found, kept or handed on
        self.seen: set[str] = set()
        self.updated: dict[str, datetime] = {}
        self.skipped: list[str] = [] if skipped is None else skipped
        self.failed: list[Unread] = [] if failed is None else failed
        self.pending: list[str] = []
        self.listings: dict[str, str | None] = {}
        self.elsewhere: dict[str, int] = {}  # feed/sitemap entries on another host, by host
        self.views: dict[str, _Naming] = {}  # an AMP or print view a read post names → it
        self.read_as_listing: str | None = None  # the named page read as a listing: said
        # the pager's pages show their posts as the named page does (:func:`_named_posts`): a
        # named listing's, a home of titles only; the one flag for both
        self.named_pager = False
        self.host = ""
        self.scheme = "https"
        self.blogger = False
        self.prefix = "/"
        self.label: str | None = None
        self.home_title: str | None = None  # the home's <title>, when the input is the home

    def open(self, final_url: str, text: str) -> None:
        """Learn the blog from the named URL's answer: its host, its scheme, whether Blogger,
        and, when it is the site's home, its title (the site's own, see :meth:`same_post`)."""
        parts = urlsplit(final_url)
        if _is_home(final_url):
            self.home_title = head_title(text[:_SNIFF_CHARS])
        self.host = (parts.hostname or "").lower()
        self.scheme = parts.scheme.lower() or "https"
        self.blogger = self.host.endswith(_BLOGGER_HOSTS) or _says_blogger(text)

    def canonical(self, url: str) -> str:
        """The post's one address (:func:`canonical_post_url`), in this blog's scheme."""
        try:
            same = (urlsplit(url).hostname or "").lower() == self.host
        except ValueError:
            return url
        return canonical_post_url(url, blogger=self.blogger, scheme=self.scheme if same else None)

    async def get(self, url: str, *, fresh: bool = True) -> FetchResult:
        """Fetch through the run's Fetcher, counting each distinct URL once.

        Discovery always asks the network (``fresh``): a remembered listing would hide new posts.
        """
        self.asked.add(url.split("#", 1)[0])
        return await self.fetcher.get(url, fresh=fresh)

    async def may_crawl(self, url: str, *, lists: str | None = None) -> bool:
        """A discovered URL may be fetched: same host, not asked before, allowed by robots.

        ``lists`` names a listing page that the user or a listing the run read names as holding
        the posts asked for (a sitemap index's child, a feed's announced next page, a sitemap
        robots.txt declares, the ``--label`` page): one robots.txt forbids is skipped, as robots
        asks, and also said unread with the way to read it anyway, since the posts only it
        lists are lost (probe 20: a sitemap index's disallowed child lost its posts without a
        word).  A page the crawler guesses or walks to (a feed that may not exist,
        ``/sitemap.xml``, an older-posts page: Blogger forbids every ``/search`` page) is only
        skipped, and counted in the summary.
        """
        if (urlsplit(url).hostname or "").lower() != self.host:
            return False
        if url.split("#", 1)[0] in self.asked:
            return False
        if not await self.robots.allowed(url):
            self.skipped.append(url)
            if lists is not None:
                self.failed.append(Unread(url, _DISALLOWED, lists, fix=_DISALLOWED_FIX))
            return False
        return True

    async def crawl(
        self, url: str, *, fresh: bool = True, lists: str | None = None
    ) -> FetchResult | None:
        """A discovered URL's answer when it may be fetched and answered 200 with text.

        ``lists`` names a listing page (``feed page``, ``sitemap``, ``older-posts page``): when
        such a page fails, the posts on it are lost, so it goes to ``failed`` with the reason and
        what it was.  A probe (a feed that may not exist) passes None and fails quietly.
        """
        result = await self.ask(url, fresh=fresh, lists=lists)
        return result if result is not None and _unreadable(result, html=False) is None else None

    async def ask(
        self, url: str, *, fresh: bool = True, lists: str | None = None
    ) -> FetchResult | None:
        """:meth:`crawl`'s answer whatever it is (a failure said as :meth:`crawl` says it); None
        when robots.txt forbids the URL.  For a caller that reads a failure's answer too (a
        listing page refused with a ``Retry-After``: :func:`_rest_pages`)."""
        if not await self.may_crawl(url, lists=lists):
            return None
        result = await self.get(url, fresh=fresh)
        reason = _unreadable(result, html=False)
        if lists is not None and (reason is not None or result.truncated):
            self.failed.append(
                Unread(url, _cut_listing(result) if result.truncated else reason or "", lists)
            )
        return result

    async def read_post(self, url: str) -> Page | None:
        """A post's own page, or None when robots.txt forbids it or it failed (both ``failed``).

        A post robots.txt forbids is skipped, as robots asks, and also said unreadable with the
        way to check it anyway: only ``skipped`` held it, which nothing reports, so a sitemap's
        disallowed post vanished from a run that passed (probe 19)."""
        if not await self.robots.allowed(url):
            self.skipped.append(url)
            self.failed.append(Unread(url, _DISALLOWED, fix=_DISALLOWED_FIX))
            return None
        result = await self.get(url, fresh=not self.unchanged(url))
        reason = _unreadable(result, html=True)
        if reason is not None:
            self.failed.append(Unread(url, reason))
            return None
        final = self.canonical(result.final_url or url)
        page = Page(
            final, url, result.text or "", PageKind.HTML, answered=True, refresh=_refresh(result)
        )
        if self.twin(page):
            return None
        self.said_if_cut(page.url, result)
        return page

    def twin(self, page: Page) -> bool:
        """Whether ``page`` is another view of a post this discovery reads anyway: its address
        has a view's shape (:func:`view_of`: ``/x/amp/``, ``/x/print/``, ``/x/?amp=1``) and its
        canonical link names that post.  A listing or sitemap naming both views had one post
        checked and reported as several, each finding repeated (probe 26); a page whose shape
        is a view's but whose canonical link names no post the run reads stays a post.
        """
        post = view_of(page.url)
        if post is None or (post := self.canonical(post)) not in self.seen:
            return False
        return self.named_canonical(page.body[:_SNIFF_CHARS], page.url) == post

    def said_if_cut(self, url: str, result: FetchResult) -> None:
        """A post page the size cap cut is checked as far as it was read, and said cut under
        its post's URL: its citations past the cap were lost without a word (probe 25c)."""
        if result.truncated:
            fix = _SHORT_FIX if result.error else None  # fetch's note: a gzip file cut short
            self.failed.append(Unread(url, result.error or _POST_CUT, fix=fix, cut=True))

    def unchanged(self, url: str) -> bool:
        """Whether the listing says the post has not changed since remembered answers were got.

        A sitemap ``lastmod`` (or feed ``updated``) older than ``scope.unchanged_before`` means any
        answer the run's memory still holds is newer than the post's last change, so the post page
        need not be asked again (incremental re-checking); without a date, ask.
        """
        changed, cutoff = self.updated.get(url), self.scope.unchanged_before
        return changed is not None and cutoff is not None and changed < cutoff

    @property
    def full(self) -> bool:
        limit = self.scope.max_posts
        return limit is not None and len(self.seen) >= limit

    def fits(self, url: str, published: date | None, labels: tuple[str, ...] | None) -> bool:
        """Whether a post (by its canonical URL) belongs to the scope and is not yet taken."""
        parts = urlsplit(url)
        if self.full or url in self.seen or (parts.hostname or "").lower() != self.host:
            return False
        if not parts.path.startswith(self.prefix):
            return False
        return self._labelled(labels) and not self.too_old(published)

    def wanted(
        self, url: str, published: date | None, labels: tuple[str, ...] | None
    ) -> str | None:
        """The post's canonical URL when it belongs to the scope and is new (marked seen)."""
        canonical = self.canonical(url)
        if not self.fits(canonical, published, labels):
            return None
        self.seen.add(canonical)
        return canonical

    def count_elsewhere(self, url: str) -> None:
        """Count a feed's or sitemap's entry that is on another host than the blog's, so that an
        input whose every entry is elsewhere says where (a Hugo site built with ``baseURL =
        http://localhost:1313`` names every post there: probe 26)."""
        try:
            parts = urlsplit(url)
            host, port = (parts.hostname or "").lower(), parts.port
        except ValueError:  # a malformed entry: the feed's own problem, read no further here
            return
        if host and host != self.host:
            named = host if port is None else f"{host}:{port}"  # never the entry's userinfo
            self.elsewhere[named] = self.elsewhere.get(named, 0) + 1

    def _labelled(self, labels: tuple[str, ...] | None) -> bool:
        if labels is None or self.label is None:
            return True
        return self.label.casefold() in {label.casefold() for label in labels}

    def too_old(self, day: date | None) -> bool:
        """Whether a post dated ``day`` is older than ``--since`` (an undated post never is)."""
        since = self.scope.since
        return since is not None and day is not None and day < since

    def add_entry(self, entry: FeedEntry, *, cut: bool) -> bool:
        """Take a feed entry: as the post when it is whole, else (``cut``) queue the post's own
        page."""
        if not entry.permalink:
            return self.add_unlinked(entry)
        url = self.wanted(entry.url, _day(entry.published), entry.labels)
        if url is None:
            self.count_elsewhere(entry.url)
            return False
        if entry.updated:
            self.updated[url] = entry.updated
        if cut:
            self.pending.append(url)
        else:
            whole = replace(entry, url=url)
            self.add(Page(url, entry.url, entry_page_html(whole), PageKind.HTML))
        return True

    def add_unlinked(self, entry: FeedEntry) -> bool:
        """Take an entry that names no page of its own (its ``url`` is made up, not fetchable).

        Its content is the post when whole; when cut, the rest is nowhere to be read, so the
        post is listed in ``failed`` rather than dropped.
        """
        day = _day(entry.published)
        if self.full or entry.url in self.seen or not self._labelled(entry.labels):
            return False
        if self.too_old(day):
            return False
        self.seen.add(entry.url)
        if is_truncated(entry):
            reason = "the feed gives no link to the post, and its entry is not the whole post"
            self.failed.append(Unread(entry.url, reason))
        else:
            self.add(Page(entry.url, entry.url, entry_page_html(entry), PageKind.HTML))
        return True

    async def has_room(self) -> None:
        """Wait until the sink has room for another page (:data:`PageRoom`)."""
        if self.room is not None:
            await self.room()

    async def fetch_pending(self) -> None:
        """Fetch the post pages found only by permalink, :data:`_POST_WINDOW` at once, handed on
        in the order found.  A read starts only once the sink has room (:meth:`has_room`), so
        the pages read ahead of their extraction stay a few, however many posts the blog has."""
        window: deque[asyncio.Task[Page | None]] = deque()
        try:
            while self.pending:  # a post's later parts join the queue as its page is read
                batch, self.pending = self.views_last(self.pending), []
                for url in batch:
                    await self.has_room()
                    window.append(asyncio.ensure_future(self.read_post(url)))
                    while window and (len(window) >= _POST_WINDOW or window[0].done()):
                        self._add_read(await window.popleft())
                while window:
                    self._add_read(await window.popleft())
        finally:  # (cancelled, or a read raised: the reads still under way end with it)
            for task in window:
                task.cancel()
        self.pending.clear()

    def views_last(self, batch: list[str]) -> list[str]:
        """``batch`` with each address that has a view's shape of a post also in it
        (:func:`view_of`: ``/x/amp/``, ``/x/?print=1`` beside ``/x/``) moved after every other,
        in order: the reads are taken in queue order, so the post has named its views
        (:meth:`named_view`) before one of them is taken.  A sitemap listing a cross-post's AMP
        view first had it read as a second post, its dead link reported twice (session 27's
        leftover)."""
        queued = set(batch)
        posts: list[str] = []
        views: list[str] = []
        for url in batch:
            shape = view_of(url) if may_be_view(url) else None
            later = shape is not None and self.canonical(shape) in queued
            (views if later else posts).append(url)
        return posts + views if views else batch

    def _add_read(self, page: Page | None) -> None:
        if page is None or self.named_view(page):
            return
        self.add(page)
        self.queue_parts(page)
        head = page.body[:_SNIFF_CHARS]
        if views := view_links(head, page.url):
            naming = _Naming(
                page.url,
                self.named_canonical(head, page.url),
                head_title(head),
                head_site_name(head),
            )
            for view in views:
                self.views[self.canonical(view)] = naming

    def named_view(self, page: Page) -> bool:
        """Whether ``page`` is a view a post read before names as its own (its AMP or print
        view, :func:`view_links`), at a view's address of that post (:func:`view_of`).

        :meth:`twin` asks the view's canonical link to name its post; a cross-post's pages
        all name the original elsewhere, so its AMP view was read as a second post, its dead
        link reported twice (session 26's leftover).  The post naming its view says it; a
        view listed before its post is read after it (:meth:`views_last`).

        The claim alone is not trusted: a view is the same post, so ``page`` must show it
        (:meth:`same_post`).  A post naming another post as its view (a hostile or mistaken
        ``rel=amphtml``, a print module pointing at the wrong address) hid that post and its
        citations without a word (session 28's leftover); such a claim is ignored and the page
        is read as the post it is."""
        naming = self.views.get(page.url)
        shape = view_of(page.url)
        if naming is None or shape is None or self.canonical(shape) != naming.post:
            return False
        return self.same_post(page, naming)

    def same_post(self, page: Page, naming: _Naming) -> bool:
        """Whether ``page`` shows itself the post ``naming`` names it a view of: its canonical
        link names that post or the original that post names (a cross-post's views all name
        the original), or its title is that post's.

        Neither counts when the whole site shares it, as it then names no post: a canonical
        link to the site's home (a site pointing every page's canonical at its home, a common
        misconfiguration) or a title that is the site's (its name, the home's title: identical
        ``<title>`` alike sitewide).  Another post wrongly named a view was hidden by either
        (session 29's review)."""
        head = page.body[:_SNIFF_CHARS]
        named = self.named_canonical(head, page.url)
        if named is not None and named in (naming.post, naming.canonical) and not _is_home(named):
            return True
        title = head_title(head)
        sitewide = (naming.site_name, self.home_title)
        return same_headline(title, naming.title) and not any(
            same_headline(title, name) for name in sitewide
        )

    def named_canonical(self, head: str, url: str) -> str | None:
        """The post address the canonical link of a page's ``head`` names, if any."""
        named = canonical_link(head, url)
        return self.canonical(named) if named is not None else None

    def queue_parts(self, page: Page) -> None:
        """Queue the later parts of a post split into pages (WordPress's ``<!--nextpage-->``:
        ``/x/2/``, ``/x/3/``, :func:`post_parts`), each read as a page of its own: a post's
        part 2 and its citations were never read, without a word (probe 26d).  At most
        :data:`_MAX_PARTS` of them: a hostile page cannot make the crawl ask for more, and the
        parts past the cap are said under the first of them (they were left out unsaid)."""
        parts = post_parts(page.body, page.url)
        for part in parts[:_MAX_PARTS]:
            found = self.wanted(part, None, None)
            if found is not None:
                self.pending.append(found)
        if len(parts) > _MAX_PARTS:
            past = parts[_MAX_PARTS:]
            more = f"{len(past)} part{'s' if len(past) != 1 else ''} from this one to {past[-1]}"
            reason = f"{_PARTS_CAPPED} ({more} not read)"
            self.failed.append(Unread(past[0], reason, fix=_PARTS_CAPPED_FIX))

    def add(self, page: Page) -> None:
        """Pass a found page on at once (checking overlaps discovery), or keep it when no
        sink takes it (:data:`PageSink`: the sink is then its only keeper)."""
        self.found += 1
        if self.on_page is not None:
            self.on_page(page)
        else:
            self.pages.append(page)

    def done(self, route: Route, source: str | None) -> Discovery:
        return Discovery(
            tuple(self.pages),
            route,
            len(self.asked),
            source,
            dict(self.updated),
            tuple(self.skipped),
            tuple(self.failed),
            listings=tuple(self.listings),
            read_as_listing=self.read_as_listing,
            elsewhere=dict(self.elsewhere),
        )


def _is_home(url: str) -> bool:
    """Whether ``url`` is its host's root (``https://host/``), the address of no post."""
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query


_DISALLOWED = "robots.txt disallows crawling it"
"""Why a post discovery found was not read: the blog's robots.txt forbids the crawler."""
_DISALLOWED_FIX = (
    "name its URL as an input to check it anyway (a URL you name is fetched whatever "
    "robots.txt says)"
)
"""How to check it anyway: its page loads, so "check that the post's page loads" was wrong."""

_POST_CUT = "larger than --max-bytes: read up to the cap"

_CUT = "larger than --max-bytes: read up to the cap, the posts it lists past it not found"
"""A listing page the size cap cut (a huge sitemap, a gzip bomb served as ``sitemap.xml.gz``):
what it lists before the cap is read, and the rest is said lost rather than silently missing."""
_SHORT_FIX = "the server sends it cut short: mend the file it serves, then run again"
"""The remedy for an answer whose gzip file stops early: a higher ``--max-bytes`` cannot help."""


def _cut_listing(result: FetchResult) -> str:
    """Why a listing page was read only in part: the size cap, or the fetcher's note that its
    gzip file stops before its end (a cut ``sitemap.xml.gz`` was said "larger than --max-bytes",
    and its remedy, to raise the cap, did nothing: session 33's review)."""
    return _CUT if result.error is None else f"{result.error}: the posts it lists past it not found"


def _unreadable(result: FetchResult, *, html: bool) -> str | None:
    """Why an answer cannot be read as a page (None when it can): a transport failure, a status
    other than 200 (5xx after the fetcher's retries, 404…), no text, or, for a post, not HTML."""
    if result.outcome is not Outcome.OK:
        detail = result.error or ""
        return redact_text(f"{result.outcome.value}: {detail}" if detail else result.outcome.value)
    if result.status_code != 200:
        return f"HTTP {result.status_code}"
    if result.text is None:
        return f"not a text page ({result.content_type or 'no content type'})"
    if html:
        kind = (result.content_type or "").split(";", 1)[0].strip().lower()
        if kind and "html" not in kind and "xml" not in kind:
            return f"not an HTML page ({kind})"
        if _HTML_SNIFF.search(result.text[:_SNIFF_CHARS]) is None:
            return "not an HTML page (no HTML markup in the body)"
    return None


def _refresh(result: FetchResult) -> str:
    """The ``Refresh`` header of a post page's answer, "" when none: the pipeline judges where
    it forwards the reader (:attr:`~checker.model.Page.refresh`)."""
    return result.headers.get("refresh", "")


def _says_blogger(text: str) -> bool:
    """Whether a page calls itself Blogger's (``<meta name="generator" content="Blogger">``)."""
    head = text[:_SNIFF_CHARS].casefold()
    start = head.find("<meta")
    while start != -1:
        tag = head[start : head.find(">", start) + 1 or len(head)]
        if "generator" in tag and "blogger" in tag:
            return True
        start = head.find("<meta", start + 5)
    return False


def _feed_candidates(target: BlogTarget, label: str | None, listing: Listing) -> list[str]:
    origin = target.origin
    found: list[str] = []
    if label is not None:
        found.append(f"{origin}/feeds/posts/default/-/{quote(label)}")
    elif target.kind is TargetKind.SEARCH and target.query:
        found.append(f"{origin}/feeds/posts/default?q={quote(target.query)}")
    found.extend(listing.feeds)
    found.append(f"{origin}/feeds/posts/default")
    if target.kind is not TargetKind.SEARCH:
        found.append(
            f"{origin}/feed" if label is None else f"{origin}/category/{quote(label)}/feed"
        )
    return list(dict.fromkeys(found))


async def _try_feed(session: _Session, url: str) -> bool:
    first = _blogger_page(url, 1) if _is_blogger_feed(url) else url
    result = await session.crawl(first)
    feed = parse_feed(result.text or "", first) if result is not None else None
    if feed is None:
        return False
    if result is not None and result.truncated:
        session.failed.append(Unread(first, _cut_listing(result), "feed page"))
    await _read_feed(session, first, feed)
    return True


async def _read_feed(session: _Session, url: str, feed: FeedPage) -> None:
    """Add the posts of ``feed`` (page one at ``url``) and of every later page.

    A page whose every entry came on an earlier page is the feed repeating itself, and ends
    it: a static host (GitHub Pages, a Staatic export of a WordPress blog) ignores the query
    and answers each guessed ``/feed/?paged=N`` with the one feed file, and the crawl asked
    ``?paged=2`` to ``?paged=999`` (``Scope.max_pages``) for two posts (probe 26).  A page
    holding one new entry goes on (a post published meanwhile shifts a WordPress feed's pages).
    """
    blogger = _is_blogger_feed(url)
    start, wp_page, pages = _start_index(url), 1, 1
    listed: set[str] = set()
    while True:
        if _repeating(listed, (e.url for e in feed.entries)):
            return  # the feed repeating itself: its end (see above)
        cut = [is_truncated(e) for e in feed.entries]
        # Most entries cut: a feed of summaries (Hugo's RSS gives each post's first 70 words
        # with no mark), whose entries that end at a paragraph are summaries too (probe 24: 20
        # of a real blog's 1,275 were taken for whole posts, their pages' citations lost).
        summaries = sum(cut) * 2 > len(cut)
        added = []
        for entry, entry_cut in zip(feed.entries, cut, strict=True):
            await session.has_room()  # a whole entry's page is made and handed on now
            added.append(session.add_entry(entry, cut=summaries or entry_cut))
        await session.fetch_pending()  # the pages of cut entries, before the next feed page
        if not feed.entries or session.full:
            return
        if not any(added) and all(session.too_old(_day(e.published)) for e in feed.entries):
            return
        start += len(feed.entries)
        # A page the feed announces (its total, its rel=next) that fails loses posts: it goes to
        # ``failed``.  A guessed one (WordPress ?paged=N past the end answers 404) is a probe.
        promised = True
        if blogger:
            if feed.total is not None and start > feed.total:
                return
            promised = feed.total is not None
            url = _blogger_page(url, start)
        elif feed.next_url:
            url = feed.next_url
        elif urlsplit(url).path.rstrip("/").endswith("/feed"):
            promised = False
            wp_page += 1
            url = _with_query(url, {"paged": str(wp_page)})
        else:
            return
        if pages >= session.scope.max_pages:
            capped = _CAPPED.format("feed", pages)
            session.failed.append(Unread(url, capped, "feed page", _CAPPED_FIX))
            return
        result = await session.crawl(url, lists="feed page" if promised else None)
        next_feed = parse_feed(result.text or "", url) if result is not None else None
        if next_feed is None:
            if result is not None and promised:
                session.failed.append(Unread(url, "not a feed", "feed page"))
            return
        feed, pages = next_feed, pages + 1


def _is_blogger_feed(url: str) -> bool:
    return urlsplit(url).path.startswith("/feeds/")


def _start_index(url: str) -> int:
    value = dict(parse_qsl(urlsplit(url).query)).get("start-index", "1")
    index = ascii_int(value)
    return 1 if index is None else index


def _blogger_page(url: str, start: int) -> str:
    return _with_query(url, {"start-index": str(start), "max-results": str(BLOGGER_FEED_PAGE)})


def _with_query(url: str, values: dict[str, str]) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.update(values)
    return urlunsplit(parts._replace(query=urlencode(query, safe=":+")))


async def _read_sitemaps(
    session: _Session,
    roots: list[str],
    *,
    first: tuple[str, str, bool] | None = None,
    declared: Sequence[str] = (),
) -> str | None:
    """Walk sitemaps from the first root that is one; queue its posts.  The root used, or None.

    A root robots.txt ``declared`` is said to list the posts, so when no root can be read, each
    declared one that could not (a gzip-compressed ``sitemap.xml.gz``, a 404, not a sitemap) is
    an unread listing with its reason, as a child sitemap is: tried quietly, a blog whose only
    sitemap it was "yielded no post" with no word of why.  ``/sitemap.xml``, only guessed at,
    fails quietly, and so do they all when another root is read.
    """
    unread: list[Unread] = []
    for root in roots:
        lists = "sitemap" if root in declared else None
        cut: list[Unread] = []
        if first is not None and root == first[0]:
            text: str | None = first[1]
            truncated = first[2]
        else:
            failed = len(session.failed)
            result = await session.crawl(root, lists=lists or "sitemap")
            notes = session.failed[failed:]
            del session.failed[failed:]
            text = result.text if result is not None else None
            truncated = result is not None and result.truncated
            if truncated:
                cut = notes  # said whether or not the root is used: its posts past the cap are lost
            else:
                unread.extend(n for n in notes if lists is not None)
        page = _whole(parse_sitemap(text or "", root, declared=bool(lists)), truncated=truncated)
        if page is None:
            if lists is not None and text is not None and not cut:
                unread.append(Unread(root, "not a sitemap", lists))
            unread.extend(n for n in cut if lists is not None)
            continue
        session.failed.extend(cut)
        level, documents = [(root, page)], 1
        for _ in range(_SITEMAP_DEPTH):
            children: list[tuple[str, str]] = []
            for doc_url, doc in level:
                _queue_sitemap_urls(session, doc.urls)
                _say_unusable(session, doc_url, doc)
                children.extend((doc_url, c) for c in doc.children)
            level = []
            for _parent, child in children:
                if session.full or documents >= session.scope.max_pages:
                    break
                result = await session.crawl(child, lists="sitemap")
                parsed = (
                    _whole(
                        parse_sitemap(result.text or "", child, declared=True),
                        truncated=result.truncated,
                    )
                    if result
                    else None
                )
                if result is not None and parsed is None and not result.truncated:
                    session.failed.append(Unread(child, "not a sitemap", "sitemap"))
                documents += 1
                if parsed is not None:
                    level.append((child, parsed))
            if not level:
                break
        if not session.pending and not session.found and session.listings:
            held, session.listings = tuple(session.listings.items()), {}
            _queue_sitemap_urls(session, held, hold_listings=False)  # a sitemap of listings only
        await session.fetch_pending()
        return root
    session.failed.extend(unread)
    return None


def _whole(page: SitemapPage | None, *, truncated: bool) -> SitemapPage | None:
    """``page`` without its last entry when the size cap cut it: that entry may be cut too
    (``<loc>https`` read as ``/https``, a post that is not there, or another post's prefix)."""
    if page is None or not truncated:
        return page
    if page.ends_unusable:  # the cut entry is one that names no page: said with the cut alone
        return SitemapPage(page.urls, page.children, page.unusable[:-1])
    return SitemapPage(page.urls[:-1], page.children[:-1], page.unusable)


_UNUSABLE_SHOWN = 3
"""Entries that name no web page quoted in the one line said of their sitemap, at most."""
_UNUSABLE_FIX = "write each entry's <loc> as the absolute http(s) address of its page"


def _say_unusable(session: _Session, url: str, page: SitemapPage) -> None:
    """Say the entries of the sitemap at ``url`` that name no web page, as one unread listing:
    each stands for a page of the site that cannot be read, and dropped quietly, a post the
    site lists was never checked and nothing said so."""
    if not page.unusable:
        return
    count = len(page.unusable)
    shown = ", ".join(repr(redact_text(loc[:200])) for loc in page.unusable[:_UNUSABLE_SHOWN])
    more = f" and {count - _UNUSABLE_SHOWN} more" if count > _UNUSABLE_SHOWN else ""
    entries = "1 entry names" if count == 1 else f"{count} entries name"
    why = f"{entries} no web page: {shown}{more}"
    session.failed.append(Unread(url, why, "sitemap", _UNUSABLE_FIX, cut=True))


def _queue_sitemap_urls(
    session: _Session, urls: tuple[tuple[str, str | None], ...], *, hold_listings: bool = True
) -> None:
    """Queue the posts a sitemap lists.  The pages of the blog that only list posts (the home
    page, tags, categories, archives, a pager's pages: :func:`listing_path`) are held back in
    ``session.listings`` and said, not read as posts (probe 24); without ``hold_listings`` they
    are queued too (the held-back pages of a sitemap that lists nothing else).  So is a
    multilingual site's home of one language (``/en/``, ``/ja/``) when the sitemap lists pages
    under it (:func:`language_homes`): read as a post, it reported the dead links of the
    posts it shows again under itself."""
    homes = language_homes(found for found, _lastmod in urls) if hold_listings else set()
    for found, lastmod in urls:
        if hold_listings and (listing_path(found) or found in homes):
            if session.fits(session.canonical(found), None, None):  # the blog's own, not seen
                session.listings.setdefault(found, lastmod)  # read if nothing else is listed
            else:
                session.count_elsewhere(found)
            continue
        stamp = parse_stamp(lastmod)
        url = session.wanted(found, _day(stamp), None)
        if url is None:
            session.count_elsewhere(found)
        else:
            session.pending.append(url)
            if stamp is not None:
                session.updated[url] = stamp


async def _listing(session: _Session, url: str, *, lists: str | None = None) -> Listing:
    result = await session.crawl(url, lists=lists)
    if result is None:
        return Listing((), None, (), blogger=False)
    text, final = result.text or "", result.final_url or url
    listing = read_listing(text, final)
    if session.named_pager and not listing.blogger:
        # a later page of a named listing shows its posts as the first did (titles only)
        return _named_posts(listing)
    return listing


async def _read_pager(session: _Session, url: str, listing: Listing) -> None:
    """Follow older-posts links from ``listing`` (at ``url``), adding each post once.

    An older-posts page robots.txt forbids ends the walk quietly, in ``skipped`` (counted in
    the summary): Blogger's ``Disallow: /search`` forbids every one, and the feed is the list
    there; the pager is the last resort, followed as far as the blog lets a crawler."""
    pages, barren = 1, 0
    session.asked.add(url)
    while True:
        new = 0
        for post in listing.posts:
            found = session.wanted(post.url, post.published, None)
            if found is None:
                continue
            new += 1
            if post.html is None:
                session.pending.append(found)
            else:
                await session.has_room()
                session.add(Page(found, post.url, post.html, PageKind.HTML))
        barren = 0 if new else barren + 1
        too_old = bool(listing.posts) and all(session.too_old(p.published) for p in listing.posts)
        older = listing.older
        if older is None or session.full or too_old or barren >= _BARREN_PAGES:
            break
        if pages >= session.scope.max_pages:
            capped = _CAPPED.format("pager", pages)
            session.failed.append(Unread(older, capped, "older-posts page", _CAPPED_FIX))
            break
        if not await session.may_crawl(older):
            break
        listing = await _listing(session, older, lists="older-posts page")
        pages += 1
    await session.fetch_pending()


_MAX_PARTS = 100
_PARTS_CAPPED = f"the post goes on past {_MAX_PARTS} parts, the crawl's cap on a post's parts"
"""Why a split post's later parts were left (a page naming up to 998 parts of itself)."""
_PARTS_CAPPED_FIX = "name each part past the cap as an input to check it"

_CAPPED = "the {} goes on past {} pages, the crawl's cap on listing pages"
"""Why a pager's or a feed's next page was left: one that never ends (a hostile server
answering each ``?page=N`` with new posts) stopped at ``Scope.max_pages`` without a word, the
posts past the cap silently left out (probe 26d; the feed's, session 26's last read)."""
_CAPPED_FIX = "name this page as an input to read on from it"


async def _after_feed(session: _Session, url: str, listing: Listing) -> bool:
    """Walk the named page's pager after its feed when the feed cannot be its whole list.

    A label feed may answer with fewer posts than the label page shows, or with none: the page
    the user named is the truth about what it holds.  When it shows a post the feed did not
    give, its pager is walked from it (the feed cannot be trusted for older posts either): True.
    Else a pager of the named page's own (:func:`_has_pager`) is walked for the posts a feed
    of the last N left out, the page read as its pager's first (:func:`_pager_start`).  The
    one walk after a feed (there were two, session 26's leftover).
    """
    missing = any(session.fits(session.canonical(p.url), p.published, None) for p in listing.posts)
    if not missing:
        if not _has_pager(session, listing):
            return False
        listing = _pager_start(session, listing)
    await _read_pager(session, url, listing)
    return missing


def _day(stamp: datetime | None) -> date | None:
    """The day a feed or sitemap stamp falls on where it was written (its own zone)."""
    return stamp.date() if stamp is not None else None
