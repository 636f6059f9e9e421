"""Only the invisible characters that reorder what is read (bidi embeddings, overrides,
isolates) are shown inert in outputs; joiners, marks and the zero-width space that scripts
need are kept as written (session 29 review: ZWNJ/ZWJ, LRM/RLM shown as ``<U+…>`` mangled
Persian words, emoji sequences and Hebrew/Arabic titles in every output).  Comparisons drop
them all, from one table."""

from __future__ import annotations

import pytest

from checker.encoding import INVISIBLES, TEXT_INVISIBLES, drop_invisible, reveal_url
from checker.report._common import visible
from checker.report.document import displayed

PERSIAN = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # "I want", a ZWNJ inside
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # man ZWJ woman ZWJ girl
HEBREW = "\u200f\u05e9\u05dc\u05d5\u05dd \u200eWorld\u200e"  # RLM, LRM
THAI = "\u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35\u200b\u0e04\u0e23\u0e31\u0e1a"  # ZWSP word break


@pytest.mark.parametrize("text", [PERSIAN, FAMILY, HEBREW, THAI, "Caf\u00e9\u00adbar \u2060x"])
def test_script_characters_are_kept_in_outputs(text: str) -> None:
    assert displayed(text) == text
    assert visible(text) == text


@pytest.mark.parametrize("char", sorted(TEXT_INVISIBLES))
def test_reordering_characters_are_shown_inert(char: str) -> None:
    shown = f"<U+{ord(char):04X}>"
    assert displayed(f"a{char}b") == f"a{shown}b"
    assert visible(f"a{char}b") == f"a{shown}b"


def test_one_table_for_comparison_url_and_text() -> None:
    every = "".join(sorted(INVISIBLES))
    assert drop_invisible(f"a{every}b") == "ab"
    assert "%" not in reveal_url("https://a.example/x") and all(
        c not in reveal_url(f"https://a.example/{every}") for c in every
    )
    assert set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069") == TEXT_INVISIBLES
