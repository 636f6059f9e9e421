"""Evidence: every response the fetcher receives, kept as standard WARC records (``--warc``).

A report that says "this source was gone" or "its title differed" is a claim about a page at a
moment; the WARC file is the proof, in the format web archives and replay tools (pywb, warcio)
read.  Each request the fetcher sends, redirect hops and retries included, becomes a ``response``
record (status line, headers, body) and a ``request`` record that points at it
(``WARC-Concurrent-To``).

The file must stay valid if the run is killed: each record is its own gzip member, written when
the answer arrives and flushed at once, so a cut-off file loses at most the record being written.

The body kept is the one the fetcher read: decompressed and capped at ``max_bytes``.  So the
``Content-Encoding`` and ``Transfer-Encoding`` headers, which describe bytes no longer stored, are
dropped, ``Content-Length`` is set to what is stored, and a cut body is marked
``WARC-Truncated: length`` (WARC 1.1 §5.13).  A redirect's or a 304's body is not read at all.

The evidence file is an artifact people share and CI uploads, so it carries no secret: the
request went out with the URL's credentials and tokens, but the records show the URL, the request
target and any ``Location`` redacted (``checker.redact``), the values of ``Authorization``,
``Proxy-Authorization``, ``Cookie`` and ``Set-Cookie`` replaced, and a secret of the URL the body
echoes (its canonical link, a 404's text) replaced in the body kept.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import urlsplit

from checker.config import EVIDENCE_FILE
from checker.errors import ReportError
from checker.redact import REDACTED, redact_echoes, redact_url

__all__ = ["EVIDENCE_FILE", "Exchange", "WarcRecorder"]


_DROPPED_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})
_SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})
_URL_HEADERS = frozenset({"location", "content-location", "referer"})


@dataclass(frozen=True, slots=True)
class Exchange:
    """One request and the response to it, as the fetcher saw them.

    ``target`` is the request target (path and query); ``truncated`` says ``body`` is not the
    whole body (the size cap, or a body deliberately left unread).
    """

    url: str
    target: str
    request_headers: tuple[tuple[str, str], ...]
    http_version: str
    status: int
    reason: str
    response_headers: tuple[tuple[str, str], ...]
    body: bytes
    truncated: bool = False


class WarcRecorder:
    """Appends request/response record pairs to one ``.warc.gz`` file, flushed per record.

    A file that cannot be written is the user's to fix, never a crash (probe 20): a folder that
    cannot be made or opened is a :class:`ReportError` at once; a write that fails mid-run (a
    full disk) ends the recording, keeps the reason in :attr:`failure`, and lets the checks go
    on (they are kept in the store), so the run ends with one line (:meth:`raise_failure`)
    rather than every later citation an internal error and the store left open.
    """

    def __init__(self, path: Path, *, software: str) -> None:
        self.path = path
        self.failure: str | None = None
        """Why the file stopped being written (None while it is whole)."""
        # imported here: warcio costs ~0.15 s of CPU to import, and only --warc needs it
        from warcio.statusandheaders import StatusAndHeaders  # noqa: PLC0415
        from warcio.warcwriter import WARCWriter  # noqa: PLC0415

        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._file: BinaryIO = path.open("wb")
        except OSError as exc:
            raise ReportError(
                f"cannot write the evidence file {path}: {exc.strerror or exc}; check that the "
                "folder is writable or choose another with --report-dir"
            ) from exc
        self._writer = WARCWriter(self._file, gzip=True)
        self._http_headers = StatusAndHeaders
        info = self._writer.create_warcinfo_record(
            path.name, {"software": software, "format": "WARC File Format 1.0"}
        )
        self._write(info)

    def record(self, exchange: Exchange) -> str | None:
        """Write ``exchange`` as a response and a request record; return the response's id
        (None once the file could not be written: :attr:`failure`)."""
        if self.failure is not None:
            return None
        response = self._response(exchange)
        record_id = str(response.rec_headers.get_header("WARC-Record-ID"))
        target = _redacted_target(exchange.url, exchange.target)
        request = self._writer.create_warc_record(
            redact_url(exchange.url),
            "request",
            payload=io.BytesIO(b""),
            length=0,
            warc_headers_dict={"WARC-Concurrent-To": record_id},
            http_headers=self._http_headers(
                f"GET {target} HTTP/1.1",
                _redacted_headers(exchange.request_headers),
                is_http_request=True,
            ),
        )
        self._write(response)
        self._write(request)
        return record_id if self.failure is None else None

    def close(self) -> None:
        """Flush and close the file (a failure to is kept in :attr:`failure`)."""
        if not self._file.closed:
            try:
                self._file.close()
            except OSError as exc:
                self._failed(exc)

    def raise_failure(self) -> None:
        """Raise :class:`ReportError` if the file could not be written whole."""
        if self.failure is not None:
            raise ReportError(
                f"cannot write the evidence file {self.path}: {self.failure}; the evidence is "
                "incomplete, so no report was written: free space or choose another folder "
                "with --report-dir, then run again"
            )

    def _response(self, exchange: Exchange) -> Any:
        body = redact_echoes(exchange.body, exchange.url)  # a canonical link's ?token=…
        headers = _kept_headers(_redacted_headers(exchange.response_headers), len(body))
        warc_headers = {"WARC-Truncated": "length"} if exchange.truncated else {}
        return self._writer.create_warc_record(
            redact_url(exchange.url),
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            warc_headers_dict=warc_headers,
            http_headers=self._http_headers(
                f"{exchange.status} {exchange.reason}".strip(),
                headers,
                protocol=_protocol(exchange.http_version),
            ),
        )

    def _write(self, record: Any) -> None:
        if self.failure is not None:
            return
        try:
            self._writer.write_record(record)
            self._file.flush()
        except OSError as exc:
            self._failed(exc)

    def _failed(self, exc: OSError) -> None:
        """Stop writing: keep why, and let go of the file (its buffer cannot be written)."""
        if self.failure is None:
            self.failure = exc.strerror or str(exc)
        with contextlib.suppress(OSError):
            self._file.close()


def _redacted_target(url: str, target: str) -> str:
    """The request target redacted as part of its URL: under the URL's own host, whose rules
    say where a token stands in the path (a webhook's ``/services/T/B/TOKEN``, a bot's
    ``/botTOKEN/``); redacted under a stand-in host, the path kept those tokens (probe 28)."""
    try:
        host = urlsplit(url).hostname or "host"
    except ValueError:
        host = "host"
    origin = f"http://{f'[{host}]' if ':' in host else host}"
    return redact_url(origin + target).removeprefix(origin)


def _redacted_headers(headers: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """``headers`` with credentials and cookies replaced, and URLs in them redacted."""
    return [(name, _redacted_value(name.lower(), value)) for name, value in headers]


def _redacted_value(name: str, value: str) -> str:
    if name in _SECRET_HEADERS:
        return REDACTED
    return redact_url(value) if name in _URL_HEADERS else value


def _kept_headers(headers: Iterable[tuple[str, str]], length: int) -> list[tuple[str, str]]:
    kept = [(name, value) for name, value in headers if name.lower() not in _DROPPED_HEADERS]
    return [*kept, ("Content-Length", str(length))]


def _protocol(http_version: str) -> str:
    """The status line's protocol: HTTP/2 and 3 have none, so replay tools expect HTTP/1.1."""
    return http_version if http_version.startswith("HTTP/1") else "HTTP/1.1"
