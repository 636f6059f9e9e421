"""The judging thread against what a judgement may raise (probe, session 18).

Judging runs on one thread (:class:`~checker.verify.citation.JudgeThread`) and hands each
outcome to the awaiting task: a ``SystemExit`` or ``KeyboardInterrupt`` raised while judging one
citation must be that citation's error, never the run's end.  (The probe's other two cases, a
long quote's cost and closing while a judgement is under way, are held by
``test_quote_cost.py`` and ``test_judge_close.py``.)
"""

from __future__ import annotations

import asyncio
import random

import pytest

import checker.verify.citation as citation_module
from checker.model import Citation, CitationKind, Cited, FetchResult, Outcome
from checker.verify.citation import Judgement, JudgeThread

_WORDS = [f"w{n}x{n * 7 % 13}" for n in range(300)]


def _quote_work(page_words: int, quote_words: int) -> tuple[Citation, FetchResult]:
    """A quote of ``quote_words`` absent from a page of ``page_words`` (one sentence each)."""
    pick = random.Random(page_words * 31 + quote_words)
    body = " ".join(pick.choice(_WORDS) for _ in range(page_words))
    quote = " ".join(pick.choice(_WORDS) for _ in range(quote_words)) + " zzz"
    page = f"<html><head><title>T</title></head><body><article><p>{body}</p></article></body>"
    url = "https://quotes.example/a"
    result = FetchResult(url, Outcome.OK, status_code=200, text=page, final_url=url)
    return Citation(CitationKind.QUOTE, url, Cited(text=quote)), result


@pytest.mark.parametrize("raised", [SystemExit(5), KeyboardInterrupt(), GeneratorExit()])
def test_a_base_exception_in_judging_is_that_citations_error_not_the_runs(
    monkeypatch: pytest.MonkeyPatch, raised: BaseException
) -> None:
    def bad(citation: Citation, result: FetchResult, sibling: object = None) -> Judgement:
        raise raised

    monkeypatch.setattr(citation_module, "_judge", bad)

    async def go() -> object:
        judge = JudgeThread()
        try:

            async def one() -> object:
                return await judge.judge(*_quote_work(10, 5), None)

            return (await asyncio.gather(asyncio.create_task(one()), return_exceptions=True))[0]
        finally:
            judge.close()

    try:
        outcome = asyncio.run(go())
    except BaseException as escaped:  # the point: it must not get here
        outcome = escaped
        pytest.fail(f"{type(escaped).__name__} escaped the event loop")
    assert isinstance(outcome, Exception)
