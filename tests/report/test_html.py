"""report.html without a browser: self-contained, everything escaped, nothing executable."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hostile_sample import IMG, SCRIPT, hostile_report
from report_sample import JA_TITLE, sample_report

from checker.config import Config
from checker.findings import Code, Severity
from checker.model import Report
from checker.report import build_document
from checker.report.html import iri, render, safe_href


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


def test_posts_and_citations_worst_first_without_the_script(page: str) -> None:
    """The page itself is in worst-first order, so a reader without JavaScript gets it too."""
    orders = re.findall(r'<article class="citation worst-(\w+)[^>]*data-post="(\d)"', page)
    assert [post for _, post in orders] == ["0"] * 9 + ["1"] * 2
    worst = [w for w, _ in orders[:9]]
    assert worst == sorted(worst, key=["error", "warning", "info", "none"].index)


def test_a_post_with_an_error_comes_before_a_post_with_more_warnings() -> None:
    report = sample_report()
    second, first = report.documents
    swapped = build_document(replace(report, documents=(first, second)), config=Config())
    page = render(swapped)
    # the post of errors (now second in the report) is shown first
    assert re.findall(r'<section class="post panel" data-post="(\d)"', page) == ["1", "0"]


def test_only_fields_that_differ_are_highlighted(page: str) -> None:
    """embed-secondary-source is about the author and handle, which match: no highlight."""
    card = page.split('data-codes="embed-secondary-source"', 1)[1].split("</article>", 1)[0]
    assert "about-" not in card
    title = page.split('data-codes="title-mismatch publisher-mismatch"', 1)[1]
    title = title.split("</article>", 1)[0]
    assert title.count('class="about-') == 2  # title and publisher both differ


def test_controls_are_hidden_until_the_script_runs(page: str) -> None:
    assert (
        '<section class="controls panel" role="search" aria-label="Filter citations" hidden>'
        in page
    )
    before_script = page.split("<script>", maxsplit=1)[0]
    assert 'role="button"' not in before_script  # the chart bars become buttons in the script


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            "https://b.example/search/label/%E3%82%A6%E3%82%AF%E3%83%A9%E3%82%A4%E3%83%8A?x=%E6%97%A5",
            "https://b.example/search/label/ウクライナ?x=日",
        ),
        ("https://b.example/a%2Fb%20c%3F", "https://b.example/a%2Fb%20c%3F"),  # ASCII stays
        ("https://b.example/%E2%80%AEevil", "https://b.example/%E2%80%AEevil"),  # bidi control
        ("https://b.example/%E3%80%80x", "https://b.example/%E3%80%80x"),  # ideographic space
        ("https://b.example/%E3%82", "https://b.example/%E3%82"),  # cut short
        ("https://b.example/%FF%E6%97%A5", "https://b.example/%FF日"),
        ("https://xn--n8j.example/%E6%97%A5", "https://xn--n8j.example/日"),  # host as written
        ("https://b.example", "https://b.example"),
    ],
)
def test_iri_decodes_only_visible_non_ascii(url: str, shown: str) -> None:
    assert iri(url) == shown


def test_urls_are_shown_decoded_with_the_raw_form_on_hover() -> None:
    raw = "https://example.blogspot.com/search/label/%E3%82%A6%E3%82%AF"
    page = render(build_document(replace(sample_report(), inputs=(raw,)), config=Config()))
    assert f'<a href="{raw}" title="{raw}" rel="noopener noreferrer nofollow">' in page
    assert "label/ウク</a>" in page


def test_an_interrupted_run_is_shown_no_pass(report: Report) -> None:
    """report.html's verdict of an interrupted run with no failing finding said "passed", in
    green (probe 30i)."""
    config = Config().with_(severity={c: Severity.INFO for c in Code})
    shown = render(build_document(replace(report, interrupted=True), config=config))
    assert "<title>INTERRUPTED · 0 failing · citecheck report</title>" in shown
    assert '<span class="verdict failed">INTERRUPTED' in shown
