"""Probe 20: ``--cluster local:N`` with an N no machine can start is refused in one line.

``--cluster local:99999999`` began starting a hundred million worker processes: the run hung
until it was killed (a CI job's timeout), or exhausted the machine.  ``--processes`` has refused
a count past :func:`~checker.config.process_limit` since issue 19; the local cluster now takes
the same bound (``--cluster local:N`` starts N processes of this machine too).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.cli import main
from checker.config import process_limit


def _refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], spec: str) -> str:
    """The one line ``check --cluster SPEC`` says when it refuses (exit 2)."""
    post = tmp_path / "post.md"
    post.write_text("# no link\n", encoding="utf-8")
    args = ["check", str(post), "--no-store", "--report-dir", str(tmp_path / "out")]
    assert main([*args, "--cluster", spec]) == 2
    err = capsys.readouterr().err
    assert err.startswith("citecheck: error: --cluster") and err.count("\n") == 1, err
    return err


@pytest.mark.parametrize(
    "count", [str(process_limit() + 1), "99999999", "9" * 5000], ids=["limit+1", "huge", "digits"]
)
def test_a_local_cluster_past_the_process_limit_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], count: str
) -> None:
    assert f"at most {process_limit()}" in _refused(tmp_path, capsys, f"local:{count}")


@pytest.mark.parametrize("spec", ["local:²", "local:٣"])
def test_a_count_of_other_digits_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], spec: str
) -> None:
    """``"²".isdigit()`` holds and ``int("²")`` raises: it was an internal error (exit 3)."""
    assert "N >= 1" in _refused(tmp_path, capsys, spec)
