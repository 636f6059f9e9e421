"""An error names a path exactly: its spaces (a leading one, a no-break or an ideographic one)
kept, the path quoted as a shell quotes it when it holds any, the error still one line.

``citecheck check " a.md"`` said ``a.md: no such file``, naming another file, and ``x　y.md``
(U+3000) became ``x y.md``: the one-line error collapsed every run of white space (mend 33l's
leftover).  Through the CLI; nothing is fetched.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.cli import ExitCode, main


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        (" a.md", "' a.md'"),
        ("x\u3000y.md", "'x\u3000y.md'"),
        ("a\u00a0b.md", "'a\u00a0b.md'"),
        ("my  post.md", "'my  post.md'"),
        ("plain.md", "plain.md"),
    ],
)
def test_a_missing_input_is_named_exactly(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    shown: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check", name, "--no-store"]) == ExitCode.ERROR
    err = capsys.readouterr().err
    assert err == f"citecheck: error: {shown}: no such file or folder\n"


def test_a_message_s_line_breaks_still_make_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["check", "a\r\nb.md", "--no-store"]) == ExitCode.ERROR
    assert capsys.readouterr().err == "citecheck: error: 'a b.md': no such file or folder\n"
