"""Probe 22b: an interrupted run's late extraction answers (issue 19's extraction thread).

Interrupted (Ctrl-C) while pages were on the extraction thread, the run closed its fetcher
first; a page whose extraction ended during that close told the intake, which handed the next
page to :meth:`Run.posts_soon` of a run no longer open: ``RuntimeError: the run is not open``
as a traceback on stderr ("Exception in callback _Intake._off_thread").  The same happens when
a worker process's page comes back during the close.  A closing run extracts nothing more: it
answers with a cancelled future, which the intake and the worker take as "the run stops".
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from checker.config import Config
from checker.executor import LocalExecutor
from checker.extract import extract
from checker.model import Document, Page, PageKind
from checker.patterns import UrlFilter
from checker.pipeline import _Intake, _Tracker, _Verdicts
from checker.run import Run


def _page(name: str) -> Page:
    text = f"# {name}\n\nSome words.\n\n- [a story](https://a.example/{name})\n"
    return Page(f"file:///posts/{name}.md", f"{name}.md", text, PageKind.MARKDOWN)


def test_a_page_handed_on_while_the_run_closes_is_not_extracted_and_raises_nothing(
    tmp_path: Path,
) -> None:
    config = Config().with_(store=None, report_dir=tmp_path, archive="off")

    async def scenario() -> tuple[bool, bool]:
        run = Run(config)
        await run.__aenter__()
        await run.__aexit__(KeyboardInterrupt, KeyboardInterrupt(), None)
        filter_ = UrlFilter.from_config(config)
        verdicts = _Verdicts(filter_, _Tracker(filter_, None))
        intake = _Intake(verdicts, _NoWorker(), run)
        intake.begin_input(0, "posts")
        intake.page(_page("late"))  # (what a late callback does: raised RuntimeError)
        late = run.posts_soon(_page("later"))
        await asyncio.sleep(0)
        return late.cancelled(), any(f.documents is not None for f in intake._found)

    cancelled, taken = asyncio.run(scenario())
    assert cancelled
    assert not taken  # no page taken as one with no posts: the run stops


class _NoWorker:
    """An executor with no worker process (the intake extracts on the run's thread)."""

    def submit(self, job: object) -> None:
        raise AssertionError("a closing run checks nothing")


class _OneWorker(LocalExecutor):
    """This process's executor, with a worker process that takes every page to extract."""

    def __init__(self, run: Run) -> None:
        super().__init__(run, lambda verdict: None)
        self.sent: list[asyncio.Future[tuple[Document, ...] | None]] = []

    def extract_elsewhere(self, page: Page) -> asyncio.Future[tuple[Document, ...] | None]:
        self.sent.append(asyncio.get_running_loop().create_future())
        return self.sent[-1]


def test_posts_that_come_in_while_the_run_closes_start_no_check(tmp_path: Path) -> None:
    """A page's posts in from a worker (or the thread) as the interrupted run closes: their
    citations were submitted to the closed run's executor (``RuntimeError`` on stderr)."""
    config = Config().with_(store=None, report_dir=tmp_path, archive="off")

    errors: list[object] = []

    async def scenario() -> bool:
        asyncio.get_running_loop().set_exception_handler(lambda _, context: errors.append(context))
        run = Run(config)
        await run.__aenter__()
        executor = _OneWorker(run)
        filter_ = UrlFilter.from_config(config)
        intake = _Intake(_Verdicts(filter_, _Tracker(filter_, None)), executor, run)
        intake.begin_input(0, "posts")
        page = _page("elsewhere")
        intake.page(page)
        await run.__aexit__(KeyboardInterrupt, KeyboardInterrupt(), None)
        executor.sent[0].set_result(extract(page))  # the worker's answer, late
        await asyncio.sleep(0)  # (its callback runs here)
        return any(f.documents is not None for f in intake._found)

    assert not asyncio.run(scenario())  # not taken: the run stops
    assert errors == []
