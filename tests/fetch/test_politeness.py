"""Per-host politeness: concurrency, minimum interval, backoff; unit-timed and over real sockets."""

from __future__ import annotations

import asyncio
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from checker.config import Config, HostConfig
from checker.fetch import HttpFetcher
from checker.fetch.politeness import GIVE_UP_AFTER, Politeness
from checker.model import Outcome
from checker.sampleweb import SampleWeb
from checker.sampleweb.server import Request, Response, Web
from tests.fetch.support import config_for, fetch

SLOW = "https://slow.example.com"
FAST = "https://fast.example.com"
BUSY = "https://busy.example.com"


class _Clock:
    """A fake monotonic clock whose sleep advances it; records when each slot was entered."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds
        await asyncio.sleep(0)


async def _starts(politeness: Politeness, clock: _Clock, hosts: list[str]) -> list[float]:
    starts: list[float] = []

    async def one(host: str) -> None:
        async with politeness.slot(host):
            starts.append(clock.now)

    await asyncio.gather(*(one(h) for h in hosts))
    return starts


@pytest.mark.parametrize(
    ("config", "hosts", "expected"),
    [
        (Config().with_(interval=2.0), ["a.com"] * 3, [0.0, 2.0, 4.0]),
        (Config().with_(interval=2.0), ["a.com", "b.com", "c.com"], [0.0, 0.0, 0.0]),  # near miss
        (Config(), ["a.com"] * 3, [0.0, 0.0, 0.0]),
        (Config().with_(hosts={"a.com": HostConfig(interval=1.5)}), ["A.com", "a.com"], [0.0, 1.5]),
        (
            Config().with_(interval=3.0, hosts={"a.com": HostConfig(interval=0.0)}),
            ["a.com"] * 2,
            [0, 0],
        ),
    ],
)
def test_interval_between_request_starts(
    config: Config, hosts: list[str], expected: list[float]
) -> None:
    clock = _Clock()
    politeness = Politeness(config, clock=clock, sleep=clock.sleep)
    assert asyncio.run(_starts(politeness, clock, hosts)) == expected


def test_backoff_pauses_the_whole_host_only() -> None:
    clock = _Clock()
    politeness = Politeness(Config(), clock=clock, sleep=clock.sleep)
    politeness.back_off("a.com", 5.0)
    politeness.back_off("a.com", 1.0)  # a shorter pause never shortens a longer one
    entered: list[str] = []

    async def one(host: str) -> None:
        async with politeness.slot(host):
            entered.append(host)

    async def both() -> None:
        await asyncio.gather(one("a.com"), one("b.com"))

    asyncio.run(both())
    assert entered == ["b.com", "a.com"]
    assert clock.now == 5.0


def test_a_hosts_too_many_halves_its_lanes_once_a_burst_down_to_one() -> None:
    """A 429/503 (``back_off``) halves the host's lanes; the other answers of the same burst
    (requests sent before that halving) halve nothing more, however short the pause
    (``Retry-After: 0``) or far apart the answers; a request sent after it halves again; never
    below one lane, and other hosts keep theirs."""
    clock = _Clock()
    politeness = Politeness(Config().with_(per_host_concurrency=8), clock=clock)
    lanes = []
    for answered, sent, seconds in (
        (0.1, 0.0, 0.0),  # a burst of three sent at once, each told "retry at once"
        (0.2, 0.0, 0.0),
        (0.3, 0.0, 0.0),
        (1.8, 0.0, 1.0),  # the burst's last answer, long after the pause ended
        (2.5, 2.0, 1.0),  # sent after the halving: the narrowed lanes too were too many
        (4.0, 3.0, 0.0),
        (5.0, 4.5, 0.0),
    ):
        clock.now = answered
        politeness.back_off("a.com", seconds, sent_at=sent)
        lanes.append(politeness.state("a.com").concurrency)
    assert lanes == [4, 4, 4, 4, 2, 1, 1]
    assert politeness.state("b.com").concurrency == 8


def test_lanes_halved_close_as_their_requests_end() -> None:
    """A slot freed on a host whose lanes were halved is not passed to the host's next request
    until fewer than the new width are in flight: the width holds, not just for new lanes."""

    async def scenario() -> tuple[list[str], list[str]]:
        gate = _Gate(Politeness(Config().with_(per_host_concurrency=4)))
        tasks = [gate.start(f"a.com/{i}") for i in range(8)]
        await _settle()
        before = list(gate.entered)
        gate.politeness.back_off("a.com", 0.0)  # a 429 with nothing to wait: lanes 4 -> 2
        for name in before:
            gate.release[name].set()
            await _settle()
        after = gate.entered[len(before) :]
        for event in gate.release.values():
            event.set()
        await asyncio.gather(*tasks)
        assert gate.politeness.in_flight == 0
        return before, after

    before, after = asyncio.run(scenario())
    assert before == [f"a.com/{i}" for i in range(4)]
    assert after == ["a.com/4", "a.com/5"]  # two lanes left, both held until released


def test_a_halved_host_earns_a_lane_back_a_round_of_served_answers_up_to_its_width() -> None:
    """After a "too many" halved 8 lanes to 4, a lane comes back once as many requests sent
    since the last change as the host has lanes were served (2xx/3xx): 4, then 5, 6, 7 answers,
    never past the host's own 8.  Answers to requests sent before the change, and a 404 or a
    500 (the URL's answer), count for nothing."""
    clock = _Clock()
    politeness = Politeness(Config().with_(per_host_concurrency=8), clock=clock)
    clock.now = 1.0
    politeness.back_off("a.com", 0.0, sent_at=0.5)
    state = politeness.state("a.com")
    assert state.concurrency == 4
    for status, sent in ((200, 0.9), (404, 1.5), (500, 1.5), (429, 1.5)):
        politeness.answered("a.com", status, sent_at=sent)  # before the halving, or not served
    politeness.answered("a.com", 200)  # when it was sent unknown: not counted
    assert state.concurrency == 4
    lanes = []
    for _ in range(4 + 5 + 6 + 7 + 8):
        clock.now += 0.1
        politeness.answered("a.com", 301, sent_at=clock.now - 0.05)
        lanes.append(state.concurrency)
    assert [lanes.count(width) for width in (4, 5, 6, 7, 8)] == [3, 5, 6, 7, 9]
    assert max(lanes) == 8 and politeness.state("b.com").concurrency == 8


def test_a_lane_given_back_counts_answers_to_requests_sent_after_it_only() -> None:
    clock = _Clock()
    politeness = Politeness(Config().with_(per_host_concurrency=4), clock=clock)
    politeness.back_off("a.com", 0.0, sent_at=0.0)  # 4 -> 2, at 0.0
    clock.now = 1.0
    politeness.answered("a.com", 200, sent_at=0.5)
    politeness.answered("a.com", 200, sent_at=0.5)  # the second: 2 -> 3, counting from 1.0
    state = politeness.state("a.com")
    assert state.concurrency == 3
    for _ in range(3):
        politeness.answered("a.com", 200, sent_at=0.9)  # sent at the narrower width
    assert state.concurrency == 3
    for _ in range(3):
        politeness.answered("a.com", 200, sent_at=1.0)
    assert state.concurrency == 4


def test_lanes_kept_full_come_back_from_4_to_8_in_34_answers_after_the_halved_burst() -> None:
    """The pace the module's note gives: 8 lanes full, the first answer a 429 (8 -> 4), every
    other served and its lane refilled at once, oldest first.  The burst's other 7 answers count
    for nothing, then each width w takes w answers of requests sent at it, and the w - 2
    answered at the narrower width before them: 4 + (3 + 5) + (4 + 6) + (5 + 7) = 34 (the note
    said 22, as if answers in flight as a lane came back counted; review of session 32)."""

    async def scenario() -> list[int]:
        clock = _Clock()
        politeness = Politeness(Config().with_(per_host_concurrency=8), clock=clock)
        state = politeness.state("a.com")
        in_flight: deque[float] = deque()

        def fill() -> None:
            while state.active < state.concurrency:
                assert politeness.reserve("a.com").done()
                in_flight.append(politeness.now())

        fill()
        clock.now += 1.0
        politeness.back_off("a.com", 0.0, sent_at=in_flight.popleft())
        politeness.release("a.com")
        widths = []
        while state.concurrency < 8:
            fill()
            clock.now += 1.0
            politeness.answered("a.com", 200, sent_at=in_flight.popleft())
            politeness.release("a.com")
            widths.append(state.concurrency)
        return widths

    widths = asyncio.run(scenario())
    assert len(widths) == 7 + 34
    assert [widths.count(width) for width in (4, 5, 6, 7, 8)] == [7 + 3, 8, 10, 12, 1]


def test_a_lane_given_back_is_granted_at_once_to_the_hosts_queue() -> None:
    """The lane a served answer gives back goes to the next queued request then, not at the
    next release: the answering request still holds its own slot."""

    async def scenario() -> list[str]:
        politeness = Politeness(Config().with_(per_host_concurrency=4))
        politeness.back_off("a.com", 0.0)  # 4 -> 2 before anything was sent
        gate = _Gate(politeness)
        tasks = [gate.start(f"a.com/{i}") for i in range(6)]
        await _settle()
        assert gate.entered == ["a.com/0", "a.com/1"]
        sent = politeness.now()
        politeness.answered("a.com", 200, sent_at=sent)
        politeness.answered("a.com", 200, sent_at=sent)  # 2 -> 3 lanes, both still held
        await _settle()
        entered = list(gate.entered)
        await gate.finish(tasks)
        return entered

    assert asyncio.run(scenario()) == ["a.com/0", "a.com/1", "a.com/2"]


def test_per_host_concurrency_override() -> None:
    config = Config().with_(per_host_concurrency=4, hosts={"one.com": HostConfig(concurrency=1)})
    politeness = Politeness(config)
    assert politeness.state("one.com").concurrency == 1
    assert politeness.state("other.com").concurrency == 4


def test_a_shared_host_is_held_through_the_runs_hook_for_the_whole_request() -> None:
    """A distributed run's hook is entered for its shared hosts only, around the request."""
    events: list[str] = []

    @asynccontextmanager
    async def hold(host: str) -> AsyncIterator[None]:
        events.append(f"hold {host}")
        yield
        events.append(f"free {host}")

    async def main() -> None:
        politeness = Politeness(Config())
        politeness.share({"web.archive.org"}, hold)
        for host in ("web.archive.org", "example.com"):
            async with politeness.slot(host):
                events.append(f"request {host}")

    asyncio.run(main())
    assert events == [
        "hold web.archive.org",
        "request web.archive.org",
        "free web.archive.org",
        "request example.com",
    ]


class _Gate:
    """Requests that enter their slot in order and stay in it until released one by one."""

    def __init__(self, politeness: Politeness) -> None:
        self.politeness = politeness
        self.entered: list[str] = []
        self.release: dict[str, asyncio.Event] = {}

    def start(self, name: str) -> asyncio.Task[None]:
        host = name.split("/", maxsplit=1)[0]
        self.release[name] = asyncio.Event()

        async def hold() -> None:
            async with self.politeness.slot(host):
                self.entered.append(name)
                await self.release[name].wait()

        return asyncio.create_task(hold())

    async def finish(self, tasks: list[asyncio.Task[None]]) -> None:
        """Release every request, wait for them all; every slot must have been given back."""
        for event in self.release.values():
            event.set()
        await asyncio.gather(*tasks)
        assert self.politeness.in_flight == 0


async def _settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


def test_a_request_queued_for_a_busy_host_holds_no_global_permit() -> None:
    async def scenario() -> list[str]:
        gate = _Gate(Politeness(Config().with_(concurrency=2, per_host_concurrency=1)))
        tasks = [gate.start(f"big.com/{i}") for i in range(4)] + [gate.start("small.com/0")]
        await _settle()
        entered = list(gate.entered)
        for event in gate.release.values():
            event.set()
        await asyncio.gather(*tasks)
        assert gate.politeness.in_flight == 0
        return entered

    # big.com's queued requests wait for big.com's one slot without taking the second permit
    assert asyncio.run(scenario()) == ["big.com/0", "small.com/0"]


def test_a_freed_permit_goes_to_the_longest_queue_and_a_freed_slot_stays_with_its_host() -> None:
    async def scenario() -> list[str]:
        gate = _Gate(Politeness(Config().with_(concurrency=1, per_host_concurrency=1)))
        names = ["first.com/0", "short.com/0", "long.com/0", "long.com/1", "long.com/2"]
        tasks = [gate.start(name) for name in names]
        for _ in names:
            await _settle()
            gate.release[gate.entered[-1]].set()
        await asyncio.gather(*tasks)
        return gate.entered

    # FIFO would serve short.com second; the longest queue goes first and keeps its slot
    assert asyncio.run(scenario()) == [
        "first.com/0",
        "long.com/0",
        "long.com/1",
        "long.com/2",
        "short.com/0",
    ]


def test_a_cancelled_waiter_leaks_no_permit() -> None:
    async def scenario() -> list[str]:
        gate = _Gate(Politeness(Config().with_(concurrency=1)))
        holder, gone, next_up = (gate.start(n) for n in ("a.com/0", "b.com/0", "c.com/0"))
        await _settle()
        gone.cancel()
        gate.release["a.com/0"].set()
        gate.release["c.com/0"].set()
        await asyncio.gather(holder, next_up)
        assert gone.cancelled()
        assert gate.politeness.in_flight == 0
        return gate.entered

    assert asyncio.run(scenario()) == ["a.com/0", "c.com/0"]


def test_a_reservation_is_a_bare_future_granted_in_turn_and_given_back_by_release() -> None:
    async def scenario() -> None:
        politeness = Politeness(Config().with_(concurrency=1))
        first, second = politeness.reserve("a.com"), politeness.reserve("b.com")
        await _settle()
        assert (first.done(), second.done(), politeness.in_flight) == (True, False, 1)
        gone = politeness.reserve("c.com")
        gone.cancel()  # a fetch that stopped waiting leaves the queue
        politeness.release("a.com")
        await _settle()
        assert second.done() and politeness.in_flight == 1
        async with politeness.slot("b.com", held=politeness.held("b.com")):  # used, then returned
            assert politeness.in_flight == 1
        assert politeness.in_flight == 0

    asyncio.run(scenario())


class _Tracker:
    """A handler that records when requests arrive and how many are in flight at once."""

    def __init__(self, hold: float = 0.0) -> None:
        self.hold = hold
        self.arrivals: list[float] = []
        self.in_flight = 0
        self.peak = 0
        self.lock = threading.Lock()

    def __call__(self, _: Request) -> Response:
        with self.lock:
            self.arrivals.append(time.monotonic())
            self.in_flight += 1
            self.peak = max(self.peak, self.in_flight)
        time.sleep(self.hold)
        with self.lock:
            self.in_flight -= 1
        return Response(200, (("Content-Type", "text/html"),), b"<title>ok</title>")


SLOW_TRACKER = _Tracker()
FAST_TRACKER = _Tracker(hold=0.2)
BUSY_LOG: list[float] = []
AGENTS: list[str | None] = []


def _record_agent(request: Request) -> Response:
    AGENTS.append(request.header("User-Agent"))
    return Response(200)


def _busy(_: Request) -> Response:
    BUSY_LOG.append(time.monotonic())
    if len(BUSY_LOG) == 1:
        return Response(429, (("Retry-After", "1"),))
    return Response(200, (("Content-Type", "text/html"),), b"<title>ok</title>")


class _Crowded:
    """A host that says "too many" (429, ``Retry-After: 2``) to its first request, then answers
    each in 0.3 s; records the requests in flight as each arrives after its pause."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.refused_at: float | None = None
        self.in_flight = 0
        self.after_pause: list[int] = []
        self.answered = 0

    def __call__(self, _: Request) -> Response:
        with self.lock:
            now = time.monotonic()
            if self.refused_at is None:
                self.refused_at = now
                return Response(429, (("Retry-After", "2"),))
            self.in_flight += 1
            if now >= self.refused_at + 2.0:
                self.after_pause.append(self.in_flight)
        time.sleep(0.3)
        with self.lock:
            self.in_flight -= 1
            self.answered += 1
        return Response(200, (("Content-Type", "text/html"),), b"<title>ok</title>")


CROWDED = _Crowded()
REFUSALS: list[float] = []


def _refusing(_: Request) -> Response:
    """Every request told "too many", come back at once (``Retry-After: 0``)."""
    REFUSALS.append(time.monotonic())
    return Response(429, (("Retry-After", "0"),))


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    web = Web()
    web.fallback("slow.example.com", SLOW_TRACKER)
    web.fallback("fast.example.com", FAST_TRACKER)
    web.fallback("busy.example.com", _busy)
    web.fallback("crowded.example.com", CROWDED)
    web.fallback("refusing.example.com", _refusing)
    # 0xB2 on the wire ("²" read as Latin-1): a digit to ``str.isdigit``, none to ``float``
    web.add("https://unicode-wait.example.com/", Response(503, (("Retry-After", "\xb2"),)))
    web.add("https://ua.example.com/", _record_agent)
    with SampleWeb(web) as running:
        yield running


def test_interval_and_concurrency_over_sockets(site: SampleWeb) -> None:
    config = config_for(site).with_(
        hosts={"slow.example.com": HostConfig(concurrency=1, interval=0.3)},
        per_host_concurrency=2,
    )
    urls = [f"{SLOW}/{n}" for n in range(4)] + [f"{FAST}/{n}" for n in range(6)]
    began = time.monotonic()
    results = fetch(config, *urls)
    assert {r.status_code for r in results} == {200}
    # Pacing is enforced at the client: the k-th request to the host starts no sooner than
    # k intervals after the run began, so it cannot arrive sooner.  (Gaps between arrivals are
    # no measure on a loaded machine: a first request delayed in its TLS handshake arrives just
    # before the second.)  Without pacing every arrival would come within a few ms of the start.
    arrivals = SLOW_TRACKER.arrivals
    assert len(arrivals) == 4
    assert all(at - began >= k * 0.3 for k, at in enumerate(arrivals))
    assert SLOW_TRACKER.peak == 1
    assert FAST_TRACKER.peak == 2  # the default per-host limit, reached but not passed


def test_429_pauses_the_host_for_retry_after(site: SampleWeb) -> None:
    config = config_for(site, per_host_concurrency=1)
    results = fetch(config, f"{BUSY}/first", f"{BUSY}/second", f"{BUSY}/third")
    assert [r.status_code for r in results] == [200, 200, 200]
    assert len(BUSY_LOG) == 4  # one 429, then each URL once
    assert BUSY_LOG[1] - BUSY_LOG[0] >= 0.95  # nobody on the host went before Retry-After


def test_a_host_that_said_too_many_gets_half_its_lanes_after_the_pause(site: SampleWeb) -> None:
    """4 lanes, a 429 on the first request: after its Retry-After the host's URLs go two at a
    time, not four (the same burst again would get the same answer); served, they earn the
    lanes back one a round: a third once two were served, a fourth once three more were."""
    config = config_for(site, per_host_concurrency=4)
    results = fetch(config, *(f"https://crowded.example.com/{n}" for n in range(16)))
    assert [r.status_code for r in results] == [200] * 16
    assert CROWDED.answered == 16  # the refused URL was asked again, after the pause
    # halved, two go at once and a third only as one ends: 1, 2, 2 (4 lanes: 1, 2, 3); the
    # first two alone arrive as 1, 2 whatever the lanes (review of session 32)
    assert max(CROWDED.after_pause[:3]) == 2, CROWDED.after_pause
    assert 3 <= max(CROWDED.after_pause) <= 4, CROWDED.after_pause  # (4: unless load skews)


def test_a_refusal_sent_after_a_halving_halves_again_however_early_its_try_began(
    site: SampleWeb,
) -> None:
    """Two URLs granted two of a host's four lanes at once; the host's interval (1.5 s) sends the
    second long after the first was refused (lanes 4 -> 2), and it is refused too: the narrowed
    lanes were too many as well, 2 -> 1.  Its send time was taken as its try began, before the
    turn's wait and before the halving, so the second refusal halved nothing (review of session
    32): the host went on at two lanes."""
    host = "refusing.example.com"
    config = config_for(site, per_host_concurrency=4, retries=0).with_(
        hosts={host: HostConfig(interval=1.5)}
    )

    async def scenario() -> tuple[list[int | None], int]:
        async with HttpFetcher(config, version="test") as fetcher:
            urls = (f"https://{host}/one", f"https://{host}/two")
            results = await asyncio.gather(*(fetcher.get(url) for url in urls))
            return [r.status_code for r in results], fetcher._politeness.state(host).concurrency

    statuses, lanes = asyncio.run(scenario())
    assert statuses == [429, 429]
    # the turn's wait (1.5 s between sends; arrivals, stamped by the server, come closer when
    # a loaded machine delays the first: 1.35 s at load 28 in session 34)
    assert len(REFUSALS) == 2 and REFUSALS[1] - REFUSALS[0] >= 1.0
    assert lanes == 1


def test_a_503_whose_retry_after_is_a_digit_not_ascii_is_retried_on_backoff(
    site: SampleWeb,
) -> None:
    """``Retry-After: ²`` raised ValueError out of the retry policy: the URL's fetch ended in a
    traceback, its citation "not checked (internal error)", no row stored, no strike counted
    (review of session 32).  Unreadable, it is a 503 without one: retried on backoff, then
    answered as the 503 it is."""
    (result,) = fetch(config_for(site), "https://unicode-wait.example.com/")
    assert (result.outcome, result.status_code, result.attempts) == (Outcome.OK, 503, 3)
    assert result.headers.get("retry-after") == "\xb2"


def test_user_agent_identifies_with_contact_url(site: SampleWeb) -> None:
    config = config_for(site, user_agent="citecheck/{version} (+https://example.org/contact)")
    fetch(config, "https://ua.example.com/")
    assert AGENTS == ["citecheck/test (+https://example.org/contact)"]


def test_the_breaker_counts_timeouts_in_a_row_and_an_answer_resets_it() -> None:
    politeness = Politeness(Config())
    for _ in range(GIVE_UP_AFTER - 1):
        politeness.timed_out("Tarpit.example")
    politeness.answered("tarpit.example")
    for _ in range(GIVE_UP_AFTER - 1):
        politeness.timed_out("tarpit.example")
    assert politeness.given_up("tarpit.example") is None
    politeness.timed_out("tarpit.example")
    reason = politeness.given_up("TARPIT.example")
    assert reason is not None and "gave up on tarpit.example" in reason
    assert politeness.given_up("other.example") is None


@pytest.mark.parametrize("where", ["network", "store"])
def test_a_failure_between_a_granted_slot_and_its_request_gives_the_slot_back(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, where: str
) -> None:
    """A URL's first slot is granted before its task runs; anything raising before the request
    entered it (the store's validators, the network's bookkeeping) left it held for good: with
    ``concurrency = 1`` every later URL waited forever (session 16's "possible slot leak")."""
    config = Config().with_(concurrency=1, retries=0, store=tmp_path / "store.db")

    def broken(*_: object) -> None:
        raise RuntimeError("injected")

    async def scenario() -> int:
        async with HttpFetcher(config, version="test") as fetcher:
            if where == "network":
                monkeypatch.setattr(fetcher._network, "fetching", broken)
            else:
                assert fetcher._store is not None
                monkeypatch.setattr(fetcher._store, "validators", broken)
            with pytest.raises(RuntimeError, match="injected"):
                await fetcher.get("http://a.example/one")
            return fetcher._politeness.in_flight

    assert asyncio.run(scenario()) == 0


def _logged_hold(events: list[str]) -> object:
    @asynccontextmanager
    async def hold(host: str) -> AsyncIterator[None]:
        events.append(f"hold {host}")
        try:
            yield
        except BaseException as exc:
            events.append(f"free {host} on {type(exc).__name__}")
            raise
        events.append(f"free {host}")

    return hold


@pytest.mark.parametrize("shared", [False, True])
@pytest.mark.parametrize("where", ["inside", "waiting for its turn", "queued"])
def test_a_slot_cancelled_anywhere_gives_back_its_slot_and_its_shared_hold(
    shared: bool, where: str
) -> None:
    """Cancelled in its request, in its interval's wait or in the host's queue, a request leaves
    no slot or permit held, frees a shared host's cluster-wide hold it entered (seeing the
    cancellation), and the next request for the host enters (guards the slot's rewrite)."""
    events: list[str] = []

    async def scenario() -> None:
        clock = _Clock()
        politeness = Politeness(
            Config().with_(concurrency=4, per_host_concurrency=1, interval=5.0),
            clock=clock,
            sleep=lambda s: asyncio.sleep(3600),
        )
        if shared:
            politeness.share({"a.com"}, _logged_hold(events))  # type: ignore[arg-type]
        inside = asyncio.Event()

        async def request(name: str) -> None:
            async with politeness.slot("a.com"):
                events.append(f"request {name}")
                inside.set()
                await asyncio.sleep(3600)

        first = asyncio.create_task(request("first"))
        await inside.wait()
        if where == "inside":
            victim = first
        else:
            if where == "waiting for its turn":  # the slot is free, the interval is not up
                first.cancel()
                await asyncio.gather(first, return_exceptions=True)
            victim = asyncio.create_task(request("second"))
            await _settle()
        assert politeness.in_flight == 1
        victim.cancel()
        await asyncio.gather(victim, return_exceptions=True)
        if where == "queued":
            first.cancel()
            await asyncio.gather(first, return_exceptions=True)
        assert politeness.in_flight == 0
        clock.now += 10.0  # the interval is up: the next request for the host enters at once
        inside.clear()
        last = asyncio.create_task(request("last"))
        await asyncio.wait_for(inside.wait(), 5)
        assert politeness.in_flight == 1
        last.cancel()
        await asyncio.gather(last, return_exceptions=True)
        assert politeness.in_flight == 0

    asyncio.run(scenario())
    requests = [e for e in events if e.startswith("request")]
    assert requests == ["request first", "request last"]
    holds = [e for e in events if not e.startswith("request")]
    if not shared:
        assert holds == []
    elif where == "waiting for its turn":  # the second entered the hold, then waited its turn
        assert holds == ["hold a.com", "free a.com on CancelledError"] * 3
    else:
        assert holds == ["hold a.com", "free a.com on CancelledError"] * 2


def test_a_request_that_raises_frees_its_shared_hold_with_the_error_and_its_slot() -> None:
    events: list[str] = []

    async def scenario() -> int:
        politeness = Politeness(Config())
        politeness.share({"a.com"}, _logged_hold(events))  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="boom"):
            async with politeness.slot("a.com", held=None):
                raise ValueError("boom")
        return politeness.in_flight

    assert asyncio.run(scenario()) == 0
    assert events == ["hold a.com", "free a.com on ValueError"]


def test_a_granted_slot_is_given_back_once_by_the_slot_not_again_by_its_grant() -> None:
    async def scenario() -> tuple[int, int]:
        politeness = Politeness(Config().with_(concurrency=2))
        await politeness.reserve("a.com")
        held = politeness.held("a.com")
        await politeness.reserve("b.com")
        with pytest.raises(asyncio.CancelledError):
            async with politeness.slot("a.com", held=held):
                raise asyncio.CancelledError
        held.give_back()  # the task's end: a no-op, the slot gave it back
        after_a = politeness.in_flight
        politeness.release("b.com")
        return after_a, politeness.in_flight

    assert asyncio.run(scenario()) == (1, 0)


def test_a_queued_place_is_started_by_the_release_that_grants_it() -> None:
    """``reserve(on_grant=...)``: the starter runs inside the release that frees the slot (no
    loop turn between), once; a place granted at once or cancelled first never runs it."""

    async def go() -> list[str]:
        politeness = Politeness(Config().with_(per_host_concurrency=1))
        started: list[str] = []
        first = politeness.reserve("a.com", on_grant=lambda: started.append("first"))
        assert first.done()  # granted at once: its caller goes on
        second = politeness.reserve("a.com", on_grant=lambda: started.append("second"))
        gone = politeness.reserve("a.com", on_grant=lambda: started.append("gone"))
        third = politeness.reserve("a.com", on_grant=lambda: started.append("third"))
        gone.cancel()
        politeness.release("a.com")
        assert started == ["second"] and second.done() and not third.done()
        politeness.release("a.com")  # the cancelled place is passed over
        assert started == ["second", "third"] and third.done()
        politeness.release("a.com")
        assert politeness.in_flight == 0
        return started

    assert asyncio.run(go()) == ["second", "third"]


def test_starters_that_give_their_slots_back_run_one_after_another_not_nested() -> None:
    """A host given up with thousands queued: each starter gives its slot back at once, which
    grants the next place; they run from one loop in queue order (a trampoline), never each
    from inside the one before (which would overflow the stack)."""

    async def go() -> tuple[list[int], int]:
        politeness = Politeness(Config().with_(per_host_concurrency=1))
        order: list[int] = []
        depth = [0, 0]  # now, deepest

        def starter(n: int) -> None:
            depth[0] += 1
            depth[1] = max(depth)
            order.append(n)
            politeness.release("a.com")  # given up: answered at once, the slot passed on
            depth[0] -= 1

        politeness.reserve("a.com")
        for n in range(5000):
            politeness.reserve("a.com", on_grant=lambda n=n: starter(n))
        politeness.release("a.com")
        assert politeness.in_flight == 0
        return order, depth[1]

    order, deepest = asyncio.run(go())
    assert order == list(range(5000)) and deepest == 1
