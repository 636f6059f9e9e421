"""The seed blog with one source gone dead: it gets a verified archived copy, nothing else moves."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from checker.config import Config, ConnectTo
from checker.findings import Code
from checker.model import CheckedCitation, Report, Status
from checker.pipeline import check
from checker.sampleweb import DEMO_BLOG_URL, DEMO_POST_URLS, SampleWeb, Web, demo_web
from checker.sampleweb.server import Response
from tests.fixtureweb.archive_web import Capture, add_wayback

DEAD = "https://www.foreignaffairs.com/ukraine/ukraines-hardest-winter"
CAPTURED = "20251111093000"  # the morning of the cited date, November 11, 2025
ARCHIVED = f"https://web.archive.org/web/{CAPTURED}/{DEAD}"


def _original_page() -> bytes:
    folder = files("checker.sampleweb").joinpath("data", "sources", "www.foreignaffairs.com")
    return folder.joinpath("ukraine-ukraines-hardest-winter.html").read_bytes()


def _dead_web() -> Web:
    web = demo_web()
    html = ("Content-Type", "text/html; charset=utf-8")
    web.add(DEAD, Response(404, (html,), b"<html><title>Page not found</title></html>"))
    add_wayback(web, {DEAD: (Capture(CAPTURED, _original_page().decode("utf-8")),)})
    return web


def _run(web: Web, report_dir: Path, **changes: Any) -> Report:
    with SampleWeb(web) as site:
        config = Config().with_(
            connect_to=tuple(ConnectTo.parse(rule) for rule in site.connect_to()),
            cacert=site.ca_path,
            store=None,
            crawl=False,
            retries=0,
            report_dir=report_dir,
        )
        return check([DEMO_BLOG_URL], config.with_(**changes))


def _seed(report: Report) -> dict[tuple[str, str | None, int | None], CheckedCitation]:
    return {
        (d.document.url, c.citation.url, c.citation.line): c
        for d in report.documents
        if d.document.url in DEMO_POST_URLS
        for c in d.citations
    }


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, Report, Path]:
    dead_dir = tmp_path_factory.mktemp("dead")
    base = _run(demo_web(), tmp_path_factory.mktemp("base"))
    dead = _run(_dead_web(), dead_dir, warc=True)
    return base, dead, dead_dir


def _dead_citation(report: Report) -> CheckedCitation:
    (checked,) = [c for c in _seed(report).values() if c.citation.url == DEAD]
    return checked


def test_the_dead_source_gets_a_verified_archived_copy(
    runs: tuple[Report, Report, Path],
) -> None:
    _, dead, _ = runs
    checked = _dead_citation(dead)
    assert checked.status is Status.BROKEN
    broken = [f for f in checked.findings if f.code is Code.BROKEN]
    assert len(broken) == 1
    assert broken[0].archive_url == ARCHIVED
    suggestion = broken[0].suggestion or ""
    assert f'data-originalurl="{DEAD}"' in suggestion
    assert f'data-versionurl="{ARCHIVED}"' in suggestion
    assert 'data-versiondate="2025-11-11"' in suggestion


def test_the_live_source_has_no_archive_suggestion(runs: tuple[Report, Report, Path]) -> None:
    base, _, _ = runs
    checked = _dead_citation(base)
    assert checked.status is Status.OK
    assert all(f.archive_url is None for f in checked.findings)


def test_nothing_else_in_the_seed_changes(runs: tuple[Report, Report, Path]) -> None:
    base, dead, _ = runs

    def verdicts(report: Report) -> dict[Any, Any]:
        return {
            key: (c.status, c.final_url, tuple((f.code, f.archive_url) for f in c.findings))
            for key, c in _seed(report).items()
            if c.citation.url != DEAD
        }

    assert verdicts(dead) == verdicts(base)
    assert len(_seed(dead)) == len(_seed(base)) >= 5


def test_the_dead_answer_is_kept_as_evidence(runs: tuple[Report, Report, Path]) -> None:
    _, dead, folder = runs
    checked = _dead_citation(dead)
    assert checked.warc_record_id is not None
    assert (folder / "evidence.warc.gz").is_file()
