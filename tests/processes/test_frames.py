"""The frames between processes (issue 19): the codec's CPU, and what crosses back.

Encoding the verdict frames was ~60 % of a second process's extra CPU: the memo's ``_plain``
asked ``fields()`` and ``isinstance`` of every value.  Writers are chosen once per declared type
now (:func:`checker.memo._writer`), and the same bytes come out.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
from datetime import date

import pytest

from checker import memo
from checker.config import Config
from checker.executor import Job, Verdict
from checker.extract import extract
from checker.findings import Code
from checker.model import (
    CheckedCitation,
    Citation,
    CitationKind,
    Cited,
    Document,
    Finding,
    Observed,
    Page,
    PageKind,
    Status,
)
from checker.processes import (
    Extracted,
    FromWorker,
    ToExtract,
    Told,
    ToWorker,
    _decoded,
    _frame,
    _frames,
    _Worker,
    answered,
    told,
)


def _naive(value: object) -> object:
    """The generic walk the codec did before (the reference for its bytes)."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _naive(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list | frozenset):
        return [_naive(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _naive(item) for key, item in value.items()}
    raise TypeError(type(value).__name__)


def _checked(n: int) -> CheckedCitation:
    url = f"https://news.site{n}.example/story-{n}.html"
    citation = Citation(
        CitationKind.LINK,
        url,
        Cited(title=f"Story {n}", alt_titles=("Другое", "原題"), archived=(url,)),
        line=n,
        context=f'As [the report]({url}) says \u2028 "quoted" \\ {n}',
    )
    finding = Finding.of(Code.BROKEN, f"{url} answered 404", suggestion="archive it")
    return CheckedCitation(
        citation,
        Status.BROKEN if n % 2 else Status.OK,
        url,
        Observed(status_code=404 if n % 2 else 200, title=None if n % 3 else "T"),
        (finding,) if n % 2 else (),
        note="n" if n % 5 else None,
    )


def test_the_codec_writes_the_bytes_the_generic_walk_wrote() -> None:
    values: list[object] = [_checked(n) for n in range(6)]
    values.append(Verdict(3, _checked(3), final=False))
    document = Document("https://blog.example/p", "in.md", "P", date(2024, 5, 1), ())
    values.append((document, dataclasses.replace(document, published=None, also_from=("x",))))
    for value in values:
        expected = json.dumps(_naive(value), ensure_ascii=True, separators=(",", ":"))
        assert memo.encode(value, secrets=True) == expected.encode("ascii")
        if not isinstance(value, tuple):
            assert memo.decode(expected.encode("ascii"), type(value)) == value


def test_a_type_is_looked_at_once_not_every_value(monkeypatch: pytest.MonkeyPatch) -> None:
    values = [Verdict(n, _checked(n)) for n in range(50)]
    memo.encode(values[0], secrets=True)  # the writers of these types are made once
    asked: list[object] = []
    fields = dataclasses.fields

    def counted(kind: object) -> object:
        asked.append(kind)
        return fields(kind)  # type: ignore[arg-type]

    monkeypatch.setattr(memo, "fields", counted)
    for value in values:
        assert memo.encode(value, secrets=True) is not None
    assert asked == []


def test_a_value_not_of_its_declared_type_is_not_written_rather_than_raising() -> None:
    """The writers trust the declared types; a value that is not one (a bug) is no value:
    ``None``, as for any type the codec does not know (the memo keeps nothing)."""
    wrong = CheckedCitation(Verdict(1, _checked(1)), Status.OK)  # type: ignore[arg-type]
    assert memo.encode(wrong) is None


def test_a_page_and_its_posts_cross_as_frames_whole() -> None:
    """A page goes to a worker and its posts come back through the frames' codec unchanged
    (a credential in a URL included: frames are sent, not kept); a failed page comes back
    as ``None``."""
    body = "# A post\n\nSee [the story](https://user:secret@news.example/a?token=1) today.\n"
    page = Page("file:///posts/a.md", "posts/a.md", body, PageKind.MARKDOWN)
    posts = extract(page)
    assert posts and posts[0].citations
    sent = ToWorker(pages=(ToExtract(7, page),))
    answers = FromWorker(extracted=(Extracted(7, posts), Extracted(8)))
    buffer = bytearray(_frame(sent) + _frame(answers))
    first, second = list(_frames(buffer))
    assert _decoded(first, ToWorker) == sent
    assert _decoded(second, FromWorker) == answers


def _worker_sent(verdicts: list[Verdict], jobs: list[Job]) -> bytes:
    """The frame a forked worker sends for ``verdicts`` on ``jobs``: the jobs read from their
    frame, each verdict's citation the one of the job as the worker read it (as its run's
    verification keeps it), through its sink; then its flush."""
    worker = _Worker(None, Config(), "evidence-p1.warc.gz")  # type: ignore[arg-type]
    given = worker._executor = _Jobs()  # type: ignore[assignment]

    async def taken() -> None:
        (data,) = _frames(bytearray(_frame(ToWorker(jobs=tuple(jobs)))))
        worker._received(data)
        read = {job.key: job.citation for job in given.jobs}
        for verdict in verdicts:
            citation = read.get(verdict.key, verdict.checked.citation)
            if citation == verdict.checked.citation:
                checked = dataclasses.replace(verdict.checked, citation=citation)
                worker._take(dataclasses.replace(verdict, checked=checked))
            else:
                worker._take(verdict)

    asyncio.run(taken())
    return _frame(FromWorker(verdicts=tuple(worker._verdicts)))


class _Jobs:
    """A worker's executor that takes its jobs and checks none: the frames are what is tested."""

    def __init__(self) -> None:
        self.jobs: list[Job] = []

    def submit(self, job: Job) -> None:
        self.jobs.append(job)


def test_a_verdict_crosses_back_without_the_citation_its_job_gave() -> None:
    """A worker's verdict names its job, whose citation the driver holds: the citation (its
    context, cited fields, fragments) does not cross again, and the driver's verdict is the
    worker's, citation included (issue 19: ~45 % of a verdict frame, ~60 µs a URL)."""
    checked = [_checked(n) for n in range(4)]
    jobs = [Job(n, c.citation) for n, c in enumerate(checked)]
    verdicts = [Verdict(n, c, final=n != 1) for n, c in enumerate(checked)]
    frame = _worker_sent(verdicts, jobs)
    assert b"As [the report]" not in frame and b"Story 1" not in frame
    outstanding = {job.key: job for job in jobs}
    (data,) = _frames(bytearray(frame))
    assert answered(outstanding, _decoded(data, FromWorker).verdicts) == verdicts
    assert list(outstanding) == [1]  # a first verdict leaves its job outstanding


def test_a_verdict_whose_citation_is_not_its_jobs_crosses_whole() -> None:
    checked = _checked(2)
    other = dataclasses.replace(checked.citation, line=99)
    recorded = dataclasses.replace(checked, warc_record_id="<urn:uuid:1>")
    frame = _worker_sent([Verdict(5, recorded)], [Job(5, other)])
    (data,) = _frames(bytearray(frame))
    (given,) = answered({5: Job(5, other)}, _decoded(data, FromWorker).verdicts)
    assert given.checked == dataclasses.replace(recorded, warc_file="evidence-p1.warc.gz")
    assert given.checked.citation.line == 2
    assert told(Verdict(5, checked), None).citation == checked.citation  # job unknown: whole


def test_what_a_told_verdict_carries_is_every_field_of_a_checked_citation() -> None:
    names = {f.name for f in dataclasses.fields(Told)}
    assert names == {f.name for f in dataclasses.fields(CheckedCitation)} | {"key", "final"}


def test_a_pages_posts_kept_in_the_memo_cross_in_the_bytes_the_memo_wrote(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A worker keeps each page it extracts in its memo, then sends the same posts to the
    driver: the frame takes the memo's bytes for them, not a second walk and write of every
    post (~0.5 ms a page of the bench's, issue 19).  The same frame, byte for byte; posts the
    memo did not write (another object, equal or not) are written as before."""
    links = "\n".join(f"- [source {n}](https://news.example/a/story-{n}.html)" for n in range(40))
    page = Page("file:///posts/a.md", "posts/a.md", f"# A post\n\n{links}\n", PageKind.MARKDOWN)

    class Kept:
        def recall(self, subject: str, inputs: str) -> bytes | None:
            return None

        def keep(self, subject: str, inputs: str, value: bytes) -> None:
            self.value = value

    kept = Kept()
    posts = extract(page, kept)
    written: list[int] = []
    real = memo._write_json

    def counted(value: object) -> str:
        text = real(value)
        written.append(len(text))
        return text

    monkeypatch.setattr(memo, "_write_json", counted)
    message = FromWorker(extracted=(Extracted(7, posts),))
    frame = _frame(message)
    assert sum(written) < 200  # the frame around the posts, not the posts again
    assert kept.value in frame
    assert frame[4:] == memo.encode(message, secrets=True)  # the bytes a full walk writes
    written.clear()
    copy = tuple(dataclasses.replace(post) for post in posts)
    assert _frame(FromWorker(extracted=(Extracted(7, copy),))) == frame
    assert sum(written) > len(kept.value)  # an equal copy: walked and written
    assert _decoded(frame[4:], FromWorker) == message
    assert memo.written_lately(posts) is None  # taken by the frame: nothing held after it
