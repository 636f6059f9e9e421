"""When a transient failure stops being "probably passing": three strikes, days apart.

A timeout, a reset, a 5xx or a 429 says little about one run: the site may be down for an hour.
Reporting it as failing would make CI cry wolf, so such a failure stays a warning until it has
persisted over ``strikes`` consecutive runs spanning at least ``strike_days`` days, as the
Wikipedia dead-link bot waits for three failed checks three days apart before tagging a link.
Both functions are pure; the store supplies the streak and when it began.
"""

from __future__ import annotations

from datetime import datetime

from checker.model import FetchResult, Outcome

__all__ = ["TRANSIENT_OUTCOMES", "is_good", "is_persistent", "is_transient"]

TRANSIENT_OUTCOMES = frozenset({Outcome.TIMEOUT, Outcome.PROTOCOL, Outcome.NETWORK})
_SECONDS_PER_DAY = 86_400.0


def is_good(result: FetchResult) -> bool:
    """A real answer from the source: transport fine and a 2xx status at the end."""
    code = result.status_code
    return result.outcome is Outcome.OK and code is not None and 200 <= code < 300


def is_transient(result: FetchResult) -> bool:
    """A failure another run may not see: timeout, reset or garbled answer, 408, 429, 5xx."""
    if result.outcome in TRANSIENT_OUTCOMES:
        return True
    code = result.status_code
    return result.outcome is Outcome.OK and code is not None and (code in (408, 429) or code >= 500)


def is_persistent(
    streak: int, since: datetime | None, now: datetime, *, strikes: int, days: float
) -> bool:
    """Whether ``streak`` failed runs since ``since`` are enough strikes over enough days."""
    if streak < strikes or since is None:
        return False
    return (now - since).total_seconds() >= days * _SECONDS_PER_DAY
