"""Write the replacement snippet for a dead citation in Robust Links form.

A plain link to an archived copy loses the original address, and a plain link to the original
loses the copy.  Robust Links (https://robustlinks.mementoweb.org/spec/) keep both in one anchor:
``href`` and ``data-originalurl`` name the original, ``data-versionurl`` the archived copy and
``data-versiondate`` the day it was captured, so readers and link-rot tools can fall back to the
copy.  The function is pure and escapes everything it writes.
"""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

__all__ = ["robust_link"]


def robust_link(original_url: str, archive_url: str, capture: datetime, text: str) -> str:
    """An ``<a>`` citing ``original_url`` with ``archive_url`` as its version of ``capture``.

    The version date is the capture's day in UTC (a naive ``capture`` is taken as UTC), written
    ``YYYY-MM-DD`` as the spec recommends.
    """
    moment = capture if capture.tzinfo else capture.replace(tzinfo=UTC)
    day = moment.astimezone(UTC).strftime("%Y-%m-%d")
    original = escape(original_url, quote=True)
    return (
        f'<a href="{original}" data-originalurl="{original}" '
        f'data-versionurl="{escape(archive_url, quote=True)}" data-versiondate="{day}">'
        f"{escape(text, quote=False)}</a>"
    )
