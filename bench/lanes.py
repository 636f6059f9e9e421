"""Each host's lanes over a run: where the check phase waits (issue 19, session 27).

The politeness bound assumes every host's lanes (``per_host_concurrency`` requests at once) busy
from the first request to the last answer.  ``bench.phases`` with ``CITECHECK_LANES=FILE``
calls :func:`record` in the command's process; every process (the driver and each forked worker)
then keeps, in memory, what it did and writes it to FILE as JSON lines as it ends:

- ``slot``: a request held its host's politeness slot from ``in`` to ``out``;
- ``queued``: a request joined its host's queue for a slot (``Politeness.reserve``);
- ``known``: the driver's executor was handed a citation (``ProcessExecutor.submit``, or
  ``LocalExecutor.submit`` on one process): the URL is known to the run;
- ``asked``: a citation was handed to its process's own checks (``LocalExecutor.submit``: the
  fetcher is asked for its URL then);
- ``probe``: every 10 ms, how late the event loop woke a 10 ms sleep (its lag: CPU on the loop
  thread) and the queue depths then: requests in flight and queued for a slot, answers waiting
  for a verification's turn, verifications under way, jobs sent to workers not yet answered,
  and whether the judging thread had a judgement under way.

:func:`table` reads it back: per time bin from the first request, the lanes busy, the idle
lanes split by why (the request queued for a slot, the URL known to the driver but not yet asked
of a fetcher, not known yet, or the host done), the loops' lag and the queue depths; then each
class summed over the run in lane-seconds.  Nothing of this is in ``checker``: it wraps from
outside, as ``bench.phases`` does.
"""

from __future__ import annotations

import asyncio
import functools
import json
import os
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

__all__ = ["record", "table"]

_EVERY = 0.01
"""Seconds between two probes of a loop."""

_Event = tuple[Any, ...]


def _host(url: str | None) -> str:
    try:
        return (urlsplit(url).hostname or "") if url else ""
    except ValueError:
        return ""


def record(path: str, now: Callable[[], float]) -> None:
    """Wrap the politeness slots, the executors' submits and the worker's life so that each
    process writes its events to ``path`` as it ends; ``now``: seconds on the run's clock."""
    import atexit  # noqa: PLC0415

    from checker import processes  # noqa: PLC0415
    from checker.executor import LocalExecutor  # noqa: PLC0415
    from checker.fetch import politeness  # noqa: PLC0415

    events: list[_Event] = []
    politenesses: list[Any] = []
    executors: list[Any] = []
    drivers: list[Any] = []
    probing: set[int] = set()
    tasks: list[asyncio.Task[None]] = []

    def probe() -> None:
        loop = asyncio.get_running_loop()
        if id(loop) in probing:
            return
        probing.add(id(loop))
        tasks.append(loop.create_task(_probe(events, now, politenesses, executors, drivers)))

    entered: dict[int, float] = {}
    enter, leave = politeness.Slot.__aenter__, politeness.Slot.__aexit__

    async def slot_in(self: Any) -> None:
        await enter(self)
        probe()
        entered[id(self)] = now()

    async def slot_out(self: Any, *args: Any) -> bool:
        host = self._host.lower()
        began = entered.pop(id(self), None)
        try:
            return await leave(self, *args)
        finally:
            if began is not None:
                events.append(("slot", host, began, now()))

    politeness.Slot.__aenter__ = slot_in  # type: ignore[method-assign]
    politeness.Slot.__aexit__ = slot_out  # type: ignore[method-assign, assignment]

    reserve, init = politeness.Politeness.reserve, politeness.Politeness.__init__

    def reserved(self: Any, host: str, **how: Any) -> Any:
        events.append(("queued", host.lower(), now()))
        return reserve(self, host, **how)

    def made(self: Any, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        politenesses.append(self)

    politeness.Politeness.reserve = reserved  # type: ignore[method-assign]
    politeness.Politeness.__init__ = made  # type: ignore[method-assign]

    local_submit, local_init = LocalExecutor.submit, LocalExecutor.__init__

    def asked(self: Any, job: Any) -> None:
        host = _host(job.citation.url)
        events.append(("asked", host, now()))
        if not drivers and os.getpid() == driver_pid:  # one process: known as it is asked
            events.append(("known", host, now()))
        local_submit(self, job)

    def local_made(self: Any, *args: Any, **kwargs: Any) -> None:
        local_init(self, *args, **kwargs)
        executors.append(self)

    LocalExecutor.submit = asked  # type: ignore[method-assign]
    LocalExecutor.__init__ = local_made  # type: ignore[method-assign]

    remote = processes.ProcessExecutor
    remote_submit, remote_init = remote.submit, remote.__init__

    def known(self: Any, job: Any) -> None:
        events.append(("known", _host(job.citation.url), now()))
        remote_submit(self, job)

    def remote_made(self: Any, *args: Any, **kwargs: Any) -> None:
        remote_init(self, *args, **kwargs)
        drivers.append(self)

    processes.ProcessExecutor.submit = known  # type: ignore[method-assign]
    processes.ProcessExecutor.__init__ = remote_made  # type: ignore[method-assign]

    def dump() -> None:
        pid = os.getpid()
        lines = [json.dumps([pid, *event]) for event in events]
        with open(path, "a", encoding="utf-8") as handle:
            handle.write("".join(line + "\n" for line in lines))
        events.clear()

    child = processes._child

    @functools.wraps(child)
    def worker(*args: Any, **kwargs: Any) -> int:
        try:
            return child(*args, **kwargs)
        finally:
            dump()

    processes._child = worker
    driver_pid = os.getpid()
    atexit.register(lambda: dump() if os.getpid() == driver_pid else None)


async def _probe(
    events: list[_Event],
    now: Callable[[], float],
    politenesses: list[Any],
    executors: list[Any],
    drivers: list[Any],
) -> None:
    """Every :data:`_EVERY` s: the loop's lag and the queue depths (``probe`` events)."""
    while True:
        asked = time.monotonic()
        await asyncio.sleep(_EVERY)
        lag = time.monotonic() - asked - _EVERY
        hosts = [s for p in politenesses for s in p._hosts.values()]
        flying = sum(s.active for s in hosts)
        queued = sum(len(s.waiters) for s in hosts)
        ready = sum(len(e._ready) for e in executors)
        verifying = sum(e._verifying for e in executors)
        sent = sum(len(r.outstanding) for d in drivers for r in d._remotes.values())
        judging = any(getattr(e._run.judge, "_current", None) is not None for e in executors)
        events.append(("probe", now(), lag, flying, queued, ready, verifying, sent, judging))


_CLASSES = ("queued", "handoff", "unknown", "done")
_NAMES = {
    "queued": "queued for a slot",
    "handoff": "known, not yet asked",
    "unknown": "not known yet",
    "done": "host done",
}


def table(path: str, width: str = "0.1", lanes: int = 4) -> None:
    """Print the lanes' timeline of the events in ``path`` (bins of ``width`` s)."""
    step = float(width)
    with open(path, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    per_host: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    probes: dict[int, list[list[Any]]] = defaultdict(list)
    driver = None
    for pid, kind, *rest in rows:
        if kind == "probe":
            probes[pid].append(rest)
        elif kind == "slot":
            per_host[rest[0]]["slot"].append((rest[1], rest[2]))
        else:
            per_host[rest[0]][kind].append(rest[1])
            if kind == "known":
                driver = pid
    slots = [s for h in per_host.values() for s in h["slot"]]
    if not slots:
        print("no request recorded")
        return
    first, last = min(s for s, _ in slots), max(e for _, e in slots)
    count = int((last - first) / step) + 1
    bins = _Bins(first, last, step, count, lanes)
    for events in per_host.values():
        _host_lanes(events, bins)
    busy, full, idle = bins.busy, bins.full, bins.idle
    hosts = len(per_host)
    print(
        f"first request at {first:.3f} s, last answer at {last:.3f} s ({last - first:.3f} s); "
        f"{hosts} hosts x {lanes} lanes; {len(slots)} requests"
    )
    header = "| from s | lanes busy | hosts full | " + " | ".join(_NAMES[c] for c in _CLASSES)
    print(header + " | driver lag max ms | worker lag max ms | probes (driver; worker) |")
    print("|---" * (6 + len(_CLASSES)) + "|")
    worker = next((p for p in probes if p != driver), None)
    pair = [probes[p] if p is not None else [] for p in (driver, worker)]
    for index in range(count):
        start = first + index * step
        cells = [f"{idle[c][index] / step:.0f}" for c in _CLASSES]
        lag = [_lag(samples, start, start + step) for samples in pair]
        depth = "; ".join(_depth(samples, start + step) for samples in pair)
        print(
            f"| {start:.2f} | {busy[index] / step:.0f} | {full[index] / step:.1f} | "
            + " | ".join(cells)
            + f" | {lag[0]} | {lag[1]} | {depth} |"
        )
    total = sum(busy) + sum(sum(v) for v in idle.values())
    print(
        f"lane-seconds: busy {sum(busy):.2f} of {total:.2f}; idle "
        + ", ".join(f"{_NAMES[c]} {sum(idle[c]):.2f}" for c in _CLASSES)
    )
    for kind in ("known", "asked"):
        times = sorted(t for h in per_host.values() for t in h[kind])
        if times:
            print(f"{kind}: {len(times)} citations, first {times[0]:.3f} s, last {times[-1]:.3f} s")
    for pid, samples in probes.items():
        who = "driver" if pid == driver else "worker"
        print(f"{who} {pid}: loop lag {_lag_by_judging(samples)}")
    waits = _known_to_asked(per_host)
    if waits:
        waits.sort()
        print(
            f"known -> asked (per host, in order): median {1000 * waits[len(waits) // 2]:.1f} ms, "
            f"p90 {1000 * waits[int(0.9 * len(waits))]:.1f} ms, max {1000 * waits[-1]:.1f} ms"
        )


@dataclass(slots=True)
class _Bins:
    """Lane-seconds per time bin from ``first`` to ``last``: busy, hosts at their limit, idle
    by class (:data:`_CLASSES`)."""

    first: float
    last: float
    step: float
    count: int
    lanes: int
    busy: list[float] = field(default_factory=list)
    full: list[float] = field(default_factory=list)
    idle: dict[str, list[float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.busy = [0.0] * self.count
        self.full = [0.0] * self.count
        self.idle = {name: [0.0] * self.count for name in _CLASSES}

    def spread(self, into: list[float], start: float, end: float, amount: float) -> None:
        """Add ``amount`` lanes over [start, end) to the bins it covers (lane-seconds)."""
        index = min(int((start - self.first) / self.step), self.count - 1)
        while start < end:
            last = index == self.count - 1
            edge = end if last else min(end, self.first + (index + 1) * self.step)
            into[index] += amount * max(0.0, edge - start)
            start, index = edge, index + 1

    def segment(self, state: dict[str, int], start: float, end: float, final: float) -> None:
        """One host's lanes in [start, end), its counts ``state``; ``final``: when its last
        request started (idle before it is "not known yet", after it "host done")."""
        active = state["active"]
        self.spread(self.busy, start, end, active)
        if active >= self.lanes:
            self.spread(self.full, start, end, 1)
        free = max(0, self.lanes - active)
        queued = min(free, max(0, state["queued"] - state["entered"]))
        handoff = min(free - queued, max(0, state["known"] - state["asked"]))
        rest = free - queued - handoff
        self.spread(self.idle["queued"], start, end, queued)
        self.spread(self.idle["handoff"], start, end, handoff)
        self.spread(self.idle["unknown" if start < final else "done"], start, end, rest)


def _host_lanes(events: dict[str, list[Any]], bins: _Bins) -> None:
    """One host's lanes, from the first request to the last answer, added to ``bins``."""
    changes: list[tuple[float, str, int]] = []
    for began, ended in events["slot"]:
        changes += [(began, "active", 1), (ended, "active", -1), (began, "entered", 1)]
    changes += [(t, "queued", 1) for t in events["queued"]]
    changes += [(t, "known", 1) for t in events["known"]]
    changes += [(t, "asked", 1) for t in events["asked"]]
    changes.sort(key=lambda c: (c[0], c[1] != "active" or c[2] > 0))
    final = max((s for s, _ in events["slot"]), default=bins.first)
    state = dict.fromkeys(("active", "entered", "queued", "known", "asked"), 0)
    moment = bins.first
    for at, what, change in [*changes, (bins.last, "active", 0)]:
        when = min(max(at, bins.first), bins.last)
        if when > moment:
            bins.segment(state, moment, when, final)
            moment = when
        state[what] += change


def _lag(probes: list[list[Any]], start: float, end: float) -> str:
    lags = [p[1] for p in probes if start <= p[0] < end]
    return f"{1000 * max(lags):.0f}" if lags else "-"


def _lag_by_judging(samples: list[list[Any]]) -> str:
    """The loop's median lag while its judging thread had a judgement under way, and while not
    (the GIL's hand-off from a busy thread to the woken loop)."""
    parts = []
    for busy in (True, False):
        lags = sorted(p[1] for p in samples if len(p) > 7 and bool(p[7]) is busy)
        if lags:
            name = "judging" if busy else "not judging"
            median = 1000 * lags[len(lags) // 2]
            parts.append(f"{name}: median {median:.1f} ms ({len(lags)} probes)")
    return "; ".join(parts) or "-"


def _depth(probes: list[list[Any]], at: float) -> str:
    """The probe nearest before ``at``: in flight/queued/ready/verifying/sent."""
    before = [p for p in probes if p[0] <= at]
    if not before:
        return "-"
    _, _, flying, queued, ready, verifying, sent = before[-1][:7]
    return f"{flying}/{queued}/{ready}/{verifying}/{sent}"


def _known_to_asked(per_host: dict[str, dict[str, list[Any]]]) -> list[float]:
    """Per host, the n-th citation known against the n-th asked: the hand-off's wait."""
    waits = []
    for events in per_host.values():
        known, asked = sorted(events["known"]), sorted(events["asked"])
        waits += [a - k for k, a in zip(known, asked, strict=False)]
    return waits
