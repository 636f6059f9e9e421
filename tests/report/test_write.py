"""Atomic report writing: all files or none, no temp files left, one-line ReportError."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.config import FORMAT_NAMES, Config
from checker.encoding import scrub
from checker.errors import ReportError
from checker.model import Report
from checker.report import FORMATS, build_document, report_name, write, write_reports


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


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_reports_get_the_usual_mode_under_the_umask(
    tmp_path: Path, document: dict[str, object], umask: int, mode: int
) -> None:
    """Not tempfile's 0600: a CI step, a web server or a colleague reads the reports."""
    previous = os.umask(umask)
    try:
        paths = write_reports(document, report_dir=tmp_path, formats=tuple(FORMATS))
    finally:
        os.umask(previous)
    assert {p.stat().st_mode & 0o777 for p in paths} == {mode}
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths)


def test_text_a_writer_cannot_encode_is_scrubbed(tmp_path: Path) -> None:
    """Whatever a renderer returns, the file is valid UTF-8: a lone surrogate becomes U+FFFD."""
    document = {"documents": [], "inputs": [os.fsdecode(b"/posts/\xff.md")], "note": "x\ud800"}
    [path] = write_reports(document, report_dir=tmp_path, formats=("json",))
    written = path.read_bytes().decode("utf-8")
    assert "\\ud800" not in written and "\\udcff" not in written


def _whole(name: str, document: dict[str, object]) -> bytes:
    """What the file held when every format was rendered whole, then scrubbed and encoded."""
    return scrub(FORMATS[name](document)).encode("utf-8")


def test_streamed_formats_write_the_whole_texts_bytes(
    tmp_path: Path, document: dict[str, object]
) -> None:
    paths = write_reports(document, report_dir=tmp_path, formats=tuple(FORMATS))
    for name, path in zip(FORMATS, paths, strict=True):
        assert path.read_bytes() == _whole(name, document), name


def test_batches_scrub_a_run_of_escaped_bytes_as_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Escaped bytes scrubbed apart give other U+FFFDs than scrubbed together (``\\xe3\\x81``
    is one replacement, ``\\xe3`` then ``\\x81`` two): a batch never ends inside such a run."""
    escaped = os.fsdecode(b"\xe3\x81\xe3")
    text = "".join(f"{'x' * n}{escaped}y" for n in range(40))

    def by_character(document: dict[str, object]) -> Iterator[str]:
        yield from text

    monkeypatch.setitem(write.STREAMS, "json", by_character)
    for batch in range(1, 50):
        monkeypatch.setattr(write, "_BATCH", batch)
        [path] = write_reports({}, report_dir=tmp_path, formats=("json",))
        assert path.read_bytes() == scrub(text).encode("utf-8"), batch


def test_a_failing_renderer_leaves_no_temp_file(
    tmp_path: Path, document: dict[str, object], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(document: dict[str, object]) -> Iterator[str]:
        yield "{"
        raise RuntimeError("renderer bug")

    monkeypatch.setitem(write.STREAMS, "json", broken)
    with pytest.raises(RuntimeError):
        write_reports(document, report_dir=tmp_path, formats=("md", "json"))
    assert list(tmp_path.iterdir()) == []
