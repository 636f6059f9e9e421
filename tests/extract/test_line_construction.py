"""``Line`` and ``Anchor`` are made by their own ``__init__`` (the slots' setters, issue 19),
and stay what the generated frozen dataclasses were: the same fields, defaults, keywords,
equality, hash, repr, ``replace``, copying and refusal to be changed."""

from __future__ import annotations

from typing import Any

import pytest

from checker.extract.lines import Anchor, Line
from tests.test_result_construction import assert_as_generated

_ANCHORS = (Anchor("t", "https://a.example/"), Anchor("u", "/x", True, 4))
_LINE_CALLS: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    (("text", 3), {}),
    (("", 1, ()), {"omitted": 5}),
    (("a", 2, _ANCHORS), {"embed": 0, "quote": 1, "cite": "https://c.example/", "heading": True}),
    (("b", 9, _ANCHORS, None, None, None, False, _ANCHORS[:1], 2), {}),
    ((), {"text": "kw", "number": 7, "cited": _ANCHORS}),
]
_ANCHOR_CALLS: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    (("t", "h"), {}),
    (("t", "h", True), {}),
    (("t", "h"), {"line": 12}),
    ((), {"text": "x", "href": "y", "in_embed": False, "line": None}),
]


@pytest.mark.parametrize("cls", [Line, Anchor])
def test_a_line_and_an_anchor_are_made_by_their_own_init_not_the_generated_one(cls: type) -> None:
    # the generated __init__ of a frozen dataclass is compiled from a string, and sets each
    # field through object.__setattr__
    assert cls.__init__.__code__.co_filename.endswith("lines.py")


@pytest.mark.parametrize(
    ("cls", "calls"), [(Line, _LINE_CALLS), (Anchor, _ANCHOR_CALLS)], ids=["Line", "Anchor"]
)
def test_they_are_the_generated_dataclasses_in_every_way_a_reader_sees(
    cls: type, calls: list[tuple[tuple[Any, ...], dict[str, Any]]]
) -> None:
    assert_as_generated(cls, calls)
    with pytest.raises(TypeError):
        cls("x", 1, nonsense=True)
