"""HTML extraction conformance: each construct's input and the URLs it must give.

The cases live in ``tests/extract/conformance/html`` (see its README), as the Markdown ones do:
a reader adds a case by adding files.  Code (``<pre>``, ``<code>``, ``<samp>``, ``<kbd>``,
``<var>``) gives citations only with ``include_verbatim`` (issue 16), as Markdown code does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.extract import extract
from checker.model import Page, PageKind

CASES = Path(__file__).parent / "conformance" / "html"
BASE = "https://blog.example/posts/p.html"
NAMES = sorted(p.stem for p in CASES.glob("*.html"))


def _expected(path: Path) -> list[str]:
    rows = path.read_text(encoding="utf-8").splitlines()
    return [row for row in rows if row.strip() and not row.startswith("# ")]


def _citations(name: str, *, include_verbatim: bool = False) -> list[str]:
    body = (CASES / f"{name}.html").read_text(encoding="utf-8")
    (doc,) = extract(
        Page(BASE, f"{name}.html", body, PageKind.HTML), include_verbatim=include_verbatim
    )
    return [f"{c.kind.value} {c.url}" for c in doc.citations]


def test_every_case_has_an_expectation() -> None:
    assert NAMES
    for name in NAMES:
        assert (CASES / f"{name}.urls").is_file(), name


@pytest.mark.parametrize("name", NAMES)
def test_citations(name: str) -> None:
    assert _citations(name) == _expected(CASES / f"{name}.urls")


@pytest.mark.parametrize("name", [n for n in NAMES if (CASES / f"{n}.verbatim.urls").is_file()])
def test_citations_with_verbatim(name: str) -> None:
    assert _citations(name, include_verbatim=True) == _expected(CASES / f"{name}.verbatim.urls")


def test_markdown_html_block_code_follows_the_same_rule() -> None:
    """A ``<pre>`` pasted into Markdown is HTML code: the one rule, whatever the format."""
    body = "# T\n\n<pre>https://pre.example/x</pre>\n\nSee https://kept.example/y\n"
    page = Page(BASE, "p.md", body, PageKind.MARKDOWN)
    (off,) = extract(page)
    (on,) = extract(page, include_verbatim=True)
    assert [c.url for c in off.citations] == ["https://kept.example/y"]
    assert [c.url for c in on.citations] == ["https://pre.example/x", "https://kept.example/y"]


def test_plain_text_has_no_code_so_every_url_counts() -> None:
    """Text has no markup that says what is code: its URLs are citations either way."""
    body = "Title\n\nRun curl https://code.example/api now.\n"
    page = Page(BASE, "p.txt", body, PageKind.TEXT)
    assert [c.url for c in extract(page)[0].citations] == ["https://code.example/api"]
    assert [c.url for c in extract(page, include_verbatim=True)[0].citations] == [
        "https://code.example/api"
    ]
