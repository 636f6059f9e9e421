"""Probe 29m: a secret field in a fragment, past a space, is hidden as one in a query is.

Session 29 hid the ``name=value`` secrets a URL cut at a space leaves in a message
(``https://h/x y?token=…``), but only after ``?``, ``&``, ``;`` or a blank: OAuth's implicit
flow hands its tokens back in the fragment (``#access_token=…``, ``#id_token=<JWT>``), and past
a space those were shown whole.  Without the space, the URL's own redaction hid them already.
"""

from __future__ import annotations

import pytest

from checker.redact import REDACTED, redact_text

JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"


@pytest.mark.parametrize(
    ("message", "secret"),
    [
        ("cannot fetch https://h.example/cb x#access_token=s3cret&state=1: refused", "s3cret"),
        (f"cannot fetch https://h.example/cb x#id_token={JWT}&state=1", JWT),
        ("cannot fetch https://h.example/cb#state=1 x#access_token=s3cret", "s3cret"),
    ],
)
def test_a_fragment_secret_past_a_space_is_hidden(message: str, secret: str) -> None:
    shown = redact_text(message)
    assert secret not in shown
    assert REDACTED in shown
    assert "state=1" in shown  # no secret: still shown


def test_a_fragment_that_holds_no_secret_is_shown() -> None:
    message = "see https://h.example/doc x#page=2 and https://h.example/?token=s3cret"
    assert (
        redact_text(message)
        == f"see https://h.example/doc x#page=2 and https://h.example/?token={REDACTED}"
    )
