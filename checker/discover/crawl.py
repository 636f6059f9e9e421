"""Every post of a blog, through the cheapest source that lists them all.

Routes, tried in this order, the first that answers wins (:class:`Route` says which):

1. **feed** — the post feed (Blogger ``/feeds/posts/default`` or ``/-/LABEL``, then any feed the
   page declares, then WordPress ``/feed``), paged by ``start-index``/``max-results`` (Blogger caps
   a page at 150), ``rel=next`` or ``?paged=N``.  Entries carry each post's HTML, so no post page
   is fetched: a 520-post blog costs a handful of requests.
2. **sitemap** — ``Sitemap:`` lines of robots.txt, then ``/sitemap.xml``, indexes followed; each
   listed post is then fetched.  Skipped for a label or search (a sitemap cannot tell them).
3. **pager** — the listing pages themselves, older-posts link after older-posts link.

Posts are deduplicated by permalink and kept to the blog's host.  The URL the user named is
fetched whatever robots.txt says; everything discovery finds by itself (feeds, sitemaps, pager
pages, post pages) is checked against robots.txt and, when disallowed, skipped and listed in
:attr:`Discovery.skipped`.  Traps are bounded: no URL is fetched twice, at most
``Scope.max_pages`` feed/sitemap/pager pages are read, and a pager stops after a few pages that
bring no new post (calendar and ``updated-max`` loops).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from dateutil import parser as dateparser

from checker.discover.blogger import BlogTarget, Listing, TargetKind, classify, read_listing
from checker.discover.feeds import FeedEntry, FeedPage, entry_page_html, parse_feed
from checker.discover.kinds import page_kind
from checker.discover.robots import Robots
from checker.discover.sitemap import parse_sitemap
from checker.errors import InputError
from checker.model import Fetcher, FetchResult, Outcome, Page, PageKind

__all__ = [
    "BLOGGER_FEED_PAGE",
    "DEFAULT_MAX_PAGES",
    "Discovery",
    "Route",
    "Scope",
    "discover_blog",
]

BLOGGER_FEED_PAGE = 150
"""Blogger's cap on ``max-results``: the page size asked for."""
DEFAULT_MAX_PAGES = 1000
"""At most this many feed, sitemap or pager pages per input (a crawl-trap bound)."""
_BARREN_PAGES = 3
_SITEMAP_DEPTH = 3
_POST_BATCH = 64
_KANJI_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


class Route(StrEnum):
    """Where the posts were found."""

    FEED = "feed"
    SITEMAP = "sitemap"
    PAGER = "pager"
    PAGE = "page"
    EXPORT = "export"


PageSink = Callable[[Page], None]
"""Told of each page as discovery finds it."""


@dataclass(frozen=True, slots=True)
class Scope:
    """Which posts to discover.  ``since`` keeps posts published (or modified) on or after it.

    ``unchanged_before``: a post whose listing date (sitemap ``lastmod``, feed ``updated``) is
    older than this may be answered from the run's memory instead of asked again.
    """

    max_posts: int | None = None
    since: date | None = None
    label: str | None = None
    max_pages: int = DEFAULT_MAX_PAGES
    unchanged_before: datetime | None = None


@dataclass(frozen=True, slots=True)
class Discovery:
    """The posts of one input and how they were found.

    ``requests`` counts the distinct URLs asked of the Fetcher (robots.txt included);
    ``source`` is the feed or sitemap used; ``updated`` maps a permalink to the feed's
    ``updated`` or the sitemap's ``lastmod``, for incremental re-checking; ``skipped`` lists the
    URLs robots.txt disallowed; ``failed`` the post pages that could not be fetched.
    """

    pages: tuple[Page, ...]
    route: Route
    requests: int = 0
    source: str | None = None
    updated: Mapping[str, str] = field(default_factory=dict)
    skipped: tuple[str, ...] = ()
    failed: tuple[str, ...] = ()


async def discover_blog(
    url: str,
    fetcher: Fetcher,
    scope: Scope | None = None,
    *,
    crawl: bool = True,
    on_page: PageSink | None = None,
) -> Discovery:
    """The posts ``url`` leads to: a whole blog, a label, an archive, a feed, a sitemap or a page.

    With ``crawl=False`` a page URL gives just that page; a feed or sitemap URL still gives its
    posts (a feed is never a post).  ``on_page`` hears of each page the moment it is found, so
    checking can start while discovery goes on.
    """
    session = _Session(fetcher, scope or Scope(), on_page)
    result = await session.named(url)
    final = result.final_url or url
    text = result.text or ""
    feed = parse_feed(text, final)
    if feed is not None:
        await _read_feed(session, final, feed)
        return session.done(Route.FEED, final)
    sitemap = parse_sitemap(text, final)
    if sitemap is not None:
        await _read_sitemaps(session, [final], first=(final, text))
        return session.done(Route.SITEMAP, final)
    page = Page(final, url, text, page_kind(final, text))
    target = classify(final)
    if not crawl or (target.kind is TargetKind.PAGE and session.scope.label is None):
        session.add(page)
        return session.done(Route.PAGE, None)
    return await _crawl(session, final, text, target)


async def _crawl(session: _Session, url: str, text: str, target: BlogTarget) -> Discovery:
    listing = read_listing(text, url)
    label = session.scope.label or target.label
    session.prefix = target.prefix if target.kind is TargetKind.ARCHIVE else "/"
    session.label = label
    for candidate in _feed_candidates(target, label, listing):
        if await _try_feed(session, candidate):
            return session.done(Route.FEED, candidate)
    if label is None and target.kind is not TargetKind.SEARCH:
        candidates = [*await session.robots.sitemaps(url), f"{target.origin}/sitemap.xml"]
        used = await _read_sitemaps(session, list(dict.fromkeys(candidates)))
        if used is not None:
            return session.done(Route.SITEMAP, used)
    start = url
    if session.scope.label and target.label != session.scope.label:
        start = f"{target.origin}/search/label/{quote(session.scope.label)}"
        if not await session.may_crawl(start):
            return session.done(Route.PAGER, None)
        listing = await _listing(session, start)
    await _read_pager(session, start, listing)
    return session.done(Route.PAGER, None)


class _Session:
    """One input's discovery: requests, robots, what was found, what was skipped."""

    def __init__(self, fetcher: Fetcher, scope: Scope, on_page: PageSink | None = None) -> None:
        self.fetcher = fetcher
        self.on_page = on_page
        self.scope = scope
        self.robots = Robots(self)
        self.asked: set[str] = set()
        self.pages: list[Page] = []
        self.seen: set[str] = set()
        self.updated: dict[str, str] = {}
        self.skipped: list[str] = []
        self.failed: list[str] = []
        self.pending: list[str] = []
        self.host = ""
        self.prefix = "/"
        self.label: str | None = None

    async def get(self, url: str, *, fresh: bool = True) -> FetchResult:
        """Fetch through the run's Fetcher, counting each distinct URL once.

        Discovery always asks the network (``fresh``): a remembered listing would hide new posts.
        """
        self.asked.add(url.split("#", 1)[0])
        return await self.fetcher.get(url, fresh=fresh)

    async def named(self, url: str) -> FetchResult:
        """The URL the user named: fetched regardless of robots; failure stops the run."""
        try:
            parts = urlsplit(url)
        except ValueError as exc:
            raise InputError(f"{url}: malformed URL ({exc})") from exc
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            raise InputError(f"{url}: not an http(s) URL; give a page URL, a file or a folder")
        result = await self.get(url)
        if result.outcome is not Outcome.OK:
            raise InputError(f"{url}: cannot fetch input ({result.error or result.outcome})")
        if result.status_code is None or result.status_code >= 400:
            raise InputError(f"{url}: cannot fetch input (HTTP {result.status_code})")
        if result.text is None:
            raise InputError(f"{url}: input is not a text page ({result.content_type})")
        self.host = (urlsplit(result.final_url or url).hostname or "").lower()
        return result

    async def may_crawl(self, url: str) -> bool:
        """A discovered URL may be fetched: same host, not asked before, allowed by robots."""
        if (urlsplit(url).hostname or "").lower() != self.host:
            return False
        if url.split("#", 1)[0] in self.asked:
            return False
        if not await self.robots.allowed(url):
            self.skipped.append(url)
            return False
        return True

    async def crawl(self, url: str, *, fresh: bool = True) -> FetchResult | None:
        """A discovered URL's answer when it may be fetched and answered 200 with text."""
        if not await self.may_crawl(url):
            return None
        result = await self.get(url, fresh=fresh)
        if result.outcome is not Outcome.OK or result.status_code != 200 or result.text is None:
            return None
        return result

    def unchanged(self, url: str) -> bool:
        """Whether the listing says the post has not changed since remembered answers were got.

        A sitemap ``lastmod`` (or feed ``updated``) older than ``scope.unchanged_before`` means any
        answer the run's memory still holds is newer than the post's last change, so the post page
        need not be asked again (incremental re-checking); without a date, ask.
        """
        stamp, cutoff = self.updated.get(url), self.scope.unchanged_before
        if stamp is None or cutoff is None:
            return False
        try:
            changed = dateparser.isoparse(stamp)
        except ValueError:
            return False
        if changed.tzinfo is None:
            changed = changed.replace(tzinfo=UTC)
        return changed < cutoff

    @property
    def full(self) -> bool:
        limit = self.scope.max_posts
        return limit is not None and len(self.seen) >= limit

    def wanted(self, url: str, published: str | None, labels: tuple[str, ...] | None) -> bool:
        """Whether a post belongs to the scope and is new; marks it seen."""
        parts = urlsplit(url)
        if self.full or url in self.seen or (parts.hostname or "").lower() != self.host:
            return False
        if not parts.path.startswith(self.prefix):
            return False
        if not self._labelled(labels):
            return False
        if self.too_old(published):
            return False
        self.seen.add(url)
        return True

    def _labelled(self, labels: tuple[str, ...] | None) -> bool:
        if labels is None or self.label is None:
            return True
        return self.label.casefold() in {label.casefold() for label in labels}

    def too_old(self, stamp: str | None) -> bool:
        since = self.scope.since
        day = _day(stamp)
        return since is not None and day is not None and day < since

    def add_entry(self, entry: FeedEntry) -> bool:
        if not self.wanted(entry.url, entry.published, entry.labels):
            return False
        self.add(Page(entry.url, entry.url, entry_page_html(entry), PageKind.HTML))
        if entry.updated:
            self.updated[entry.url] = entry.updated
        return True

    async def fetch_pending(self) -> None:
        """Fetch the post pages found only by permalink, a batch at a time."""
        for start in range(0, len(self.pending), _POST_BATCH):
            batch = self.pending[start : start + _POST_BATCH]
            results = await asyncio.gather(
                *(self.crawl(u, fresh=not self.unchanged(u)) for u in batch)
            )
            for url, result in zip(batch, results, strict=True):
                if result is None:
                    if url not in self.skipped:
                        self.failed.append(url)
                    continue
                final = result.final_url or url
                self.add(Page(final, url, result.text or "", PageKind.HTML))
        self.pending.clear()

    def add(self, page: Page) -> None:
        """Keep a found page and pass it on at once (checking overlaps discovery)."""
        self.pages.append(page)
        if self.on_page is not None:
            self.on_page(page)

    def done(self, route: Route, source: str | None) -> Discovery:
        return Discovery(
            tuple(self.pages),
            route,
            len(self.asked),
            source,
            dict(self.updated),
            tuple(self.skipped),
            tuple(self.failed),
        )


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
    await _read_feed(session, first, feed)
    return True


async def _read_feed(session: _Session, url: str, feed: FeedPage) -> None:
    """Add the posts of ``feed`` (page one at ``url``) and of every later page."""
    blogger = _is_blogger_feed(url)
    start, wp_page, pages = _start_index(url), 1, 1
    while True:
        added = [session.add_entry(e) for e in feed.entries]
        if not feed.entries or session.full or pages >= session.scope.max_pages:
            return
        if not any(added) and all(session.too_old(e.published) for e in feed.entries):
            return
        start += len(feed.entries)
        if blogger:
            if feed.total is not None and start > feed.total:
                return
            url = _blogger_page(url, start)
        elif feed.next_url:
            url = feed.next_url
        elif urlsplit(url).path.rstrip("/").endswith("/feed"):
            wp_page += 1
            url = _with_query(url, {"paged": str(wp_page)})
        else:
            return
        result = await session.crawl(url)
        next_feed = parse_feed(result.text or "", url) if result is not None else None
        if next_feed is None:
            return
        feed, pages = next_feed, pages + 1


def _is_blogger_feed(url: str) -> bool:
    return urlsplit(url).path.startswith("/feeds/")


def _start_index(url: str) -> int:
    value = dict(parse_qsl(urlsplit(url).query)).get("start-index", "1")
    return int(value) if value.isdigit() else 1


def _blogger_page(url: str, start: int) -> str:
    return _with_query(url, {"start-index": str(start), "max-results": str(BLOGGER_FEED_PAGE)})


def _with_query(url: str, values: dict[str, str]) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.update(values)
    return urlunsplit(parts._replace(query=urlencode(query, safe=":+")))


async def _read_sitemaps(
    session: _Session, roots: list[str], *, first: tuple[str, str] | None = None
) -> str | None:
    """Walk sitemaps from the first root that is one; queue its posts.  The root used, or None."""
    for root in roots:
        if first is not None and root == first[0]:
            text: str | None = first[1]
        else:
            result = await session.crawl(root)
            text = result.text if result is not None else None
        page = parse_sitemap(text or "", root)
        if page is None:
            continue
        level, documents = [(root, page)], 1
        for _ in range(_SITEMAP_DEPTH):
            children: list[tuple[str, str]] = []
            for doc_url, doc in level:
                _queue_sitemap_urls(session, doc.urls)
                children.extend((doc_url, c) for c in doc.children)
            level = []
            for _parent, child in children:
                if session.full or documents >= session.scope.max_pages:
                    break
                result = await session.crawl(child)
                parsed = parse_sitemap(result.text or "", child) if result else None
                documents += 1
                if parsed is not None:
                    level.append((child, parsed))
            if not level:
                break
        await session.fetch_pending()
        return root
    return None


def _queue_sitemap_urls(session: _Session, urls: tuple[tuple[str, str | None], ...]) -> None:
    for url, lastmod in urls:
        if session.wanted(url, lastmod, None):
            session.pending.append(url)
            if lastmod:
                session.updated[url] = lastmod


async def _listing(session: _Session, url: str) -> Listing:
    result = await session.crawl(url)
    if result is None:
        return Listing((), None, (), blogger=False)
    return read_listing(result.text or "", result.final_url or url)


async def _read_pager(session: _Session, url: str, listing: Listing) -> None:
    """Follow older-posts links from ``listing`` (at ``url``), adding each post once."""
    pages, barren = 1, 0
    session.asked.add(url)
    while True:
        new = 0
        for post in listing.posts:
            if not session.wanted(post.url, post.published, None):
                continue
            new += 1
            if post.html is None:
                session.pending.append(post.url)
            else:
                session.add(Page(post.url, post.url, post.html, PageKind.HTML))
        barren = 0 if new else barren + 1
        too_old = bool(listing.posts) and all(session.too_old(p.published) for p in listing.posts)
        older = listing.older
        if older is None or session.full or too_old or barren >= _BARREN_PAGES:
            break
        if pages >= session.scope.max_pages or not await session.may_crawl(older):
            break
        listing = await _listing(session, older)
        pages += 1
    await session.fetch_pending()


def _day(stamp: str | None) -> date | None:
    if not stamp:
        return None
    kanji = _KANJI_DATE.search(stamp)
    if kanji:
        return date(int(kanji.group(1)), int(kanji.group(2)), int(kanji.group(3)))
    try:
        return dateparser.parse(stamp, fuzzy=True).date()
    except (ValueError, OverflowError):
        return None
