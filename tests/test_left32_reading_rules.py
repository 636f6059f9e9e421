"""Session 31's reading leftovers in Markdown: a Liquid comment across a blank line was shown
(its URLs cited, a draft's dead link a false ``broken``), and an entity-like tail after a URL
that holds an entity already (``?a=1&amp;b=2&amp;``) was decoded into it (``…&b=2&``, a URL
nobody linked).  Extraction only: nothing is fetched."""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.model import Page, PageKind

KEEP = "Keep [k](https://k.example/)."


def _cited(text: str) -> list[tuple[str | None, int | None]]:
    page = Page(
        "file:///site/_posts/p.md", "/site/_posts/p.md", "# P\n\n" + text, PageKind.MARKDOWN
    )
    (document,) = extract(page)
    return [(c.url, c.line) for c in document.citations]


@pytest.mark.parametrize(
    "text",
    [
        # opened in a paragraph, closed in a later one
        "Text {% comment %} [a](https://a.example/x)\n\n"
        "more https://b.example/y {% endcomment %}\n",
        # opened with words after it, closed alone on a later line
        "{% comment %} draft [a](https://a.example/x)\n\n"
        "[b](https://b.example/y)\n{% endcomment %}\n",
        # opened alone, closed after words, trimmed marks
        "{%- comment -%}\n[a](https://a.example/x)\n\nb https://b.example/y {%- endcomment -%}\n",
    ],
)
def test_a_liquid_comment_across_a_blank_line_is_no_text(text: str) -> None:
    lines = text.count("\n")
    assert _cited(text + "\n" + KEEP + "\n") == [("https://k.example/", 3 + lines + 1)]


def test_a_liquid_comment_in_code_stays_code() -> None:
    text = "```liquid\n{% comment %}\n```\n\nSee [a](https://a.example/x).\n\n`{% endcomment %}`\n"
    assert _cited(text) == [("https://a.example/x", 7)]


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("See https://x.example/p?a=1&amp;b=2&amp; now.", "https://x.example/p?a=1&b=2"),
        ("See https://x.example/p?a=1&amp;b=2&amp;.", "https://x.example/p?a=1&b=2"),
        ("www.x.example/p?a=1&amp;b=2&amp;c=3&copy;", "http://www.x.example/p?a=1&b=2&c=3"),
        ("https://x.example/p?a=1&amp;b=2 stays", "https://x.example/p?a=1&b=2"),
    ],
)
def test_an_entity_tail_after_an_entity_in_the_url_is_left_out(text: str, url: str) -> None:
    assert _cited(text + "\n") == [(url, 3)]
