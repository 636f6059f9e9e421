"""The attribution parser, on lines of text: every block ordering and spelling, and near misses."""

from __future__ import annotations

import pytest

from checker.extract import attribution
from checker.extract.attribution import find_attributions, publisher_from_title
from checker.extract.lines import Anchor, Line, text_lines
from checker.model import Cited

BODY = "ロシアは計画より1年遅れている。ウクライナ防衛軍は粘り強く戦っている。\n\n"
FA = "https://www.foreignaffairs.com/ukraine/ukraines-hardest-winter"
NI = "https://nationalinterest.org/feature/multiple-high-profile-russian-generals"


def _one(text: str, title: str | None = "記事(Foreign Affairs)") -> tuple[Cited, str | None]:
    found = find_attributions(text_lines(text), title)
    assert len(found) == 1, found
    return found[0].cited, found[0].url


BLOCKS = {
    "title-subtitle-bare-name-date-url, bio first": (
        BODY + "しかし無期限ではない。■\n\nジャック・ワトリングは上級研究員を務める\n\n"
        "Ukraine’s Hardest Winter\n\nWith the Donbas in Peril, Europe Must Pressure Russia Now\n\n"
        f"Jack Watling\n\nNovember 11, 2025\n\n{FA}\n",
        Cited(
            title="Ukraine’s Hardest Winter",
            subtitle="With the Donbas in Peril, Europe Must Pressure Russia Now",
            author="Jack Watling",
            date="November 11, 2025",
            publisher="Foreign Affairs",
        ),
        FA,
    ),
    "title-date-By:-no-url, Japanese bio after": (
        BODY + "教訓を教えるときが来た。■\n\n\nVladimir Putin Awakens Donald Trump’s Reluctant "
        "Warrior\n\nJuly 14, 2025\n\nBy: Kaush Arha\n\n著者について カウシュ・アルハ\n\n"
        "カシュ・アルハはプレジデントである。\n",
        Cited(
            title="Vladimir Putin Awakens Donald Trump’s Reluctant Warrior",
            author="Kaush Arha",
            date="July 14, 2025",
            publisher="Foreign Affairs",
        ),
        None,
    ),
    "kicker title, slash date, By name": (
        BODY + "答えた。■\n\nDSEI JAPAN NEWS: Agreement to Strengthen Ukraine, Japan Defense "
        "Industry Ties\n\n5/20/2025\n\nBy Stew Magnuson\n\nhttps://www.nationaldefensemagazine.org/a\n",
        Cited(
            title="DSEI JAPAN NEWS: Agreement to Strengthen Ukraine, Japan Defense Industry Ties",
            author="Stew Magnuson",
            date="5/20/2025",
            publisher="Foreign Affairs",
        ),
        "https://www.nationaldefensemagazine.org/a",
    ),
    "standfirst sentences between byline and url": (
        BODY + "驚くことになるかもしれない。■\n\n\nMultiple High-Profile Russian Generals "
        "Assassinated on Russian Soil\n\nMay 5, 2025\n\nBy: David Kirichenko\n\n\n"
        "A wave of assassinations deep inside Russia is rattling the Kremlin, eroding Putin’s "
        "sense of security.\n\nUkrainian strikes are hitting closer to home for the Putin "
        f"regime, quite literally. \n\n{NI}\n\n\n著者について デイビッド・キリチェンコ\n",
        Cited(
            title="Multiple High-Profile Russian Generals Assassinated on Russian Soil",
            author="David Kirichenko",
            date="May 5, 2025",
            publisher="Foreign Affairs",
        ),
        NI,
    ),
    "By on its own line, then the name; English bio after the url": (
        BODY + "修復は不可能となるだろう。■\n\nHow Long Can Russia Sustain Its Brutal Ukraine War "
        "Losses?\n\nBy\n\nRobert Kelly\n\nhttps://www.19fortyfive.com/2025/02/how-long/\n\n\n"
        "Dr. Robert E. Kelly (@Robert_E_Kelly; website) is a professor of international "
        "relations in the Department of Political Science at Pusan National University.\n",
        Cited(
            title="How Long Can Russia Sustain Its Brutal Ukraine War Losses?",
            author="Robert Kelly",
            publisher="Foreign Affairs",
        ),
        "https://www.19fortyfive.com/2025/02/how-long/",
    ),
    "url first, By X and Y": (
        BODY + "終わり。■\n\nhttps://example.org/a\nThe Long War\nBy Jane Doe and John Roe\n"
        "March 3, 2025\n",
        Cited(
            title="The Long War",
            author="Jane Doe and John Roe",
            date="March 3, 2025",
            publisher="Foreign Affairs",
        ),
        "https://example.org/a",
    ),
    "no end mark: trailing Latin block after Japanese text": (
        BODY + "ロシアの石油輸出は減る。\n\nRussia’s Oil Problem\nBy Ann Smith\nJanuary 2, 2025\n"
        "Source: https://example.org/oil\n著者について アン・スミス\n",
        Cited(
            title="Russia’s Oil Problem",
            author="Ann Smith",
            date="January 2, 2025",
            publisher="Foreign Affairs",
        ),
        "https://example.org/oil",
    ),
    "two urls: the first is the source": (
        BODY
        + "終わり。■\nThe Long War\nBy Jane Doe\nhttps://example.org/a\nhttps://example.org/b\n",
        Cited(title="The Long War", author="Jane Doe", publisher="Foreign Affairs"),
        "https://example.org/a",
    ),
    "headline ending in an abbreviation is a title": (
        BODY + "終わり。■\nColder Temperatures Forecast for Wed. after Cold Wave Alert Tues.\n"
        "By Jane Doe\nhttps://example.org/cold\n",
        Cited(
            title="Colder Temperatures Forecast for Wed. after Cold Wave Alert Tues.",
            author="Jane Doe",
            publisher="Foreign Affairs",
        ),
        "https://example.org/cold",
    ),
    "an original in another script (Arabic)": (
        BODY + "終わり。■\nكل الشروط متوفرة لثورة سودانية\nhttps://example.org/ar\n",
        Cited(title="كل الشروط متوفرة لثورة سودانية", publisher="Foreign Affairs"),
        "https://example.org/ar",
    ),
    "an original in Cyrillic": (
        BODY + "終わり。■\nВойна и мир в Европе\nBy Ivan Petrov\nhttps://example.org/ru\n",
        Cited(title="Война и мир в Европе", author="Ivan Petrov", publisher="Foreign Affairs"),
        "https://example.org/ru",
    ),
}


@pytest.mark.parametrize(("text", "cited", "url"), BLOCKS.values(), ids=BLOCKS.keys())
def test_block_variants(text: str, cited: Cited, url: str | None) -> None:
    assert _one(text) == (cited, url)


def test_title_as_link_text() -> None:
    lines = (
        *text_lines(BODY + "終わり。■"),
        Line("The Long War", 10, (Anchor("The Long War", "https://example.org/war"),)),
        Line("By Jane Doe", 11),
    )
    (found,) = find_attributions(lines, "長い戦争(Example Times)")
    assert found.url == "https://example.org/war"
    assert found.line == 10
    assert found.cited == Cited(title="The Long War", author="Jane Doe", publisher="Example Times")


def test_original_title_lines_without_block() -> None:
    text = (
        BODY + "原題:Trump and Putin Agree to Talks、US Treasury’s Bessent Presents Partnership"
        "(抜粋)\n"
    )
    found = find_attributions(text_lines(text), None)
    assert [(a.cited.title, a.cited.alt_titles, a.url, a.line) for a in found] == [
        ("Trump and Putin Agree to Talks", ("US Treasury’s Bessent Presents Partnership",), None, 3)
    ]


def test_original_title_takes_the_source_line_url() -> None:
    text = BODY + "原題: The Long War\n出典: https://example.org/war\n"
    (found,) = find_attributions(text_lines(text), None)
    assert (found.cited.title, found.url) == ("The Long War", "https://example.org/war")


NEAR_MISSES = {
    "Japanese post with no English block": BODY + "これは日本語だけの記事だ。■\n",
    "English bio alone after the mark": (
        BODY + "終わり。■\nDr. Robert E. Kelly (@Robert_E_Kelly) is a professor of international "
        "relations at Pusan National University.\n"
    ),
    "English caption in the body, no end mark": (
        BODY + "M777 Artillery Like in Ukraine. Image: Creative Commons.\n\n" + BODY * 5
    ),
    "credit without url": BODY + "Source: Reuters\n",
    "English page with an end mark": "The war goes on. ■\nThe Long War\nhttps://example.org/war\n",
    "quoted English passage with a link mid-post": (
        BODY + "The Long War\nBy Jane Doe\nhttps://example.org/war\n" + BODY * 5
    ),
}


@pytest.mark.parametrize("text", NEAR_MISSES.values(), ids=NEAR_MISSES.keys())
def test_near_misses_give_no_source(text: str) -> None:
    assert find_attributions(text_lines(text), "記事(Foreign Affairs)") == ()


@pytest.mark.parametrize(
    ("title", "publisher"),
    [
        ("冬の試練(Foreign Affairs)", "Foreign Affairs"),
        ("暗殺の連鎖（The National Interest）", "The National Interest"),
        ("損失(19fortytive) ", "19fortytive"),
        ("報告書(抜粋)", None),
        ("速報（2）", None),
        ("米ロ首脳が電話会談(2月12日〜13日)", None),
        ("会談(12/8)", None),
        ("括弧のないタイトル", None),
        (None, None),
    ],
)
def test_publisher_from_title(title: str | None, publisher: str | None) -> None:
    assert publisher_from_title(title) == publisher


def test_original_title_ignores_a_distant_source_line() -> None:
    text = BODY + "原題: The Long War\n" + BODY * 3 + "出典: https://example.org/other\n"
    found = find_attributions(text_lines(text), None)
    assert [(a.cited.title, a.url) for a in found] == [
        ("The Long War", None),
        (None, "https://example.org/other"),
    ]


PROSE = "The offensive stalled for months along the whole of the southern front line.\n"
BLOCK = "The Long War\n\nBy Jane Doe\n\nhttps://example.org/war\n"


def test_trailing_block_after_one_japanese_line_far_up() -> None:
    """The walk from the end stops at the post's first CJK line: here the very first one, so
    the block (with no end mark) after a long English quote is still read."""
    found = find_attributions(text_lines(BODY + PROSE * 200 + BLOCK), "記事(Foreign Affairs)")
    assert [(a.cited.title, a.cited.author, a.url) for a in found] == [
        ("The Long War", "Jane Doe", "https://example.org/war")
    ]


def test_block_after_a_japanese_line_past_a_long_line() -> None:
    """A line longer than any attribution line is read for its script by its head only: CJK
    text there makes it Japanese for the search of the post's first CJK line."""
    text = "ロシアは" + "x" * 5000 + "\n\n" + PROSE + "終わり。■\n\n" + BLOCK
    found = find_attributions(text_lines(text), None)
    assert [(a.cited.title, a.url) for a in found] == [("The Long War", "https://example.org/war")]


def test_only_the_lines_near_the_block_are_classified(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 19: an English post's lines are not classified at all, a Japanese post's only from
    its end back to the fourth CJK line (before that no block can start)."""
    calls: list[str] = []
    script = attribution._script

    def counted(line: Line) -> object:
        calls.append(line.text)
        return script(line)

    monkeypatch.setattr(attribution, "_script", counted)
    english = "".join(f"See https://example.org/{i} for line {i} of it.\n" for i in range(300))
    assert find_attributions(text_lines(english), None) == ()
    assert calls == []
    (found,) = find_attributions(text_lines(BODY * 150 + BLOCK), "記事(Foreign Affairs)")
    assert found.url == "https://example.org/war"
    assert len(calls) < 20
