"""Runs the stages in order: discover → extract → fetch/verify → report.

The only module that imports more than one stage: each stage sees only the leaves (model,
findings, config, errors) and what this module hands it, so data flows one way.  The fetcher is
created here and passed to ``discover`` and ``verify``, so input pages and cited sources share one
connection pool, one set of per-host limits and one in-run cache.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version

from checker.config import Config
from checker.discover import Scope, discover
from checker.extract import extract
from checker.fetch import HttpFetcher
from checker.model import Report
from checker.verify.citation import verify_document

__all__ = ["VERSION", "check", "run"]

try:
    VERSION = version("citecheck")
except PackageNotFoundError:  # running from a source tree that was never installed
    VERSION = "0+unknown"


def check(inputs: Sequence[str], config: Config | None = None) -> Report:
    """Check every citation in ``inputs``; the synchronous face of :func:`run`."""
    return asyncio.run(run(inputs, config or Config()))


async def run(inputs: Sequence[str], config: Config) -> Report:
    """Discover the pages, extract their posts, verify every citation; return the Report."""
    started = _now()
    async with HttpFetcher(config, version=VERSION, inputs=tuple(inputs)) as fetcher:
        scope = Scope(max_posts=config.max_posts, since=config.since, label=config.label)
        pages = await discover(inputs, fetcher, crawl=config.crawl, scope=scope)
        documents = [document for page in pages for document in extract(page)]
        checked = await asyncio.gather(*(verify_document(d, fetcher, config) for d in documents))
    return Report(tuple(inputs), tuple(checked), VERSION, started, _now())


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
