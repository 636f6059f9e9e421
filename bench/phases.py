"""The timeline of one ``citecheck`` run, phase by phase, in every process (issue 19).

``python -m bench.phases check ...`` runs the command line as ``python -m checker`` would, with
wall-clock and CPU stamps at the edges of each phase: interpreter start (from the kernel's
record of the process's start), the command line's import, the config, the workers' fork and
first job, discovery, the check, the shard merge, the store, each report, exit.  Each stamp is
one JSON line appended to the file named by ``CITECHECK_PHASES`` (forked workers append theirs
too, under their own pid).  ``python -m bench.phases --table FILE`` prints the table, each
process's pages extracted (a worker extracts some for the driver) and the CPU critical path.
``CITECHECK_DRIVER_WEIGHT`` sets :data:`checker.processes._DRIVER_WEIGHT` for an experiment,
``CITECHECK_EXTRACTING_CHARS`` :data:`checker.processes._EXTRACTING_CHARS`,
``CITECHECK_SWITCH_INTERVAL`` the GIL's (:data:`checker.fetch.loop.SWITCH_INTERVAL`).

``CITECHECK_LANES=FILE`` also records, in every process, each host's lanes (when each request
took and left its politeness slot), when each citation became known (the driver's executor's
``submit``) and when it was asked of its process's fetcher (``LocalExecutor.submit``), and every
10 ms the event loop's lag with the queue depths beside it (requests in flight and queued for a
slot, answers waiting for a verification's turn, verifications under way, jobs sent to a worker
and not answered).  ``python -m bench.phases --lanes FILE`` prints the lanes' timeline and where
their idle time went (issue 19, session 27: the check phase against the politeness bound).

It wraps functions from outside (nothing of this is in ``checker``): run it through
``bench.run --citecheck-cmd "python -m bench.phases"`` to time the bench's own runs.
"""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any

_START = (time.time(), time.process_time())


def _age() -> float:
    """Seconds since the kernel started this process (10 ms resolution)."""
    with open(f"/proc/{os.getpid()}/stat", encoding="ascii") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    started = int(fields[19]) / os.sysconf("SC_CLK_TCK")
    return time.clock_gettime(time.CLOCK_BOOTTIME) - started


_BORN = _START[0] - _age()


def _stamp(event: str, wall: float | None = None, cpu: float | None = None) -> None:
    path = os.environ.get("CITECHECK_PHASES")
    if not path:
        return
    line = {
        "pid": os.getpid(),
        "event": event,
        "wall": (wall if wall is not None else time.time()) - _BORN,
        "cpu": cpu if cpu is not None else time.process_time(),
    }
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(line) + "\n")


def _wrap(owner: object, name: str, label: str, *, once: bool = False) -> None:
    """Stamp ``label`` before and after each call of ``owner.name`` (first call only: ``once``)."""
    import asyncio  # noqa: PLC0415
    import functools  # noqa: PLC0415

    original = getattr(owner, name, None)
    if original is None:  # an older tree (an A/B against a base): nothing to stamp
        return
    seen: set[int] = set()

    def first() -> bool:
        if not once:
            return True
        if os.getpid() in seen:
            return False
        seen.add(os.getpid())
        return True

    # A page is extracted on a thread (``Run.posts_soon``) beside the loop's: its CPU is the
    # thread's own, not the process's (which counts both threads while they overlap).
    clock = time.thread_time if label == _PAGE else None

    def stamp(event: str) -> None:
        _stamp(event, cpu=clock() if clock is not None else None)

    if asyncio.iscoroutinefunction(original):

        @functools.wraps(original)
        async def wrapped_async(*args: object, **kwargs: object) -> object:
            stamping = first()
            if stamping:
                stamp(f"{label} begins")
            try:
                return await original(*args, **kwargs)
            finally:
                if stamping:
                    stamp(f"{label} ends")

        setattr(owner, name, wrapped_async)
        return

    @functools.wraps(original)
    def wrapped(*args: object, **kwargs: object) -> object:
        stamping = first()
        if stamping:
            stamp(f"{label} begins")
        try:
            return original(*args, **kwargs)
        finally:
            if stamping:
                stamp(f"{label} ends")

    setattr(owner, name, wrapped)


def _instrument() -> None:
    import atexit  # noqa: PLC0415

    from checker import cli, pipeline, processes, run, sharing  # noqa: PLC0415
    from checker.executor import LocalExecutor  # noqa: PLC0415
    from checker.report import write  # noqa: PLC0415

    weight = os.environ.get("CITECHECK_DRIVER_WEIGHT")
    if weight:  # an experiment's setting of processes._DRIVER_WEIGHT
        processes._DRIVER_WEIGHT = float(weight)
    extracting = os.environ.get("CITECHECK_EXTRACTING_CHARS")
    if extracting:  # an experiment's setting of processes._EXTRACTING_CHARS
        processes._EXTRACTING_CHARS = int(extracting)
    switch = os.environ.get("CITECHECK_SWITCH_INTERVAL")
    if switch:  # an experiment: how long a thread holds the GIL before the loop's may take it
        from checker.fetch import loop  # noqa: PLC0415

        loop.SWITCH_INTERVAL = float(switch)  # (a tree without it: the interval set here)
        sys.setswitchinterval(float(switch))
    _wrap(cli, "_config", "config")
    _wrap(processes, "start", "fork workers")
    _wrap(processes, "_child", "worker life")
    _wrap(pipeline, "discover_inputs", "discovery")
    _wrap(pipeline._Intake, "settled", "pages' posts taken")
    _wrap(run, "extract", _PAGE)  # every page's extraction, on the loop or its thread
    _wrap(LocalExecutor, "submit", "first job", once=True)
    _wrap(LocalExecutor, "finish", "local finish")
    _wrap(processes.ProcessExecutor, "finish", "process finish")
    _wrap(processes, "merge_stores", "merge shards")
    _wrap(sharing, "merge_stores", "merge shards (sharing)")
    _wrap(pipeline, "record_verdicts", "record verdicts")
    _wrap(pipeline, "check", "pipeline.check")
    _wrap(cli, "build_document", "build document")
    _wrap(write, "_stage", "write one report")
    _wrap(cli, "write_reports", "write reports")
    atexit.register(lambda: _stamp("exit"))
    lanes = os.environ.get("CITECHECK_LANES")
    if lanes:
        from bench.lanes import record  # noqa: PLC0415

        record(lanes, lambda: time.time() - _BORN)


_PAGE = "extract a page"


def _table(path: str) -> None:
    """The timeline (each page's extraction summed per process, not listed), then the CPU
    critical path: the driver's whole CPU, or the driver's CPU up to the fork plus a worker's
    whole CPU plus the driver's CPU after that worker's end (the reports), if longer."""
    with open(path, encoding="utf-8") as handle:
        lines = [json.loads(line) for line in handle]
    driver = lines[0]["pid"]
    pages: dict[int, list[float]] = {}
    began: dict[int, float] = {}
    for line in lines:
        pid, event = line["pid"], line["event"]
        if event.startswith(_PAGE):
            if event.endswith("begins"):
                began[pid] = line["cpu"]
            else:
                count = pages.setdefault(pid, [0, 0.0])
                count[0] += 1
                count[1] += line["cpu"] - began.pop(pid, line["cpu"])
            continue
        who = "driver" if pid == driver else f"worker {pid}"
        print(f"{line['wall']:7.3f} s  {line['cpu']:6.3f} s CPU  {who:14} {event}")
    for pid, (count, cpu) in pages.items():
        who = "driver" if pid == driver else f"worker {pid}"
        print(f"{who}: extracted {count:.0f} pages, {cpu:.3f} s CPU")
    print(f"CPU critical path: {_critical(lines, driver):.3f} s")


def _critical(lines: list[dict[str, Any]], driver: int) -> float:
    mine = [line for line in lines if line["pid"] == driver]
    whole = mine[-1]["cpu"]
    forked = next((x["cpu"] for x in mine if x["event"] == "fork workers ends"), 0.0)
    path = whole
    for end in (x for x in lines if x["event"] == "worker life ends"):
        after = [x["cpu"] for x in mine if x["wall"] >= end["wall"]]
        tail = whole - after[0] if after else 0.0
        path = max(path, forked + end["cpu"] + tail)
    return path


def main() -> int:
    if sys.argv[1:2] == ["--table"]:
        _table(sys.argv[2])
        return 0
    if sys.argv[1:2] == ["--lanes"]:
        from bench.lanes import table  # noqa: PLC0415

        table(sys.argv[2], *sys.argv[3:4])
        return 0
    _stamp("interpreter started", cpu=_START[1], wall=_START[0])
    import gc  # noqa: PLC0415

    started = time.process_time()
    gc.disable()  # as checker.entry does
    from checker import codecache  # noqa: PLC0415

    # as checker.entry does: imported without it, the command line compiled its dataclasses'
    # methods and its patterns from their text, as no real run does (session 33)
    codecache.install()
    import checker.cli  # noqa: F401, PLC0415

    gc.enable()
    _stamp(f"checker.cli imported ({time.process_time() - started:.3f} s CPU)")
    _instrument()
    from checker.entry import main as command_line  # noqa: PLC0415

    status = command_line(sys.argv[1:])
    _stamp("command returned")
    return status


if __name__ == "__main__":
    sys.exit(main())
