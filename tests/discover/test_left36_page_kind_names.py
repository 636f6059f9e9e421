"""A local file's name is no URL: its ``#`` and ``?`` are its own characters, not a fragment or
a query cut off before its suffix is read.  ``#draft.md`` (or ``notes?.md``) had no suffix,
was sniffed as text, its links never seen: a run that checked nothing of it and said nothing
(found by left36 while fixing the action's one-line ``#`` input)."""

from __future__ import annotations

import pytest

from checker.discover.kinds import page_kind
from checker.model import PageKind

_MARKDOWN = "# Draft\n\nSee [it](missing.md).\n"


@pytest.mark.parametrize("name", ["#draft.md", "x#draft.md", "notes?.md"])
def test_a_local_name_keeps_its_hash_and_question_mark(name: str) -> None:
    assert page_kind(name, _MARKDOWN) is PageKind.MARKDOWN


@pytest.mark.parametrize(
    "url", ["https://blog.example/post.md#part", "https://blog.example/post.md?v=2"]
)
def test_a_url_s_fragment_and_query_are_still_not_its_suffix(url: str) -> None:
    assert page_kind(url, _MARKDOWN) is PageKind.MARKDOWN
