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


@pytest.mark.parametrize(
    ("cited", "page_title"),
    [
        # a Chinese page's title, its site's name and all, cited for a German page
        ("蔡健雅_百度百科", "Initiative EnergieEffizienz - kostenloser Stromcheck | Ökologisch"),
        ("海外留学生看两会：出国前后关注点大不同_教育频道_中国青年网", "SVG parsing"),
        ("欲張りなイヌ　＜福娘童話集　きょうのイソップ童話＞", "Daring Fireball: Colophon"),
        # two English words cannot say what eighteen Chinese characters say
        ("SVG parsing", "宇航员在太空中喝酒会怎么样?后果很严重 _探索者 _光明网"),
    ],
)
def test_a_title_that_cannot_be_the_translation_is_compared(cited: str, page_title: str) -> None:
    assert not translation_possible((cited,), page_title)


SEED_TRANSLATIONS = [
    # the seed blog's Japanese titles (../shared/seeds/000_…) and the originals they translate
    (
        "Ukraine’s Hardest Winter: With the Donbas in Peril, Europe Must Pressure Russia Now",
        "ウクライナが迎えた冬が最大の試練だ―ドンバスが危機に瀕する中、欧州は今こそロシアに圧力をかけるべきだ",
    ),
    (
        "Ukraine’s Hardest Winter",
        "最大の試練を迎えたウクライナを支援すべく西側はなにを支援し、ロシアのどこに圧力をかけるべきなのか",
    ),
    (
        "Vladimir Putin Awakens Donald Trump’s Reluctant Warrior",
        "プーチンがドナルド・トランプに戦士の面を不本意ながら覚醒させてしまった",
    ),
    (
        "DSEI JAPAN NEWS: Agreement to Strengthen Ukraine, Japan Defense Industry Ties",
        "ウクライナと日本の防衛産業連携強化へ",
    ),
    (
        "Multiple High-Profile Russian Generals Assassinated on Russian Soil",
        "ロシア国内で将官含む重要人物が相次ぎ暗殺されているのはウクライナの巧妙な工作の結果だ",
    ),
]


@pytest.mark.parametrize(("english", "japanese"), SEED_TRANSLATIONS)
def test_the_seed_blogs_translations_stay_excused(english: str, japanese: str) -> None:
    assert translation_possible((english,), japanese)
    assert translation_possible((japanese,), english)
