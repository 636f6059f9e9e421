"""report.html without a browser: self-contained, everything escaped, nothing executable."""

from __future__ import annotations

import re

import pytest
from hostile_sample import IMG, SCRIPT, hostile_report
from report_sample import JA_TITLE

from checker.config import Config
from checker.model import Report
from checker.report import build_document
from checker.report.html import render, safe_href


@pytest.fixture
def page(report: Report) -> str:
    return render(build_document(report, config=Config()))


def test_self_contained(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert 'name="viewport"' in page
    assert not re.search(r"<(?:link|script|img)[^>]+(?:src|href)=\"(?!data:)", page)
    assert "@import" not in page and "url(" not in page
    assert "Content-Security-Policy" in page and "default-src &#39;none&#39;" in page


def test_summary_chart_and_attribution(page: str) -> None:
    assert JA_TITLE in page and "Noto Sans CJK JP" in page
    assert "FAILED · 3 failing" in page
    assert page.count('class="bar"') == 10 and "<svg" in page
    assert page.count('<article class="citation') == 11
    assert "Russia&#39;s Plan for Ukraine" in page
    assert 'class="about-error"' in page  # the title row of the title mismatch
    assert 'href="https://web.archive.org/web/20240102000000/' in page
    assert "Fix: cite https://new.example.com/a" in page
    assert 'data-codes="title-mismatch publisher-mismatch"' in page


def test_script_never_writes_html(page: str) -> None:
    script = page.rsplit("<script>", 1)[1]
    assert "innerHTML" not in script and "outerHTML" not in script
    assert "insertAdjacentHTML" not in script and "document.write" not in script
    assert "eval(" not in script


def test_hostile_report_is_escaped() -> None:
    page = render(build_document(hostile_report(), config=Config()))
    assert SCRIPT not in page and IMG not in page
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page
    assert page.count("<script>") == 1
    assert 'href="javascript:' not in page and "href='javascript:" not in page
    # near miss: a safe URL with odd characters is still a link, escaped
    assert 'href="https://ok.example.com/a b?x=1&amp;y=&lt;2&gt;"' in page


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://a.example/x", "https://a.example/x"),
        ("HTTP://A.example/", "HTTP://A.example/"),
        ("  https://a.example/  ", "https://a.example/"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,<b>x</b>", None),
        ("mailto:a@example.com", None),
        ("//evil.example/", None),
        ("https://a.example/\nx", None),
        (None, None),
    ],
)
def test_safe_href(value: object, expected: str | None) -> None:
    assert safe_href(value) == expected


def test_empty_report_renders() -> None:
    page = render(build_document(Report((), (), "0", "s", "f"), config=Config()))
    assert "No findings." in page and "passed" in page
