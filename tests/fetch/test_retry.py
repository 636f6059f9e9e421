from __future__ import annotations

from datetime import UTC, datetime

import pytest

from checker.fetch.retry import RetryPolicy, parse_retry_after
from checker.model import FetchResult, Outcome

POLICY = RetryPolicy(retries=2, backoff=0.5)


def _result(outcome: Outcome = Outcome.OK, status: int | None = 200, **headers: str) -> FetchResult:
    return FetchResult("https://a.example/", outcome, status_code=status, headers=headers)


@pytest.mark.parametrize(
    ("result", "retry"),
    [
        (_result(status=503), True),
        (_result(status=500), True),
        (_result(status=429), True),
        (_result(status=408), True),
        (_result(Outcome.TIMEOUT, None), True),
        (_result(Outcome.PROTOCOL, None), True),
        (_result(status=404), False),
        (_result(status=410), False),
        (_result(status=403), False),
        (_result(status=200), False),
        (_result(Outcome.DNS, None), False),
        (_result(Outcome.CONNECT, None), False),
        (_result(Outcome.TLS, None), False),
    ],
)
def test_what_is_retried(result: FetchResult, retry: bool) -> None:
    assert POLICY.should_retry(result, attempt=1) is retry


def test_retries_are_bounded() -> None:
    assert POLICY.should_retry(_result(status=503), attempt=2)
    assert not POLICY.should_retry(_result(status=503), attempt=3)
    assert not RetryPolicy(0, 0.5).should_retry(_result(status=503), attempt=1)


def test_backoff_grows_with_jitter() -> None:
    first = POLICY.wait(_result(status=503), 1)
    third = POLICY.wait(_result(status=503), 3)
    assert 0.5 <= first <= 0.75
    assert 2.0 <= third <= 3.0


def test_retry_after_seconds_and_date_are_capped() -> None:
    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert POLICY.wait(_result(status=429, **{"Retry-After": "3"}), 1) == 3.0
    dated = _result(status=503, **{"Retry-After": "Thu, 01 Jan 2026 12:00:10 GMT"})
    assert POLICY.wait(dated, 1, now=now) == 10.0
    assert POLICY.wait(_result(status=429, **{"Retry-After": "86400"}), 1) == 30.0


@pytest.mark.parametrize("value", ["soon", "", "-5"])
def test_unreadable_retry_after(value: str) -> None:
    assert parse_retry_after(value) is None


def test_a_plain_500_earns_one_retry_whatever_retries_allows() -> None:
    assert POLICY.should_retry(_result(status=500), attempt=1)
    assert not POLICY.should_retry(_result(status=500), attempt=2)
    assert not RetryPolicy(5, 0.5).should_retry(_result(status=500), attempt=2)
    assert not RetryPolicy(0, 0.5).should_retry(_result(status=500), attempt=1)


@pytest.mark.parametrize(
    "result",
    [
        _result(status=502),
        _result(status=503),
        _result(status=504),
        _result(status=408),
        _result(status=429),
        _result(status=500, **{"Retry-After": "2"}),
        _result(Outcome.TIMEOUT, None),
    ],
)
def test_the_others_keep_every_retry(result: FetchResult) -> None:
    assert POLICY.should_retry(result, attempt=2)
    assert not POLICY.should_retry(result, attempt=3)


def test_a_500_with_an_unreadable_retry_after_is_plain() -> None:
    assert not POLICY.should_retry(_result(status=500, **{"Retry-After": "soon"}), attempt=2)


@pytest.mark.parametrize("value", ["²", "1²", "٣", "\u0663\u0660"])
def test_a_retry_after_of_digits_not_ascii_is_unreadable(value: str) -> None:
    """``"²".isdigit()`` holds and ``float`` refuses it (a header byte 0xB2, read as Latin-1):
    the 503 raised out of the retry policy; an Arabic-Indic ``٣`` read as 3 s.  Unreadable,
    the answer gets the backoff of one without a ``Retry-After``."""
    assert parse_retry_after(value) is None
    answer = _result(status=503, **{"Retry-After": value})
    assert POLICY.should_retry(answer, attempt=1)
    assert 0.5 <= POLICY.wait(answer, 1) <= 0.75
