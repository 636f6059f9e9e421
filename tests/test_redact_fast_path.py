"""Redaction's fast path for a text with no mark of a secret (issue 19, session 36).

``_has_token_prefix`` runs for every URL and text redacted (~18 a checked URL on a cold
store): a slug's URL (dashes, no ``_``) was searched for all fifteen prefixes.  It must stay
exactly as safe: it says so for every text that holds a prefix, and every credential shape
the redaction tests know redacts as the slow path (no fast path at all) redacts it.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator

import pytest

from checker import redact
from checker.redact import (
    _PATH_TOKEN_MARKS,
    _TOKEN_PREFIXES,
    PREFIX_NEEDS,
    _has_token_prefix,
    _may_hold_secret,
    redact_text,
    redact_url,
)

_BENCH_URL = "http://news012-benchweb.org/2024/05/the-quiet-history-of-river-towns-12.html"
_REDACTION_TESTS = (
    "tests.test_redact",
    "tests.test_redact_nested",
    "tests.test_probe19b_redact",
    "tests.test_probe29m_redaction",
    "tests.test_lead33_token_prefixes",
    "tests.test_left29_redact_spaces",
    "tests.test_mend29c_redact_loose",
    "tests.test_trust37a_token_kinds",
    "tests.test_trust38_redaction",
)


class _Counted(str):
    """A text that notes every substring it is searched for."""

    searched: list[str]

    def __contains__(self, piece: object) -> bool:
        self.searched.append(str(piece))
        return super().__contains__(piece)


def _reference(text: str) -> bool:
    """What ``_has_token_prefix`` must answer: any prefix anywhere in the text (with the piece
    its kind always holds, for the few looked for only so: ``PREFIX_NEEDS``)."""
    return any(
        prefix in text and PREFIX_NEEDS.get(prefix, "") in text for prefix in _TOKEN_PREFIXES
    )


_SPELLED = tuple(prefix + PREFIX_NEEDS.get(prefix, "") for prefix in _TOKEN_PREFIXES)
"""Each prefix as the fast path must find it (with the piece its kind always holds)."""


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.items():
            yield from _strings(item)
    elif isinstance(value, (list, tuple, set, frozenset)) or type(value).__name__ == "ParameterSet":
        for item in value.values if type(value).__name__ == "ParameterSet" else value:  # type: ignore[attr-defined]
            yield from _strings(item)


def _known_shapes() -> list[str]:
    """Every string of the redaction tests: their modules' values and parametrized cases."""
    found: list[str] = []
    for name in _REDACTION_TESTS:
        module = importlib.import_module(name)
        for value in vars(module).values():
            found += _strings(value)
            for mark in getattr(value, "pytestmark", ()):
                found += _strings(mark.args)
    return sorted(set(found))


def test_a_slug_url_is_searched_for_a_few_marks_not_every_prefix() -> None:
    text = _Counted(_BENCH_URL)
    text.searched = []
    assert _has_token_prefix(text) is False
    # the base: "_", "-" and fifteen prefixes; "%": whether a prefix may be written with escapes;
    # session 37's ten more prefixes: two letters, one a group (``x``, ``k``), and the ``A`` of
    # the three written with neither ``_`` nor ``-``, each one ``memchr``
    assert len(text.searched) <= 8, text.searched


def test_every_prefix_is_found_wherever_it_stands() -> None:
    for prefix in _SPELLED:
        for text in (
            prefix,
            f"{_BENCH_URL}/{prefix}",
            f"{prefix}{_BENCH_URL}",
            f"a_b-c {prefix} x",
            f"http://h.example/a_b/{prefix}x",
        ):
            assert _has_token_prefix(text) is True, text


def test_a_slug_url_is_looked_at_for_the_paths_marks_once_lowered() -> None:
    text = _Counted(_BENCH_URL)
    text.searched = []
    assert _may_hold_secret(text) is False
    # the second "%": whether a path's mark may be written with escapes (``/%73ervices/``)
    assert text.searched == ["@", "=", "_", "-", "x", "k", "glpat-", "pypi-", "A", "%", "%"]


def test_every_paths_mark_is_found_in_any_case() -> None:
    for mark in _PATH_TOKEN_MARKS:
        for spelled in (mark, mark.upper(), mark.title(), mark.swapcase()):
            assert _may_hold_secret(f"https://h.example/a{spelled}x") is True, spelled


def test_the_fast_path_answers_as_the_reference_on_every_known_shape() -> None:
    shapes = _known_shapes()
    assert len(shapes) > 100  # the harvest found the tests' cases
    for shape in shapes:
        assert _has_token_prefix(shape) is _reference(shape), shape
        middle = len(shape) // 2
        for prefix in _SPELLED:  # each prefix dropped into each shape
            assert _has_token_prefix(shape[:middle] + prefix + shape[middle:]) is True, shape


def test_every_credential_shape_the_redaction_tests_know_redacts_as_without_a_fast_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shapes = _known_shapes()
    fast = [(redact_url(shape), redact_text(shape)) for shape in shapes]
    monkeypatch.setattr(redact, "_may_hold_secret", lambda text: True)
    monkeypatch.setattr(redact, "_has_token_prefix", lambda text: True)
    monkeypatch.setattr(redact, "_REDACTED_URLS", {})  # the fast path's answers not kept
    slow = [(redact_url(shape), redact_text(shape)) for shape in shapes]
    assert fast == slow
    assert sum(url != shape for (url, _), shape in zip(fast, shapes, strict=True)) > 50
