"""Web archives for the tests: the sample web's Wayback Machine, a Memento TimeGate, Save Page Now.

citecheck suggests an archived copy for a dead source only after fetching and judging it, so tests
need archives that behave like the real ones, including their awkward parts:

- the Wayback Machine (availability API, CDX, replay): :mod:`checker.sampleweb.wayback`, which
  ``citecheck demo`` serves too, re-exported here (``Capture``, ``add_wayback``);
- a Memento host (``archive.ph`` by default): ``/timegate/<url>`` negotiates ``Accept-Datetime``
  (302 to the memento; the latest without the header), ``/timemap/<url>`` lists mementos in link
  format, and ``/<ts>/<url>`` serves a memento with ``Memento-Datetime``;
- Save Page Now's simple form, ``web.archive.org/save/<url>`` (:func:`add_save_page_now`): a 302
  to ``/web/<ts>/<url>``, a 200 naming the capture in ``Content-Location``, or a refusal (429, 5xx).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC
from email.utils import parsedate_to_datetime

from checker.sampleweb.server import Request, Response, Web
from checker.sampleweb.wayback import (
    HTML,
    NOT_ARCHIVED,
    WAYBACK,
    Capture,
    CaptureStore,
    Snapshots,
    add_wayback,
    http_date,
)

__all__ = ["Capture", "add_save_page_now", "add_timegate", "add_wayback"]


def add_timegate(web: Web, snapshots: Snapshots, *, host: str = "archive.ph") -> None:
    """Serve ``snapshots`` from a Memento (RFC 7089) archive on ``host``."""
    store = CaptureStore(snapshots)
    web.fallback(host, lambda r: _memento_host(r, store, host))


def add_save_page_now(
    web: Web, urls: Collection[str], *, timestamp: str, status: int = 302
) -> None:
    """Answer ``GET web.archive.org/save/<url>`` for each of ``urls`` as Save Page Now does.

    ``status`` 302 redirects to the new capture ``/web/<timestamp>/<url>``; 200 answers a page
    naming it in ``Content-Location``; any other status (429, 502, ...) refuses, naming nothing.
    """
    for url in urls:
        web.add(f"{WAYBACK}/save/{url}", _save_answer(url, timestamp, status))


def _save_answer(url: str, timestamp: str, status: int) -> Response:
    capture = f"/web/{timestamp}/{url}"
    page = f"<html><head><title>Saved</title></head><body>Saved {url}</body></html>"
    if status == 302:
        return Response(302, (("Location", capture), HTML), b"")
    if status == 200:
        return Response(200, (("Content-Location", capture), HTML), page.encode("utf-8"))
    refused = "<html><head><title>Error</title></head><body>Too many requests</body></html>"
    return Response(status, (HTML,), refused.encode("utf-8"))


# --- a Memento archive -------------------------------------------------------------------------


def _memento_host(request: Request, store: CaptureStore, host: str) -> Response:
    path = request.path
    if path.startswith("/timegate/"):
        return _timegate(request, path.removeprefix("/timegate/"), store, host)
    if path.startswith("/timemap/"):
        return _timemap(path.removeprefix("/timemap/"), store, host)
    stamp, _, original = path.lstrip("/").partition("/")
    capture = store.nearest(original, stamp) if stamp.isdigit() and original else None
    if capture is None or capture.timestamp != stamp:
        return Response(404, (HTML,), NOT_ARCHIVED.encode())
    headers = (
        HTML,
        ("Memento-Datetime", http_date(capture.timestamp)),
        (
            "Link",
            f'<{original}>; rel="original", <https://{host}/timegate/{original}>; rel="timegate"',
        ),
    )
    return Response(capture.status, headers, capture.html.encode("utf-8"))


def _timegate(request: Request, original: str, store: CaptureStore, host: str) -> Response:
    captures = store.of(original)
    if not captures:
        return Response(404, (HTML,), NOT_ARCHIVED.encode())
    wanted = request.header("Accept-Datetime")
    if wanted is None:
        capture = captures[-1]
    else:
        try:
            moment = parsedate_to_datetime(wanted)
        except (TypeError, ValueError):
            return Response(400, (HTML,), b"bad Accept-Datetime")
        capture = store.nearest(original, f"{moment.astimezone(UTC):%Y%m%d%H%M%S}") or captures[-1]
    location = f"https://{host}/{capture.timestamp}/{original}"
    headers = (("Location", location), ("Vary", "accept-datetime"), HTML)
    return Response(302, headers, b"")


def _timemap(original: str, store: CaptureStore, host: str) -> Response:
    captures = store.of(original)
    if not captures:
        return Response(404, (HTML,), NOT_ARCHIVED.encode())
    lines = [
        f'<{original}>; rel="original"',
        f'<https://{host}/timegate/{original}>; rel="timegate"',
    ]
    lines.extend(
        f'<https://{host}/{c.timestamp}/{original}>; rel="memento"; '
        f'datetime="{http_date(c.timestamp)}"'
        for c in captures
    )
    body = ",\n".join(lines) + "\n"
    return Response(200, (("Content-Type", "application/link-format"),), body.encode("utf-8"))
