"""Whether a file is a report citecheck wrote, read from its first bytes.

A report written into a folder being checked (``citecheck check docs -o docs/citecheck.md``,
``--report-dir docs``) is the run's own file: the next run replaces it and does not read it as
a post.  A post that only shares the report's name (``docs/report.md``, ``-o docs/intro.md``)
is no such file: replacing it loses the post, and leaving it unread passes it in silence
(session 33's leftover).  Each format's report begins the same way whatever it holds, so its
first bytes tell the two apart; a file that cannot be read is no report.
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["is_report"]

_HEAD = 4096
"""Bytes read: every format's mark is in its first kilobyte (the HTML report's generator tag
after its Content-Security-Policy line, ~300 bytes)."""

_MARKS = re.compile(
    rb"\A(?:\xef\xbb\xbf)?(?:"
    # report.json: its schema, then the tool's name
    rb'\{\s*"schema_version":\s*\d+,\s*"tool":\s*\{\s*"name":\s*"citecheck"'
    # report.md: the headline, word for word
    rb"|# citecheck (?:FAILED|INTERRUPTED|passed): \d+ failing finding\(s\) in \d+ "
    rb"citation\(s\) from \d+ document\(s\)\r?\n"
    # report.html: the generator tag in its head
    rb"|<!DOCTYPE html>\s*<html[^>]*>\s*<head>(?:\s*<meta [^>]*>)*?"
    rb'\s*<meta name="generator" content="citecheck '
    # report.xml (JUnit)
    rb'|<\?xml[^>]*\?>\s*<testsuites name="citecheck"'
    # report.sarif: the first run's tool
    rb'|\{\s*"\$schema":\s*"[^"]*sarif[^"]*",\s*"version":\s*"2\.1\.0",\s*"runs":\s*\[\s*\{\s*'
    rb'"tool":\s*\{\s*"driver":\s*\{\s*"name":\s*"citecheck"'
    # report.csv: the header row
    rb"|post_url,post_title,kind,url,final_url,status,code,severity,failing,"
    rb")"
)
"""The first bytes of each format's report, as :data:`checker.report.write.FORMATS` write them."""


def is_report(path: Path) -> bool:
    """Whether ``path`` is a file whose first bytes are one of citecheck's reports."""
    try:
        with path.open("rb") as file:
            head = file.read(_HEAD)
    except OSError:
        return False
    return _MARKS.match(head) is not None
