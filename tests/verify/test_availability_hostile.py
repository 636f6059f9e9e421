"""Hostile pages against the availability verdict (issue 13): no pattern backtracks on page text.

A page of many ``<title>`` (or ``<h1>``, ``<script>``, ``<``) openings without their closings
made the old lazy regexes retry from every opening to the end of the text: 30-80 s of CPU on a
300 KB page, on the event loop.  Time is measured as a ratio to a normal page of the same size,
with a generous bound, never against a wall-clock constant.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checker.model import FetchResult, Outcome
from checker.verify.availability import _elements, _visible_text, _without_hidden, classify
from tests.cost import cpu_seconds

_URL = "https://news.example.com/2025/02/some-article/"
_SIZE = 100_000
_BOUND = 25  # linear code stays within a few times the normal page; the old regexes were >1000x


def _result(text: str) -> FetchResult:
    return FetchResult(
        _URL, Outcome.OK, final_url=_URL, status_code=200, text=text, content_type="text/html"
    )


def _cpu(text: str) -> float:
    """The CPU cost of the verdict on ``text``."""
    result = _result(text)
    return cpu_seconds(lambda: classify(result, cited_url=_URL))


def _normal_page(size: int) -> str:
    head = "<html><head><title>An ordinary article | Example News</title></head><body>"
    paragraph = "<p>Words of an ordinary article, with <a href='/x'>a link</a>.</p>\n"
    return head + paragraph * (size // len(paragraph)) + "</body></html>"


@pytest.mark.parametrize(
    "unit",
    [
        "<title>",
        "<title x",
        "<TITLE>a",
        "<h1>",
        "<h1 class=x>a",
        "<script>",
        "<style>",
        "<noscript>",
        "<template>",
        "<",
        "<title>a" + "!" * 5000 + "a</title>",
    ],
)
def test_unclosed_elements_cost_about_what_a_normal_page_costs(unit: str) -> None:
    hostile = unit * (_SIZE // len(unit))
    ratio = _cpu(hostile) / _cpu(_normal_page(len(hostile)))
    assert ratio < _BOUND, f"{unit!r}: {ratio:.0f}x a normal page"


_OLD_ELEMENT = r"<{name}\b[^>]*>(.*?)</{name}\s*>"
_OLD_HIDDEN = re.compile(
    r"<(script|style|noscript|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL
)
_PIECES = st.sampled_from(
    [
        "<title>", "</title>", "</title >", "<TITLE lang=en>", "<titles>", "</Title\n>", "<h1>",
        "</h1>", "<h1 x>", "<script>", "</script>", "<style>", "</STYLE >", "<noscript>",
        "</noscript>", "<template>", "</template>", "</scriptx>", "<", ">", "a", " ", "\n",
    ]
)  # fmt: skip


@given(st.lists(_PIECES, max_size=14).map("".join))
def test_scanners_find_what_the_old_patterns_found(text: str) -> None:
    for name in ("title", "h1"):
        old = re.findall(_OLD_ELEMENT.format(name=name), text, re.IGNORECASE | re.DOTALL)
        assert _elements(text, name, 3) == old[:3]
    assert _without_hidden(text) == _OLD_HIDDEN.sub(" ", text)


def test_visible_text_drops_scripts_and_tags() -> None:
    page = "<p>Shown</p><script>var hidden = '<p>no</p>';</script><style>p{}</style> text <b"
    assert _visible_text(page) == "Shown text <b"
