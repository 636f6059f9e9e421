"""Table-driven tests of the pure parts of embed verification: token, dates, texts."""

from __future__ import annotations

from datetime import date

import pytest

from checker.verify.embeds._common import parse_shown_date, texts_agree
from checker.verify.embeds.twitter import syndication_token

# Expected values computed with node: ((Number(id) / 1e15) * Math.PI).toString(36)
# .replace(/(0+|\.)/g, "")
TOKENS = [
    ("1889558498387870074", "4kw814teby"),
    ("1628832338187636740", "3y54libozsy"),
    ("1495811215478530049", "3mj89gr1nd3"),
    ("1234567890123456789", "2zqic77uqyk"),
    ("999999999999999999", "2f9lc2ug9mm"),
    ("20", "6dq1a2xwd93"),
    ("1", "bhi2ay3f28n"),
]


@pytest.mark.parametrize(("tweet_id", "token"), TOKENS)
def test_syndication_token_matches_javascript(tweet_id: str, token: str) -> None:
    assert syndication_token(tweet_id) == token


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("February 12, 2025", date(2025, 2, 12)),
        ("Feb 12, 2025", date(2025, 2, 12)),
        ("12 févr. 2025", date(2025, 2, 12)),
        ("12. Februar 2025", date(2025, 2, 12)),
        ("12 de febrero de 2025", date(2025, 2, 12)),
        ("12 февр. 2025 г.", date(2025, 2, 12)),
        ("2025年2月12日", date(2025, 2, 12)),
        ("2025년 2월 12일", date(2025, 2, 12)),
        ("２０２５年２月１２日", date(2025, 2, 12)),
        ("2025-02-12", date(2025, 2, 12)),
        ("3/4/2025", None),  # day and month order unknown: no guess
        ("yesterday", None),
        ("", None),
    ],
)
def test_parse_shown_date(text: str, expected: date | None) -> None:
    assert parse_shown_date(text) == expected


TWEET = "ロシア報道官 “掌握された地域の奪還目指す考えを強調” https://t.co/P1z50YHqZi #nhk_news"


@pytest.mark.parametrize(
    ("shown", "real", "agree"),
    [
        (TWEET, TWEET, True),
        ("ロシア報道官 “掌握された地域の奪還目指す考えを強調”https://t.co/P1z50YHqZi", TWEET, True),
        (
            "ロシア報道官 &ldquo;掌握された地域の奪還目指す考えを強調&rdquo; nhk.or.jp/news/html/…",
            TWEET,
            True,
        ),
        ("ロシア報道官　“掌握された地域の奪還目指す考えを強調” pic.twitter.com/abc", TWEET, True),
        ("Ｔｒｕｍｐ ｓａｙｓ ２ ｔａｌｋｓ", "Trump says 2 talks", True),
        (
            "We both reflected on the Great History of our Nations, and…",
            "We both reflected on "
            "the Great History of our Nations, and the fact that we fought together",
            True,
        ),
        ("ロシア報道官 “占領された地域の奪還目指す考えを強調”", TWEET, False),
        ("ロシア報道官 “掌握された地域の返還目指す考えを否定”", TWEET, False),
        ("Russia lost 23 soldiers", "Russia lost 32 soldiers", False),
        (
            "We both reflected on the Great Future of our Nations, and…",
            "We both reflected on "
            "the Great History of our Nations, and the fact that we fought together",
            False,
        ),
    ],
)
def test_texts_agree(shown: str, real: str, agree: bool) -> None:
    assert texts_agree(shown, real)[0] is agree
