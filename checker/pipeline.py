"""Runs the stages in order: discover → extract → fetch/verify → report.

The only module that imports more than one stage: each stage sees only the leaves (model,
findings, config, errors) and what this module hands it, so data flows one way.  The fetcher is
created here and passed to ``discover`` and ``verify``, so input pages and cited sources share one
connection pool, one set of per-host limits and one in-run cache.

Checking overlaps discovery: discovery hands each page over as soon as it finds it, and that
page's posts are extracted and their citations verified while discovery goes on.  Between
extract and verify, citations whose URL the include/exclude patterns and the ignore file rule out
(:mod:`checker.patterns`) are set aside as ``skipped`` without a request.  Citations are verified
one by one (concurrently), so an optional ``progress`` callback can hear of each as it finishes;
rendering that is the CLI's business.
"""

from __future__ import annotations

import asyncio
import gc
import time
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from functools import partial
from importlib.metadata import PackageNotFoundError, version
from urllib.parse import urlsplit

from checker.config import Config
from checker.discover import Scope, discover
from checker.extract import extract
from checker.fetch import HttpFetcher, run_key
from checker.findings import Code
from checker.memo import SqliteMemo
from checker.model import (
    CheckedCitation,
    CheckedDocument,
    Citation,
    CitationKind,
    Document,
    FetchResult,
    Finding,
    Page,
    Problem,
    ProgressEvent,
    ProgressKind,
    Report,
    Status,
)
from checker.patterns import UrlFilter
from checker.verify.citation import verify_citation
from checker.verify.match import parse_date

__all__ = ["VERSION", "Progress", "check", "run"]

Progress = Callable[[ProgressEvent], None]

try:
    VERSION = version("citecheck")
except PackageNotFoundError:  # running from a source tree that was never installed
    VERSION = "0+unknown"


def check(
    inputs: Sequence[str], config: Config | None = None, *, progress: Progress | None = None
) -> Report:
    """Check every citation in ``inputs``; the synchronous face of :func:`run`."""
    return asyncio.run(run(inputs, config or Config(), progress=progress))


async def run(inputs: Sequence[str], config: Config, *, progress: Progress | None = None) -> Report:
    """Discover the pages, extract their posts, verify every citation; return the Report."""
    started = _now()
    url_filter = UrlFilter.from_config(config)  # a bad pattern fails before any request
    async with HttpFetcher(config, version=VERSION, inputs=tuple(inputs)) as fetcher:
        # Judgements kept beside the stored answers (checker.memo): a warm run re-reads nothing.
        memo = SqliteMemo(config.store) if config.store is not None else None
        # Posts a listing dates before this may be answered from the store (incremental runs).
        unchanged = datetime.now(UTC) - timedelta(seconds=config.ttl) if config.store else None
        scope = Scope(
            max_posts=config.max_posts,
            since=config.since,
            label=config.label,
            unchanged_before=unchanged,
        )
        tracker = _Tracker(url_filter, progress)
        checker = _Checker(fetcher, config, url_filter, tracker, memo)
        frozen_by_us = False

        def start_checking(page: Page) -> None:
            """Checking overlaps discovery: a page's posts are checked as soon as it is found."""
            for document in extract(page, memo, include_verbatim=config.include_verbatim):
                tracker.add(document)
                checker.start(document)

        try:
            await discover(inputs, fetcher, crawl=config.crawl, scope=scope, on_page=start_checking)
            checker.bodies.discovery_done()
            # The posts and citations found live to the end of the run: out of the collector's
            # sight, its full collections (event-loop stalls) stay short (bench/README.md).  A
            # process that froze objects itself (the CLI does) keeps them frozen.
            frozen_by_us = gc.get_freeze_count() == 0
            gc.freeze()
            verdicts = await asyncio.gather(*(v for _, vs in checker.documents for v in vs))
        except BaseException:
            await checker.cancel()
            raise
        finally:
            if frozen_by_us:
                gc.unfreeze()
            if memo is not None:
                memo.close()
        offline = fetcher.network_unavailable
    flat = iter(verdicts)
    checked = tuple(CheckedDocument(d, tuple(next(flat) for _ in v)) for d, v in checker.documents)
    problems: tuple[Problem, ...] = ()
    if offline is not None:  # the run-level reason its citations are unreachable
        finding = Finding.of(Code.UNREACHABLE, f"network unavailable: {offline}")
        problems = (Problem(None, finding),)
    return Report(tuple(inputs), checked, VERSION, started, _now(), problems=problems)


class _Checker:
    """Verifies citations, starting each one's work only when its source's answer is in.

    A citation of a page waits as a callback on the fetcher's future for that URL, not as a
    suspended coroutine: with 20,000 sources queued behind their hosts' slots, a task and a
    coroutine stack per waiting citation held tens of MB of the Python heap (tracemalloc).  Its
    verification starts once the answer is there (``verify_citation`` then finds it in the
    fetcher's in-run cache).
    """

    def __init__(
        self,
        fetcher: HttpFetcher,
        config: Config,
        url_filter: UrlFilter,
        tracker: _Tracker,
        memo: SqliteMemo | None,
    ) -> None:
        self._fetcher = fetcher
        self._config = config
        self._filter = url_filter
        self._tracker = tracker
        self._memo = memo
        self.bodies = _Bodies(fetcher)
        self._running: set[asyncio.Task[None]] = set()
        self.documents: list[tuple[Document, list[asyncio.Future[CheckedCitation]]]] = []
        """Every post started, in discovery order, with the futures of its citations' verdicts."""

    def start(self, document: Document) -> None:
        """Start checking ``document``'s citations (see :attr:`documents`)."""
        self.bodies.expect(document)
        loop = asyncio.get_running_loop()
        published = parse_date(document.published) if document.published else None
        verdicts = []
        for citation in document.citations:
            verdict: asyncio.Future[CheckedCitation] = loop.create_future()
            verdicts.append(verdict)
            reason = self._filter.skip_reason(citation.url)
            if reason is not None:
                skipped = CheckedCitation(citation, Status.SKIPPED, note=reason)
                self._finish(document, verdict, skipped)
                continue
            job = partial(self._verify, document, citation, published, verdict)
            key = _text_key(citation)
            if key is None:
                job()
            else:
                self._fetcher.result_of(key).add_done_callback(_then(job))
        self.documents.append((document, verdicts))

    async def cancel(self) -> None:
        """Stop every verification and verdict still pending (the run is failing)."""
        for _, verdicts in self.documents:
            for verdict in verdicts:
                verdict.cancel()
        for task in self._running:
            task.cancel()
        await asyncio.gather(*self._running, return_exceptions=True)

    def _verify(
        self,
        document: Document,
        citation: Citation,
        published: date | None,
        verdict: asyncio.Future[CheckedCitation],
    ) -> None:
        if verdict.done():
            return  # cancelled while its source was being fetched

        async def verify() -> None:
            try:
                checked = await verify_citation(
                    citation, self._fetcher, self._config, published=published, memo=self._memo
                )
            except Exception as exc:  # a bug: the run fails with it, through the verdict
                if not verdict.done():
                    verdict.set_exception(exc)
                return
            self._finish(document, verdict, checked)

        task = asyncio.get_running_loop().create_task(verify())
        self._running.add(task)
        task.add_done_callback(self._running.discard)

    def _finish(
        self,
        document: Document,
        verdict: asyncio.Future[CheckedCitation],
        checked: CheckedCitation,
    ) -> None:
        if verdict.done():
            return
        verdict.set_result(checked)
        self.bodies.served(checked.citation)
        self._tracker.done(document, checked)


class _Bodies:
    """Tells the fetcher when no citation will read a page's text again, so it can let it go.

    Verifying reads a source's text; the fetcher's in-run cache would keep every text to the end
    of the run.  While discovery goes on, a later post may still cite a URL whose citations so far
    are all done, so texts are only let go once discovery has ended and every known citation of
    the URL is served.
    """

    def __init__(self, fetcher: HttpFetcher) -> None:
        self._fetcher = fetcher
        self._waiting: Counter[str] = Counter()
        self._discovering = True

    def expect(self, document: Document) -> None:
        """Count the citations of a newly found post that will read their source's text."""
        keys = (_text_key(c) for c in document.citations)
        self._waiting.update(key for key in keys if key is not None)

    def served(self, citation: Citation) -> None:
        """One citation is verified; its source's text may go if it was the last reader."""
        key = _text_key(citation)
        if key is None:
            return
        self._waiting[key] -= 1
        if not self._discovering and self._waiting[key] <= 0:
            del self._waiting[key]
            self._fetcher.drop_text(key)

    def discovery_done(self) -> None:
        """No more posts will come: let go of every text whose readers are all served."""
        self._discovering = False
        for key in [k for k, n in self._waiting.items() if n <= 0]:
            del self._waiting[key]
            self._fetcher.drop_text(key)


def _then(job: Callable[[], None]) -> Callable[[asyncio.Future[FetchResult]], None]:
    """A done-callback that runs ``job`` whatever the future's outcome."""
    return lambda _: job()


def _text_key(citation: Citation) -> str | None:
    """The fetcher's key for the page whose text verifying ``citation`` reads, if any.

    An embed is verified through its platform's endpoints, not by reading the embedded URL.
    """
    if citation.url is None or citation.kind is CitationKind.EMBED:
        return None
    return run_key(citation.url)


_BUSIEST_EVERY = 0.25
"""Seconds between two searches for the longest host queue: a scan of every host per finished
citation cost 2 s of a 20,000-URL run, for a status line redrawn a few times a second."""


class _Tracker:
    """Counts finished citations and per-host queues; tells the progress callback, if any."""

    def __init__(self, url_filter: UrlFilter, progress: Progress | None) -> None:
        self._progress = progress
        self._filter = url_filter
        self._posts = 0
        self._total = 0
        self._checked = 0
        self._queues: Counter[str] = Counter()
        self._busiest_seen: tuple[int, str | None] = (0, None)
        self._busiest_at = -_BUSIEST_EVERY

    def add(self, document: Document) -> None:
        """A post found by discovery joins the work (discovery and checking overlap)."""
        self._posts += 1
        self._total += len(document.citations)
        self._queues.update(
            _host(c.url) for c in document.citations if self._filter.skip_reason(c.url) is None
        )
        self._emit(ProgressKind.DISCOVERED, document.url)

    def done(self, document: Document, checked: CheckedCitation) -> None:
        self._checked += 1
        if checked.status is not Status.SKIPPED:
            self._queues[_host(checked.citation.url)] -= 1
        self._emit(ProgressKind.CHECKED, document.url, checked)

    def _emit(
        self,
        kind: ProgressKind,
        post_url: str | None = None,
        checked: CheckedCitation | None = None,
    ) -> None:
        if self._progress is None:
            return
        queue, host = self._busiest()
        self._progress(
            ProgressEvent(
                kind, self._posts, self._checked, self._total, host, queue, post_url, checked
            )
        )

    def _busiest(self) -> tuple[int, str | None]:
        """The longest host queue and its host, as of at most ``_BUSIEST_EVERY`` seconds ago."""
        now = time.monotonic()
        if now - self._busiest_at >= _BUSIEST_EVERY:
            waiting = [(n, host) for host, n in self._queues.items() if n > 0 and host]
            self._busiest_seen = max(waiting) if waiting else (0, None)
            self._busiest_at = now
        return self._busiest_seen


def _host(url: str | None) -> str:
    try:
        return (urlsplit(url).hostname or "") if url else ""
    except ValueError:  # a malformed cited URL: verify reports it, the queue ignores it
        return ""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
