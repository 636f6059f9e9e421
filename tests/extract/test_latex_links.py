"""LaTeX's ``\\href{URL}{text}`` in a Markdown file or text (a notebook's or a paper's math):
the bare URL ran on through ``}{text`` and was cited so, a false ``broken`` (probe 26b2)."""

from __future__ import annotations

import pytest

from checker.extract import extract
from checker.extract.lines import trim_url
from checker.model import Page, PageKind

LINE = "See $\\href{https://example.com/paper}{the paper}$ for details, or the list below."


@pytest.mark.parametrize(("name", "kind"), [("a.md", PageKind.MARKDOWN), ("a.txt", PageKind.TEXT)])
def test_a_latex_href_cites_its_url_alone(name: str, kind: PageKind) -> None:
    posts = extract(Page(f"file:///notes/{name}", f"/notes/{name}", f"# T\n\n{LINE}\n", kind))
    assert [c.url for post in posts for c in post.citations] == ["https://example.com/paper"]


@pytest.mark.parametrize(
    ("written", "cited"),
    [
        ("https://api.example.com/v1/{id}/items", "https://api.example.com/v1/{id}/items"),
        ("https://x.example/a}", "https://x.example/a"),
        ("https://x.example/a}{b}", "https://x.example/a"),
        ("https://x.example/{a}}", "https://x.example/{a}"),
    ],
)
def test_a_brace_the_url_did_not_open_ends_it(written: str, cited: str) -> None:
    assert trim_url(written) == cited
