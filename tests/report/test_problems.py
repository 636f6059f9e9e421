"""Every format shows the run's problems, and every output says what the run checked.

A run that could not read a post or checked nothing fails (exit 1); a reader of any one format
(CI log, pull-request summary, JUnit tab, code scanning, spreadsheet, browser) must see why.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from dataclasses import replace
from typing import Any

import pytest
from report_sample import sample_report

from checker.config import Config
from checker.findings import Code
from checker.model import CheckedCitation, Finding, Problem, Report, Status
from checker.report import accounting_line, build_document, github_annotations
from checker.report import csv as csv_format
from checker.report import html as html_format
from checker.report import junit as junit_format
from checker.report import markdown as markdown_format
from checker.report import sarif as sarif_format
from checker.report.accounting import accounting

UNREADABLE = "https://example.blogspot.com/2025/12/blog-post_9.html"
EMPTY_INPUT = "posts/empty/"
UNREADABLE_MESSAGE = "discovery found this post but could not read it: HTTP 503"
NOTHING_MESSAGE = "the run checked no citation: no citation was found in 0 post(s)"


def _with_problems(report: Report) -> Report:
    problems = (
        Problem(UNREADABLE, Finding.of(Code.POST_UNREADABLE, UNREADABLE_MESSAGE)),
        Problem(EMPTY_INPUT, Finding.of(Code.NOTHING_CHECKED, "this input yielded no post")),
        Problem(None, Finding.of(Code.NOTHING_CHECKED, NOTHING_MESSAGE)),
    )
    return replace(report, inputs=(*report.inputs, EMPTY_INPUT), problems=problems)


@pytest.fixture
def document() -> dict[str, Any]:
    return build_document(_with_problems(sample_report()), config=Config())


def test_markdown_lists_the_problems(document: dict[str, Any]) -> None:
    text = markdown_format.render(document)
    section = text.split("## Problems of the run", 1)[1].split("\n## ", 1)[0]
    assert f"- <{UNREADABLE}>" in section
    assert "**error** `post-unreadable` (failing): " + UNREADABLE_MESSAGE in section
    assert "- posts/empty/" in section and "- the run" in section
    assert section.count("`nothing-checked` (failing)") == 2
    assert "| post-unreadable | error | 1 | 1 |" in text
    assert "| nothing-checked | error | 2 | 2 |" in text
    assert "Checked: 2 inputs (1 yielded no post), 3 posts (2 read, 1 unreadable)" in text


def test_html_shows_the_problems(document: dict[str, Any]) -> None:
    page = html_format.render(document)
    panel = page.split('<section class="problems panel"', 1)[1].split("</section>", 1)[0]
    assert f'<a href="{UNREADABLE}" rel="noopener noreferrer nofollow">{UNREADABLE}</a>' in panel
    assert '<code>post-unreadable</code> <span class="failing">FAILING</span>' in panel
    assert f"{EMPTY_INPUT}: this input yielded no post" in panel
    assert "the run: the run checked no citation" in panel
    assert "Checked: 2 inputs (1 yielded no post), 3 posts" in page


def test_junit_has_a_failing_case_per_problem(document: dict[str, Any]) -> None:
    root = ET.fromstring(junit_format.render(document))
    suite = root.findall("testsuite")[0]
    assert suite.get("name") == "citecheck run"
    assert suite.get("tests") == "3" and suite.get("failures") == "3"
    names = [case.get("name") for case in suite.findall("testcase")]
    assert names == [
        f"post-unreadable: {UNREADABLE}",
        f"nothing-checked: {EMPTY_INPUT}",
        "nothing-checked: the run",
    ]
    failure = suite.findall("testcase")[0].find("failure")
    assert failure is not None and failure.get("message") == UNREADABLE_MESSAGE
    assert int(root.get("failures", "0")) == 3 + sum(
        int(s.get("failures", "0")) for s in root.findall("testsuite")[1:]
    )


def test_sarif_has_a_located_result_per_problem(document: dict[str, Any]) -> None:
    log = json.loads(sarif_format.render(document))
    results = [r for r in log["runs"][0]["results"] if "subject" in r["properties"]]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("post-unreadable", "error"),
        ("nothing-checked", "error"),
        ("nothing-checked", "error"),
    ]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in results]
    assert uris[0] == {"uri": UNREADABLE}
    assert uris[1] == {"uri": EMPTY_INPUT, "uriBaseId": "%SRCROOT%"}
    assert uris[2] == {"uri": sarif_format._uri(document["inputs"][0])}  # the run's first input
    assert results[2]["message"]["text"].startswith("the run: the run checked no citation")
    assert len({r["partialFingerprints"]["citecheck/v1"] for r in results}) == 3


def test_csv_has_a_row_per_problem_first(document: dict[str, Any]) -> None:
    rows = list(csv.DictReader(io.StringIO(csv_format.render(document).lstrip("\ufeff"))))
    problems = [r for r in rows if r["kind"] == "problem"]
    assert rows[:3] == problems
    assert [(r["post_url"], r["code"], r["failing"]) for r in problems] == [
        (UNREADABLE, "post-unreadable", "true"),
        (EMPTY_INPUT, "nothing-checked", "true"),
        ("", "nothing-checked", "true"),
    ]
    assert problems[0]["message"] == UNREADABLE_MESSAGE


def test_annotations_show_the_problems_failing_first(document: dict[str, Any]) -> None:
    lines = github_annotations(document).splitlines()
    problems = [line for line in lines if "post-unreadable" in line or "nothing-checked" in line]
    assert len(problems) == 3
    assert all(line.startswith("::error ") for line in problems)
    assert f"title=citecheck post-unreadable%3A {UNREADABLE.replace(':', '%3A')}::" in (problems[0])
    assert f"about: {UNREADABLE}" in problems[0]
    assert problems[1].startswith("::error file=posts/empty/,title=citecheck nothing-checked")
    assert "title=citecheck nothing-checked%3A the run::" in problems[2]
    first_warning = next(i for i, line in enumerate(lines) if line.startswith("::warning"))
    assert all(lines.index(line) < first_warning for line in problems)


def test_problems_count_in_the_summary_and_fail_the_run(document: dict[str, Any]) -> None:
    summary = document["summary"]
    assert summary["findings"]["post-unreadable"] == 1
    assert summary["findings"]["nothing-checked"] == 2
    assert summary["failed"] is True


def _crashed(checked: CheckedCitation) -> CheckedCitation:
    finding = Finding.of(Code.INTERNAL_ERROR, "checking this citation failed with ValueError")
    note = "not checked: internal error (ValueError)"
    return replace(checked, status=Status.SKIPPED, findings=(finding,), note=note)


def test_the_accounting_counts_everything() -> None:
    report = _with_problems(sample_report())
    first, second = report.documents
    citations = (*first.citations[:-1], _crashed(first.citations[-1]))
    private = replace(
        first.citations[0],
        status=Status.SKIPPED,
        findings=(),
        note="not checked: the host is on a private or local network; use --allow-private",
    )
    first = replace(first, citations=(*citations, private, private))
    second = replace(second, document=replace(second.document, also_from=("posts/x.md",)))
    report = replace(report, documents=(first, second))
    counts = accounting(report)
    assert counts == {
        "inputs": 2,
        "inputs_without_posts": 1,
        "listings_unreadable": 0,
        "listings_kept_off": 0,
        "posts_found": 3,
        "posts_read": 2,
        "posts_unreadable": 1,
        "posts_found_again": 1,
        "citations": 13,
        "checked": 9,
        "skipped": 3,
        "skipped_reasons": {"private address": 2, "not http(s)": 1},
        "not_checked": 1,
        "not_checked_reasons": {"internal error": 1},
    }
    line = accounting_line(build_document(report, config=Config()))
    assert line == (
        "2 inputs (1 yielded no post), 3 posts (2 read, 1 unreadable; 1 found again by another "
        "input, checked once), 13 citations: 9 checked, 3 skipped (2 private address, "
        "1 not http(s)), 1 not checked (internal error)"
    )


def test_the_accounting_of_a_plain_run_is_short(report: Report) -> None:
    line = accounting_line(build_document(report, config=Config()))
    assert line == "1 input, 2 posts, 11 citations: 10 checked, 1 skipped (not http(s))"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("hxxps://evil[.]example[.]com/payload", "defanged address"),
    ],
)
def test_a_skip_the_verdict_explains_is_counted_under_its_own_name(url: str, reason: str) -> None:
    """Relative links in local files and defanged addresses were counted as "skipped: other"."""
    from checker.model import Citation, CitationKind  # noqa: PLC0415
    from checker.report.accounting import skip_reason  # noqa: PLC0415
    from checker.verify.availability import unfetched_verdict  # noqa: PLC0415

    verdict = unfetched_verdict(url)
    assert verdict is not None and verdict.status is Status.SKIPPED
    checked = CheckedCitation(Citation(CitationKind.LINK, url), Status.SKIPPED, note=verdict.note)
    assert skip_reason(checked) == reason
