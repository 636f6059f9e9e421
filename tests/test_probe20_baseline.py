"""Probe 20: hostile baseline (and config) files are one line and exit 2, never a crash.

A baseline is committed beside the posts, so anyone with write access to the repository writes
it; what it holds is input.  Before: JSON nested deeper than the parser goes ended in an
internal error (exit 3, a crash log) instead of "cannot be read" (exit 2), and a
``baseline_version`` of ``true`` or ``1.0`` passed for version 1 (``True == 1`` in Python).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.baseline import read_baseline
from checker.cli import main
from checker.errors import ConfigError

_FINDING = '{"post": "p", "kind": "source", "target": "t", "code": "broken"}'


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000,
        '{"baseline_version": 1, "findings": ' + "[" * 100_000,
        '{"baseline_version": true, "findings": [' + _FINDING + "]}",
        '{"baseline_version": 1.0, "findings": [' + _FINDING + "]}",
        '{"baseline_version": "1", "findings": []}',
    ],
    ids=["deep", "deep-findings", "true", "float", "string"],
)
def test_a_hostile_baseline_is_a_config_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="baseline"):
        read_baseline(path, required=True)


def test_a_deep_baseline_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = tmp_path / "post.md"
    post.write_text("# Post\n\nno link at all\n", encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    baseline.write_text("[" * 100_000, encoding="utf-8")
    code = main(["check", str(post), "--baseline", str(baseline), "--no-store", "-q"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith("citecheck: error: baseline") and err.count("\n") == 1, err
    assert "internal error" not in err


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_baseline_that_never_ends_is_refused_not_read_to_the_end(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``--baseline /dev/zero`` read until memory ran out (MemoryError: exit 3, or the OOM
    killer).  The bound is lowered here so the test reads 1 MiB, not 256."""
    monkeypatch.setattr("checker.baseline._MAX_BASELINE_BYTES", 2**20)
    with pytest.raises(ConfigError, match="larger than 1 MiB"):
        read_baseline(Path("/dev/zero"), required=True)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_config_file_that_never_ends_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = tmp_path / "post.md"
    post.write_text("# Post\n\nno link at all\n", encoding="utf-8")
    code = main(["check", str(post), "--config", "/dev/zero", "--no-store", "-q"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err == "citecheck: error: config file /dev/zero cannot be read: larger than 16 MiB\n"
