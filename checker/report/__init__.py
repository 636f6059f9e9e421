"""The report stage: one report dictionary, rendered by swappable formatters, written atomically.

``build_document`` turns a run's Report into the report.json dictionary; each name in
``FORMATS`` maps to a ``render(document) -> str``; ``write_reports`` is the only code that
touches files; ``failing`` decides the exit status from the same effective severities;
``accounting_line`` says in one line what the run checked (the CLI's summary line);
``failure_lines``, ``others_line`` and ``skipped_lines`` are the rest of what the CLI prints.
``github_annotations`` and ``step_summary`` are the GitHub Actions outputs the CLI prints or appends
(workflow-command lines and the ``$GITHUB_STEP_SUMMARY`` Markdown), from the same dictionary.
"""

from __future__ import annotations

from checker.report._common import accounting_line
from checker.report.annotations import github_annotations, step_summary
from checker.report.document import (
    SCHEMA_VERSION,
    build_document,
    displayed,
    failing,
    fails_run,
)
from checker.report.terminal import LIMIT as FAILURES_SHOWN
from checker.report.terminal import failure_lines, others_line, skipped_lines
from checker.report.write import FORMATS, Renderer, report_name, write_report, write_reports

__all__ = [
    "FAILURES_SHOWN",
    "FORMATS",
    "SCHEMA_VERSION",
    "Renderer",
    "accounting_line",
    "build_document",
    "displayed",
    "failing",
    "fails_run",
    "failure_lines",
    "github_annotations",
    "others_line",
    "report_name",
    "skipped_lines",
    "step_summary",
    "write_report",
    "write_reports",
]
