"""Probe 19b: tokens written in a URL's path, and JWTs in any query value, are redacted.

A Slack or Discord webhook's URL is its secret (``hooks.slack.com/services/T…/B…/TOKEN``,
``discord.com/api/webhooks/ID/TOKEN``), a Telegram bot's token is a path segment
(``api.telegram.org/botTOKEN/…``), and a JWT is a bearer credential whatever its parameter is
called (``?jwt=eyJ…``, ``?t=eyJ…``): each was left as written in every report.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.redact import carries_secret, redact_text, redact_url
from tests.fetch.support import run_citecheck

_JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlU0VDUkVU"


@pytest.mark.parametrize(
    ("url", "redacted"),
    [
        (
            "https://hooks.slack.com/services/T0123/B0456/SECRETabc",
            "https://hooks.slack.com/services/T0123/B0456/REDACTED",
        ),
        (
            "https://discord.com/api/webhooks/123456/SECRET-tok_en",
            "https://discord.com/api/webhooks/123456/REDACTED",
        ),
        (
            "https://discordapp.com/api/v10/webhooks/123456/SECRET/slack?wait=true",
            "https://discordapp.com/api/v10/webhooks/123456/REDACTED/slack?wait=true",
        ),
        (
            "https://api.telegram.org/bot123456:SECRET-x/sendMessage?chat_id=1",
            "https://api.telegram.org/botREDACTED/sendMessage?chat_id=1",
        ),
        (
            "https://api.telegram.org/file/bot123456:SECRET/photos/a.jpg",
            "https://api.telegram.org/file/botREDACTED/photos/a.jpg",
        ),
        (f"https://x.example/p?jwt={_JWT}&page=2", "https://x.example/p?jwt=REDACTED&page=2"),
        (f"https://x.example/p?t={_JWT}", "https://x.example/p?t=REDACTED"),
        (f"https://x.example/p#state={_JWT}", "https://x.example/p#state=REDACTED"),
    ],
)
def test_a_path_token_or_a_jwt_is_redacted(url: str, redacted: str) -> None:
    assert redact_url(url) == redacted
    assert carries_secret(url)  # so it is never sent to the archive either
    assert redact_text(f"see {url} now") == f"see {redacted} now"


@pytest.mark.parametrize(
    "url",
    [
        "https://hooks.slack.com/services/T0123",  # no token in it
        "https://discord.com/api/webhooks/123456",
        "https://news.example/services/a/b/c",  # the same path on another host
        "https://news.example/bot/page",
        "https://news.example/p?v=1.2.3&q=eyJ",  # dotted, but no JWT
        "https://news.example/p?q=eyJhbGci.x.y%20z",
    ],
)
def test_a_url_with_no_such_token_is_kept(url: str) -> None:
    assert redact_url(url) == url


def test_no_report_holds_a_webhook_token_or_a_jwt(tmp_path: Path) -> None:
    """Every format and the terminal: the citations' requests are refused on loopback."""
    secrets = ("SECRETslack", "SECRETdiscord", "SECRETtelegram", _JWT.rsplit(".", 1)[1])
    post = tmp_path / "post.md"
    post.write_text(
        "# Hooks\n\n"
        "[a](https://hooks.slack.com/services/T0/B0/SECRETslack) "
        "[b](https://discord.com/api/webhooks/1/SECRETdiscord) "
        "[c](https://api.telegram.org/bot1:SECRETtelegram/getMe) "
        f"[d](https://news.example/story?jwt={_JWT})\n",
        encoding="utf-8",
    )
    connect = [
        arg
        for host in ("hooks.slack.com", "discord.com", "api.telegram.org", "news.example")
        for arg in ("--connect-to", f"{host}:443:127.0.0.1:9")
    ]
    done = run_citecheck(
        ["check", "post.md", "--no-store", "--archive", "off", "--retries", "0", "-v",
         "--format", "json,md,html,junit,sarif,csv", "--report-dir", "out", *connect],
        tmp_path,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    written = [p.read_text(encoding="utf-8") for p in (tmp_path / "out").iterdir() if p.is_file()]
    assert len(written) >= 6
    for text in (done.stdout, done.stderr, *written):
        for secret in secrets:
            assert secret not in text
    assert "REDACTED" in done.stdout + done.stderr
