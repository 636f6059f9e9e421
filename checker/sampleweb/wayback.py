"""The Wayback Machine of the sample web: its availability API, CDX API and replay.

``citecheck demo`` shows a dead source with its verified archived copy, so the archive it asks
must be here, offline, behaving like the real one in the parts the checker relies on:

- ``archive.org/wayback/available`` picks the capture closest to ``timestamp``, on the side
  ``closest=before|after`` asks for, answers ``{}`` when it knows nothing, and (like the real one
  now and then) may answer ``{}`` for a URL it does have captures of (:attr:`Capture.hidden` or
  ``flaky``);
- ``web.archive.org/cdx/search/cdx`` answers JSON rows (header row first), honouring ``filter=
  statuscode:200``, ``from``/``to`` and ``limit`` (negative: the last rows);
- ``web.archive.org/web/<ts>/<url>`` replays with a toolbar and ``web/<ts>id_/<url>`` without;
  a timestamp that is not a capture redirects (302) to the nearest capture, as the real one does.

Captures are keyed by the original URL without scheme and ``www.``, a small stand-in for the
SURT keys real archives use.  The tests' other archives (a Memento TimeGate, Save Page Now) are
built on this store in ``tests/fixtureweb/archive_web.py``.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from urllib.parse import parse_qs, unquote, urlsplit

from checker.sampleweb.server import Request, Response, Web

__all__ = ["NOT_ARCHIVED", "Capture", "CaptureStore", "Snapshots", "add_wayback", "http_date"]

WAYBACK = "https://web.archive.org"
HTML = ("Content-Type", "text/html; charset=utf-8")
_JSON = ("Content-Type", "application/json")
_TOOLBAR = "<!-- BEGIN WAYBACK TOOLBAR INSERT --><div id='wm-ipp'>Wayback Machine</div>"
NOT_ARCHIVED = (
    "<!DOCTYPE html><html><head><title>Wayback Machine</title></head><body>"
    "<p>The Wayback Machine has not archived that URL.</p></body></html>"
)


@dataclass(frozen=True, slots=True)
class Capture:
    """One capture of a page: when (14 digits), what it answered, and whether the API hides it."""

    timestamp: str
    html: str
    status: int = 200
    hidden: bool = False


Snapshots = Mapping[str, Sequence[Capture]]


def add_wayback(web: Web, snapshots: Snapshots, *, flaky: Collection[str] = ()) -> None:
    """Serve ``snapshots`` (original URL → captures) as archive.org and web.archive.org do.

    The availability API answers ``{}`` for every URL in ``flaky`` though the CDX API lists it.
    """
    store = CaptureStore(snapshots)
    hidden = {_key(url) for url in flaky}
    web.fallback("archive.org", lambda r: _availability(r, store, hidden))
    web.fallback("web.archive.org", lambda r: _web_archive(r, store))


# --- the capture store -------------------------------------------------------------------------


class CaptureStore:
    def __init__(self, snapshots: Snapshots) -> None:
        self.captures: dict[str, tuple[Capture, ...]] = {
            _key(url): tuple(sorted(caps, key=lambda c: c.timestamp))
            for url, caps in snapshots.items()
        }

    def of(self, url: str) -> tuple[Capture, ...]:
        return self.captures.get(_key(url), ())

    def nearest(self, url: str, timestamp: str, side: str = "either") -> Capture | None:
        captures = self.of(url)
        wanted = _padded(timestamp)
        if side == "before":
            captures = tuple(c for c in captures if c.timestamp <= wanted)
        elif side == "after":
            captures = tuple(c for c in captures if c.timestamp >= wanted)
        if not captures:
            return None
        return min(captures, key=lambda c: abs(_seconds(c.timestamp) - _seconds(wanted)))


def _key(url: str) -> str:
    if "://" not in url:
        url = f"http://{url}"
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    path = parts.path.rstrip("/") or ""
    return f"{host}{path}{'?' + parts.query if parts.query else ''}"


def _padded(timestamp: str) -> str:
    """A partial Wayback timestamp (``2019``, ``201906``) as the first moment it names."""
    return timestamp + "00000101000000"[len(timestamp) :]


def _seconds(timestamp: str) -> float:
    moment = datetime.strptime(_padded(timestamp), "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    return moment.timestamp()


# --- archive.org/wayback/available -------------------------------------------------------------


def _availability(request: Request, store: CaptureStore, hidden: set[str]) -> Response:
    parts = urlsplit(request.path)
    if parts.path.rstrip("/") != "/wayback/available":
        return Response(404, (HTML,), NOT_ARCHIVED.encode())
    query = parse_qs(parts.query)
    url = query.get("url", [""])[0]
    timestamp = query.get("timestamp", ["99991231235959"])[0]
    side = query.get("closest", ["either"])[0]
    capture = None if _key(url) in hidden else store.nearest(url, timestamp, side)
    if capture is None or capture.hidden:
        return _json({"url": url, "archived_snapshots": {}})
    closest = {
        "status": str(capture.status),
        "available": True,
        "url": f"http://web.archive.org/web/{capture.timestamp}/{url}",
        "timestamp": capture.timestamp,
    }
    return _json({"url": url, "archived_snapshots": {"closest": closest}})


# --- web.archive.org: CDX and replay -----------------------------------------------------------


def _web_archive(request: Request, store: CaptureStore) -> Response:
    if request.path.startswith("/cdx/search/cdx"):
        return _cdx(request, store)
    if request.path.startswith("/web/"):
        return _replay(request.path.removeprefix("/web/"), store)
    return Response(404, (HTML,), NOT_ARCHIVED.encode())


def _cdx(request: Request, store: CaptureStore) -> Response:
    query = parse_qs(urlsplit(request.path).query)
    url = query.get("url", [""])[0]
    captures = list(store.of(url))
    if "statuscode:200" in query.get("filter", []):
        captures = [c for c in captures if c.status == 200]
    start = query.get("from", [""])[0]
    end = query.get("to", [""])[0]
    if start:
        captures = [c for c in captures if c.timestamp >= start.ljust(14, "0")]
    if end:
        captures = [c for c in captures if c.timestamp <= end.ljust(14, "9")]
    limit = int(query.get("limit", ["0"])[0] or 0)
    if limit > 0:
        captures = captures[:limit]
    elif limit < 0:
        captures = captures[limit:]
    if not captures:
        return Response(200, (_JSON,), b"[]")
    header = ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"]
    rows = [
        [_key(url), c.timestamp, url, "text/html", str(c.status), "DIGEST", str(len(c.html))]
        for c in captures
    ]
    return _json([header, *rows])


def _replay(rest: str, store: CaptureStore) -> Response:
    stamp, _, original = rest.partition("/")
    raw = stamp.endswith("id_")
    timestamp = stamp.removesuffix("id_")
    if not timestamp.isdigit() or not original:
        return Response(404, (HTML,), NOT_ARCHIVED.encode())
    original = _fixed_scheme(unquote(original) if "%3A" in original[:8] else original)
    capture = store.nearest(original, timestamp)
    if capture is None:
        return Response(404, (HTML,), NOT_ARCHIVED.encode())
    if capture.timestamp != timestamp:
        suffix = "id_" if raw else ""
        location = f"{WAYBACK}/web/{capture.timestamp}{suffix}/{original}"
        return Response(302, (("Location", location), HTML), b"")
    body = capture.html if raw else capture.html.replace("<body>", f"<body>{_TOOLBAR}", 1)
    headers = (HTML, ("Memento-Datetime", http_date(capture.timestamp)))
    return Response(capture.status, headers, body.encode("utf-8"))


def _fixed_scheme(url: str) -> str:
    for scheme in ("https:/", "http:/"):
        if url.startswith(scheme) and not url.startswith(f"{scheme}/"):
            return f"{scheme}/{url[len(scheme) :]}"
    return url


# --- helpers -----------------------------------------------------------------------------------


def http_date(timestamp: str) -> str:
    moment = datetime.strptime(timestamp.ljust(14, "0"), "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    return format_datetime(moment, usegmt=True)


def _json(data: object) -> Response:
    return Response(200, (_JSON,), json.dumps(data).encode("utf-8"))
