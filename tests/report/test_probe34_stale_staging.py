"""A report's temporary file left by a writer killed mid-write goes with the next write (probe 34).

``SIGKILL`` (the OOM killer, CI's cancel after its grace period) during a report's write left its
staged file, ``.report.json.<16 hex>.tmp``, in the report folder for good: no ``finally`` runs
in a killed process, and nothing removed it later, one more (as large as the report) each time.
Here a real child process is killed while it stages a report file (it says so by a marker
file, so nothing is timed), and the next write into that folder removes the litter once it is
an hour old; a live writer's file (fresh) and a user's own look-alike stay.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from checker.config import Config
from checker.model import Report
from checker.report import build_document, write_reports
from checker.report.write import write_report

REPO = Path(__file__).resolve().parents[2]
HOUR_AGO = time.time() - 2 * 3600

_STAGING_CHILD = """
import sys, time
from pathlib import Path
from checker.atomic import stage

def fill(stream):
    stream.write(b"{" * 1000)
    stream.flush()
    Path(sys.argv[2]).write_text("staging")
    time.sleep(600)

stage(Path(sys.argv[1]), fill)
"""


def _killed_while_staging(target: Path) -> Path:
    """The temporary file a process killed while staging ``target`` left."""
    marker = target.parent / "staging.marker"
    child = subprocess.Popen(
        [sys.executable, "-c", _STAGING_CHILD, str(target), str(marker)],
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert child.poll() is None, "the child ended before staging"
            assert time.monotonic() < deadline
            time.sleep(0.01)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    marker.unlink()
    (left,) = target.parent.glob(f".{target.name}.*.tmp")
    return left


@pytest.fixture
def document(report: Report) -> dict[str, object]:
    return build_document(report, config=Config())


def test_a_killed_writer_s_temporary_file_goes_with_the_next_reports(
    tmp_path: Path, document: dict[str, object]
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    left = _killed_while_staging(folder / "report.json")
    os.utime(left, (HOUR_AGO, HOUR_AGO))
    live = folder / ".report.md.0123456789abcdef.tmp"  # a live writer's: written just now
    live.write_bytes(b"#")
    own = folder / ".report.json.notes.tmp"  # not a name citecheck gives
    own.write_bytes(b"mine")
    os.utime(own, (HOUR_AGO, HOUR_AGO))
    other = folder / ".notes.txt.0123456789abcdef.tmp"  # another file's, not a report's
    other.write_bytes(b"mine")
    os.utime(other, (HOUR_AGO, HOUR_AGO))
    write_reports(document, report_dir=folder, formats=("json", "md"))
    assert not left.exists()
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [live.name, own.name, other.name, "report.json", "report.md"]
    )


def test_a_killed_writer_s_temporary_file_goes_with_the_next_output_file(
    tmp_path: Path, document: dict[str, object]
) -> None:
    target = tmp_path / "citecheck.md"
    left = _killed_while_staging(target)
    os.utime(left, (HOUR_AGO, HOUR_AGO))
    write_report(document, format_name="md", target=target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["citecheck.md"]
