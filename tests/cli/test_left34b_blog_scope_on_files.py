"""``--since``/``--max-posts`` pick among a blog URL's posts; given with a local file or folder
input alone by flag the run is refused in one line (exit 2), never run as if they were not
given; set in a config file, the run goes on and says once that local inputs are checked whole.

``citecheck check docs --since 2025-01-01`` checked every post of ``docs`` without a word
(session 33's leftover).  Through the CLI on local posts (nothing is fetched).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.cli import ExitCode, main

_POST = "---\ndate: 2020-01-01\n---\n# Old\n\nSee [the guide](guide.md).\n"


@pytest.mark.parametrize(
    ("input_name", "flags", "named"),
    [
        ("docs", ["--since", "2025-01-01"], "--since applies"),
        ("docs", ["--max-posts", "1"], "--max-posts applies"),
        ("docs/old.md", ["--max-posts", "1", "--since", "2025-01-01"], "--max-posts and --since"),
    ],
)
def test_a_blog_scope_flag_on_a_local_input_is_refused(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    input_name: str,
    flags: list[str],
    named: str,
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "old.md").write_text(_POST, encoding="utf-8")
    (docs / "older.md").write_text(_POST, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = main(["check", input_name, "--no-store", "--archive", "off", "-q", *flags])
    err = capsys.readouterr().err
    assert code == ExitCode.ERROR
    assert err.count("\n") == 1
    assert named in err
    assert f"not to the local input {input_name}" in err
    assert not (tmp_path / "reports").exists()


def test_a_config_file_s_since_is_said_not_refused_on_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A project's config sets ``since`` for its blog: ``check docs`` runs (it was exit 2,
    review of left34b), saying once that the local posts are checked whole."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "old.md").write_text(_POST, encoding="utf-8")
    (docs / "guide.md").write_text("# Guide\n", encoding="utf-8")
    (tmp_path / "citecheck.toml").write_text("since = 2025-01-01\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = main(["check", "docs", "--no-store", "--archive", "off", "-q", "--format", "json"])
    err = capsys.readouterr().err
    assert code == ExitCode.OK, err
    assert err.count("--since applies to blog URLs only") == 1
    assert "docs" in err and "checked whole" in err
