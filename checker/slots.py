"""The slots of a frozen slotted dataclass, for code that builds or copies many of its values.

A frozen dataclass's generated ``__init__`` sets each field through ``object.__setattr__`` (a
global look-up, an attribute look-up and a call per field), and ``dataclasses.replace`` adds a
keyword argument per field on top: a :class:`checker.extract.lines.Line` cost ~3 µs, a
:class:`checker.model.FetchResult` copy 15-20 µs.  Writing through the slots' own descriptors,
found once, costs a third to a half of that (issue 19).  The class stays frozen: its
``__setattr__`` still refuses every write.  One place finds them (``lines`` and the fetcher's
``with_text`` each rebuilt it, session 30).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from typing import Any

__all__ = ["slot_setters", "slots_of"]


def slots_of(cls: type) -> dict[str, Any]:
    """The slot descriptor of each field of the slotted dataclass ``cls``, by name, in order."""
    return {field.name: getattr(cls, field.name) for field in fields(cls)}


def slot_setters(cls: type) -> tuple[Callable[[Any, Any], None], ...]:
    """The write of each field of ``cls`` in order, for an ``__init__`` that sets them as the
    generated one does."""
    return tuple(slot.__set__ for slot in slots_of(cls).values())
