"""The retry policy: which failures are worth another try, and how long to wait first.

Pure, so every decision can be tested without a clock or a socket.  Only failures that another
try can cure are retried: timeouts, resets, temporary lookup failures, 408/429 and 5xx.  A 404, a
refused connection or an unknown host answers the same way a second later, and retrying them
would only slow the run and load the site.  ``Retry-After`` is honoured in both of its forms
(seconds and HTTP date), capped so that a hostile or confused server cannot park the run.

A plain ``500`` (no ``Retry-After``) gets one retry at most (:data:`PLAIN_500_RETRIES`), however
many ``retries`` allows: it is the application's answer for that URL, which a second try a
second later mostly repeats, and one run's 5xx is no verdict anyway (``unreachable`` needs the
failure to persist across runs, ``strikes``).  The second retry cost the run its length: the
busiest host's last 500s waited out 0.5 s then ~1.2 s of backoff after its queue had drained,
~2 s of nothing but waiting at the end of every Zipf run (bench/README.md, session 32).  lychee
0.24.2 asks a 500 once, with any ``--max-retries`` (of a 500, 502, 503, 504, 408 and 429, it
retried only the 429).  A 502, 503, 504 (a gateway or an overloaded server: the transient
kinds), a 408, a 429, and a 500 that says when to come back keep every retry.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from checker.encoding import ascii_digits, ascii_int
from checker.model import FetchResult, Outcome

__all__ = [
    "PLAIN_500_RETRIES",
    "RETRY_OUTCOMES",
    "RETRY_STATUSES",
    "RetryPolicy",
    "parse_retry_after",
    "waits_past_the_cap",
]

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
RETRY_OUTCOMES = frozenset({Outcome.TIMEOUT, Outcome.PROTOCOL, Outcome.NETWORK})
PLAIN_500_RETRIES = 1
"""Retries of a ``500`` with no readable ``Retry-After`` at most (see the module's note)."""
_MAX_WAIT = 30.0


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """``retries`` further tries after the first, exponential backoff from ``backoff`` seconds."""

    retries: int
    backoff: float
    max_wait: float = _MAX_WAIT

    def should_retry(self, result: FetchResult, attempt: int) -> bool:
        """Whether ``result``, the outcome of try number ``attempt`` (1-based), earns another.

        A plain ``500`` earns :data:`PLAIN_500_RETRIES` at most.  A ``Retry-After`` past
        :attr:`max_wait` earns none: the server said when it will answer, and a try sooner (at
        the capped wait) only meets the same refusal.  Tried anyway, a ``429``/``503`` with
        ``Retry-After: 86400`` held its URL for the whole cap (30 s) a try, to meet the same
        answer; and when the server dropped the idle connection just as the try went out on it
        (the sample web's keep-alive is 30 s too), the rate-limited source came out
        ``unreachable``, "the connection broke off", in place of the ``blocked`` its answer
        says (probe 28).
        """
        if attempt > self.retries:
            return False
        if result.outcome in RETRY_OUTCOMES:
            return True
        if result.outcome is not Outcome.OK or result.status_code not in RETRY_STATUSES:
            return False
        seconds = _retry_after(result)
        if seconds is None:
            return result.status_code != 500 or attempt <= PLAIN_500_RETRIES
        return seconds <= self.max_wait

    def wait(self, result: FetchResult, attempt: int, *, now: datetime | None = None) -> float:
        """Seconds to wait before the next try: Retry-After when given, else backoff + jitter."""
        seconds = _retry_after(result, now=now)
        if seconds is not None:
            return min(seconds, self.max_wait)
        base = self.backoff * (2 ** (attempt - 1))
        return float(min(base + random.uniform(0, base / 2), self.max_wait))


def waits_past_the_cap(result: FetchResult, max_wait: float = _MAX_WAIT) -> float | None:
    """The seconds an answer of :data:`RETRY_STATUSES` (a ``429``, a ``503``) asks to be left
    for, when past ``max_wait``: such an answer is not retried (:meth:`RetryPolicy.should_retry`)
    and its host is held back only ``max_wait`` (:mod:`checker.fetch.politeness`), so a caller
    that would ask the host again soon (the next page of a listing) must stop itself, or it
    asks a server that said when it will answer, and meets the same refusal; None otherwise."""
    if result.outcome is not Outcome.OK or result.status_code not in RETRY_STATUSES:
        return None
    seconds = _retry_after(result)
    return seconds if seconds is not None and seconds > max_wait else None


def _retry_after(result: FetchResult, *, now: datetime | None = None) -> float | None:
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
