from __future__ import annotations

from checker.findings import Code, Severity
from checker.model import FetchResult, Finding, Outcome
from checker.verify.persistence import with_persistence

UNREACHABLE = Finding.of(Code.UNREACHABLE, "the server answered HTTP 503")
BROKEN = Finding.of(Code.BROKEN, "the server answered HTTP 404")


def _result(streak: int, *, persistent: bool = False) -> FetchResult:
    return FetchResult(
        "https://a.example/",
        Outcome.OK,
        status_code=503,
        failure_streak=streak,
        failing_since="2026-11-01T10:00:00+00:00" if streak else None,
        persistent_failure=persistent,
    )


def test_first_failure_is_left_alone() -> None:
    assert with_persistence([UNREACHABLE], _result(1)) == [UNREACHABLE]


def test_lasting_but_not_yet_persistent_stays_a_warning_and_says_so() -> None:
    [finding] = with_persistence([UNREACHABLE], _result(2))
    assert finding.severity is Severity.WARNING
    assert "failing in 2 runs in a row since 2026-11-01" in finding.message


def test_persistent_failure_becomes_an_error() -> None:
    [finding] = with_persistence([UNREACHABLE], _result(3, persistent=True))
    assert finding.severity is Severity.ERROR
    assert finding.message.endswith("; persistent)")


def test_other_codes_are_untouched() -> None:
    assert with_persistence([BROKEN], _result(5, persistent=True)) == [BROKEN]
