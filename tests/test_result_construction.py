"""``FetchResult``, ``CheckedCitation``, the judging's ``Judgement`` and the executor's ``Job``
and ``Verdict`` are made by their own ``__init__`` (the slots' setters, issue 19: every checked
URL's answer and every citation's job, judgement and verdict is made once or more), and stay
what the generated frozen dataclasses were: the same fields, defaults, keywords, equality,
hash, repr, ``replace``, copying and refusal to be changed."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from typing import Any

import pytest

from checker.executor import Job, Verdict
from checker.model import (
    CheckedCitation,
    Citation,
    CitationKind,
    FetchResult,
    Hop,
    Observed,
    Outcome,
    Status,
)
from checker.verify.availability import classify
from checker.verify.citation import Judgement


def _twin(cls: type) -> type:
    """A frozen slotted dataclass with ``cls``'s fields and the generated ``__init__``."""
    specs: list[Any] = []
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            specs.append((f.name, f.type, dataclasses.field(default=f.default)))
        elif f.default_factory is not dataclasses.MISSING:
            specs.append((f.name, f.type, dataclasses.field(default_factory=f.default_factory)))
        else:
            specs.append((f.name, f.type))
    return dataclasses.make_dataclass(cls.__name__, specs, frozen=True, slots=True)


def _values(made: Any) -> tuple[Any, ...]:
    return tuple(getattr(made, f.name) for f in dataclasses.fields(made))


def _hashed(made: Any, *, twin: bool = False) -> Any:
    """``hash(made)``, or the error's type (an answer holds its headers' dict): for a twin, only
    whether it hashes, its hash being of another class's values."""
    try:
        value = hash(made)
    except TypeError as exc:
        return type(exc)
    return True if twin else value


_CITATION = Citation(CitationKind.LINK, "https://a.example/x")
_RESULT_CALLS: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    (("https://a.example/", Outcome.OK), {}),
    (("https://a.example/", Outcome.OK), {"status_code": 200, "headers": {"a": "b"}}),
    (
        ("u", Outcome.OK, "f", 301, (Hop("u", 301),), {"x": "y"}, "text/html", "t", "utf-8"),
        {"truncated": True, "elapsed": 1.5, "error": "e", "attempts": 2},
    ),
    (
        ("u", Outcome.TIMEOUT),
        {
            "failure_streak": 3,
            "failing_since": "2026-12-01T00:00:00+00:00",
            "from_store": True,
            "persistent_failure": True,
            "warc_record_id": "<urn:uuid:1>",
        },
    ),
    ((), {"url": "kw", "outcome": Outcome.DNS, "text": None}),
]
_CHECKED_CALLS: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    ((_CITATION, Status.OK), {}),
    ((_CITATION, Status.BROKEN, "f", Observed(status_code=404), (), "n"), {}),
    (
        (_CITATION, Status.OK),
        {"warc_record_id": "r", "saved_url": "s", "saved_at": "2026", "warc_file": "w"},
    ),
    ((), {"citation": _CITATION, "status": Status.SKIPPED, "note": "x"}),
]


_CHECKED = CheckedCitation(_CITATION, Status.OK)
_JUDGEMENT_CALLS: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    ((Status.OK, (), Observed(status_code=200), None), {}),
    ((), {"status": Status.BROKEN, "findings": (), "observed": Observed(), "note": "n"}),
]
_JOB_CALLS: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    ((1, _CITATION), {}),
    ((2, _CITATION, "2025-01-02"), {}),
    ((), {"key": 3, "citation": _CITATION, "published": None}),
]
_VERDICT_CALLS: list[tuple[tuple[Any, ...], dict[str, Any]]] = [
    ((1, _CHECKED), {}),
    ((2, _CHECKED, False), {}),
    ((), {"key": 3, "checked": _CHECKED, "final": True}),
]
_CLASSES = [
    (FetchResult, _RESULT_CALLS, "model.py"),
    (CheckedCitation, _CHECKED_CALLS, "model.py"),
    (Judgement, _JUDGEMENT_CALLS, "citation.py"),
    (Job, _JOB_CALLS, "executor.py"),
    (Verdict, _VERDICT_CALLS, "executor.py"),
]
_IDS = [cls.__name__ for cls, _, _ in _CLASSES]


@pytest.mark.parametrize(("cls", "calls", "module"), _CLASSES, ids=_IDS)
def test_they_are_made_by_their_own_init_not_the_generated_one(
    cls: type, calls: object, module: str
) -> None:
    # the generated __init__ of a frozen dataclass is compiled from a string, and sets each
    # field through object.__setattr__
    assert cls.__init__.__code__.co_filename.endswith(module)


@pytest.mark.parametrize(("cls", "calls", "module"), _CLASSES, ids=_IDS)
def test_they_are_the_generated_dataclasses_in_every_way_a_reader_sees(
    cls: type, calls: list[tuple[tuple[Any, ...], dict[str, Any]]], module: str
) -> None:
    assert_as_generated(cls, calls)


def assert_as_generated(cls: type, calls: list[tuple[tuple[Any, ...], dict[str, Any]]]) -> None:
    """``cls``, whose ``__init__`` is written out, is its generated frozen dataclass's twin in
    every way a reader sees, made by each of ``calls`` (positional and keyword arguments); also
    used by tests/extract/test_line_construction.py."""
    twin = _twin(cls)
    assert cls.__match_args__ == twin.__match_args__
    for args, keywords in calls:
        made, expected = cls(*args, **keywords), twin(*args, **keywords)
        assert _values(made) == _values(expected)
        assert repr(made) == repr(expected)
        assert made == cls(*args, **keywords)
        hashed = _hashed(made)
        assert hashed == _hashed(cls(*args, **keywords))
        assert (hashed is TypeError) == (_hashed(expected, twin=True) is TypeError)
        assert copy.deepcopy(made) == made
        assert pickle.loads(pickle.dumps(made)) == made  # as a process pool ships it
        for name in (dataclasses.fields(cls)[0].name, dataclasses.fields(cls)[-1].name):
            assert _values(dataclasses.replace(made, **{name: "z"})) == _values(
                dataclasses.replace(expected, **{name: "z"})
            )
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(made, dataclasses.fields(cls)[0].name, "changed")
    with pytest.raises(TypeError):
        cls()
    with pytest.raises(TypeError):
        cls(*(["x"] * (len(dataclasses.fields(cls)) + 1)))


def test_an_answer_without_headers_gets_a_dict_of_its_own() -> None:
    """As the field's ``default_factory`` gave: two answers never share one."""
    first, second = FetchResult("u", Outcome.OK), FetchResult("u", Outcome.OK)
    assert first.headers == {} and first.headers is not second.headers


def test_every_page_that_is_its_source_shares_one_verdict() -> None:
    """``classify``'s verdict on a page that is the source, with nothing to say, is one frozen
    value, not one made a page (issue 19)."""
    pages = [
        FetchResult(
            f"https://a.example/2025/01/story-{n}.html",
            Outcome.OK,
            final_url=f"https://a.example/2025/01/story-{n}.html",
            status_code=200,
            content_type="text/html",
            text=f"<html><head><title>Story {n}</title></head><body>Text.</body></html>",
        )
        for n in range(2)
    ]
    first, second = (classify(page, cited_url=page.url) for page in pages)
    assert first.status is Status.OK and first.page_ok and not first.findings
    assert first is second
