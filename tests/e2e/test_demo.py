"""`citecheck demo`: the rebuilt seed blog must yield exactly its real defects and nothing else."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from checker.cli import ExitCode, main
from checker.sampleweb import DEMO_LIVE_POST_URL, DEMO_PLATFORMS_POST_URL, DEMO_POST_URLS


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict[str, object]]:
    """The demo run from a folder whose own configuration would break or change any check: the
    demo is the same run in any folder (a bad key, another archive, an ignore file matching
    everything and a baseline are all the folder's, not the sample web's)."""
    out = tmp_path_factory.mktemp("demo")
    folder = tmp_path_factory.mktemp("project")
    (folder / "citecheck.toml").write_text('timeout = "soon"\narchive = "off"\n')
    (folder / "pyproject.toml").write_text('[tool.citecheck]\nexclude = ["."]\n')
    (folder / ".citecheckignore").write_text(".\n")
    before = Path.cwd()
    os.chdir(folder)
    try:
        code = main(["demo", "--report-dir", str(out)])
    finally:
        os.chdir(before)
    assert (out / "report.md").is_file()
    return code, json.loads((out / "report.json").read_text(encoding="utf-8"))


def _first_seed(report: dict[str, object]) -> list[dict[str, Any]]:
    """The posts of the first seed (the label page); the second seed has its own e2e test."""
    documents: list[dict[str, Any]] = report["documents"]  # type: ignore[assignment]
    return [d for d in documents if d["url"] in DEMO_POST_URLS]


def test_demo_checks_both_seeds_and_fails_on_their_defects(
    demo: tuple[int, dict[str, object]],
) -> None:
    code, report = demo
    assert code == ExitCode.FAILED
    urls = [d["url"] for d in report["documents"]]  # type: ignore[attr-defined]
    assert set(DEMO_POST_URLS) <= set(urls)
    assert {DEMO_LIVE_POST_URL, DEMO_PLATFORMS_POST_URL} <= set(urls)
    assert len(_first_seed(report)) == 5


def test_each_defect_is_on_the_right_post(demo: tuple[int, dict[str, object]]) -> None:
    _, report = demo
    found = {
        (c["cited"]["publisher"], c["url"], f["code"])
        for d in _first_seed(report)
        for c in d["citations"]
        for f in c["findings"]
    }
    assert found == {
        ("The National Interest", None, "missing-url"),
        (
            "19fortytive",
            "https://www.19fortyfive.com/2025/02/how-long-can-russia-sustain-its-brutal-ukraine-war-losses/",
            "publisher-mismatch",
        ),
    }


def test_every_attribution_block_is_read(demo: tuple[int, dict[str, object]]) -> None:
    _, report = demo
    sources = [
        c["cited"] for d in _first_seed(report) for c in d["citations"] if c["kind"] == "source"
    ]
    assert [(s["title"], s["author"], s["publisher"]) for s in sources] == [
        ("Ukraine’s Hardest Winter", "Jack Watling", "Foreign Affairs"),
        (
            "Vladimir Putin Awakens Donald Trump’s Reluctant Warrior",
            "Kaush Arha",
            "The National Interest",
        ),
        (
            "DSEI JAPAN NEWS: Agreement to Strengthen Ukraine, Japan Defense Industry Ties",
            "Stew Magnuson",
            "National Defense Magazine",
        ),
        (
            "Multiple High-Profile Russian Generals Assassinated on Russian Soil",
            "David Kirichenko",
            "The National Interest",
        ),
        (
            "How Long Can Russia Sustain Its Brutal Ukraine War Losses?",
            "Robert Kelly",
            "19fortytive",
        ),
    ]


def test_demo_prints_and_explains_the_accounting_line(
    tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path_factory.mktemp("demo-out")
    main(["demo", "--report-dir", str(out)])
    lines = capsys.readouterr().out.splitlines()
    summary = next(line for line in lines if line.startswith("citecheck: 3 inputs"))
    # the label page's older-posts page, under Blogger's Disallow: /search, is counted
    assert summary.startswith("citecheck: 3 inputs (1 page not crawled, as robots.txt asks), ")
    assert " posts, " in summary and " citations: " in summary and " checked" in summary
    assert "; findings: " in summary
    explained = [line for line in lines if line.startswith("citecheck demo: ")]
    assert any("accounts for everything" in line for line in explained)
    assert any("nothing-checked" in line and "exit 3" in line for line in explained)
    # each failing finding on its own line, and the last word is the page to open
    assert lines[1] == "citecheck: 10 failing findings, worst first:"
    assert sum(" embed-unavailable " in line for line in lines) == 7
    assert lines[-1] == f"citecheck demo: open {out / 'report.html'} in a browser"


def test_the_demo_findings_are_exactly_its_defects(demo: tuple[int, dict[str, object]]) -> None:
    _, report = demo
    assert report["summary"]["findings"] == {  # type: ignore[index]
        "blocked": 1,
        "broken": 1,
        "embed-author-mismatch": 1,
        "embed-date-mismatch": 1,
        "embed-secondary-source": 2,
        "embed-text-mismatch": 1,
        "embed-unavailable": 7,
        "listing-unreadable": 1,  # info: the older-posts page robots.txt keeps crawlers off
        "missing-url": 1,
        "publisher-mismatch": 1,
        "quote-not-found": 1,
    }


DEAD_LINK = "https://t.co/fYSF0l6iJx"
DEAD_PAGE = "https://www.bbc.com/japanese/articles/c0rz3d5m1k9o"
COPY = f"https://web.archive.org/web/20250213031500/{DEAD_PAGE}"


def _citations(report: dict[str, object]) -> list[dict[str, Any]]:
    documents: list[dict[str, Any]] = report["documents"]  # type: ignore[assignment]
    return [c for d in documents for c in d["citations"]]


def test_the_dead_source_has_its_verified_archived_copy_and_robust_links(
    demo: tuple[int, dict[str, object]],
) -> None:
    """The headline feature (issue 17): the live post's t.co link leads to a BBC article that
    was removed; the sample web's Wayback Machine holds the article, and the finding carries
    the verified copy and the Robust Links anchor to paste.  The copy is the article's: an
    archive holds a shortlink only as a redirect."""
    _, report = demo
    (dead,) = [c for c in _citations(report) if c["url"] == DEAD_LINK]
    assert dead["status"] == "broken" and dead["final_url"] == DEAD_PAGE
    (finding,) = dead["findings"]
    assert finding["code"] == "broken" and finding["archive_url"] == COPY
    assert finding["suggestion"].startswith("cite the archived copy of 2025-02-13: <a href=")
    for attribute in (
        f'data-originalurl="{DEAD_PAGE}"',
        f'data-versionurl="{COPY}"',
        'data-versiondate="2025-02-13"',
    ):
        assert attribute in finding["suggestion"]


def test_the_changed_quote_carries_the_sources_passage(
    demo: tuple[int, dict[str, object]],
) -> None:
    """report.html diffs the quote against it (issue 17)."""
    _, report = demo
    (quote,) = [
        c for c in _citations(report) if any(f["code"] == "quote-not-found" for f in c["findings"])
    ]
    passage = quote["observed"]["text"]
    assert passage.startswith("ウクライナ保安庁(SBU)の高官が12日")
    assert "名前や階級を公表しておらず" in passage  # the sentence the blog changed
