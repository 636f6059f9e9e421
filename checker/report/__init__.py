"""The report stage: one report dictionary, rendered by swappable formatters, written atomically.

``build_document`` turns a run's Report into the report.json dictionary; each name in
``FORMATS`` maps to a ``render(document) -> str``; ``write_reports`` is the only code that
touches files; ``failing`` decides the exit status from the same effective severities.
``github_annotations`` and ``step_summary`` are the GitHub Actions outputs the CLI prints or appends
(workflow-command lines and the ``$GITHUB_STEP_SUMMARY`` Markdown), from the same dictionary.
"""

from __future__ import annotations

from checker.report.annotations import github_annotations, step_summary
from checker.report.document import SCHEMA_VERSION, build_document, displayed, failing
from checker.report.write import FORMATS, Renderer, report_name, write_reports

__all__ = [
    "FORMATS",
    "SCHEMA_VERSION",
    "Renderer",
    "build_document",
    "displayed",
    "failing",
    "github_annotations",
    "report_name",
    "step_summary",
    "write_reports",
]
