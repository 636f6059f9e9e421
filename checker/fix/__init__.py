"""The fix stage: after report, rewrite the dead and moved citations of the user's own files.

``check`` ends with a report; ``citecheck fix`` goes one step further for the inputs the user
owns.  From the run's :class:`~checker.model.Report` (no other stage's code), :func:`plan_repairs`
picks the citations whose verdict names its own remedy (a verified archived copy, a permanent
move); :func:`rewrite` makes them as span edits on the file's text (Markdown, HTML, a Blogger or
WordPress export), every other byte unchanged; :mod:`checker.fix.files` shows them as a diff or
a ``git apply`` patch, or replaces the file atomically with a backup, and writes the edit list a
remote blog's author applies by hand.  Like every stage it imports only the leaves; the CLI
wires it after the pipeline and the reports.
"""

from __future__ import annotations

from checker.fix.files import (
    FixError,
    Source,
    edit_list_csv,
    edit_list_json,
    patch_bytes,
    read_source,
    write_file,
)
from checker.fix.plan import Repair, beyond_repair, plan_repairs, version_date
from checker.fix.rewrite import Missed, Rewritten, Syntax, rewrite

__all__ = [
    "FixError",
    "Missed",
    "Repair",
    "Rewritten",
    "Source",
    "Syntax",
    "beyond_repair",
    "edit_list_csv",
    "edit_list_json",
    "patch_bytes",
    "plan_repairs",
    "read_source",
    "rewrite",
    "version_date",
    "write_file",
]
