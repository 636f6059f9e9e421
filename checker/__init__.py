"""citecheck: check that the sources a post cites still exist and still say what it says.

The public API is what ``__all__`` lists; everything else is internal and may change.
"""

from __future__ import annotations

from checker.config import Config, load_config
from checker.errors import CitecheckError
from checker.findings import Code, Severity
from checker.model import Citation, Finding, Report, Status
from checker.pipeline import check

__all__ = [
    "Citation",
    "CitecheckError",
    "Code",
    "Config",
    "Finding",
    "Report",
    "Severity",
    "Status",
    "check",
    "load_config",
]
