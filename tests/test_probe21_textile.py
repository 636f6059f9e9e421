"""Textile's extended blocks and comments (session 21).

``bc..`` and ``pre..`` open an extended block, code up to the next block signature, blank lines
and all; it was read as code to its first blank line only, and the rest of the code was cited
(``curl https://api.example/v1`` a false ``broken``).  ``###.`` is a comment, which no reader
sees, and ``###..`` one up to the next signature.
"""

from __future__ import annotations

from checker.extract.markups import readable

EXTENDED = """h1. Title

bc.. curl https://code.example.org/a

still code https://code.example.org/b

p. Back https://real.example.org/c

###.. a note https://hidden.example.org/d

still the note https://hidden.example.org/e

p(intro). Read https://real.example.org/f
"""


def _urls(body: str, keep: bool = False) -> list[str]:
    text = readable(body, "post.textile", include_verbatim=keep)
    return [word for word in text.split() if "://" in word]


def test_an_extended_code_block_runs_to_the_next_signature() -> None:
    assert _urls(EXTENDED) == ["https://real.example.org/c", "https://real.example.org/f"]


def test_an_extended_code_block_is_read_with_include_verbatim_but_no_comment() -> None:
    assert _urls(EXTENDED, keep=True) == [
        "https://code.example.org/a",
        "https://code.example.org/b",
        "https://real.example.org/c",
        "https://real.example.org/f",
    ]


def test_every_line_keeps_its_number() -> None:
    assert len(readable(EXTENDED, "post.textile").split("\n")) == len(EXTENDED.split("\n"))


def test_a_plain_code_block_ends_at_the_blank_line() -> None:
    body = "bc. curl https://code.example.org/a\n\nhttps://real.example.org/b\n"
    assert _urls(body) == ["https://real.example.org/b"]


def test_a_signature_inside_a_paragraph_opens_nothing() -> None:
    """``p. 42`` mid-paragraph is text: an extended block ends only at a block's start."""
    body = "bc.. code https://code.example.org/a\np. still code https://code.example.org/b\n\np. https://real.example.org/c\n"
    assert _urls(body) == ["https://real.example.org/c"]
