"""Mend 34p: a site's own bot block that says who blocked the request or why is ``blocked``.

Mend 33n bounded the block's statement to the whole first sentence, a "from this page" or a
"because …" after it, so that headlines opening with a block's words ("You've been blocked: how
to tell on WhatsApp") are read as the articles they are.  Blocks that name their blocker or
their reason ("… blocked by our security service.", "… due to suspicious activity.") were then
read as the article too: a right citation got ``title-mismatch`` and ``author-mismatch``.  Such
a tail is now read, bounded (80 characters, no clause after it), and the headlines stay read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.findings import Code
from checker.model import FetchResult, Outcome, Status
from checker.sampleweb import Web
from checker.verify.availability import classify
from tests.fetch.support import check_sources_on, codes
from tests.verify.test_left33b_bot_blocks import _BLOCK

_TAILED = (
    "Your request has been blocked by our security service.",
    "Your IP address has been blocked due to suspicious activity.",
    "Your access to this site has been blocked for security reasons.",
    "You have been blocked by the site owner.",
    "Your request was blocked by Wordfence.",
)


@pytest.mark.parametrize("statement", _TAILED)
def test_a_block_naming_its_blocker_or_reason_is_blocked(statement: str) -> None:
    url = "https://paper.test/2025/05/budget.html"
    page = _BLOCK.format(site="Paper News", statement=statement, more="Reference ID: 8f3a2c.")
    answer = FetchResult(url, Outcome.OK, final_url=url, status_code=200, text=page)
    assert classify(answer, cited_url=url).status is Status.BLOCKED


def test_a_right_citation_of_a_tailed_block_is_not_a_mismatch(tmp_path: Path) -> None:
    """The false alarm itself, through the fixture web: ``blocked``, no mismatch."""
    web = Web()
    url = "https://paper.test/2025/05/budget.html"
    statement = "Your request has been blocked by our security service."
    web.page(url, _BLOCK.format(site="Paper News", statement=statement, more="Ref 18.2f0c."))
    checked = check_sources_on(web, {url: "Council approves the budget"}, tmp_path)
    assert checked[url].status is Status.BLOCKED, checked[url].findings
    assert not codes(checked[url]) & {Code.TITLE_MISMATCH, Code.AUTHOR_MISMATCH}


@pytest.mark.parametrize(
    "headline",
    [
        "Bot traffic is blocked by a new EU rule, firms say",
        "Access denied for reporters at the summit: what we know",
        "Your request was denied by the court; Meta appeals",
    ],
)
def test_a_headline_with_a_clause_after_the_tail_is_read(headline: str) -> None:
    """The tail ends the sentence: a clause after it (``,:;``) makes a headline."""
    url = "https://example-news.test/2025/05/brief.html"
    page = (
        "<html><head><title>Example News</title></head><body><main>"
        f"<h1>{headline}</h1><p>By Jane Doe</p>"
        "<p>Reporters followed the story on Monday.</p></main></body></html>"
    )
    answer = FetchResult(url, Outcome.OK, final_url=url, status_code=200, text=page)
    assert classify(answer, cited_url=url).status is Status.OK


@pytest.mark.parametrize(
    "headline",
    [
        "Access denied for thousands of veterans",
        "Your request was denied by the court",
        "Your request was denied, court tells Meta",
        "You've been blocked: how to tell on WhatsApp",
    ],
)
def test_a_headline_with_a_tail_of_other_words_is_read(headline: str) -> None:
    """Mend 34v: a tail is a known blocker or reason; "by the court", "for thousands of
    veterans" are a headline's words (the base read these two briefs as blocks, unchecked)."""
    test_a_headline_with_a_clause_after_the_tail_is_read(headline)
