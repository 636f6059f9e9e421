"""``citecheck`` in a child process that reports its own peak resident set (VmHWM).

One runner for the bench (``bench.memory --cli``) and the memory tests: /proc's VmHWM belongs to
the process image, whereas Linux carries ``ru_maxrss`` over fork and exec, so a child measured by
``ru_maxrss`` would report its parent's peak (the input a test built, the bench's site model).
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
from checker.entry import main  # the command without its exit (entry.run ends the process)
sys.argv = ["citecheck", *sys.argv[1:]]
main(sys.argv[1:])
with open("/proc/self/status") as status:
    peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
print("peak-kb", peak, file=sys.stderr)
"""


class ChildPeak:
    """What the child did: its exit status, stderr, and peak in KB (None if it never said)."""

    def __init__(self, done: subprocess.CompletedProcess[str]) -> None:
        self.returncode = done.returncode
        self.stderr = done.stderr
        said = [line for line in done.stderr.splitlines() if line.startswith("peak-kb ")]
        self.peak_kb = int(said[-1].split()[1]) if said else None


def run_child(args: list[str], *, cwd: Path, timeout: float | None = None) -> ChildPeak:
    """``citecheck ARGS`` (this checkout's) in a child process, in ``cwd``."""
    path = os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p)
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *args],
        check=False,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": path},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return ChildPeak(done)
