"""What judging reads of a page (issue 19): one parse at most, metadata only when compared.

Counted through the parse hook ``_judge`` takes and by counting ``read_metadata`` calls, never
by timing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import checker.verify.availability as availability_module
import checker.verify.deceptive as deceptive_module
import checker.verify.metadata as metadata_module
from checker.model import Citation, CitationKind, Cited, FetchResult, Outcome, Status
from checker.verify import soft404
from checker.verify.citation import _judge, compares_metadata
from checker.verify.page import ParsedPage, parse_html
from checker.verify.soft404 import (
    _CJK_NOT_FOUND,
    _PREDICATES,
    _WEAK_PREDICATES,
    is_not_found_message,
    might_say_not_found,
)

URL = "https://news.example.com/2025/02/ukraine-ceasefire-talks-stall"
PLAIN = "<!DOCTYPE html><html><head><title>Talks stall</title></head><body>Text.</body></html>"
ARTICLE = (
    '<html><head><title>Talks stall | Example News</title><meta property="og:type" '
    'content="article"><meta name="author" content="Jane Doe"></head><body><article>'
    "<h1>Talks stall</h1>"
    + "<p>The talks did not go anywhere this week.</p>" * 20
    + "</article></body></html>"
)


def _answer(html: str) -> FetchResult:
    return FetchResult(
        URL, Outcome.OK, final_url=URL, status_code=200, content_type="text/html", text=html
    )


def _counting() -> tuple[list[str], Callable[[str], Any]]:
    calls: list[str] = []

    def parse(html: str) -> Any:
        calls.append(html)
        return parse_html(html)

    return calls, parse


@pytest.fixture
def metadata_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    reads: list[str] = []
    real = metadata_module.read_metadata

    def counted(html: str, url: str, page: ParsedPage | None = None) -> Any:
        reads.append(url)
        return real(html, url, page)

    # judging imports the reader on first use (start-up, issue 19): patched where it lives
    monkeypatch.setattr(metadata_module, "read_metadata", counted)
    return reads


@pytest.mark.parametrize("html", [PLAIN, ARTICLE])
def test_a_link_with_nothing_to_compare_reads_no_metadata(
    html: str, metadata_reads: list[str]
) -> None:
    parses, parse = _counting()
    judged = _judge(Citation(CitationKind.LINK, URL), _answer(html), parse=parse)
    assert judged.status is Status.OK
    assert metadata_reads == []
    assert len(parses) <= 1
    assert judged.observed.title is None and judged.observed.status_code == 200


def test_a_plain_page_that_cannot_say_not_found_is_not_parsed() -> None:
    parses, parse = _counting()
    judged = _judge(Citation(CitationKind.LINK, URL), _answer(PLAIN), parse=parse)
    assert (judged.status, parses) == (Status.OK, [])


def test_an_answer_from_the_cited_url_is_judged_without_rereading_urls(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No redirect: no URL canonicalised (login wall, landing page, error path all need a
    different final URL) and no ASCII host read letter by letter for look-alike scripts."""
    looked_at: list[str] = []
    canonical, script = availability_module._canonical, deceptive_module._script

    def counted_canonical(url: str) -> tuple[str, str, str]:
        looked_at.append(url)
        return canonical(url)

    def counted_script(char: str) -> str:
        looked_at.append(char)
        return script(char)

    monkeypatch.setattr(availability_module, "_canonical", counted_canonical)
    monkeypatch.setattr(deceptive_module, "_script", counted_script)
    judged = _judge(Citation(CitationKind.LINK, URL), _answer(PLAIN))
    assert (judged.status, judged.findings, looked_at) == (Status.OK, (), [])
    moved = FetchResult(URL, Outcome.OK, final_url=URL + "/", status_code=200, text=PLAIN)
    assert _judge(Citation(CitationKind.LINK, URL), moved).status is Status.OK
    assert looked_at  # a different final URL is still compared with the cited one


def test_a_page_that_says_not_found_is_parsed_and_judged() -> None:
    parses, parse = _counting()
    html = PLAIN.replace("Talks stall", "Page not found")
    judged = _judge(Citation(CitationKind.LINK, URL), _answer(html), parse=parse)
    assert judged.status is Status.BROKEN
    assert len(parses) == 1


@pytest.mark.parametrize(
    "cited",
    [
        Cited(title="Talks stall"),
        Cited(author="Jane Doe"),
        Cited(date="February 12, 2025"),
        Cited(publisher="Example News"),
    ],
)
def test_a_source_shares_one_parse_between_soft_404_and_metadata(
    cited: Cited, metadata_reads: list[str]
) -> None:
    parses, parse = _counting()
    html = ARTICLE.replace("did not go", "was not available to go")  # the shape is needed
    judged = _judge(Citation(CitationKind.SOURCE, URL, cited), _answer(html), parse=parse)
    assert judged.status is Status.OK
    assert (len(parses), len(metadata_reads)) == (1, 1)
    assert judged.observed.title == "Talks stall | Example News"


def test_a_link_presented_as_a_headline_reads_metadata(metadata_reads: list[str]) -> None:
    citation = Citation(CitationKind.LINK, URL, Cited(title="Something else entirely"))
    judged = _judge(citation, _answer(ARTICLE))
    assert len(metadata_reads) == 1
    assert [f.code.value for f in judged.findings] == ["title-mismatch"]


@pytest.mark.parametrize(
    ("kind", "cited", "compares"),
    [
        (CitationKind.LINK, Cited(), False),
        (CitationKind.LINK, Cited(title="A headline"), True),
        (CitationKind.QUOTE, Cited(title="A headline", text="quoted words"), False),
        (CitationKind.SOURCE, Cited(), False),
        (CitationKind.SOURCE, Cited(alt_titles=("原題",)), True),
        (CitationKind.SOURCE, Cited(author="Jane Doe"), True),
        (CitationKind.SOURCE, Cited(date="2025-02-12"), True),
        (CitationKind.SOURCE, Cited(publisher="Example News"), True),
    ],
)
def test_compares_metadata(kind: CitationKind, cited: Cited, compares: bool) -> None:
    assert compares_metadata(Citation(kind, URL, cited)) is compares


def test_a_parsed_page_parses_once_and_only_when_asked() -> None:
    parses, parse = _counting()
    page = ParsedPage(PLAIN, parse)
    assert parses == []
    assert page.tree is page.tree is not None
    assert len(parses) == 1


@pytest.mark.parametrize("html", ["", "   \n", '<?xml version="1.0" encoding="utf-8"?>'])
def test_parse_html_without_a_document_is_none(html: str) -> None:
    assert parse_html(html) is None


def test_parse_html_drops_an_xml_declaration() -> None:
    tree = parse_html('<?xml version="1.0" encoding="utf-8"?><html><title>T</title></html>')
    assert tree is not None and tree.findtext(".//title") == "T"


def _phrases() -> list[str]:
    return [" ".join(p) for p in sorted(_PREDICATES | _WEAK_PREDICATES)] + ["404", "410"]


@pytest.mark.parametrize("phrase", _phrases())
def test_the_pre_check_lets_every_predicate_through(phrase: str) -> None:
    message = f"Page {phrase}"
    assert is_not_found_message(message) or phrase in ("404", "410")
    assert might_say_not_found(f"<html><head><title>{message}</title></head></html>")


@pytest.mark.parametrize(
    "text",
    [
        "ページが見つかりません",
        "記事は削除されました",
        "お探しのページ",
        "页面不存在",
        "找不到网页",
        "抱歉，您访问的页面",
        "網頁不存在",
        "페이지를 찾을 수 없습니다",
        "요청하신 페이지",
    ],
)
def test_the_pre_check_lets_every_cjk_message_through(text: str) -> None:
    assert _CJK_NOT_FOUND.search(text)
    assert might_say_not_found(f"<title>{text}</title>")


@pytest.mark.parametrize(
    "html",
    [
        "<title>Page not fo&#117;nd</title>",  # a character reference inside the word
        "<title>Seite nicht verfügbar</title>",  # diacritics, folded as the lexicon folds them
        "<h1>PAGE NOT FOUND</h1>",
        "<title>&#35211;&#12388;&#12363;&#12426;&#12414;&#12379;&#12435;</title>",  # CJK, ASCII
        "<title>Ok</title>" + "<p>x</p>" * 5000,  # long: not pre-checked at all
    ],
)
def test_the_pre_check_is_conservative(html: str) -> None:
    assert might_say_not_found(html)


def test_the_pre_check_skips_the_cjk_keys_on_an_ascii_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An ASCII text holds no CJK literal: the keys are not looked for (issue 19, small pages)."""

    class _Untouched(tuple[str, ...]):
        def __iter__(self) -> Any:
            raise AssertionError("the CJK keys were looked for")

    monkeypatch.setattr(soft404, "_CJK_KEYS", _Untouched())
    assert not might_say_not_found(PLAIN)
    assert might_say_not_found("<h1>Page not found</h1>")


def test_the_pre_check_rules_out_a_plain_page() -> None:
    assert not might_say_not_found(PLAIN)
    assert not might_say_not_found(ARTICLE)


def test_a_status_code_alone_is_one_shared_observation() -> None:
    """Issue 19, CPU per URL: two plain links' judgements share one frozen ``Observed``, so the
    executor's ``Compact`` keeps each verdict as it is instead of copying it to share it."""
    first = _judge(Citation(CitationKind.LINK, URL), _answer(PLAIN))
    second = _judge(Citation(CitationKind.LINK, URL + "-2"), _answer(PLAIN))
    assert first.observed == second.observed
    assert first.observed is second.observed
