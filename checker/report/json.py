"""report.json: the report dictionary as JSON, for programs.

Non-ASCII text is written as is (``ensure_ascii=False``) so Japanese titles stay readable in the
file and in diffs; keys keep the order ``document.py`` gives them.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["render"]


def render(document: dict[str, Any]) -> str:
    """The report dictionary as indented JSON text ending in a newline."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
