"""A cold run's memo: every judgement is kept, so keeping one must cost little (issue 19)."""

from __future__ import annotations

import json
import json.encoder
from pathlib import Path
from typing import Any

import pytest

from checker import memo
from checker.findings import Code, Severity
from checker.memo import SqliteMemo, body_digest, decode, encode, keep, recall
from checker.model import Citation, CitationKind, FetchResult, Finding, Observed, Outcome, Status
from checker.verify import citation as verify
from checker.verify.citation import Judgement
from checker.verify.soft404 import Sibling
from tests.fetch.support import EncodersMade


def _ok() -> Judgement:
    """A new judgement object each call, equal to the others."""
    return Judgement(Status.OK, (), Observed(status_code=200), None)


def test_equal_kept_values_are_written_once_and_give_the_same_bytes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A cold run keeps one judgement a citation, most of them equal: the second of two equal
    values is not walked and written again (~35 µs each, issue 19); a different value is, and
    a value sent to a worker (``secrets``) is never taken from what was kept."""
    memo._encoded.clear()
    walked: list[object] = []
    plain = memo._plain

    def counted(value: object) -> object:
        walked.append(value)
        return plain(value)

    monkeypatch.setattr(memo, "_plain", counted)
    first, second = encode(_ok()), encode(_ok())
    assert first is not None and first == second
    assert len(walked) == 1
    broken = Judgement(Status.BROKEN, (), Observed(status_code=404), "gone")
    assert decode(encode(broken) or b"", Judgement) == broken
    assert encode(_ok(), secrets=True) == first
    assert len(walked) == 3
    assert decode(first, Judgement) == _ok()


def test_a_kept_value_with_a_credential_is_refused_every_time() -> None:
    """What is known of a value includes its refusal: a credential in a URL is never kept
    (a guard of the values written once: passes before them too)."""
    finding = Finding(Code.BROKEN, Severity.ERROR, "gone", archive_url="https://u:pw@x.example/")
    secret = Judgement(Status.BROKEN, (finding,), Observed(status_code=404), None)
    assert encode(secret) is None
    assert encode(Judgement(Status.BROKEN, (finding,), Observed(status_code=404), None)) is None
    assert encode(secret, secrets=True) is not None


def test_an_unhashable_value_against_its_declared_type_is_still_written() -> None:
    """A caller's value holding a list where a tuple belongs is written as before."""
    odd: Any = Judgement(Status.OK, [], Observed(status_code=200), None)  # type: ignore[arg-type]
    assert encode(odd) == encode(_ok())


def test_values_are_written_by_an_encoder_made_once_as_json_dumps_writes_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``json.dumps`` makes its C encoder again at every call (~10 µs a kept value, issue 19):
    the memo's is made once, and writes the same bytes, escapes and all; a NaN is no value."""
    made = EncodersMade(monkeypatch)
    hostile = 'caf\xe9 \u2028 "quoted" \\ \x00 \U0001f600 </script>'
    values = [
        Judgement(Status.OK, (), Observed(status_code=200, title=hostile), hostile),
        Observed(status_code=None, title="t"),
        (1, 2.5, None, True, "x"),
    ]
    for value in values:
        expected = json.dumps(
            memo._plain(value), ensure_ascii=True, separators=(",", ":"), allow_nan=False
        )
        made.count = 0
        assert encode(value, secrets=True) == expected.encode("ascii")
        assert made.count == 0
    assert encode((float("nan"),)) is None


def test_a_memo_opened_on_an_empty_table_reads_only_the_rows_it_wrote(tmp_path: Path) -> None:
    """A cold store (a user's first run): no subject has a row but those this memo writes, so
    recalling the others reads nothing and lets no loop turn (``expect`` False); ~290 batches
    of absent rows were read in a cold 2,000-URL run, each citation waiting a turn for its
    batch (issue 19).  A subject written by this memo is still recalled, from the file."""
    from checker.memo import _KEEP_BATCH  # noqa: PLC0415

    path = tmp_path / "store.sqlite3"
    with SqliteMemo(path) as memo:
        assert not memo.expect("judge:absent")
        assert recall(memo, "judge:absent", "in", Judgement) is None
        for n in range(_KEEP_BATCH):  # a batch: written to the file, no longer in memory
            keep(memo, f"judge:{n}", "in", _ok())
        assert memo.reads == 0
        assert memo.expect("judge:0")  # written: its row is read with the others expected
        assert recall(memo, "judge:0", "in", Judgement) == _ok()
        assert recall(memo, "judge:1", "in", Judgement) == _ok()
        assert recall(memo, "judge:1", "other inputs", Judgement) is None
        assert recall(memo, "judge:absent", "in", Judgement) is None
        assert memo.reads == 3  # judge:0's batch, judge:1's twice (a recall takes its row)
    with SqliteMemo(path) as memo:  # a warm run: the file has rows, every recall may read
        assert memo.expect("judge:absent")
        assert recall(memo, "judge:absent", "in", Judgement) is None
        assert recall(memo, "judge:2", "in", Judgement) == _ok()
        assert memo.reads == 2


def test_a_text_with_no_mark_of_a_secret_is_not_searched_for_urls(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A page's posts kept in the memo are ~15 KB of JSON, searched URL by URL for credentials
    (~0.6 ms a page, issue 19): with no ``@``, ``=`` or token path anywhere, no URL in it can
    be redacted, and it is not searched.  A text with one is redacted as ever."""
    from checker import redact  # noqa: PLC0415

    plain = " ".join(f"see https://news{n}.example/2024/05/story-{n}.html today" for n in range(50))
    secret = plain + " https://x.example/feed?token=abc"
    expected = redact.redact_text(secret)
    assert "abc" not in expected and "token=" in expected
    pattern = redact._URL_IN_TEXT

    class Searched:
        def sub(self, *args: object) -> str:
            raise AssertionError("searched for URLs")

    monkeypatch.setattr(redact, "_URL_IN_TEXT", Searched())
    assert redact.redact_text(plain) == plain
    assert encode((plain,)) == json.dumps([plain], separators=(",", ":")).encode()
    monkeypatch.setattr(redact, "_URL_IN_TEXT", pattern)
    assert redact.redact_text(secret) == expected


def test_a_sites_sibling_is_written_into_the_memo_keys_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every citation of a site judged beside its made-up sibling keys the judgement with the
    sibling's ``repr`` (its words: ~25 µs a key, issue 19): made once a sibling, the same
    bytes; another sibling, or none, keys differently, and an unhashable one still keys."""

    from checker.verify.soft404 import Sibling  # noqa: PLC0415

    site = "https://sibling-keys.example"
    sibling = Sibling(f"{site}/made-up", 404, f"{site}/made-up", "Not found", ("not", "found"))
    made = 0
    plain_repr = Sibling.__repr__

    def counted(self: Sibling) -> str:
        nonlocal made
        made += 1
        return plain_repr(self)

    monkeypatch.setattr(Sibling, "__repr__", counted)
    keys = []
    for n in range(3):
        url = f"{site}/story-{n}"
        result = FetchResult(url, Outcome.OK, url, 200, text="<p>a story</p>")
        keys.append(verify.memo_keys(Citation(CitationKind.LINK, url), result, sibling))
    assert made == 1
    url = f"{site}/story-0"
    result = FetchResult(url, Outcome.OK, url, 200, text="<p>a story</p>")
    citation = Citation(CitationKind.LINK, url)
    digest = verify.code_hash().copy()
    read = (url, "ok", url, 200, None, [], None, False, None, 1, 0, None, False)
    digest.update(verify._written(read))  # the answer's fields (no hops: None)
    digest.update(plain_repr(sibling).encode())
    digest.update(body_digest(b"<p>a story</p>").encode())
    assert keys[0][1] == digest.hexdigest()  # the bytes keyed before
    other = Sibling(f"{site}/made-up", 200, f"{site}/made-up", "Home", ("home",))
    assert verify.memo_keys(citation, result, other)[1] != keys[0][1]
    assert verify.memo_keys(citation, result)[1] != keys[0][1]
    listed = Sibling(url, 404, url, "x", ["a"])  # type: ignore[arg-type]
    assert verify.memo_keys(citation, result, listed)[0] == keys[0][0]


def test_a_crawled_post_pages_memo_key_holds_verifys_rules() -> None:
    """A post page that answered for its post (a crawl's) is kept only once judged no wall in
    the post's place by verify's rules: its memo key holds them (a changed rule judges it
    again), a file's page's does not (a changed verdict rule never re-reads a folder)."""
    from dataclasses import replace  # noqa: PLC0415

    from checker import extract  # noqa: PLC0415
    from checker.model import Page, PageKind  # noqa: PLC0415

    page = Page("https://blog.example/post", "https://blog.example/post", "<p>x</p>", PageKind.HTML)
    crawled = replace(page, answered=True)
    assert extract._memo_key(page, False, None)[1] != extract._memo_key(crawled, False, None)[1]
    verify_part = memo.code_fingerprint("verify")
    assert verify_part != memo.code_fingerprint()  # verify's files are in what it hashes
