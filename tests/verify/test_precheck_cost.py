"""The soft-404 and parked-domain pre-checks of a small page (issue 19: CPU per checked URL).

Every page up to ``PRECHECK_CHARS`` is pre-checked twice on its way to a verdict.  These tests
hold each pre-check's answer to the rule it had (the whole fold of the text, every key word,
each host read and looked up) and count what it now spares: the fold of an ASCII text, the
key words another one holds, each host's suffix-list look-up.  Counted, never timed.
"""

from __future__ import annotations

import html as html_entities
from typing import Any

import pytest

from checker.verify import parked, soft404
from checker.verify.parked import might_say_parked
from checker.verify.soft404 import might_say_not_found
from checker.verify.text import normalize, strip_diacritics

PLAIN = "<!DOCTYPE html><html><head><title>Talks stall</title></head><body>Text.</body></html>"


def _says_not_found_by_the_whole_fold(html: str) -> bool:
    """The pre-check as it read every text: the lexicon's whole fold, every key word."""
    decoded = html_entities.unescape(html)
    for text in (html,) if decoded == html else (html, decoded):
        folded = strip_diacritics(normalize(text))
        if any(key in folded for key in soft404._KEY_WORDS):
            return True
        if any(key in text for key in soft404._CJK_KEYS):
            return True
    return False


_TEXTS = [
    PLAIN,
    "<title>Page NOT FOUND</title>",
    "<title>Page not\tfo und</title>",  # a space inside the word: no word
    "<h1>Seite  nicht\n\n gefunden</h1>",
    "<p>`found`</p>",  # the backtick the fold makes a quote
    "<title>Página no encontrada</title>",
    "<title>Seite nicht verfügbar</title>",
    "<title>Page not fo&#117;nd</title>",
    "<title>&amp;amp;#102;ound</title>",  # a reference twice escaped, decoded by the fold
    "<title>Ｎｏｔ Ｆｏｕｎｄ</title>",  # full width: NFKC's
    "<title>not fo\u00adund</title>",  # a soft hyphen the fold drops
    "<title>ページが見つかりません</title>",
    "<title>İnexistant</title>",
    "<title>Страница не наидена</title>",
    "<title>Straße</title><p>Unavailable for now</p>",
    "<title>Exists</title>",
    "<title>It was deleted</title>",
    "<title>Error 404</title>",
    "<p>Nothing to see</p>" * 40,
]


@pytest.mark.parametrize("html", _TEXTS)
def test_the_pre_check_answers_as_the_whole_fold_did(html: str) -> None:
    assert might_say_not_found(html) == _says_not_found_by_the_whole_fold(html)


def test_an_ascii_page_is_pre_checked_without_the_whole_fold(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An ASCII page without a character reference is only lowered: NFKC, the invisible
    characters, the white space and the punctuation cannot make or break a key word there."""

    def refused(text: str) -> Any:
        raise AssertionError(f"the whole fold was made of {text!r}")

    monkeypatch.setattr(soft404, "normalize", refused)
    monkeypatch.setattr(soft404, "strip_diacritics", refused)
    assert not might_say_not_found(PLAIN)
    assert might_say_not_found("<h1>Page  NOT\tFOUND</h1>")
    assert might_say_not_found("<title>Error 404</title>")


def test_the_key_words_are_words_a_lowered_text_finds_as_the_fold_does() -> None:
    """What lowering alone relies on: each key word is letters and digits, folded already."""
    for key in soft404._KEY_WORDS:
        assert key.isalnum(), key
        assert strip_diacritics(normalize(key)) == key, key


def test_a_key_word_holding_another_is_not_searched() -> None:
    searched = soft404._SEARCHED_KEYS
    assert "exist" in searched and "exists" not in searched
    assert "available" in searched and "unavailable" not in searched
    assert len(searched) < len(soft404._KEY_WORDS)
    for key in soft404._KEY_WORDS:
        assert any(kept in key for kept in searched), key


def _says_parked_by_each_host(text: str, cited_url: str, final_url: str) -> bool:
    """The parked pre-check as it read every page: each host read and looked up anew."""
    if len(text) > soft404.PRECHECK_CHARS:
        return True
    lowered = text.lower()
    if any(needle in lowered for needle in parked._NEEDLES):
        return True
    return any(parked._registrable(h) in lowered for h in parked._hosts(cited_url, final_url))


_PAGES = [
    (PLAIN, "https://news.example.com/2025/02/talks", "https://news.example.com/2025/02/talks"),
    ("<title>example.com</title>", "https://www.Example.COM./a/b", "https://www.example.com/a/b"),
    ("<title>bbc.co.uk</title>", "http://news.bbc.co.uk/1/2", "https://www.bbc.com/news/x"),
    ("<title>bbc.com</title>", "http://news.bbc.co.uk/1/2", "https://www.bbc.com/news/x"),
    ("<title>Hi</title>", "https://user:pw@x.test:8443/a/b", "https://user:pw@x.test:8443/a/b"),
    ("<title>x.test</title>", "https://user:pw@x.test:8443/a/b", "https://user:pw@x.test:8443/a/b"),
    ("<title>::1</title>", "http://[::1]:8080/a/b", "http://[::1]:8080/a/b"),
    ("<title>Hi</title>", "http:///a/b", "http:///a/b"),
    ("<title>Parked</title>", "https://a.test/x/y", "https://a.test/x/y"),
]


@pytest.mark.parametrize(("text", "cited", "final"), _PAGES)
def test_the_parked_pre_check_answers_as_each_host_did(text: str, cited: str, final: str) -> None:
    assert might_say_parked(text, cited, final) == _says_parked_by_each_host(text, cited, final)


def test_the_parked_pre_check_looks_each_host_up_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A run's small pages are on few hosts: each host's registrable domain is looked up in the
    suffix list once, not once a page."""
    looked_up: list[str] = []
    real = parked.domain_parts

    def counted(host: str, *, private: bool = False) -> Any:
        looked_up.append(host)
        return real(host, private=private)

    monkeypatch.setattr(parked, "domain_parts", counted)
    for cache in (getattr(parked, "_netloc_domain", None), getattr(parked, "_registrable", None)):
        if hasattr(cache, "cache_clear"):
            cache.cache_clear()  # type: ignore[union-attr]
    for n in range(5):
        url = f"https://news.once-example.org/2025/02/story-{n}.html"
        assert not might_say_parked(PLAIN, url, url)
    assert looked_up == ["news.once-example.org"]
