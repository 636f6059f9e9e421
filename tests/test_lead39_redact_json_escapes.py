"""A token written with escapes just after a JSON string's escape is redacted (trust, session 39).

The memo writes JSON with ASCII escapes: a Japanese post's ``はghp%5F…`` becomes
``\\u306fghp%5F…``, whose run of escaped characters started at the escape's ``u306f``; the
token, read after a digit, was no token, and the store kept it.
"""

from __future__ import annotations

import pytest

from checker.memo import encode
from checker.redact import REDACTED, redact_text

_BODY = "aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (f'"\\u306fghp%5F{_BODY}"', '"\\u306f'),
        (f'"\\nghp%5F{_BODY}"', '"\\n'),
        (f'"\\t%67hp_{_BODY}"', '"\\t'),
        (f"C:\\npm%5F{_BODY}", "C:\\"),  # a path's backslash: the run's own start is read too
    ],
)
def test_an_escaped_token_after_a_json_escape_is_redacted(text: str, kept: str) -> None:
    assert redact_text(text) == kept + REDACTED + text[text.rindex(_BODY) + len(_BODY) :]


def test_the_memo_keeps_no_escaped_token_after_a_character_it_escapes() -> None:
    assert encode(f"引用はghp%5F{_BODY} です") is None
    assert encode("引用は ghp%5Fshort です") is not None  # no token: kept
