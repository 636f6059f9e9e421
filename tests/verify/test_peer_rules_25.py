"""A title in CJK cited for a Latin page is a translation only in a post written in CJK
(issue 14: titles in another script).

A translation is written in its translator's language: a Japanese post may cite an English
article under its original title or under its own Japanese title, and neither is flagged; an
English post that gives a Japanese title for an English page gives another page's title.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from checker.config import Config
from checker.extract import extract
from checker.extract.attribution import writes_cjk
from checker.extract.lines import Line
from checker.findings import Code
from checker.model import CheckedCitation, CitationKind, Page, PageKind, Report
from checker.pipeline import check
from checker.sampleweb import SampleWeb, Web
from checker.verify.match import translation_possible
from tests.e2e.blogger import article_page, connect_rules

STRIPED = "Why Some Tulips Are Striped"
JA_TITLE = "色とりどりのチューリップ"  # the translator's title, or a neighbour's swapped in
UKRAINE_JA = "最大の試練を迎えたウクライナを支える人々"


@pytest.mark.parametrize("post_cjk", [True, None])
def test_a_cjk_title_for_a_latin_page_is_excused_in_a_cjk_post_or_an_unknown_one(
    post_cjk: bool | None,
) -> None:
    assert translation_possible((JA_TITLE,), STRIPED, post_cjk=post_cjk)


def test_a_cjk_title_for_a_latin_page_in_a_latin_post_is_compared() -> None:
    assert not translation_possible((JA_TITLE,), STRIPED, post_cjk=False)


@pytest.mark.parametrize("post_cjk", [True, False, None])
def test_a_latin_title_for_a_cjk_page_is_excused_in_any_post(post_cjk: bool | None) -> None:
    # a Japanese post's English 原題 for a translation's page; an English post's own
    # translation of a Japanese title
    assert translation_possible(("Ukraine's Hardest Winter",), UKRAINE_JA, post_cjk=post_cjk)


BLOG = "https://notes.tulip-blog.org"
NEWS = "https://www.garden-gazette.com"
ARTICLE = f"{NEWS}/2024/04/striped-tulips"


def _post(title: str, paragraphs: list[str], attribution: str, lang: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f'</head><body><article class="post"><h1>{title}</h1><div class="post-body">{body}'
        f"<div>{attribution}</div></div></article></body></html>"
    )


def _lines(*texts: str) -> list[Line]:
    return [Line(text, number) for number, text in enumerate(texts, 1)]


ENGLISH = "I spent the weekend reading about flowers and their colours in the spring."
JAPANESE = "週末はチューリップについて読んでいました。色の違いがとても面白いです。"


def test_a_latin_post_citing_one_cjk_title_is_written_in_latin_script() -> None:
    assert writes_cjk(_lines(*[ENGLISH] * 12, f"Original: {JA_TITLE}")) is False


@pytest.mark.parametrize(
    "texts",
    [
        (JAPANESE, JAPANESE, f"原題: {STRIPED}"),
        # a translator quoting much of the English original still writes in Japanese
        (*[ENGLISH] * 8, JAPANESE, JAPANESE, f"Original: {JA_TITLE}"),
    ],
)
def test_a_post_with_a_real_share_of_cjk_lines_is_written_in_cjk(texts: tuple[str, ...]) -> None:
    assert writes_cjk(_lines(*texts)) is True


def test_too_few_lines_say_no_script() -> None:
    assert writes_cjk(_lines(ENGLISH, "https://example.com/a")) is None


def test_an_embeds_headline_is_in_the_embeds_language_not_the_posts() -> None:
    # an English post embedding a Japanese account's post that links the English original
    # under its Japanese headline: the account translated it; the post's own attribution
    # giving the same title for the English page is a Latin post's
    tweet = (
        f'<blockquote class="twitter-tweet"><p lang="ja">{JA_TITLE} <a href="{ARTICLE}">'
        f'{ARTICLE}</a></p>&mdash; Gazette JP (@gazette_jp) <a href="https://twitter.com/'
        'gazette_jp/status/1780000000000000000">April 16, 2024</a></blockquote>'
    )
    html = _post("Notes", [ENGLISH] * 30, f"{tweet}Original: {JA_TITLE} ({ARTICLE})", "en")
    (post,) = extract(Page(f"{BLOG}/2025/02/notes.html", "notes", html, PageKind.HTML))
    titled = {c.kind: c for c in post.citations if c.cited.title and c.url == ARTICLE}
    assert titled[CitationKind.LINK].post_cjk is None, titled
    assert titled[CitationKind.SOURCE].post_cjk is False, titled


# --- through the fixture web ----------------------------------------------------------------

POSTS = {
    # an English post giving a neighbour's Japanese title for an English page: a swap
    "english-post-japanese-title": _post(
        "Notes on tulips", [ENGLISH] * 12, f"Original: {JA_TITLE} ({ARTICLE})", "en"
    ),
    # the translator's own Japanese title, and the original English title, in Japanese posts
    "japanese-post-japanese-title": _post(
        "チューリップの話", [JAPANESE] * 6, f"Original: {JA_TITLE} ({ARTICLE})", "ja"
    ),
    "japanese-post-english-title": _post(
        "チューリップの話", [JAPANESE] * 6, f"原題: {STRIPED}<br>{ARTICLE}", "ja"
    ),
    "translator-quoting-the-original": _post(
        "チューリップの話",
        [*[ENGLISH] * 8, JAPANESE, JAPANESE],
        f"Original: {JA_TITLE} ({ARTICLE})",
        "ja",
    ),
}


@pytest.fixture(scope="module")
def report() -> Iterator[Report]:
    web = Web()
    web.page(ARTICLE, article_page(STRIPED, site="Garden Gazette"))
    for slug, html in POSTS.items():
        web.page(f"{BLOG}/2025/02/{slug}.html", html)
    with SampleWeb(web) as site:
        config = Config().with_(connect_to=connect_rules(web, site), cacert=site.ca_path)
        yield check([f"{BLOG}/2025/02/{slug}.html" for slug in POSTS], config)


def _source(report: Report, slug: str) -> CheckedCitation:
    for document in report.documents:
        if document.document.url.endswith(f"/{slug}.html"):
            found = [c for c in document.citations if c.citation.kind is CitationKind.SOURCE]
            assert len(found) == 1, document.citations
            return found[0]
    raise AssertionError(f"no post {slug}")


def test_an_english_post_giving_a_japanese_title_for_an_english_page_is_a_title_mismatch(
    report: Report,
) -> None:
    checked = _source(report, "english-post-japanese-title")
    assert checked.citation.cited.title and JA_TITLE in checked.citation.cited.title
    assert Code.TITLE_MISMATCH in {f.code for f in checked.findings}, checked.findings


@pytest.mark.parametrize(
    "slug",
    [
        "japanese-post-japanese-title",
        "japanese-post-english-title",
        "translator-quoting-the-original",
    ],
)
def test_a_japanese_post_citing_the_original_under_either_title_is_no_mismatch(
    report: Report, slug: str
) -> None:
    checked = _source(report, slug)
    assert checked.citation.cited.title, checked.citation
    assert Code.TITLE_MISMATCH not in {f.code for f in checked.findings}, checked.findings
