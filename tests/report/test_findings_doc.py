"""docs/findings.md documents every finding code: meaning, default severity, example, fix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from checker.findings import CATALOGUE, Code

DOC = Path(__file__).resolve().parents[2] / "docs" / "findings.md"


def _sections() -> dict[str, str]:
    text = DOC.read_text(encoding="utf-8")
    parts = re.split(r"^### ", text, flags=re.MULTILINE)[1:]
    return {part.split("\n", 1)[0].strip(): part for part in parts}


def test_every_code_has_a_section_and_nothing_else() -> None:
    assert sorted(_sections()) == sorted(code.value for code in Code)


@pytest.mark.parametrize("code", list(Code))
def test_section_is_complete(code: Code) -> None:
    section = _sections()[code.value]
    assert f"**Default severity:** {CATALOGUE[code].severity.value}." in section
    for label in ("**Meaning:**", "**Example:**", "**Fix:**"):
        assert label in section
    assert " · observed" in section  # the example shows cited against observed


@pytest.mark.parametrize("code", list(Code))
def test_table_row_names_the_default_severity(code: Code) -> None:
    row = f"| [`{code.value}`](#{code.value}) | {CATALOGUE[code].severity.value} |"
    assert row in DOC.read_text(encoding="utf-8")


def _fix_paragraph(code: Code) -> str:
    """The code's **Fix:** paragraph, one line, without Markdown code marks or asides in ()."""
    section = _sections()[code.value]
    text = section.split("**Fix:**", 1)[1].split("\n\n", 1)[0]
    text = re.sub(r"\s*\([^)]*\)", "", text.replace("`", ""))
    return " ".join(text.split())


@pytest.mark.parametrize("code", list(Code))
def test_the_short_fix_is_words_of_the_documented_fix(code: Code) -> None:
    """The terminal's few words (``Entry.fix``) and docs/findings.md cannot drift apart."""
    assert CATALOGUE[code].fix in _fix_paragraph(code)
