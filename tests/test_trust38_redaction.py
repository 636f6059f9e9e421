"""Secrets session 37's review found shown whole (trust, session 38).

A webhook's or bot's path read as its server reads it: ``/%73ervices/`` is ``/services/``, a
fully qualified host (``hooks.slack.com.``) is the same host, Telegram's ``/BOT…`` and
``/%62ot…`` hold the token as ``/bot…`` does.  OpenAI's legacy keys (``sk-`` and 48 base62,
``T3BlbkFJ`` in the middle) are redacted wherever they stand; slugs starting ``sk-`` stay.
"""

from __future__ import annotations

import pytest

from checker.redact import redact_text, redact_url

_SECRET = "XXXXsecretXXXXsecretXXXX"
_LEGACY_KEY = "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"

SHOWN_BEFORE = (
    f"https://hooks.slack.com/%73ervices/T0001/B0001/{_SECRET}",
    f"https://hooks.slack.com/SERVICES/T0001/B0001/{_SECRET}",
    f"https://hooks.slack.com./services/T0001/B0001/{_SECRET}",
    f"https://discord.com/api/%77ebhooks/123456/{_SECRET}",
    f"https://api.telegram.org/BOT123456:{_SECRET}/getMe",
    f"https://api.telegram.org/%62ot123456:{_SECRET}/getMe",
    f"https://api.telegram.org./bot123456:{_SECRET}/getMe",
    f"https://example.com/keys/{_LEGACY_KEY}",
    f"https://example.com/p?k={_LEGACY_KEY}",
    f"https://example.com/p#{_LEGACY_KEY}",
)

KEPT = (
    "https://example.com/task-sk-list-of-things-to-do-today-and-tomorrow",
    "https://example.com/sk-Ab3dEf6hIj9kLm2nOp5qXXXXXXXXZy8xWv7uTs6rQp5oNm4l",
    "https://example.com/%41bout/services-and-webhooks/bot-guide",
    "https://hooks.slack.com/%73ervices",
)


@pytest.mark.parametrize("url", SHOWN_BEFORE)
def test_the_secret_is_redacted(url: str) -> None:
    redacted = redact_url(url)
    assert "secret" not in redacted and "T3BlbkFJ" not in redacted
    assert "REDACTED" in redacted


@pytest.mark.parametrize("url", KEPT)
def test_what_holds_no_secret_is_kept(url: str) -> None:
    assert redact_url(url) == url


def test_the_service_keeps_its_spelling_and_its_ids() -> None:
    assert redact_url(f"https://api.telegram.org/BOT123456:{_SECRET}/getMe") == (
        "https://api.telegram.org/BOTREDACTED/getMe"
    )
    assert redact_url(f"https://hooks.slack.com/%73ervices/T0001/B0001/{_SECRET}") == (
        "https://hooks.slack.com/%73ervices/T0001/B0001/REDACTED"
    )


def test_a_legacy_key_in_a_message_is_redacted() -> None:
    assert redact_text(f"401 for key {_LEGACY_KEY}: invalid") == "401 for key REDACTED: invalid"
