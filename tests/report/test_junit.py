"""report.xml: valid JUnit (Jenkins junit-10.xsd), failures are exactly the failing findings."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hostile_sample import hostile_report
from lxml import etree
from report_sample import POST_URL, TWEETS_URL

from checker.config import Config, FailOn
from checker.findings import Code, Severity
from checker.model import Report
from checker.report import build_document
from checker.report.junit import render

SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "schemas" / "junit-10.xsd")))


def _parse(text: str) -> Any:
    root = etree.fromstring(text.encode("utf-8"))
    SCHEMA.assertValid(root)
    return root


@pytest.fixture
def root(report: Report) -> Any:
    return _parse(render(build_document(report, config=Config())))


def test_valid_and_counted(root: Any) -> None:
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("11", "3", "0")
    assert root.get("time") == "60.000"


def test_one_suite_per_post_one_case_per_citation(root: Any) -> None:
    suites = root.findall("testsuite")
    assert [len(s.findall("testcase")) for s in suites] == [9, 2]
    assert suites[0].get("name").endswith("(Foreign Affairs)")
    assert {c.get("classname") for c in suites[0]} - {None} == {POST_URL}
    assert {c.get("classname") for c in suites[1].findall("testcase")} == {TWEETS_URL}
    names = [c.get("name") for c in suites[0].findall("testcase")]
    assert names[0] == "source https://www.foreignaffairs.com/ukraine/hardest-winter"
    assert names[1] == "source “Why Putin Won't Stop” (no URL) at line 40"


def test_failures_warnings_and_skips(root: Any) -> None:
    suite = root.find("testsuite")
    assert (suite.get("failures"), suite.get("skipped")) == ("3", "1")
    failures = root.findall(".//failure")
    assert [f.get("type") for f in failures] == ["missing-url", "title-mismatch", "broken"]
    assert "archived copy: https://web.archive.org/" in failures[2].text
    assert "title: cited “Russia's | Real Plan for 2026”" in failures[1].text
    mismatch = root.findall(".//testcase")[2]
    assert "warning publisher-mismatch" in mismatch.find("system-out").text
    assert root.find(".//testcase[skipped]").get("name") == "link mailto:editor@example.com"
    assert root.find(".//skipped").get("message") == "not checked: not an http(s) URL"
    # Warnings are written out but fail nothing (near miss of a failure).
    embed = root.findall("testsuite")[1].find("testcase")
    assert embed.find("failure") is None
    assert "embed-secondary-source" in embed.findtext("system-out")


@pytest.mark.parametrize(
    ("config", "failures", "failed_cases"),
    [
        (Config().with_(fail_on=FailOn(Severity.WARNING)), 9, 8),
        (Config().with_(fail_on=FailOn.parse("redirected")), 1, 1),
        (Config().with_(severity={c: Severity.INFO for c in Code}), 0, 0),
    ],
)
def test_failures_follow_the_failing_flag(
    report: Report, config: Config, failures: int, failed_cases: int
) -> None:
    root = _parse(render(build_document(report, config=config)))
    assert len(root.findall(".//failure")) == failures
    assert len(root.findall(".//testcase[failure]")) == failed_cases == int(root.get("failures"))


def test_hostile_text_stays_valid_xml() -> None:
    root = _parse(render(build_document(hostile_report(), config=Config())))
    failure = root.find(".//failure")
    assert "::error file=evil.py" in failure.get("message")
    assert "\x07" not in etree.tostring(root, encoding="unicode")
    assert root.find(".//testcase").get("name") == "link javascript:window.__pwned=3"


def test_empty_report() -> None:
    empty = build_document(Report((), (), "0", "s", "f"), config=Config())
    root = _parse(render(empty))
    assert (root.get("tests"), len(root)) == ("0", 0)
    assert root.get("time") is None


def test_an_interrupted_run_is_in_error(report: Report) -> None:
    """An interrupted run's report.xml holds a case in error (probe 30i: errors="0", its
    unchecked citations only skipped, a CI server's counts showed a pass)."""
    root = _parse(render(build_document(replace(report, interrupted=True), config=Config())))
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("12", "3", "1")
    run = root.find("testsuite")
    assert (run.get("name"), run.get("errors")) == ("citecheck run", "1")
    error = run.find("testcase/error")
    assert error.get("message").startswith("interrupted before its end")
