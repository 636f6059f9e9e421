"""report.html in a real headless Chromium: no console errors, filters, search, sort, no XSS.

Runs Debian's ``/usr/bin/chromium`` through playwright's Python API (never a browser playwright
downloads); skipped, with the reason, when either is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hostile_sample import hostile_report

from checker.config import Config
from checker.model import Report
from checker.report import build_document
from checker.report.html import render

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install playwright)"
    )
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


class _Page:
    """A page opened on a rendered report, collecting console errors and uncaught exceptions."""

    def __init__(self, browser: Any, path: Path, width: int = 1280) -> None:
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        self.page.goto(path.as_uri())

    def _console(self, message: Any) -> None:
        if message.type in {"error", "warning"}:
            self.errors.append(f"{message.type}: {message.text}")

    def visible(self, selector: str = ".citation") -> int:
        return int(self.page.locator(f"{selector}:visible").count())

    def shown(self) -> str:
        return str(self.page.inner_text("#shown"))


def _write(tmp_path: Path, report: Report, name: str = "report.html") -> Path:
    path = tmp_path / name
    path.write_text(render(build_document(report, config=Config())), encoding="utf-8")
    return path


def test_loads_cleanly_and_screenshots(browser: Any, report: Report, tmp_path: Path) -> None:
    view = _Page(browser, _write(tmp_path, report))
    assert view.errors == []
    assert view.shown() == "11 of 11 citations shown"
    shot = tmp_path / "report.png"
    view.page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    phone = _Page(browser, _write(tmp_path, report), width=390)
    width = phone.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 and phone.errors == []


@pytest.mark.parametrize(
    ("control", "value", "expected", "posts"),
    [
        ("#f-severity", "error", 3, 1),
        ("#f-severity", "warning", 6, 2),
        ("#f-severity", "none", 2, 1),
        ("#f-severity", "any", 9, 2),
        ("#f-code", "embed-secondary-source", 1, 1),
        ("#f-post", "1", 2, 1),
        ("#f-severity", "", 11, 2),  # near miss: "all" hides nothing
    ],
)
def test_filters(
    browser: Any,
    report: Report,
    tmp_path: Path,
    control: str,
    value: str,
    expected: int,
    posts: int,
) -> None:
    view = _Page(browser, _write(tmp_path, report))
    view.page.select_option(control, value)
    assert view.visible() == expected
    assert view.visible(".post") == posts
    assert view.shown() == f"{expected} of 11 citations shown"


def test_search_sort_chart_and_reset(browser: Any, report: Report, tmp_path: Path) -> None:
    view = _Page(browser, _write(tmp_path, report))
    page = view.page
    page.fill("#f-search", "NHK")
    assert view.visible() == 1
    page.fill("#f-search", "プーチン 電話会談")  # every word must match; Japanese works
    assert view.visible() == 1
    page.fill("#f-search", "no such words anywhere")
    assert view.visible() == 0 and view.visible(".post") == 0
    page.click("#f-reset")
    assert view.visible() == 11
    page.select_option("#f-sort", "severity")
    first = page.locator(".post").first.locator(".citation").first
    assert first.get_attribute("data-rank") == "3"
    page.select_option("#f-sort", "page")
    assert page.locator(".citation").first.get_attribute("data-order") == "0"
    page.locator('.chart .bar[data-code="broken"]').click()
    assert page.input_value("#f-code") == "broken" and view.visible() == 1
    assert view.errors == []


def test_hostile_report_runs_nothing(browser: Any, tmp_path: Path) -> None:
    view = _Page(browser, _write(tmp_path, hostile_report()))
    page = view.page
    assert page.evaluate("window.__pwned") is None
    assert page.locator("a[href^='javascript']").count() == 0
    assert "<script>window.__pwned = 1</script>" in page.inner_text(".compare")
    page.fill("#f-search", "=hyperlink(")
    assert view.visible() == 1
    page.fill("#f-search", "<img")  # in the post title, so both citations match
    assert view.visible() == 2
    page.locator(".citation .url").first.click()
    assert page.evaluate("window.__pwned") is None
    assert view.errors == []
