"""A transient failure becomes failing only once it has lasted (the dead-link bot's three strikes).

A timeout or a 503 today says little: sites go down for an afternoon.  ``fetch`` remembers across
runs how long a URL has failed and sets ``FetchResult.persistent_failure`` once the failure has
lasted ``strikes`` runs spanning ``strike_days``; only then is ``unreachable`` raised to an error.
Until then it stays a warning that says how long it has lasted, so a CI run does not go red on a
passing outage and the writer still sees it coming.
"""

from __future__ import annotations

from dataclasses import replace

from checker.findings import Code, Severity
from checker.model import FetchResult, Finding

__all__ = ["with_persistence"]


def with_persistence(findings: list[Finding], result: FetchResult) -> list[Finding]:
    """``findings`` with any ``unreachable`` one told how long it has lasted, escalated if long."""
    if result.failure_streak < 2 and not result.persistent_failure:
        return findings
    since = f" since {result.failing_since[:10]}" if result.failing_since else ""
    lasted = f"failing in {result.failure_streak} runs in a row{since}"
    return [
        replace(
            f,
            severity=Severity.ERROR if result.persistent_failure else f.severity,
            message=f"{f.message} ({lasted}{'; persistent' if result.persistent_failure else ''})",
        )
        if f.code is Code.UNREACHABLE
        else f
        for f in findings
    ]
