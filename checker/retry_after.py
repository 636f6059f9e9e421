"""What an answer's ``Retry-After`` asks, and the longest wait the fetcher grants it.

A leaf, so a stage besides ``fetch`` can tell an answer that asked to be left longer than the
fetcher waits (``discover``'s REST listing stops there) without importing the fetcher's
policy: :mod:`checker.fetch.retry` decides retries from these, and nothing here waits.
Imports only the leaves :mod:`checker.encoding` and :mod:`checker.model`.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from checker.encoding import ascii_digits, ascii_int
from checker.model import FetchResult, Outcome

__all__ = ["MAX_WAIT", "RETRY_STATUSES", "parse_retry_after", "retry_after", "waits_past_the_cap"]

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
"""The statuses another try can cure (a timeout's, an overloaded server's, a rate limit's)."""
MAX_WAIT = 30.0
"""The longest wait granted a try (seconds): a hostile or confused server cannot park a run."""


def waits_past_the_cap(result: FetchResult, max_wait: float = MAX_WAIT) -> float | None:
    """The seconds an answer of :data:`RETRY_STATUSES` (a ``429``, a ``503``) asks to be left
    for, when past ``max_wait``: such an answer is not retried
    (:meth:`checker.fetch.retry.RetryPolicy.should_retry`) and its host is held back only
    ``max_wait`` (:mod:`checker.fetch.politeness`), so a caller that would ask the host again
    soon (the next page of a listing) must stop itself, or it asks a server that said when it
    will answer, and meets the same refusal; None otherwise."""
    if result.outcome is not Outcome.OK or result.status_code not in RETRY_STATUSES:
        return None
    seconds = retry_after(result)
    return seconds if seconds is not None and seconds > max_wait else None


def retry_after(result: FetchResult, *, now: datetime | None = None) -> float | None:
    """The answer's ``Retry-After`` in seconds from now; None without a readable one."""
    value = result.header_lookup.get("retry-after")
    return None if value is None else parse_retry_after(value, now=now)


_MAX_FLOAT_DIGITS = 308
"""Digits of delta-seconds read at most: ``float`` of a longer number overflows."""


def parse_retry_after(value: str, *, now: datetime | None = None) -> float | None:
    """``Retry-After`` in seconds from now (delta-seconds or HTTP date); None if unreadable.

    Delta-seconds are ASCII digits (RFC 9110 §10.2.3): ``str.isdigit`` holds for ``"²"`` too, a
    header byte 0xB2 read as Latin-1, and ``float`` refused it, so one 503 with that header
    ended its URL's fetch in a traceback, "not checked (internal error)", with no row stored
    and no strike counted (review of session 32).  Delta-seconds of more digits than a float
    holds are infinite, as ``float`` read them: longer than any cap, so the refusal is not
    retried (read as unreadable, a 503 was retried on ordinary backoff: review of session 34).
    """
    value = value.strip()
    if ascii_digits(value):  # more digits than a float holds: longer than any cap (no retry)
        seconds = ascii_int(value, max_digits=_MAX_FLOAT_DIGITS)
        return math.inf if seconds is None else float(seconds)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
