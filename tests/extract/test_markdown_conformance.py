"""Markdown extraction conformance: each construct's input and the URLs it must give.

The cases live in ``tests/extract/conformance/markdown`` (see its README): a reader adds a case
by adding files, without touching this module.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.extract.markdown import extract_markdown, markdown_lines
from checker.model import Page, PageKind
from tests.extract.test_conformance import row

CASES = Path(__file__).parent / "conformance" / "markdown"
BASE = "https://blog.example/posts/p.html"
NAMES = sorted(p.stem for p in CASES.glob("*.md") if p.name != "README.md")


def _expected(path: Path) -> list[str]:
    rows = path.read_text(encoding="utf-8").splitlines()
    return [row for row in rows if row.strip() and not row.startswith("# ")]


def _citations(name: str, *, include_verbatim: bool = False) -> list[str]:
    body = (CASES / f"{name}.md").read_text(encoding="utf-8")
    (doc,) = extract_markdown(
        Page(BASE, f"{name}.md", body, PageKind.MARKDOWN), include_verbatim=include_verbatim
    )
    return [row(c) for c in doc.citations]


def test_every_case_has_an_expectation() -> None:
    assert len(NAMES) >= 12
    for name in NAMES:
        assert (CASES / f"{name}.urls").is_file() or (CASES / f"{name}.hrefs").is_file(), name


@pytest.mark.parametrize("name", [n for n in NAMES if (CASES / f"{n}.urls").is_file()])
def test_citations(name: str) -> None:
    assert _citations(name) == _expected(CASES / f"{name}.urls")


@pytest.mark.parametrize("name", [n for n in NAMES if (CASES / f"{n}.verbatim.urls").is_file()])
def test_citations_with_verbatim(name: str) -> None:
    assert _citations(name, include_verbatim=True) == _expected(CASES / f"{name}.verbatim.urls")


@pytest.mark.parametrize("name", [n for n in NAMES if (CASES / f"{n}.hrefs").is_file()])
def test_hrefs_handed_to_the_link_stage(name: str) -> None:
    body = (CASES / f"{name}.md").read_text(encoding="utf-8")
    lines, _embeds = markdown_lines(body, BASE)
    hrefs = [a.href for line in lines for a in line.anchors if not a.in_embed]
    assert hrefs == _expected(CASES / f"{name}.hrefs")
