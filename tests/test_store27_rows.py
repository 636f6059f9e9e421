"""Probe of session 27's cold-store cuts (cold27) at the row level: the short body's
hand-written stored block, ``redact_text``'s fast path and the memo's values written once.

Each is held against the slower form it replaced: ``zlib.compress(body, 0)``, every URL of a
text redacted one by one, ``json.dumps`` of each value; every reader of the store's blobs.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import pytest

from checker.fetch.store import _packed, _stored_block, stored_text
from checker.memo import decode, encode
from checker.redact import _URL_IN_TEXT, redact_text, redact_url

BOUNDARY_SIZES = [*range(0, 300), 1023, 1024, 65_535, 65_536, 256 * 1024 - 1, 256 * 1024]


@pytest.mark.parametrize("size", BOUNDARY_SIZES)
def test_a_body_of_any_length_reads_back_by_every_reader_of_the_store(size: int) -> None:
    body = (b"\xc3\xa9" * (size // 2 + 1))[:size]  # UTF-8 cut mid-character at odd sizes
    body = body if size % 2 == 0 else body[:-1] + b"x"
    packed = _packed(body)
    assert zlib.decompress(packed) == body  # the standard library (client.py's own answers)
    assert stored_text(packed) == body.decode("utf-8")  # zlib-ng, the store's reader
    if size < 256:
        assert packed == zlib.compress(body, 0)


@pytest.mark.parametrize("size", [0, 1, 255, 256, 16_385, 65_534, 65_535])
def test_the_stored_block_inflates_up_to_its_largest_size(size: int) -> None:
    body = (bytes(range(256)) * (size // 256 + 1))[:size]
    assert zlib.decompress(_stored_block(body)) == body
    assert stored_text(_stored_block(b"a" * size)) == "a" * size


SECRET_TEXTS = [
    "see https://reader:hunter2@news.example.com/story and more",
    "moved to https://news.example.com/story?access_token=tok-SECRET-1&page=2.",
    "https://news.example.com/gone?sig=sig-SECRET-2",
    "Location: https://hooks.slack.com/services/T0/B0/XXXXSECRET",
    "posted to https://discord.com/api/webhooks/123/SECRETTOKEN and then",
    "https://api.telegram.org/bot123:SECRETTOKEN/getMe",
    "https://u:pa%40ss@host.example/p",
    "https://example.com/cart;jsessionid=SECRETSESSION",
    "https://example.com/p#access_token=SECRETFRAG",
    "https://example.com/?t=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
    "https://web.archive.org/web/2025/https://user:pw@host.example/",
    "https://archive.org/wayback/available?url=https%3A%2F%2Fu%3Apw%40h.example%2F",
    '{"url":"https://u:pw@h.example/","title":"x"}',
    "Authorization: Bearer abc https://example.com/ plain",
    "https://user:pass%3Ahost.example/no-at-sign",
    "HTTPS://USER:PW@HOST.EXAMPLE/UPPER",
]


def _slow(text: str) -> str:
    """What ``redact_text`` did before its fast path: every URL in the text, one by one."""
    return _URL_IN_TEXT.sub(lambda m: redact_url(m.group(0)), text) if "://" in text else text


@pytest.mark.parametrize("text", SECRET_TEXTS)
def test_redact_text_hides_what_redacting_each_url_hides(text: str) -> None:
    assert redact_text(text) == _slow(text)


def test_a_text_without_a_mark_is_one_redact_url_would_leave_as_it_is() -> None:
    plain = "see https://example.com/a/b?x and http://h.example/p#top, ftp://f.example/x"
    assert redact_text(plain) == _slow(plain) == plain


@dataclass(frozen=True)
class Judged:
    status: str
    code: int
    note: str | None


def test_equal_kept_values_of_other_spellings_decode_to_equal_values() -> None:
    first = encode(Judged("ok", 200, None))
    assert first is not None
    again = encode(Judged("ok", 200, None))
    assert again == first
    other = encode(Judged("ok", 201, None))  # one field apart: never the first's bytes
    assert other is not None and other != first
    assert decode(other, Judged) == Judged("ok", 201, None)


def test_a_credential_in_a_value_equal_to_a_clean_one_is_never_shared() -> None:
    clean = Judged("ok", 200, "https://example.com/a")
    secret = Judged("ok", 200, "https://u:pw@example.com/a")
    assert encode(clean) is not None
    assert encode(secret) is None
    assert encode(secret) is None
    assert encode(clean) is not None


@pytest.mark.parametrize(
    "url",
    [
        "https://hooks.slack.com/SERVICES/T0/B0/XXXXSECRET",
        "https://discord.com/api/WEBHOOKS/123/SECRETTOKEN",
        "https://discord.com/api/v10/Webhooks/123/SECRETTOKEN",
    ],
)
def test_a_webhooks_token_under_a_path_in_capitals_is_hidden_as_in_lower_case(url: str) -> None:
    """The path's service names are matched in any case once a URL is looked into; the cheap
    marks that decide whether to look must not be narrower."""
    assert "SECRET" not in redact_url(url)
    assert "SECRET" not in redact_text(f"posted to {url} today")
