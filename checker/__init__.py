"""citecheck: check that the sources a post cites still exist and still say what it says.

The public API is what ``__all__`` lists; everything else is internal and may change.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
"""The release, written here once: pyproject.toml reads it (``dynamic = ["version"]``) and a run
reads it without :mod:`importlib.metadata`, whose search of every distribution on ``sys.path``
cost each run ~35 ms of start-up (issue 19)."""

if TYPE_CHECKING:
    from checker.config import Config, load_config
    from checker.errors import CitecheckError
    from checker.findings import Code, Severity
    from checker.model import Citation, Finding, Report, Status
    from checker.pipeline import check

_HOMES = {
    "Citation": "checker.model",
    "CitecheckError": "checker.errors",
    "Code": "checker.findings",
    "Config": "checker.config",
    "Finding": "checker.model",
    "Report": "checker.model",
    "Severity": "checker.findings",
    "Status": "checker.model",
    "check": "checker.pipeline",
    "load_config": "checker.config",
}
"""Where each public name lives: imported on first use (PEP 562), so importing a submodule —
``checker.entry`` above all, which must be interruptible from its first instruction — does not
load every stage first."""


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'checker' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)


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
