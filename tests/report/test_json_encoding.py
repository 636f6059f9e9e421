"""report.json's posts are encoded without the standard library's pure-Python encoder, to the
same bytes (issue 19: that encoder was ~10 % of a warm rerun's CPU)."""

from __future__ import annotations

import json
import json.encoder
from enum import IntEnum, StrEnum
from typing import Any, NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.config import Config
from checker.model import Report
from checker.report import build_document
from checker.report.json import _encoded, render
from tests.report.hostile_sample import hostile_report


class _Colour(StrEnum):
    RED = "red"


class _Level(IntEnum):
    HIGH = 3


_SCALARS = (
    st.text()
    | st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from([_Colour.RED, _Level.HIGH, "\ud800", "\u2028", "a\nb", '"\\'])
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=30,
)


def _standard(value: Any) -> str:
    return json.JSONEncoder(ensure_ascii=False, indent=2).encode(value)


@settings(max_examples=400, deadline=None)
@given(_VALUES)
def test_a_value_is_encoded_as_the_standard_encoder_encodes_it(value: Any) -> None:
    assert _encoded(value) == _standard(value)


@pytest.mark.parametrize(
    "value", [{1: "int key"}, {"a": {None: 1}}, [object()], {"set": {1}}, {"b": b"x"}]
)
def test_what_it_does_not_know_goes_to_the_standard_encoder(value: Any) -> None:
    try:
        expected: str | type[Exception] = _standard(value)
    except TypeError:
        expected = TypeError
    if expected is TypeError:
        with pytest.raises(TypeError):
            _encoded(value)
    else:
        assert _encoded(value) == expected


@pytest.mark.parametrize("hostile", [False, True])
def test_report_json_needs_not_the_pure_python_encoder(
    hostile: bool, report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The posts no longer go through ``json.encoder._make_iterencode`` (the generators): a
    report whose head is small costs the pure-Python encoder only that head."""
    chosen = hostile_report() if hostile else report
    document = build_document(chosen, config=Config())
    whole = dict(document)
    whole["documents"] = list(document["documents"])
    expected = json.dumps(whole, ensure_ascii=False, indent=2) + "\n"
    calls: list[int] = []
    make = json.encoder._make_iterencode

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return make(*args, **kwargs)

    monkeypatch.setattr(json.encoder, "_make_iterencode", counting)
    assert render(build_document(chosen, config=Config())) == expected
    assert len(calls) <= 2  # the head and the word "documents", not one per post
    assert len(whole["documents"]) >= 1


class _Shape(NamedTuple):
    """A post list's size, and the calls of ``_indented`` that writing it took."""

    posts: int
    citations: int
    findings: int
    calls: int


def _encoded_shape(report: Report, monkeypatch: pytest.MonkeyPatch) -> _Shape:
    """Render ``report``'s document (checked equal to the standard encoder's text), counting
    the calls of ``_indented``."""
    import checker.report.json as json_module  # noqa: PLC0415

    document = build_document(report, config=Config())
    whole = dict(document)
    whole["documents"] = list(document["documents"])
    posts = whole["documents"]
    calls: list[int] = []
    real = json_module._indented

    def counting(*args: Any) -> None:
        calls.append(1)
        real(*args)

    monkeypatch.setattr(json_module, "_indented", counting)
    assert render(document) == json.dumps(whole, ensure_ascii=False, indent=2) + "\n"
    return _Shape(
        len(posts),
        sum(len(p["citations"]) for p in posts),
        sum(len(c["findings"]) for p in posts for c in p["citations"]),
        len(calls),
    )


def test_the_flat_leaves_of_a_post_are_encoded_in_one_call_each(
    report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A citation's cited and observed fields and each finding are dictionaries of scalars: the
    standard C encoder writes each with one call (its item separator carries the indentation),
    where encoding them item by item in Python was most of report.json's CPU (issue 19)."""
    shape = _encoded_shape(report, monkeypatch)
    # a post, its list of citations; a citation, its line, cited, observed, findings list,
    # each finding (value by value: ~30 a citation)
    assert shape.calls <= 2 * shape.posts + 5 * shape.citations + shape.findings


def test_a_citations_leaves_are_written_in_its_own_call(
    report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A citation's line, cited and observed fields are written by the call that writes the
    citation, not by a call each: those three calls a citation were ~7 % of encoding a
    20,000-URL report.json (issue 19, warm reruns)."""
    assert any(c.observed for d in report.documents for c in d.citations)
    shape = _encoded_shape(report, monkeypatch)
    assert shape.citations
    # a post, its also_from and citations lists; a citation, its findings list, each finding
    assert shape.calls <= 3 * shape.posts + 2 * shape.citations + shape.findings
