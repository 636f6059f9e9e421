"""Shared helpers for the fetch tests: a config pointed at a sample web, and a one-call fetch."""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
import json
import json.encoder
import os
import socket
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from checker.config import Config, ConnectTo
from checker.fetch import HttpFetcher
from checker.fetch.store import Store
from checker.findings import Code
from checker.model import CheckedCitation, FetchResult, Report
from checker.pipeline import check
from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Request, Response

__all__ = [
    "OneAnswerServer",
    "check_links_on",
    "check_sources_on",
    "codes",
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


class OneAnswerServer:
    """A bare server (a forward proxy, or a site) that gives every request the same ``answer``
    and keeps each request line: for the proxy tests, where whether a request reached it is
    the point.  ``host`` may be an IPv6 address."""

    def __init__(self, answer: bytes, host: str = "127.0.0.1") -> None:
        self.lines: list[str] = []
        self._answer = answer
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self._server = socket.create_server((host, 0), family=family)
        self._server.settimeout(0.05)
        self._stop = threading.Event()
        self.port = self._server.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def requests(self) -> int:
        """How many requests reached it."""
        return len(self.lines)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.settimeout(5)
            with conn:
                data = b""
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(4096)
                    if not chunk:
                        break
                    data += chunk
                self.lines.append(data.split(b"\r\n", 1)[0].decode(errors="replace"))
                conn.sendall(self._answer)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._server.close()


def http_answer(status: str, kind: str, body: bytes, coding: str | None = None) -> bytes:
    """One HTTP/1.1 answer as bytes for :class:`OneAnswerServer`: ``status`` (``"200 OK"``),
    its Content-Type, Content-Length and, when given, Content-Encoding (``body`` as it is)."""
    head = f"HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {len(body)}\r\n"
    if coding:
        head += f"Content-Encoding: {coding}\r\n"
    return head.encode() + b"\r\n" + body


@pytest.fixture
def one_answer_sites() -> Iterator[list[OneAnswerServer]]:
    """A list a test appends its :class:`OneAnswerServer` sites to; each is closed after it."""
    sites: list[OneAnswerServer] = []
    yield sites
    for site in sites:
        site.close()


def check_post_on(site: OneAnswerServer, tmp_path: Path, post: str, **changes: Any) -> Report:
    """Check ``post`` (Markdown, written to ``tmp_path``) with ``src.example`` served by
    ``site``: no retries, 5 s, no archive lookup (nothing past loopback); ``changes`` on top."""
    path = tmp_path / "post.md"
    path.write_text(post, encoding="utf-8")
    config = Config().with_(
        connect_to=(ConnectTo.parse(f"src.example:80:127.0.0.1:{site.port}"),),
        retries=0,
        timeout=5.0,
        archive="off",
        **changes,
    )
    return check([str(path)], config)


def check_sources_on(
    web: Web,
    cited: dict[str, str],
    folder: Path,
    *,
    heading: str = "欧州の再軍備 {}",
    text: str = "本文です。",
) -> dict[str, CheckedCitation]:
    """Each URL of ``cited`` checked as the source (its title given, by Jane Doe, May 12, 2025)
    of a post of its own, through the pipeline on ``web`` (no retries, 5 s, no archive): the
    checked citations by URL.  ``heading`` (formatted with the post's number) titles each post,
    ``text`` is its body.  The default post is a translation (a Japanese title and text), whose
    block after ``■`` is read as its source: under an English post of its own language
    ("Post 0", "Text.") the block was a plain link, its title, author and date never compared.
    """
    posts = []
    for number, (url, title) in enumerate(cited.items()):
        source = f"{title}\nBy Jane Doe\nMay 12, 2025\n{url}\n"
        posts.append(f"# {heading.format(number)}\n\n{text}\n\n■\n\n{source}")
    return _checked_posts(web, posts, folder)


def check_links_on(web: Web, urls: Sequence[str], folder: Path) -> dict[str, CheckedCitation]:
    """Each of ``urls`` linked from a post of its own (``[the budget](URL)``), checked through
    the pipeline on ``web`` as :func:`check_sources_on` checks: the checked citations by URL."""
    posts = [
        f"# Post {n}\n\nThe council [approved the budget]({url}).\n" for n, url in enumerate(urls)
    ]
    return _checked_posts(web, posts, folder)


def _checked_posts(web: Web, posts: Sequence[str], folder: Path) -> dict[str, CheckedCitation]:
    """``posts`` (Markdown) written to a folder, checked on ``web`` (no retries, 5 s, no
    archive): the checked citations by URL."""
    written = folder / "posts"
    written.mkdir()
    for number, post in enumerate(posts):
        (written / f"post-{number}.md").write_text(post, encoding="utf-8")
    with SampleWeb(web) as site:
        config = config_for(site, archive="off", retries=0, timeout=5.0, report_dir=folder / "r")
        report = check([str(written)], config)
    return {c.citation.url: c for d in report.documents for c in d.citations}


def codes(citation: CheckedCitation) -> set[Code]:
    """The codes of ``citation``'s findings."""
    return {finding.code for finding in citation.findings}


class EncodersMade:
    """How many C encoders ``json`` made since it was set up (``json.dumps`` makes one a call;
    the store's and the memo's writers make theirs once: issue 19)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        make = json.encoder.c_make_encoder
        assert make is not None

        def counted(*args: object) -> object:
            self.count += 1
            return make(*args)

        monkeypatch.setattr(json.encoder, "c_make_encoder", counted)


def restore_store_over(path: Path, rows: int) -> None:
    """Another healthy store, with a table of its own (``restored``, ``rows`` rows), moved over
    ``path`` (a CI cache restored over the store while a run holds it: probe 34)."""
    made = path.with_name("restored-elsewhere.sqlite3")
    Store(made, Config()).close()
    with sqlite3.connect(made) as db:
        db.execute("CREATE TABLE restored (n INTEGER)")
        db.executemany("INSERT INTO restored VALUES (?)", ((n,) for n in range(rows)))
    db.close()
    made.replace(path)
