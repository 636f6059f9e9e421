"""The memo of judgements: one row per subject, taken back only for the same inputs."""

from __future__ import annotations

import json
import pickle
import sys
from collections.abc import Callable
from dataclasses import make_dataclass, replace
from datetime import date
from pathlib import Path

import pytest

from checker import memo
from checker.findings import Code
from checker.memo import SqliteMemo, decode, encode, keep, recall, remembered
from checker.model import (
    Citation,
    CitationKind,
    Cited,
    Document,
    FetchResult,
    Finding,
    Observed,
    Outcome,
    Platform,
    Status,
)
from checker.verify.citation import Judgement, memo_keys

CITATION = Citation(CitationKind.SOURCE, "https://news.example.com/a", Cited(title="A story"))
RESULT = FetchResult(
    "https://news.example.com/a",
    Outcome.OK,
    final_url="https://news.example.com/a",
    status_code=200,
    headers={"Content-Type": "text/html", "Date": "Sat, 28 Nov 2026 07:00:00 GMT"},
    content_type="text/html",
    text="<title>A story</title>",
)


def test_a_value_is_taken_back_only_for_the_inputs_it_was_kept_for(tmp_path: Path) -> None:
    with SqliteMemo(tmp_path / "store.sqlite3") as memo:
        memo.keep("citation", "page v1", b"judged v1")
        assert memo.recall("citation", "page v1") == b"judged v1"
        assert memo.recall("citation", "page v2") is None
        memo.keep("citation", "page v2", b"judged v2")  # replaces: one row per subject
        assert memo.recall("citation", "page v1") is None
    with SqliteMemo(tmp_path / "store.sqlite3") as again:  # kept across runs
        assert again.recall("citation", "page v2") == b"judged v2"


def test_an_unusable_memo_file_is_only_a_slower_run(tmp_path: Path) -> None:
    (tmp_path / "not-a-db").write_bytes(b"this is no SQLite file" * 100)
    with SqliteMemo(tmp_path / "not-a-db") as memo:
        memo.keep("citation", "inputs", b"value")
        assert memo.recall("citation", "inputs") is None


def test_timing_evidence_and_origin_do_not_change_the_inputs() -> None:
    subject, inputs = memo_keys(CITATION, RESULT)
    same = replace(
        RESULT,
        elapsed=3.2,
        from_store=True,
        warc_record_id="<urn:uuid:1>",
        headers={"Content-Type": "text/html"},  # the store keeps fewer headers
    )
    assert memo_keys(CITATION, same) == (subject, inputs)


def test_what_judging_reads_changes_the_inputs() -> None:
    subject, inputs = memo_keys(CITATION, RESULT)
    for changed in (
        replace(RESULT, text="<title>Another story</title>"),
        replace(RESULT, status_code=404),
        replace(RESULT, headers={"cf-mitigated": "challenge"}),
        replace(RESULT, failure_streak=2),
        replace(RESULT, attempts=3),
    ):
        assert memo_keys(CITATION, changed) == (subject, *memo_keys(CITATION, changed)[1:])
        assert memo_keys(CITATION, changed)[1] != inputs
    other = replace(CITATION, cited=Cited(title="Another story"))
    assert memo_keys(other, RESULT)[0] != subject


# --- the codec: data only, never code (issue 13) ---------------------------------------------

DOCUMENTS = (
    Document(
        "https://blog.example.com/p",
        "posts/p.md",
        "翻訳記事",
        date(2025, 2, 12),
        (
            CITATION,
            Citation(
                CitationKind.EMBED,
                "https://twitter.com/nhk_news/status/1",
                Cited(handle="nhk_news", text="本文", alt_titles=("a", "b")),
                Platform.TWITTER,
                post_id="1",
                line=7,
            ),
        ),
    ),
)
JUDGEMENT = Judgement(
    Status.BROKEN,
    (Finding.of(Code.BROKEN, "gone", suggestion="cite the archived copy"),),
    Observed(status_code=404, title="Not found"),
    "404",
)


def test_model_values_come_back_equal() -> None:
    for value, kind in (
        (DOCUMENTS, tuple[Document, ...]),
        (JUDGEMENT, Judgement),
        ((), tuple[Document, ...]),
    ):
        data = encode(value)
        assert data is not None and data.startswith((b"[", b"{"))
        assert decode(data, kind) == value


def _pickled_marker(marker: Path) -> bytes:
    class Payload:
        def __reduce__(self) -> tuple[object, tuple[str, str]]:
            return (open, (str(marker), "w"))

    return pickle.dumps(Payload())


@pytest.mark.parametrize(
    "data",
    [
        b"not json",
        b"\x80\x04\x95",  # a pickle's first bytes
        b"[" * 100_000 + b"]" * 100_000,  # nesting deeper than any parser should follow
        b"{}",
        b"[]",
        b"null",
        b'{"status": "no-such-outcome", "findings": [], "observed": {}, "note": null}',
    ],
)
def test_a_row_that_does_not_parse_is_no_value(data: bytes) -> None:
    assert decode(data, Judgement) is None


def test_a_type_with_no_codec_is_a_bug_not_a_miss() -> None:
    with pytest.raises(TypeError):
        decode(b"[]", tuple)


def test_wrong_shapes_are_no_value() -> None:
    good = json.loads(encode(JUDGEMENT) or b"")
    for key, bad in (
        ("status", "no-such-status"),
        ("status", 3),
        ("findings", "gone"),
        ("findings", [{"code": "no-such-code"}]),
        ("observed", {"status_code": "404"}),
        ("observed", {**good["observed"], "status_code": True}),
        ("observed", {**good["observed"], "extra": 1}),
        ("note", ["404"]),
        ("note", 404),  # a text field (checked inline, issue 19) holding a number
        ("status", None),  # a null where the field may not be null
        ("observed", None),
        ("observed", {**good["observed"], "title": 7}),
        ("observed", {**good["observed"], "status_code": "200"}),
    ):
        assert decode(json.dumps({**good, key: bad}).encode(), Judgement) is None, (key, bad)


def test_a_post_day_is_kept_as_its_iso_day_and_checked_on_the_way_back() -> None:
    """``Document.published`` is a date: written as ``YYYY-MM-DD``, read back only as one."""
    data = encode(DOCUMENTS)
    assert data is not None and b'"published":"2025-02-12"' in data
    good = json.loads(data)
    for bad in ("2025-02-30", "Feb 12, 2025", 20250212, ["2025-02-12"], "9" * 10_000):
        row = [{**good[0], "published": bad}]
        assert decode(json.dumps(row).encode(), tuple[Document, ...]) is None, bad


def test_a_pickled_row_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    payload = _pickled_marker(marker)
    with SqliteMemo(tmp_path / "store.sqlite3") as memo:
        memo.keep("judge:x", "inputs", payload)
        assert recall(memo, "judge:x", "inputs", Judgement) is None
        computed = remembered(memo, "judge:x", "inputs", Judgement, lambda: JUDGEMENT)
        assert computed == JUDGEMENT  # recomputed, and the row replaced by data
        assert recall(memo, "judge:x", "inputs", Judgement) == JUDGEMENT
    assert not marker.exists()


def test_a_value_naming_a_credential_is_not_kept(tmp_path: Path) -> None:
    secret = replace(CITATION, url="https://user:hunter2@news.example.com/a?token=abc")
    assert encode((secret,)) is None
    with SqliteMemo(tmp_path / "store.sqlite3") as memo:
        keep(memo, "judge:y", "inputs", (secret,))
        assert memo.recall("judge:y", "inputs") is None
    assert b"hunter2" not in (tmp_path / "store.sqlite3").read_bytes()


def _frames_entered(action: Callable[[], object]) -> list[str]:
    """The names of the Python functions ``action`` runs, in order (``action``'s own first)."""
    entered: list[str] = []

    def profile(frame: object, event: str, _arg: object) -> None:
        if event == "call":
            entered.append(frame.f_code.co_name)  # type: ignore[attr-defined]

    sys.setprofile(profile)
    try:
        action()
    finally:
        sys.setprofile(None)
    return entered


def test_a_dataclass_is_written_and_read_without_a_frame_for_its_fields() -> None:
    """The codec's writer and reader of a dataclass are straight-line code made for it (issue
    19): writing a value is one call, reading it one call and the class's ``__init__``, however
    many fields it has, where a comprehension over the fields was a frame of its own."""
    wide = make_dataclass("Wide", [(f"f{i}", str | None) for i in range(30)], frozen=True)
    value = wide(*[None if i % 2 else f"text {i}" for i in range(30)])
    write, parse = memo._writer(wide), memo._parser(wide)
    raw = write(value)
    assert raw == {f"f{i}": None if i % 2 else f"text {i}" for i in range(30)}
    assert parse(raw) == value
    assert _frames_entered(lambda: write(value))[1:] == ["write"]
    assert _frames_entered(lambda: parse(raw))[1:] == ["parse", "__init__"]
