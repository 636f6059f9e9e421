"""A ``.lycheeignore`` line is a Rust regex (lychee's regex crate); citecheck compiles it with
RE2 (mend 34p; Python's ``re`` before).  Where the two read a pattern otherwise, it is refused
with one line naming the file, the line and the construct (a nested class, a class's ``&&``),
never matched otherwise in silence; Rust's syntax RE2 shares (``[[:digit:]]``, ``\\z``) matches
as lychee's.  The same compile serves ``--exclude``/``--include`` and ``.citecheckignore``.
Through the CLI on local posts (nothing is fetched), and the compile function's plain cases.
Reviewer of probe 33.
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
        ("drafts/[0-9[^5]]", "nested"),
        ("drafts/[0-9&&5]", "&&"),
        ("drafts/(?=x)", "not a valid regular expression"),
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
    code = _run(tmp_path, monkeypatch, "--exclude", "drafts/[0-9[^5]]")
    err = capsys.readouterr().err.strip()
    assert code == ExitCode.ERROR and "nested" in err and len(err.splitlines()) == 1


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


# Mend 34p: patterns lychee runs, refused with exit 2 by the nested-repeat rule or by Python's
# syntax, compile and match as lychee's; the exponential ones Python's ``re`` passed run on a
# 10 KB URL in time linear in it (one pass: measured in bench/README.md, "Session 34").
_LONG = "https://example.test/" + "ab/" * 3_400 + "!"


@pytest.mark.parametrize(
    ("pattern", "matched", "missed"),
    [
        (
            r"^https?://([a-z0-9-]+\.)*example\.com/",
            "https://a.b-c.example.com/x",
            "https://example.org/",
        ),
        (r"(\w+/)*private", "https://x.test/a/b/private", "https://x.test/a/b/public"),
        (r"(\w*/)+\.md", "https://x.test/a//.md", "https://x.test/a.md"),
        (r"drafts/\p{L}+", "https://x.test/drafts/été", "https://x.test/drafts/123"),
        (r"drafts(?i)/NEW", "https://x.test/drafts/new", "https://x.test/Drafts/new"),
    ],
)
def test_a_pattern_lychee_runs_is_compiled(pattern: str, matched: str, missed: str) -> None:
    compiled = compile_url_regex(pattern, "exclude pattern")
    assert compiled.search(matched) is not None
    assert compiled.search(missed) is None
    assert compiled.search(_LONG) is None


@pytest.mark.parametrize(
    ("pattern", "matched"),
    [("^(a|a)*$", "aaaa"), ("^(a|aa)+$", "aaaa"), ("(a+)+$", "xaaaa"), (r"^(\w+\w+)*!x", "aaaa!x")],
)
def test_a_pattern_exponential_in_a_backtracking_engine_is_linear(
    pattern: str, matched: str
) -> None:
    """Python's ``re`` took 14 s for ``^(a|a)*$`` on 27 characters; these ask 10 KB."""
    compiled = compile_url_regex(pattern, "exclude pattern")
    assert compiled.search("a" * 10_000 + "!") is None
    assert compiled.search(matched) is not None
