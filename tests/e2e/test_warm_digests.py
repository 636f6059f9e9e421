"""A warm run keys its judgements by the digest the store keeps of each body (issue 19).

The store writes each body's digest beside it; a warm run whose answers come from the store
takes each judgement from the memo by that digest, inflating and hashing no page.  The digest
stands for the body in the memo's keys, so a judgement is never reused for another body: a
stored body another run replaced is judged afresh, and so is a body whose blob cannot be read
(asked again).  A row without a digest (a store from before the column) is hashed as before.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import checker.fetch.client as client_module
import checker.verify.citation as citation_module
from checker.config import Config
from checker.findings import Code
from checker.model import Report
from checker.pipeline import check
from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Request, Response
from tests.e2e.blogger import CitedPost, article_page, blogger_page, source_of
from tests.e2e.test_incremental import stored_config

BLOG = "https://warmdigests.blogspot.com"
ARTICLE = "https://articles.example.com/2025/02/talks.html"
TITLE = "Talks resume in Geneva after a long pause"
OTHER = "Markets tumble as the central bank raises rates"


def _post(title: str) -> CitedPost:
    return CitedPost("talks", "Example News", title, "Jane Doe", "February 10, 2025", ARTICLE)


class _Site:
    """A blog whose one post cites ``ARTICLE`` by ``cited["title"]``; the article's headline is
    ``shown["title"]``; each can change between runs."""

    def __init__(self) -> None:
        self.cited = {"title": TITLE}
        self.shown = {"title": TITLE}
        self.web = Web()
        self.web.add(f"{BLOG}/search/label/x", self._listing)
        self.web.add(ARTICLE, self._article)

    def _listing(self, _: Request) -> Response:
        page = blogger_page(BLOG, [_post(self.cited["title"])])
        return Response(200, (("Content-Type", "text/html; charset=utf-8"),), page.encode())

    def _article(self, _: Request) -> Response:
        page = article_page(
            self.shown["title"], site="Example News", author="Jane Doe", date="2025-02-10"
        )
        return Response(200, (("Content-Type", "text/html; charset=utf-8"),), page.encode())


def _counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Calls of: inflating a stored body, hashing a page's text, judging an answer."""
    calls = {"inflate": 0, "hash": 0, "judge": 0}

    def counting(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return function(*args, **kwargs)

        return call

    monkeypatch.setattr(
        client_module, "stored_text", counting("inflate", client_module.stored_text)
    )
    monkeypatch.setattr(
        citation_module, "body_digest", counting("hash", citation_module.body_digest)
    )
    monkeypatch.setattr(citation_module, "_judge", counting("judge", citation_module._judge))
    return calls


def _run(site: SampleWeb, config: Config) -> tuple[list[Code], list[str]]:
    """One run of the blog: the source's finding codes, and the article's requests it sent."""
    sent = len(site.requests)
    report: Report = check([f"{BLOG}/search/label/x"], config)
    asked = [url for _, url in site.requests[sent:] if "articles.example.com" in url]
    return [f.code for f in source_of(report, "talks").findings], asked


def test_a_warm_run_neither_inflates_nor_hashes_a_stored_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blog = _Site()
    with SampleWeb(blog.web) as site:
        config = stored_config(site, tmp_path / "store.sqlite3")
        cold = _run(site, config)
        calls = _counted(monkeypatch)
        warm = _run(site, config)
    assert cold == ([], [ARTICLE])
    assert warm == ([], [])
    assert calls == {"inflate": 0, "hash": 0, "judge": 0}


def test_a_stored_body_another_run_replaced_is_judged_afresh(tmp_path: Path) -> None:
    """The memo still holds the judgement of the first body for this citation; the store's row
    now holds another body (a run citing the article otherwise re-checked it with ``--full``):
    that judgement must not be reused for it."""
    blog = _Site()
    with SampleWeb(blog.web) as site:
        config = stored_config(site, tmp_path / "store.sqlite3")
        first = _run(site, config)
        blog.shown["title"] = OTHER
        blog.cited["title"] = OTHER  # another citation of the same article (another subject)
        other = _run(site, config.with_(ttl=0))
        blog.cited["title"] = TITLE  # the first citation again: its judgement is in the memo
        again = _run(site, config)
    assert first == ([], [ARTICLE])
    assert other == ([], [ARTICLE])
    assert again == ([Code.TITLE_MISMATCH], [])  # the stored body, judged afresh


def test_a_row_without_a_digest_is_hashed_and_its_judgement_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A row from before the digest column: its body is read and hashed, as before, and the
    memo's judgement is found by that hash."""
    blog = _Site()
    with SampleWeb(blog.web) as site:
        config = stored_config(site, tmp_path / "store.sqlite3")
        cold = _run(site, config)
        with sqlite3.connect(tmp_path / "store.sqlite3") as db:
            db.execute("UPDATE urls SET digest = NULL")
        db.close()
        calls = _counted(monkeypatch)
        warm = _run(site, config)
    assert cold == ([], [ARTICLE])
    assert warm == ([], [])
    assert calls == {"inflate": 1, "hash": 1, "judge": 0}


def test_a_damaged_body_with_its_digest_is_asked_again_when_it_must_be_read(
    tmp_path: Path,
) -> None:
    """The citation changed, so its judgement must be made; the stored blob does not read:
    the article is asked again and judged from the answer, whatever the row's digest says."""
    blog = _Site()
    with SampleWeb(blog.web) as site:
        config = stored_config(site, tmp_path / "store.sqlite3")
        first = _run(site, config)
        with sqlite3.connect(tmp_path / "store.sqlite3") as db:
            db.execute("UPDATE urls SET body = ? WHERE url = ?", (b"x\x9c damaged", ARTICLE))
        db.close()
        blog.cited["title"] = OTHER
        changed = _run(site, config)
    assert first == ([], [ARTICLE])
    assert changed == ([Code.TITLE_MISMATCH], [ARTICLE])
