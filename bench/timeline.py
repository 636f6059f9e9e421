"""Where the busiest host's time goes: the figure that bounds a polite checker's run.

``python -m bench.timeline --small`` (or full size without ``--small``; ``--fetch-only`` skips
extraction and verification).  It serves the seeded web like ``bench.run``, runs citecheck's
pipeline in this process through the proxy, and records every slot a request held.  For the host
with the most requests it prints the time its requests spent in their slots against the server's
configured latency (the difference, per request, is citecheck's own overhead: event-loop lag,
connection set-up, parsing), and how long its lanes stood idle.  The politeness bound assumes
zero of both.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from bench.corpus import write_corpus
from bench.run import _env, _Server, politeness_bound
from bench.site import build_site
from checker.config import Config
from checker.fetch import HttpFetcher
from checker.fetch.politeness import Politeness
from checker.pipeline import check

__all__ = ["main"]

Slot = tuple[str, float, float]


def _record_slots(slots: list[Slot]) -> None:
    """Wrap ``Politeness.slot`` so each use is recorded as (host, entered, left)."""
    original = Politeness.slot

    @asynccontextmanager
    async def slot(self: Politeness, host: str, *, reserved: bool = False) -> AsyncIterator[None]:
        async with original(self, host, reserved=reserved):
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


def main(argv: list[str] | None = None) -> None:
    """Serve, run, print the busiest host's figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--small", action="store_true", help="2,000 URLs over 40 hosts")
    parser.add_argument("--fetch-only", action="store_true", help="fetch every URL, no pipeline")
    parser.add_argument("--per-host", type=int, default=4)
    args = parser.parse_args(argv)
    hosts, urls = (40, 2000) if args.small else (400, 20000)
    site = build_site(1, hosts, urls)
    latency = {r.url: r.latency for r in (*site.cited, *site.targets)}
    corpus = Path(tempfile.mkdtemp(prefix="citecheck-timeline-")) / "corpus"
    write_corpus(site, corpus)
    server = _Server(1, hosts, urls)
    os.environ.update(_env(server.port))
    config = Config(concurrency=128, per_host_concurrency=args.per_host, timeout=20, archive="off")
    slots: list[Slot] = []
    _record_slots(slots)
    started, cpu = time.monotonic(), time.process_time()
    try:
        if args.fetch_only:

            async def fetch_all() -> None:
                async with HttpFetcher(config, version="bench") as fetcher:
                    await asyncio.gather(*(fetcher.get(r.url) for r in site.cited))

            asyncio.run(fetch_all())
        else:
            check([str(corpus)], config)
        wall, cpu = time.monotonic() - started, time.process_time() - cpu
        asked = server.control("stats")  # "GET <url>" -> requests the server saw
    finally:
        server.stop()
    busiest, count = Counter(h for h, _, _ in slots).most_common(1)[0]
    spans = [(s, e) for h, s, e in slots if h == busiest]
    in_slots = sum(e - s for s, e in spans)
    sent = Counter({key.split(" ", 1)[1]: n for key, n in asked.items()})
    wanted = sum(t * sent[url] for url, t in latency.items() if url.split("/")[2] == busiest)
    bound = politeness_bound(site, args.per_host)
    print(f"wall {wall:.1f} s (bound {bound:.1f} s, {wall / bound:.2f}x), CPU {cpu:.1f} s")
    print(
        f"busiest host {busiest}: {count} requests; overhead "
        f"{(in_slots - wanted) / count * 1000:.1f} ms per request over the server's latency "
        f"(every try counted); lanes idle "
        f"{_idle_lanes(spans, args.per_host):.1f} s; first request at "
        f"{min(s for s, _ in spans) - started:.1f} s"
    )


if __name__ == "__main__":
    main()
