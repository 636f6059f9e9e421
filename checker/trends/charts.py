"""The trends page's charts: matplotlib figures written as inline SVG.

Why matplotlib SVG and not Vega-Lite (README, dependencies): measured on the same five charts,
the SVG page weighed 69 KB and drew in about 0.3 s in headless Chromium, the Vega-Lite page
with vega, vega-lite and vega-embed inlined (so that it opens without a network) 899 KB and
about 1.2 s, and it drew nothing with JavaScript off.  SVG is drawn by the browser itself, so the
page runs no script at all and its Content-Security-Policy can forbid every one.

Labels come from the web (domains, finding codes): matplotlib escapes them as XML text, and
``text.parse_math`` is off so a ``$`` in a label is a dollar, not TeX.  Text stays text
(``svg.fonttype = none``: smaller files, searchable labels), every id in a chart is salted with
the chart's name (several SVGs share one page's id space) and no date is written, so the same
history always gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from checker.trends.compute import RunSummary, Share, SurvivalStep

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "MAX_BARS",
    "MAX_CODES",
    "MAX_TICKS",
    "domain_chart",
    "embed_chart",
    "findings_chart",
    "month_chart",
    "survival_chart",
]

MAX_BARS = 20
"""Domains shown in the rot chart (the worst ones); the CSV and the table keep them all."""
MAX_TICKS = 12
"""Run dates labelled under the findings chart; with more runs, every Nth is."""
MAX_CODES = 8
"""Finding codes drawn over runs (the most frequent ones); the CSV keeps them all."""
_DEAD, _ALIVE, _LINE = "#c0392b", "#b8c4ce", "#1f5f8b"
_WIDTH = 7.5


@contextmanager
def _figure(name: str, height: float) -> Iterator[tuple[Figure, Axes]]:
    # Imported here: matplotlib costs every `citecheck check` its import time for nothing.
    import matplotlib as mpl  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415

    with mpl.rc_context(
        {
            "svg.fonttype": "none",
            "svg.hashsalt": f"citecheck-{name}",
            "text.parse_math": False,
            "font.family": "sans-serif",
            "font.size": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    ):
        figure = Figure(figsize=(_WIDTH, height), layout="constrained")
        yield figure, figure.add_subplot()


def _svg(figure: Figure, name: str, label: str) -> str:
    """The figure as an ``<svg>`` element to inline: no XML prolog, labelled for screen readers."""
    import matplotlib as mpl  # noqa: PLC0415

    buffer = io.StringIO()
    with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": f"citecheck-{name}"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    return text.replace(
        "<svg ",
        f'<svg class="chart" data-chart="{name}" role="img" aria-label="{_attr(label)}" ',
        1,
    )


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _percent(axes: Axes, axis: str = "y") -> None:
    from matplotlib.ticker import PercentFormatter  # noqa: PLC0415

    (axes.yaxis if axis == "y" else axes.xaxis).set_major_formatter(PercentFormatter(1.0))


def _whole_numbers(axes: Axes) -> None:
    from matplotlib.ticker import MaxNLocator  # noqa: PLC0415

    axes.yaxis.set_major_locator(MaxNLocator(integer=True))


def month_chart(months: Sequence[Share]) -> str:
    """Bars: the dead share of the sources cited each month (the month of the post)."""
    label = "Share of cited sources dead, by month of citation"
    with _figure("months", 2.8) as (figure, axes):
        keys = [m.key for m in months]
        axes.bar(keys, [m.share for m in months], color=_DEAD)
        for index, month in enumerate(months):
            axes.annotate(
                f"{month.dead}/{month.cited}",
                (index, month.share),
                ha="center",
                va="bottom",
                fontsize=8,
                xytext=(0, 2),
                textcoords="offset points",
            )
        axes.set_ylim(0, 1.1)
        _percent(axes)
        axes.set_ylabel("dead")
        axes.tick_params(axis="x", labelrotation=45 if len(keys) > 8 else 0)
        return _svg(figure, "months", label)


def domain_chart(domains: Sequence[Share]) -> str:
    """Horizontal bars: dead share per registered domain, the worst on top."""
    label = "Rot by publisher (registered domain), worst first"
    shown = list(domains[:MAX_BARS])
    with _figure("domains", 0.8 + 0.28 * max(1, len(shown))) as (figure, axes):
        positions = range(len(shown))
        axes.barh(positions, [d.share for d in shown], color=_DEAD)
        axes.set_yticks(list(positions), [f"{d.key} ({d.dead}/{d.cited})" for d in shown])
        axes.invert_yaxis()
        axes.set_xlim(0, 1)
        _percent(axes, "x")
        axes.set_xlabel("dead share of its cited sources")
        return _svg(figure, "domains", label)


def survival_chart(steps: Sequence[SurvivalStep]) -> str:
    """A step line: the share of sources still alive N days after they were cited."""
    label = "Survival of cited sources (Kaplan-Meier), days from citation to first failure"
    with _figure("survival", 3.0) as (figure, axes):
        days = [0, *(s.days for s in steps)]
        alive = [1.0, *(s.survival for s in steps)]
        axes.step(days, alive, where="post", color=_LINE)
        censored = [s for s in steps if s.censored]
        axes.plot(
            [s.days for s in censored],
            [s.survival for s in censored],
            "|",
            color=_LINE,
            markersize=8,
            label="still alive at last check (censored)",
        )
        axes.set_ylim(0, 1.05)
        _percent(axes)
        axes.set_xlabel("days since citation (post date)")
        axes.set_ylabel("sources alive")
        if censored:
            axes.legend(loc="lower left", frameon=False)
        return _svg(figure, "survival", label)


def embed_chart(platforms: Sequence[Share]) -> str:
    """Stacked bars: embedded posts per platform, deleted and still there."""
    label = "Embedded posts deleted, per platform"
    with _figure("embeds", 2.6) as (figure, axes):
        keys = [p.key for p in platforms]
        dead = [p.dead for p in platforms]
        axes.bar(keys, dead, width=0.5, color=_DEAD, label="deleted or unavailable")
        live = [p.cited - p.dead for p in platforms]
        axes.bar(keys, live, width=0.5, bottom=dead, color=_ALIVE, label="live")
        axes.set_xlim(-0.75, max(len(keys), 4) - 0.25)
        axes.set_ylabel("embeds")
        _whole_numbers(axes)
        axes.legend(frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
        return _svg(figure, "embeds", label)


def findings_chart(runs: Sequence[RunSummary]) -> str:
    """Lines: how many of each finding code every run found (the most frequent codes)."""
    label = "Findings over runs"
    totals: dict[str, int] = {}
    for run in runs:
        for code, count in run.codes.items():
            totals[code] = totals.get(code, 0) + count
    codes = sorted(totals, key=lambda c: (-totals[c], c))[:MAX_CODES]
    with _figure("findings", 3.0) as (figure, axes):
        every = -(-len(runs) // MAX_TICKS)  # a label for every run, or for every Nth of many
        for code in codes:
            counts = [run.codes.get(code, 0) for run in runs]
            axes.plot(range(len(runs)), counts, marker="o" if every == 1 else "", label=code)
        ticks = list(range(0, len(runs), every))
        axes.set_xticks(ticks, [f"{runs[i].run_time:%Y-%m-%d}" for i in ticks])
        axes.tick_params(axis="x", labelrotation=45 if len(runs) > 6 else 0)
        axes.set_ylabel("findings")
        _whole_numbers(axes)
        if codes:
            axes.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1, 1))
        return _svg(figure, "findings", label)
