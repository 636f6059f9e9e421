"""A prefixed credential whose own characters are percent-encoded (``ghp%5F…``, ``ghp_%41…``)
is the same URL as the plain one (an unreserved character's escape is the character, RFC 3986
§6.2.2.2) and is redacted as it is; it was shown whole (session 34's leftover).  A URL whose
escapes hide no token keeps its spelling."""

from __future__ import annotations

import pytest

from checker.redact import REDACTED, redact_text, redact_url

_BODY = "A" * 10 + "b" * 26  # GitHub's 36 characters of base62


@pytest.mark.parametrize(
    "url",
    [
        f"https://x.example/gone/ghp%5F{_BODY}",
        f"https://x.example/gone/ghp%5f{_BODY}",
        f"https://x.example/gone/ghp_%41{_BODY[1:]}",
        f"https://x.example/a?q=glpat%2D{'Ab1' * 7}",
        f"https://x.example/a#t=ghp%5F{_BODY}",
    ],
)
def test_an_escaped_token_is_redacted(url: str) -> None:
    redacted = redact_url(url)
    assert REDACTED in redacted and _BODY[2:] not in redacted and "Ab1Ab1" not in redacted


def test_an_escaped_token_in_a_message_is_redacted() -> None:
    said = redact_text(f"Bad credentials ghp%5F{_BODY} (see https://x.example/a?t=ghp%5F{_BODY})")
    assert _BODY[2:] not in said and said.count(REDACTED) == 2


@pytest.mark.parametrize(
    "url",
    [
        "https://x.example/a%20b/c%2Fd?q=1",
        "https://x.example/caf%C3%A9/%41%42",
        "https://x.example/pypi%2Dtrusted%2Dpublishing%2Dexplained",
    ],
)
def test_escapes_that_hide_no_token_keep_their_spelling(url: str) -> None:
    assert redact_url(url) == url
