"""``citecheck trends``: how a blog's sources age, from the verdicts every run keeps in the store.

Data flows one way: the pipeline writes each run's verdicts into the store's history
(:func:`checker.fetch.store.record_verdicts`); this package only reads them
(:func:`checker.fetch.store.read_verdicts`), counts them (:mod:`checker.trends.compute`, pure)
and renders ``trends.html`` and ``trends.csv`` (:mod:`checker.trends.page`).  Nothing but the
command line imports it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from checker.errors import InputError
from checker.fetch.store import read_verdicts
from checker.trends.compute import Trends, compute
from checker.trends.page import render_csv, render_html

__all__ = [
    "CSV_NAME",
    "HTML_NAME",
    "Trends",
    "compute",
    "render_csv",
    "render_html",
    "trends_files",
]

HTML_NAME = "trends.html"
CSV_NAME = "trends.csv"


def trends_files(store: Path, *, since: date | None = None) -> dict[str, str]:
    """The trends files' names and texts for the history in ``store`` (runs since ``since``).

    No history is an InputError (one line, exit 2), not an empty page: a page of empty charts
    would read as "nothing rots", which is the silent pass citecheck never gives.
    """
    start = datetime(since.year, since.month, since.day, tzinfo=UTC) if since else None
    rows = read_verdicts(store, since=start)
    if not rows:
        window = f" since {since.isoformat()}" if since else ""
        raise InputError(
            f"no run history{window} in store {store}: run citecheck check with this store "
            "first (history_runs = 0 keeps none)"
        )
    trends = compute(rows)
    return {HTML_NAME: render_html(trends, since=since), CSV_NAME: render_csv(trends)}
