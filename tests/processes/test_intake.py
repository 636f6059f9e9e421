"""The driver's intake with an executor that extracts elsewhere: posts taken in discovery's order.

Pure asyncio with a fake executor (no process): the pages' futures resolve in any order, the
citations start in the order the pages were found, and a page not done elsewhere is done here.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from checker.config import Config
from checker.executor import Job
from checker.extract import extract
from checker.model import Document, Page, PageKind
from checker.patterns import UrlFilter
from checker.pipeline import _Intake, _Tracker, _Verdicts
from checker.run import CrashLog


def _page(name: str, *urls: str) -> Page:
    links = "".join(f"- [a story]({url})\n" for url in urls)
    return Page(f"file:///posts/{name}.md", f"{name}.md", f"# {name}\n\n{links}", PageKind.MARKDOWN)


@dataclass
class _Run:
    """What the intake uses of a run: its extraction and its crash log."""

    crashes: CrashLog = field(default_factory=CrashLog)
    closing: bool = False

    def posts(self, page: Page) -> tuple[Document, ...]:
        return extract(page)

    def kept_posts(self, page: Page) -> tuple[Document, ...] | None:
        return None

    def posts_soon(self, page: Page) -> asyncio.Future[tuple[Document, ...]]:
        posts: asyncio.Future[tuple[Document, ...]] = asyncio.get_running_loop().create_future()
        posts.set_result(self.posts(page))  # at once: the order the tests see is the intake's
        return posts


@dataclass
class _Elsewhere:
    """An executor that takes the pages named ``remote`` to extract elsewhere."""

    remote: set[str]
    jobs: list[Job] = field(default_factory=list)
    sent: dict[str, asyncio.Future[tuple[Document, ...] | None]] = field(default_factory=dict)

    def submit(self, job: Job) -> None:
        self.jobs.append(job)

    def extract_elsewhere(self, page: Page) -> asyncio.Future[tuple[Document, ...] | None] | None:
        if page.origin not in self.remote:
            return None
        self.sent[page.origin] = asyncio.get_running_loop().create_future()
        return self.sent[page.origin]


def _intake(executor: _Elsewhere) -> _Intake:
    tracker = _Tracker(UrlFilter.from_config(Config()), None)
    verdicts = _Verdicts(UrlFilter.from_config(Config()), tracker)
    return _Intake(verdicts, executor, _Run())  # type: ignore[arg-type]


def test_posts_extracted_elsewhere_are_taken_in_discovery_order() -> None:
    pages = [
        _page("a", "https://a.example/1", "https://a.example/2"),
        _page("b", "https://b.example/1"),
        _page("c", "https://c.example/1"),
    ]

    async def scenario() -> list[tuple[int, str | None]]:
        executor = _Elsewhere({"a.md", "c.md"})
        intake = _intake(executor)
        intake.begin_input(0, "posts")
        for page in pages:
            intake.page(page)
        assert executor.jobs == []  # b's posts are in, but a's come first
        executor.sent["c.md"].set_result(extract(pages[2]))
        await asyncio.sleep(0)
        assert executor.jobs == []
        executor.sent["a.md"].set_result(extract(pages[0]))
        await asyncio.wait_for(intake.settled(), 5)
        return [(job.key, job.citation.url) for job in executor.jobs]

    assert asyncio.run(scenario()) == [
        (0, "https://a.example/1"),
        (1, "https://a.example/2"),
        (2, "https://b.example/1"),
        (3, "https://c.example/1"),
    ]


def test_a_page_not_done_elsewhere_is_extracted_here_in_its_turn() -> None:
    pages = [_page("a", "https://a.example/1"), _page("b", "https://b.example/1")]

    async def scenario() -> list[Job]:
        executor = _Elsewhere({"a.md"})
        intake = _intake(executor)
        for page in pages:
            intake.page(page)
        executor.sent["a.md"].set_result(None)  # the worker was lost, or failed on it
        await asyncio.wait_for(intake.settled(), 5)
        return executor.jobs

    jobs = asyncio.run(scenario())
    assert [(job.key, job.citation.url) for job in jobs] == [
        (0, "https://a.example/1"),
        (1, "https://b.example/1"),
    ]


def test_nothing_is_taken_after_a_cancelled_page() -> None:
    """A cancelled run cancels the pages still out: neither they nor the pages after them
    start a check, and none is extracted here."""
    pages = [_page("a", "https://a.example/1"), _page("b", "https://b.example/1")]
    extracted: list[str] = []

    async def scenario() -> list[Job]:
        executor = _Elsewhere({"a.md"})
        intake = _intake(executor)
        run = intake._run
        real = run.posts

        def counted(page: Page) -> tuple[Document, ...]:
            extracted.append(page.origin)
            return real(page)

        run.posts = counted  # type: ignore[method-assign]
        for page in pages:
            intake.page(page)
        executor.sent["a.md"].cancel()
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        return executor.jobs

    assert asyncio.run(scenario()) == []
    assert extracted == ["b.md"]  # b was extracted here before the cancel; a never is


def test_pages_wait_for_an_extractor_with_room_in_discovery_order() -> None:
    """Two pages at most go to this process's extraction thread; the next waits in the intake
    and goes to a worker that has room by then (a lazy start, or one that answered), not
    behind the thread's queue."""
    pages = [_page(name, f"https://{name}.example/1") for name in "abcd"]

    async def scenario() -> tuple[list[str], list[str], list[str]]:
        executor = _Elsewhere(set())
        intake = _intake(executor)
        run = intake._run
        threaded: dict[str, asyncio.Future[tuple[Document, ...]]] = {}

        def later(page: Page) -> asyncio.Future[tuple[Document, ...]]:
            threaded[page.origin] = asyncio.get_running_loop().create_future()
            return threaded[page.origin]

        run.posts_soon = later  # type: ignore[method-assign]
        for page in pages:
            intake.page(page)
        on_thread = sorted(threaded)
        executor.remote = {"c.md", "d.md"}  # a worker with room now
        threaded["a.md"].set_result(extract(pages[0]))
        await asyncio.sleep(0)
        sent = sorted(executor.sent)
        threaded["b.md"].set_result(extract(pages[1]))
        for name, page in zip("cd", pages[2:], strict=True):
            executor.sent[f"{name}.md"].set_result(extract(page))
        await asyncio.wait_for(intake.settled(), 5)
        return on_thread, sent, [job.citation.url or "" for job in executor.jobs]

    on_thread, sent, urls = asyncio.run(scenario())
    assert on_thread == ["a.md", "b.md"]
    assert sent == ["c.md", "d.md"]
    assert urls == [f"https://{name}.example/1" for name in "abcd"]


def test_no_page_is_taken_before_it_is_extracted() -> None:
    """Pages whose extraction ended before the intake heard of it (their futures done, their
    callbacks not yet run) leave the thread's count stale for a moment: a page found then
    waits for its turn, and is never taken as a page with no posts (a silent pass)."""
    pages = [_page(name, f"https://{name}.example/1") for name in "abcdef"]

    async def scenario() -> list[str]:
        executor = _Elsewhere(set())
        intake = _intake(executor)
        for page in pages:  # the stub's extraction is done at once, its callbacks later
            intake.page(page)
        await asyncio.wait_for(intake.settled(), 5)
        return [job.citation.url or "" for job in executor.jobs]

    assert asyncio.run(scenario()) == [f"https://{name}.example/1" for name in "abcdef"]
