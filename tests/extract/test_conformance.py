"""HTML and plain-text extraction conformance (issue 16), beside the Markdown cases.

The cases live in ``tests/extract/conformance/html`` and ``…/text`` (see their READMEs): a case is
an input file and the citations it must give, read through :func:`checker.extract.extract`, the
stage's one entry point.  :func:`row` is the one way a citation is written in every ``.urls`` file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.extract import extract
from checker.model import Citation, Page, PageKind

ROOT = Path(__file__).parent / "conformance"
BASE = "https://blog.example/posts/p.html"
FORMS = {"html": ("html", PageKind.HTML), "text": ("txt", PageKind.TEXT)}
CASES = [
    (form, path.stem)
    for form, (suffix, _kind) in FORMS.items()
    for path in sorted((ROOT / form).glob(f"*.{suffix}"))
]


def row(citation: Citation) -> str:
    """``KIND URL``, then `` archived=COPY,…`` when the post gives archived copies of it."""
    text = f"{citation.kind.value} {citation.url}"
    if citation.cited.archived:
        text += " archived=" + ",".join(citation.cited.archived)
    return text


def expected(path: Path) -> list[str]:
    """The rows of a ``.urls`` file: blank lines and ``# `` comments left out."""
    rows = path.read_text(encoding="utf-8").splitlines()
    return [r for r in rows if r.strip() and not r.startswith("# ")]


def test_every_form_has_cases() -> None:
    for form in FORMS:
        assert any(f == form for f, _ in CASES), form


def _rows(form: str, name: str, *, include_verbatim: bool = False) -> list[str]:
    suffix, kind = FORMS[form]
    body = (ROOT / form / f"{name}.{suffix}").read_text(encoding="utf-8")
    page = Page(BASE, f"{name}.{suffix}", body, kind)
    (doc,) = extract(page, include_verbatim=include_verbatim)
    return [row(c) for c in doc.citations]


@pytest.mark.parametrize(("form", "name"), CASES)
def test_citations(form: str, name: str) -> None:
    assert _rows(form, name) == expected(ROOT / form / f"{name}.urls")


@pytest.mark.parametrize(
    ("form", "name"), [c for c in CASES if (ROOT / c[0] / f"{c[1]}.verbatim.urls").is_file()]
)
def test_citations_with_verbatim(form: str, name: str) -> None:
    """``NAME.verbatim.urls``: the citations with ``include_verbatim`` on (code counts)."""
    assert _rows(form, name, include_verbatim=True) == expected(
        ROOT / form / f"{name}.verbatim.urls"
    )


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
