"""Session 25's regex shortcuts in extraction (issue 19) give the regex's answer and skip its work.

The chrome-label test searches an ASCII label, lower-cased, without case folding; the caption
clock test runs only on a text with a ``:`` or a ``/``.  Each is held to the regex it stands for
on labels and texts made to hit its edges (case-folding characters outside ASCII, Unicode white
space and digits, separators at both ends), and shown not to run the costly search.
"""

from __future__ import annotations

import random
import re
from typing import Any

import pytest

from checker.extract import content, embeds, quotes

_WORDS = [
    "share", "sharing", "comment", "comments", "breadcrumb", "breadcrumbs", "teaser", "nav",
    "post-footer", "post-labels", "byline-share", "skip-link", "most-read", "mostread",
    "most-popular", "more-stories", "ads", "advert", "discussion", "menu", "popular",
]  # fmt: skip
_LABELS = [
    "", " ", "share", "SHARE", "Share-buttons", "xshare", "sharex", "post_footer", "post-footer",
    "post footer", "post--footer", "mostread", "most_read", "most read", "a-most-read-b",
    "\u017fhare", "\u212aey nav", "\u0130 nav", "comment\u00a0x", "ads\u2003", "x\x1cads\x1d",
    "nav\n", "\nnav", "menu\t", "\x85menu", "byline-share-x", "skip-link", "skip-links",
    "entry-content post", "wp-block-group has-background", "MOST-POPULAR", "n\u0430v",
    "related\u3000posts", "teasers", "teaser_", "_teaser", "-teaser-", "commentS",
]  # fmt: skip


def _random_labels(count: int) -> list[str]:
    rnd = random.Random(25)
    pieces = [*_WORDS, "x", "", "entry", "\u017f", "\u212a", "\u0130", "\u00e9"]
    seps = ["-", "_", " ", "\t", "\x1c", "", "--", "\u00a0", "\u2028", ":"]
    labels = []
    for _ in range(count):
        word = "".join(rnd.choice(pieces) + rnd.choice(seps) for _ in range(rnd.randint(1, 4)))
        labels.append(word.upper() if rnd.random() < 0.2 else word)
    return labels


def test_the_lower_case_chrome_search_is_the_case_folding_one() -> None:
    labels = [*_LABELS, *_random_labels(3000)]
    assert [content._chrome_words(label) for label in labels] == [
        bool(content._CHROME_WORDS.search(label)) for label in labels
    ]


class _Recorded:
    """A compiled pattern whose searches are recorded."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.asked: list[str] = []

    def search(self, text: str, *args: Any) -> re.Match[str] | None:
        self.asked.append(text)
        return self.pattern.search(text, *args)


def test_an_ascii_label_skips_the_case_folding_search(monkeypatch: pytest.MonkeyPatch) -> None:
    recorded = _Recorded(content._CHROME_WORDS)
    monkeypatch.setattr(content, "_CHROME_WORDS", recorded)
    assert content._chrome_words("site-header Share-Buttons")
    assert not content._chrome_words("entry-content")
    assert content._chrome_words("\u017fhare")  # not ASCII: the case-folding search
    assert recorded.asked == ["\u017fhare"]


_TEXTS = [
    "", "12:30", "12:30 PM", "1:05am", "at 9:45 today", "3/4/2024", "12/31/99", "1/2/3",
    "ratio 1:2", "a/b", "１２:３０", "\u0661\u0662:\u0663\u0664", "12\uff1a30", "12\u200b:30",
    "no clock here", "http://x/", "12:3", "123:45", "x12:30", "12:30x", "2024/01/01",
    "07/04/1776 and more text", "Photo: Reuters", "caption 9:41",
]  # fmt: skip


@pytest.mark.parametrize("text", _TEXTS)
def test_the_clock_precheck_is_the_clock_regex(text: str) -> None:
    assert quotes._has_clock(text) is bool(quotes._CLOCK.search(text))


def test_a_text_without_a_colon_or_slash_skips_the_clock_search(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    recorded = _Recorded(quotes._CLOCK)
    monkeypatch.setattr(quotes, "_CLOCK", recorded)
    assert not quotes.is_passage_text("Reuters")
    assert not quotes.is_passage_text("Taken at 9:41 AM")
    assert recorded.asked == ["Taken at 9:41 AM"]


_CLASSES = [
    "", "twitter-tweet", "wp-block-embed is-type-video", "TELEGRAM-post", "YouTube", "fb-post",
    "fb-posts", "fb_post", "fb-Video", "embedded", "x-embed-y", "tele gram", "you-tube",
    "\u212a youtube", "\u017fb-post", "fb-po\u017ft", "yout\u0131be", "\u0130embed", "\u00e9mbed",
    "embeD\u00a0", "lite-youtube", "telegram_post_widget",
]  # fmt: skip


@pytest.mark.parametrize("value", _CLASSES)
def test_the_lower_case_candidate_test_is_the_case_folding_search(value: str) -> None:
    assert embeds._candidate_class(value) is bool(embeds._CANDIDATE_CLASS.search(value))


def test_an_ascii_class_value_skips_the_candidate_regex(monkeypatch: pytest.MonkeyPatch) -> None:
    recorded = _Recorded(embeds._CANDIDATE_CLASS)
    monkeypatch.setattr(embeds, "_CANDIDATE_CLASS", recorded)
    assert embeds._candidate_class("wp-block-embed")
    assert not embeds._candidate_class("entry-content")
    assert embeds._candidate_class("fb-po\u017ft")
    assert recorded.asked == ["fb-po\u017ft"]
