"""A warm run's verdicts: the same as a cold run's, and judged again when the citation changed.

A warm run within the TTL takes each source's answer from the store and each judgement from the
memo (the store's file), keyed by the citation (its cited title, author, date, quote) and by
what judging reads of the answer, its body included (``verify.citation.memo_keys``): reuse must
change nothing a report says, and a citation that changed must be judged afresh even though its
source's answer is reused (issue 19, warm rerun).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from checker.cli import main
from checker.findings import Code
from checker.model import Report
from checker.pipeline import check
from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Request, Response
from tests.e2e.blogger import CitedPost, article_page, blogger_page, source_of
from tests.e2e.test_incremental import stored_config

BLOG = "https://warmverdicts.blogspot.com"
ARTICLES = "articles.example.com"
ARTICLE = f"https://{ARTICLES}/2025/02/talks.html"
TITLE = "Talks resume in Geneva after a long pause"
_STAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[+-]\d{2}:\d{2}|Z)?")
_TIMING = re.compile(r'"(?:duration|elapsed|seconds|wall)[a-z_]*": [0-9.]+|\btime="[0-9.]+"')


def _timeless(text: str) -> str:
    """A report's text with its timestamps and timings blanked: all a warm run may change."""
    return _TIMING.sub("TIMING", _STAMP.sub("TIME", text))


def _defects() -> Web:
    """A label page whose posts earn a verdict of each kind: ok, mismatches, broken, no URL."""
    web = Web()
    article = article_page(TITLE, site="Example News", author="Jane Doe", date="2025-02-10")
    web.page(ARTICLE, article)
    web.page(f"https://{ARTICLES}/gone.html", "<title>Not found</title>", status=404)
    posts = [
        CitedPost("ok", "Example News", TITLE, "Jane Doe", "February 10, 2025", ARTICLE),
        CitedPost("title", "Example News", "Another headline entirely", None, None, ARTICLE),
        CitedPost("author", "Example News", TITLE, "John Roe", "February 10, 2025", ARTICLE),
        CitedPost("gone", "Example News", TITLE, None, None, f"https://{ARTICLES}/gone.html"),
        CitedPost("nourl", "Example News", TITLE, "Jane Doe", None, None),
    ]
    web.page(f"{BLOG}/search/label/x", blogger_page(BLOG, posts))
    return web


def test_a_warm_runs_reports_are_the_cold_runs_byte_for_byte_but_the_time(
    tmp_path: Path,
) -> None:
    store = tmp_path / "store.sqlite3"
    with SampleWeb(_defects()) as site:
        rules = [arg for rule in site.connect_to() for arg in ("--connect-to", rule)]
        argv = ["check", f"{BLOG}/search/label/x", *rules, "--cacert", str(site.ca_path)]
        argv += ["--store", str(store), "--format", "json,md,csv,sarif,junit", "-q"]
        codes = [main([*argv, "--report-dir", str(tmp_path / run)]) for run in ("cold", "warm")]
        sent = len(site.requests)
        assert main([*argv, "--report-dir", str(tmp_path / "again")]) == codes[0]
        asked_again = [url for _, url in site.requests[sent:] if ARTICLES in url]
    assert codes == [1, 1]
    assert asked_again == []  # the warm path: no source asked again
    cold, warm = tmp_path / "cold", tmp_path / "warm"
    names = sorted(p.name for p in cold.iterdir() if p.is_file())
    assert {"report.json", "report.md", "report.csv"} <= set(names)
    for name in names:
        before, after = ((folder / name).read_text(encoding="utf-8") for folder in (cold, warm))
        assert _timeless(after) == _timeless(before), name
    findings = json.loads((warm / "report.json").read_text())["summary"]["findings"]
    # near miss: a report with nothing in it would compare equal too
    assert {"title-mismatch", "author-mismatch", "broken", "missing-url"} <= set(findings)


def _blog_page(title: str) -> bytes:
    post = CitedPost("talks", "Example News", title, "Jane Doe", "February 10, 2025", ARTICLE)
    return blogger_page(BLOG, [post]).encode()


def test_a_citation_whose_title_changed_is_judged_again_on_a_reused_answer(
    tmp_path: Path,
) -> None:
    cited = {"title": TITLE}

    def listing(_: Request) -> Response:
        return Response(
            200, (("Content-Type", "text/html; charset=utf-8"),), _blog_page(cited["title"])
        )

    web = Web()
    web.add(f"{BLOG}/search/label/x", listing)
    web.page(
        ARTICLE, article_page(TITLE, site="Example News", author="Jane Doe", date="2025-02-10")
    )
    label = f"{BLOG}/search/label/x"
    with SampleWeb(web) as site:
        config = stored_config(site, tmp_path / "store.sqlite3")
        first = check([label], config)
        same = check([label], config)
        cited["title"] = "Markets tumble as the central bank raises rates"
        sent = len(site.requests)
        changed = check([label], config)
        asked = [url for _, url in site.requests[sent:] if ARTICLES in url]
    assert asked == []  # the source's answer was the store's
    assert _codes(first) == _codes(same) == []
    assert _codes(changed) == [Code.TITLE_MISMATCH]  # judged again, not the kept verdict


def _codes(report: Report) -> list[Code]:
    return [f.code for f in source_of(report, "talks").findings]
