"""report.json contract: keys, values, effective severities and the exit decision."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from lxml import etree
from report_sample import JA_TITLE, POST_URL

from checker.config import Config, FailOn
from checker.findings import Code, Severity
from checker.model import Report, Status
from checker.report import build_document, failing, html, junit, markdown, sarif
from checker.report import json as json_format

CITATION_KEYS = {"kind", "url", "final_url", "platform", "cited", "observed", "status", "findings"}
CITED_KEYS = {"title", "author", "date", "publisher", "handle", "text"}
OBSERVED_KEYS = {"status_code", "title", "author", "date", "site_name", "handle", "text"}
FINDING_KEYS = {"code", "severity", "message", "suggestion", "archive_url"}


def test_top_level_contract(report: Report) -> None:
    document = build_document(report, config=Config())
    assert document["schema_version"] == 1
    assert document["tool"] == {"name": "citecheck", "version": "0.1.0"}
    assert document["inputs"] == ["https://example.blogspot.com/search/label/ウクライナ"]
    summary = document["summary"]
    assert (summary["documents"], summary["citations"]) == (2, 11)
    assert summary["findings"] == {
        "missing-url": 1,
        "broken": 1,
        "blocked": 1,
        "unreachable": 1,
        "redirected": 1,
        "title-mismatch": 1,
        "publisher-mismatch": 1,
        "embed-text-mismatch": 1,
        "embed-secondary-source": 1,
        "quote-not-found": 1,
    }
    assert summary["severities"] == {"error": 3, "warning": 6, "info": 1}
    assert summary["statuses"]["ok"] == 5 and summary["statuses"]["missing"] == 1
    assert sum(summary["statuses"].values()) == 11
    assert (summary["failing"], summary["failed"]) == (3, True)


def test_document_and_citation_fields(report: Report) -> None:
    document = build_document(report, config=Config())
    post = document["documents"][0]
    assert (post["url"], post["title"], post["published"]) == (POST_URL, JA_TITLE, "2025-12-08")
    kinds = {c["kind"] for d in document["documents"] for c in d["citations"]}
    assert kinds == {"source", "link", "embed", "quote"}
    statuses = {c["status"] for d in document["documents"] for c in d["citations"]}
    assert statuses == {s.value for s in Status}
    for citation in (c for d in document["documents"] for c in d["citations"]):
        assert citation.keys() >= CITATION_KEYS
        assert citation["cited"].keys() >= CITED_KEYS
        assert citation["observed"] is None or citation["observed"].keys() >= OBSERVED_KEYS
        assert all(f.keys() >= FINDING_KEYS for f in citation["findings"])


def test_citation_values(report: Report) -> None:
    citations = build_document(report, config=Config())["documents"]
    source, missing, _, broken, redirected, *_, skipped, _quote = citations[0]["citations"]
    embed = citations[1]["citations"][0]
    assert source["cited"]["subtitle"] == "With Donbas in peril, Europe must pressure Russia"
    assert source["observed"]["site_name"] == "Foreign Affairs" and source["line"] == 3
    assert missing["url"] is None and missing["observed"] is None
    assert broken["findings"][0]["archive_url"].startswith("https://web.archive.org/")
    assert redirected["findings"][0]["suggestion"] == "cite https://new.example.com/a"
    assert redirected["final_url"] == "https://new.example.com/a"
    assert skipped["note"] == "not checked: not an http(s) URL"
    assert (embed["platform"], embed["observed"]["handle"]) == ("twitter", "TrumpDailyPosts")
    assert source["platform"] is None


def test_severity_override_is_the_effective_one(report: Report) -> None:
    config = Config().with_(
        severity={Code.BLOCKED: Severity.ERROR, Code.TITLE_MISMATCH: Severity.INFO}
    )
    document = build_document(report, config=config)
    citations = [c for d in document["documents"] for c in d["citations"]]
    found = {f["code"]: f for c in citations for f in c["findings"]}
    assert (found["blocked"]["severity"], found["blocked"]["failing"]) == ("error", True)
    assert (found["title-mismatch"]["severity"], found["title-mismatch"]["failing"]) == (
        "info",
        False,
    )
    assert found["broken"]["severity"] == "error"
    assert document["summary"]["severities"] == {"error": 3, "warning": 5, "info": 2}


@pytest.mark.parametrize(
    ("fail_on", "severity", "expected"),
    [
        (FailOn(), {}, True),
        (FailOn(Severity.WARNING), {}, True),
        (FailOn(Severity.INFO), {}, True),
        (FailOn.parse("redirected"), {}, True),
        (FailOn.parse("soft-404,embed-unavailable"), {}, False),
        # Errors demoted by config no longer fail the default threshold.
        (
            FailOn(),
            {c: Severity.WARNING for c in (Code.MISSING_URL, Code.BROKEN, Code.TITLE_MISMATCH)},
            False,
        ),
        (
            FailOn(Severity.WARNING),
            {c: Severity.INFO for c in Code},
            False,
        ),
    ],
)
def test_failing(
    report: Report, fail_on: FailOn, severity: dict[Code, Severity], expected: bool
) -> None:
    config = Config().with_(fail_on=fail_on, severity=severity)
    assert failing(report, config) is expected
    assert build_document(report, config=config)["summary"]["failed"] is expected


@pytest.mark.parametrize("interrupted", [False, True])
def test_an_interrupted_run_failed_in_every_format(report: Report, interrupted: bool) -> None:
    """An interrupted run with no failing finding among what it checked had
    ``summary.failed`` false (probe 30i): a CI consumer reading it alone saw a pass.  It is
    true, and every format says the same: report.md's and report.html's headline, JUnit's
    error case, SARIF's ``executionSuccessful``; a finished run with none is a pass in all."""
    config = Config().with_(severity={c: Severity.INFO for c in Code})
    document = build_document(replace(report, interrupted=interrupted), config=config)
    assert (document["summary"]["failing"], document["summary"]["failed"]) == (0, interrupted)
    headline = markdown.render(document).splitlines()[0]
    assert headline.startswith("# citecheck INTERRUPTED" if interrupted else "# citecheck passed")
    assert ('<span class="verdict failed">' in html.render(document)) is interrupted
    junit_errors = etree.fromstring(junit.render(document).encode()).get("errors")
    assert junit_errors == ("1" if interrupted else "0")
    (invocation,) = json.loads(sarif.render(document))["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is not interrupted


def test_an_interrupted_run_with_failing_findings_is_headlined_failed(report: Report) -> None:
    """What it did check failed: FAILED (the count of failing findings) stays the headline."""
    document = build_document(replace(report, interrupted=True), config=Config())
    assert (document["summary"]["failing"], document["summary"]["failed"]) == (3, True)
    assert markdown.render(document).startswith("# citecheck FAILED: 3 failing")


def test_empty_report_passes() -> None:
    empty = Report((), (), "0.1.0", "s", "f")
    document = build_document(empty, config=Config())
    assert document["summary"]["findings"] == {}
    assert failing(empty, Config().with_(fail_on=FailOn(Severity.INFO))) is False


def test_json_render_keeps_japanese_and_round_trips(report: Report) -> None:
    document = build_document(report, config=Config())
    text = json_format.render(document)
    assert JA_TITLE in text and "\\u" not in text
    assert text.endswith("}\n") and text.startswith('{\n  "schema_version": 1')
    assert json.loads(text) == document


def test_each_findings_severity_is_found_once_a_build(
    report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A finding's effective severity and whether it fails the run come from one look at the
    config: each finding of a post asked for its severity twice (its ``severity`` and its
    ``failing``), and again when counted (issue 19, session 33)."""
    from checker.report import document  # noqa: PLC0415

    findings = sum(len(c.findings) for d in report.documents for c in d.citations)
    calls: list[object] = []
    real = document._severity

    def counted(finding: object, config: Config) -> Severity:
        calls.append(finding)
        return real(finding, config)  # type: ignore[arg-type]

    monkeypatch.setattr(document, "_severity", counted)
    built = build_document(report, config=Config())
    calls.clear()
    posts = list(built["documents"])
    assert findings > 0 and len(calls) == findings
    calls.clear()
    marks = list(built["documents"].finding_marks())
    assert len(marks) == findings and len(calls) == findings
    assert [(m.code, m.severity, m.failing) for m in marks] == [
        (f["code"], f["severity"], f["failing"])
        for post in posts
        for c in post["citations"]
        for f in c["findings"]
    ]
