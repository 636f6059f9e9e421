"""Incremental re-checking across runs, through the whole pipeline and the cross-run store.

A second run within the TTL asks the network only for what can have changed: the blog's listings
(discovery always asks fresh, so new posts show) and sources it has not checked yet.  Sources
checked in the first run are answered from the store with no request.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from checker.cli import main
from checker.config import Config, ConnectTo
from checker.discover import Scope, discover_inputs
from checker.fetch import HttpFetcher
from checker.memo import encode
from checker.model import CitationKind, Observed, Report, Status
from checker.pipeline import check
from checker.sampleweb import SampleWeb, Web
from checker.verify.citation import Judgement
from tests.e2e.blogger import article_page
from tests.fixtureweb.big_blog import big_blog

BLOG_HOST = "incremental.blogspot.com"
ARTICLES = "articles.example.com"


def stored_config(site: SampleWeb, store: Path) -> Config:
    """A run through ``site`` with ``store``, no retries, no archive (the warm-run tests too)."""
    return Config().with_(
        connect_to=tuple(ConnectTo.parse(r) for r in site.connect_to()),
        cacert=site.ca_path,
        retries=0,
        store=store,
        archive="off",
    )


def _sources(report: Report) -> int:
    return sum(
        1 for d in report.documents for c in d.citations if c.citation.kind is CitationKind.SOURCE
    )


def test_second_run_of_a_whole_blog_fetches_no_source_again(tmp_path: Path) -> None:
    web = Web()
    blog = big_blog(web, host=BLOG_HOST, posts=120, articles_host=ARTICLES)
    with SampleWeb(web) as site:
        config = stored_config(site, tmp_path / "store.sqlite3")
        first = check([blog.home], config)
        after_first = len(site.requests)
        to_articles_first = sum(1 for _, url in site.requests if ARTICLES in url)
        second = check([blog.home], config)
        log = site.requests[after_first:]
    to_articles = sum(1 for _, url in log if ARTICLES in url)
    print(
        f"\nincremental: run 1 {after_first} requests ({to_articles_first} to sources); "
        f"run 2 {len(log)} requests ({to_articles} to sources)"
    )
    assert _sources(first) == _sources(second) == 120
    assert to_articles_first == 120
    assert to_articles == 0
    assert all(BLOG_HOST in url for _, url in log)  # only discovery asked again


def test_a_changed_post_fetches_only_its_new_source(tmp_path: Path) -> None:
    web = Web()
    for n in range(4):
        web.page(f"https://{ARTICLES}/a{n}", article_page(f"Article number {n}", site="Sample"))
    posts = tmp_path / "posts"
    posts.mkdir()

    def write(n: int, source: int) -> None:
        (posts / f"post{n}.md").write_text(
            f"# 翻訳記事 {n}(Sample)\n\nこれは翻訳記事の本文です。■\n\n"
            f"Article number {source}\n\nhttps://{ARTICLES}/a{source}\n",
            encoding="utf-8",
        )

    for n in range(3):
        write(n, n)
    with SampleWeb(web) as site:
        config = stored_config(site, tmp_path / "store.sqlite3")
        first = check([str(posts)], config)
        before = len(site.requests)
        write(1, 3)  # post 1 now cites another article
        second = check([str(posts)], config)
        log = site.requests[before:]
    assert _sources(first) == _sources(second) == 3
    assert log == [("GET", f"https://{ARTICLES}/a3")]
    assert all(not c.findings for d in second.documents for c in d.citations)


def test_full_rechecks_every_source(tmp_path: Path) -> None:
    web = Web()
    blog = big_blog(web, host=BLOG_HOST, posts=10, articles_host=ARTICLES)
    store = tmp_path / "store.sqlite3"
    with SampleWeb(web) as site:
        rules = [arg for rule in site.connect_to() for arg in ("--connect-to", rule)]
        argv = ["check", blog.home, *rules, "--cacert", str(site.ca_path), "--store", str(store)]
        argv += ["--report-dir", str(tmp_path / "r"), "-q"]
        assert main(argv) == 0
        before = len(site.requests)
        assert main([*argv, "--full"]) == 0
        log = site.requests[before:]
    assert sum(1 for _, url in log if ARTICLES in url) == 10


def _sitemap_discovery(site: SampleWeb, home: str, store: Path, cutoff: datetime) -> int:
    """Requests one discovery of ``home`` makes through a fetcher with the store."""

    async def go() -> int:
        config = stored_config(site, store)
        async with HttpFetcher(config, version="test", inputs=(home,)) as fetcher:
            before = len(site.requests)
            scope = Scope(unchanged_before=cutoff)
            [found] = await discover_inputs([home], fetcher, crawl=True, scope=scope)
            assert len(found.pages) == 60
            return len(site.requests) - before

    return asyncio.run(go())


def test_sitemap_posts_unchanged_since_last_run_are_not_fetched_again(tmp_path: Path) -> None:
    web = Web()
    blog = big_blog(web, host=BLOG_HOST, posts=60, articles_host=ARTICLES, feeds=False)
    store = tmp_path / "store.sqlite3"
    recent = datetime.now(UTC) - timedelta(days=1)
    with SampleWeb(web) as site:
        first = _sitemap_discovery(site, blog.home, store, recent)
        second = _sitemap_discovery(site, blog.home, store, recent)
        # Near miss: with a cutoff before every lastmod, every post counts as changed.
        changed = _sitemap_discovery(site, blog.home, store, datetime(2000, 1, 1, tzinfo=UTC))
    assert first >= 60
    assert second <= first - 60
    assert changed >= 60


def _verdicts(report: Report) -> list[tuple[object, ...]]:
    return [
        (c.citation.url, c.status, c.findings, c.observed, c.note)
        for d in report.documents
        for c in d.citations
    ]


@contextmanager
def _small_blog(store: Path) -> Iterator[tuple[str, Config]]:
    """A 12-post blog on a running sample web: its home URL and a config with ``store``."""
    web = Web()
    blog = big_blog(web, host=BLOG_HOST, posts=12, articles_host=ARTICLES)
    with SampleWeb(web) as site:
        yield blog.home, stored_config(site, store)


def test_a_warm_run_takes_each_judgement_from_the_memo(tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite3"
    with _small_blog(store) as (home, config):
        first = check([home], config)
        second = check([home], config)
        assert _verdicts(second) == _verdicts(first)  # the memo changes nothing but the time
        with sqlite3.connect(store) as db:
            judged = "SELECT subject FROM memo WHERE subject LIKE 'judge:%' ORDER BY subject"
            subjects = [row[0] for row in db.execute(judged)]
            assert len(subjects) >= _sources(first)
            kept = Judgement(Status.OK, (), Observed(title="remembered"), None)
            db.execute("UPDATE memo SET value = ? WHERE subject LIKE 'judge:%'", (encode(kept),))
            # near miss: a row kept for other inputs (say, an older page) is not taken
            db.execute("UPDATE memo SET inputs = 'older page' WHERE subject = ?", (subjects[0],))
        third = check([home], config)
    titles = [c.observed.title for d in third.documents for c in d.citations if c.observed]
    assert titles.count("remembered") == len(titles) - 1


def test_a_page_that_did_not_change_is_not_extracted_again(tmp_path: Path) -> None:
    store = tmp_path / "store.sqlite3"
    with _small_blog(store) as (home, config):
        first = check([home], config)
        with sqlite3.connect(store) as db:
            pages = db.execute("SELECT count(*) FROM memo WHERE subject LIKE 'extract:%'")
            assert pages.fetchone()[0] >= 1
            # every page's posts as remembered: none (a stand-in only the memo can supply)
            db.execute("UPDATE memo SET value = ? WHERE subject LIKE 'extract:%'", (encode(()),))
        second = check([home], config.with_(store=tmp_path / "other.sqlite3"))
        third = check([home], config)
    assert len(first.documents) == len(second.documents) == 12  # near miss: another memo
    assert third.documents == ()
