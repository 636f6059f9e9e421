"""The forked report writer leaves no staged file behind, whatever stops it.

A report of 1,000 citations or more renders its formats after the first in a forked process.
That process staged its formats one after another and, if a later one failed (a full disk, a
renderer's bug, a signal), exited leaving the earlier ones' temporary files in the report
folder: a default run (six formats) on a disk that filled up left ``.report.md.*`` litter
beside its one-line error.  And the parent, interrupted while it waited for that process, left
the files it staged.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from checker.report import write
from checker.report.write import ReportError, write_reports

_LARGE = {"summary": {"citations": 2000}}


def _streams(fail: str) -> dict[str, Callable[[dict[str, object]], Iterator[str]]]:
    """Three formats; ``fail`` runs out of disk space in the forked process."""
    parent = os.getpid()

    def rendering(name: str) -> Callable[[dict[str, object]], Iterator[str]]:
        def stream(document: dict[str, object]) -> Iterator[str]:
            yield f"{name}: {document['summary']}\n"
            if name == fail and os.getpid() != parent:
                raise OSError(28, "No space left on device")

        return stream

    return {name: rendering(name) for name in ("json", "md", "html")}


def test_a_format_failing_in_the_forked_process_leaves_no_file_it_staged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(write, "STREAMS", _streams("html"))
    folder = tmp_path / "r"
    paths = write_reports(_LARGE, report_dir=folder, formats=("json", "md", "html"), fork=True)
    assert sorted(p.name for p in folder.iterdir()) == ["report.html", "report.json", "report.md"]
    assert [p.read_text() for p in paths][1] == f"md: {_LARGE['summary']}\n"


def test_an_interrupted_wait_for_the_forked_process_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A signal while this process waits for the forked one (here, as it reaps it)."""
    monkeypatch.setattr(write, "STREAMS", _streams(""))
    real = os.waitpid

    def interrupted(pid: int, options: int) -> tuple[int, int]:
        monkeypatch.setattr(os, "waitpid", real)
        real(pid, options)
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "waitpid", interrupted)
    folder = tmp_path / "r"
    with pytest.raises(KeyboardInterrupt):
        write_reports(_LARGE, report_dir=folder, formats=("json", "md", "html"), fork=True)
    assert list(folder.iterdir()) == []


def test_a_failure_everywhere_is_one_error_and_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    streams = _streams("html")
    parent_html = streams["html"]

    def full(document: dict[str, object]) -> Iterator[str]:
        yield from parent_html(document)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(write, "STREAMS", {**streams, "html": full})
    folder = tmp_path / "r"
    with pytest.raises(ReportError, match="No space left on device"):
        write_reports(_LARGE, report_dir=folder, formats=("json", "md", "html"), fork=True)
    assert list(folder.iterdir()) == []
