"""Plain-text pages: the seed label page must give its five posts and their attributions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from checker.extract import extract
from checker.model import CitationKind, Cited, Page, PageKind

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "seed_000_label_page.txt"


def _page(body: str) -> Page:
    return Page("file:///seed.txt", "seed.txt", body, PageKind.TEXT)


def test_seed_label_page_gives_five_posts_with_their_sources() -> None:
    body = SEED.read_text(encoding="utf-8")
    docs = extract(_page(body))
    assert [d.published for d in docs] == [
        date(2025, 12, 8),
        date(2025, 7, 15),
        date(2025, 5, 22),
        date(2025, 5, 9),
        date(2025, 2, 13),
    ]
    sources = [[c for c in d.citations if c.kind is CitationKind.SOURCE] for d in docs]
    assert all(len(s) == 1 for s in sources)
    got = [(s[0].cited, s[0].url) for s in sources]
    assert got == [
        (
            Cited(
                title="Ukraine’s Hardest Winter",
                subtitle="With the Donbas in Peril, Europe Must Pressure Russia Now",
                author="Jack Watling",
                date="November 11, 2025",
                publisher="Foreign Affairs",
            ),
            "https://www.foreignaffairs.com/ukraine/ukraines-hardest-winter",
        ),
        (
            Cited(
                title="Vladimir Putin Awakens Donald Trump’s Reluctant Warrior",
                author="Kaush Arha",
                date="July 14, 2025",
                publisher="The National Interest",
            ),
            None,
        ),
        (
            Cited(
                title="DSEI JAPAN NEWS: Agreement to Strengthen Ukraine, Japan Defense "
                "Industry Ties",
                author="Stew Magnuson",
                date="5/20/2025",
                publisher="National Defense Magazine",
            ),
            "https://www.nationaldefensemagazine.org/articles/2025/5/20/"
            "agreement-to-strengthen-ukraine-japan-defense-industry-ties",
        ),
        (
            Cited(
                title="Multiple High-Profile Russian Generals Assassinated on Russian Soil",
                author="David Kirichenko",
                date="May 5, 2025",
                publisher="The National Interest",
            ),
            "https://nationalinterest.org/feature/"
            "multiple-high-profile-russian-generals-assassinated-on-russian-soil",
        ),
        (
            Cited(
                title="How Long Can Russia Sustain Its Brutal Ukraine War Losses?",
                author="Robert Kelly",
                publisher="19fortytive",
            ),
            "https://www.19fortyfive.com/2025/02/how-long-can-russia-sustain-its-brutal-ukraine-war-losses/",
        ),
    ]
    lines = body.splitlines()
    for doc, source in zip(docs, sources, strict=True):
        assert doc.title is not None and doc.title in lines[int(doc.url.split("#L")[1]) - 1]
        title = source[0].cited.title
        assert title is not None and title in lines[(source[0].line or 0) - 1]
    # the seed's posts cite nothing else: no stray links from bios or captions
    assert all(len(d.citations) == 1 for d in docs)


def test_seed_without_end_marks_gives_the_same_sources() -> None:
    body = SEED.read_text(encoding="utf-8")
    with_marks = extract(_page(body))
    without = extract(_page(body.replace("■", "")))
    assert [d.citations for d in without] == [d.citations for d in with_marks]


def test_text_without_date_headers_is_one_post_with_bare_urls() -> None:
    body = "メモ\nロシア報道官の発言 https://t.co/abc #nhk_news\n詳細は(https://example.org/x).\n"
    (doc,) = extract(_page(body))
    assert doc.url == "file:///seed.txt"
    assert doc.title == "メモ"
    assert [(c.kind, c.url, c.line) for c in doc.citations] == [
        (CitationKind.LINK, "https://t.co/abc", 2),
        (CitationKind.LINK, "https://example.org/x", 3),
    ]


def test_japanese_post_without_block_has_no_source() -> None:
    body = "2025年1月6日月曜日\n\nタイトル(Foreign Affairs)\n\n本文だけの投稿です。■\n"
    (doc,) = extract(_page(body))
    assert doc.title == "タイトル(Foreign Affairs)"
    assert doc.citations == ()
