"""A warm run takes a judgement back whole when the answer forwards nowhere and needs no
sibling (``verify.citation._KeyParts.plain``), without reading the page again; an answer whose
verdict hangs on another request (a forward, a sibling) is never judged from the memo alone."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

import checker.verify.citation as citation_module
from checker.config import Config
from checker.memo import SqliteMemo
from checker.model import CheckedCitation, Citation, CitationKind, Cited, FetchResult, Outcome
from checker.verify.citation import verify_citation
from tests.verify.test_soft404 import HOME

ARTICLE = "https://news.example.com/2024/05/minister-signs-the-long-awaited-budget-deal"
FORWARD = "https://news.example.com/2024/05/moved-here-the-minister-budget-story"
ARTICLE_PAGE = (
    '<html><head><title>Minister signs budget deal</title><meta property="og:type" '
    'content="article"></head><body><article><p>The minister signed.</p></article></body></html>'
)
FORWARDING_PAGE = (  # an article marker: no sibling is asked, only the forward hangs on another
    f'<html><head><meta property="og:type" content="article"><meta http-equiv="refresh" '
    f'content="0; url={FORWARD}"></head></html>'
)
BARE_PAGE = HOME  # a site's home page: listing markup, no article marker


def _page(url: str, text: str, status: int = 200) -> FetchResult:
    return FetchResult(
        url,
        Outcome.OK,
        final_url=url,
        status_code=status,
        headers={"content-type": "text/html"},
        content_type="text/html",
        text=text,
    )


class _Web:
    """Answers from ``pages``; any other URL (a sibling probe) gets ``other(url)``."""

    def __init__(self, pages: dict[str, FetchResult], other: Callable[[str], FetchResult]) -> None:
        self.pages, self.other = pages, other

    async def get(self, url: str, *, fresh: bool = False) -> FetchResult:
        return self.pages.get(url) or self.other(url)


def _not_found(url: str) -> FetchResult:
    return _page(url, "<html><title>Not found</title></html>", 404)


def _verify(web: _Web, memo: SqliteMemo | None) -> CheckedCitation:
    citation = Citation(CitationKind.LINK, ARTICLE, Cited())
    return asyncio.run(verify_citation(citation, web, Config(), memo=memo))


def _judged_afresh(first: _Web, second: _Web, tmp_path: Path) -> None:
    """A run on ``second`` after one on ``first`` (the same store) says what a run on
    ``second`` with no memo says, and that differs from the first run's verdict."""
    with SqliteMemo(tmp_path / "store.sqlite3") as memo:
        before = _verify(first, memo)
    with SqliteMemo(tmp_path / "store.sqlite3") as memo:
        after = _verify(second, memo)
    assert after == _verify(second, None)
    assert after.status != before.status


def _counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Calls of the page's reading: following its client redirects and judging it."""
    calls = {"follow": 0, "judge": 0}
    follow, judge = citation_module.follow_client_redirects, citation_module._judge

    async def counting_follow(*args: object) -> FetchResult:
        calls["follow"] += 1
        return await follow(*args)  # type: ignore[arg-type]

    def counting_judge(*args: object) -> object:
        calls["judge"] += 1
        return judge(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(citation_module, "follow_client_redirects", counting_follow)
    monkeypatch.setattr(citation_module, "_judge", counting_judge)
    return calls


def test_a_page_that_forwards_nowhere_is_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    web = _Web({ARTICLE: _page(ARTICLE, ARTICLE_PAGE)}, _not_found)
    calls = _counted(monkeypatch)
    with SqliteMemo(tmp_path / "store.sqlite3") as memo:
        cold = _verify(web, memo)
    assert calls == {"follow": 1, "judge": 1}
    with SqliteMemo(tmp_path / "store.sqlite3") as memo:
        warm = _verify(web, memo)
    assert calls == {"follow": 1, "judge": 1}  # neither followed nor judged again
    assert warm == cold == _verify(web, None)
    changed = _Web({ARTICLE: _page(ARTICLE, ARTICLE_PAGE, 404)}, _not_found)
    with SqliteMemo(tmp_path / "store.sqlite3") as memo:
        assert _verify(changed, memo) == _verify(changed, None) != cold


def test_a_forward_not_followed_before_is_followed_when_it_answers(tmp_path: Path) -> None:
    """The first run's destination gave no answer, so the page was judged as it came: the next
    run, whose destination answers 404, must follow it, not take that judgement back."""
    pages = {ARTICLE: _page(ARTICLE, FORWARDING_PAGE)}
    unanswered = FetchResult(FORWARD, Outcome.NETWORK, error="connection refused")
    first = _Web({**pages, FORWARD: unanswered}, _not_found)
    second = _Web({**pages, FORWARD: _not_found(FORWARD)}, _not_found)
    _judged_afresh(first, second, tmp_path)


def test_a_page_judged_by_its_sibling_asks_the_sibling_again(tmp_path: Path) -> None:
    """A deep page with no article marker is judged beside a made-up URL of the same site: a
    site that now answers that URL with the same page is a catch-all, whatever it was before."""
    pages = {ARTICLE: _page(ARTICLE, BARE_PAGE)}
    honest = _Web(pages, _not_found)
    catch_all = _Web(pages, lambda url: _page(url, BARE_PAGE))
    _judged_afresh(honest, catch_all, tmp_path)


def test_a_refresh_header_added_to_the_same_page_is_followed_not_taken_from_the_memo(
    tmp_path: Path,
) -> None:
    """A ``Refresh`` header decides a verdict (``soft404.header_refresh``) as much as the page
    does: the same body answered with ``Refresh: 0; url=…`` to a 404 is no longer the ``ok``
    judged before without it, so the header is part of the plain keys (``JUDGED_HEADERS``)."""
    refreshing = _page(ARTICLE, ARTICLE_PAGE)
    refreshing = dataclasses.replace(
        refreshing, headers={**refreshing.headers, "refresh": f"0; url={FORWARD}"}
    )
    plain = _Web({ARTICLE: _page(ARTICLE, ARTICLE_PAGE)}, _not_found)
    forwarding = _Web({ARTICLE: refreshing}, _not_found)
    _judged_afresh(plain, forwarding, tmp_path)
