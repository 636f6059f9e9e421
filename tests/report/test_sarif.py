"""report.sarif: valid SARIF 2.1.0, one rule per code, results at the post, stable fingerprints."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hostile_sample import hostile_report
from report_sample import POST_URL

from checker.config import Config
from checker.findings import CATALOGUE, Code, Severity
from checker.model import CheckedDocument, Document, Report
from checker.report import build_document
from checker.report.sarif import render

SCHEMA = json.loads(
    (Path(__file__).parent / "schemas" / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8")
)


def _log(report: Report, config: Config | None = None) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(render(build_document(report, config=config or Config())))
    jsonschema.validate(log, SCHEMA)
    return log


def test_valid_log_with_one_rule_per_code(report: Report) -> None:
    log = _log(report)
    assert log["version"] == "2.1.0"
    driver = log["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("citecheck", "0.1.0")
    rules = {rule["id"]: rule for rule in driver["rules"]}
    assert list(rules) == [code.value for code in Code]
    for code, entry in CATALOGUE.items():
        assert rules[code.value]["shortDescription"]["text"] == entry.summary
    levels = {c: rules[c]["defaultConfiguration"]["level"] for c in ("broken", "blocked")}
    assert levels == {"broken": "error", "blocked": "warning"}
    assert rules["redirected"]["defaultConfiguration"]["level"] == "note"


def test_invalid_log_is_rejected_by_the_schema() -> None:
    # Near miss: the vendored schema really checks (a bad level must not validate).
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": []}]}
    jsonschema.validate(bad, SCHEMA)
    bad["runs"][0]["results"] = [{"message": {"text": "m"}, "level": "fatal"}]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, SCHEMA)


def test_results_are_located_at_the_post(report: Report) -> None:
    results = _log(report)["runs"][0]["results"]
    assert len(results) == 10
    broken = next(r for r in results if r["ruleId"] == "broken")
    location = broken["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "seeds/000.txt", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 12}
    assert broken["level"] == "error"
    text = broken["message"]["text"]
    assert "HTTP 404" in text and "archived copy: https://web.archive.org/" in text
    related = broken["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert related == "https://news.example.com/2024/01/gone-story/"
    # Near miss: no line known, no region.
    blocked = next(r for r in results if r["ruleId"] == "blocked")
    assert "region" not in blocked["locations"][0]["physicalLocation"]


def test_message_has_cited_observed_and_suggestion(report: Report) -> None:
    results = _log(report)["runs"][0]["results"]
    title = next(r for r in results if r["ruleId"] == "title-mismatch")["message"]["text"]
    assert "cited “Russia's | Real Plan for 2026” · observed “Russia's Plan for Ukraine”" in title
    moved = next(r for r in results if r["ruleId"] == "redirected")
    assert "suggestion: cite https://new.example.com/a" in moved["message"]["text"]
    assert moved["level"] == "note"


def test_url_origin_locates_at_the_post_url(report: Report) -> None:
    checked = report.documents[0]
    document: Document = replace(checked.document, origin="https://example.blogspot.com/label")
    changed = replace(report, documents=(CheckedDocument(document, checked.citations),))
    result = _log(changed)["runs"][0]["results"][0]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": POST_URL}


def test_effective_severity_sets_the_level(report: Report) -> None:
    config = Config().with_(severity={Code.BLOCKED: Severity.ERROR})
    results = _log(report, config)["runs"][0]["results"]
    assert next(r for r in results if r["ruleId"] == "blocked")["level"] == "error"


def test_fingerprints_are_stable_and_distinct(report: Report) -> None:
    first = [r["partialFingerprints"] for r in _log(report)["runs"][0]["results"]]
    reworded = replace(report, version="9.9.9", started="2030-01-01T00:00:00+00:00")
    assert [r["partialFingerprints"] for r in _log(reworded)["runs"][0]["results"]] == first
    values = [f["citecheck/v1"] for f in first]
    assert len(set(values)) == len(values)


def test_hostile_strings_and_odd_paths_stay_valid() -> None:
    results = _log(hostile_report())["runs"][0]["results"]
    uri = results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "posts/dir,%20one/p:1.html"
    assert "::error file=evil.py" in results[0]["message"]["text"]


def test_an_interrupted_run_did_not_execute_successfully(report: Report) -> None:
    """An interrupted run's log says it did not finish (probe 30i: it said it had), and why, so
    code scanning cannot take its few results for the whole run's."""
    (invocation,) = _log(replace(report, interrupted=True))["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"].startswith("interrupted before its end")
    (whole,) = _log(report)["runs"][0]["invocations"]
    assert whole["executionSuccessful"] is True and "toolExecutionNotifications" not in whole
