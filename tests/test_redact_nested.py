"""A secret inside a URL carried by another URL is redacted too (probe 17).

The archive is asked about a dead source by ``…/wayback/available?url=<the URL, percent-encoded>``
and replays it at ``…/web/<timestamp>/<the URL>``; a redirector wraps it as ``?u=``.  The outer
URL's own fields hold no secret by name, so the credentials of the cited URL went into the WARC
(request line and ``WARC-Target-URI``) as written.
"""

from __future__ import annotations

import pytest

from checker.redact import REDACTED, redact_text, redact_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://archive.org/wayback/available?url=https%3A%2F%2Fu%3Apw%40h.example%2Fa"
            "%3Ftoken%3Dtk%26x%3D1",
            "https://archive.org/wayback/available?url=https%3A%2F%2FREDACTED%40h.example%2Fa"
            "%3Ftoken%3DREDACTED%26x%3D1",
        ),
        (
            "https://web.archive.org/web/2025/https://u:pw@h.example/x",
            f"https://web.archive.org/web/2025/https://{REDACTED}@h.example/x",
        ),
        (
            "https://t.example/r?u=https://u:pw@h.example/&v=1",
            f"https://t.example/r?u=https://{REDACTED}@h.example/&v=1",
        ),
        (
            "https://www.google.com/url?q=https://h.example/x%3Fsig%3Dabc&sa=D",
            "https://www.google.com/url?q=https%3A%2F%2Fh.example%2Fx%3Fsig%3DREDACTED&sa=D",
        ),
    ],
)
def test_a_url_inside_a_url_is_redacted(url: str, expected: str) -> None:
    assert redact_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "https://archive.org/wayback/available?url=https%3A%2F%2Fh.example%2Fa&timestamp=2025",
        "https://web.archive.org/web/2025/https://h.example/x",
        "https://t.example/r?u=https://h.example/p?page=2",
    ],
)
def test_a_nested_url_without_a_secret_keeps_its_spelling(url: str) -> None:
    assert redact_url(url) == url


def test_nesting_is_followed_a_bounded_number_of_levels() -> None:
    """Input cannot make the redaction recurse: past three levels a URL is left as it is."""
    inner = "https://u:pw@h.example/"
    for _level in range(50):
        inner = f"https://w.example/r?u={inner}"
    assert redact_url(inner).count(REDACTED) == 0  # far too deep to look into, and no crash
    shallow = "https://w.example/r?u=https://w.example/r?u=https://u:pw@h.example/"
    assert "pw" not in redact_url(shallow)


def test_messages_naming_an_archive_lookup_are_redacted() -> None:
    text = "GET https://archive.org/wayback/available?url=https%3A%2F%2Fu%3Apw%40h.example%2F"
    assert "pw" not in redact_text(text)
