"""Left 33b: a site's own bot block, served 200 under the site's name, is ``blocked``.

A custom block page ("Your request was blocked because it looks automated", titled "Example
News") carries no vendor's marker and no challenge title, so a source cited there was judged
against the block page: ``title-mismatch`` and ``author-mismatch`` for a right citation, and a
wrong one could not be told (probe 32).  Read as the walls titled with the site's name are
(``_wall_statement``): a short page titled with one name that leads with a statement that the
request or its sender was blocked, denied or taken for a robot.  An article about such blocks,
titled with its headline, is the page it says it is.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.findings import Code
from checker.model import CitationKind, FetchResult, Outcome, Status
from checker.sampleweb import Web
from checker.verify.availability import classify
from tests.fetch.support import check_sources_on, codes

_BLOCK = (
    "<html><head><title>{site}</title></head><body><header><a href='/'>{site}</a></header>"
    "<main><h1>{statement}</h1><p>{more}</p></main>"
    "<footer>&copy; 2025 {site}</footer></body></html>"
)
_STATEMENTS = (
    ("Your request was blocked because it looks automated.", "Reference ID: 8f3a2c."),
    ("Sorry, you have been blocked", "Contact the site owner if you think this is a mistake."),
    ("Access denied", "You do not have permission to view this page. Ref 18.2f0c.1733"),
    (
        "We have detected unusual activity from your network.",
        "Please try again later. If you are not a robot, contact support.",
    ),
    ("Our systems think your browser is a robot.", "Request ID 55c1d."),
    ("Automated access to this site is not allowed.", "Error 1020."),
)
_ARTICLE = (
    "<html><head><title>Council approves the budget | Example News</title>"
    '<meta name="author" content="Jane Doe"></head><body><article>'
    "<h1>Council approves the budget</h1><p>By Jane Doe, May 12, 2025</p>"
    "<p>The council approved the budget on Monday after a long debate.</p></article></body></html>"
)


@pytest.mark.parametrize(("statement", "more"), _STATEMENTS)
def test_a_sites_own_bot_block_page_is_blocked(tmp_path: Path, statement: str, more: str) -> None:
    web = Web()
    url = "https://paper.test/2025/05/budget.html"
    web.page(url, _BLOCK.format(site="Paper News", statement=statement, more=more))
    checked = check_sources_on(web, {url: "Council approves the budget"}, tmp_path)
    assert checked[url].citation.kind is CitationKind.SOURCE
    assert checked[url].status is Status.BLOCKED, checked[url].findings
    assert not codes(checked[url]) & {Code.TITLE_MISMATCH, Code.AUTHOR_MISMATCH}


@pytest.mark.parametrize(
    "page",
    [
        _ARTICLE,
        # an article about bot blocks, titled with its headline
        "<html><head><title>Your request was blocked: why sites turn bots away | Example News"
        "</title></head><body><article><h1>Your request was blocked: why sites turn bots away"
        "</h1><p>By Jane Doe, May 12, 2025</p><p>Bot walls are everywhere now.</p></article>"
        "</body></html>",
    ],
)
def test_an_article_is_read_as_the_source(tmp_path: Path, page: str) -> None:
    web = Web()
    url = "https://example-news.test/2025/05/budget.html"
    web.page(url, page)
    title = (
        "Council approves the budget"
        if page is _ARTICLE
        else page.split("<title>")[1].split(" | ", maxsplit=1)[0]
    )
    checked = check_sources_on(web, {url: title}, tmp_path)
    assert checked[url].status is Status.OK, checked[url].findings
    assert Code.TITLE_MISMATCH not in codes(checked[url])


def test_a_brief_headlined_access_denied_under_the_sites_name_is_read() -> None:
    """A short brief titled with the site's name alone whose headline opens "Access denied to
    …" is a news brief, not a block: only "Access denied" standing alone states one."""
    url = "https://example-news.test/2025/05/summit.html"
    page = (
        "<html><head><title>Example News</title></head><body><main>"
        "<h1>Access denied to reporters at the summit</h1><p>By Jane Doe, May 12, 2025</p>"
        "<p>Reporters were kept out of the hall on Monday.</p></main></body></html>"
    )
    answer = FetchResult(url, Outcome.OK, final_url=url, status_code=200, text=page)
    assert classify(answer, cited_url=url).status is Status.OK


_HEADLINES = (
    "You've been blocked: how to tell on WhatsApp",
    "Detected unusual activity on your bank account? Act fast",
    "Your request was denied, court tells Meta",
    "Bot traffic is blocked by a new EU rule, firms say",
)
_BRIEF = (
    "<html><head><title>Example News</title>{meta}</head><body><main>"
    "<h1>{headline}</h1><p>By Jane Doe, May 12, 2025</p>"
    "<p>Reporters followed the story on Monday.</p></main></body></html>"
)
_DATED = '<meta property="article:published_time" content="2025-05-12T09:00:00Z">'


@pytest.mark.parametrize("headline", [*_HEADLINES, "Access denied"])
def test_a_dated_brief_headlined_like_a_block_is_read(headline: str) -> None:
    """A short brief under the site's name whose headline opens with a block's words, dated
    in its metadata, is the page it says it is: read as a block, its title, author and date
    were never compared, and a wrong citation passed (mend 33n)."""
    url = "https://example-news.test/2025/05/brief.html"
    page = _BRIEF.format(meta=_DATED, headline=headline)
    answer = FetchResult(url, Outcome.OK, final_url=url, status_code=200, text=page)
    assert classify(answer, cited_url=url).status is Status.OK


@pytest.mark.parametrize("headline", _HEADLINES)
def test_a_headline_that_only_opens_with_a_blocks_words_is_read(headline: str) -> None:
    """Even undated: the words after the block's ("…: how to tell on WhatsApp", "…, court tells
    Meta") make a headline, not a block's statement (mend 33n)."""
    url = "https://example-news.test/2025/05/brief.html"
    page = _BRIEF.format(meta="", headline=headline)
    answer = FetchResult(url, Outcome.OK, final_url=url, status_code=200, text=page)
    assert classify(answer, cited_url=url).status is Status.OK


def test_a_wrong_citation_of_a_dated_brief_is_compared(tmp_path: Path) -> None:
    """The silent pass itself: a citation whose title is not the brief's is told."""
    web = Web()
    url = "https://example-news.test/2025/05/brief.html"
    headline = "Your request was denied, court tells Meta"
    web.page(url, _BRIEF.format(meta=_DATED, headline=headline))
    checked = check_sources_on(web, {url: "Council approves the budget"}, tmp_path)
    assert checked[url].status is not Status.BLOCKED, checked[url].findings
    assert Code.TITLE_MISMATCH in codes(checked[url]), checked[url].findings
