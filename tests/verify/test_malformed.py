"""Issue 12: a cited URL that cannot work as written is malformed-url, with the fix, unfetched."""

from __future__ import annotations

import pytest

from checker.findings import Code
from checker.model import FetchResult, Outcome, Status
from checker.verify.availability import classify, unfetched_verdict


@pytest.mark.parametrize(
    ("url", "suggestion"),
    [
        ("htps://www.example.com/a", "did you mean https://www.example.com/a?"),
        ("http//example.com/x", "did you mean http://example.com/x?"),
        ("https:/example.com/x", "did you mean https://example.com/x?"),
        ("hxxp://evil.example/x", "did you mean http://evil.example/x?"),
        ("www.example.com/x", "did you mean https://www.example.com/x?"),
    ],
)
def test_near_misses_are_broken_with_the_fix(url: str, suggestion: str) -> None:
    verdict = unfetched_verdict(url)
    assert verdict is not None
    assert verdict.status is Status.BROKEN
    (finding,) = verdict.findings
    assert finding.code is Code.MALFORMED_URL
    assert finding.suggestion == suggestion


def test_a_local_file_reference_is_left_to_the_disk() -> None:
    """Looked up on disk (:mod:`checker.fetch.local`), not skipped: tests/fetch/test_local.py."""
    assert unfetched_verdict("file:///home/me/posts/other.md") is None


@pytest.mark.parametrize("url", ["https://ok.example/a", "http://ok.example", "mailto:a@b"])
def test_everything_else_is_fetched(url: str) -> None:
    assert unfetched_verdict(url) is None


def test_an_invalid_url_from_fetch_is_worded_the_same_way() -> None:
    result = FetchResult("http:/x", Outcome.INVALID_URL, error="malformed URL: no host")
    verdict = classify(result, cited_url="http:/x")
    (finding,) = verdict.findings
    assert (verdict.status, finding.code) == (Status.BROKEN, Code.MALFORMED_URL)
    assert finding.message == "the URL cannot work as written (malformed URL: no host)"
    assert finding.suggestion == "did you mean http://x?"
