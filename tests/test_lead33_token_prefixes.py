"""A credential whose prefix says what it is is redacted wherever it stands in a URL.

GitHub's, GitLab's, Slack's, Stripe's, npm's and PyPI's tokens carry their kind in their first
characters; in a path's segment (``/gone/ghp_…``), a query value of any name or a fragment no
parameter's name tells, and session 33's probe saw one printed whole in every format.
"""

from __future__ import annotations

import pytest

from checker.redact import REDACTED, carries_secret, redact_text, redact_url

_GH = "ghp_" + "a1B2c3D4e5" * 3 + "f6G7h8"
_PAT = "github_pat_11ABCDEFG0" + "123456789abcdefghij_xyz"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (f"https://a.example/gone/{_GH}/x", f"https://a.example/gone/{REDACTED}/x"),
        (f"https://a.example/{_PAT}", f"https://a.example/{REDACTED}"),
        ("https://a.example/p?t=glpat-abcdefghijklmnopqrst", f"https://a.example/p?t={REDACTED}"),
        (
            f"https://hooks.example/x?a=1&k=xoxb-{'1234567890' * 3}",
            f"https://hooks.example/x?a=1&k={REDACTED}",
        ),
        (f"https://a.example/x#{_GH}", f"https://a.example/x#{REDACTED}"),
        (f"https://a.example/sk_live_{'Z' * 24}/pay", f"https://a.example/{REDACTED}/pay"),
    ],
)
def test_a_prefixed_token_is_redacted_wherever_it_stands(url: str, expected: str) -> None:
    assert redact_url(url) == expected
    assert carries_secret(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://docs.npmjs.com/cli/npm_install",  # a word, not a token
        "https://a.example/ghp_short",
        "https://a.example/blog/ghp_notes-about-tokens-and-things.html",  # not base64url only
        "https://pypi.org/project/pypi-simple/",
    ],
)
def test_a_word_with_a_prefix_is_no_token(url: str) -> None:
    assert redact_url(url) == url


def test_a_message_quoting_such_a_url_is_redacted_too() -> None:
    text = f"unreachable: https://a.example/gone/{_GH} (timed out)"
    assert redact_text(text) == f"unreachable: https://a.example/gone/{REDACTED} (timed out)"
