"""Credential kinds no prefix of the redaction caught are redacted wherever they stand
(session 37).

OpenAI's project, service-account and admin keys, Anthropic's keys, Slack's app-level and
rotating tokens, AWS access key ids, Google API keys and Hugging Face tokens were shown whole in
a cited URL's path, a query value of any name, a fragment and a message: in every output.  A slug
that starts like one (``/desk-ant-farm``, ``/sk-ant-farm-visits``) stays as written.
"""

from __future__ import annotations

import pytest

from checker.redact import REDACTED, carries_secret, redact_text, redact_url

# Shaped as the real ones are: random base64url (mixed case), Slack's app token with its
# version, app id and number, AWS key ids of 16 upper-case letters and digits exactly
_OPENAI = "sk-proj-" + "aB3" * 20
_OPENAI_REAL = "sk-proj-" + "Xq7_Lm2-Tz9RwK4p" * 3 + "T3BlbkFJ" + "nV5hGd8sJ0cYbE1u" * 3
_SERVICE = "sk-svcacct-" + "Fh2kQ9wLz_Rt5Yp-" * 4
_ADMIN = "sk-admin-" + "Pz4Ns8Vq2Mk6Lc0W" * 4
_ANTHROPIC = "sk-ant-api03-" + "Jd8Kf2_Lq9Wm-Xz4" * 6 + "AA"
_ANTHROPIC_ADMIN = "sk-ant-admin01-" + "Jd8Kf2_Lq9Wm-Xz4" * 6 + "AA"
_SLACK_APP = "xapp-1-A0123ABCD45-1234567890123-" + "0f1e2d3c4b5a6978" * 4
_SLACK_ROTATING = "xoxe-1-" + "My0yLTEyMzQ1Njc4OTAt" * 5
_SLACK_ROTATING_USER = "xoxe.xoxp-1-" + "My0yLTEyMzQ1Njc4OTAt" * 5
_AWS = "AKIAIOSFODNN7EXAMPLE"
_AWS_TEMPORARY = "ASIAQWERTYUIOPASDFGH"  # no digit: an AWS key id is upper-case by definition
_GOOGLE = "AIzaSyD-" + "9tSrke72PouQMnMX7" * 2 + "a0"
_HUGGING_FACE = "hf_" + "AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh"
TOKENS = [
    _OPENAI,
    _OPENAI_REAL,
    _SERVICE,
    _ADMIN,
    _ANTHROPIC,
    _ANTHROPIC_ADMIN,
    _SLACK_APP,
    _SLACK_ROTATING,
    _AWS,
    _AWS_TEMPORARY,
    _GOOGLE,
    _HUGGING_FACE,
]


def test_the_briefs_openai_key_is_redacted_in_a_message() -> None:
    assert redact_text("sk-proj-" + "aB3" * 20) == REDACTED


@pytest.mark.parametrize("token", TOKENS)
def test_each_kind_is_redacted_wherever_it_stands(token: str) -> None:
    host = "https://a.example"
    assert redact_url(f"{host}/gone/{token}/x") == f"{host}/gone/{REDACTED}/x"
    assert redact_url(f"{host}/p?q={token}&page=2") == f"{host}/p?q={REDACTED}&page=2"
    assert redact_url(f"{host}/p#{token}") == f"{host}/p#{REDACTED}"
    assert redact_url(f"{host}/p?q=Bearer+{token}") == f"{host}/p?q=Bearer+{REDACTED}"
    assert carries_secret(f"{host}/{token}")
    assert redact_text(f"Bad credentials {token} (401)") == f"Bad credentials {REDACTED} (401)"
    assert redact_text(f"gone: {host}/{token} (404)") == f"gone: {host}/{REDACTED} (404)"
    assert redact_text(f'{{"key": "\\n{token}"}}') == f'{{"key": "\\n{REDACTED}"}}'


@pytest.mark.parametrize("token", [_OPENAI, _ANTHROPIC, _AWS, _GOOGLE, _HUGGING_FACE])
def test_each_kind_written_with_escapes_is_redacted(token: str) -> None:
    escaped = "%" + format(ord(token[0]), "02X") + token[1:]  # what the server reads: the token
    assert redact_url(f"https://a.example/p?t={escaped}") == f"https://a.example/p?t={REDACTED}"


def test_a_rotating_user_token_shows_no_secret() -> None:
    shown = redact_url(f"https://a.example/{_SLACK_ROTATING_USER}")
    assert _SLACK_ROTATING_USER[12:] not in shown
    assert REDACTED in shown


@pytest.mark.parametrize(
    "url",
    [
        "https://blog.example.com/desk-ant-farm",
        "https://blog.example.com/task-proj-notes",
        "https://blog.example.com/sk-ant-farm-visits-for-kids-2024",
        "https://blog.example.com/sk-proj-notes-for-the-whole-team-in-2024-and-beyond",
        "https://blog.example.com/sk-admin-guide",
        "https://blog.example.com/xapp-guide-2024-for-slack-developers",
        "https://blog.example.com/xoxe-1-rotating-tokens-explained",
        "https://blog.example.com/hf_transformers_pipeline_tutorial_for_beginners",
        "https://blog.example.com/huggingface/hf_hub_download",
        "https://news.example/ASIA-PACIFIC/markets",
        "https://news.example/ASIAPACIFICREGIONALOFFICE",  # not 16 after the prefix
        "https://news.example/reports/ASIA2024Q1",
        "https://en.wikipedia.org/wiki/Asia_Pacific_Economic_Cooperation",
        "https://docs.example/THE_AKIA_PREFIX",
    ],
)
def test_a_slug_that_starts_like_one_is_kept(url: str) -> None:
    assert redact_url(url) == url
    assert not carries_secret(url)
    assert redact_text(f"gone: {url} (404)") == f"gone: {url} (404)"
