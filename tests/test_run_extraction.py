"""A run extracts pages on its own thread, off the event loop (issue 19: the loop's lag held
every host's slots; bench/README.md, "Session 22, wall when hosts are not the limit")."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

import checker.run as run_module
import checker.verify.citation as citation_module
from checker.config import Config
from checker.model import (
    Citation,
    CitationKind,
    Cited,
    Document,
    FetchResult,
    Outcome,
    Page,
    PageKind,
)
from checker.pipeline import check
from checker.run import Run
from checker.verify.citation import JudgeThread


def _config(tmp_path: Path, **changes: object) -> Config:
    settings: dict[str, object] = {"store": None, "report_dir": tmp_path, "archive": "off"}
    return Config().with_(**{**settings, **changes})  # type: ignore[arg-type]


def _page(name: str, url: str) -> Page:
    text = f"# {name}\n\nSome words.\n\n- [a story]({url})\n"
    return Page(f"file:///posts/{name}.md", f"{name}.md", text, PageKind.MARKDOWN)


def _recording(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The thread of each page's extraction, as ``checker.run`` calls it."""
    threads: list[int] = []
    real = run_module.extract

    def recorded(page: Page, *args: object, **kwargs: object) -> tuple[Document, ...]:
        threads.append(threading.get_ident())
        return real(page, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(run_module, "extract", recorded)
    return threads


def test_a_checked_folders_pages_are_extracted_off_the_event_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every page of a folder input is extracted on another thread than the loop's, and its
    citations are checked all the same (a cited URL no host answers: 127.0.0.1's port 9)."""
    folder = tmp_path / "posts"
    folder.mkdir()
    for n in range(3):
        text = f"# Post {n}\n\nWords.\n\n- [a story](http://127.0.0.1:9/story-{n})\n"
        (folder / f"post-{n}.md").write_text(text, encoding="utf-8")
    threads = _recording(monkeypatch)
    report = check([str(folder)], _config(tmp_path, timeout=2.0, retries=0))
    assert len(threads) == 3
    assert threading.get_ident() not in threads  # (the loop ran on this thread)
    urls = sorted(c.citation.url or "" for d in report.documents for c in d.citations)
    assert urls == [f"http://127.0.0.1:9/story-{n}" for n in range(3)]


def test_a_runs_extraction_thread_ends_with_the_run(tmp_path: Path) -> None:
    """Closed, a run leaves no extraction thread: the command line forks its report writer
    only from a process with one thread (other tests' servers may run threads here)."""

    async def go() -> tuple[Document, ...]:
        async with Run(_config(tmp_path)) as current:
            return await current.posts_soon(_page("a", "https://a.example/1"))

    posts = asyncio.run(go())
    assert [c.url for c in posts[0].citations] == ["https://a.example/1"]
    assert not [t for t in threading.enumerate() if t.name.startswith("citecheck-extract")]


def test_posts_extracted_on_the_thread_are_kept_in_the_store_for_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The memo's SQLite connection is the loop thread's: what the thread's extraction keeps
    is written on the loop, and a second run finds the page's posts without parsing it."""
    store = tmp_path / "store.sqlite"
    page = _page("a", "https://a.example/1")
    threads = _recording(monkeypatch)

    async def go() -> tuple[tuple[Document, ...], tuple[Document, ...] | None]:
        async with Run(_config(tmp_path, store=store)) as first:
            posts = await first.posts_soon(page)
        async with Run(_config(tmp_path, store=store)) as second:
            return posts, second.kept_posts(page)

    posts, kept = asyncio.run(go())
    assert len(threads) == 1
    assert kept == posts


def test_judging_waits_while_pages_are_being_extracted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page's citations are the lanes' next requests, a judgement holds no slot: the run's
    judging thread judges nothing while a page is on the extraction thread."""
    parsing = threading.Event()
    release = threading.Event()
    real = run_module.extract

    def slow(page: Page, *args: object, **kwargs: object) -> tuple[Document, ...]:
        parsing.set()
        release.wait(30)
        return real(page, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(run_module, "extract", slow)
    url = "https://example.com/a"
    text = "<html><head><title>A</title></head><body><p>An article.</p></body></html>"
    result = FetchResult(url, Outcome.OK, status_code=200, text=text, final_url=url)
    citation = Citation(CitationKind.LINK, url, Cited())

    async def go() -> tuple[bool, bool]:
        async with Run(_config(tmp_path)) as current:
            posts = current.posts_soon(_page("a", "https://a.example/1"))
            await asyncio.to_thread(parsing.wait, 30)
            judge = current.judge
            assert judge is not None
            judged = judge.judge(citation, result, None)
            await asyncio.sleep(0.2)
            waited = not judged.done()  # (however long: it is never judged while parsing)
            release.set()
            await posts
            await asyncio.wait_for(judged, 30)
            return waited, judged.done()

    assert asyncio.run(go()) == (True, True)


def test_a_run_closed_with_pages_waiting_extracts_none_of_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An interrupted run cancels the pages not yet extracted: their posts are heard of by
    nobody, and the thread does not parse them after the run."""
    parsing = threading.Event()
    release = threading.Event()
    threads = _recording(monkeypatch)
    recorded = run_module.extract

    def held(page: Page, *args: object, **kwargs: object) -> tuple[Document, ...]:
        parsing.set()
        release.wait(30)
        return recorded(page, *args, **kwargs)

    monkeypatch.setattr(run_module, "extract", held)

    class StopError(Exception):
        pass

    async def go() -> list[asyncio.Future[tuple[Document, ...]]]:
        pages: list[asyncio.Future[tuple[Document, ...]]] = []
        try:
            async with Run(_config(tmp_path)) as current:
                pages = [current.posts_soon(_page(n, f"https://a.example/{n}")) for n in "abc"]
                await asyncio.to_thread(parsing.wait, 30)
                raise StopError
        except StopError:
            pass
        release.set()
        return pages

    pages = asyncio.run(go())
    for thread in threading.enumerate():  # the page under way ends; nothing else starts
        if thread.name.startswith("citecheck-extract"):
            thread.join(30)
    assert all(p.cancelled() for p in pages)
    assert len(threads) == 1  # the page under way, never the ones waiting


def test_judging_goes_on_past_a_backlog_while_pages_are_extracted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Waiting for extraction is bounded: past ``JUDGE_BACKLOG`` judgements waiting (each holds
    its page's text in memory), the judging thread judges anyway, and catches up once the
    pages are in."""
    monkeypatch.setattr(citation_module, "JUDGE_BACKLOG", 3)
    url = "https://example.com/a"
    text = "<html><head><title>A</title></head><body><p>An article.</p></body></html>"
    result = FetchResult(url, Outcome.OK, status_code=200, text=text, final_url=url)
    citation = Citation(CitationKind.LINK, url, Cited())

    async def go() -> tuple[int, int]:
        extracting = threading.Event()  # clear: pages are being extracted
        judge = JudgeThread(after=extracting)
        try:
            futures = [judge.judge(citation, result, None) for _ in range(6)]
            for _ in range(3000):  # a bound on a thread that never judges, not a timing
                if any(f.done() for f in futures):
                    break
                await asyncio.sleep(0.01)
            await asyncio.sleep(0.1)
            during = sum(f.done() for f in futures)
            extracting.set()
            await asyncio.wait_for(asyncio.gather(*futures), 30)
            return during, sum(f.done() for f in futures)
        finally:
            judge.close()

    during, after = asyncio.run(go())
    assert 1 <= during <= 4  # the ones past the backlog of 3, not all six
    assert after == 6
