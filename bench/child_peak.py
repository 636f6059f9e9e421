"""``citecheck`` in a child process that reports its own peak resident set (VmHWM).

One runner for the bench (``bench.memory --cli``) and the memory tests: /proc's VmHWM belongs to
the process image, whereas Linux carries ``ru_maxrss`` over fork and exec, so a child measured by
``ru_maxrss`` would report its parent's peak (the input a test built, the bench's site model).

``reports=True`` also measures the report phase alone (:attr:`ChildPeak.reports_kb`): the most
Python's heap held at once beyond what it held as the reports started (``tracemalloc``, started
then: exact, whatever the run freed before and the allocator kept), every format rendered in
this process (no forked writer to take the heaviest out of the measurement).  The difference of
two whole runs' peaks measured the pipeline's timing more than the reports (CI measured
report.json at 1.33x its size where this machine measures -0.02x to 0.05x), and with a forked
writer a whole run's peak never held report.json at all.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

__all__ = ["ChildPeak", "run_child"]

REPO = Path(__file__).resolve().parents[1]

_MEASURE = """
import sys
def status(name):
    with open("/proc/self/status") as lines:
        return int(next(line.split()[1] for line in lines if line.startswith(name + ":")))
if sys.argv[1] == "reports":
    import checker.cli
    unmeasured = checker.cli.write_reports
    def measured(document, **how):
        import tracemalloc
        tracemalloc.start()  # what the phase allocates, even in memory the run freed before it
        try:
            return unmeasured(document, **{**how, "fork": False})
        finally:
            print("reports-kb", tracemalloc.get_traced_memory()[1] // 1024, file=sys.stderr)
            tracemalloc.stop()
    checker.cli.write_reports = measured
from checker.entry import main  # the command without its exit (entry.run ends the process)
sys.argv = ["citecheck", *sys.argv[2:]]
main(sys.argv[1:])
print("peak-kb", status("VmHWM"), file=sys.stderr)
"""


class ChildPeak:
    """What the child did: its exit status, stderr, its peak in KB and (``reports=True``) the
    report phase's own in KB over the resident set it began with (None if it never said)."""

    def __init__(self, done: subprocess.CompletedProcess[str]) -> None:
        self.returncode = done.returncode
        self.stderr = done.stderr
        self.peak_kb = self._said("peak-kb")
        self.reports_kb = self._said("reports-kb")

    def _said(self, name: str) -> int | None:
        said = [line for line in self.stderr.splitlines() if line.startswith(f"{name} ")]
        return int(said[-1].split()[1]) if said else None


def run_child(
    args: list[str], *, cwd: Path, timeout: float | None = None, reports: bool = False
) -> ChildPeak:
    """``citecheck ARGS`` (this checkout's) in a child process, in ``cwd`` (``reports``: the
    report phase measured alone, every format rendered in the child)."""
    path = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, "reports" if reports else "run", *args],
        check=False,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": path},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return ChildPeak(done)
