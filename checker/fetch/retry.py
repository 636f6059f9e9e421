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

import random
from dataclasses import dataclass
from datetime import datetime

from checker.model import FetchResult, Outcome
from checker.retry_after import (
    MAX_WAIT,
    RETRY_STATUSES,
    parse_retry_after,
    retry_after,
    waits_past_the_cap,
)

__all__ = [
    "PLAIN_500_RETRIES",
    "RETRY_OUTCOMES",
    "RETRY_STATUSES",
    "RetryPolicy",
    "parse_retry_after",
    "waits_past_the_cap",
]

RETRY_OUTCOMES = frozenset({Outcome.TIMEOUT, Outcome.PROTOCOL, Outcome.NETWORK})
PLAIN_500_RETRIES = 1
"""Retries of a ``500`` with no readable ``Retry-After`` at most (see the module's note)."""


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """``retries`` further tries after the first, exponential backoff from ``backoff`` seconds."""

    retries: int
    backoff: float
    max_wait: float = MAX_WAIT

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
        seconds = retry_after(result)
        if seconds is None:
            return result.status_code != 500 or attempt <= PLAIN_500_RETRIES
        return seconds <= self.max_wait

    def wait(self, result: FetchResult, attempt: int, *, now: datetime | None = None) -> float:
        """Seconds to wait before the next try: Retry-After when given, else backoff + jitter."""
        seconds = retry_after(result, now=now)
        if seconds is not None:
            return min(seconds, self.max_wait)
        base = self.backoff * (2 ** (attempt - 1))
        return float(min(base + random.uniform(0, base / 2), self.max_wait))
