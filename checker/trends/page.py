"""trends.html and trends.csv: the history's trends for people and for spreadsheets.

The page is one self-contained file, like report.html: inline CSS, charts as inline SVG
(:mod:`checker.trends.charts`), a table under each chart with the same numbers, and no script
at all; its Content-Security-Policy allows inline styles and nothing else, nothing from any
network, so it opens offline, from a mail or years later.  Jinja2 escapes every value.

The CSV is tidy, one number a row (``table,key,measure,value``), so one file holds every table
and a spreadsheet or pandas pivots it as it likes; like report.csv it has a byte-order mark,
CRLF line ends and formula-looking cells neutralised.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from functools import lru_cache

import jinja2
from markupsafe import Markup

from checker.report.csv import neutralise
from checker.trends.charts import (
    domain_chart,
    embed_chart,
    findings_chart,
    month_chart,
    survival_chart,
)
from checker.trends.compute import Share, Trends

__all__ = ["CSV_COLUMNS", "csv_rows", "render_csv", "render_html"]

CSV_COLUMNS = ("table", "key", "measure", "value")
_BOM = "\ufeff"

_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem 1.5rem;
color:#1d2329;background:#fff}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.15rem;margin:2rem 0 .3rem}
.lead{color:#4a5560}.chart{max-width:100%;height:auto}
table{border-collapse:collapse;margin:.5rem 0;font-size:13px}
th,td{border-bottom:1px solid #dde3e8;padding:.15rem .6rem;text-align:right}
th:first-child,td:first-child{text-align:left}
details{margin:.3rem 0}summary{cursor:pointer;color:#1f5f8b}
"""

_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{{ csp }}">
<title>citecheck trends</title>
<style>{{ css }}</style>
</head>
<body>
<h1>Citation health over time</h1>
<p class="lead">{{ lead }}</p>

<section id="months">
<h2>Cited sources dead, by month of citation</h2>
{{ charts.months }}
<details><summary>Table</summary>
{{ table(trends.by_month, "month") }}
</details>
</section>

<section id="domains">
<h2>Rot by publisher (registered domain), worst first</h2>
{{ charts.domains }}
<details><summary>Table ({{ trends.by_domain|length }} domains)</summary>
{{ table(trends.by_domain, "domain") }}
</details>
</section>

<section id="survival">
<h2>Survival of cited sources</h2>
<p class="lead">Kaplan–Meier estimate of the share of sources still alive N days after the post
that cites them; a source alive at its last check is censored there.
{%- if trends.undated %} {{ trends.undated }} citation(s) from undated posts are left out.
{%- endif %}
{%- if trends.revived %} {{ trends.revived }} source(s) found dead came back later: they died
here at their first dead check, and are alive in the shares above (their latest check).
{%- endif %}</p>
{{ charts.survival }}
<details><summary>Table</summary>
<table><thead><tr><th>days</th><th>at risk</th><th>died</th><th>censored</th><th>alive</th>
</tr></thead><tbody>
{% for s in trends.survival %}<tr><td>{{ s.days }}</td><td>{{ s.at_risk }}</td>
<td>{{ s.events }}</td><td>{{ s.censored }}</td><td>{{ pct(s.survival) }}</td></tr>
{% endfor %}</tbody></table>
</details>
</section>

<section id="embeds">
<h2>Embedded posts deleted, per platform</h2>
{% if trends.embeds %}{{ charts.embeds }}
<details><summary>Table</summary>
{{ table(trends.embeds, "platform") }}
</details>{% else %}<p>No embedded posts in the history.</p>{% endif %}
</section>

<section id="findings">
<h2>Findings over runs</h2>
{{ charts.findings }}
<details><summary>Table</summary>
<table><thead><tr><th>run</th><th>citations</th><th>dead</th><th>findings</th></tr></thead>
<tbody>
{% for run in trends.runs %}<tr><td>{{ run.run_time.isoformat() }}</td>
<td>{{ run.citations }}</td><td>{{ run.dead }}</td>
<td>{% for code, n in run.codes.items() %}{{ code }}: {{ n }}{% if not loop.last %}, {% endif %}
{% endfor %}</td></tr>
{% endfor %}</tbody></table>
</details>
</section>
</body>
</html>
"""


def _pct(value: float) -> str:
    return f"{value:.1%}"


def _table(rows: tuple[Share, ...], name: str) -> Markup:
    """A share table (group, cited, dead, share); its values escaped here."""
    head = f"<table><thead><tr><th>{name}</th><th>cited</th><th>dead</th><th>dead share</th>"
    body = "".join(
        f"<tr><td>{Markup.escape(r.key)}</td><td>{r.cited}</td><td>{r.dead}</td>"
        f"<td>{_pct(r.share)}</td></tr>"
        for r in rows
    )
    return Markup(f"{head}</tr></thead><tbody>{body}</tbody></table>")


@lru_cache(maxsize=1)
def _template() -> jinja2.Template:
    environment = jinja2.Environment(
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True
    )
    return environment.from_string(_TEMPLATE)


def _csp() -> str:
    """Nothing may run or load: no script at all, no request to any network.

    Styles may be inline: matplotlib's SVG styles every shape in a ``style`` attribute, which a
    hash cannot allow.  With every script and every load forbidden, a style can neither run
    anything nor send anything anywhere.
    """
    return "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def render_html(trends: Trends, *, since: date | None = None) -> str:
    """The trends as one self-contained HTML page."""
    runs = trends.runs
    span = (
        f"{len(runs)} run(s) from {runs[0].run_time:%Y-%m-%d} to {runs[-1].run_time:%Y-%m-%d}"
        if runs
        else "no run"
    )
    cited = sum(m.cited for m in trends.by_month)
    dead = sum(m.dead for m in trends.by_month)
    lead = (
        f"{span}{f' (since {since.isoformat()})' if since else ''}: {cited} citation(s) "
        f"checked, {dead} dead at their latest check."
    )
    charts = {
        "months": Markup(month_chart(trends.by_month)),
        "domains": Markup(domain_chart(trends.by_domain)),
        "survival": Markup(survival_chart(trends.survival)),
        "embeds": Markup(embed_chart(trends.embeds)) if trends.embeds else Markup(""),
        "findings": Markup(findings_chart(trends.runs)),
    }
    return _template().render(
        csp=_csp(),
        css=Markup(_CSS),
        lead=lead,
        trends=trends,
        charts=charts,
        table=_table,
        pct=_pct,
    )


def csv_rows(trends: Trends) -> Iterator[tuple[str, str, str, str]]:
    """The rows of trends.csv (without the header): one number per row."""
    for table, groups in (
        ("month", trends.by_month),
        ("domain", trends.by_domain),
        ("embed_platform", trends.embeds),
    ):
        for group in groups:
            yield (table, group.key, "cited", str(group.cited))
            yield (table, group.key, "dead", str(group.dead))
            yield (table, group.key, "dead_share", f"{group.share:.4f}")
    for step in trends.survival:
        key = str(step.days)
        yield ("survival", key, "at_risk", str(step.at_risk))
        yield ("survival", key, "died", str(step.events))
        yield ("survival", key, "censored", str(step.censored))
        yield ("survival", key, "alive_share", f"{step.survival:.4f}")
    # what the curve leaves out (undated posts) and counts apart from the shares (revivals)
    yield ("note", "undated", "citations", str(trends.undated))
    yield ("note", "revived", "citations", str(trends.revived))
    for run in trends.runs:
        key = run.run_time.isoformat()
        yield ("run", key, "citations", str(run.citations))
        yield ("run", key, "dead", str(run.dead))
        for code, count in run.codes.items():
            yield ("run", key, code, str(count))


def render_csv(trends: Trends) -> str:
    """trends.csv: UTF-8 with a byte-order mark, CRLF, one number a row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows([neutralise(cell) for cell in row] for row in csv_rows(trends))
    return _BOM + buffer.getvalue()
