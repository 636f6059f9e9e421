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


@pytest.mark.parametrize(("form", "name"), CASES)
def test_citations(form: str, name: str) -> None:
    suffix, kind = FORMS[form]
    body = (ROOT / form / f"{name}.{suffix}").read_text(encoding="utf-8")
    (doc,) = extract(Page(BASE, f"{name}.{suffix}", body, kind))
    assert [row(c) for c in doc.citations] == expected(ROOT / form / f"{name}.urls")
