"""The pre-check's key words, fewest: the needles holding no other, found by searching each in
all of them joined (session 37), the same as comparing every pair (the rule's own statement)."""

from __future__ import annotations

import random

import pytest

from checker.verify import soft404


def _pairwise(needles: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(n for n in needles if not any(m != n and m in n for m in needles))


def test_the_lexicons_key_words_are_those_the_pairs_keep() -> None:
    assert soft404._fewest(soft404._KEY_WORDS) == _pairwise(soft404._KEY_WORDS)
    assert "exist" in soft404._SEARCHED_KEYS and "exists" not in soft404._SEARCHED_KEYS


@pytest.mark.parametrize(
    "needles",
    [
        (),
        ("a",),
        ("ab", "b", "abc", "c"),
        ("ab", "ab", "abc"),  # the same word twice: neither holds "another"
        ("", "x", "yz"),  # the empty word is in every other
        ("a\0b", "b", "a"),  # the joiner in a word
        ("ba", "ab", "aba"),  # a word across two joined ones is not in either
        ("ペ", "ページ", "页面"),
    ],
)
def test_fewest_is_the_pairs_answer(needles: tuple[str, ...]) -> None:
    assert soft404._fewest(needles) == _pairwise(needles)


def test_fewest_is_the_pairs_answer_on_random_words() -> None:
    rng = random.Random(37)
    for _ in range(500):
        needles = tuple(
            "".join(rng.choice("ab\0") for _ in range(rng.randrange(0, 5)))
            for _ in range(rng.randrange(0, 8))
        )
        assert soft404._fewest(needles) == _pairwise(needles), needles
