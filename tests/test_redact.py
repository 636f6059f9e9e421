"""Secrets in cited URLs never reach a report: the redaction leaf, as plain unit tests."""

from __future__ import annotations

import pytest

from checker.redact import REDACTED, redact_text, redact_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://user:pass@host.example/p", f"https://{REDACTED}@host.example/p"),
        ("https://tok@host.example:8443/p", f"https://{REDACTED}@host.example:8443/p"),
        (
            "https://h.example/a?access_token=abc&page=2",
            f"https://h.example/a?access_token={REDACTED}&page=2",
        ),
        (
            "https://b.s3.example/o?X-Amz-Signature=ff&X-Amz-Date=1",
            f"https://b.s3.example/o?X-Amz-Signature={REDACTED}&X-Amz-Date=1",
        ),
        ("https://h.example/a?sig=1&key=2", f"https://h.example/a?sig={REDACTED}&key={REDACTED}"),
        ("https://h.example/a#access_token=x", f"https://h.example/a#access_token={REDACTED}"),
        ("https://h.example/a?page=2&q=x", "https://h.example/a?page=2&q=x"),
        ("https://h.example/plain", "https://h.example/plain"),
        ("http://[bad@x/?token=1", f"http://{REDACTED}@x/?token={REDACTED}"),
    ],
)
def test_redact_url(url: str, expected: str) -> None:
    assert redact_url(url) == expected


def test_redact_text_finds_urls_in_messages() -> None:
    text = "fetched https://u:p@h.example/x?api_key=9 then gave up"
    assert (
        redact_text(text)
        == f"fetched https://{REDACTED}@h.example/x?api_key={REDACTED} then gave up"
    )
    assert redact_text("no url here") == "no url here"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://h.example/cart;jsessionid=S3CR3T?page=2",
            f"https://h.example/cart;jsessionid={REDACTED}?page=2",
        ),
        (
            "https://h.example/a;PHPSESSID=S3CR3T/b",
            f"https://h.example/a;PHPSESSID={REDACTED}/b",
        ),
        ("https://h.example/a?page=1;token=S3CR3T", f"https://h.example/a?page=1;token={REDACTED}"),
        (
            "https://h.example/a?access%5Ftoken=S3CR3T",
            f"https://h.example/a?access%5Ftoken={REDACTED}",
        ),
        ("https://h.example/a;v=2/b", "https://h.example/a;v=2/b"),
    ],
)
def test_secrets_in_path_parameters_and_other_separators(url: str, expected: str) -> None:
    """Session ids ride in path parameters (``;jsessionid=``); ``;`` also separates queries."""
    assert redact_url(url) == expected
