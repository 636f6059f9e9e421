"""The one HTTP engine: every byte citecheck reads from the network comes through here.

Layers, outermost first, each a plain piece of code in this order:

1. in-run dedupe: one task per URL, however many citations or pages ask for it;
2. memory across runs (``store``): a fresh good answer, or one finished by an interrupted run,
   is reused with no request; every finished URL is recorded (one commit each) with its failure
   streak (``strikes``);
3. retry loop (``retry.RetryPolicy``: what to retry, how long to wait), all within one budget
   of time per URL, requests and retry waits (``Config.deadline``, see ``_Budget``); a 429/503
   also pauses the whole host (``politeness``);
4. redirects, followed by hand so each hop is recorded and loops and long chains are caught;
5. politeness (``politeness``): per-host concurrency, minimum interval, backoff, and the global
   concurrency limit, granted together so a request queued for a busy host holds no permit;
6. conditional request: the stored validators of the last good answer (``store``);
7. the body, bounded after decompression (``body``), then charset decoding (``encoding``);
8. evidence (``warc``, with ``--warc``): each response received is written as it arrives;
9. the transport: connection reuse, HTTP/2 where offered, ``--connect-to`` and ``--cacert``,
   and the address check against private networks at connect time (``connect_to``,
   ``safety``).

Failures are data: whatever goes wrong becomes a :class:`FetchResult` with an
:class:`Outcome`, so one bad source never stops the run.  Foreign exceptions are translated to an
Outcome in exactly one place, :func:`_outcome_of`.  Cookies live in httpx's jar, which sends a
cookie only to the domain that set it; credentials in a URL's userinfo are never carried to a
redirect target on another host, because each hop is a new request built from the hop's own URL.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.message
import http.cookiejar
import itertools
import socket
import ssl
import time
import urllib.request
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from http.cookiejar import Cookie, CookieJar, DefaultCookiePolicy
from types import TracebackType
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import SplitResult, urljoin

import httpx

from checker.config import EVIDENCE_FILE, Config
from checker.encoding import GZIP_MAGIC, decode_body, is_textual
from checker.fetch import network
from checker.fetch.body import (
    ACCEPT_ENCODING,
    Body,
    Reply,
    declares_text,
    decoded,
    first_location,
    gunzip_file,
    read_body,
)
from checker.fetch.connect_to import (
    ProxyUnreachableError,
    make_ssl_context,
    make_transport,
    proxy_mounts,
)
from checker.fetch.h1 import Resend, Target, simple_target
from checker.fetch.politeness import BACKOFF_STATUSES, Held, Politeness
from checker.fetch.pools import HostPools
from checker.fetch.retry import RetryPolicy
from checker.fetch.safety import ForbiddenAddressError
from checker.fetch.store import STORED_HEADERS, Store, Validators, stored_text, with_strikes
from checker.fetch.strikes import is_good
from checker.model import FetchResult, Hop, Outcome, TryWatcher
from checker.redact import REDACTED
from checker.slots import slots_of
from checker.urls import browser_mapped, split_url, url_host

if TYPE_CHECKING:
    from checker.fetch.warc import WarcRecorder

__all__ = ["HttpFetcher", "run_key"]

_REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
_GONE_CODES = frozenset({404, 410})
"""Answers whose head is the verdict whatever their body does (:func:`_body_of`)."""
_HELD_LOCATION = "citecheck.location"
_MAX_PORT = 65_535
_INLINE_DECODE = 16_384
"""Bodies up to this many bytes are decoded on the loop: even charset detection on one costs
a few ms at most, while a thread hand-off costs a self-pipe write and two GIL switches."""
_KEPT_HEADERS = STORED_HEADERS | {"memento-datetime"}
"""The headers a served result keeps: those the store keeps (an answer reused from the store has
only these, so every verdict already stands on them; ``verify.citation.JUDGED_HEADERS`` are
among them) and the archive's ``Memento-Datetime``."""
_OFFLINE = frozenset({Outcome.DNS, Outcome.NETWORK})
"""Outcomes that may mean the network is down rather than the source (``_offline``)."""
_SHELVE_FROM = 4096
"""Texts of at least this many characters wait in the in-run cache compressed (see ``_shelve``)."""
_SPARE_BYTES = 4 * 2**20
"""Packed bytes of released texts (:meth:`HttpFetcher.release_text`) the in-run cache keeps at
most, the latest released: a later citation of one of them reads it without a request.  A
blog's post pages pack to ~23 KB: the last ~180 posts read (issue 19)."""
_INFLATES = 5
"""How many characters a byte of a stored page's zlib blob stands for, about (HTML pages
compress 4-8 times): an estimate for pacing verifications (:meth:`HttpFetcher.text_size`)."""
_HEADS = 1024
"""Request heads kept per ``Host`` value (``HttpFetcher._get``), at most."""
RequestURL = httpx.URL | Target
"""A URL parsed for its request: by httpx, or as httpx would (``h1.simple_target``)."""
_COOKIE_HEADERS = frozenset({"set-cookie", "set-cookie2"})
_NO_BODY = httpx.ByteStream(b"")
"""A GET's body: nothing (holds no state, so one serves every request)."""


class HttpFetcher:
    """The run's :class:`~checker.model.Fetcher`: polite, remembering, failure-as-data.

    Stages see only the protocol (:meth:`get`).  Beyond it, the fetcher offers the run that owns
    it (:class:`checker.run.Run`, whose executor checks citations) two things about the in-run
    cache: :meth:`result_of`, a URL's answer as a future to hang a callback on, and
    :meth:`drop_text`, to let a text go once no citation will read it; and
    :attr:`network_unavailable`.  Nothing else is public.

    Use as an async context manager; ``requests`` counts the HTTP requests actually sent (every
    try and every redirect hop), for reports and tests that prove nothing is fetched twice.
    ``inputs`` names the run for resuming (a run resumes only an interrupted run of the same
    inputs); ``clock`` is injectable for tests of the memory across runs.
    """

    def __init__(
        self,
        config: Config,
        *,
        version: str,
        inputs: Sequence[str] = (),
        clock: Callable[[], datetime] | None = None,
        resolver: network.Resolver | None = None,
    ) -> None:
        self._config = config
        self._network = network.NetworkWatch(resolver or network.system_resolver)
        self._clock = clock or (lambda: datetime.now(UTC))
        self._policy = RetryPolicy(config.fetch.retries, config.fetch.retry_backoff)
        self._politeness = Politeness(config)
        self._store = (
            Store(config.store.path, config, inputs=inputs, clock=self._clock)
            if config.store.path is not None
            else None
        )
        ssl_context = make_ssl_context(config)
        timeouts = httpx.Timeout(config.fetch.timeout, connect=config.fetch.connect_timeout)
        self._timeouts = timeouts.as_dict()
        direct = make_transport(config, ssl_context, self._network.resolve)
        self._client = httpx.AsyncClient(
            transport=direct,
            mounts=proxy_mounts(config, ssl_context, direct),
            verify=ssl_context,
            http2=config.fetch.http2,
            trust_env=True,
            follow_redirects=False,
            event_hooks={"response": [_hold_location]},
            timeout=timeouts,
            headers=_request_headers(config, version),
        )
        # The user's own headers (-H) are often credentials: never written to the evidence.
        self._secret_headers = frozenset(name.lower() for name, _ in config.fetch.headers)
        # httpx offers no way to pass its own Cookies subclass: ``cookies=`` copies into a new one
        self._jar = _ChangeCountingJar(_SendableCookies())
        self._client._cookies = _SetCookiesOnly(self._jar)
        # a request that has a Cookie header (the user's -H) gets none from the jar
        self._sends_cookie = "cookie" in self._client.headers
        self._tasks: dict[str, asyncio.Future[FetchResult]] = {}
        self._shelved: dict[str, Shelved] = {}
        self._asking: dict[str, asyncio.Future[FetchResult]] = {}  # for the store (_ask_store)
        self._store_turn: asyncio.Handle | None = None
        self._let_go: dict[str, FetchResult] = {}  # answers whose text is let go (drop_text)
        # released texts still shelved, oldest first, with their packed sizes (release_text)
        self._spare: dict[str, int] = {}
        self._spare_bytes = 0
        self._forgotten: set[str] = set()  # released texts let go: a reader asks again
        self.refetched = 0
        """Requests asked again for a text :meth:`release_text` let go (politeness: counted)."""
        self._running: dict[asyncio.Task[None], Held] = {}  # fetch tasks, their slot grants
        self._heads: dict[bytes, httpx.Headers] = {}  # a host's GET head (_get)
        self._raw_heads: dict[bytes, list[tuple[bytes, bytes]]] = {}  # the same, as bytes (_lean)
        # the h11 path (_lean): ``direct``'s pools, or a mount's (a forward proxy's) for the URLs
        # httpx sends there (``_route``); None takes every request the httpx route (tests)
        self._direct: HostPools | None = direct
        self._routes: dict[tuple[bytes, bytes, int | None], httpx.AsyncBaseTransport] = {}
        """The mount of each scheme, host and port asked (``_route``)."""
        self._warc: WarcRecorder | None = None
        if config.fetch.warc:  # the writer's module only then (issue 19)
            from checker.fetch.warc import WarcRecorder  # noqa: PLC0415

            self._warc = WarcRecorder(
                config.report.dir / EVIDENCE_FILE, software=f"citecheck/{version}"
            )
        self._try_watchers: dict[str, TryWatcher] = {}  # by run key (watch_tries)
        self.requests = 0

    @property
    def politeness(self) -> Politeness:
        """The run's per-host limits (a distributed run shares some hosts through it)."""
        return self._politeness

    def stored_share(self, urls: Sequence[str]) -> float:
        """The share of ``urls`` the store would answer without a request (0 without a store);
        see :meth:`Store.fresh_share`."""
        return self._store.fresh_share(urls) if self._store is not None else 0.0

    @property
    def network_unavailable(self) -> str | None:
        """Why this machine could not reach the network in this run, or None (see ``network``).

        Once set, the citations whose host names failed to resolve were reported
        ``unreachable`` and nothing was remembered about them.
        """
        return self._network.unavailable

    def watch_queues(self, listener: Callable[[], None] | None) -> None:
        """Call ``listener`` whenever a request finishes (``None``: stop); see
        :meth:`busiest_queue`.  For a progress display, through the pipeline's tracker."""
        self._politeness.watch(listener)

    def watch_tries(self, url: str, watcher: TryWatcher | None) -> None:
        """Report each try of the next network fetch of ``url`` to ``watcher`` (see
        :class:`~checker.model.TriesWatched`); ``None`` forgets one no fetch took."""
        key = run_key(url)
        if watcher is None:
            self._try_watchers.pop(key, None)
        else:
            self._try_watchers[key] = watcher

    def busiest_queue(self) -> tuple[int, str] | None:
        """The host with the most requests waiting or in flight, and how many (None: idle)."""
        return self._politeness.busiest()

    async def __aenter__(self) -> HttpFetcher:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._store_turn is not None:
            self._store_turn.cancel()
        for future in [*self._tasks.values(), *self._asking.values()]:
            future.cancel()
        for task, held in list(self._running.items()):  # a slot given back starts no task
            task.cancel()  # a task cancelled before its first step gives
            held.give_back()  # back nothing itself (idempotent for the others)
        closed = False
        try:
            await self._client.aclose()
            closed = True
        finally:  # a second Ctrl-C in the close: the answers waiting in the store are kept
            if self._warc is not None:
                self._warc.close()
            if self._store is not None:
                if exc_type is None and closed:
                    self._store.finish()
                self._store.close()
        if self._warc is not None and exc_type is None:
            self._warc.raise_failure()  # after the store: what was checked is kept

    async def get(self, url: str, *, fresh: bool = False) -> FetchResult:
        """Fetch ``url`` once per run; later calls share the first call's result.

        ``fresh`` skips reusing a remembered answer within its TTL (see ``model.Fetcher``).
        """
        result, _ = await self._got(url, fresh=fresh, digested=False)
        return result

    async def get_digested(self, url: str) -> tuple[FetchResult, str | None]:
        """:meth:`get`'s answer, but a text the store gave with its digest stays packed: the
        answer without it and the digest (``model.DigestedTexts``); any other, get's and None."""
        return await self._got(url, fresh=False, digested=True)

    async def _got(
        self, url: str, *, fresh: bool, digested: bool
    ) -> tuple[FetchResult, str | None]:
        """:meth:`get` (``digested``: :meth:`get_digested`)."""
        future = self.result_of(url, fresh=fresh)
        # answered (the in-run cache): nothing to wait for
        result = future.result() if future.done() else await _waiting(future)
        if result.text is None:
            key = run_key(url)
            shelved = self._shelved.get(key)
            if shelved is not None and shelved.slim is result:  # its text waits packed
                if digested and shelved.digest is not None:
                    return result, shelved.digest
                return await self._unpacked(key, shelved), None
        return result, None

    def result_of(self, url: str, *, fresh: bool = False) -> asyncio.Future[FetchResult]:
        """The future result of ``url`` (see :meth:`get`), for a caller that would rather not wait.

        A URL the store can answer is answered as the loop turns, with the URLs asked with it
        (:meth:`_ask_store`); any other queues for its host's slot as a bare future, and its
        fetch starts only when the slot is granted (``Politeness.reserve``).
        A caller can hang its own next step on the future instead of suspending a coroutine per
        URL: with 20,000 URLs queued, the suspended call stacks held tens of MB.  A text the
        in-run cache keeps packed (:meth:`_shelve`, and every text the store answers) is not
        in the future's result: it is unpacked for its reader, by :meth:`get`.
        """
        key = run_key(url)
        future = self._tasks.get(key)
        if future is None:
            served = self._let_go.get(key)
            if served is not None:
                return _answered(served)
            shelved = self._shelved.get(key)
            if shelved is not None:
                self._unspare(key)  # a reader came: the citations' business again (drop_text)
                return _answered(shelved.slim)
            if key in self._forgotten:
                self._forgotten.discard(key)
                self.refetched += 1
            future = self._begin(key, fresh=fresh)
            self._track(key, future)  # until the store answers it, if it does (_ask_store)
        return future

    def text_size(self, url: str) -> int:
        """About how many characters ``url``'s text will hold once its reader has it (0: none,
        or no answer yet): what a verification of it will keep while it waits for the judge
        (``executor.VERIFYING_CHARS_AT_MOST``).  A store's blob is not inflated to tell: its
        packed size times :data:`_INFLATES` stands for it."""
        key = run_key(url)
        shelved = self._shelved.get(key)
        if shelved is not None:
            return len(shelved.packed) * _INFLATES if shelved.stored else shelved.chars
        future = self._tasks.get(key)
        if future is None or not future.done() or future.cancelled() or future.exception():
            return 0
        text = future.result().text
        return 0 if text is None else len(text)

    def _track(self, key: str, future: asyncio.Future[FetchResult]) -> None:
        """``future`` is the run's answer for ``key`` (the in-run dedupe); a fetched text is
        shelved when it is done (:meth:`_begin`: an answer got otherwise has none to shelve)."""
        self._tasks[key] = future

    async def _unpacked(self, key: str, shelved: Shelved) -> FetchResult:
        """A shelved answer with its text back, for a reader (:meth:`get`).

        A text the store answered is checked here, where it is read, once (see
        ``store.Reused``): a blob that fails the check is a damaged row, and the URL is asked
        again, as the store's check at reuse had it asked.
        """
        if not shelved.stored:
            text = zlib.decompress(shelved.packed).decode("utf-8", "surrogatepass")
            return with_text(shelved.slim, text)
        try:
            text = stored_text(shelved.packed)
        except (ValueError, zlib.error):
            del self._shelved[key]
            self._unspare(key)
            future = self._begin(key, fresh=True)  # not the store's answer again
            self._track(key, future)
            return await _waiting(future)
        return with_text(shelved.slim, text)

    def _shelve(self, key: str, done: asyncio.Future[FetchResult]) -> None:
        """Keep a long text compressed once the callers waiting for it have it.

        Texts stay in the in-run cache until no citation will read them (:meth:`drop_text`),
        which cannot be known while discovery goes on: on a 20,000-URL run of ~12 KB pages the
        cache held 12,000 texts (140 M characters) at its peak, most of the run's memory
        (``python -m bench.memory``, issue 19).  Compressed (zlib level 1, a few tens of
        microseconds a page) they take a fraction; each later reader gets the text back whole.
        A text the store answered is not here: it is shelved as the store's own blob from the
        start (:meth:`_begin`), never inflated before its reader's :meth:`get` (issue 19).
        """
        if done.cancelled() or done.exception() is not None or self._tasks.get(key) is not done:
            return
        result = done.result()
        if result.text is None or len(result.text) < _SHELVE_FROM:
            return
        packed = zlib.compress(result.text.encode("utf-8", "surrogatepass"), 1)
        del self._tasks[key]
        slim = with_text(result, None)
        self._shelved[key] = Shelved(slim, packed, stored=False, chars=len(result.text))

    def drop_text(self, url: str) -> None:
        """Forget the body of ``url``'s finished result; later calls get the rest of it.

        The in-run cache would otherwise hold every page's text to the end of the run (about
        250 MB for 20,000 articles).  The caller says when no one will read the text again.
        The response headers go too but for those a later reader may read (:func:`_served`),
        and the answer is kept bare, without the future it came in: 20,000 futures held to the
        end of the run for the rare later reader, who gets a new one (issue 19).
        """
        key = run_key(url)
        shelved = self._shelved.pop(key, None)
        if shelved is not None:
            self._unspare(key)
            self._let_go[key] = _served(shelved.slim)
            return
        future = self._tasks.get(key)
        if future is None or not future.done() or future.cancelled() or future.exception():
            return
        del self._tasks[key]
        self._let_go[key] = _served(future.result())

    def release_text(self, url: str) -> None:
        """``url``'s text was read, and no citation known so far will read it (a post page
        once its posts are extracted): the cache need not keep it for the whole discovery.

        A crawl's every post page stayed packed until discovery ended, ~23 KB a post on a real
        blog (38 MB at 1,247 posts), in case a later post cited it (issue 19).  Released texts
        stay packed while they are the latest :data:`_SPARE_BYTES`; an older one is let go
        altogether, and the rare later citation of it asks for it again (counted in
        :attr:`refetched`; a run with a store is answered by the store).  A text under
        :data:`_SHELVE_FROM` characters, never packed, is kept: it costs what its key does.
        """
        key = run_key(url)
        shelved = self._shelved.get(key)
        if shelved is None or key in self._spare:
            return
        self._spare[key] = len(shelved.packed)
        self._spare_bytes += len(shelved.packed)
        while self._spare_bytes > _SPARE_BYTES:
            oldest = next(iter(self._spare))
            self._unspare(oldest)
            self._shelved.pop(oldest, None)
            self._forgotten.add(oldest)

    def _unspare(self, key: str) -> None:
        """``key``'s text is no longer a released one kept in case (:meth:`release_text`)."""
        size = self._spare.pop(key, None)
        if size is not None:
            self._spare_bytes -= size

    def _begin(self, url: str, *, fresh: bool) -> asyncio.Future[FetchResult]:
        """The URL's future: answered by the store soon (:meth:`_ask_store`), answered now
        (unrequestable) or queued for a request."""
        answer: asyncio.Future[FetchResult] = asyncio.get_running_loop().create_future()
        if fresh or self._store is None:
            self._queue(url, answer)
        else:
            self._ask_store(url, answer)
        return answer

    def _ask_store(self, url: str, answer: asyncio.Future[FetchResult]) -> None:
        """Have the store answer ``url`` with the other URLs asked before the loop turns.

        A run submits a post's citations, a page's posts, together: their stored answers are
        read in one statement (``Store.reuse_many``), not one each, once the loop turns
        (:meth:`_answer_from_store`).  The store is asked first: it holds only answers to
        requests once sent, and a URL it answers needs no parse for a request (httpx's parse,
        ~10 % of a warm run's CPU).
        """
        if not self._asking:
            loop = asyncio.get_running_loop()
            self._store_turn = loop.call_soon(self._answer_from_store)
        self._asking[url] = answer

    def _answer_from_store(self) -> None:
        """Answer the URLs asked since the last turn from the store; request the others.

        A stored answer with a text goes on the shelf as it is (:class:`Shelved`), its text
        packed until :meth:`get` reads it.  Should the store's read raise (a bug: it turns a
        bad file into no rows), each URL's caller gets the exception, which makes an
        ``internal-error`` of its citation, rather than a future never answered.
        """
        asking, self._asking = self._asking, {}
        self._store_turn = None
        live = {url: answer for url, answer in asking.items() if not answer.cancelled()}
        if not live or self._store is None:
            return
        try:
            found = self._store.reuse_many(list(live))
        except Exception as exc:  # see above: each caller gets it
            for answer in live.values():
                answer.set_exception(exc)
            return
        for url, answer in live.items():
            reused = found.get(url)
            if reused is None:
                self._queue(url, answer)
                continue
            if reused.packed is not None:
                self._shelved[url] = Shelved(
                    reused.result, reused.packed, stored=True, digest=reused.digest
                )
                if self._tasks.get(url) is answer:
                    del self._tasks[url]  # the shelf answers it from now on (result_of)
            answer.set_result(reused.result)

    def _queue(self, url: str, answer: asyncio.Future[FetchResult]) -> None:
        """Answer ``url`` now if it cannot be requested, else queue its request for a slot."""
        loop = asyncio.get_running_loop()
        parsed = _parse(url)
        if isinstance(parsed, FetchResult):
            answer.set_result(parsed)
            return
        target = parsed
        host = target.host if isinstance(target, Target) else url_host(url)

        def start() -> None:
            # the grant is in: the answer's cancellation has no place in the queue to give up
            answer.remove_done_callback(answered)
            given_up = self._politeness.given_up(host)
            watcher = self._try_watchers.get(url)
            if watcher is not None and not watcher.wanted():  # e.g. an archive breaker opened
                self._politeness.release(host)
                del self._try_watchers[url]
                error = "not asked: its watcher no longer wants it"
                if not answer.done():
                    answer.set_result(FetchResult(url, Outcome.NETWORK, error=error))
                return
            if answer.cancelled() or given_up is not None:
                self._politeness.release(host)
                if given_up is not None:  # not a check: nothing to remember or count
                    answer.set_result(FetchResult(url, Outcome.TIMEOUT, error=given_up))
                return
            held = self._politeness.held(host)  # the task's from now on, however it ends
            task = loop.create_task(self._answer(url, target, held, answer))
            self._running[task] = held

        def answered(_: asyncio.Future[FetchResult]) -> None:
            if answer.cancelled():
                grant.cancel()

        # A grant given at once starts the fetch here, one given later from the release that
        # frees its slot (``on_grant``), neither from a callback of its own: the fetch's task
        # settles the answer itself (no done-callback to pass it on) and shelves its text;
        # ``answered`` only gives up a queued place (issue 19: each callback of a future is a
        # handle of its own on the loop, ~12 a URL before, and a turn of the loop's later)
        grant = self._politeness.reserve(host, on_grant=start)
        answer.add_done_callback(answered)
        if grant.done():
            start()

    async def _answer(
        self, url: str, target: RequestURL, held: Held, answer: asyncio.Future[FetchResult]
    ) -> None:
        """The fetch task: :meth:`_from_network`'s outcome into ``answer``, however it ends."""
        try:
            result = await self._from_network(url, target, held)
        except asyncio.CancelledError:
            answer.cancel()
            raise
        except Exception as exc:  # a bug: each caller gets it (as in _answer_from_store)
            if not answer.done():
                answer.set_exception(exc)
            return
        finally:
            held.give_back()  # a no-op once its request entered the slot
            self._running.pop(asyncio.current_task(), None)  # type: ignore[arg-type]
        if not answer.done():
            answer.set_result(result)
            self._shelve(url, answer)

    async def _from_network(self, url: str, target: RequestURL, held: Held) -> FetchResult:
        """Fetch ``url`` (parsed: ``target``) with its first slot already granted (``held``);
        remember the answer."""
        validators = self._store.validators(url) if self._store is not None else None
        network = self._network
        network.fetching()
        try:
            result = await self._fetch(url, target, validators, held)
        finally:
            if network.fetched():  # someone waits for the count (``NetworkWatch.judge``)
                await network.notify()
        offline = await self._offline(result) if result.outcome in _OFFLINE else None
        if offline is not None:
            return offline  # says nothing about the source: no strike, nothing to reuse
        if self._store is None:
            failed = not is_good(result)
            now = self._clock()
            return with_strikes(result, int(failed), now if failed else None, now, self._config)
        return self._store.record(result)

    async def _offline(self, result: FetchResult) -> FetchResult | None:
        """``result`` as a network failure if it failed because the network is down (its lookup
        failed with every other, or the proxy cannot be reached)."""
        if result.outcome not in _OFFLINE:
            return None  # only a URL that was requested (so parses) gets here
        host = url_host(result.final_url or result.url)
        if self._network.unavailable is None and not self._network.failed(host):
            return None
        reason = await self._network.judge()
        if reason is None:
            return None
        return replace(result, outcome=Outcome.NETWORK, error=f"network unavailable: {reason}")

    async def _fetch(
        self, url: str, target: RequestURL, validators: Validators | None, held: Held
    ) -> FetchResult:
        """Tries and their backoff; the first try's first request uses the reserved slot."""
        budget = _Budget(self._config.fetch.deadline)
        watcher = self._try_watchers.pop(run_key(url), None)
        answered: FetchResult | None = None
        while True:
            attempt = budget.next_try()
            first = held if attempt == 1 else None
            result = await self._follow(url, target, validators, budget, held=first)
            if answered is not None and _out_of_time(result):
                # The URL's time ran out in the retry, not in the server's answer: the answer
                # before it stands (a 429 whose retry was cut read "did not answer in time")
                return answered
            if not result.elapsed or result.attempts != attempt:  # not built by its try's end
                result = replace(result, elapsed=budget.elapsed(), attempts=attempt)
            if watcher is not None:
                watcher.tried(result)
            retry = self._policy.should_retry(result, attempt) and budget.left() > 0
            retry = retry and (watcher is None or watcher.wanted())
            wait = self._policy.wait(result, attempt) if retry or _backs_off(result) else 0.0
            if _backs_off(result):
                # when the answering request went out (its slot's turn), not when its try began
                host = url_host(result.final_url or url)
                self._politeness.back_off(host, wait, sent_at=budget.sent_at)
            if not retry or not budget.can_wait(wait):
                return result
            answered = result
            await asyncio.sleep(wait)  # holding no slot: other URLs use it meanwhile
            budget.waited(wait)
            if self._politeness.given_up(url_host(url)) is not None:
                return result  # the host became a lost cause while this URL waited
            if watcher is not None and not watcher.wanted():
                return result  # its watcher gave up on it while it waited (an open breaker)

    async def _follow(
        self,
        url: str,
        parsed: RequestURL,
        validators: Validators | None,
        budget: _Budget,
        *,
        held: Held | None,
    ) -> FetchResult:
        hops: list[Hop] = []
        # each address asked, with how many answers of the chain had changed the cookie jar by
        # then: a site that sets a cookie and sends the client back to the same address (a
        # cookie check, a single sign-on round trip) is asked again with it, as a browser does,
        # and answers; read as a loop, the live page was ``unreachable`` (probe 30).  A
        # ``Set-Cookie`` the jar refuses (another domain's) or already holds alike is no change:
        # counted, a loop setting one on every answer ran to the redirect limit (mend 30b).
        seen = {url: 0}
        cookies_set = 0
        current = url
        jar = self._jar
        while True:
            stored = validators if validators and validators.final_url == current else None
            first = None if hops else held
            changes = jar.changes
            try:
                result, location = await self._request(current, parsed, stored, budget, held=first)
            except Resend:  # sent, its head refused: asked again through h11, a request of its
                # own (counted, in a slot of its own, so spaced by the host's interval; the
                # wait for it outside the URL's time budget, as any slot's)
                result, location = await self._request(
                    current, parsed, stored, budget, held=None, lean=False
                )
            if location is None or result.status_code not in _REDIRECT_CODES:
                if not hops and result.url == url and result.final_url == url:
                    return result  # the common case: already what it should be
                return replace(result, url=url, final_url=current, redirects=tuple(hops))
            hops.append(Hop(current, result.status_code))
            cookies_set += _sets_cookie(result.headers) and jar.changes != changes
            target, checked = _redirect_target(current, location)
            if isinstance(checked, FetchResult):
                return replace(
                    checked,
                    url=url,
                    final_url=target,
                    redirects=tuple(hops),
                )
            looped = seen.get(target) == cookies_set
            if looped or len(hops) >= self._config.fetch.max_redirects:
                reason = "redirect loop" if looped else "too many redirects"
                return FetchResult(
                    url,
                    Outcome.TOO_MANY_REDIRECTS,
                    final_url=target,
                    redirects=tuple(hops),
                    error=f"{reason} after {len(hops)} hops",
                )
            seen[target] = cookies_set
            current, parsed = target, checked

    async def _request(
        self,
        url: str,
        parsed: RequestURL,
        validators: Validators | None,
        budget: _Budget,
        *,
        held: Held | None,
        lean: bool = True,
    ) -> tuple[FetchResult, str | None]:
        """One GET of ``url`` (parsed once, by :func:`_parse`: ``parsed``) in a host slot,
        within the URL's time budget; the result and any Location.

        ``held``: the slot granted before the fetch started (see :meth:`result_of`), which the
        slot takes over as it enters; if anything ends the request before, the task's end gives
        it back (:class:`politeness.Held`).  ``lean``: whether the GET may go on the lean route
        (:meth:`_lean`, where :meth:`_route` finds the host's own transport; else or when that
        transport does not take it, :meth:`_send`); raises ``h1.Resend`` if it went there and
        must be asked again.
        """
        host = parsed.host if isinstance(parsed, Target) else url_host(url)
        given_up = None if held is not None else self._politeness.given_up(host)
        if given_up is not None:  # a redirect into a host the run has given up on
            return FetchResult(url, Outcome.TIMEOUT, error=given_up), None
        headers = validators.headers() if validators else {}
        # not reserved: a retry or a redirect's next hop, which goes ahead of unstarted URLs
        slot = self._politeness.slot(host, held=held, ahead=held is None)
        async with slot:
            self.requests += 1
            sent_at = budget.sent_at = self._politeness.now()
            deadline = asyncio.get_running_loop().time() + budget.start()
            try:
                pools = self._route(parsed) if lean else None
                answer = None
                if pools is not None:  # the lean route, straight from here (issue 19)
                    answer = await self._lean(pools, parsed, headers, deadline)
                if answer is None:
                    answer = await self._send(parsed, headers, deadline)
                async with _Closing(answer, deadline) as response:
                    self._politeness.answered(host, response.status_code, sent_at=sent_at)
                    location = response.location
                    if response.status_code in _REDIRECT_CODES and location:
                        record_id = self._evidence(url, response, b"", unread=True)
                        return _result(url, response, budget, warc_record_id=record_id), location
                    if response.status_code == 304 and validators is not None:
                        record_id = self._evidence(url, response, b"", unread=True)
                        return replace(
                            validators.result,
                            url=url,
                            final_url=url,
                            warc_record_id=record_id,
                            elapsed=budget.elapsed(),
                            attempts=budget.attempt,
                        ), None
                    body = await _body_of(response, self._config.fetch.max_bytes)
                    record_id = self._evidence(
                        url, response, body.data, unread=body.truncated or not body.readable
                    )
            except TimeoutError:
                if budget.attempt <= 1:  # a retry cut short is no timeout of the host's (_fetch)
                    self._politeness.timed_out(host)
                return FetchResult(url, Outcome.TIMEOUT, error=_OUT_OF_TIME), None
            except (httpx.HTTPError, OSError, ssl.SSLError) as exc:
                outcome, message = _outcome_of(exc)
                if outcome is Outcome.TIMEOUT:
                    self._politeness.timed_out(host)
                if isinstance(exc, ProxyUnreachableError):
                    self._network.declare(str(exc))
                return FetchResult(url, outcome, error=message), None
            finally:
                budget.charge()
        kind = response.header("content-type")
        text = encoding = error = None
        inner = await _gunzipped(body, kind, self._config.fetch.max_bytes, url)
        if inner is not None:  # a gzip file (sitemap.xml.gz): its content, read as the text
            body, kind = inner, kind if declares_text(kind) else None  # type said, else sniffed
        if body.corrupt and 200 <= response.status_code < 300:
            # a page that needs its body and could not decode it (httpx's DecodingError): an
            # answer not read, retried and struck like one cut short, not a page with no text
            coded = response.header("content-encoding") or "gzip"  # else gzip under a text type
            return FetchResult(
                url,
                Outcome.PROTOCOL,
                status_code=response.status_code,
                error=f"its {coded} body is corrupt: nothing decoded",
            ), None
        if body.data and is_textual(kind, body.data):
            # charset detection on megabytes is CPU work: keep it off the event loop; a small
            # body costs less to decode than the hand-off to a thread and back (issue 19)
            if len(body.data) <= _INLINE_DECODE:
                text, encoding = decode_body(body.data, kind)
            else:
                text, encoding = await asyncio.to_thread(decode_body, body.data, kind)
        elif not body.data and body.readable and not kind:
            # An untyped answer with no byte is an empty text, not an unknown file: judged so
            # cold and warm alike (the store keeps the text, never the Content-Length: left 33b)
            text = ""
        elif not body.readable:
            coding = response.header("content-encoding") or "gzip"  # else gzip under a text type
            kind_of = "corrupt" if body.corrupt else "unsupported coding"
            error = f"body not decoded: {kind_of} {coding!r}"
        if body.cut_short:  # read as far as it came, and said so (never a silent pass)
            error = (
                _CUT_SHORT
                if inner is not None
                else body.note or _CLOSED_EARLY.format(len(body.data))
            )
        result = _result(
            url,
            response,
            budget,
            warc_record_id=record_id,
            text=text,
            encoding=encoding,
            error=error,
            truncated=body.truncated,
        )
        return result, None

    async def _send(self, url: RequestURL, headers: dict[str, str], deadline: float) -> Reply:
        """A GET of ``url`` sent to the transport httpx would choose, its body not read yet.

        What ``AsyncClient.stream`` does for the fetcher's GETs, without its layers: the
        request carries the client's headers (``headers`` replace any of the same name), its
        cookies for the URL and its timeouts, and goes to the mount ``url`` matches (proxies,
        ``NO_PROXY``); the response's cookies go to the jar and a redirect's Location is held
        for the fetcher (:class:`~checker.fetch.body.Reply`).  httpx's request merging, its auth
        and redirect generators, an ``asynccontextmanager`` and a bound stream cost about a
        tenth of a request's CPU (issue 19).  The GETs the lean route takes (:meth:`_lean`: an
        HTTP/1.1 GET, direct or through a plain-HTTP forward proxy, with no ``httpx.Request``
        or ``httpx.Response``) never come here.  A URL with credentials goes through the
        client, whose Basic auth sends them.

        Every wait ends at ``deadline`` (the loop's clock) with ``TimeoutError``: on h11 by the
        transport itself (the answer is ``bounded``), elsewhere by :func:`asyncio.timeout_at`.
        """
        client = self._client
        request = self._get(url, headers)
        async with asyncio.timeout_at(deadline):
            if url.userinfo:
                response = await client.send(request, stream=True)  # _hold_location holds it
            else:
                transport = _transport_for(client, request.url)
                response = await transport.handle_async_request(request)
                response.request = request
                try:
                    client.cookies.extract_cookies(response)
                except BaseException:  # back to its pool, as the client's send does
                    await response.aclose()
                    raise
        held = response.extensions.pop(_HELD_LOCATION, None)
        items = decoded(response.headers.raw, response.headers.encoding)
        if isinstance(held, str):
            items.append(("location", held))
        else:
            items, held = _located(response.status_code, items)
            held = first_location(response.headers.raw) if held is not None else None
        return Reply(
            response,
            status_code=response.status_code,
            reason=response.reason_phrase,
            http_version=response.http_version,
            headers=items,
            location=held,
            target=request.url.raw_path,
            request_headers=request.headers.raw,
        )

    def _route(self, url: RequestURL) -> HostPools | None:
        """The host pools whose h11 transport may take the GET of ``url`` (:meth:`_lean`): the
        transport httpx would choose for it (its mounts: ``HTTP_PROXY``, ``NO_PROXY``), when
        it is citecheck's own; None for a URL with credentials (the client's Basic auth sends
        them).  Through a plain-HTTP forward proxy the h11 transport sends the request in
        absolute form with the proxy's headers, as it does for httpx's route (issue 19).

        The mount depends on the scheme, host and port alone: chosen once for each (httpx's
        ``_transport_for_url``, on an ``httpx.URL``), not once per request."""
        direct = self._direct
        if direct is None or url.userinfo:
            return None
        if not self._client._mounts:
            return direct
        key = (url.raw_scheme, url.raw_host, url.port)
        mount = self._routes.get(key)
        if mount is None:
            if len(self._routes) >= _HEADS:
                self._routes.clear()
            parsed = url.parsed() if isinstance(url, Target) else url
            mount = self._routes[key] = _transport_for(self._client, parsed)
        return mount if isinstance(mount, HostPools) else None

    async def _lean(
        self, pools: HostPools, url: RequestURL, headers: dict[str, str], deadline: float
    ) -> Reply | None:
        """The GET of ``url`` on its host's h11 transport (``pools.exchange``), or None when
        that transport does not take it (an origin whose server chose HTTP/2, TLS through a
        proxy).

        No httpx model either way, cookies included: the jar's ``Cookie`` header for the
        request (:meth:`_ChangeCountingJar.cookie_header`) and the answer's ``Set-Cookie`` into
        the jar (:meth:`_ChangeCountingJar.take`) go through the standard library's jar with a
        ``urllib`` request for the URL (:func:`_cookie_request`, what httpx's own adapter hands
        it) when the jar's memos do not already hold the answer; an ``httpx.Request`` per
        request once any cookie was set, with a copy of the whole jar, and an ``httpx.Response``
        per answer setting one, cost as much as the rest of the request's work above the
        transport (issue 19).
        """
        jar = self._jar
        sent = not self._sends_cookie and _may_hold_cookies(jar)
        cookie = jar.cookie_header(url) if sent else None
        if headers or cookie is not None:
            raw = self._merged(url.netloc, headers).raw  # a new list
            if cookie is not None:  # as httpx's adapter sets it on its request's headers
                raw.append((b"Cookie", cookie.encode("utf-8")))
        else:
            raw = self._raw_heads.get(url.netloc) or self._raw_head(url.netloc)
        answer = await pools.exchange(url, raw, self._timeouts, deadline)
        if answer is None:
            return None
        head = answer.head
        status = head.status_code
        items, location = _located(status, decoded(head.headers))
        location = first_location(head.headers) if location is not None else None
        reply = Reply(
            answer,
            status_code=status,
            reason=head.reason.decode("ascii", errors="ignore"),
            http_version="HTTP/" + head.http_version.decode("ascii"),  # as the server said it
            headers=items,
            location=location,
            target=url.raw_path,
            request_headers=raw,
            bounded=True,
        )
        if _sets_cookie(reply.fields):
            try:
                jar.take(_CookieAnswer(items), url)
            except BaseException:  # the connection goes back to its pool, as the client's send does
                await answer.aclose()
                raise
        return reply

    def _raw_head(self, netloc: bytes) -> list[tuple[bytes, bytes]]:
        """A GET head's header list for ``netloc`` (see :meth:`_get`), kept per ``Host``."""
        if len(self._raw_heads) >= _HEADS:
            self._raw_heads.clear()
        raw = self._raw_heads[netloc] = self._merged(netloc, {}).raw
        return raw

    def _get(self, url: RequestURL, headers: dict[str, str]) -> httpx.Request:
        """The GET of ``url`` as ``httpx.Request("GET", url, ...)`` builds it, with less work.

        The client's headers (``headers`` replace any of the same name), ``Host`` first unless
        one is among them, then the jar's cookie for the URL: the same list, in the same order.
        A URL's head without validators is built once per ``Host`` (one per host, but for
        ports) and copied, and the empty body is given as such: httpx's body encoding and
        header merge rebuilt the same list for every request (issue 19).
        """
        request = httpx.Request(
            "GET",
            url.parsed() if isinstance(url, Target) else url,
            headers=self._merged(url.netloc, headers),
            cookies=self._client.cookies if _may_hold_cookies(self._jar) else None,
            stream=_NO_BODY,
            extensions={"timeout": self._timeouts},
        )
        request.read()  # the bytes held, as for a body given as bytes (``h1`` sends them)
        return request

    def _merged(self, netloc: bytes, headers: dict[str, str]) -> httpx.Headers:
        """The client's headers with ``headers`` over them and ``Host`` first (unless given),
        kept per ``Host`` when there are no ``headers``."""
        client = self._client
        merged = None if headers else self._heads.get(netloc)
        if merged is None:
            merged = client.headers
            if headers:
                merged = httpx.Headers(merged)
                merged.update(headers)
            if "host" not in merged:
                merged = httpx.Headers([(b"Host", netloc), *merged.raw])
            if not headers:
                if len(self._heads) >= _HEADS:
                    self._heads.clear()
                self._heads[netloc] = merged
        return merged

    def _evidence(self, url: str, response: Reply, body: bytes, *, unread: bool) -> str | None:
        """Write the exchange to the WARC evidence file (``--warc``); its response record id.

        ``unread`` marks a body that is cut or was not read (redirect, 304, unknown coding); a
        body that is genuinely empty (``Content-Length: 0``) is not marked.
        """
        if self._warc is None:
            return None
        from checker.fetch.warc import Exchange  # noqa: PLC0415 (loaded with the recorder)

        declared = response.header("content-length")
        truncated = unread and not (declared == "0" and not body)
        return self._warc.record(
            Exchange(
                url=url,
                target=response.target.decode("ascii", "replace"),
                request_headers=tuple(
                    (name, REDACTED if name in self._secret_headers else value)
                    for name, value in decoded(response.request_headers)
                ),
                http_version=response.http_version,
                status=response.status_code,
                reason=response.reason,
                response_headers=tuple(response.headers),
                body=body,
                truncated=truncated,
            )
        )


def _waiting(shared: asyncio.Future[FetchResult]) -> asyncio.Future[FetchResult]:
    """A future of its own for one caller of ``shared`` (a URL's answer that other callers
    may share): cancelling the caller cancels this one only, as :func:`asyncio.shield` has it.

    ``shield`` cost a callback more per caller (its outer future's done-callback, which takes
    its inner callback back off ``shared``): here a cancelled caller's callback stays on
    ``shared`` until it is done, and then does nothing (issue 19)."""
    waiter: asyncio.Future[FetchResult] = shared.get_loop().create_future()

    def copy(done: asyncio.Future[FetchResult]) -> None:
        if waiter.done():  # the caller was cancelled
            return
        if done.cancelled():
            waiter.cancel()
        elif (exc := done.exception()) is not None:
            waiter.set_exception(exc)
        else:
            waiter.set_result(done.result())

    shared.add_done_callback(copy)
    return waiter


def _answered(result: FetchResult) -> asyncio.Future[FetchResult]:
    """A future already holding ``result``."""
    future: asyncio.Future[FetchResult] = asyncio.get_running_loop().create_future()
    future.set_result(result)
    return future


def _served(result: FetchResult) -> FetchResult:
    """``result`` as the in-run cache keeps it once every waiting citation has read it.

    No text, and of the response headers only those a later reader of the answer may read
    (:data:`_KEPT_HEADERS`): a server's ten or twenty others (cookies, caching, security
    policies, ~1 KB a URL) were held to the end of the run for nothing (issue 19).
    """
    headers = result.headers
    kept = {name: value for name, value in headers.items() if name.lower() in _KEPT_HEADERS}
    if result.text is None and len(kept) == len(headers):
        return result
    return with_text(result, None, kept)


def with_text(
    result: FetchResult, text: str | None, headers: Mapping[str, str] | None = None
) -> FetchResult:
    """``replace(result, text=text)`` (and ``headers=headers`` when given), the same value made
    by the slots' own setters.

    ``dataclasses.replace`` reads each of the 18 fields by name into keyword arguments and runs
    the frozen class's generated ``__init__`` (an ``object.__setattr__`` a field): ~15-20 µs
    an answer, and every answer is copied so at least once (:func:`_served`, the shelf; issue
    19).  A copy by the fields' descriptors, found once, costs a third of that.  The class stays
    frozen: its ``__setattr__`` refuses every other write.
    """
    copy = _new_result(FetchResult)
    for read, write in _RESULT_FIELDS:
        write(copy, read(result))
    _write_text(copy, text)
    if headers is not None:
        _write_headers(copy, headers)
    return copy


_new_result = object.__new__
_RESULT_SLOTS = slots_of(FetchResult)
_RESULT_FIELDS = tuple((slot.__get__, slot.__set__) for slot in _RESULT_SLOTS.values())
_write_text = _RESULT_SLOTS["text"].__set__
_write_headers = _RESULT_SLOTS["headers"].__set__


class Shelved(NamedTuple):
    """An answer in the in-run cache with its text packed (``HttpFetcher._shelve``): the
    answer without it (``slim``), the zlib bytes, and whether those are the store's own
    blob (``stored``: checked when read, see ``store.Reused``) or compressed in this run; the
    store's blob comes with the digest the store keeps of it, when it has one (``digest``,
    :meth:`HttpFetcher.get_digested`)."""

    slim: FetchResult
    packed: bytes
    stored: bool
    digest: str | None = None
    chars: int = 0
    """The text's characters when this run packed it (a store's blob: unknown, 0)."""


class _AsWritten:
    """What httpx's mount patterns read of a URL (``URLPattern.matches``), the host as written."""

    __slots__ = ("host", "port", "scheme")

    def __init__(self, url: httpx.URL) -> None:
        self.scheme = url.scheme
        self.host = url.raw_host.decode("ascii").lower()
        self.port = url.port


def _transport_for(client: httpx.AsyncClient, url: httpx.URL) -> httpx.AsyncBaseTransport:
    """The transport httpx chooses for ``url`` (its mounts: ``HTTP_PROXY``, ``NO_PROXY``).

    httpx's own choice reads ``URL.host`` for a pattern with a host (a ``NO_PROXY`` entry),
    which raises for a name IDNA 2008 refuses to decode (``xn--ls8h.la``, a real site): such
    a URL is matched against its name as written, which is what it is asked by.
    """
    try:
        return client._transport_for_url(url)
    except UnicodeError:  # idna's errors are UnicodeErrors
        written = _AsWritten(url)
        for pattern, transport in client._mounts.items():
            if pattern.matches(written):  # type: ignore[arg-type]
                return client._transport if transport is None else transport
        return client._transport


def run_key(url: str) -> str:
    """The in-run identity of a URL: the fragment is the reader's business, not the server's."""
    return url.split("#", 1)[0]


def _backs_off(result: FetchResult) -> bool:
    return result.outcome is Outcome.OK and result.status_code in BACKOFF_STATUSES


class _Budget:
    """A URL's time (``Config.deadline``), across hops and tries.

    Time spent in requests counts, and so do a retry's waits (backoff, ``Retry-After``): a try
    that would start past the deadline is not made, and the last answer stands, so
    ``--total-timeout`` bounds all one URL takes (a 503 retried with backoff outlived it by the
    sum of the waits: left 29b).  Waiting for a polite slot does not count, so a busy host never
    turns queued URLs into timeouts, while a server that trickles bytes is cut off when the
    budget runs out, however it spreads them.

    A request is timed by :meth:`start` and :meth:`charge` (in a ``finally``), not a context
    manager: a URL's hops and tries are sequential, and an async one cost two coroutines per
    request (an ``asynccontextmanager``, an async generator before that; issue 19).
    It also numbers the tries and times the current one (:meth:`next_try`, :meth:`elapsed`).
    """

    def __init__(self, seconds: float) -> None:
        self._left = seconds
        self._started = 0.0
        self.attempt = 0
        self._try_started = 0.0
        self.sent_at: float | None = None
        """When the URL's last request went out, by the politeness clock (``Politeness.now``),
        stamped in its slot: a "too many" halves a host's lanes only if its request went out
        after their last halving.  Stamped as its try began, a request granted before a halving
        and sent after it, past the host's turn or pause (a retry past its queue too), halved
        nothing when it was refused again (review of session 32)."""

    def next_try(self) -> int:
        """Start the URL's next try (the first is 1); its number."""
        self.attempt += 1
        self._try_started = time.monotonic()
        return self.attempt

    def elapsed(self) -> float:
        """Seconds since the current try started, waiting for a slot included: a result's
        ``elapsed``, stamped where an answer's result is built (``_result``); a result left at
        0 is stamped by ``HttpFetcher._fetch`` with a copy, as every result was before."""
        return time.monotonic() - self._try_started

    def left(self) -> float:
        """Seconds of request time left."""
        return max(0.0, self._left)

    def start(self) -> float:
        """Start one request's time; the seconds left for it (:meth:`charge` ends it)."""
        self._started = time.monotonic()
        return self.left()

    def charge(self) -> None:
        """Charge the request started last with the time it took."""
        self._left -= time.monotonic() - self._started

    def can_wait(self, seconds: float) -> bool:
        """Whether a wait of ``seconds`` leaves time for another try."""
        return seconds < self._left

    def waited(self, seconds: float) -> None:
        """Charge a retry's wait."""
        self._left -= seconds


_OUT_OF_TIME = "total time per URL exceeded"
"""The error of a request that ``--total-timeout`` (the URL's :class:`_Budget`) cut short."""


def _out_of_time(result: FetchResult) -> bool:
    """Whether ``result`` is a request cut short by the URL's time budget (:data:`_OUT_OF_TIME`)."""
    return result.outcome is Outcome.TIMEOUT and result.error == _OUT_OF_TIME


async def _hold_location(response: httpx.Response) -> None:
    """The client's response hook: :func:`_hold`, for a request sent through the client."""
    _hold(response)


def _hold(response: httpx.Response) -> None:
    """Take a redirect's ``Location`` out of httpx's sight until the fetcher reads it.

    httpx builds the next request for every 3xx with a Location, even when it is not following
    redirects, and raises for a Location it cannot parse (``javascript:``, ``about:blank``,
    ``http:`` and backslashes, a bad port): ``InvalidURL``, outside its ``HTTPError`` family, or a
    ``RemoteProtocolError`` that would be retried as a network fault.  The fetcher follows
    redirects by hand, so it judges each Location itself (:func:`_redirect_target`).
    """
    if response.status_code in _REDIRECT_CODES and "location" in response.headers:
        response.extensions[_HELD_LOCATION] = first_location(response.headers.raw)
        del response.headers["location"]


async def _gunzipped(body: Body, kind: str | None, cap: int, url: str) -> Body | None:
    """:func:`gunzip_file` of ``body``, off the event loop unless the body is too small to cost:
    gzip's output is up to ~1,032 times its input (``cap`` bytes of a bomb from a few hundred
    KB), and gunzipping every text-typed answer that opens with gzip's magic on the loop held
    every other request for it (half a second for a 300 KB bomb, session 33's review)."""
    if not body.data.startswith(GZIP_MAGIC):
        return None  # the common case: no gzip file, nothing to hand off
    if len(body.data) * _DEFLATE_MAX_RATIO <= _INLINE_DECODE:
        return gunzip_file(body, kind, cap, url)
    return await asyncio.to_thread(gunzip_file, body, kind, cap, url)


_DEFLATE_MAX_RATIO = 1032
"""Deflate's largest output for a byte of input (a run of one byte, 258 bytes a 2-bit code)."""
_CUT_SHORT = "its gzip file stops before its end (cut short, or bytes after it that are no gzip)"
"""The note on an answer whose gzip file ends early: read up to there (``Body.cut_short``)."""
_CLOSED_EARLY = (
    "the server closed the connection before the end of the body it announced: "
    "judged on the {:,} bytes that arrived"
)
"""The note on a page whose connection closed before its announced end, its document's end
come (``Body.cut_short`` from :func:`~checker.fetch.body.read_body`)."""


async def _body_of(response: Reply, cap: int) -> Body:
    """``response``'s body (:func:`read_body`); none, cut, for a 404 or 410 whose body breaks
    off (closed early, stalled): the head already says the URL is gone.  Such a broken link
    was ``unreachable``, a warning that passed the run (probe 19)."""
    try:
        return await read_body(response, cap)
    except (httpx.HTTPError, OSError, TimeoutError):
        if response.status_code not in _GONE_CODES:
            raise
        return Body(b"", truncated=True)


class _Closing:
    """Enter to get ``response``; leaving closes it (as ``AsyncClient.stream``'s exit does).

    Within it every wait ends at ``deadline``: a ``bounded`` answer's transport ends them
    itself; any other's are in :func:`asyncio.timeout_at`, entered here (a timeout context per
    request, its timer and the task's cancel bookkeeping, cost ~3 % of a GET's CPU, issue 19).
    """

    __slots__ = ("_response", "_timeout")

    def __init__(self, response: Reply, deadline: float) -> None:
        self._response = response
        self._timeout = None if response.bounded else asyncio.timeout_at(deadline)

    async def __aenter__(self) -> Reply:
        if self._timeout is not None:
            await self._timeout.__aenter__()
        return self._response

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if not self._response.settled:  # a body read whole was released already
                await self._response.aclose()
        finally:
            if self._timeout is not None:
                await self._timeout.__aexit__(kind, exc, tb)


def _located(
    status: int, headers: list[tuple[str, str]]
) -> tuple[list[tuple[str, str]], str | None]:
    """A redirect's headers with its first ``Location`` last (every other one gone) and that
    Location; other answers' as they are, and None.  The list the evidence and the result got
    when httpx's response hook held the Location (:func:`_hold`) and the fetcher put it back."""
    if status in _REDIRECT_CODES:
        locations = [value for name, value in headers if name == "location"]
        if locations:
            kept = [(name, value) for name, value in headers if name != "location"]
            kept.append(("location", locations[0]))
            return kept, locations[0]
    return headers, None


def _redirect_target(current: str, location: str) -> tuple[str, FetchResult | RequestURL]:
    """The absolute URL a Location points to, and either why it cannot be followed or the
    target parsed for its request (see :func:`_parse`)."""
    try:
        target = _as_asked(urljoin(current, location))
    except ValueError as exc:  # e.g. an unclosed IPv6 bracket
        return location, FetchResult(location, Outcome.INVALID_URL, error=f"malformed URL: {exc}")
    return target, _parse(target)


_PATH_ESCAPES = str.maketrans({c: f"%{ord(c):02X}" for c in ' "<>`{}'})
_QUERY_ESCAPES = str.maketrans({c: f"%{ord(c):02X}" for c in ' "<>'})
_ESCAPED = frozenset(' "<>`{}')


def _as_asked(url: str) -> str:
    """``url`` with the characters its request escapes escaped (httpx's, WHATWG's sets: a space,
    ``"<>`` and, in the path, ``` `{} ```): the URL the next hop, the result and a ``redirected``
    suggestion name is the one asked.  ``Location: /new home`` left ``/new home`` there, and
    a suggestion (and ``citecheck fix``) cited a URL a space cuts short (probe 22)."""
    if _ESCAPED.isdisjoint(url):
        return url
    rest, hashed, fragment = url.partition("#")
    head, asked, query = rest.partition("?")
    return (
        head.translate(_PATH_ESCAPES) + asked + query.translate(_QUERY_ESCAPES) + hashed + fragment
    )


def _parse(url: str) -> FetchResult | RequestURL:
    """``url`` parsed for its request, or a FetchResult saying why it cannot be requested.

    The parsed form is what the request is sent with: httpx's parse checks every character
    of the URL in Python, so a URL parsed here and again for the request cost it twice.
    """
    simple = simple_target(url)
    if simple is not None and (simple.port is None or 0 < simple.port <= _MAX_PORT):
        return simple  # http(s), a host, a port in range: what the checks below ask
    try:
        parts = split_url(url)
        if parts.scheme.lower() not in ("http", "https"):
            return FetchResult(url, Outcome.UNSUPPORTED_SCHEME, error=f"not an http(s) URL: {url}")
        if not url_host(url):
            raise ValueError("no host")
        _check_port(parts)
        return simple or httpx.URL(url)
    except (ValueError, httpx.InvalidURL) as exc:
        mapped = browser_mapped(url)  # the name a browser asks for (UTS 46), when it differs
        if mapped is not None:
            with contextlib.suppress(ValueError, httpx.InvalidURL):
                return httpx.URL(mapped)
        return FetchResult(url, Outcome.INVALID_URL, error=f"malformed URL: {exc}")


def _sets_cookie(fields: Mapping[str, str]) -> bool:
    """Whether an answer's headers (lower-case names) set a cookie."""
    return "set-cookie" in fields or "set-cookie2" in fields


def _may_hold_cookies(jar: CookieJar) -> bool:
    """False only when the jar holds no cookie: its table of domains is empty (one that held
    cookies once may keep empty tables, and says True: the jar is then asked, and adds none).
    ``bool(httpx.Cookies)`` walks the whole jar through a generator per request (issue 19)."""
    return bool(jar._cookies)  # type: ignore[attr-defined]


def _cookie_request(url: RequestURL) -> urllib.request.Request:
    """The request the cookie jar reads for a GET of ``url``: what httpx's adapter
    (``Cookies._CookieCompatRequest``) gives it but for the headers, of which the jar reads
    only whether a ``Cookie`` is there already (``HttpFetcher._sends_cookie``)."""
    return urllib.request.Request(str(url), method="GET")


class _CookieAnswer:
    """An answer's cookies as the jar reads a response (its ``info()``): the ``Set-Cookie``
    and ``Set-Cookie2`` headers, in order, as httpx's ``_CookieCompatResponse`` gives them;
    the jar reads no other."""

    __slots__ = ("fields",)

    def __init__(self, items: list[tuple[str, str]]) -> None:
        self.fields = tuple((name, value) for name, value in items if name in _COOKIE_HEADERS)

    def info(self) -> email.message.Message:
        info = email.message.Message()
        for name, value in self.fields:
            info[name] = value  # appends, as in httpx's adapter
        return info


class _SetCookiesOnly(httpx.Cookies):
    """httpx's cookie jar, read only from responses that set a cookie.

    httpx hands every response to the standard library's cookie jar, which builds a
    ``urllib.request.Request`` and parses the URL again to find no ``Set-Cookie`` in most: about
    a tenth of a request's CPU (issue 19).  A response without one changes nothing in the jar.
    """

    def __init__(self, jar: _ChangeCountingJar) -> None:
        super().__init__()
        self.jar = jar

    def extract_cookies(self, response: httpx.Response) -> None:
        if _sets_cookie(response.headers):
            super().extract_cookies(response)


class _ChangeCountingJar(CookieJar):
    """The standard library's jar, counting the cookies it took that it did not hold alike: a
    redirect back to an address is progress only when the answer changed what the next request
    sends (:meth:`HttpFetcher._follow`).

    It picks a request's cookies as the standard jar does, with less work: the standard jar
    asks its policy about every domain it holds, parsing the request's URL again for each, and
    walks every cookie it holds for expired ones after each request.  With one session cookie
    from each of 40 hosts, its ``Cookie`` header and the answer's ``Set-Cookie`` cost ~1.8 M
    instructions a request, more than the rest of the request's work (issue 19, session 34:
    ~0.27 M here); with more hosts it grows with the jar.  An origin's ``Cookie`` header is
    kept while nothing it depends on changed (:meth:`cookie_header`), and an answer setting the
    cookies an earlier answer from the same place set, which the jar still holds as that answer
    left them, is not parsed again (:meth:`take`): neither builds a ``urllib`` request, whose
    URL the policy parses again at each step (~0.25 M instructions a request, session 35).
    """

    def __init__(self, policy: DefaultCookiePolicy) -> None:
        super().__init__(policy)
        self.changes = 0
        self._soonest = _NEVER
        """No cookie held expires before this (a bound: one removed may have set it)."""
        self._taken: dict[tuple[object, ...], tuple[tuple[Cookie, ...], bytes | None]] = {}
        """The cookies an answer's cookie fields from an origin made, with the request's
        directory when one of them took it for its path (:meth:`take`)."""
        self._setting: list[Cookie] | None = None
        self._cleared = 0
        self._made = 0
        """How many cookies the answer being taken made, accepted or not."""
        self._added = itertools.count()
        self._order: dict[str, int] = {}
        """When each domain the jar holds came into it: its place in the jar's own order, which
        the standard jar asks domains in (:meth:`_cookies_for_request`)."""
        self._generation = 0
        """Bumped by every change to the cookies held (set, cleared, expired and dropped)."""
        self._headers: dict[tuple[bytes, bytes, bytes], tuple[int, str | None]] = {}
        """Each origin's ``Cookie`` header with the generation it was picked in
        (:meth:`cookie_header`)."""

    def set_cookie(self, cookie: Cookie) -> None:
        with self._cookies_lock:  # type: ignore[attr-defined]
            by_domain: dict[str, dict[str, dict[str, Cookie]]] = self._cookies  # type: ignore[attr-defined]
            if cookie.domain not in by_domain:
                self._order[cookie.domain] = next(self._added)
            held = by_domain.get(cookie.domain, {}).get(cookie.path, {}).get(cookie.name)
            if held is None or held.value != cookie.value:
                self.changes += 1
            if cookie.expires is not None and cookie.expires < self._soonest:
                self._soonest = cookie.expires
            if self._setting is not None:
                self._setting.append(cookie)
            self._generation += 1
            super().set_cookie(cookie)

    def clear(
        self, domain: str | None = None, path: str | None = None, name: str | None = None
    ) -> None:
        with self._cookies_lock:  # type: ignore[attr-defined]
            self._cleared += 1
            self._generation += 1
            super().clear(domain, path, name)
            if domain is None:
                self._order.clear()
            elif domain not in self._cookies:  # type: ignore[attr-defined]
                self._order.pop(domain, None)

    def cookie_header(self, url: RequestURL) -> str | None:
        """The ``Cookie`` header the standard jar gives a GET of ``url`` (None: no cookie).

        Kept per origin (scheme, user and host with its port: all the policy reads of a request
        but its path) while no cookie was set, cleared or dropped and none held can have
        expired, when every cookie the origin's domains hold is for the path ``/`` (so the
        request's path cannot change the choice); else picked again for each request."""
        origin = (url.raw_scheme, url.userinfo, url.netloc)
        with self._cookies_lock:  # type: ignore[attr-defined]
            kept = self._headers.get(origin)
            if kept is not None and kept[0] == self._generation and time.time() < self._soonest:
                return kept[1]
            request = _cookie_request(url)
            self.add_cookie_header(request)
            header: str | None = request.unredirected_hdrs.get("Cookie")
            held: dict[str, dict[str, object]] = self._cookies  # type: ignore[attr-defined]
            if time.time() < self._soonest and all(
                path == "/" for domain in self._domains(request) for path in held[domain]
            ):
                if len(self._headers) >= _KEPT_ORIGINS:
                    self._headers.clear()
                self._headers[origin] = (self._generation, header)
            return header

    def take(self, answer: _CookieAnswer, url: RequestURL) -> None:
        """The standard jar's ``extract_cookies`` for ``answer`` to a GET of ``url``, but for
        an answer whose cookie fields an earlier answer from the same origin sent while the jar
        holds each cookie that answer made as it made it (and, when one took the request's
        directory for its path, from the same directory): taking them again changes nothing.
        What a cookie is made of: the fields, the request's scheme, host and port and directory
        (the default path), and the time (``Max-Age``, an expiry passed); the policy's refusals
        ask the host only (``strict_ns_set_path`` off).

        A field naming ``Max-Age`` or ``Version`` (a cookie whose expiry moves with the time,
        or one checked against the request's whole path) is always parsed; so are fields longer
        than :data:`_TAKEN_CHARS` in all (not kept).  An answer whose fields removed a cookie (an
        expiry passed) or made one the policy refused is not remembered (an older entry for the
        same fields may stay: its cookies have expired, so :meth:`_holds` fails it); one whose
        cookies have expired since it was remembered is parsed again."""
        key = None if self._policy.strict_ns_set_path else _taken_key(answer.fields, url)  # type: ignore[attr-defined]
        directory = _directory(url)
        with self._cookies_lock:  # type: ignore[attr-defined]
            if key is not None:
                taken = self._taken.get(key)
                if taken is not None and taken[1] in (None, directory) and self._holds(taken[0]):
                    return
            cleared, self._setting, self._made = self._cleared, [], 0
            try:
                self.extract_cookies(answer, _cookie_request(url))  # type: ignore[arg-type]
                made = tuple(self._setting)
            finally:
                self._setting = None
            if key is not None and self._cleared == cleared and len(made) == self._made:
                if len(self._taken) >= _TAKEN:
                    self._taken.clear()
                defaulted = any(not cookie.path_specified for cookie in made)
                self._taken[key] = (made, directory if defaulted else None)

    def make_cookies(self, response: object, request: urllib.request.Request) -> Sequence[Cookie]:
        """The standard jar's, counting the cookies made: one the policy refused is not held,
        so :meth:`_holds` cannot tell when its expiry passes (the standard jar then takes the
        field for a removal)."""
        cookies = super().make_cookies(response, request)  # type: ignore[arg-type]
        self._made += len(cookies)
        return cookies

    def _holds(self, cookies: tuple[Cookie, ...]) -> bool:
        """Whether the jar holds each of ``cookies`` as it is (that one or its equal in every
        attribute: an answer from elsewhere may have set it again), none of them expired."""
        held: dict[str, dict[str, dict[str, Cookie]]] = self._cookies  # type: ignore[attr-defined]
        now = time.time()
        for cookie in cookies:
            if cookie.expires is not None and cookie.expires <= now:
                return False
            kept = held.get(cookie.domain, {}).get(cookie.path, {}).get(cookie.name)
            if kept is not cookie and (kept is None or vars(kept) != vars(cookie)):
                return False
        return True

    def _cookies_for_request(self, request: urllib.request.Request) -> list[Cookie]:
        """The standard jar's choice, from only the domains the policy's first test can pass
        (:meth:`_domains`), in the jar's order: the same cookies in the same order."""
        wanted = self._domains(request)
        if len(wanted) > 1:  # in the jar's order, as the standard jar asks them
            wanted.sort(key=self._order.__getitem__)
        cookies: list[Cookie] = []
        for domain in wanted:
            cookies.extend(self._cookies_for_domain(domain, request))  # type: ignore[attr-defined]
        return cookies

    def _domains(self, request: urllib.request.Request) -> list[str]:
        """The domains held whose cookies the request may get: those the policy's first test
        can pass (:func:`cookie_domains`), in no order."""
        held: dict[str, object] = self._cookies  # type: ignore[attr-defined]
        host, effective = http.cookiejar.eff_request_host(request)  # type: ignore[attr-defined]
        return [d for d in cookie_domains(host) | cookie_domains(effective) if d in held]

    def clear_expired_cookies(self) -> None:
        """The standard jar's, which walks every cookie held after each request, only when one
        held may have expired."""
        with self._cookies_lock:  # type: ignore[attr-defined]
            if time.time() < self._soonest:
                return
            super().clear_expired_cookies()  # each cookie dropped through clear()
            self._soonest = min((c.expires for c in self if c.expires is not None), default=_NEVER)


_NEVER = float("inf")
_TAKEN = 1024
"""At most this many answers' cookie fields remembered by a jar (then it starts again)."""
_KEPT_ORIGINS = 1024
"""At most this many origins' ``Cookie`` headers kept by a jar (then it starts again)."""
_TAKEN_CHARS = 4096
"""An answer's cookie fields longer than this in all are not remembered: with :data:`_TAKEN`,
at most ~4 MB of them held (a head may be 100 KB)."""
_MOVING = ("max-age", "version")


def _taken_key(fields: tuple[tuple[str, str], ...], url: RequestURL) -> tuple[object, ...] | None:
    """What the cookies an answer's cookie ``fields`` set are made of, but the time and the
    request's directory: the fields and the request's scheme, user, host and port; None when
    they depend on more (see :meth:`_ChangeCountingJar.take`)."""
    if sum(len(value) for _, value in fields) > _TAKEN_CHARS:
        return None
    for _, value in fields:
        lowered = value.lower()
        if any(word in lowered for word in _MOVING):
            return None
    return (url.raw_scheme, url.userinfo, url.netloc, fields)


def _directory(url: RequestURL) -> bytes:
    """The request's path up to its last ``/``: what ``http.cookiejar`` makes a cookie's path of
    when the cookie names none (escaped alike for the same path)."""
    return url.raw_path.partition(b"?")[0].rpartition(b"/")[0]


def cookie_domains(host: str) -> set[str]:
    """Every jar domain that can pass the first test of ``DefaultCookiePolicy.domain_return_ok``
    for a request to ``host`` (lower case, as ``eff_request_host`` gives it): the domain, dotted
    or not, is a suffix of ``.host`` starting at a dot, or is empty.  A superset: the policy
    still decides for each of them."""
    dotted = host if host.startswith(".") else "." + host
    domains = {""}
    dot = 0
    while dot >= 0:
        suffix = dotted[dot:]
        domains.add(suffix)
        domains.add(suffix[1:])
        dot = dotted.find(".", dot + 1)
    return domains


class _SendableCookies(DefaultCookiePolicy):
    """The standard policy, refusing a cookie that is not ASCII throughout.

    httpx writes the jar's cookies into the next request's ``Cookie`` header in the header
    list's encoding, ASCII: a server's ``Set-Cookie: a=caf\xe9`` made every later request to
    that host an ``UnicodeEncodeError`` out of ``httpx.Request``, a crash, not a result.
    """

    def set_ok(self, cookie: Cookie, request: urllib.request.Request) -> bool:
        parts = (cookie.name, cookie.value, cookie.path, cookie.domain, cookie.port)
        return all(part is None or part.isascii() for part in parts) and super().set_ok(
            cookie, request
        )


def _check_port(parts: SplitResult) -> None:
    """Raise ValueError naming the port if ``parts`` has one no connection can be made to.

    Without this, ``https://host:99999/`` fails deep in the resolver and is reported as a host
    name that does not resolve, which sends the reader looking for the wrong mistake.
    """
    try:
        port = parts.port
    except ValueError:
        port = -1
    if port is None or 0 < port <= _MAX_PORT:
        return
    written = parts.netloc.rpartition("@")[2].rpartition("]")[2].partition(":")[2]
    raise ValueError(f"port {written!r} is not a port number (1-{_MAX_PORT})")


def _result(
    url: str,
    response: Reply,
    budget: _Budget,
    *,
    warc_record_id: str | None,
    text: str | None = None,
    encoding: str | None = None,
    error: str | None = None,
    truncated: bool = False,
) -> FetchResult:
    """The one FetchResult of an answer received, built once with all it carries: the try's
    time and number too (``_Budget``), which a copy per URL added after (issue 19)."""
    return FetchResult(
        url,
        Outcome.OK,
        final_url=url,
        status_code=response.status_code,
        headers=response.fields,
        content_type=response.fields.get("content-type"),
        text=text,
        encoding=encoding,
        truncated=truncated,
        error=error,
        warc_record_id=warc_record_id,
        elapsed=budget.elapsed(),
        attempts=budget.attempt,
    )


def _outcome_of(exc: BaseException) -> tuple[Outcome, str]:
    """Translate a foreign exception into an Outcome: the one border for transport errors."""
    chain = network.causes(exc)
    detail = str(exc) or type(exc).__name__
    forbidden = next((e for e in chain if isinstance(e, ForbiddenAddressError)), None)
    if forbidden is not None:
        return Outcome.FORBIDDEN_ADDRESS, f"not fetched: {forbidden}"
    if isinstance(exc, httpx.TimeoutException):
        return Outcome.TIMEOUT, f"timed out ({type(exc).__name__})"
    if isinstance(exc, ProxyUnreachableError):
        return Outcome.NETWORK, f"network unavailable: {exc}"
    lookup = next((e for e in chain if isinstance(e, socket.gaierror)), None)
    if lookup is not None and network.is_nxdomain(lookup):
        return Outcome.DNS, f"name not resolved: {detail}"
    if lookup is not None:
        return Outcome.NETWORK, f"temporary failure looking up the name: {detail}"
    if any(isinstance(e, OSError) and e.errno in network.NO_ROUTE for e in chain):
        return Outcome.NETWORK, f"no route to the host from here: {detail}"
    if any(isinstance(e, ssl.SSLError) for e in chain):
        return Outcome.TLS, f"TLS failure: {detail}"
    if isinstance(exc, httpx.UnsupportedProtocol):
        return Outcome.UNSUPPORTED_SCHEME, detail
    if isinstance(exc, httpx.InvalidURL):
        return Outcome.INVALID_URL, detail
    if isinstance(exc, httpx.ConnectError | ConnectionRefusedError):
        return Outcome.CONNECT, f"connection failed: {detail}"
    return Outcome.PROTOCOL, f"{type(exc).__name__}: {detail}"


def _request_headers(config: Config, version: str) -> httpx.Headers:
    """Every request's headers: the user agent, the encodings read, then the user's ``-H``
    headers, which replace a default of the same name (``-H "User-Agent: ..."`` works)."""
    headers = httpx.Headers(
        {
            "User-Agent": config.fetch.user_agent.format(version=version),
            "Accept-Encoding": ACCEPT_ENCODING,
        }
    )
    for name, value in config.fetch.headers:
        headers[name] = value
    return headers
