"""The "not found" lexicon reads only a page's lead (issue 19, session 17), with the same verdict.

``soft404.lead_shape`` stops its walk of the main text once the lead blocks and enough text are
in; ``not_found_in`` must say of it exactly what it says of the whole ``page_shape``, on hostile
pages too (a message only in a late heading, huge, deeply nested, no title, giant blocks).
Judging a plain link to a long page no longer walks and normalises its whole text.
"""

from __future__ import annotations

from typing import Any

import pytest

import checker.verify.availability as availability_module
from checker.model import Citation, CitationKind, FetchResult, Outcome, Status
from checker.verify.citation import _judge
from checker.verify.page import ParsedPage
from checker.verify.soft404 import (
    _MAX_HTML,
    _MAX_TEXT,
    PageShape,
    lead_shape,
    might_say_not_found,
    not_found_in,
    page_shape,
)

URL = "https://news.example.com/2025/02/ukraine-ceasefire-talks-stall"
SENTENCE = "<p>The delegations found no common ground on the ceasefire line this week.</p>\n"
META = '<meta property="og:type" content="article">'


def _page(body: str, *, title: str = "Talks stall | Example News", head: str = META) -> str:
    title_tag = f"<title>{title}</title>" if title else ""
    return f"<!DOCTYPE html><html><head>{title_tag}{head}</head><body>{body}</body></html>"


HOSTILE = {
    "article": _page("<article><h1>Talks stall</h1>" + SENTENCE * 200 + "</article>"),
    "late h1 says not found": _page(SENTENCE * 400 + "<h1>Page not found</h1>"),
    "late h1, not an article": _page(SENTENCE * 400 + "<h1>Page not found</h1>", head=""),
    "no title, lead says not found": _page(
        "<div><p>Sorry, the page you were looking for could not be found.</p></div>" + SENTENCE * 3,
        title="",
        head="",
    ),
    "lead says not found in a long article": _page(
        "<p>404 Not Found</p>" + SENTENCE * 100, title=""
    ),
    "lead says not found, short article": _page("<p>404 Not Found</p>" + SENTENCE * 5),
    "third block says not found": _page("<p>a</p><p>b</p><p>Page not found</p>" + SENTENCE * 50),
    "giant blocks": _page(
        "<p>" + "word " * (_MAX_TEXT // 4) + "</p><p>" + "more " * (_MAX_TEXT // 4) + "</p>"
        "<p>Page not found</p>",
        head="",
    ),
    "deeply nested": _page("<div>" * 3000 + "<p>Page not found</p>" + "</div>" * 3000, head=""),
    "huge": _page("<h1>Page not found</h1>" + SENTENCE * (_MAX_HTML // len(SENTENCE) + 10)),
    "main after a long navigation": _page(
        "<nav>" + "<a href='/x'>Section link text</a>" * 500 + "</nav>"
        "<main><p>This page does not exist.</p>" + SENTENCE * 30 + "</main>",
        head="",
    ),
    "no document": "   ",
}


def _lexicon_view(shape: PageShape) -> tuple[Any, ...]:
    return (
        shape.title,
        shape.headings,
        shape.lead,
        shape.article_meta,
        shape.text_chars >= 1_500,
    )


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_the_lead_says_what_the_whole_shape_says(name: str) -> None:
    html = HOSTILE[name]
    whole = page_shape(html, ParsedPage(html))
    lead = lead_shape(html, ParsedPage(html))
    assert _lexicon_view(lead) == _lexicon_view(whole)
    assert not_found_in(lead) == not_found_in(whole)


def _answer(html: str) -> FetchResult:
    return FetchResult(
        URL, Outcome.OK, final_url=URL, status_code=200, content_type="text/html", text=html
    )


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("article", Status.OK),
        ("late h1 says not found", Status.BROKEN),
        ("late h1, not an article", Status.BROKEN),
        ("lead says not found in a long article", Status.OK),
        ("third block says not found", Status.OK),
        ("huge", Status.BROKEN),
        ("main after a long navigation", Status.BROKEN),
    ],
)
def test_a_plain_link_is_judged_from_the_lead_alone(
    name: str, status: Status, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No whole shape (a walk of 20,000 characters, every word normalised) for a plain link
    that did not move: the lexicon's verdict comes from the lead."""

    def whole_shape(*args: Any) -> PageShape:
        raise AssertionError("the whole page shape was read")

    monkeypatch.setattr(availability_module, "page_shape", whole_shape)
    judged = _judge(Citation(CitationKind.LINK, URL), _answer(HOSTILE[name]))
    assert judged.status is status


def test_a_page_longer_than_the_pre_check_goes_to_the_lead() -> None:
    """Past ~2,000 characters a parse and a read of the lead cost less than the raw-text look
    (a 12 KB article spent 1.7 ms in it), so the look lets the page through."""
    assert not might_say_not_found(_page(SENTENCE.replace("found", "saw") * 5))
    assert might_say_not_found(_page(SENTENCE.replace("found", "saw") * 40))
