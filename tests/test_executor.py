"""The local executor's own promises about what a run holds while it checks (issue 19)."""

from __future__ import annotations

import asyncio

from checker.executor import (
    VERIFYING_AT_MOST,
    VERIFYING_CHARS_AT_MOST,
    Job,
    LocalExecutor,
    Verdict,
)
from checker.model import (
    CheckedCitation,
    Citation,
    CitationKind,
    Cited,
    FetchResult,
    Outcome,
    Status,
)
from tests.cost import loop_callbacks


class _Fetches:
    """Stands for the fetcher: every answer is in as soon as the test says so."""

    def __init__(self, sizes: dict[str, int] | None = None) -> None:
        self.answers: dict[str, asyncio.Future[FetchResult]] = {}
        self.sizes = sizes or {}  # a page's text's characters, by URL (0: a small page)

    def result_of(self, url: str) -> asyncio.Future[FetchResult]:
        return self.answers.setdefault(url, asyncio.get_running_loop().create_future())

    def drop_text(self, url: str) -> None:
        pass

    def text_size(self, url: str) -> int:
        return self.sizes.get(url, 0)


class _NoArchive:
    budget = 10.0

    def wanted(self, checked: CheckedCitation) -> bool:
        return False

    def out_of_time(self) -> None:
        raise AssertionError("no lookup to stop: every verdict is final at once")


class _SlowJudge:
    """Stands for the run: its verifications wait for ``judged`` (a judge that cannot keep up)."""

    def __init__(self, sizes: dict[str, int] | None = None) -> None:
        self.fetcher = _Fetches(sizes)
        self.archives = _NoArchive()
        self.judged = asyncio.Event()
        self.verifying = 0
        self.most = 0
        self.chars = 0  # the texts the verifications under way hold
        self.most_chars = 0

    async def verify(self, citation: Citation) -> CheckedCitation:
        assert citation.url is not None
        text = self.fetcher.text_size(citation.url)
        self.verifying += 1
        self.chars += text
        self.most = max(self.most, self.verifying)
        self.most_chars = max(self.most_chars, self.chars)
        await self.judged.wait()
        self.verifying -= 1
        self.chars -= text
        return CheckedCitation(citation, Status.OK)


def _url(key: int) -> str:
    return f"https://h{key % 7}.example/{key}"


async def _backlog(jobs: int, sizes: dict[str, int] | None = None) -> tuple[int, list[Verdict]]:
    run = _SlowJudge(sizes)
    verdicts: list[Verdict] = []
    executor = LocalExecutor(run, verdicts.append)  # type: ignore[arg-type]
    for key in range(jobs):
        url = _url(key)
        executor.submit(Job(key, Citation(CitationKind.LINK, url, Cited())))
    executor.no_more_jobs()
    for url, answer in run.fetcher.answers.items():
        answer.set_result(FetchResult(url, Outcome.OK, status_code=200))
    for _ in range(5):
        await asyncio.sleep(0)
    waiting = run.most
    run.judged.set()
    await executor.finish()
    assert run.most == waiting  # and no more started once the judge caught up
    return waiting, verdicts


def test_pages_waiting_for_the_judge_are_bounded_and_every_job_is_verified() -> None:
    jobs = 3 * VERIFYING_AT_MOST
    most, verdicts = asyncio.run(_backlog(jobs))
    assert most == VERIFYING_AT_MOST  # not one verification per answer in
    assert sorted(v.key for v in verdicts) == list(range(jobs))
    assert all(v.final and v.checked.status is Status.OK for v in verdicts)


def test_large_pages_waiting_for_the_judge_are_bounded_by_their_characters() -> None:
    """A page of a MB must not make 192 turns hold 192 MB of text (issue 19): the texts held
    by the verifications under way stay under the bound, and every job is still verified."""
    jobs = 3 * VERIFYING_AT_MOST
    page = 2**20
    sizes = {_url(key): page for key in range(jobs)}
    sizes[_url(5)] = 3 * VERIFYING_CHARS_AT_MOST  # larger than the bound: verified all the same
    run_most: list[int] = []

    async def backlog() -> list[Verdict]:
        most, verdicts = await _backlog(jobs, sizes)
        run_most.append(most)
        return verdicts

    verdicts = asyncio.run(backlog())
    assert run_most[0] <= VERIFYING_CHARS_AT_MOST // page  # was VERIFYING_AT_MOST: 192 MB
    assert sorted(v.key for v in verdicts) == list(range(jobs))
    assert all(v.final and v.checked.status is Status.OK for v in verdicts)


def test_a_page_larger_than_the_bound_waits_alone_and_the_rest_in_order() -> None:
    """The characters held stay under the bound but for a lone page larger than it, which is
    verified by itself: nothing waits forever for room."""
    sizes = {_url(0): VERIFYING_CHARS_AT_MOST // 2, _url(1): 2 * VERIFYING_CHARS_AT_MOST}
    sizes |= {_url(key): VERIFYING_CHARS_AT_MOST // 8 for key in range(2, 40)}

    async def held() -> tuple[int, int, list[Verdict]]:
        run = _SlowJudge(sizes)
        verdicts: list[Verdict] = []
        executor = LocalExecutor(run, verdicts.append)  # type: ignore[arg-type]
        for key in range(40):
            executor.submit(Job(key, Citation(CitationKind.LINK, _url(key), Cited())))
        executor.no_more_jobs()
        for url, answer in run.fetcher.answers.items():
            answer.set_result(FetchResult(url, Outcome.OK, status_code=200))
        for _ in range(5):
            await asyncio.sleep(0)
        first = run.verifying  # only the half-bound page: the 2x one waits, and those after it
        run.judged.set()
        await executor.finish()
        return first, run.most_chars, verdicts

    first, most_chars, verdicts = asyncio.run(held())
    assert first == 1
    assert most_chars == 2 * VERIFYING_CHARS_AT_MOST  # the large page, alone
    assert sorted(v.key for v in verdicts) == list(range(40))


def test_compact_keeps_a_verdict_whose_observation_is_already_shared() -> None:
    """Issue 19: a verdict that already holds the shared ``Observed`` is not copied."""
    from checker.executor import Compact  # noqa: PLC0415
    from checker.model import CheckedCitation, Citation, CitationKind, Observed, Status  # noqa: PLC0415

    compact = Compact()
    shared = Observed(status_code=200)
    first = CheckedCitation(
        Citation(CitationKind.LINK, "https://a.example/"), Status.OK, observed=shared
    )
    assert compact.verdict(first) is first
    second = CheckedCitation(
        Citation(CitationKind.LINK, "https://b.example/"), Status.OK, observed=shared
    )
    assert compact.verdict(second) is second
    other = CheckedCitation(
        Citation(CitationKind.LINK, "https://c.example/"),
        Status.OK,
        observed=Observed(status_code=200),
    )
    compacted = compact.verdict(other)
    assert compacted == other and compacted.observed is shared


class _Instant:
    """Stands for the run: every verification is done without waiting."""

    def __init__(self) -> None:
        self.fetcher = _Fetches()
        self.archives = _NoArchive()

    async def verify(self, citation: Citation) -> CheckedCitation:
        return CheckedCitation(citation, Status.OK)


def test_a_citation_costs_few_loop_callbacks() -> None:
    # issue 19: a check's task leaves the running set as it ends (no done-callback), and a
    # job whose answer is already in starts without waiting for a callback: before, 3 callbacks
    # a citation whose answer comes later and 3 one whose answer was in (now 2 and 1)
    async def go() -> tuple[int, int]:
        run = _Instant()
        verdicts: list[Verdict] = []
        executor = LocalExecutor(run, verdicts.append)  # type: ignore[arg-type]
        url = "https://h.example/{}"
        answered = run.fetcher.result_of(url.format("in"))
        answered.set_result(FetchResult(url.format("in"), Outcome.OK, status_code=200))
        with loop_callbacks() as scheduled:
            for key in range(100):  # answered later
                executor.submit(Job(key, Citation(CitationKind.LINK, url.format(key), Cited())))
            for key, answer in enumerate(run.fetcher.answers.values()):
                if not answer.done():
                    answer.set_result(FetchResult(url.format(key), Outcome.OK, status_code=200))
            executor.no_more_jobs()
            await executor.finish()
            later, before = scheduled[0], len(verdicts)
            executor = LocalExecutor(run, verdicts.append)  # type: ignore[arg-type]
            for key in range(100):  # answered already
                executor.submit(Job(key, Citation(CitationKind.LINK, url.format("in"), Cited())))
            executor.no_more_jobs()
            await executor.finish()
        assert len(verdicts) == before + 100 == 200
        return later, scheduled[0] - later

    later, answered_already = asyncio.run(go())
    assert later <= 2 * 100 + 5, later
    assert answered_already <= 1 * 100 + 5, answered_already
