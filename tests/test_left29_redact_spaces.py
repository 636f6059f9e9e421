"""A URL's secret is redacted in a message wherever it stands, also past a space written in
the URL (session 28 left: ``redact_text`` found the URL up to the space, so
``https://u:pw@bad host/?token=x`` showed ``?token=x``)."""

from __future__ import annotations

import pytest

from checker.redact import redact_text

JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        (
            "cannot fetch https://u:pw@bad host/?token=s3cret (refused)",
            "cannot fetch https://REDACTED@bad host/?token=REDACTED (refused)",
        ),
        ("https://a.example/x y?token=s3cret", "https://a.example/x y?token=REDACTED"),
        (
            "https://a.example/a b c&sig=s3cret and more",
            "https://a.example/a b c&sig=REDACTED and more",
        ),
        ("https://u:p w@host/x", "https://REDACTED@host/x"),
        (f"https://a.example/x y?t={JWT}", "https://a.example/x y?t=REDACTED"),
        (
            "https://a.example/x?q=1 &X-Amz-Signature=abc",
            "https://a.example/x?q=1 &X-Amz-Signature=REDACTED",
        ),
    ],
)
def test_a_secret_past_a_space_is_redacted(message: str, shown: str) -> None:
    assert redact_text(message) == shown
    assert "s3cret" not in redact_text(message)


@pytest.mark.parametrize(
    "message",
    [
        "plain https://a.example/?page=2 and q=1 ok",
        "mail a@b.example, then https://x.example/a: yes",
        "https://a.example/x is fine, see time=3 s",
    ],
)
def test_no_secret_nothing_changed(message: str) -> None:
    assert redact_text(message) == message
