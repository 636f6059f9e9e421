"""Table-driven tests of quote matching: form changes pass, content changes are caught."""

from __future__ import annotations

import time

import pytest

from checker.findings import Code
from checker.verify.quotes import find_quote, quote_finding

JA = [
    "ロシア大統領府の報道官は、ウクライナのゼレンスキー大統領が、ロシア西部で掌握した地域と引き換えに"
    "自国の領土の返還を要求する考えを示したことについて「それは不可能だ」と述べました。",
    "これについて、ロシア大統領府のペスコフ報道官は12日、報道陣の取材に対し「それは不可能だ。"
    "ロシアは領土の交換について議論したこともないし、今後も議論することはない」と述べました。",
    "調停役を担う国については、▽中国を挙げた人がもっとも多く23%、▽次いでアメリカが20%、"
    "▽トルコが8%などとなっています。",
    "「レバダセンター」は、プーチン政権から「外国のスパイ」を意味する「外国の代理人」に指定され、"
    "圧力を受けながらも、独自の世論調査活動や分析を続けています。",
]
EN = [
    "President Trump said on Wednesday that he had a lengthy and highly productive phone call "
    "with Russian President Vladimir Putin. The two leaders agreed to begin negotiations "
    "immediately.",
    "Kremlin spokesman Dmitry Peskov said the call lasted nearly 90 minutes. He said Moscow "
    "would not discuss territorial exchanges.",
    "Defense Secretary Pete Hegseth told allies in Brussels that returning to Ukraine's "
    "pre-2014 borders was an unrealistic objective.",
]
FILLER = "<p>" + "関連ニュースの一覧はこちらをご覧ください。 " * 3 + "</p>"


def _page(paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<html><head><title>記事</title></head><body><nav>ホーム ニュース 天気</nav>"
        f"<article><h1>見出し</h1>{body}{FILLER}</article><footer>©</footer></body></html>"
    )


JA_PAGE, EN_PAGE = _page(JA), _page(EN)


@pytest.mark.parametrize(
    ("passage", "page", "found"),
    [
        (JA[1], JA_PAGE, True),
        (JA[1].replace("領土の交換", "領土交換"), JA_PAGE, True),  # shortened particle
        (JA[2].replace("23%", "２３％").replace("、", ","), JA_PAGE, True),  # widths, commas
        (JA[3].replace("「", "『").replace("」", "』").replace("。", ""), JA_PAGE, True),
        ("\n".join(JA[:3]), JA_PAGE, True),
        ("\n".join(JA[:2]) + "\n見出し外の一文。", JA_PAGE, True),  # a short extra line tolerated
        (JA[2].replace("23%", "32%"), JA_PAGE, False),  # a number
        (JA[1].replace("議論することはない", "議論することはある"), JA_PAGE, False),  # negation
        (JA[1].replace("ペスコフ", "ザハロワ"), JA_PAGE, False),  # a name
        (JA[2].replace("中国", "米国"), JA_PAGE, False),  # one kanji
        ("\n".join([*JA[:3], JA[3].replace("独自の", "政府の")]), JA_PAGE, False),
        (
            "これはまったく別の文章で、記事のどこにも書かれていない内容を含んでいます。",
            JA_PAGE,
            False,
        ),
        (EN[1], EN_PAGE, True),
        (EN[2].replace("'", "’").replace(" an ", "  an "), EN_PAGE, True),
        (EN[0].replace("Trump", "Biden"), EN_PAGE, False),
        (EN[1].replace("90", "60"), EN_PAGE, False),
        (EN[1].replace("would not", "would"), EN_PAGE, False),
        (EN[2].replace("unrealistic", "realistic"), EN_PAGE, False),
    ],
)
def test_find_quote(passage: str, page: str, found: bool) -> None:
    match = find_quote(passage, page, "https://news.example.com/a")
    assert match.found is found, match
    if match.found or match.altered:
        assert match.best_passage


def test_finding_shows_the_sentence_and_the_closest_source_text() -> None:
    match = find_quote(JA[2].replace("23%", "32%"), JA_PAGE, "https://news.example.com/a")
    finding = quote_finding(match, "https://news.example.com/a")
    assert finding is not None and finding.code is Code.QUOTE_NOT_FOUND
    assert "32%" in finding.message and "23%" in finding.message
    assert quote_finding(find_quote(JA[1], JA_PAGE, "u"), "u") is None


def test_a_translation_is_not_compared() -> None:
    match = find_quote(
        "クレムリンのペスコフ報道官は、電話会談が90分近く続いたと述べた。", EN_PAGE, "u"
    )
    assert match.translated and not match.found
    assert quote_finding(match, "u") is None


def test_falls_back_to_visible_text_when_extraction_misses() -> None:
    page = f"<html><body><div><span>{JA[3]}</span></div></body></html>"
    assert find_quote(JA[3], page, "u").found


def test_long_passage_on_a_long_page_is_fast() -> None:
    paragraphs = [f"{p}（{i}）" for i in range(60) for p in JA]
    page = _page(paragraphs)
    assert len(page) > 15_000
    started = time.thread_time()
    assert find_quote("\n".join(paragraphs[:30]), page, "u").found
    assert time.thread_time() - started < 2.0


_ARTICLE_SENTENCES = [
    "ウクライナ保安庁の高官が12日、ロシアのスパイとして活動していた疑いで逮捕された。",
    "地元メディアは、長官に拘束され、手錠をかけられる高官の姿を報じた。",
    "声明によると、容疑者が情報を収集してロシア側に送信した事例が少なくとも14件確認された。",
    "音声や映像の監視や、複数の携帯電話やコンピューターへのアクセスを含む捜査を行ったという。",
    "ロシアが2022年2月に全面侵攻を開始して以来、同様の摘発が相次いでいる。",
    "保安庁はこれまでに数百人の協力者を拘束したとしている。",
]


def _article(sentences: list[str]) -> str:
    body = "".join(f"<p>{s}</p>" for s in sentences)
    return f"<html><head><title>t</title></head><body><article>{body}</article></body></html>"


def test_one_rewritten_sentence_in_a_long_passage_is_caught() -> None:
    rewritten = "保安庁はこの人物の名前を公表していないが、逮捕されたのは大佐だと伝えている。"
    passage = "\n".join([*_ARTICLE_SENTENCES[:3], rewritten, *_ARTICLE_SENTENCES[3:]])
    match = find_quote(passage, _article(_ARTICLE_SENTENCES), "https://news.example/a")
    assert not match.found
    assert match.missing == rewritten


def test_a_missing_short_heading_in_a_long_passage_passes() -> None:
    passage = "\n".join(
        [*_ARTICLE_SENTENCES[:3], "NATO加盟「現実的でない」", *_ARTICLE_SENTENCES[3:]]
    )
    assert find_quote(passage, _article(_ARTICLE_SENTENCES), "https://news.example/a").found
