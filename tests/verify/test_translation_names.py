"""A title in another script than the page's is excused as a translation only when the Latin
names in the CJK title are kept in the other (issue 14: swaps cited in another script)."""

from __future__ import annotations

import pytest

from checker.verify.match import translation_possible


@pytest.mark.parametrize(
    ("cited", "page_title"),
    [
        # a Chinese title naming DeepMind cited for a Spanish page that does not
        ("DeepMind新电脑已可利用记忆自学", "Twitter Lite se estrena en 11 países"),
        # an English title cited for a Chinese page whose headline names DeepMind
        ("Open Verilog flow for GreenPak4 devices", "DeepMind新电脑已可利用记忆自学_科技_腾讯网"),
    ],
)
def test_a_name_the_translation_would_keep_is_missing(cited: str, page_title: str) -> None:
    assert not translation_possible((cited,), page_title)


@pytest.mark.parametrize(
    ("cited", "page_title"),
    [
        ("DeepMind's new computer learns from its memory", "DeepMind新电脑已可利用记忆自学"),
        ("DeepMind新电脑已可利用记忆自学", "DeepMind's new computer learns from its memory"),
        # no Latin name in the headline: nothing to judge by (the site's name is not read)
        ("Apple unveils a new phone", "アップルが新しい電話を発表 | ITmedia NEWS"),
        ("Apple unveils a new phone", "アップルが新しい電話を発表"),
    ],
)
def test_a_translation_that_keeps_its_names_is_still_excused(cited: str, page_title: str) -> None:
    assert translation_possible((cited,), page_title)
