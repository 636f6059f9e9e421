"""Single-line inputs of megabytes (issue 13): extraction time grows with the input, no faster.

A 49 MB file on one line full of URLs ran for more than ten minutes: every link on the line
collapsed the whole line for its context, and the attribution parser replaced each URL in the
whole line.  Each test compares the time per byte of a hostile input with that of an ordinary
input of the same size, with a generous bound, instead of a wall-clock limit.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from checker.extract import extract
from checker.extract.attribution import find_attributions
from checker.extract.lines import Line
from checker.model import Page, PageKind

_BOUND = 8.0  # a linear extractor stays near 1; the quadratic one was over 100 at these sizes


def _seconds(run: Callable[[], object]) -> float:
    """The least of three timings: on a loaded machine one run can pause longer than it works."""
    best = float("inf")
    for _ in range(3):
        started = time.thread_time()
        run()
        best = min(best, time.thread_time() - started)
    return best


def _urls(size: int, separator: str) -> str:
    parts: list[str] = []
    total = 0
    while total < size:
        parts.append(f"https://example.com/path/{len(parts)}")
        total += len(parts[-1]) + 1
    return separator.join(parts) + "\n"


@pytest.mark.parametrize("kind", [PageKind.TEXT, PageKind.MARKDOWN])
def test_a_single_line_of_urls_costs_what_the_same_urls_on_lines_cost(kind: PageKind) -> None:
    size = 400_000

    def run(body: str) -> Callable[[], object]:
        return lambda: extract(Page("file:///in", "in", body, kind))

    normal = _seconds(run(_urls(size, "\n")))
    one_line = _seconds(run(_urls(size, " ")))
    assert one_line / normal < _BOUND


def _attributions_of(text: str) -> Callable[[], object]:
    lines = [Line("本文です。これは翻訳記事です。■", 1), Line(text, 2), Line(text, 3)]
    return lambda: find_attributions(lines, None)


@pytest.mark.parametrize(
    "hostile",
    [
        "Jack" + " " * 4000 + "Watling",  # names split on separators with blanks around them
        "By Jack" + " " * 4000 + "Watling (CNN)",  # a byline and a parenthetical
        "原題: Title" + " " * 4000 + "x",  # the excerpt note after a title
        "Source: " + " ".join(f"https://e.example/{i}" for i in range(20_000)),
    ],
    ids=["names", "byline", "excerpt-note", "source-urls"],
)
def test_attribution_lines_with_long_runs_cost_what_prose_costs(hostile: str) -> None:
    normal = _seconds(_attributions_of(("Lorem ipsum dolor sit amet. " * 1000)[: len(hostile)]))
    assert _seconds(_attributions_of(hostile)) / max(normal, 1e-4) < _BOUND * 4
