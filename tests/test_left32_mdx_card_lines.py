"""A link written in a start tag over several lines (MDX's ``<Card\\n  href="…"\\n  icon="x"\\n/>``,
an ``<a`` in a Markdown post) is cited on its ``href``'s line: libxml2 gives an element the line
its start tag ends on, so it was cited on the ``>``'s line, which SARIF and annotations then
pointed at (session 31 left).  Extraction only: nothing is fetched."""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.model import Page, PageKind


@pytest.mark.parametrize(
    "text",
    [
        '<CardGroup>\n<Card\n  title="A"\n  href="https://src.example/a"\n  icon="x"\n>\n'
        "  Text\n</Card>\n</CardGroup>\n",
        '<Card\n  title="A"\n  href="https://src.example/a"\n/>\n',
        '<Card title="A"\n  href="https://src.example/a"\n  icon="x">\n  Text\n</Card>\n',
        '<p>See <a\n  href="https://src.example/a"\n  class="ext"\n>the source</a>.</p>\n',
    ],
    ids=["in-a-group", "self-closing", "closed-after-more", "html-a"],
)
def test_a_link_in_a_tag_over_several_lines_is_on_its_href_s_line(text: str) -> None:
    body = "# T\n\n" + text + "\nAfter [k](https://k.example/).\n"
    page = Page("file:///site/docs/p.mdx", "/site/docs/p.mdx", body, PageKind.MARKDOWN)
    (document,) = extract(page)
    lines = body.split("\n")
    href = next(i for i, line in enumerate(lines, 1) if "href=" in line)
    after = next(i for i, line in enumerate(lines, 1) if "After" in line)
    assert [(c.url, c.line) for c in document.citations] == [
        ("https://src.example/a", href),
        ("https://k.example/", after),  # later lines keep their numbers
    ]
