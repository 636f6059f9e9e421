"""``Line`` and ``Anchor`` are made by their own ``__init__`` (the slots' setters, issue 19),
and stay what the generated frozen dataclasses were: the same fields, defaults, keywords,
equality, hash, repr, ``replace``, copying and refusal to be changed."""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

import pytest

from checker.extract.lines import Anchor, Line


def _twin(cls: type) -> type:
    """A frozen slotted dataclass with ``cls``'s fields and the generated ``__init__``."""
    specs = [
        (f.name, f.type, dataclasses.field(default=f.default)) for f in dataclasses.fields(cls)
    ]
    specs = [
        (name, kind, spec) if spec.default is not dataclasses.MISSING else (name, kind)
        for name, kind, spec in specs
    ]
    return dataclasses.make_dataclass(cls.__name__, specs, frozen=True, slots=True)


def _values(made: Any) -> tuple[Any, ...]:
    """Each field's value, in order (not recursing into an anchor as ``astuple`` does)."""
    return tuple(getattr(made, f.name) for f in dataclasses.fields(made))


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
    twin = _twin(cls)
    assert cls.__match_args__ == twin.__match_args__
    for args, keywords in calls:
        made, expected = cls(*args, **keywords), twin(*args, **keywords)
        assert _values(made) == _values(expected)
        assert repr(made) == repr(expected)
        assert made == cls(*args, **keywords)
        assert hash(made) == hash(cls(*args, **keywords))
        assert copy.deepcopy(made) == made  # through __reduce_ex__, as a process pool ships it
        first = dataclasses.fields(cls)[0].name
        assert dataclasses.replace(made, **{first: "z"}) == cls(
            *_values(dataclasses.replace(expected, **{first: "z"}))
        )
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(made, first, "changed")
    with pytest.raises(TypeError):
        cls()
    with pytest.raises(TypeError):
        cls(*(["x"] * (len(dataclasses.fields(cls)) + 1)))
    with pytest.raises(TypeError):
        cls("x", 1, nonsense=True)
