"""trends.html and trends.csv from hostile history: labels from the web stay text."""

from __future__ import annotations

from datetime import UTC, datetime

from checker.trends.compute import RunSummary, Share, SurvivalStep, Trends
from checker.trends.page import render_csv, render_html

HOSTILE = '<script>alert(1)</script>$\\frac{1}{2}$"&'


def hostile_trends() -> Trends:
    run = RunSummary(1, datetime(2025, 3, 1, tzinfo=UTC), 1, 1, {HOSTILE: 1})
    return Trends(
        runs=(run,),
        by_month=(Share("2025-01", 1, 1),),
        by_domain=(Share(HOSTILE, 1, 1), Share("=HYPERLINK(1)", 1, 0)),
        embeds=(Share(HOSTILE, 1, 1),),
        survival=(SurvivalStep(3, 1, 1, 0, 0.0),),
        undated=0,
    )


def test_a_hostile_label_is_escaped_text_in_charts_and_tables() -> None:
    page = render_html(hostile_trends())
    assert "<script" not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 3  # charts and tables
    assert "$\\frac{1}{2}$" in page  # a dollar is a dollar, not TeX
    assert "default-src &#39;none&#39;" in page  # the attribute, escaped


def test_the_same_history_gives_the_same_bytes() -> None:
    assert render_html(hostile_trends()) == render_html(hostile_trends())


def test_a_formula_in_the_csv_is_neutralised() -> None:
    text = render_csv(hostile_trends())
    assert "\r\ndomain,'=HYPERLINK(1),cited,1\r\n" in text
