"""The end of a large run: the forked report writer renders the heaviest format while this
process renders the others and then what the command prints (issue 19, session 27).

Before, the driver rendered report.json (~0.12 s of a 2,000-URL run) while the forked writer
rendered report.md (~0.08 s), then, the files moved into place, the summary it prints (~0.02 s):
the end was the first format plus the summary.  Now report.json goes beside and the summary is
rendered (``meanwhile``) while the forked writer still works.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from checker.report import write
from checker.report.write import write_reports

_LARGE = {"summary": {"citations": 2000}}
_Streams = dict[str, Callable[[dict[str, object]], Iterator[str]]]


def _waiting_for(marker: Path, seen: Path) -> _Streams:
    """Two formats; the one rendered in a forked process waits (5 s at most) for ``marker``
    and notes in ``seen`` whether it came."""
    parent = os.getpid()

    def rendering(name: str) -> Callable[[dict[str, object]], Iterator[str]]:
        def stream(document: dict[str, object]) -> Iterator[str]:
            if os.getpid() != parent:
                waited = time.monotonic() + 5
                while not marker.exists() and time.monotonic() < waited:
                    time.sleep(0.01)
                seen.write_text(f"{name} forked, marker {'seen' if marker.exists() else 'late'}")
            yield f"{name}\n"

        return stream

    return {"json": rendering("json"), "md": rendering("md")}


def test_the_callers_work_is_done_while_the_forked_writer_renders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker, seen = tmp_path / "marker", tmp_path / "seen.txt"
    monkeypatch.setattr(write, "STREAMS", _waiting_for(marker, seen))
    told: list[tuple[Path, ...]] = []

    def meanwhile(paths: tuple[Path, ...]) -> None:
        told.append(paths)
        assert not (tmp_path / "r" / "report.md").exists()  # no file is in place yet
        marker.touch()

    folder = tmp_path / "r"
    paths = write_reports(
        _LARGE, report_dir=folder, formats=("md", "json"), fork=True, meanwhile=meanwhile
    )
    assert paths == (folder / "report.md", folder / "report.json")
    assert told == [paths]  # once, with the paths the reports are written to
    assert seen.read_text() == "json forked, marker seen"  # report.json, the heaviest, beside
    assert [p.read_text() for p in paths] == ["md\n", "json\n"]


def test_without_a_fork_the_callers_work_comes_after_every_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(write, "STREAMS", _waiting_for(tmp_path / "marker", tmp_path / "seen"))
    told: list[tuple[Path, ...]] = []
    folder = tmp_path / "r"
    paths = write_reports(_LARGE, report_dir=folder, formats=("json", "md"), meanwhile=told.append)
    assert told == [paths] and [p.read_text() for p in paths] == ["json\n", "md\n"]


@pytest.mark.parametrize(
    ("formats", "beside"),
    [
        (("json", "md"), "json"),
        (("md", "json"), "json"),
        (("json", "md", "html"), "html"),
        (("json", "md", "html", "junit", "sarif", "csv"), "html"),
        (("md", "csv"), "csv"),
    ],
)
def test_the_heaviest_format_goes_beside(formats: tuple[str, ...], beside: str) -> None:
    assert formats[write._split(formats)] == beside


def test_a_format_named_twice_is_written_once_and_leaves_no_litter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A guard of the split (a program may name a format twice; the config never does)."""
    monkeypatch.setattr(write, "STREAMS", _waiting_for(tmp_path / "marker", tmp_path / "seen"))
    (tmp_path / "marker").touch()
    folder = tmp_path / "r"
    for fork in (True, False):
        paths = write_reports(_LARGE, report_dir=folder, formats=("json", "md", "json"), fork=fork)
        assert [p.name for p in paths] == ["report.json", "report.md", "report.json"]
        assert sorted(p.name for p in folder.iterdir()) == ["report.json", "report.md"]
