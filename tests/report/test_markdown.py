"""The Markdown summary: pass/fail line, counts table, only the citations that need attention."""

from __future__ import annotations

import sys
from dataclasses import replace
from types import FrameType

import pytest
from report_sample import JA_TITLE, POST_URL

from checker.config import Config, FailOn
from checker.findings import Code, Severity
from checker.model import Report
from checker.report import build_document
from checker.report.markdown import render


@pytest.fixture
def text(report: Report) -> str:
    return render(build_document(report, config=Config()))


def test_headline_says_failed(text: str) -> None:
    first = text.splitlines()[0]
    assert first.startswith("# citecheck FAILED: 3 failing finding(s) in 11 citation(s)")


def test_headline_says_passed(report: Report) -> None:
    config = Config().with_(severity={c: Severity.INFO for c in Code})
    assert render(build_document(report, config=config)).startswith("# citecheck passed: 0 failing")


def test_headline_of_an_interrupted_run_is_no_pass(report: Report) -> None:
    """An interrupted run with no failing finding among what it checked said "passed" in
    report.md, the GitHub step summary (probe 30i)."""
    config = Config().with_(severity={c: Severity.INFO for c in Code})
    text = render(build_document(replace(report, interrupted=True), config=config))
    assert text.startswith("# citecheck INTERRUPTED: 0 failing"), text.splitlines()[0]


def test_counts_table(text: str) -> None:
    assert "| code | severity | count | failing |" in text
    assert "| missing-url | error | 1 | 1 |" in text
    assert "| blocked | warning | 1 | 0 |" in text
    assert "| redirected | info | 1 | 0 |" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "code" not in line]
    assert [r.split(" | ")[1] for r in rows][:3] == ["error"] * 3


def test_posts_and_japanese_come_through(text: str) -> None:
    assert f"## {JA_TITLE}" in text
    assert f"<{POST_URL}>" in text
    assert "“トランプ大統領 プーチン大統領と電話会談”" in text
    assert "## ライブ:米ロ首脳電話会談" in text


def test_citation_details(text: str) -> None:
    assert "- **link** <https://news.example.com/2024/01/gone-story/> (line 12): `broken`" in text
    assert "HTTP status: 404" in text
    assert "archived copy: <https://web.archive.org/web/20240102000000/" in text
    assert "- **source** (no URL) (line 40): `missing`" in text
    assert "**error** `missing-url` (failing)" in text
    assert "- **embed twitter** <https://twitter.com/TrumpDailyPosts/status/1889>" in text


def test_only_relevant_fields_are_compared(text: str) -> None:
    # The title differs and a finding names it; the author is equal and unnamed.
    title = "title: cited “Russia's | Real Plan for 2026” · observed “Russia's Plan for Ukraine”"
    assert title in text
    assert "author: cited “John Roe”" not in text
    # Dates written differently but not named by a finding are not shown.
    assert "date: cited “February 12, 2025”" not in text
    assert "publisher: cited “19fortytive” · observed “19FortyFive”" in text


def test_ok_and_info_only_citations_are_left_out(text: str) -> None:
    assert "hardest-winter> (line 3)" not in text  # the ok source
    assert "old.example.com" not in text  # redirected is info only
    assert "mailto:" not in text


def test_info_finding_listed_when_it_fails(report: Report) -> None:
    document = build_document(report, config=Config().with_(fail_on=FailOn.parse("redirected")))
    assert "cite https://new.example.com/a" in render(document)


def test_table_cells_escape_pipes_and_newlines() -> None:
    document = {
        "tool": {"name": "citecheck", "version": "0"},
        "summary": {"failed": True, "failing": 1, "citations": 1, "documents": 1},
        "documents": [
            {
                "url": "https://x.example/",
                "title": "a | b\nc",
                "citations": [
                    {
                        "kind": "link",
                        "url": "https://x.example/p",
                        "status": "broken",
                        "cited": {},
                        "observed": None,
                        "findings": [
                            {
                                "code": "x|y\nz",
                                "severity": "error",
                                "message": "m\nn",
                                "failing": True,
                            }
                        ],
                    }
                ],
            }
        ],
    }
    text = render(document)
    assert "| x\\|y z | error | 1 | 1 |" in text
    assert "## a | b c" in text
    assert ": m n" in text


def test_no_findings() -> None:
    empty = build_document(Report((), (), "0", "s", "f"), config=Config())
    text = render(empty)
    assert text.startswith("# citecheck passed") and "No findings." in text


_HOSTILE_TEXTS = (
    r"a\b`c*d_e[f]g<h>i|j",
    "\x1b]0;title\x07 <U+202E> [x](y) **z**",
    "ロシア_と*ウクライナ* `停戦`",
    "\\\\`` __ ]]",
)


def test_markdown_punctuation_is_escaped_without_res_template_code(report: Report) -> None:
    """Each Markdown mark after a backslash, as the pattern ``([\\`*_[\\]<>])`` replaced by
    ``\\\\\\1`` escaped it, but in C: that template sent each text of report.md through ``re``'s
    template code in Python (issue 19, session 33: ~a fifth of writing report.md)."""
    import re  # noqa: PLC0415

    from checker.report import markdown  # noqa: PLC0415

    reference = re.compile(r"([\\`*_\[\]<>])")
    for value in _HOSTILE_TEXTS:
        shown = markdown.visible(" ".join(value.split()))
        assert markdown._inline(value) == reference.sub(r"\\\1", shown)
    calls: list[str] = []

    def counted(frame: FrameType, event: str, _: object) -> None:
        # re's template code in Python, by any of its names: _subx and _compile_repl (3.11),
        # _compile_template (3.12 on, which _sre looks up once and keeps: not patchable)
        if event == "call" and frame.f_code.co_name in _RES_TEMPLATE_CODE:
            calls.append(frame.f_code.co_name)

    re.purge()
    sys.setprofile(counted)
    try:
        text = render(build_document(report, config=Config()))
    finally:
        sys.setprofile(None)
    assert "## " in text and calls == []


_RES_TEMPLATE_CODE = frozenset(
    {"_subx", "_compile_repl", "_compile_template", "parse_template", "expand_template"}
)
"""The functions of ``re`` (and its parser) that a replacement template runs in Python."""
