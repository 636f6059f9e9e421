"""Probe 17: a bare URL in Markdown is the URL as written, and no input makes reading it slow.

- ``https://x.example/a*b*c`` in text: markdown-it read ``*b*`` as emphasis, and the line's text,
  where bare URLs are found, said ``https://x.example/abc``, a URL nobody wrote, which was the
  one checked.  GFM reads an extended autolink before emphasis; so does the checker now.
- A URL followed by a long run of ``)`` (100 KB of them, say) cost time quadratic in the run:
  every URL in text went through the near-miss trimmer, which counted the parentheses again for
  each one it dropped (200,000 of them: 40 s of CPU, against 0.13 s for a page of prose).
"""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.model import Page, PageKind
from tests.cost import cpu_seconds


def _urls(text: str) -> list[str]:
    page = Page("https://blog.example/post", "post.md", f"# Post\n\n{text}\n", PageKind.MARKDOWN)
    (document,) = extract(page)
    return [c.url or "" for c in document.citations]


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("See https://x.example/a*b*c here.", "https://x.example/a*b*c"),
        ("See https://x.example/v~~w~~x here.", "https://x.example/v~~w~~x"),
        ("See https://x.example/a_b_c here.", "https://x.example/a_b_c"),
    ],
)
def test_markdown_marks_inside_a_bare_url_are_part_of_it(text: str, url: str) -> None:
    assert _urls(text) == [url]


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("**https://x.example/strong**", "https://x.example/strong"),
        ("*https://x.example/emph*.", "https://x.example/emph"),
        ("_https://x.example/under_", "https://x.example/under"),
        ("~~https://x.example/struck~~", "https://x.example/struck"),
        ("(see https://x.example/paren)", "https://x.example/paren"),
        ("https://en.wikipedia.org/wiki/Foo_(bar).", "https://en.wikipedia.org/wiki/Foo_(bar)"),
        ("https://x.example/snake\\_case", "https://x.example/snake_case"),
        ("https://x.example/ends_in_", "https://x.example/ends_in_"),
    ],
)
def test_markdown_around_a_bare_url_still_ends_it(text: str, url: str) -> None:
    assert _urls(text) == [url]


def _cost(body: str) -> float:
    page = Page("https://blog.example/post", "post.md", body, PageKind.MARKDOWN)
    return cpu_seconds(lambda: extract(page), repeat=1)


def test_a_url_followed_by_a_long_run_of_parentheses_costs_what_prose_costs() -> None:
    size = 40_000
    hostile = "https://x.example/a" + ")" * size + "\n"
    normal = "Words of an ordinary post, https://x.example/a and more. " * (size // 57) + "\n"
    assert _cost(hostile) / _cost(normal) < 25  # quadratic: > 100 times
    assert _urls(")" * 10 + " https://x.example/a" + ")" * 1000) == ["https://x.example/a"]
