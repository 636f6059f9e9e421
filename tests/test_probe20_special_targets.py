"""Probe 20: a report (or patch, baseline, fixed post) is never renamed over a device or a pipe.

Every file citecheck writes is staged beside its target and renamed into place: over a device
or a named pipe, the rename replaced the node itself with a regular file.  ``-o /dev/null`` run
as root (a CI container) turned the container's ``/dev/null`` into a report file; as another
user it failed as "cannot write" in ``/dev``.  Now such a target is refused in one line (exit 2)
and left as it was; ``-o -`` is the way to standard output.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from checker import atomic
from checker.cli import main


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_report_is_not_renamed_over_a_named_pipe(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    post = tmp_path / "post.md"
    post.write_text("# Post\n\nno link at all\n", encoding="utf-8")
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    code = main(["check", str(post), "--no-store", "--no-baseline", "-q", "-o", str(pipe)])
    err = capsys.readouterr().err
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)  # still the pipe
    assert code == 2, err
    assert err.startswith("citecheck: error: ") and err.count("\n") == 1, err
    assert "not a regular file" in err
    assert "-o - writes to standard output" in err and "writable" not in err  # no folder advice
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe", "post.md"]  # no temporary


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_no_atomic_write_replaces_a_named_pipe(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    with pytest.raises(OSError, match="not a regular file"):
        atomic.replace_atomically(pipe, b"data")
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)
