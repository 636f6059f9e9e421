"""Redaction of what a URL cut at a space leaves (session 29 review of left29a): a password
is only what userinfo can be, so a text's later ``@`` does not swallow the text between, and
a secret field after a fragment's ``#`` is hidden as after ``?``."""

from __future__ import annotations

import pytest

from checker.memo import encode
from checker.redact import redact_text
from checker.report.document import displayed


@pytest.mark.parametrize(
    "text",
    [
        "https://host:8080 is down; mail admin@example.org",
        '{"url": "https://host:8080", "text": "see @jack"}',
        "https://host:8080, then ask ops@example.org",
        "https://host:8080 'quoted' me@x.org",
        "https://host:8080 two words@x.org",
    ],
)
def test_a_later_at_sign_is_not_a_password_end(text: str) -> None:
    assert redact_text(text) == text
    assert displayed(text) == text
    assert encode({"text": text}) is not None  # kept in the memo: nothing to redact


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("https://u:p w@host/x", "https://REDACTED@host/x"),
        ("see https://u:s3cret@bad host/x", "see https://REDACTED@bad host/x"),
        ("https://u:pw@host/x y", "https://REDACTED@host/x y"),
    ],
)
def test_a_password_is_still_redacted(text: str, shown: str) -> None:
    assert redact_text(text) == shown


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            "https://x.org/a b#access_token=abc&x=1",
            "https://x.org/a b#access_token=REDACTED&x=1",
        ),
        ("https://x.org/ab#access_token=abc&x=1", "https://x.org/ab#access_token=REDACTED&x=1"),
    ],
)
def test_a_field_after_a_fragment_mark_is_redacted(text: str, shown: str) -> None:
    assert redact_text(text) == shown
    assert "abc" not in displayed(text)
