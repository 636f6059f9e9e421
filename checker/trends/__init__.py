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

from checker.config import Config
from checker.errors import InputError
from checker.fetch.store import read_verdicts, scope_of
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
    "web_of",
]

HTML_NAME = "trends.html"
CSV_NAME = "trends.csv"


def web_of(config: Config) -> str:
    """The scope of the runs ``trends`` reads: the web ``check`` with ``config`` would check."""
    return scope_of(config)


def trends_files(store: Path, *, since: date | None = None, scope: str = "") -> dict[str, str]:
    """The trends files' names and texts for one web's history in ``store`` (runs since
    ``since``).

    ``scope`` is the web the runs checked (:func:`checker.fetch.store.scope_of`): ``""`` the
    real one, by default, else the fingerprint of the ``--connect-to`` rules of a test web.  A
    blog checked once through a local copy and once for real must not read as one history: the
    copy's sources die when the test says so, and the real web's months would be mixed with them.

    No history is an InputError (one line, exit 2), not an empty page: a page of empty charts
    would read as "nothing rots", which is the silent pass citecheck never gives.  When other
    webs have history the line says so, and how to see it.
    """
    start = datetime(since.year, since.month, since.day, tzinfo=UTC) if since else None
    everything = read_verdicts(store, since=start)
    rows = tuple(row for row in everything if row.scope == scope)
    if not rows:
        window = f" since {since.isoformat()}" if since else ""
        others = {row.run_id for row in everything if row.scope != scope}
        web = f" {_web(scope)}" if others else ""
        raise InputError(
            f"no run history{window}{web} in store {store}: {_elsewhere(others, scope)}"
        )
    trends = compute(rows)
    return {HTML_NAME: render_html(trends, since=since), CSV_NAME: render_csv(trends)}


def _web(scope: str) -> str:
    return "of the real web" if not scope else "through these --connect-to rules"


def _elsewhere(other_runs: set[int], scope: str) -> str:
    """The end of the no-history line: what else the store holds, or how to make history."""
    if not other_runs:
        return "run citecheck check with this store first (history_runs = 0 keeps none)"
    if not scope:
        return (
            f"its {len(other_runs)} run(s) were made through --connect-to test webs; give "
            "trends the same --connect-to rules as those checks to see them"
        )
    return (
        f"its {len(other_runs)} run(s) checked the real web or other --connect-to rules; give "
        "trends the rules of those checks (none for the real web)"
    )
