"""Probe 18c: text inside ``$…$`` and ``$$…$$`` math is TeX, not Markdown links.

``$$[\\psi](\\mathbf{L})$$`` and ``$[a](b)$`` (lychee's ``test_markdown_math``) showed a formula
and were cited as relative links of the post, false ``broken`` findings.  Prices ("$5 and $10")
are no math (Pandoc's rule: a closing ``$`` follows no blank and precedes no digit), so the
links among them stay citations.
"""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.model import Page, PageKind
from tests.cost import cpu_seconds

BASE = "https://blog.example/posts/p.html"


def _cited(body: str) -> list[tuple[int | None, str | None]]:
    (document,) = extract(Page(BASE, "p.md", "# T\n\n" + body, PageKind.MARKDOWN))
    return [(c.line, c.url) for c in document.citations]


@pytest.mark.parametrize(
    "body",
    [
        "$$[\\psi](\\mathbf{L})$$\n",
        "Inline $[a](b)$ math.\n",
        "Display:\n$$\n[\\psi](\\mathbf{L})\n$$\n",
        "| f | g |\n|---|---|\n| $[a](b)$ | $$[c](d)$$ |\n",
        "$\\text{see}~[x](y)$, twice: $[x](y)$\n",
    ],
)
def test_math_holds_no_link(body: str) -> None:
    assert _cited(body) == []


@pytest.mark.parametrize(
    "body",
    [
        "Prices $5 and $10 at [the shop](https://shop.example/x).\n",
        "From $5/$10 or US$5: [$5](https://shop.example/x) a month.\n",
        "A lone $ sign and [the shop](https://shop.example/x), then $ 3 $.\n",
        "Escaped \\$[the shop](https://shop.example/x)\\$ is text.\n",
    ],
)
def test_dollars_that_are_no_math_keep_their_links(body: str) -> None:
    assert _cited(body) == [(3, "https://shop.example/x")]


def test_lines_after_display_math_keep_their_numbers() -> None:
    body = "$$\n\\begin{x}[a](b)\\\\\n[c](d)\n$$\n\nThen [x](https://x.example/) here.\n"
    assert _cited(body) == [(8, "https://x.example/")]


_GROWTH = 8  # 4 times the input: linear work is about 4 times the CPU, quadratic work 16 times


@pytest.mark.parametrize("unit", ["$5 ", "$a $b ", "$$a ", "[$x "])
def test_dollars_without_a_closer_cost_in_proportion_to_them(unit: str) -> None:
    def cost(count: int) -> float:
        body = "# T\n\n" + unit * count + "[x](https://x.example/)\n"
        page = Page(BASE, "p.md", body, PageKind.MARKDOWN)
        return cpu_seconds(lambda: extract(page))

    assert cost(20_000) / cost(5_000) < _GROWTH
