"""Atomic report writing: all files or none, no temp files left, one-line ReportError."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from checker.config import FORMAT_NAMES, Config
from checker.errors import ReportError
from checker.model import Report
from checker.report import FORMATS, build_document, report_name, write_reports


@pytest.fixture
def document(report: Report) -> dict[str, object]:
    return build_document(report, config=Config())


def test_format_names_match_config() -> None:
    assert set(FORMATS) <= set(FORMAT_NAMES)
    assert {"json", "md"} <= set(FORMATS)
    assert (report_name("json"), report_name("md")) == ("report.json", "report.md")


def test_writes_each_format_creating_the_folder(
    tmp_path: Path, document: dict[str, object]
) -> None:
    folder = tmp_path / "a" / "reports"
    paths = write_reports(document, report_dir=folder, formats=("json", "md"))
    assert paths == (folder / "report.json", folder / "report.md")
    assert json.loads(paths[0].read_text(encoding="utf-8")) == document
    assert paths[1].read_text(encoding="utf-8").startswith("# citecheck FAILED")
    assert sorted(p.name for p in folder.iterdir()) == ["report.json", "report.md"]


def test_overwrites_previous_reports(tmp_path: Path, document: dict[str, object]) -> None:
    (tmp_path / "report.json").write_text("old", encoding="utf-8")
    write_reports(document, report_dir=tmp_path, formats=("json",))
    assert (tmp_path / "report.json").read_text(encoding="utf-8") != "old"


def test_unwritable_folder_raises_one_line_report_error(
    tmp_path: Path, document: dict[str, object]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(ReportError) as info:
        write_reports(document, report_dir=blocker / "reports", formats=("json", "md"))
    message = str(info.value)
    assert str(blocker / "reports") in message and "\n" not in message


def test_failure_leaves_nothing_partial(
    tmp_path: Path, document: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "report.json").write_text("previous", encoding="utf-8")
    calls = {"n": 0}
    real_fsync = os.fsync

    def failing_fsync(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(ReportError, match=r"report\.md: No space left on device"):
        write_reports(document, report_dir=tmp_path, formats=("json", "md"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]
    assert (tmp_path / "report.json").read_text(encoding="utf-8") == "previous"


def test_replace_failure_cleans_up_temp_files(tmp_path: Path, document: dict[str, object]) -> None:
    (tmp_path / "report.md").mkdir()
    with pytest.raises(ReportError, match=r"report\.md"):
        write_reports(document, report_dir=tmp_path, formats=("json", "md"))
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_unknown_format_is_rejected_before_writing(
    tmp_path: Path, document: dict[str, object]
) -> None:
    with pytest.raises(ReportError, match="'pdf'"):
        write_reports(document, report_dir=tmp_path / "out", formats=("json", "pdf"))
    assert not (tmp_path / "out").exists()
