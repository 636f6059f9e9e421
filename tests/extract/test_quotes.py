"""Quoted passages and ``原題:`` lines: under linking embeds, in blockquotes, and their sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.extract import extract
from checker.extract.quotes import is_passage_text
from checker.model import Citation, CitationKind, Cited, Document, Page, PageKind, Platform

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "seed_003_live_updates.txt"
HTML = FIXTURES / "embeds_post.html"
BLOOMBERG = "https://t.co/YinKaIzU8b"
ORIGINAL_TITLES = Cited(
    title="Trump and Putin Agree to Ukraine Talks in a US Policy Reversal",
    alt_titles=(
        "US Treasury’s Bessent Presents Economic Partnership to Zelenskiy",
        "Trump Says He ‘Probably’ Will Meet Putin in Saudi Arabia",
    ),
)


def _seed() -> Document:
    (doc,) = extract(Page("file:///seed3.txt", "seed3.txt", SEED.read_text("utf-8"), PageKind.TEXT))
    return doc


def _html() -> Document:
    url = "https://example-blog.blogspot.com/2025/02/blog-post_13.html"
    (doc,) = extract(Page(url, "post.html", HTML.read_text("utf-8"), PageKind.HTML))
    return doc


def _kind(doc: Document, kind: CitationKind) -> list[Citation]:
    return [c for c in doc.citations if c.kind is kind]


def test_seed_text_capture_gives_21_embeds_with_handles_and_dates() -> None:
    embeds = _kind(_seed(), CitationKind.EMBED)
    assert len(embeds) == 21
    assert all(c.platform is Platform.TWITTER and c.url is None for c in embeds)
    handles = [c.cited.handle for c in embeds]
    assert handles[:5] == [
        "nhk_news",
        "nhk_news",
        "TrumpDailyPosts",
        "TrumpDailyPosts",
        "sputnik_jp",
    ]
    assert {"BloombergJapan", "ReutersJapan", "bbcnewsjapan"} <= set(handles)
    assert handles.count("ReutersJapan") == 9
    assert [c.cited.date for c in embeds].count("February 13, 2025") == 8
    mirror = embeds[2]
    assert mirror.cited.author == "Donald J. Trump Posts From His Truth Social"
    assert mirror.line == 12 and (mirror.cited.text or "").startswith("I just had a lengthy")
    bloomberg = embeds[5]
    assert bloomberg.cited == Cited(
        author="ブルームバーグニュース",
        handle="BloombergJapan",
        date="February 12, 2025",
        text="トランプ米大統領、ウクライナ停戦に向け協議開始でプーチン氏と合意 https://t.co/YinKaIzU8b",
    )


def test_seed_embed_links_carry_headlines() -> None:
    links = {c.url: c for c in _kind(_seed(), CitationKind.LINK)}
    assert (
        links[BLOOMBERG].cited.title
        == "トランプ米大統領、ウクライナ停戦に向け協議開始でプーチン氏と合意"
    )
    nhk = links["https://t.co/MZVpLKPiIb"]
    assert nhk.cited.title == "【随時更新】ロシア ウクライナに軍事侵攻(2月13日の動き)"
    assert nhk.context is not None and nhk.context.endswith("#nhk_news")
    # the same link twice in a Reuters tweet is one citation
    assert list(links).count("https://t.co/O4B34UgcAK") == 1
    # a promotional link after the Sputnik embed is a body link without a title
    assert links["https://t.co/rCcmrAl9MV"].cited.title is None


def test_seed_quotes_under_bloomberg_are_attributed_to_its_link() -> None:
    quotes = [c for c in _kind(_seed(), CitationKind.QUOTE) if c.url == BLOOMBERG]
    assert [c.line for c in quotes] == [27, 37, 42]  # split at the article's subheadings
    first = quotes[0].cited.text or ""
    assert first.startswith("トランプ米大統領は12日、ロシアのプーチン大統領と電話会談し")
    assert first.count("\n") == 8  # lines 27-35, one paragraph per line
    assert not any("関連記事" in (c.cited.text or "") for c in quotes)
    assert not any("原題" in (c.cited.text or "") for c in quotes)


def test_seed_original_title_line_is_one_source_on_the_bloomberg_link() -> None:
    (source,) = _kind(_seed(), CitationKind.SOURCE)
    assert (source.url, source.line) == (BLOOMBERG, 46)
    assert source.cited == ORIGINAL_TITLES


def test_seed_translation_under_a_mirror_tweet_is_not_a_quote() -> None:
    quoted_lines = {c.line for c in _kind(_seed(), CitationKind.QUOTE)}
    texts = "\n".join(c.cited.text or "" for c in _kind(_seed(), CitationKind.QUOTE))
    assert not quoted_lines & {14, 15, 18, 19}
    assert "ドナルド・トランプの真実ソーシャル" not in texts
    assert "アンケートにご協力ください" not in texts  # under a Sputnik tweet without a link
    assert "#米宇" not in texts  # hashtag lines


def test_seed_every_quote_follows_a_linking_embed() -> None:
    doc = _seed()
    embed_links = {c.url for c in _kind(doc, CitationKind.LINK) if c.cited.title}
    assert {c.url for c in _kind(doc, CitationKind.QUOTE)} <= embed_links
    assert len(_kind(doc, CitationKind.QUOTE)) == 23


def test_html_post_embeds_quotes_and_original_titles() -> None:
    doc = _html()
    assert [(c.kind, c.url) for c in doc.citations] == [
        (CitationKind.EMBED, "https://twitter.com/TrumpDailyPosts/status/1889701234567890123"),
        (CitationKind.EMBED, "https://twitter.com/BloombergJapan/status/1889712345678901234"),
        (CitationKind.LINK, BLOOMBERG),
        (CitationKind.QUOTE, BLOOMBERG),
        (CitationKind.QUOTE, BLOOMBERG),
        (CitationKind.LINK, "https://www.bloomberg.co.jp/news/articles/2025-02-12/related"),
        (CitationKind.SOURCE, BLOOMBERG),
        (CitationKind.QUOTE, "https://www.reuters.com/world/europe/hegseth-2025-02-12/"),
        (CitationKind.QUOTE, "https://www.nikkei.com/article/hegseth"),
        (CitationKind.LINK, "https://www.nikkei.com/article/hegseth"),
    ]
    quotes = _kind(doc, CitationKind.QUOTE)
    assert quotes[0].cited.text == (
        "トランプ米大統領は12日、ロシアのプーチン大統領と電話会談し、ウクライナでの戦争を終結させる"
        "ための協議を開始することで合意したと述べた。\n"
        "両首脳の会談が伝わると、原油価格は下落。ウクライナのドル建て債券は上昇した。"
    )
    assert quotes[1].cited.text and quotes[1].cited.text.startswith("これに先立ち")
    assert quotes[3].cited.text == "幻想的な目標を追い求めることは戦争を長引かせるだけだ。"
    (source,) = _kind(doc, CitationKind.SOURCE)
    assert source.cited == ORIGINAL_TITLES
    # the commentary after the heading and the unsourced blockquote are not quotes
    texts = "\n".join(c.cited.text or "" for c in quotes)
    assert "筆者の解説" not in texts and "出典のない引用" not in texts
    assert "プーチン大統領と長時間にわたり" not in texts


def test_original_title_without_an_embed_link_stays_urlless() -> None:
    body = "本文です。これは翻訳です。\n原題:The Long War、A Short Peace(抜粋)\n"
    (doc,) = extract(Page("file:///p.txt", "p.txt", "タイトル\n" + body, PageKind.TEXT))
    (source,) = doc.citations
    assert (source.kind, source.url) == (CitationKind.SOURCE, None)
    assert (source.cited.title, source.cited.alt_titles) == ("The Long War", ("A Short Peace",))


def test_original_title_under_an_embed_without_link_stays_urlless() -> None:
    body = (
        "タイトル\nI had a call with Putin.\n— Mirror (@mirror) February 12, 2025\n"
        "プーチンと電話した。\n原題:The Call\n"
    )
    doc = extract(Page("file:///p.txt", "p.txt", body, PageKind.TEXT))[0]
    assert [(c.kind, c.url) for c in doc.citations] == [
        (CitationKind.EMBED, None),
        (CitationKind.SOURCE, None),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("トランプ米大統領は12日、ロシアのプーチン大統領と電話会談した。", True),
        (
            "「我々は実質的に彼(容疑者)と生活を共にし、音声や映像の監視を行った。その過程で記録できた」",
            True,
        ),
        ("Short English sentence.", True),
        # near misses
        ("NATO加盟「現実的でない」", False),
        ("ドナルド・トランプの真実ソーシャルポスト 11:53 AM EST 02/12/25", False),
        ("#米宇(鉱物資源協定)", False),
        ("関連記事:ヘグセス米国防長官、ウクライナのNATO加盟は「現実的ではない」", False),
        ("原題:Trump and Putin Agree to Ukraine Talks", False),
        ("", False),
    ],
)
def test_is_passage_text(text: str, expected: bool) -> None:
    assert is_passage_text(text) is expected


SAMPLE_POST = (
    Path(__file__).parents[2]
    / "checker"
    / "sampleweb"
    / "data"
    / "blog"
    / "2025_02_blog-post_12.html"
)


@pytest.mark.skipif(not SAMPLE_POST.exists(), reason="the seed-003 Blogger page is not built yet")
def test_sample_blog_seed_003_page_agrees_with_the_text_capture() -> None:
    url = "https://citecheck-sample.blogspot.com/2025/02/blog-post_12.html"
    (doc,) = extract(Page(url, "post.html", SAMPLE_POST.read_text("utf-8"), PageKind.HTML))
    embeds = _kind(doc, CitationKind.EMBED)
    assert len(embeds) == 21
    assert all(c.url and c.url.startswith("https://twitter.com/") for c in embeds)
    assert all(c.post_id and c.post_id.isdigit() and "?" not in (c.url or "") for c in embeds)
    seed = _seed()
    assert [c.cited.handle for c in embeds] == [
        c.cited.handle for c in _kind(seed, CitationKind.EMBED)
    ]
    assert [c.cited.date for c in embeds] == [c.cited.date for c in _kind(seed, CitationKind.EMBED)]
    (source,) = _kind(doc, CitationKind.SOURCE)
    assert (source.url, source.cited) == (BLOOMBERG, ORIGINAL_TITLES)
    assert [c.url for c in _kind(doc, CitationKind.QUOTE)].count(BLOOMBERG) == 3


@pytest.mark.timeout(60)
def test_a_run_of_hashtags_written_without_spaces_is_read_in_linear_time() -> None:
    """The hashtag-line test let each tag's ``\\S+`` give back characters to the next tag, so
    ``#a#a…#a x`` (no spaces, then a word) was tried every way it splits: 21 tags 1.3 s, each
    more ×1.7; these 60 would not end before the timeout.  A line of tags and words is prose."""
    assert is_passage_text("#a" * 60 + " x, and a sentence that ends.") is True
    assert is_passage_text("#a" * 60 + " ＃b #c") is False  # tags only: still no passage


def test_a_post_without_embeds_is_not_read_for_passages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 19, session 36: a passage is gathered only under an embed; every line of a post
    with none was asked whether it is prose, an answer nothing read."""
    from checker.extract import quotes  # noqa: PLC0415
    from checker.extract.lines import Line  # noqa: PLC0415

    asked: list[str] = []

    def passage(text: str) -> bool:
        asked.append(text)
        return is_passage_text(text)

    monkeypatch.setattr(quotes, "is_passage_text", passage)
    lines = [Line("A paragraph of prose that ends as a sentence does.", n) for n in range(1, 4)]
    assert quotes.quote_citations(lines, (), "https://blog.example/p") == []
    assert asked == []
