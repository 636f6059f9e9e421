"""Deceptive cited URLs: hidden bidi controls and look-alike hosts earn a warning; others not."""

from __future__ import annotations

import pytest

from checker.findings import Code, Severity
from checker.verify.deceptive import deceptive_url, label_scripts

DECEPTIVE = [
    "https://files.example.com/invoice\u202egpj.exe",  # right-to-left override
    "https://example.com/\u2067report\u2069.html",  # isolates
    "https://example.com/a?b=\u200fc",  # a right-to-left mark is invisible in a URL too
    "https://p\u0430ypal.com/login",  # Cyrillic а among Latin letters
    "https://xn--pypal-4ve.com/login",  # the same, as punycode
    "https://www.g\u03bfogle.com/",  # Greek ο
    "https://\u0430\u0440\u0440\u04cf\u0435.com/",  # аррӏе: all Cyrillic, shaped like "apple"
    "https://xn--80ak6aa92e.com/",  # the same, as punycode
]
PLAIN = [
    "https://www.example.com/2025/05/story?id=1",
    "https://例え.jp/記事",  # Han + Hiragana: Japanese
    "https://xn--r8jz45g.jp/",  # the same, as punycode
    "https://日本語ドメイン.com/",  # Han + Katakana
    "https://한국.kr/",
    "https://пример.рф/",  # Cyrillic under a Cyrillic TLD
    "https://\u0430\u0440\u0440\u04cf\u0435.ru/",  # Cyrillic under .ru is just Russian
    "https://ελληνικά.gr/",
    "https://münchen.de/",  # Latin with diacritics is one script
    "https://www.example.com/ウクライナ/記事",
    "https://xn--invalid-punycode-.com/",
    "https://[::1]:8080/",
    "https://[broken/",
]


@pytest.mark.parametrize("url", DECEPTIVE)
def test_deceptive_urls_earn_a_warning(url: str) -> None:
    [finding] = deceptive_url(url)
    assert finding.code is Code.DECEPTIVE_URL
    assert finding.severity is Severity.WARNING
    assert not any(c in finding.message for c in "\u202e\u2067\u2069\u200f")  # shown escaped


@pytest.mark.parametrize("url", PLAIN)
def test_ordinary_urls_do_not(url: str) -> None:
    assert deceptive_url(url) == []


def test_the_message_shows_the_hidden_character_and_the_punycode_host() -> None:
    [bidi] = deceptive_url("https://files.example.com/invoice\u202egpj.exe")
    assert "invoice%E2%80%AEgpj.exe" in bidi.message and "U+202E" in bidi.message
    [host] = deceptive_url("https://p\u0430ypal.com/login")
    assert "xn--pypal-4ve.com" in host.message and "Cyrillic and Latin" in host.message


def test_scripts_count_letters_only() -> None:
    assert label_scripts("abc-123") == {"LATIN"}
    assert label_scripts("例え") == {"HAN", "HIRAGANA"}
    assert label_scripts("p\u0430ypal") == {"LATIN", "CYRILLIC"}
    assert label_scripts("123") == frozenset()
