"""Verify one citation: is the source there, and is it what the post says it is?

Embedded posts go to their platform's verifier (``embeds``), which asks the platform's own
endpoints.  For everything else the order of questions is fixed and each answer narrows the
next: no URL → ``missing-url`` and stop; fetch it; availability (``availability.classify``)
decides the status; only a page that is really the source (``page_ok``) has its metadata
compared, because the title of a bot wall or a "not found" page says nothing about the article.
The publisher check needs no page: the publication a post names is compared with the URL's
registered domain even when the page is blocked, and with the page's own site name when we have
it.  A quote is looked for in the page's main text; a link whose post presents a headline for it
has that headline checked like a source's title.  With ``--save``, a live source nobody archived
lately is sent to the Wayback Machine.

A dead source gets a verified archived copy, but only after its verdict is in:
:class:`ArchiveLookups` is the run's archive phase.  The pipeline hands it each verdict; the
verdict has been counted and shown already, and the lookup only adds ``archive_url`` to it.  The
lookups are bounded (a few at a time, each archive request timed, one
:class:`~checker.verify.breaker.ArchiveBreaker` for the run), so an archive that is down costs a
run seconds, and the lookups it could not make are one run-level problem (:meth:`problem`).
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import marshal
import queue
import threading
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeGuard, cast
from urllib.parse import urlsplit

from checker.config import ArchiveKind, Config
from checker.dates import parse_cited, parse_day
from checker.findings import Code, Severity
from checker.lazyre import lazy
from checker.memo import body_digest, code_digest, expect, keep, recall
from checker.model import (
    CheckedCitation,
    Citation,
    CitationKind,
    DigestedTexts,
    Fetcher,
    FetchResult,
    Finding,
    LocalAnswer,
    Memo,
    Observed,
    Problem,
    Status,
)
from checker.redact import carries_secret
from checker.slots import slot_setters
from checker.urls import archived_original, copy_original, is_archive_copy, memento_original
from checker.verify.availability import (
    classify,
    is_shortlink,
    local_skipped,
    local_verdict,
    needs_sibling,
    page_fragments,
    unfetched_verdict,
)
from checker.verify.breaker import ArchiveBreaker, archive_lanes
from checker.verify.deceptive import deceptive_url
from checker.verify.page import ParsedPage, parse_html
from checker.verify.persistence import with_persistence
from checker.verify.soft404 import (
    Sibling,
    follow_client_redirects,
    opens_as_file,
    probe_sibling,
)

if TYPE_CHECKING:
    from checker.verify.archive import (
        ArchiveResult,
        ArchiveSettings,
        SaveGate,
        SaveResult,
        SaveSettings,
    )
    from checker.verify.metadata import PageMetadata

# Imported on first use, not here: the verifiers of embedded posts and quotes, the metadata
# comparisons (``match``, ``support``: rapidfuzz, tldextract) and Robust Links snippets.  A run
# of plain links needs none of them, and importing them was ~a fifth of its start-up (issue 19;
# tests/test_layering.py LOADED_ON_DEMAND).  Nor the archive lookups and ``--save``
# (``verify.archive``): a run with ``archive = "off"`` needs only the breaker (session 28).

__all__ = [
    "ArchiveLookups",
    "Judgement",
    "author_finding",
    "compares_metadata",
    "date_finding",
    "judgement",
    "memo_keys",
    "not_compared",
    "save_settings",
    "title_finding",
    "undated_finding",
    "verify_citation",
]


async def verify_citation(
    citation: Citation,
    fetcher: Fetcher,
    config: Config,
    *,
    memo: Memo | None = None,
    judge: JudgeThread | None = None,
    saves: SaveGate | None = None,
    local: Callable[[str, tuple[str, ...]], Awaitable[LocalAnswer]] | None = None,
) -> CheckedCitation:
    """The verdict on one citation, with every finding it earns but an archived copy.

    ``local`` reads the disk for a local file's link (``file:``; the run's
    :func:`checker.fetch.local.look_up`, off the loop), and the places its file names when the
    citation has ``fragments`` to check; without it such a link is skipped, unread.

    ``memo`` keeps judgements across runs and ``judge`` is where judging runs (see
    :func:`judgement`); ``saves`` is the run's budget of ``--save`` captures, which a run with
    ``config.save`` must give (:class:`checker.run.Run` owns all three).  The archived copy of a
    dead source is :meth:`ArchiveLookups.complete`'s business, once the verdict is in.
    """
    if citation.kind is CitationKind.EMBED:
        from checker.verify.embeds import verify_embed  # noqa: PLC0415 (on first use, above)

        embed = await verify_embed(citation, fetcher, mirror_accounts=config.verify.mirror_accounts)
        return CheckedCitation(
            citation,
            embed.status,
            final_url=embed.final_url,
            observed=embed.observed,
            findings=embed.findings,
            note=embed.note,
        )
    if citation.url is None:
        return _missing_url(citation)
    unfetched = unfetched_verdict(citation.url)
    if unfetched is None and citation.url[:5].lower() == "file:":
        # a local file's link: read from the disk every run, never memoised (it changes); in a
        # thread, so that a slow file system holds no request of the run (the run's ``local``
        # is ``fetch.batched``: a turn's look-ups share one thread job)
        fragments = citation.fragments
        unfetched = (
            local_verdict(
                await local(citation.url, fragments),
                fragments,
                vault_note=citation.vault_note,
            )
            if local is not None
            else local_skipped()
        )
    if unfetched is not None:  # malformed, a placeholder, a local file: no request is made
        return CheckedCitation(
            citation, unfetched.status, findings=unfetched.findings, note=unfetched.note
        )
    parts, plain_keys, judged, digest = None, None, None, None
    if memo is not None and _gives_digests(fetcher):
        answer, digest = await fetcher.get_digested(citation.url)
    else:
        answer = await fetcher.get(citation.url)
    # False for an answer without its text (a memo's digest): its plain keys are looked up
    answer_needs_sibling = needs_sibling(answer, citation.url)
    if memo is not None:
        parts = _KeyParts(citation, answer, digest)
        # an answer with its text (a network answer) that needs a sibling was never kept under
        # its plain keys (only one that needs none is, below): they are neither made nor looked
        # up (issue 19: a cold run judges nearly every citation beside a sibling)
        if not answer_needs_sibling:
            plain_keys = parts.plain()
            judged = await _recalled(memo, plain_keys)
        if judged is None and digest is not None:  # to be judged: the text, keyed by itself
            answer = await fetcher.get(citation.url)  # (a damaged blob is asked again)
            parts = _KeyParts(citation, answer, subject=parts.subject)
            answer_needs_sibling = needs_sibling(answer, citation.url)
            plain_keys = None if answer_needs_sibling else parts.plain()
    asked = _Asked(fetcher)
    # judged before on this very answer, which forwards nowhere: nothing to follow
    result = answer if judged is not None else await follow_client_redirects(answer, asked)
    accepted = _accepted(citation, result, config)
    if accepted is not None:
        return accepted
    if judged is None:
        sibling_needed = (
            answer_needs_sibling if result is answer else needs_sibling(result, citation.url)
        )
        if plain_keys is not None and result is answer and not asked.urls and not sibling_needed:
            judged = await _judged(judge, citation, result, None)
            if _keepable(citation, result):
                keep(memo, *plain_keys, judged)
        else:
            sibling = await probe_sibling(citation.url, fetcher) if sibling_needed else None
            if memo is not None and parts is not None and result is answer:
                # the answer's keys, made once above: only the sibling is written in again
                judged = await _kept_judgement(
                    memo, parts.keys(sibling), citation, result, sibling, judge
                )
            else:
                judged = await judgement(citation, result, memo, sibling, judge=judge)
    saved = None
    if config.archive.save and judged.status in _SAVE_STATUSES and citation.kind in _SAVE_KINDS:
        if saves is None:  # a caller's bug: without the run's gate the limit would not hold
            raise ValueError("config.save needs the run's SaveGate (saves=)")
        saved = await _save(citation.url, fetcher, config, saves)
    notes = (judged.note, saved.note if saved else None)
    return CheckedCitation(
        citation,
        judged.status,
        final_url=result.final_url,
        observed=judged.observed,
        findings=judged.findings,
        note="; ".join(n for n in notes if n) or None,
        warc_record_id=result.warc_record_id,
        saved_url=saved.saved_url if saved else None,
        saved_at=saved.captured if saved else None,
    )


def _accepted(citation: Citation, result: FetchResult, config: Config) -> CheckedCitation | None:
    """``ok`` for an answer whose status the user accepts (``--accept 429``), else None.

    Only a status outside 2xx is taken on the user's word: a 200 may still be a "not found" page
    or the site's home, which the judgement must see.
    """
    code = result.status_code
    if code is None or 200 <= code < 300 or code not in config.verify.accept:
        return None
    return CheckedCitation(
        citation,
        Status.OK,
        final_url=result.final_url,
        note=f"HTTP {code} accepted (--accept)",
        warc_record_id=result.warc_record_id,
    )


JUDGED_HEADERS = frozenset({"cf-mitigated", "refresh", "link"})
"""The response headers judging reads (``availability`` spots bot walls by ``cf-mitigated``,
``soft404.header_refresh`` follows ``Refresh``, an archive's copy names its original in
``Link``: :func:`_archive_original`);
the memo fingerprints exactly these, so a header read anywhere in verify must be listed here
(``link`` only of an archive's copy, the one it is read of: :func:`_judged_headers`)."""


def _judged_headers(result: FetchResult) -> list[tuple[str, str]]:
    """The judged headers of ``result`` (:data:`JUDGED_HEADERS`), lower-cased and sorted, as its
    memo fingerprint holds them.  ``Link`` counts only where it is read, an archive's copy:
    every page's (preload hints that change with each deploy) made its fingerprint change with
    nothing judged changed (mend 33n)."""
    judged = [(low, v) for k, v in result.headers.items() if (low := k.lower()) in JUDGED_HEADERS]
    if any(low == "link" for low, _ in judged) and not is_archive_copy(
        result.final_url or result.url
    ):
        judged = [(low, v) for low, v in judged if low != "link"]
    return sorted(judged)


@dataclass(frozen=True, slots=True, init=False)
class Judgement:
    """What the source's answer says about a citation, before any archive is asked."""

    status: Status
    findings: tuple[Finding, ...]
    observed: Observed
    note: str | None

    def __init__(
        self, status: Status, findings: tuple[Finding, ...], observed: Observed, note: str | None
    ) -> None:
        """The generated ``__init__``, written out (see :func:`checker.slots.slot_setters`):
        one is made for every citation judged (issue 19)."""
        set_status, set_findings, set_observed, set_note = _JUDGEMENT_SETTERS
        set_status(self, status)
        set_findings(self, findings)
        set_observed(self, observed)
        set_note(self, note)


_JUDGEMENT_SETTERS = slot_setters(Judgement)


async def judgement(
    citation: Citation,
    result: FetchResult,
    memo: Memo | None = None,
    sibling: Sibling | None = None,
    *,
    judge: JudgeThread | None = None,
) -> Judgement:
    """Judge ``citation`` by ``result``, or take the judgement ``memo`` kept for the same inputs.

    ``sibling`` is the site's answer for a made-up URL beside the cited one, when it was needed
    (``availability.needs_sibling``); it is part of the memo's inputs.

    Judging is pure and costs a parse of the page, so a run has it done on ``judge``, its one
    judging thread (:class:`JudgeThread`): on the event loop, bursts of parsing held back the
    responses of every request in flight, adding 10 ms or more to each of them on a busy run
    (bench/README.md).  The run owns that thread (:class:`checker.run.Run`), so two runs never
    share it; without one (a single citation checked by a library caller) judging runs right
    here.  The memo stays on the loop's thread, which owns its SQLite connection.  A warm run
    whose store answers as before finds every judgement in the memo instead.
    """
    if memo is None:  # no fingerprints to take: hashing each page would be wasted work
        return await _judged(judge, citation, result, sibling)
    keys = memo_keys(citation, result, sibling)
    return await _kept_judgement(memo, keys, citation, result, sibling, judge)


async def _kept_judgement(
    memo: Memo,
    keys: tuple[str, str],
    citation: Citation,
    result: FetchResult,
    sibling: Sibling | None,
    judge: JudgeThread | None,
) -> Judgement:
    """The judgement ``memo`` kept under ``keys`` (:func:`memo_keys` of the other arguments),
    or judged now and kept there."""
    judged = await _recalled(memo, keys)
    if judged is None:
        judged = await _judged(judge, citation, result, sibling)
        if _keepable(citation, result):
            keep(memo, *keys, judged)
    return judged


def _keepable(citation: Citation, result: FetchResult) -> bool:
    """Whether the memo (in the store's file) may keep a judgement of ``citation`` on ``result``:
    not when a URL of theirs carries a secret, which the page's texts the judgement holds may
    echo bare (a title "Results for <the URL's token>": the memo's own check sees a secret by
    its form only; :func:`checker.redact.redact_echoes`).  Such a citation is judged again on a
    warm run, its answer still reused."""
    return not any(u is not None and carries_secret(u) for u in (citation.url, result.final_url))


def _gives_digests(fetcher: Fetcher) -> TypeGuard[DigestedTexts]:
    """Whether ``fetcher`` can give an answer with its text's digest (``DigestedTexts``),
    asked once a type: ``isinstance`` of a runtime protocol took ~40 µs a call."""
    return _digesting(type(fetcher))


@functools.cache
def _digesting(kind: type) -> bool:
    return issubclass(kind, DigestedTexts)


async def _recalled(memo: Memo, keys: tuple[str, str]) -> Judgement | None:
    """The judgement ``memo`` kept under ``keys`` (subject, inputs), if any."""
    subject, inputs = keys
    if expect(memo, subject):  # one turn: the citations started with it say theirs, and the
        await asyncio.sleep(0)  # memo reads their rows in one statement (issue 19, warm runs)
    return recall(memo, subject, inputs, Judgement)


class _Asked:
    """A fetcher that notes each URL asked of it: whether following a page's client
    redirects asked for anything (:meth:`_KeyParts.plain`)."""

    def __init__(self, fetcher: Fetcher) -> None:
        self._fetcher = fetcher
        self.urls: list[str] = []

    async def get(self, url: str, *, fresh: bool = False) -> FetchResult:
        self.urls.append(url)
        return await self._fetcher.get(url, fresh=fresh)


async def _judged(
    judge: JudgeThread | None, citation: Citation, result: FetchResult, sibling: Sibling | None
) -> Judgement:
    """:func:`_judge` on ``judge``'s thread, or here when there is no judging thread."""
    if judge is None:
        return _judge(citation, result, sibling)
    return await judge.judge(citation, result, sibling)


_Work = tuple["asyncio.Future[Judgement]", Citation, FetchResult, "Sibling | None"]
_Done = tuple["asyncio.Future[Judgement]", "Judgement | BaseException"]


ABANDON_GRACE = 0.5
"""Seconds a cancelled run's close waits for the judgement under way before abandoning it."""


def _cancelling() -> bool:
    """Whether the task calling this (if any, on a running loop) is being cancelled."""
    try:
        task = asyncio.current_task()
    except RuntimeError:  # no running loop in this thread
        return False
    return task is not None and task.cancelling() > 0


JUDGE_BACKLOG = 256
"""Judgements waiting past which the judging thread judges even while pages are extracted
(:class:`JudgeThread`'s ``after``): the answers held meanwhile stay a few MB at most."""

_LOOK_AGAIN = 0.01
"""Seconds between two looks at the backlog of a judging thread that waits."""


class JudgeThread:
    """A run's one judging thread (see :func:`judgement`), its answers handed back in batches.

    ``run_in_executor`` on a one-thread ``ThreadPoolExecutor`` cost ~100 µs of CPU per call on
    this machine (its work item, a ``concurrent.futures.Future`` with its condition, the
    future chained to the loop's, and a wake-up of the loop through its self-pipe for every
    answer), against ~7 µs here, where the loop's futures go over a ``SimpleQueue`` and the
    thread wakes the loop once for every answer it finished while the loop was busy (issue
    19: CPU per checked URL; bench/README.md, session 18).  Made on the run's event loop,
    which it answers on; :meth:`close` on the same loop.
    """

    def __init__(
        self, name: str = "citecheck-judge", *, after: threading.Event | None = None
    ) -> None:
        self._loop = asyncio.get_running_loop()
        self._after = after
        """Set when judging may go on; clear while the run's pages are being extracted, whose
        citations are the lanes' next requests (judging can wait: it holds no host's slot),
        unless the backlog grows past :data:`JUDGE_BACKLOG`."""
        self._work: queue.SimpleQueue[_Work | None] = queue.SimpleQueue()
        self._done: deque[_Done] = deque()
        self._lock = threading.Lock()
        self._called = False  # a delivery is scheduled on the loop and has not run yet
        self._closed = False
        self._current: asyncio.Future[Judgement] | None = None  # the judgement under way
        self._abandoned = False  # close gave up waiting for it
        self._thread = threading.Thread(target=self._serve, name=name, daemon=True)
        self._thread.start()

    def judge(
        self, citation: Citation, result: FetchResult, sibling: Sibling | None
    ) -> asyncio.Future[Judgement]:
        """:func:`_judge` of these on the thread; its judgement (or exception) on the loop."""
        if self._closed:
            raise RuntimeError("the judging thread is closed")
        future: asyncio.Future[Judgement] = self._loop.create_future()
        self._work.put((future, citation, result, sibling))
        return future

    def close(self, *, grace: float = ABANDON_GRACE) -> None:
        """Judge nothing more: the judgements not started are cancelled.

        The one under way (a parse of one page) is waited for while its answer is awaited: a
        run that ends normally has nothing under way, and whoever still awaits one gets it.  A
        cancelled run does not need it: when its future was cancelled or the closing task is
        being cancelled (a Ctrl-C: ``asyncio.run`` cancels the main task and :class:`Run`
        closes on its way out), it is waited for at most ``grace`` seconds, then abandoned: the
        thread is a daemon, its future is cancelled, and what it returns is never delivered.
        """
        if self._closed:
            return
        self._closed = True
        if self._after is not None:  # the one under way, if any, waits for nothing more
            self._after.set()
        while True:
            try:
                work = self._work.get_nowait()
            except queue.Empty:
                break
            if work is not None:
                work[0].cancel()
        self._work.put(None)
        with self._lock:
            current = self._current
        if not _cancelling() and (current is None or not current.done()):
            self._thread.join()  # wanted (or just taken from the queue: wanted unless told)
            return
        self._thread.join(grace)
        with self._lock:
            self._abandoned = self._thread.is_alive()
            abandoned = [f for f, _ in self._done] + ([current] if current is not None else [])
            self._done.clear()
        if self._abandoned:
            for future in abandoned:
                future.cancel()

    def _serve(self) -> None:
        """The thread: judge each piece of work in turn until :meth:`close`."""
        while (work := self._work.get()) is not None:
            future, citation, result, sibling = work
            if self._after is not None:
                self._yield(self._after)
            with self._lock:
                self._current = future
            outcome: Judgement | BaseException
            try:
                # looked up at each call: a profiler (bench/profile_check.py) wraps it
                outcome = _judge(citation, result, sibling)
            except BaseException as exc:  # the awaiting coroutine's to handle; the thread goes on
                outcome = exc
            with self._lock:
                self._current = None
                if self._abandoned:  # close gave up on it: nobody is to hear of it
                    return
                self._done.append((future, outcome))
                call, self._called = not self._called, True
            if call:
                try:
                    self._loop.call_soon_threadsafe(self._deliver)
                except RuntimeError:  # the loop is closed: nobody awaits these any more
                    return

    def _yield(self, after: threading.Event) -> None:
        """Wait until ``after`` is set, unless :data:`JUDGE_BACKLOG` judgements are waiting:
        each holds its page's text, and a run whose pages take seconds to extract would keep
        thousands of them."""
        while not after.wait(_LOOK_AGAIN) and self._work.qsize() < JUDGE_BACKLOG:
            pass

    def _deliver(self) -> None:
        """On the loop: every judgement finished since the last delivery to its future."""
        with self._lock:
            done, self._done = self._done, deque()
            self._called = False
        for future, outcome in done:
            if future.cancelled():
                continue
            if isinstance(outcome, StopIteration) or (
                isinstance(outcome, BaseException) and not isinstance(outcome, Exception)
            ):
                # A future refuses StopIteration (the awaiter's protocol), and asyncio lets a
                # SystemExit or KeyboardInterrupt out of the loop: one citation's judging would
                # end the whole run with no report.  Each is that citation's error instead.
                future.set_exception(RuntimeError(f"judging raised {outcome!r}"))
            elif isinstance(outcome, BaseException):
                future.set_exception(outcome)
            else:
                future.set_result(outcome)


def memo_keys(
    citation: Citation,
    result: FetchResult,
    sibling: Sibling | None = None,
    *,
    text_digest: str | None = None,
) -> tuple[str, str]:
    """The memo's subject (the citation) and inputs (verify's code and what it reads of result).

    Every field of ``result`` that judging reads is in ``inputs``; timing, evidence ids and where
    the answer came from (network or store) are not, so a stored answer matches its first run.
    The page's text is in it by its digest (``memo.body_digest``): ``text_digest``, the one the
    store keeps of a text it gave packed (``result.text`` None then, see
    ``model.DigestedTexts``), or the digest of ``result.text``, which is the same for the
    same text.
    """
    return _KeyParts(citation, result, text_digest).keys(sibling)


class _KeyParts:
    """The parts of a citation's memo keys for one answer, made once for all its keys.

    :func:`verify_citation` asks for two keys of an answer: its plain keys (the judgement of
    the answer as it came, :meth:`plain`) and, when the page is judged beside a site's sibling
    (nearly every deep page of a run), the judgement's (:meth:`keys`).  Both share the subject,
    the answer's fields and its text's digest; only the sibling differs.  Made twice, they were
    the largest piece of a cold store's extra CPU (~40 µs a citation, issue 19).
    """

    __slots__ = ("_read", "_text", "subject")

    def __init__(
        self,
        citation: Citation,
        result: FetchResult,
        text_digest: str | None = None,
        *,
        subject: str | None = None,
    ) -> None:
        self.subject = _subject(citation) if subject is None else subject
        # only the judged headers lower-cased (``header_lookup`` built a dict of every one) and
        # the outcome by its value (an enum's repr is a slow call)
        read = (
            result.url,
            result.outcome.value,
            result.final_url,
            result.status_code,
            repr(result.redirects) if result.redirects else None,  # most answers have none
            _judged_headers(result),
            result.content_type,
            result.truncated,
            result.error,
            result.attempts,
            result.failure_streak,
            result.failing_since,
            result.persistent_failure,
        )
        digest = code_hash().copy()
        digest.update(_written(read))
        self._read = digest
        if text_digest is None:
            text_digest = body_digest((result.text or "").encode("utf-8", "surrogatepass"))
        self._text = text_digest.encode()

    def keys(self, sibling: Sibling | None = None) -> tuple[str, str]:
        """The subject and inputs of the judgement of this answer beside ``sibling``."""
        digest = self._read.copy()
        try:
            digest.update(_sibling_text(sibling))
        except TypeError:  # a caller's sibling holding a list: unhashable, made here every call
            digest.update(_sibling_text.__wrapped__(sibling))
        digest.update(self._text)
        return self.subject, digest.hexdigest()

    def plain(self) -> tuple[str, str]:
        """The keys of the judgement of this answer as it came, kept only when the answer
        forwards nowhere (following its client redirects asked for nothing) and needs no sibling.

        Both are functions of what the inputs fingerprint (the page's text, its URLs and status,
        verify's code), so an answer with these keys forwards nowhere again and its judgement is
        taken back whole: a warm run spared reading each page for a meta refresh and the article
        markers (~8 % of a 20,000-URL warm rerun's CPU, issue 19).  The inputs differ from
        :meth:`keys`' for the same answer: a judgement of an answer whose forward could not be
        followed (its destination gave no answer) is never taken for one of these."""
        subject, inputs = self.keys()
        return subject, inputs + ":forwards nowhere"


def _subject(citation: Citation) -> str:
    """The memo's subject of ``citation``: a digest of every field's value, written by
    ``repr`` of plain values (strings, numbers, tuples, the enums' values).

    Not ``repr(citation)``: the dataclasses' own ``repr`` (the citation's and its ``Cited``'s)
    and the enums' are Python calls, ~10 µs a citation (issue 19); nor ``repr`` of the values
    (:func:`_written`).  Equal citations have equal fields, so the same subject; every field is
    in it (tests/test_memo_keys.py holds that a field added to :class:`Citation` or
    :class:`Cited` changes it).
    """
    cited = citation.cited
    platform = citation.platform
    fields = (
        citation.kind.value,
        citation.url,
        cited.title,
        cited.alt_titles,
        cited.subtitle,
        cited.author,
        cited.date,
        cited.publisher,
        cited.handle,
        cited.text,
        cited.archived,
        None if platform is None else platform.value,
        citation.post_id,
        citation.line,
        citation.context,
        citation.fragments,
        citation.post_cjk,
        None if citation.vault_note is None else citation.vault_note.value,
    )
    return "judge:" + hashlib.sha256(_written(fields)).hexdigest()


def _written(values: tuple[object, ...]) -> bytes:
    """``values`` (strings, numbers, None, tuples and lists of them) as bytes that differ
    whenever the values do, to be hashed into a memo key: ``marshal``'s format version 0,
    which writes each value whole (no references, nothing interned), so equal values give
    equal bytes in any process.  ``repr`` of them was ~5 µs of each key (it checks every
    character of a post's CJK context for printability; issue 19), this ~1 µs.  A value
    ``marshal`` does not write (a library caller's own object) is written by ``repr``; no
    marshal output starts with these bytes (its tuple starts with ``(``).  Never read back."""
    try:
        return marshal.dumps(cast("Any", values), 0)
    except ValueError:
        return b"repr:" + repr(values).encode("utf-8", "surrogatepass")


@functools.lru_cache(maxsize=64)  # the sites in flight
def _sibling_text(sibling: Sibling | None) -> bytes:
    """``repr(sibling)``'s bytes in :func:`memo_keys`, made once a site's sibling: it is the
    same for every citation of the site, and its words made it ~25 µs a key (issue 19)."""
    return repr(sibling).encode()


def code_hash() -> Any:
    """A hash of verify's code fingerprint, copied for each citation's keys (:func:`memo_keys`);
    made before a run forks its workers (:func:`checker.processes.import_shared`)."""
    return code_digest("verify")


def _judge(
    citation: Citation,
    result: FetchResult,
    sibling: Sibling | None = None,
    *,
    parse: Callable[[str], Any] = parse_html,
) -> Judgement:
    """The judgement, reading of the page only what it needs (``parse``: tests count parses).

    The page is parsed at most once, for every check that reads its tree, and only when one
    does; its metadata is read only when the citation cites something to compare with it.
    """
    url = citation.url or ""
    text = result.text
    # (a file's bytes decoded as text are no page to read: ``soft404.opens_as_file``)
    page = ParsedPage(text, parse) if text is not None and not opens_as_file(text) else None
    compared = compared_with_page(citation)
    compares = citation.kind is not CitationKind.QUOTE and bool(compared)  # compares_metadata
    verdict = classify(result, cited_url=url, sibling=sibling, page=page, reads_page=bool(compared))
    findings = with_persistence(list(verdict.findings), result)
    findings.extend(deceptive_url(url))
    readable = verdict.page_ok and page is not None
    metadata = None
    if verdict.page_ok and page is not None and compares:
        # Imported on first use: the metadata reader loads htmldate (with dateutil), which a run
        # of plain links never needs (issue 19, start-up).
        from checker.verify.metadata import read_metadata  # noqa: PLC0415

        metadata = read_metadata(page.text, result.final_url or url, page)
    quoted = None  # a failed quote's closest source passage, for the report's word diff
    if verdict.page_ok and page is None:
        findings.extend(_not_compared(compared, result))
    note = verdict.note
    if citation.fragments and verdict.page_ok:  # --include-fragments: the page's anchors
        missing_anchors, unread = page_fragments(result, citation.fragments)
        findings.extend(missing_anchors)
        note = "; ".join(n for n in (note, unread) if n) or None
    if citation.kind is CitationKind.SOURCE:
        findings.extend(_source_findings(citation, result, metadata, page))
    elif citation.kind is CitationKind.LINK and metadata is not None:
        findings.extend(_title_findings(citation, metadata))
    elif citation.kind is CitationKind.QUOTE and readable and citation.cited.text:
        from checker.verify.quotes import find_quote, quote_finding  # noqa: PLC0415

        page_url = result.final_url or url
        match = find_quote(citation.cited.text, result.text or "", page_url)
        finding = quote_finding(match, page_url)
        findings.extend([finding] if finding is not None else [])
        quoted = match.source_passage if finding is not None and match.source_passage else None
    observed = (
        metadata.observed(result.status_code)
        if metadata is not None
        else _observed(result.status_code, quoted)
    )
    return Judgement(verdict.status, tuple(findings), observed, note or result.error)


def _observed(status_code: int | None, quoted: str | None) -> Observed:
    """What a judgement without metadata observed: a status code alone is one shared value.

    Most verdicts of a run are such (plain links, quotes that match), and ``Observed`` is
    frozen: sharing it from the start spares :class:`checker.executor.Compact` a copy of each
    verdict to share it later (issue 19, CPU per URL).
    """
    return (
        _status_only(status_code)
        if quoted is None
        else Observed(status_code=status_code, text=quoted)
    )


@functools.lru_cache(maxsize=128)
def _status_only(status_code: int | None) -> Observed:
    return Observed(status_code=status_code)


def _not_compared(compared: tuple[str, ...], result: FetchResult) -> list[Finding]:
    """``blocked`` at ``info`` when the source answered but gave no text to read (a PDF, an
    image, an empty page, a coding not decoded) while the post cites something to compare with
    it (``compared``, :func:`compared_with_page`): its title, author and date (or a quote) were
    not checked, and a run that said nothing passed them silently (probe 19).  Info, not
    warning: the source exists, the post may well be right, and most PDFs are cited correctly;
    the finding says what a person should check.  The publication is not named: it is judged
    against the URL's site, which needs no text.
    """
    unchecked = [name for name in compared if name != "publication"]
    if not unchecked:
        return []
    kind = (result.content_type or "").split(";", 1)[0].strip()
    opened_as = opens_as_file(result.text) if result.text else None
    if result.error:
        why = result.error
    elif opened_as is not None:
        served = kind or "no type"
        why = f"its bytes are {opened_as} (served as {served}), which citecheck does not read"
    elif kind and not kind.startswith("text/") and "html" not in kind and "xml" not in kind:
        why = f"it is {kind}, which citecheck does not read"
    else:
        why = "its answer has no text"
    what = ", ".join(unchecked[:-1]) + " and " * (len(unchecked) > 1) + unchecked[-1]
    return [not_compared(what, why)]


def not_compared(what: str, why: str) -> Finding:
    """The note that the cited ``what`` (``title``, ``quote``, …) could not be compared with the
    source, and ``why``: ``blocked`` at info (see :func:`_not_compared`), one wording for every
    value a post cites."""
    message = f"the cited {what} could not be compared with the source: {why}"
    suggestion = f"open the source and check the cited {what} by hand"
    return Finding(Code.BLOCKED, Severity.INFO, message, suggestion=suggestion)


def compares_metadata(citation: Citation) -> bool:
    """Whether judging ``citation`` compares anything with the page's metadata.

    A source's cited title, author, date or publication (the publication against the page's
    site names); a link's title when the post presents its text as the page's headline.  A
    plain link or a quote compares none: its verdict needs the availability checks alone, and
    its report shows only the status code observed (issue 19: reading metadata was most of the
    CPU a checked URL cost).
    """
    return citation.kind is not CitationKind.QUOTE and bool(compared_with_page(citation))


def compared_with_page(citation: Citation) -> tuple[str, ...]:
    """What judging ``citation`` compares with the source page, by name (``title``, ``author``,
    ``date``, ``publication``, ``quote``): empty for a plain link, which needs the availability
    checks alone.  The one reading of "cites something" for the metadata read, the script-shell
    check and the note that nothing could be compared (:func:`_not_compared`)."""
    cited = citation.cited
    if citation.kind is CitationKind.SOURCE:
        named = (
            ("title", cited.title or cited.alt_titles),
            ("author", cited.author),
            ("date", cited.date),
            ("publication", cited.publisher),
        )
        return tuple(name for name, value in named if value)
    if citation.kind is CitationKind.LINK:
        return ("title",) if cited.title else ()
    if citation.kind is CitationKind.QUOTE:
        return ("quote",) if cited.text else ()
    return ()


_ARCHIVE_STATUSES = frozenset({Status.BROKEN, Status.UNREACHABLE})
_ARCHIVED_CODES = frozenset({Code.BROKEN, Code.SOFT_404, Code.UNREACHABLE})
_SAVE_STATUSES = frozenset({Status.OK, Status.REDIRECTED})
_SAVE_KINDS = frozenset({CitationKind.SOURCE, CitationKind.LINK})


def save_settings(config: Config) -> SaveSettings:
    """``--save``'s settings from the run's config."""
    from checker.verify.archive import SaveSettings  # noqa: PLC0415 (see the imports)

    return SaveSettings(
        age_days=config.archive.save_age_days,
        interval=config.archive.save_interval,
        limit=config.archive.save_limit,
    )


async def _save(url: str, fetcher: Fetcher, config: Config, gate: SaveGate) -> SaveResult | None:
    """``--save``: have the Wayback Machine capture ``url`` unless it did so lately."""
    from checker.verify.archive import save_capture  # noqa: PLC0415 (see the imports)

    return await save_capture(url, fetcher=fetcher, settings=save_settings(config), gate=gate)


class ArchiveLookups:
    """One run's archive phase: a verified archived copy for each dead source, bounded.

    Run-scoped state (the breaker, the lookups in flight), made by the pipeline with the run's
    fetcher.  :meth:`complete` is called with a verdict that is already final in everything but
    its archive suggestion; at most the archive host's lanes of lookups run at once
    (:func:`~checker.verify.breaker.archive_lanes`), so archive requests never take more of the
    run's connections than one host's share, nor ask the archive more at once than its pace.
    """

    def __init__(self, fetcher: Fetcher, config: Config) -> None:
        self._fetcher = fetcher
        self._config = config
        self.breaker = ArchiveBreaker(config.archive.failures, config.archive.timeout)
        self._slots = asyncio.Semaphore(archive_lanes(config))

    def wanted(self, checked: CheckedCitation) -> bool:
        """Whether ``checked`` is a dead source an archived copy is looked for.

        Only a source found dead (a finding the copy would go on): a malformed URL was never a
        working address, so no archive holds it and asking would only spend the archive's budget.
        Nor does one hold a local file (a ``file:`` URL).
        """
        return (
            self._config.archive.kind != "off"
            and checked.status in _ARCHIVE_STATUSES
            and checked.citation.kind is not CitationKind.EMBED
            and checked.citation.url is not None
            and checked.citation.url[:5].lower() != "file:"
            and any(f.code in _ARCHIVED_CODES for f in checked.findings)
        )

    async def complete(
        self, checked: CheckedCitation, published: date | None = None
    ) -> CheckedCitation:
        """``checked`` with a verified archived copy on its findings, when one is found.

        The copy nearest the cited date is wanted, or failing that the post's ``published``
        date.  A lookup the breaker stopped, or one not made because the URL carries a credential,
        leaves the findings as they are and says so in the note; :meth:`problem` reports the
        breaker's count once for the run.
        """
        if not self.wanted(checked):
            return checked
        async with self._slots:
            if self.breaker.open:
                from checker.verify.archive import ArchiveResult  # noqa: PLC0415 (see the imports)

                archive = ArchiveResult(None, not_made=True)
            else:
                archive = await self._find(checked.citation, published, checked.final_url)
        if archive.not_made:
            self.breaker.not_made += 1
        if archive.not_made or archive.withheld:
            note = "; ".join(n for n in (checked.note, archive.note()) if n)
            return replace(checked, note=note)
        original = _archive_subject(checked.citation, checked.final_url)
        return replace(checked, findings=_with_archive(checked, original, archive))

    @property
    def budget(self) -> float:
        """Seconds the lookups may go on once every citation of the run has its verdict."""
        return self._config.archive.budget

    def out_of_time(self) -> None:
        """The run's verdicts are all in and :attr:`budget` has passed: stop asking the archive.

        Lookups still waiting are not made and counted (:meth:`problem` says so once); a run with
        a store keeps the answers it got, so the next run goes on from there.
        """
        self.breaker.stop(f"still waiting {self.budget:g} s after the last verdict: archive_budget")

    def problem(self) -> Problem | None:
        """The run-level line for the lookups the breaker stopped, or ``None`` if all were made.

        ``unreachable`` (the archive is unreachable) at ``info``: an archive's outage is not the
        writer's defect and must not fail CI by default.
        """
        count = self.breaker.not_made
        if not count:
            return None
        lookups = "lookup" if count == 1 else "lookups"
        reason = self.breaker.reason or "the archive failed to answer some of their questions"
        message = f"archive unavailable: {count} {lookups} not made ({reason})"
        finding = Finding(
            Code.UNREACHABLE,
            Severity.INFO,
            message,
            suggestion="run again later for archived copies of the dead sources; "
            "archive_failures, archive_timeout and archive_budget set how soon a run stops asking",
        )
        return Problem(None, finding)

    async def _find(
        self, citation: Citation, published: date | None, final_url: str | None = None
    ) -> ArchiveResult:
        """The archive search for ``citation``; a dead shortlink's is for the page it led to.

        An archive holds a shortlink (``t.co/…``) as a redirect, never a page to read: the copy
        a reader needs is the one of its destination (``final_url``, where the chain ended).
        """
        from checker.verify.archive import find_archive  # noqa: PLC0415 (see the imports)

        cited = citation.cited
        near = parse_cited(cited.date)
        return await find_archive(
            _archive_subject(citation, final_url),
            near=near or published,
            cited_title=cited.title,
            alt_titles=cited.alt_titles,
            fetcher=self._fetcher,
            config=_archive_settings(self._config),
            given=next((u for u in cited.archived if archived_original(u)), None),
            breaker=self.breaker,
        )


def _archive_subject(citation: Citation, final_url: str | None) -> str:
    """The page whose archived copy a dead citation needs: its URL, or for a shortlink the page
    it led to (an archive holds a shortlink as a redirect, never a page to read)."""
    url = citation.url or ""
    if final_url and final_url != url and is_shortlink(url):
        return final_url
    return url


def _with_archive(
    checked: CheckedCitation, url: str, archive: ArchiveResult
) -> tuple[Finding, ...]:
    """Put a verified archived copy of ``url``, and a Robust Links snippet citing both, on the
    findings."""
    citation, findings = checked.citation, checked.findings
    if archive.snapshot is None or archive.snapshot.captured is None:
        return findings
    copy = archive.snapshot.archive_url
    captured = datetime.fromisoformat(archive.snapshot.captured.replace("Z", "+00:00"))
    if copy in citation.cited.archived:
        # The post already links this verified copy (Wikipedia's url-status=dead): the reader
        # is served, there is nothing to repair, so the dead original informs and fails nothing.
        return tuple(
            replace(
                f,
                severity=Severity.INFO,
                message=f"{f.message}; the post already links a verified archived copy",
                archive_url=copy,
                suggestion=None,
            )
            if f.code in _ARCHIVED_CODES
            else f
            for f in findings
        )
    from checker.verify.robust_links import robust_link  # noqa: PLC0415 (on first use)

    snippet = robust_link(url, copy, captured, citation.cited.title or url)
    suggestion = f"cite the archived copy of {captured:%Y-%m-%d}: {snippet}"
    return tuple(
        replace(f, archive_url=copy, suggestion=suggestion) if f.code in _ARCHIVED_CODES else f
        for f in findings
    )


def _archive_settings(config: Config) -> ArchiveSettings:
    from checker.verify.archive import ArchiveSettings  # noqa: PLC0415 (see the imports)

    if config.archive.kind == "memento":
        timegate = config.archive.timegate or ArchiveSettings().timegate
        return ArchiveSettings(archive=ArchiveKind.MEMENTO, timegate=timegate)
    return ArchiveSettings()


def _title_findings(
    citation: Citation, metadata: PageMetadata, *, contradicted: bool = False
) -> list[Finding]:
    """``title-mismatch`` unless the cited title, or one of its alternatives, is the page's."""
    cited = citation.cited
    if not cited.title:
        return []
    titles = (cited.title, *cited.alt_titles)
    finding = title_finding(titles, metadata, contradicted=contradicted, post_cjk=citation.post_cjk)
    return [finding] if finding is not None else []


def title_finding(
    titles: Sequence[str],
    metadata: PageMetadata,
    *,
    contradicted: bool = False,
    post_cjk: bool | None = None,
) -> Finding | None:
    """``title-mismatch`` unless one of ``titles`` is the page's title.

    Titles in another script than the page's may be its translation (a Japanese page cited by
    its English ``原題``), which no comparison can judge: no verdict, unless ``contradicted``,
    i.e. the same citation's author, date or publication already disagrees with the page.  Then
    the citation names another page, and its title is reported too.  ``post_cjk``: whether the
    citing post is written in CJK script (``match.translation_possible``).
    """
    from checker.verify.match import title_matches, translation_possible  # noqa: PLC0415

    if not titles or not metadata.titles:
        return None
    excusable = translation_possible(titles, metadata.titles[0], post_cjk=post_cjk)
    if excusable and not contradicted:
        return None
    results = [title_matches(t, metadata.titles) for t in titles]
    if any(r.matched for r in results):
        return None
    best = max(results, key=lambda r: r.score).best
    return Finding.of(
        Code.TITLE_MISMATCH,
        f"cited title “{' / '.join(titles)}” is not the source's title “{best}”",
        suggestion=f"cite the title as “{best}” or check the URL",
    )


def author_finding(
    cited: str | None, metadata: PageMetadata, page: str | ParsedPage, url: str = ""
) -> Finding | None:
    """``author-mismatch`` when no cited name is among the page's authors or in its text.

    A full name (two words or more) the page writes anywhere is not reported: bylines hide in
    markup the reader does not know.  A single word found in the text (``Redaktion``, a first
    name, a magazine's name) is no such evidence.  A post that names the publication itself
    as the author (``Emotion`` for an article on emotion.de) credits the page's publisher,
    which is no mismatch.
    """
    if not cited:
        return None
    if not metadata.authors:
        return _unnamed_author_finding(cited, metadata, page, url)
    from checker.verify.match import (  # noqa: PLC0415
        account_on_page,
        author_matches,
        full_names,
        publisher_matches,
    )
    from checker.verify.support import name_on_page  # noqa: PLC0415

    author = author_matches(cited, metadata.authors)
    if author is None or author.matched:
        return None
    if publisher_matches(cited, url, metadata.site_names).matched:
        return None
    if any(name_on_page(n, page) for n in full_names(cited)):
        return None
    if account_on_page(cited, page if isinstance(page, str) else page.text):
        return None
    return Finding.of(
        Code.AUTHOR_MISMATCH,
        f"cited author “{cited}” is not among the source's authors ({'; '.join(metadata.authors)})",
        suggestion="check the byline of the original",
    )


def _unnamed_author_finding(
    cited: str, metadata: PageMetadata, page: str | ParsedPage, url: str
) -> Finding | None:
    """``author-mismatch`` on a page that names no author, when no person the post cites is
    named anywhere on it (``match.author_absent``); the publication as author is no mismatch."""
    from checker.verify.match import author_absent, publisher_matches  # noqa: PLC0415

    if publisher_matches(cited, url, metadata.site_names).matched:
        return None
    if not author_absent(cited, page if isinstance(page, str) else page.text):
        return None
    return Finding.of(
        Code.AUTHOR_MISMATCH,
        f"cited author “{cited}” is named nowhere on the source, which names no author",
        suggestion="check the byline of the original, or that the URL is the cited article",
    )


def date_finding(
    cited: str | None, metadata: PageMetadata, page: str | ParsedPage
) -> Finding | None:
    """``date-mismatch`` when the cited date is neither the page's date nor written on it.

    The page's dates are those it states as published or created and, as citation bots accept
    them, those it states as modified: each within a day (time zones).  A page that states no
    publication date, only when it was last edited (a wiki), cannot contradict a cited date up
    to that edit: ``date-not-stated`` says so instead (``_unstated_date``).
    """
    if not cited or not (metadata.dates or metadata.modified):
        return None  # nothing to compare, nor an edit to state (parsing the date is not free)
    day = parse_cited(cited)
    unstated = _unstated_date(day, metadata)
    if not metadata.dates and unstated is None:
        return None
    from checker.verify.match import date_matches  # noqa: PLC0415
    from checker.verify.support import date_on_page, day_shown  # noqa: PLC0415

    date = date_matches(cited, (*metadata.dates, *metadata.modified))
    if date is None:
        return None
    if date.matched:
        if not _edited_only(cited, metadata):
            return None
        # the day of an edit only: it excuses the cited date when the page shows it, not when
        # markup no reader sees states it (a hidden ``article:modified_time``; session 30)
        edits = [d for d in map(parse_day, metadata.modified) if d is not None]
        near = {e for e in edits if day is None or abs((e - day).days) <= _EDIT_TOLERANCE_DAYS}
        if any(day_shown(d, page, yearless=True) for d in {*([day] if day else []), *near}):
            return None
    elif day is not None and date_on_page(day, page):
        return None
    if unstated is not None:
        return Finding.of(
            Code.DATE_NOT_STATED,
            f"the source states no publication date; it was last edited on {unstated}, so the "
            f"cited date “{cited}” could not be checked",
            suggestion="check the date against the page's history or an archived copy",
        )
    return Finding.of(
        Code.DATE_MISMATCH,
        f"cited date “{cited}” is not the source's publication date ({metadata.dates[0]})"
        + (", only the day of an edit the page does not show" if date.matched else ""),
        suggestion=f"cite the date as {metadata.dates[0]}",
    )


def _edited_only(cited: str, metadata: PageMetadata) -> bool:
    """Whether ``cited`` is a day the page was edited (within a day) and none it was published.

    htmldate's guess on a page that states no publication is that of an edit when it is one of
    the page's edit days (a JSON-LD ``dateModified`` or ``article:modified_time`` its only
    date): read as a publication, a hidden edit's day cited passed, while an earlier cited day
    was ``date-not-stated`` (left 32b)."""
    from checker.verify.match import date_matches  # noqa: PLC0415

    days = [d for d in metadata.dates if d not in metadata.inferred or d not in metadata.modified]
    published = date_matches(cited, days) if days else None
    return published is None or not published.matched


def undated_finding(
    cited: str | None, metadata: PageMetadata, page: str | ParsedPage, url: str = ""
) -> Finding | None:
    """``date-not-stated`` when the page states no date at all and does not write the cited one.

    Nothing on such a page can contradict a cited date, so it is no ``date-mismatch``; nor can
    anything confirm it, and a citation whose date went unchecked must not read as verified
    (a silent pass).  Kept apart from ``date_finding``: an unconfirmable date is no sign that
    the citation names another page, so it excuses no title in another script
    (``_source_findings``'s ``contradicted``), unlike the dated page's findings.
    """
    if not cited or metadata.dates or metadata.modified:
        return None
    day = parse_cited(cited)
    if day is None:
        return None  # no day to look for (a cited "2025" or free text): nothing to say
    from checker.verify.support import date_on_page  # noqa: PLC0415

    if date_on_page(day, page):
        return None
    month = _url_month(url)
    if month is None:
        said = f"the source states no date at all, so the cited date “{cited}” could not be checked"
    else:
        shown = f"{month[0]}/{month[1]:02d}"
        said = (
            f"the source states no date; only its address is dated, {shown}, the month of the "
            f"cited date “{cited}”: its day could not be checked"
            if (day.year, day.month) == month
            else f"the source states no date; only its address is dated, {shown}, not the "
            f"month of the cited date “{cited}”: the date could not be checked"
        )
    return Finding.of(
        Code.DATE_NOT_STATED,
        said,
        suggestion="check the date against an archived copy or the publisher's listing",
    )


_URL_MONTH = lazy(r"/((?:199|20[0-3])\d)/(0?[1-9]|1[0-2])(?=/|$)")
"""A year and month folder of a path (``/2025/05/slug``), as blogs and news sites date theirs."""


def _url_month(url: str) -> tuple[int, int] | None:
    """The year and month ``url``'s path is filed under (``/2025/05/slug``: 2025, 5), if any.

    A page dated by nothing else was said to state "no date at all" while its address did
    (session 30): what it states is said, the cited day's place in that month with it."""
    try:
        path = urlsplit(url).path
    except ValueError:  # a malformed URL states nothing
        return None
    match = _URL_MONTH.search(path)
    return (int(match[1]), int(match[2])) if match is not None else None


def _unstated_date(day: date | None, metadata: PageMetadata) -> str | None:
    """The page's last-edited day when it states no publication date and ``day`` (the cited
    date) could be its publication: not after that edit (within a day).  ``None`` otherwise.

    Provenance, not equality, decides: only a page whose publication candidates are all
    htmldate's guesses (``PageMetadata.states_publication``) and which states a modification
    qualifies; a cited date after the last edit is still a mismatch.
    """
    if day is None or metadata.states_publication:
        return None
    edits = [d for d in (parse_day(m) for m in metadata.modified) if d is not None]
    if not edits:
        return None
    last = max(edits)
    return last.isoformat() if (day - last).days <= _EDIT_TOLERANCE_DAYS else None


_EDIT_TOLERANCE_DAYS = 1
"""A cited date a day after the last edit is the same day in another time zone."""


def _missing_url(citation: Citation) -> CheckedCitation:
    if citation.kind is not CitationKind.SOURCE:
        return CheckedCitation(citation, Status.SKIPPED, note="no URL to check")
    title = citation.cited.title or "the original"
    finding = Finding.of(
        Code.MISSING_URL,
        f"the attribution names “{title}” but gives no URL",
        suggestion="add the original article's URL to the attribution block",
    )
    return CheckedCitation(citation, Status.MISSING, findings=(finding,))


_NAMES_NO_ORIGINAL = (
    "the archive's copy at a short address names no original page (nor does its answer)"
)
"""Why the publication of a source cited as ``archive.ph/AbCd1`` is not compared: its host is
the archive's, not the publisher's, and a ``publisher-mismatch`` said so of every such
citation (probe 32, left 33b)."""


def _archive_original(url: str, result: FetchResult) -> str | None:
    """The original an archive's copy at ``url`` names in its Memento ``Link`` header, or None.
    Only an archive's (:func:`is_archive_copy`): any site may send ``rel="original"`` (a mirror,
    a scraper naming the page it took), and read as the copy's original it hid a
    ``publisher-mismatch`` (mend 33n)."""
    return memento_original(result.headers.get("link")) if is_archive_copy(url) else None


def _source_findings(
    citation: Citation,
    result: FetchResult,
    metadata: PageMetadata | None,
    parsed: ParsedPage | None = None,
) -> list[Finding]:
    cited = citation.cited
    url = result.final_url or citation.url or ""
    findings: list[Finding] = []
    if cited.publisher:
        from checker.verify.match import publisher_matches  # noqa: PLC0415 (on first use)

        site_names = metadata.site_names if metadata is not None else ()
        # a cached or archived copy's publisher is its original's (an AMP cache, the Wayback;
        # an archive's short address by its Memento ``Link``, else it names no publisher)
        original = copy_original(url) or _archive_original(url, result)
        if original is None and is_archive_copy(url):
            findings.append(not_compared("publication", _NAMES_NO_ORIGINAL))
        elif not (
            publisher := publisher_matches(cited.publisher, original or url, site_names)
        ).matched:
            findings.append(
                Finding.of(
                    Code.PUBLISHER_MISMATCH,
                    f"the post names “{cited.publisher}” but {publisher.reason}",
                    suggestion=publisher.suggestion,
                )
            )
    if metadata is None:
        return findings
    # the parsed page when there is one: the guards share the metadata reader's regions
    page: str | ParsedPage = parsed if parsed is not None else result.text or ""
    others = [
        f
        for f in (
            author_finding(cited.author, metadata, page, url),
            date_finding(cited.date, metadata, page),
        )
        if f is not None
    ]
    contradicted = bool(findings or others)
    unchecked = undated_finding(cited.date, metadata, page, url)
    return [
        *findings,
        *_title_findings(citation, metadata, contradicted=contradicted),
        *others,
        *([unchecked] if unchecked is not None else []),
    ]
