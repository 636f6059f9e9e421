"""A ``.lycheeignore`` line is a Rust regex (lychee's regex crate); citecheck compiles it with
Python's ``re``.  Where the two read a pattern otherwise, it is translated (``[[:digit:]]``,
``\\z``) or refused with one line naming the file, the line and the construct (``\\p{L}``,
flags in mid-pattern, a class's ``&&``), never matched otherwise in silence; a pattern whose
time is exponential in Python's engine (``(a+)+$``) is refused too.  The same compile serves
``--exclude``/``--include`` and ``.citecheckignore``.  Through the CLI on local posts (nothing is
fetched), and the compile function's plain cases.  Reviewer of probe 33.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.cli import ExitCode, main
from checker.url_regex import compile_url_regex

POST = "# Post\n\nSee [the draft](drafts/123.md) and [the guide](guide.md).\n"
ARGV = ["check", "post.md", "--no-store", "--archive", "off", "--format", "json", "-q"]


def _run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *extra: str) -> int:
    (tmp_path / "post.md").write_text(POST, encoding="utf-8")
    (tmp_path / "guide.md").write_text("# Guide\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return main([*ARGV, "--report-dir", "out", *extra])


def _statuses() -> dict[str, str]:
    report = json.loads(Path("out/report.json").read_text(encoding="utf-8"))
    (post,) = report["documents"]
    return {c["url"].rsplit("/", 1)[-1]: c["status"] for c in post["citations"]}


def test_a_posix_class_skips_what_lychee_skips(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``[[:digit:]]`` was the set ``[:digt`` and a ``]``: the draft was checked (a false
    alarm, ``broken``) and a FutureWarning landed on stderr."""
    (tmp_path / ".lycheeignore").write_text("drafts/[[:digit:]]+\\.md\\z\n", encoding="utf-8")
    code = _run(tmp_path, monkeypatch)
    assert _statuses() == {"123.md": "skipped", "guide.md": "ok"}
    assert code == ExitCode.OK
    assert "Warning" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("line", "construct"),
    [
        ("drafts/\\p{L}", "\\p"),
        ("drafts(?i)/", "(?i)"),
        ("drafts/[0-9[^5]]", "nested"),
        ("drafts/[0-9&&5]", "&&"),
        ("(a+)+$", "exponential"),
        ("(\\w*/)+\\.md", "exponential"),
    ],
)
def test_a_pattern_read_otherwise_is_refused_in_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    line: str,
    construct: str,
) -> None:
    (tmp_path / ".lycheeignore").write_text(f"# first\n{line}\n", encoding="utf-8")
    code = _run(tmp_path, monkeypatch)
    err = capsys.readouterr().err.strip()
    assert code == ExitCode.ERROR
    assert len(err.splitlines()) == 1, err
    assert ".lycheeignore:2" in err and construct in err and "Traceback" not in err


def test_exclude_is_compiled_by_the_same_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code = _run(tmp_path, monkeypatch, "--exclude", "(a+)+$")
    err = capsys.readouterr().err.strip()
    assert code == ExitCode.ERROR and "exponential" in err and len(err.splitlines()) == 1


def test_the_translations_match_as_rust_would() -> None:
    digits = compile_url_regex(r"^https://example\.com/[[:digit:]]+$", "exclude")
    assert digits.search("https://example.com/123")
    assert not digits.search("https://example.com/d]")
    assert compile_url_regex(r"\.md\z", "x").search("a.md")
    assert not compile_url_regex(r"\.md\z", "x").search("a.md\n")
    assert compile_url_regex(r"[[:punct:]]", "x").search("a]b")
    assert compile_url_regex(r"\x{E9}", "x").search("caf\u00e9")
    assert compile_url_regex(r"(?<page>\d+)", "x").search("p/42")
    assert compile_url_regex(r"(?i)EXAMPLE/(ab){2,3}", "x").search("example/ababab")
    assert compile_url_regex(r"([a-z]\.)+x", "x").search("a.b.x")
