"""trends.html in a real headless Chromium: every chart drawn, no console error, no request.

Runs Debian's ``/usr/bin/chromium`` through playwright's Python API (never a browser playwright
downloads), like ``tests/report/test_html_browser.py``; skipped, with the reason, when either is
missing.  ``CITECHECK_SCREENSHOTS=1`` also refreshes ``docs/trends.png`` from this page.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from checker.cli import ExitCode, main
from tests.browser import chromium

pytestmark = pytest.mark.browser

DOCS = Path(__file__).resolve().parents[2] / "docs"
CHARTS = ("months", "domains", "survival", "embeds", "findings")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


def test_the_page_draws_every_chart_offline(
    history: Path, web_args: tuple[str, ...], browser: Any, tmp_path: Path
) -> None:
    # history first: it runs the pipeline (asyncio), which cannot start inside playwright's loop
    args = ["trends", "--store", str(history), "--output", str(tmp_path), *web_args]
    assert main(args) == ExitCode.OK
    page_file = tmp_path / "trends.html"
    errors: list[str] = []
    requests: list[str] = []
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    page.on("console", lambda m: errors.append(m.text) if m.type in {"error", "warning"} else None)
    page.on("pageerror", lambda error: errors.append(f"pageerror: {error}"))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(page_file.as_uri())
    page.wait_for_load_state("load")
    for chart in CHARTS:
        box = page.locator(f'svg.chart[data-chart="{chart}"]').bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 100, chart
    # The charts carry their numbers: the month bars' labels, the worst domain first.
    months = page.locator('svg[data-chart="months"] text').all_text_contents()
    assert "2/2" in months and "1/3" in months
    domains = page.locator('svg[data-chart="domains"] text').all_text_contents()
    assert next(t for t in domains if "(" in t).startswith("alpha.com (2/3)")
    assert errors == []
    assert requests == [page_file.as_uri()]  # the page itself and nothing else
    shot = tmp_path / "trends.png"
    page.screenshot(path=str(shot), full_page=True)
    page.close()
    assert shot.stat().st_size > 10_000
    if os.environ.get("CITECHECK_SCREENSHOTS") == "1":
        shutil.copyfile(shot, DOCS / "trends.png")
