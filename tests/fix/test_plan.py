"""Which verdicts ``fix`` repairs: only those naming their own remedy (plain unit tests)."""

from __future__ import annotations

from checker.findings import Code, Severity
from checker.fix import beyond_repair, plan_repairs
from checker.model import (
    CheckedCitation,
    CheckedDocument,
    Citation,
    CitationKind,
    Cited,
    Document,
    Finding,
    Report,
    Status,
)

URL = "https://news.example.org/a"
COPY = f"https://web.archive.org/web/20240101000000/{URL}"


def _report(*checked: CheckedCitation) -> Report:
    document = Document("file:///p.md", "p.md", None, None, tuple(c.citation for c in checked))
    return Report(("p.md",), (CheckedDocument(document, checked),), "0", "", "")


def _checked(
    finding: Finding,
    status: Status = Status.BROKEN,
    kind: CitationKind = CitationKind.LINK,
    archived: tuple[str, ...] = (),
) -> CheckedCitation:
    citation = Citation(kind, URL, Cited(archived=archived), line=3)
    return CheckedCitation(citation, status, findings=(finding,))


def _finding(code: Code, severity: Severity = Severity.ERROR, **kw: str) -> Finding:
    return Finding(code, severity, "m", kw.get("suggestion"), kw.get("archive_url"))


def test_a_dead_source_with_a_verified_copy_is_repaired_with_its_capture_day() -> None:
    (repair,) = plan_repairs(_report(_checked(_finding(Code.SOFT_404, archive_url=COPY))))
    assert (repair.origin, repair.line, repair.old_url, repair.new_url) == ("p.md", 3, URL, COPY)
    assert (repair.why, repair.archived, repair.version_date) == ("soft-404", True, "2024-01-01")


def test_a_moved_source_is_repaired_with_the_url_its_suggestion_names() -> None:
    moved = _finding(Code.REDIRECTED, Severity.INFO, suggestion="cite https://new.example/a")
    (repair,) = plan_repairs(_report(_checked(moved, Status.REDIRECTED)))
    assert (repair.new_url, repair.archived) == ("https://new.example/a", False)


def test_what_names_no_remedy_is_left_alone() -> None:
    left = [
        _checked(_finding(Code.BROKEN)),  # no verified copy
        _checked(
            _finding(Code.UNREACHABLE, Severity.WARNING, archive_url=COPY), Status.UNREACHABLE
        ),
        _checked(_finding(Code.BROKEN, Severity.INFO, archive_url=COPY), archived=(COPY,)),
        _checked(_finding(Code.BROKEN, archive_url=COPY), kind=CitationKind.EMBED),
        _checked(_finding(Code.TITLE_MISMATCH, suggestion="cite https://x/y"), Status.OK),
    ]
    assert plan_repairs(_report(*left)) == ()
    assert beyond_repair(_report(*left)) == 1


def test_an_unreachable_source_is_repaired_once_its_failure_persisted() -> None:
    persistent = _finding(Code.UNREACHABLE, Severity.ERROR, archive_url=COPY)
    (repair,) = plan_repairs(_report(_checked(persistent, Status.UNREACHABLE)))
    assert repair.why == "unreachable"
