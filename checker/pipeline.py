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

A run accounts for everything it was given (SPEC.md, "Accounting").  Each input is discovered on
its own, so the run knows what each one yielded: an input that yields no post, a post discovery
found but could not read, and a run that checked no citation at all become
:class:`~checker.model.Problem` findings, never a silent pass.  The same post reached from two
inputs is checked once (the first one found wins; the other input is noted on it).

One bad page never loses the run: an unexpected exception while extracting a page or verifying a
citation is caught here, its traceback goes to a crash log (:class:`CrashLog`), and the page or
the citation carries a finding naming the exception and the log, while the run goes on.

Archive lookups never hold a verdict back (issue 19): a dead source's verdict is counted and
shown as soon as it is reached, and only then is an archived copy looked for
(:class:`~checker.verify.citation.ArchiveLookups`, the run's bounded archive phase, whose breaker
turns an archive outage into one run-level problem).
"""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import os
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from functools import partial
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from urllib.parse import urlsplit

from checker.config import Config, default_store_path
from checker.discover import Discovery, Scope, discover_inputs
from checker.extract import extract
from checker.fetch import HttpFetcher, run_key
from checker.findings import Code, Severity
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
from checker.redact import redact_text
from checker.verify.archive import paced
from checker.verify.citation import ArchiveLookups, verify_citation
from checker.verify.match import parse_date

__all__ = ["VERSION", "CrashLog", "Progress", "check", "run"]

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
    crashes = CrashLog()
    config = paced(config)  # the archive hosts' polite pace, unless the config sets one
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
        archives = ArchiveLookups(fetcher, config)
        checker = _Checker(fetcher, config, url_filter, tracker, memo, crashes, archives)
        intake = _Intake(
            checker,
            tracker,
            memo,
            crashes,
            include_verbatim=config.include_verbatim,
            max_citations=config.max_citations_per_post,
        )
        frozen_by_us = False
        try:
            # One call: every input is opened before any page is handed on; the intake hears
            # which input each page comes from, to account for what each input yielded.
            discoveries = await discover_inputs(
                inputs,
                fetcher,
                crawl=config.crawl,
                scope=scope,
                on_page=intake.page,
                on_input=intake.begin_input,
            )
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
    checked = tuple(
        CheckedDocument(intake.noted(d), tuple(next(flat) for _ in v)) for d, v in checker.documents
    )
    problems = intake.problems(inputs, discoveries, checked)
    archive_problem = archives.problem()
    if archive_problem is not None:
        problems = (*problems, archive_problem)
    if offline is not None:  # the run-level reason its citations are unreachable
        # An error, not unreachable's default warning: a run that could reach nothing checked
        # nothing, and "nothing checked" is never a pass.
        finding = Finding(Code.UNREACHABLE, Severity.ERROR, f"network unavailable: {offline}")
        problems = (Problem(None, finding), *problems)
    return Report(tuple(inputs), checked, VERSION, started, _now(), problems)


class _Intake:
    """Turns each found page into posts to check, and accounts for every input and post.

    Extraction of each page is isolated (an unexpected exception makes that page a
    ``post-unreadable`` problem naming the crash log, and the run goes on).  A post already
    found through an earlier input is not checked again: the first one found wins and the
    other input that found it is noted on it (:attr:`~checker.model.Document.also_from`).
    """

    def __init__(
        self,
        checker: _Checker,
        tracker: _Tracker,
        memo: SqliteMemo | None,
        crashes: CrashLog,
        *,
        include_verbatim: bool = False,
        max_citations: int | None = None,
    ) -> None:
        self._include_verbatim = include_verbatim
        self._max_citations = max_citations
        self._input = (0, "")
        self._checker = checker
        self._tracker = tracker
        self._memo = memo
        self._crashes = crashes
        self._yielded: Counter[int] = Counter()
        self._first: dict[str, int] = {}  # post URL -> index of the input that found it first
        self._also: dict[str, list[str]] = {}
        self._unparsed: list[Problem] = []
        self._capped: list[Problem] = []

    def begin_input(self, index: int, item: str) -> None:
        """The pages that follow come from input ``index``, given as ``item``."""
        self._input = (index, item)

    def page(self, page: Page) -> None:
        """Checking overlaps discovery: a page's posts are checked as soon as it is found."""
        index, item = self._input
        try:
            documents = extract(
                page,
                self._memo,
                include_verbatim=self._include_verbatim,
                max_citations=self._max_citations,
            )
        except Exception as exc:  # a bug or a page no extractor survives: this page only
            log = self._crashes.record(exc, f"extracting {page.origin}")
            finding = Finding.of(
                Code.POST_UNREADABLE,
                f"could not be read: extracting its posts failed with {_describe(exc, log)}",
                suggestion="report the crash log to citecheck's maintainers",
            )
            self._unparsed.append(Problem(page.origin, finding))
            return
        for document in documents:
            self._yielded[index] += 1
            first = self._first.setdefault(document.url, index)
            if first != index:  # found through an earlier input: checked and reported once
                others = self._also.setdefault(document.url, [])
                if item not in others:
                    others.append(item)
                continue
            if document.omitted:
                self._capped.append(Problem(document.url, _capped(document)))
            self._tracker.add(document)
            self._checker.start(document)

    def noted(self, document: Document) -> Document:
        """``document`` with the other inputs that found the same post, if any."""
        also = tuple(self._also.pop(document.url, ()))
        return dataclasses.replace(document, also_from=also) if also else document

    def problems(
        self,
        inputs: Sequence[str],
        discoveries: Sequence[Discovery],
        checked: Sequence[CheckedDocument],
    ) -> tuple[Problem, ...]:
        """Everything the run could not account for by checking a citation."""
        found: list[Problem] = []
        for index, (item, discovery) in enumerate(zip(inputs, discoveries, strict=True)):
            failed = [(unread.url, unread.reason or None) for unread in discovery.failed]
            found += [Problem(url, _unreadable(reason)) for url, reason in failed]
            if self._yielded[index] == 0:
                found.append(Problem(item, _yielded_nothing(discovery, len(failed))))
        found += self._unparsed
        found += self._capped
        if inputs and not any(_was_checked(c) for d in checked for c in d.citations):
            found.append(Problem(None, _checked_nothing(checked)))
        return tuple(found)


def _capped(document: Document) -> Finding:
    """A post with more citations than the cap: the ones past it were counted, not checked."""
    checked = len(document.citations)
    return Finding.of(
        Code.CITATIONS_CAPPED,
        f"cites more than max_citations_per_post ({checked}): {document.omitted} more "
        f"link{'s' if document.omitted != 1 else ''} past the cap were not checked",
        suggestion="raise max_citations_per_post (0: no cap) to check them all, "
        "or exclude the page from the inputs",
    )


def _unreadable(reason: str | None) -> Finding:
    because = f": {reason}" if reason else " (its page did not answer 200 with a readable page)"
    return Finding.of(
        Code.POST_UNREADABLE,
        f"discovery found this post but could not read it{because}; its citations were not checked",
        suggestion="check that the post's page loads, then run again",
    )


def _yielded_nothing(discovery: Discovery, unreadable: int) -> Finding:
    detail = f" ({unreadable} found could not be read)" if unreadable else ""
    return Finding.of(
        Code.NOTHING_CHECKED,
        f"this input yielded no post to check{detail}",
        suggestion="check that the input is a post, a blog, a feed or a folder of posts; "
        "--crawl reads a whole blog",
    )


def _checked_nothing(checked: Sequence[CheckedDocument]) -> Finding:
    citations = sum(len(d.citations) for d in checked)
    if citations:
        why = f"all {citations} citation(s) found were skipped or could not be checked"
    else:
        why = f"no citation was found in {len(checked)} post(s)"
    return Finding.of(
        Code.NOTHING_CHECKED,
        f"the run checked no citation: {why}",
        suggestion="a run that checks nothing is never a pass: check the inputs and the "
        "include/exclude patterns",
    )


def _was_checked(checked: CheckedCitation) -> bool:
    """A verdict was reached (a skipped citation, or one whose check crashed, has none)."""
    return checked.status is not Status.SKIPPED


def _describe(exc: BaseException, log: Path | None) -> str:
    """``ValueError: message (traceback in PATH)``: one line, secrets redacted."""
    message = " ".join(str(exc).split())
    if len(message) > _MAX_MESSAGE:
        message = message[: _MAX_MESSAGE - 1] + "…"
    where = f"traceback in {log}" if log is not None else "no crash log could be written"
    text = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    return redact_text(f"{text} ({where})")


_MAX_MESSAGE = 200
"""Characters of an exception's message kept in a finding (the crash log has all of it)."""


def crash_folders() -> tuple[Path, ...]:
    """Where crash logs go: the user's cache folder (beside the store), else the temp folder."""
    return (default_store_path().parent / "crashes", Path(tempfile.gettempdir()))


class CrashLog:
    """One run's file of tracebacks of internal errors, named by the findings and messages.

    A traceback never reaches a report or a CI log (SPEC.md: an internal error is one line and
    the path of a crash log); it is kept here for whoever debugs it.  The file is created on
    first use, readable by its owner only, with its text redacted like every other output (an
    exception's message may hold a cited URL's credentials).
    """

    def __init__(self, folders: Sequence[Path] | None = None) -> None:
        self._folders = tuple(folders) if folders is not None else crash_folders()
        self.path: Path | None = None

    def record(self, exc: BaseException, what: str) -> Path | None:
        """Append ``exc``'s traceback; the log's path, or ``None`` if no folder is writable."""
        stamp = datetime.now(UTC)
        text = f"--- {stamp.isoformat(timespec='seconds')} citecheck {VERSION}: {what}\n"
        text = redact_text(text + "".join(traceback.format_exception(exc)))
        if self.path is not None and _append(self.path, text):
            return self.path
        name = f"crash-{stamp:%Y%m%dT%H%M%S}-{os.getpid()}.log"
        for folder in self._folders:
            path = folder / name
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError:
                continue
            if _append(path, text):
                self.path = path
                return path
        return None


def _append(path: Path, text: str) -> bool:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace") as handle:
            handle.write(text)
    except OSError:
        return False
    return True


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
        crashes: CrashLog,
        archives: ArchiveLookups,
    ) -> None:
        self._fetcher = fetcher
        self._crashes = crashes
        self._archives = archives
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
                    citation, self._fetcher, self._config, memo=self._memo
                )
            except Exception as exc:  # a bug: this citation says so, the run goes on
                checked = self._crashed(citation, exc)
            if verdict.done() or not self._archives.wanted(checked):
                self._finish(document, verdict, checked)
                return
            self._judged(document, checked)  # the verdict is in: counted and shown now
            try:
                checked = await self._archives.complete(checked, published)
            except Exception as exc:  # a bug in the lookup: the verdict stands without a copy
                log = self._crashes.record(exc, f"archive lookup for {citation.url}")
                note = f"no archive lookup: internal error ({_describe(exc, log)})"
                checked = dataclasses.replace(checked, note=note)
            if not verdict.done():
                verdict.set_result(checked)

        task = asyncio.get_running_loop().create_task(verify())
        self._running.add(task)
        task.add_done_callback(self._running.discard)

    def _crashed(self, citation: Citation, exc: Exception) -> CheckedCitation:
        """The verdict on a citation whose check raised: not checked, saying why.

        ``skipped``, not ``unreachable``: the exception says nothing about the source, and a
        status of its own would claim an availability verdict nobody reached.  The
        ``internal-error`` finding and the note say it was not checked.
        """
        log = self._crashes.record(exc, f"verifying {citation.kind.value} {citation.url}")
        finding = Finding.of(
            Code.INTERNAL_ERROR,
            f"checking this citation failed with {_describe(exc, log)}; it was not checked",
            suggestion="report the crash log to citecheck's maintainers",
        )
        note = f"not checked: internal error ({type(exc).__name__})"
        return CheckedCitation(citation, Status.SKIPPED, findings=(finding,), note=note)

    def _finish(
        self,
        document: Document,
        verdict: asyncio.Future[CheckedCitation],
        checked: CheckedCitation,
    ) -> None:
        if verdict.done():
            return
        verdict.set_result(checked)
        self._judged(document, checked)

    def _judged(self, document: Document, checked: CheckedCitation) -> None:
        """A verdict is reached: its source's text may go, and progress hears of it."""
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
