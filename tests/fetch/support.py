"""Shared helpers for the fetch tests: a config pointed at a sample web, and a one-call fetch."""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from checker.config import Config, ConnectTo
from checker.fetch import HttpFetcher
from checker.model import FetchResult
from checker.sampleweb import SampleWeb
from checker.sampleweb.server import Request, Response

__all__ = [
    "comparable",
    "config_for",
    "fetch",
    "fetch_counting",
    "httpx_models_built",
    "run_citecheck",
    "sequence",
]

REPO = Path(__file__).resolve().parents[2]


def config_for(site: SampleWeb, **changes: Any) -> Config:
    """A fast test config reaching every host of ``site`` through --connect-to."""
    base = Config().with_(
        connect_to=tuple(ConnectTo.parse(rule) for rule in site.connect_to()),
        cacert=site.ca_path,
        retries=2,
        retry_backoff=0.01,
        timeout=2.0,
        max_bytes=100_000,
    )
    return base.with_(**changes)


def fetch_counting(
    config: Config,
    urls: Sequence[str],
    *,
    clock: Callable[[], datetime] | None = None,
    inputs: Sequence[str] = (),
) -> tuple[list[FetchResult], int]:
    """Fetch ``urls`` in one run; the results and the number of requests sent."""

    async def go() -> tuple[list[FetchResult], int]:
        async with HttpFetcher(config, version="test", clock=clock, inputs=inputs) as fetcher:
            results = list(await asyncio.gather(*(fetcher.get(u) for u in urls)))
            return results, fetcher.requests

    return asyncio.run(go())


def fetch(config: Config, *urls: str) -> list[FetchResult]:
    """Fetch ``urls`` in one run."""
    return fetch_counting(config, urls)[0]


def sequence(answers: Sequence[Response]) -> Callable[[Request], Response]:
    """A route answering from ``answers`` in turn, repeating the last one."""
    calls = itertools.count()

    def handler(_: Request) -> Response:
        return answers[min(next(calls), len(answers) - 1)]

    return handler


def run_citecheck(args: Sequence[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """``citecheck ARGS`` run as a child process of this checkout, as a user would run it."""
    return subprocess.run(
        [sys.executable, "-m", "checker", *args],
        check=False,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def httpx_models_built(
    monkeypatch: pytest.MonkeyPatch,
    kinds: Sequence[type] = (httpx.Request, httpx.Response, httpx.Headers, httpx.URL),
) -> list[str]:
    """The httpx models of ``kinds`` built from now on, by type name (the lean route builds
    none: issue 19)."""
    built: list[str] = []
    for kind in kinds:
        init = kind.__init__

        def counting(self: Any, *args: Any, _init: Any = init, **kw: Any) -> None:
            built.append(type(self).__name__)
            _init(self, *args, **kw)

        monkeypatch.setattr(kind, "__init__", counting)
    return built


def comparable(result: FetchResult) -> FetchResult:
    """``result`` without what differs from run to run (its time, its record's id, its failure
    streak's start)."""
    return dataclasses.replace(result, elapsed=0.0, warc_record_id=None, failing_since=None)
