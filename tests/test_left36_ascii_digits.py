"""Numbers read from input are ASCII digits (``encoding.ascii_digits``), not what
``str.isdigit`` holds for: ``"²"`` and ``"١٢"`` (Arabic-Indic) passed the Telegram post key and
a replay URL's capture date, which then wrote ``data-versiondate="٢٠٢٤-٠١-٠١"`` into a fixed
post and asked Telegram for post ``١٢`` (session 34's leftover: the sites that still tested
digits their own way)."""

from __future__ import annotations

import pytest

from checker.fix.plan import version_date
from checker.model import Citation, CitationKind
from checker.verify.embeds.telegram import _post_key


@pytest.mark.parametrize("number", ["١٢", "²", "12²"])
def test_a_telegram_post_number_is_ascii_digits(number: str) -> None:
    assert _post_key(Citation(CitationKind.EMBED, f"https://t.me/chan/{number}")) is None


def test_a_telegram_post_key_of_ascii_digits_stays() -> None:
    assert _post_key(Citation(CitationKind.EMBED, "https://t.me/chan/12")) == ("chan", "12")


def test_a_capture_date_is_ascii_digits() -> None:
    arabic = "https://web.archive.org/web/٢٠٢٤٠١٠١000000/http://x.example/"
    assert version_date(arabic) is None
    plain = "https://web.archive.org/web/20240101000000/http://x.example/"
    assert version_date(plain) == "2024-01-01"
