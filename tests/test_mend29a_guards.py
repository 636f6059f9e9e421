"""Guards a reviewer of session 29 found thin (mend 29a).

- The wall pre-check: a short page is parsed for a wall's statement only if its raw text holds
  one of ``_WALL_PIECES``; alternatives of ``_WALL_TITLES`` that held none ("Are you over
  18?", "Content restricted in your region") passed a short wall as ``ok`` while the same page
  padded was ``blocked``.  Each alternative has a sample here, so the table cannot drift.
- The memo's generated source names only plain field names: no keyword, no name that NFKC
  folds into another (``ﬁeld`` is read as ``field``: the wrong value was written).
- The store's timed write: a write that raised lost the answers waiting, unsaid.
"""

from __future__ import annotations

import asyncio
import dataclasses
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.config import Config
from checker.fetch.store import _RECORD_WAIT, Store
from checker.memo import encode
from checker.model import FetchResult, Outcome
from checker.verify.availability import _WALL_PIECES, _WALL_TITLES, _LazyShape, _wall_statement

# One or more statements per top-level alternative of _WALL_TITLES, in its order.
_SAMPLES = (
    ("before you continue", "before you continue to example news"),
    ("we value your privacy",),
    ("cookie settings", "privacy choices"),
    ("your privacy choices",),
    ("subscribe to read", "subscribe now to continue reading this article"),
    ("subscriber only", "subscribers only content"),
    ("register to read", "sign up to continue", "log in to keep reading",
     "create a free account to read", "create your free account to continue reading"),
    ("age verification", "age verification required"),
    ("age gate",),
    ("confirm your age", "please verify your age"),
    ("are you over 18?", "are you 21 years of age", "are you at least 19 or older"),
    ("not available in your region", "this video is unavailable in your country",
     "our website is currently unavailable in your area"),
    ("content restricted in your region", "access denied in your country",
     "content blocked in your location"),
    ("yahoo is part of the yahoo family of brands", "aol is a part of the yahoo family of brands"),
    ("we use cookies", "we and our partners use cookies to store information",
     "this website uses cookies"),
)  # fmt: skip


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of ``^(?:a|b|…)`` in ``pattern``'s source."""
    body = pattern[len("^(?:") :]
    found, depth, start, index = [], 0, 0, 0
    while index < len(body):
        char = body[index]
        if char == "\\":
            index += 2
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                found.append(body[start:index])
                return found
            depth -= 1
        elif char == "|" and depth == 0:
            found.append(body[start:index])
            start = index + 1
        index += 1
    raise AssertionError("no closing parenthesis")


def test_every_wall_alternative_has_samples_that_hold_a_piece() -> None:
    alternatives = _alternatives(_WALL_TITLES.pattern)
    assert len(alternatives) == len(_SAMPLES), "a sample per alternative of _WALL_TITLES"
    for alternative, samples in zip(alternatives, _SAMPLES, strict=True):
        for sample in samples:
            assert re.fullmatch(alternative, sample), (alternative, sample)
            assert _WALL_TITLES.match(sample), sample
            assert any(piece in sample for piece in _WALL_PIECES), sample


@pytest.mark.parametrize("statement", ["Are you over 18?", "Content restricted in your region."])
def test_a_short_wall_is_read_as_the_same_page_padded(statement: str) -> None:
    short = f"<title>Example News</title><main><h1>{statement}</h1><p>Enter.</p></main>"
    padded = short.replace("<title>", "<!--" + "x" * 3_000 + "--><title>")
    for page in (short, padded):
        assert _wall_statement(page, _LazyShape(page, None)) == statement, page[:80]


def _odd_class(name: str, fields: tuple[str, ...]) -> type:
    """A dataclass whose field names no ``class`` statement could write (made as a dataclass
    with no generated methods naming them)."""
    kind = type(name, (), {"__annotations__": dict.fromkeys(fields, int)})
    return dataclasses.dataclass(kind, init=False, repr=False, eq=False)


def test_the_memo_writes_no_field_whose_name_folds_into_another() -> None:
    value = _odd_class("Folded", ("\ufb01eld", "field"))()
    setattr(value, "\ufb01eld", 1)  # noqa: B010 (the name is the point)
    value.field = 2  # type: ignore[attr-defined]
    assert encode(value) is None  # was {"ﬁeld": 2, "field": 2}: the other field's value


def test_the_memo_writes_no_field_named_with_a_keyword() -> None:
    value = _odd_class("Keyworded", ("class",))()
    setattr(value, "class", 1)
    assert encode(value) is None  # was a SyntaxError from the generated source


def _answer(n: int) -> FetchResult:
    url = f"https://news.example/2024/01/story-{n}.html"
    return FetchResult(url, Outcome.OK, url, 200, headers={"content-type": "text/html"}, text="x")


async def _until(done: Callable[[], bool]) -> None:
    """Wait (at most 30 s: a loaded machine) until ``done()``; the deadline's thread acts."""
    for _ in range(3_000):
        if done():
            return
        await asyncio.sleep(_RECORD_WAIT / 5)
    raise AssertionError("the timed write never came")


def test_a_failed_timed_write_is_said_once_and_its_answers_written_at_the_close(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "store.sqlite3"

    async def run() -> None:
        store = Store(path, Config())
        failures = [RuntimeError("a bug of the writer's")] * 2

        def failing() -> None:
            if failures:
                raise failures.pop()

        store._history_waiting_here = failing  # type: ignore[method-assign]
        store.record(_answer(1))
        await _until(lambda: len(failures) == 1)  # the timed write fails
        store.record(_answer(2))
        await _until(lambda: not failures)  # and again, unsaid this time
        store.close()

    asyncio.run(run())
    with sqlite3.connect(path) as reader:
        rows = reader.execute("SELECT COUNT(*) FROM urls").fetchone()[0]
    reader.close()
    assert rows == 2
    err = capsys.readouterr().err
    assert err.count("citecheck: warning:") == 1, err
    assert "a bug of the writer's" in err and "Traceback" not in err, err
