"""Probe 27b: AsciiDoc's URL-then-``[text]`` reading on a hostile line.

Probe 27 cut an AsciiDoc URL at its macro's ``[`` with ``(://[^\\s\\[\\]<>]+)\\[``: tried at each
``://`` of a run holding no ``[`` after it, the pattern scanned the rest of the run each time.
One 80 KB line of ``a://`` (with a ``[`` for the reader to look at all) took 20 CPU s, a 1 MB
one most of an hour: a CI job a hostile pull request hangs.  Each run of URL characters is now
read once.  The macro is still cut as probe 27 cut it (its CLI tests), checked here on the
reader's own output.
"""

from __future__ import annotations

import pytest

from checker.extract.markups import readable
from tests.cost import cpu_seconds


@pytest.mark.parametrize(
    "hostile", ["[x] " + "a://" * 10_000, "[" + "://" * 13_000 + "x"], ids=["a://", "://"]
)
def test_a_line_of_schemes_is_read_in_linear_time(hostile: str) -> None:
    """No hang: a hostile line costs about what a normal one of its size does."""
    normal = ("See https://real.example/a[Docs^] in a line.\n" * 4000)[: len(hostile)]
    base = cpu_seconds(lambda: readable(normal, "p.adoc"))
    cost = cpu_seconds(lambda: readable(hostile, "p.adoc"), repeat=1)
    assert cost < 50 * base, (cost, base)


@pytest.mark.parametrize(
    ("line", "read"),
    [
        ("See https://x.example/a[Docs^] here", "See https://x.example/a [Docs^] here"),
        (
            "link:https://x.example/a[Docs,window=_blank]",
            "link:https://x.example/a [Docs,window=_blank]",
        ),
        (
            "two https://x.example/a[A] and https://y.example/b[B]",
            "two https://x.example/a [A] and https://y.example/b [B]",
        ),
        ("a bare https://[x] and a[b] stay", "a bare https://[x] and a[b] stay"),
    ],
)
def test_a_url_still_ends_at_its_macros_bracket(line: str, read: str) -> None:
    # session 30: the title is read without its "= " mark
    assert readable(f"= Title\n\n{line}\n", "p.adoc") == f"Title\n\n{read}\n"
