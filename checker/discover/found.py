"""What discovery hands on, and the first request of a URL input: light, imported by every run.

:class:`Discovery` (one input's pages and how they were found), :class:`Scope`, :class:`Route`,
:class:`Unread` and :func:`open_input` live here, apart from the crawler
(:mod:`checker.discover.crawl`) that reads feeds, sitemaps, robots.txt and blog pagers: a run
given files, or a list of URLs to check, never crawls, and importing the crawler (lxml's XML
readers, protego) was part of every run's start-up (issue 19).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from urllib.parse import urlsplit

from checker.errors import InputError
from checker.model import Fetcher, FetchResult, Outcome, Page
from checker.redact import redact_text

__all__ = [
    "DEFAULT_MAX_PAGES",
    "Discovery",
    "OtherFile",
    "PageRoom",
    "PageSink",
    "Route",
    "Scope",
    "SoFar",
    "Unread",
    "open_input",
]

DEFAULT_MAX_PAGES = 1000
"""At most this many feed, sitemap or pager pages per input (a crawl-trap bound)."""


class Route(StrEnum):
    """Where the posts were found."""

    FEED = "feed"
    SITEMAP = "sitemap"
    PAGER = "pager"
    PAGE = "page"
    EXPORT = "export"


PageSink = Callable[[Page], None]
"""Told of each page as discovery finds it, and from then on the page's only keeper: discovery
keeps no page it handed to a sink (:attr:`Discovery.pages`), so a crawl holds a page's text only
while the sink's stage needs it, not to the end of the run (issue 19: 1,247 real posts of
~100 KB, held to the end, were most of a 790 MB peak)."""

PageRoom = Callable[[], Awaitable[None]]
"""Awaited by discovery before it reads another page for its :data:`PageSink`: returns once the
sink has room for one more (backpressure).  Without it, a crawl read posts as fast as the site
answered while their extraction lagged behind, and the pages waiting for it held most of a
run's memory (issue 19: 243 of 300 real pages of ~100 KB at once, 120 MB of text)."""


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
    exclude_path: tuple[str, ...] = ()
    """Regexes (``--exclude-path``): a file found in a folder whose path matches one is left out."""
    respect_ignore: bool = True
    """A folder walk skips what ``.gitignore``/``.ignore`` exclude and dependency folders
    (``--no-ignore``: read them, as lychee's flag)."""
    local_roots: tuple[Path, ...] | None = None
    """The folders being checked (``--local-root``; the command line's default, the working
    folder and the inputs): a folder walk follows no link to a folder out of them.  None
    bounds nothing (the Python API's default, as for a file's links)."""
    own_files: frozenset[Path] = frozenset()
    """The files the run writes (its reports, its WARC), resolved: a folder walk never reads
    them back.  A report folder inside the folder of posts (``check posts --report-dir
    posts/reports``) had the second run check the first one's report.md and report.html, each
    of its findings twice more (probe 28)."""


@dataclass(frozen=True, slots=True)
class Unread:
    """A page discovery found but could not read, and why.

    ``url`` is a post's permalink (a ``post-unreadable`` finding), or, when ``listing`` names
    what it is (``feed page``, ``sitemap``, ``older-posts page``, ``label page``), a page that
    lists posts, whose posts could therefore not be found (a ``listing-unreadable`` finding: it
    is no post, and is not counted as one).  ``reason`` is one line, such as ``HTTP 503``,
    ``timeout: …`` or ``not an HTML page (application/json)``, secrets redacted.  ``fix`` is
    the remedy when the reason has its own (robots.txt: name the URL), else the report's
    default ("check that the page loads") stands.  ``cut``: the post was read, only not whole.
    """

    url: str
    reason: str
    listing: str | None = None
    fix: str | None = None
    cut: bool = False
    """A post read only up to the size cap (``--max-bytes``): what came before the cap is
    checked, the citations past it are not (a 20 MB post's last links passed unsaid, probe 25c).
    A listing read but for the entries ``reason`` names (a sitemap's entries that name no web
    page): its other posts were found."""
    guessed: bool = False
    """A listing the crawl asked for by guess, no page naming it (a WordPress site's REST list
    of its pages, when it has no sitemap index): what it lists may not exist, so its failure
    is said as a warning, not failing the run."""


@dataclass(frozen=True, slots=True)
class OtherFile:
    """A file in a folder input that is of no post's kind (by its suffix), so not read.

    ``binary`` tells a blog's assets (images, PDFs, fonts) from text of another kind (a
    stylesheet, a ``config.toml``, a ``NOTES`` file with no suffix).  ``unlike``: why an entry
    that is no regular file was not read (a symbolic link to a folder, not followed; a pipe),
    None for a file.
    """

    path: str
    binary: bool
    unlike: str | None = None


@dataclass(frozen=True, slots=True)
class Discovery:
    """The posts of one input and how they were found.

    ``pages`` is empty when the input yields no post, and when a :data:`PageSink` took them
    (they were handed on as found, and only the sink keeps them).  ``requests`` counts the
    distinct URLs asked of the Fetcher (robots.txt included); ``source`` is the feed or sitemap
    used;
    ``updated`` maps a permalink to the feed's ``updated`` or the sitemap's ``lastmod``, for
    incremental re-checking; ``skipped`` lists the URLs robots.txt disallowed; ``failed`` the
    pages that were found but could not be read, each with its reason; ``other_files`` the
    files of a folder input that are of no post's kind, not read; ``ignored`` those its
    ignore files or dependency folders kept out.
    """

    pages: tuple[Page, ...]
    route: Route
    requests: int = 0
    source: str | None = None
    updated: Mapping[str, datetime] = field(default_factory=dict)
    skipped: tuple[str, ...] = ()
    failed: tuple[Unread, ...] = ()
    other_files: tuple[OtherFile, ...] = ()
    ignored: tuple[str, ...] = ()
    """The files of a folder input its ignore rules kept out (:mod:`checker.discover.ignore`)."""
    listings: tuple[str, ...] = ()
    """The pages a sitemap lists that only list posts (home, tags, categories, a pager's pages,
    date archives), not read as posts: said once, never dropped in silence."""
    read_as_listing: str | None = None
    """The page named as the input when it was read as the posts it lists (a tag, category,
    series or archive page), not as a post: said, with how many it gave."""
    elsewhere: Mapping[str, int] = field(default_factory=dict)
    """How many of a feed's or sitemap's entries name each other host (``localhost:1313``): not
    read, and said when the input yields no post (probe 26: a site built with another base URL)."""


@dataclass(slots=True)
class SoFar:
    """What discovery has told of so far, for a run stopped before its end: its report must not
    drop an input that yielded nothing or a listing or post already found unreadable (they were
    said only from each :class:`Discovery`, which an interrupted run never got).

    ``done`` holds each finished input's Discovery, in input order; ``unread`` is the list the
    input under way appends its unreadable pages to (its crawl's or folder's own list, shared),
    and ``skipped`` the one its crawl appends the pages robots.txt kept it off to; both empty
    between inputs.
    """

    done: list[Discovery] = field(default_factory=list)
    unread: list[Unread] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


async def open_input(url: str, fetcher: Fetcher) -> FetchResult:
    """The answer to a URL the user named, fetched whatever robots.txt says.

    Raises :class:`InputError` naming the input and the reason when it cannot be read: the user
    asked for it, so there is nothing to check and "unreadable input" (exit 2) is the answer.
    """
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise InputError(f"{redact_text(url)}: malformed URL ({exc})") from exc
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise InputError(f"{url}: not an http(s) URL; give a page URL, a file or a folder")
    result = await fetcher.get(url, fresh=True)
    if result.outcome is not Outcome.OK:
        detail = result.error or result.outcome.value
        raise InputError(redact_text(f"{url}: cannot fetch input ({result.outcome}: {detail})"))
    if result.status_code is None or result.status_code >= 400:
        raise InputError(redact_text(f"{url}: cannot fetch input (HTTP {result.status_code})"))
    if result.text is None:
        raise InputError(redact_text(f"{url}: input is not a text page ({result.content_type})"))
    return result
