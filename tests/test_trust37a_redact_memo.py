"""A URL redacted once is not redacted again (session 37): a run redacts each cited URL 4-6
times (its store row, the verdict's rows, each report's writer), ~5 K instructions each.

The table is bounded in entries and in the length of what it keeps, and changes no answer.
"""

from __future__ import annotations

import pytest

from checker import redact
from checker.redact import REDACTED, carries_secret, redact_text, redact_url

_SECRET = "https://u:pw@a.example/p?token=abc&page=2"
_PLAIN = "https://a.example/2024/05/a-story.html"


def _not_again(url: str, depth: int) -> str:
    raise AssertionError(f"redacted again: {url}")


@pytest.fixture
def table(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    fresh: dict[str, str] = {}
    monkeypatch.setattr(redact, "_REDACTED_URLS", fresh)
    return fresh


def test_a_url_redacted_once_is_taken_from_the_table(
    table: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = (redact_url(_SECRET), redact_url(_PLAIN))
    assert first == (f"https://{REDACTED}@a.example/p?token={REDACTED}&page=2", _PLAIN)
    monkeypatch.setattr(redact, "_redacted_url", _not_again)
    assert (redact_url(_SECRET), redact_url(_PLAIN)) == first
    assert carries_secret(_SECRET) and not carries_secret(_PLAIN)
    assert redact_text(f"gone: {_SECRET} (404)") == f"gone: {first[0]} (404)"


def test_the_table_is_bounded_in_entries(
    table: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(redact, "_REDACTED_URLS_MOST", 8)
    for n in range(50):
        assert redact_url(f"https://a.example/{n}?token=t{n}") == (
            f"https://a.example/{n}?token={REDACTED}"
        )
        assert len(table) <= 8


def test_a_long_url_is_not_kept(table: dict[str, str]) -> None:
    long = "https://a.example/?token=abc&q=" + "x" * redact._KEPT_URL_CHARS
    assert redact_url(long) == long.replace("token=abc", f"token={REDACTED}")
    assert redact_url(long) == long.replace("token=abc", f"token={REDACTED}")
    assert long not in table
    assert redact_url(_PLAIN) == _PLAIN
    assert list(table) == [_PLAIN]
