"""report.html in a real headless Chromium: no console errors, filters, search, sort, no XSS.

Runs Debian's ``/usr/bin/chromium`` through playwright's Python API (never a browser playwright
downloads); skipped, with the reason, when either is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hostile_sample import hostile_report
from report_sample import sample_report

from checker.config import Config
from checker.model import Report
from checker.report import build_document
from checker.report.html import render
from tests.browser import chromium

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


class _Page:
    """A page opened on a rendered report, collecting console errors and uncaught exceptions."""

    def __init__(
        self, browser: Any, path: Path, width: int = 1280, *, javascript: bool = True
    ) -> None:
        self.errors: list[str] = []
        self.page = browser.new_page(
            viewport={"width": width, "height": 900}, java_script_enabled=javascript
        )
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
    assert view.shown() == "9 of 11 citations shown (with findings)"
    shot = tmp_path / "report.png"
    view.page.screenshot(path=str(shot), full_page=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


def test_default_view_is_the_citations_with_findings_worst_first(
    browser: Any, report: Report, tmp_path: Path
) -> None:
    view = _Page(browser, _write(tmp_path, report))
    page = view.page
    assert view.visible() == 9 and view.visible(".citation.worst-none") == 0
    assert page.input_value("#f-sort") == "severity" and not page.is_checked("#f-all")
    ranks = [c.get_attribute("data-rank") for c in page.locator(".citation:visible").all()]
    assert ranks[:7] == sorted(ranks[:7], reverse=True) and ranks[0] == "3"
    assert page.locator(".post").first.get_attribute("data-post") == "0"  # the post with errors


def test_the_toggle_shows_every_citation(browser: Any, report: Report, tmp_path: Path) -> None:
    view = _Page(browser, _write(tmp_path, report))
    page = view.page
    page.check("#f-all")
    assert view.visible() == 11 and view.shown() == "11 of 11 citations shown"
    page.uncheck("#f-all")
    assert view.visible() == 9
    page.check("#f-all")
    page.click("#f-reset")  # back to the default view
    assert view.visible() == 9 and not page.is_checked("#f-all")
    assert view.errors == []


def test_a_report_without_findings_opens_on_everything(browser: Any, tmp_path: Path) -> None:
    report = sample_report()
    clean = replace(report, documents=(replace(report.documents[0], citations=()),))
    view = _Page(browser, _write(tmp_path, clean))
    assert view.page.is_checked("#f-all") and view.shown() == "0 of 0 citations shown"


# Every word in a cited-versus-observed cell spans one line box: a word broken in two has two.
_BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll('.compare td, .compare th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/[A-Za-z'’]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set(Array.from(range.getClientRects(), r => Math.round(r.top)));
        if (tops.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


def test_phone_width_stacks_tables_without_breaking_words(
    browser: Any, report: Report, tmp_path: Path
) -> None:
    phone = _Page(browser, _write(tmp_path, report), width=390)
    page = phone.page
    page.check("#f-all")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate(_BROKEN_WORDS) == []
    cell = page.locator(".compare td").first
    assert cell.evaluate("e => getComputedStyle(e).display") == "block"  # stacked
    assert cell.evaluate("e => getComputedStyle(e, '::before').content") == '"cited: "'
    assert phone.errors == []


def test_without_javascript_the_controls_are_hidden_not_dead(
    browser: Any, report: Report, tmp_path: Path
) -> None:
    view = _Page(browser, _write(tmp_path, report), javascript=False)
    page = view.page
    assert view.visible(".controls") == 0
    assert view.visible() == 11  # nothing filtered: every citation readable
    assert page.locator(".chart .bar[role=button]").count() == 0
    assert page.locator(".post").first.locator(".citation").first.get_attribute("data-rank") == "3"
    with_js = _Page(browser, _write(tmp_path, report))
    assert with_js.visible(".controls") == 1
    assert with_js.page.locator(".chart .bar[role=button]").count() == 10


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
    view.page.check("#f-all")
    view.page.select_option(control, value)
    assert view.visible() == expected
    assert view.visible(".post") == posts
    assert view.shown() == f"{expected} of 11 citations shown"


def test_search_sort_chart_and_reset(browser: Any, report: Report, tmp_path: Path) -> None:
    view = _Page(browser, _write(tmp_path, report))
    page = view.page
    page.check("#f-all")
    page.fill("#f-search", "NHK")
    assert view.visible() == 1
    page.fill("#f-search", "ＮＨＫ")  # full width: NFKC folds it to NHK
    assert view.visible() == 1
    page.fill("#f-search", "ｆｏｒｅｉｇｎ　ａｆｆａｉｒｓ")  # and the ideographic space
    assert view.visible() == 9
    page.fill("#f-search", "プーチン 電話会談")  # every word must match; Japanese works
    assert view.visible() == 1
    page.fill("#f-search", "no such words anywhere")
    assert view.visible() == 0 and view.visible(".post") == 0
    page.click("#f-reset")
    assert view.visible() == 9
    first = page.locator(".post").first.locator(".citation").first
    assert first.get_attribute("data-rank") == "3"
    page.select_option("#f-sort", "page")
    assert page.locator(".citation").first.get_attribute("data-order") == "0"
    page.select_option("#f-sort", "severity")
    assert page.locator(".citation").first.get_attribute("data-rank") == "3"
    page.locator('.chart .bar[data-code="broken"]').click()
    assert page.input_value("#f-code") == "broken" and view.visible() == 1
    assert view.errors == []


def test_hostile_report_runs_nothing(browser: Any, tmp_path: Path) -> None:
    view = _Page(browser, _write(tmp_path, hostile_report()))
    page = view.page
    page.check("#f-all")
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


def test_a_quotes_word_diff_shows_what_the_post_changed(
    browser: Any, report: Report, tmp_path: Path
) -> None:
    """The quote-not-found citation shows its quote against the source's closest passage:
    words only in the post struck through, words only in the source underlined (issue 17)."""
    for width in (1280, 390):
        view = _Page(browser, _write(tmp_path, report), width=width)
        diff = view.page.locator(".citation[data-codes~='quote-not-found'] .diff")
        assert diff.count() == 1 and diff.is_visible()
        assert diff.locator("del").all_inner_texts() == ["winning"]
        assert diff.locator("ins").all_inner_texts() == ["losing, officials said"]
        assert diff.inner_text() == "Russia is winninglosing, officials said"
        struck = diff.locator("del").evaluate("e => getComputedStyle(e).textDecorationLine")
        underlined = diff.locator("ins").evaluate("e => getComputedStyle(e).textDecorationLine")
        assert (struck, underlined) == ("line-through", "underline")
        box = diff.bounding_box()
        assert box is not None and box["x"] + box["width"] <= width  # no overflow at 390 px
        assert view.errors == []
