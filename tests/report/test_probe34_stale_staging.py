"""A report's temporary file left by a writer killed mid-write goes with the next write (probe 34).

``SIGKILL`` (the OOM killer, CI's cancel after its grace period) during a report's write left its
staged file, ``.report.json.<16 hex>.tmp``, in the report folder for good: no ``finally`` runs
in a killed process, and nothing removed it later, one more (as large as the report) each time.
Here a real child process is killed while it stages a report file (it says so by a marker
file, so nothing is timed), and the next write into that folder removes the litter once it is
an hour old and its writer gone; a live writer's file (fresh, or whose writer still runs), a
user's own look-alike, a link or a folder so named stay.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from checker.config import Config
from checker.model import Report
from checker.report import build_document, write_reports
from checker.report.write import write_report

REPO = Path(__file__).resolve().parents[2]
TWO_HOURS_AGO = time.time() - 2 * 3600

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


@contextmanager
def _staging(target: Path) -> Iterator[Path]:
    """The temporary file of a live process staging ``target``, killed at the end."""
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
        marker.unlink()
        (staged,) = target.parent.glob(f".{target.name}.*.tmp")
        yield staged
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()


def _killed_while_staging(target: Path) -> Path:
    """The temporary file a process killed while staging ``target`` left."""
    with _staging(target) as staged:
        pass
    return staged


@pytest.fixture
def document(report: Report) -> dict[str, object]:
    return build_document(report, config=Config())


def test_a_killed_writer_s_temporary_file_goes_with_the_next_reports(
    tmp_path: Path, document: dict[str, object]
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    left = _killed_while_staging(folder / "report.json")
    os.utime(left, (TWO_HOURS_AGO, TWO_HOURS_AGO))
    live = folder / ".report.md.0123456789abcdef.tmp"  # a live writer's: written just now
    live.write_bytes(b"#")
    own = folder / ".report.json.notes.tmp"  # not a name citecheck gives
    own.write_bytes(b"mine")
    os.utime(own, (TWO_HOURS_AGO, TWO_HOURS_AGO))
    other = folder / ".notes.txt.0123456789abcdef.tmp"  # another file's, not a report's
    other.write_bytes(b"mine")
    os.utime(other, (TWO_HOURS_AGO, TWO_HOURS_AGO))
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
    os.utime(left, (TWO_HOURS_AGO, TWO_HOURS_AGO))
    write_report(document, format_name="md", target=target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["citecheck.md"]


def test_a_live_writer_s_file_stays_whatever_its_time_says(
    tmp_path: Path, document: dict[str, object]
) -> None:
    """A file system whose times are off by hours (FAT, a network share's clock) or a writer
    suspended for hours (Ctrl-Z): its writer still runs, so its file is no litter."""
    folder = tmp_path / "reports"
    folder.mkdir()
    with _staging(folder / "report.json") as staged:
        os.utime(staged, (TWO_HOURS_AGO, TWO_HOURS_AGO))
        write_reports(document, report_dir=folder, formats=("json",))
        assert staged.exists()
    write_reports(document, report_dir=folder, formats=("json",))  # its writer killed now
    assert not staged.exists()


def test_a_link_or_folder_named_like_a_temporary_file_stays(
    tmp_path: Path, document: dict[str, object]
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    kept = tmp_path / "kept.json"
    kept.write_bytes(b"{}")
    os.utime(kept, (TWO_HOURS_AGO, TWO_HOURS_AGO))
    link = folder / ".report.json.0123456789abcdef.tmp"
    link.symlink_to(kept)
    inner = folder / ".report.md.fedcba9876543210.tmp"
    inner.mkdir()
    os.utime(inner, (TWO_HOURS_AGO, TWO_HOURS_AGO))
    write_reports(document, report_dir=folder, formats=("json", "md"))
    assert link.is_symlink()
    assert inner.is_dir()
    assert kept.read_bytes() == b"{}"
