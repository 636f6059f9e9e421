"""Where the busiest host's time goes: the figure that bounds a polite checker's run.

``python -m bench.timeline --small`` (or full size without ``--small``; ``--fetch-only`` skips
extraction and verification).  It serves the seeded web like ``bench.run``, runs citecheck's
pipeline in this process through the proxy, and records every slot a request held.  For the host
with the most requests it prints the time its requests spent in their slots against the server's
configured latency (the difference, per request, is citecheck's own overhead: event-loop lag,
connection set-up, parsing), and how long its lanes stood idle.  The politeness bound assumes
zero of both.

A loop-lag probe runs beside the check: a task that asks to wake every 10 ms and records how late
it woke.  Lag is time every other ready callback waits too (a response read, a slot handed on),
so it shows CPU on the loop thread, where a profile only shows totals.  ``--regime uniform``
(2,000 URLs over 40 hosts, 100 ms, small pages), ``--concurrency N``, and ``--connect-to``
(no proxy) measure the width question of issue 19.
"""

from __future__ import annotations

import argparse
import asyncio
import heapq
import os
import random
import statistics
import tempfile
import time
from collections import Counter, deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from bench.corpus import write_corpus
from bench.run import _env, _Server, politeness_bound
from bench.site import REGIMES, Resource, Site, build_site
from checker.config import Config, ConnectTo
from checker.fetch import HttpFetcher
from checker.fetch.politeness import Politeness
from checker.pipeline import check

__all__ = ["main"]

Slot = tuple[str, float, float]
_PROBE_EVERY = 0.01


async def _probe_lag(lags: list[float]) -> None:
    """Record, forever, how late a 10 ms sleep wakes: the event loop's lag."""
    while True:
        asked = time.monotonic()
        await asyncio.sleep(_PROBE_EVERY)
        lags.append(time.monotonic() - asked - _PROBE_EVERY)


def _record_slots(slots: list[Slot], lags: list[float]) -> None:
    """Wrap ``Politeness.slot`` so each use is recorded as (host, entered, left); the first use
    on a loop starts the lag probe there."""
    original = Politeness.slot
    probes: dict[int, asyncio.Task[None]] = {}

    @asynccontextmanager
    async def slot(self: Politeness, host: str, **how: bool) -> AsyncIterator[None]:
        loop = asyncio.get_running_loop()
        if id(loop) not in probes:
            probes[id(loop)] = loop.create_task(_probe_lag(lags))
        async with original(self, host, **how):
            entered = time.monotonic()
            try:
                yield
            finally:
                slots.append((host.lower(), entered, time.monotonic()))

    Politeness.slot = slot  # type: ignore[method-assign]


def _idle_lanes(spans: list[tuple[float, float]], lanes: int) -> float:
    """Seconds the host's ``lanes`` stood idle between its first and last request (averaged)."""
    points = sorted([(s, 1) for s, _ in spans] + [(e, -1) for _, e in spans])
    busy, last, idle = 0, points[0][0], 0.0
    for moment, change in points:
        idle += (moment - last) * max(0, lanes - busy) / lanes
        busy += change
        last = moment
    return idle


def _breakdown(spans: list[tuple[float, float]], lanes: int, started: float, ended: float) -> str:
    """Where the busiest host's lanes lost time against the bound, in lane-seconds / ``lanes``:
    before its first request, idle between requests, and after its last answer (the run's tail).

    With the time in slots they make up the run's wall: in-slot time is the server's
    latency plus overhead, the rest is scheduling, start-up and the report.
    """
    first = min(s for s, _ in spans)
    last = max(e for _, e in spans)
    return (
        f"busiest host's wall: {first - started:.1f} s before its first request, "
        f"{sum(e - s for s, e in spans) / lanes:.1f} s in slots (per lane), "
        f"{_idle_lanes(spans, lanes):.1f} s idle lanes between, "
        f"{ended - last:.1f} s after its last answer"
    )


def _phases(spans: list[tuple[float, float]], split: float) -> list[tuple[str, str]]:
    """The busiest host's requests before and after ``split`` (discovery's end): how many, and
    their mean time in a slot (the server's latency plus citecheck's own overhead)."""
    out = []
    for name, part in (
        ("while discovering", [x for x in spans if x[0] < split]),
        ("after", [x for x in spans if x[0] >= split]),
    ):
        if part:
            mean = sum(e - s for s, e in part) / len(part)
            out.append((name, f"{len(part)} requests, {1000 * mean:.0f} ms each in a slot"))
    return out


def model(site: Site, lanes: int, *, ahead: bool, rounds: int = 300) -> float:
    """The busiest host's mean makespan in a discrete-event model, no machine in it: its lanes,
    its requests in random orders at their latencies, each 500 retried twice after the default
    backoff (0.5 s, 1 s, + up to half of it), a retry or a redirect's next hop rejoining the
    queue at the front (``ahead``) or the back.  A deterministic measure of suspect 1 (issue 19).
    """
    per_host: dict[str, list[Resource]] = {}
    for resource in site.cited:
        per_host.setdefault(resource.host, []).append(resource)
    targets = {r.url: r for r in site.targets}
    busiest = max(per_host.values(), key=len)
    runs = (_makespan(busiest, targets, lanes, ahead, random.Random(n)) for n in range(rounds))
    return sum(runs) / rounds


def _makespan(
    requests: list[Resource],
    targets: dict[str, Resource],
    lanes: int,
    ahead: bool,
    rng: random.Random,
) -> float:
    """One round of :func:`model`: when the host's last answer comes."""
    order = list(requests)
    rng.shuffle(order)
    queue = deque((r, 1) for r in order)
    events: list[tuple[float, int, bool, Resource, int]] = []  # when, tie, answered, what, try
    free, tie, now, end = lanes, 0, 0.0, 0.0
    while True:
        while free and queue:
            resource, attempt = queue.popleft()
            free, tie = free - 1, tie + 1
            heapq.heappush(events, (now + resource.latency, tie, True, resource, attempt))
        if not events:
            return end
        now, _, answered, resource, attempt = heapq.heappop(events)
        again: tuple[Resource, int] | None = (resource, attempt)
        if answered:
            free, end, again = free + 1, max(end, now), None
            if resource.status == 500 and attempt <= 2:
                base = 0.5 * 2 ** (attempt - 1)
                tie += 1
                wait = base + rng.uniform(0, base / 2)
                heapq.heappush(events, (now + wait, tie, False, resource, attempt + 1))
            elif resource.location is not None:
                again = (targets[resource.location], 1)
        if again is not None:
            (queue.appendleft if ahead else queue.append)(again)


def main(argv: list[str] | None = None) -> None:
    """Serve, run, print the busiest host's figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", action="store_true", help="2,000 URLs over 40 hosts")
    parser.add_argument("--fetch-only", action="store_true", help="fetch every URL, no pipeline")
    parser.add_argument("--per-host", type=int, default=4)
    parser.add_argument("--concurrency", type=int, default=128)
    parser.add_argument("--regime", choices=REGIMES, default="zipf")
    parser.add_argument("--connect-to", action="store_true", help="no proxy: --connect-to")
    parser.add_argument("--model", action="store_true", help="only the retry-order model")
    args = parser.parse_args(argv)
    hosts, urls = (40, 2000) if args.small or args.regime == "uniform" else (400, 20000)
    site = build_site(1, hosts, urls, regime=args.regime)
    if args.model:
        bound = politeness_bound(site, args.per_host)
        for ahead in (False, True):
            mean = model(site, args.per_host, ahead=ahead)
            where = "front" if ahead else "back"
            print(f"retries at the {where}: {mean:.2f} s ({mean / bound:.3f}x the bound)")
        return
    latency = {r.url: r.latency for r in (*site.cited, *site.targets)}
    corpus = Path(tempfile.mkdtemp(prefix="citecheck-timeline-")) / "corpus"
    write_corpus(site, corpus)
    server = _Server(1, hosts, urls, args.regime, corpus.parent / "ca.pem")
    os.environ.clear()
    os.environ.update(_env(None if args.connect_to else server.port))
    rules = (ConnectTo.parse(f"::127.0.0.1:{server.port}"),) if args.connect_to else ()
    config = Config().with_(
        concurrency=args.concurrency,
        per_host_concurrency=args.per_host,
        timeout=20,
        archive="off",
        connect_to=rules,
        store=None,
    )
    slots: list[Slot] = []
    lags: list[float] = []
    discovered: list[float] = []
    _record_slots(slots, lags)
    started, cpu = time.monotonic(), time.process_time()
    try:
        if args.fetch_only:

            async def fetch_all() -> None:
                async with HttpFetcher(config, version="bench") as fetcher:
                    await asyncio.gather(*(fetcher.get(r.url) for r in site.cited))

            asyncio.run(fetch_all())
        else:
            check([str(corpus)], config, on_discovered=lambda: discovered.append(time.monotonic()))
        wall, cpu = time.monotonic() - started, time.process_time() - cpu
        counts = server.control("stats")["counts"]  # "GET <url>" -> requests the server saw
        assert isinstance(counts, dict)
        asked: dict[str, int] = counts
    finally:
        server.stop()
    busiest, count = Counter(h for h, _, _ in slots).most_common(1)[0]
    spans = [(s, e) for h, s, e in slots if h == busiest]
    in_slots = sum(e - s for s, e in spans)
    sent = Counter({key.split(" ", 1)[1]: n for key, n in asked.items()})
    wanted = sum(t * sent[url] for url, t in latency.items() if url.split("/")[2] == busiest)
    bound = politeness_bound(site, args.per_host)
    print(
        f"wall {wall:.2f} s (bound {bound:.2f} s, {wall / bound:.2f}x), CPU {cpu:.2f} s "
        f"({1000 * cpu / urls:.2f} ms/URL)"
    )
    if discovered:
        print(f"discovery and extraction over at {discovered[0] - started:.1f} s")
        for name, part in _phases(spans, discovered[0]):
            print(f"  {name}: {part}")
    if lags:
        ordered = sorted(lags)
        print(
            f"loop lag over {len(lags)} probes: median {1000 * statistics.median(lags):.1f} ms, "
            f"p90 {1000 * ordered[int(0.9 * len(ordered))]:.1f} ms, max {1000 * ordered[-1]:.1f} ms"
        )
    print(_breakdown(spans, args.per_host, started, started + wall))
    print(
        f"busiest host {busiest}: {count} requests; overhead "
        f"{(in_slots - wanted) / count * 1000:.1f} ms per request over the server's latency "
        f"(every try counted); lanes idle "
        f"{_idle_lanes(spans, args.per_host):.1f} s; first request at "
        f"{min(s for s, _ in spans) - started:.1f} s"
    )


if __name__ == "__main__":
    main()
