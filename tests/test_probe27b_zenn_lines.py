"""Probe 27b: many Zenn embeds on one Markdown line.

Probe 27 read Zenn's ``@[tweet](URL)`` as an embed call; each call re-marked every anchor of its
line (``_freed``), and each found its ``@name`` by a search from the line's start: 1,000 calls
on one line took about 4 CPU s, 2,000 took 16, 4,000 took 69 (a 1 MB line most of an hour, a
CI job a hostile pull request hangs).  The calls' links are marked in one pass now.
"""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.model import Page, PageKind
from tests.cost import cpu_seconds


def _read(body: str) -> None:
    extract(Page("file:///t/p.md", "file:///t/p.md", f"# T\n\n{body}\n", PageKind.MARKDOWN))


@pytest.mark.parametrize(
    "hostile",
    [
        "@[tweet](https://twitter.com/a/status/1) " * 1000,
        "[tweet](https://t.example/a) " * 1000 + "@tweet",
    ],
    ids=["calls", "stray-mark"],
)
def test_a_line_of_zenn_calls_is_read_in_linear_time(hostile: str) -> None:
    normal = ("See [the source](https://real.example/a) in a line.\n\n" * 4000)[: len(hostile)]
    base = cpu_seconds(lambda: _read(normal))
    cost = cpu_seconds(lambda: _read(hostile), repeat=1)
    assert cost < 20 * base, (cost, base)


def test_each_call_on_a_line_is_an_embed_and_its_link_no_link() -> None:
    body = "@[tweet](https://twitter.com/a/status/1) @[tweet](https://twitter.com/b/status/2)"
    page = Page("file:///t/p.md", "file:///t/p.md", f"# T\n\n{body}\n", PageKind.MARKDOWN)
    ((document),) = extract(page)
    assert [(c.kind.value, c.url) for c in document.citations] == [
        ("embed", "https://twitter.com/a/status/1"),
        ("embed", "https://twitter.com/b/status/2"),
    ]
