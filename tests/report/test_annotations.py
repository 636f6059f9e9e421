"""GitHub Actions output: escaped workflow commands, failing first; the step summary."""

from __future__ import annotations

import pytest
from hostile_sample import hostile_report

from checker.config import Config
from checker.model import Report
from checker.report import build_document, github_annotations, step_summary
from checker.report import markdown as markdown_format
from checker.report.annotations import STEP_SUMMARY_LIMIT


@pytest.fixture
def lines(report: Report) -> list[str]:
    return github_annotations(build_document(report, config=Config())).splitlines()


def test_one_line_per_finding_failing_first(lines: list[str]) -> None:
    assert len(lines) == 10
    levels = [line.split(" ", 1)[0] for line in lines]
    assert levels == ["::error"] * 3 + ["::warning"] * 6 + ["::notice"]


def test_file_line_and_title(lines: list[str]) -> None:
    broken = next(line for line in lines if "broken%3A" in line)
    assert broken.startswith("::error file=seeds/000.txt,line=12,title=citecheck broken%3A link ")
    assert "::the server answered HTTP 404 Not Found%0AHTTP status: 404%0A" in broken
    # near miss: no line known, no line property
    blocked = next(line for line in lines if "blocked%3A" in line)
    assert ",line=" not in blocked


def test_url_origin_has_no_file_property(report: Report) -> None:
    document = build_document(report, config=Config())
    document["documents"] = list(document["documents"])  # built when read: kept to be changed
    for post in document["documents"]:
        post["origin"] = "https://example.blogspot.com/search/label/x"
    text = github_annotations(document)
    assert "file=" not in text and "in post: https://example.blogspot.com/2025/12/" in text


def test_hostile_text_cannot_inject_a_command() -> None:
    text = github_annotations(build_document(hostile_report(), config=Config()))
    lines = text.splitlines()
    assert len(lines) == 2
    assert all(line.startswith(("::error ", "::warning ")) for line in lines)
    first = lines[0]
    assert "file=posts/dir%2C one/p%3A1.html,line=7," in first
    assert "::bad ::error file=evil.py::injected, with: colon %250A" in first


def test_no_findings_no_annotations() -> None:
    assert github_annotations(build_document(Report((), (), "0", "s", "f"), config=Config())) == ""


def test_step_summary_is_the_markdown(report: Report) -> None:
    document = build_document(report, config=Config())
    assert step_summary(document) == markdown_format.render(document)


def test_step_summary_is_cut_to_githubs_limit(report: Report) -> None:
    document = build_document(report, config=Config())
    document["documents"] = list(document["documents"])  # built when read: kept to be changed
    post = document["documents"][0]
    post["citations"] = post["citations"] * 3000
    text = step_summary(document)
    assert len(text.encode("utf-8")) <= STEP_SUMMARY_LIMIT
    assert text.endswith("see report.md)\n") and text.startswith("# citecheck FAILED")
