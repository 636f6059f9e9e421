"""A default store that cannot be written (a CI runner's read-only cache folder) costs the run
its memory, not the run: one warning, the note in the report, the findings as without a store.
A store the user named that cannot be written stays exit 2.

The cache folder is made unwritable by a file in its place (a permission bit would not stop the
root user that runs some CI jobs); a read-only mount fails the same ``mkdir``/``access`` checks.
Session 33's leftover: exit 2 for the whole run ("give --store PATH or --no-store").  Through
the CLI on a local post (nothing is fetched).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.cli import ExitCode, main


def _post(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    blocker = tmp_path / "cache-is-a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)  # the default: ~/.cache
    monkeypatch.setenv("HOME", str(blocker))
    (tmp_path / "post.md").write_text("# Post\n\nSee [the guide](guide.md).\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return blocker


def test_an_unwritable_default_store_runs_without_one_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _post(tmp_path, monkeypatch)
    code = main(["check", "post.md", "--archive", "off", "-q", "--format", "json"])
    err = capsys.readouterr().err
    assert code == ExitCode.FAILED  # the broken link, as without a store
    warnings = [line for line in err.splitlines() if line.startswith("citecheck: warning:")]
    assert len(warnings) == 1
    assert "cannot be written" in warnings[0]
    assert "remembers nothing" in warnings[0]
    report = json.loads((tmp_path / "reports" / "report.json").read_text(encoding="utf-8"))
    (note,) = [p for p in report["problems"] if "default store" in p["message"]]
    assert (note["subject"], note["severity"], note["failing"]) == (None, "info", False)
    assert report["summary"]["statuses"]["broken"] == 1


def test_a_named_store_that_cannot_be_written_stays_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = _post(tmp_path, monkeypatch)
    store = blocker / ".cache" / "citecheck" / "store.sqlite3"
    code = main(["check", "post.md", "--archive", "off", "-q", "--store", str(store)])
    assert code == ExitCode.ERROR
    assert "cannot be opened" in capsys.readouterr().err
