"""A run's local look-ups, a loop turn's in one thread job (:mod:`checker.fetch.batched`).

One ``asyncio.to_thread`` a local link cost more CPU than its ``stat`` calls (8,000 links of a
docs tree 5.8 → 8.7 CPU s, bench/README.md session 23); the links of a post now share one
hand-off, still off the loop, each answer its own caller's.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import itertools
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import checker.run as run_module
from checker.config import Config
from checker.fetch.batched import BATCH_AT_MOST, Batched
from checker.model import Status
from checker.pipeline import check

_job = threading.local()


def _jobs_of_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The thread job (a number per executor submission) each call of the run's ``look_up``
    ran in."""
    numbers = itertools.count()
    seen: list[int] = []
    submit = concurrent.futures.ThreadPoolExecutor.submit

    def numbered(self: Any, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        number = next(numbers)

        def job() -> Any:
            _job.number = number
            try:
                return fn(*args, **kwargs)
            finally:
                _job.number = None

        return submit(self, job)

    real = run_module.look_up

    def recorded(url: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(_job.number)
        return real(url, *args, **kwargs)

    monkeypatch.setattr(concurrent.futures.ThreadPoolExecutor, "submit", numbered)
    monkeypatch.setattr(run_module, "look_up", recorded)
    return seen


def test_a_posts_local_links_are_looked_up_in_one_thread_job_each_answer_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """20 local links of one post, half of them to missing files: one hand-off to a thread
    (before: one ``to_thread`` each, 20), off the loop, and each link's verdict its own."""
    folder = tmp_path / "posts"
    folder.mkdir()
    for n in range(10):
        (folder / f"there-{n}.md").write_text(f"# There {n}\n", encoding="utf-8")
    links = "".join(f"- [there {n}](there-{n}.md)\n- [gone {n}](gone-{n}.md)\n" for n in range(10))
    (folder / "index.md").write_text(f"# Index\n\nWords.\n\n{links}", encoding="utf-8")
    jobs = _jobs_of_calls(monkeypatch)
    config = Config().with_(store=None, report_dir=tmp_path / "out", archive="off")
    monkeypatch.chdir(tmp_path)
    report = check([str(folder)], config)
    statuses = {
        (c.citation.url or "").rsplit("/", 1)[-1]: c.status
        for d in report.documents
        for c in d.citations
    }
    assert statuses == {
        **{f"there-{n}.md": Status.OK for n in range(10)},
        **{f"gone-{n}.md": Status.BROKEN for n in range(10)},
    }
    assert None not in jobs  # every look-up ran in an executor's thread, none on the loop
    assert len(jobs) == 20
    assert len(set(jobs)) == 1


def _batched(function: Callable[[str], Any]) -> Batched[[str], Any]:
    return Batched(function)


def test_each_caller_gets_its_own_answer_or_exception() -> None:
    def look(key: str) -> str:
        if key == "bad":
            raise ValueError(key)
        return key.upper()

    async def go() -> list[object]:
        batched = _batched(look)
        return await asyncio.gather(
            batched("a"), batched("bad"), batched("c"), return_exceptions=True
        )

    a, bad, c = asyncio.run(go())
    assert (a, c) == ("A", "C")
    assert isinstance(bad, ValueError)


def test_a_cancelled_caller_leaves_the_others_answers_alone() -> None:
    release = threading.Event()

    def look(key: str) -> str:
        release.wait(5)
        return key

    async def go() -> tuple[bool, str]:
        batched = _batched(look)
        first, second = batched("a"), batched("b")
        await asyncio.sleep(0.01)  # the batch is under way in its thread
        first.cancel()
        release.set()
        return first.cancelled(), await second

    assert asyncio.run(go()) == (True, "b")


def test_calls_of_later_turns_go_in_later_jobs_and_big_turns_are_split() -> None:
    threads: list[int] = []

    def look(key: str) -> str:
        threads.append(threading.get_ident())
        return key

    async def go() -> tuple[list[str], list[str]]:
        batched = _batched(look)
        many = [str(n) for n in range(BATCH_AT_MOST * 2 + 1)]
        first = await asyncio.gather(*(batched(key) for key in many))
        second = await asyncio.gather(batched("x"))
        return list(first), list(second)

    first, second = asyncio.run(go())
    assert first == [str(n) for n in range(BATCH_AT_MOST * 2 + 1)]
    assert second == ["x"]
    assert threading.get_ident() not in threads


def test_a_shut_down_executor_fails_the_callers_instead_of_leaving_them_waiting() -> None:
    async def go() -> BaseException | str:
        loop = asyncio.get_running_loop()
        executor = concurrent.futures.ThreadPoolExecutor(1)
        loop.set_default_executor(executor)
        executor.shutdown()
        try:
            return str(await asyncio.wait_for(_batched(str)("a"), 5))
        except RuntimeError as exc:
            return exc

    assert isinstance(asyncio.run(go()), RuntimeError)
