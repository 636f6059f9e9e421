"""The memo of judgements: one row per subject, taken back only for the same inputs."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from checker.memo import SqliteMemo
from checker.model import Citation, CitationKind, Cited, FetchResult, Outcome
from checker.verify.citation import memo_keys

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
