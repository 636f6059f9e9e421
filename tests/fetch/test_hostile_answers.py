"""Hostile HTTP/1.1 answers on both of the fetcher's routes (the lean h11 one and httpx's):
what a server sends stays data about that server's URLs, and the same exchanges give the same
results on either route (session 16's probe)."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from checker.config import Config, ConnectTo
from checker.fetch import HttpFetcher
from checker.fetch.warc import EVIDENCE_FILE
from checker.model import FetchResult, Outcome
from tests.fetch.tls_server import LoopbackServer, request_heads

HOST = "hostile-answers.example.org"
EMOJI_HOST = "xn--ls8h.la"
"""A real site's name (U+1F4A9 .la) that IDNA 2008 refuses to decode: httpx's ``URL.host``
raises for it, while the request itself is made with the name as written."""


def _page(body: bytes, extra: bytes = b"") -> bytes:
    return (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
        + extra
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )


_ANSWERS: dict[bytes, bytes] = {
    b"/page": _page(b"<title>page</title>"),
    b"/old": b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: 4\r\n\r\n<p/>",
    b"/to-emoji": b"HTTP/1.1 302 Found\r\nLocation: http://xn--ls8h.la/page\r\n"
    b"Content-Length: 0\r\n\r\n",
    b"/other": _page(b"<title>other</title>"),
    # a cookie whose value is not ASCII (Latin-1 and UTF-8 bytes): httpx cannot put it in the
    # next request's Cookie header (UnicodeEncodeError out of httpx.Request)
    b"/latin1-cookie": _page(b"<p/>", b"Set-Cookie: a=caf\xe9; Path=/\r\n"),
    b"/utf8-cookie": _page(b"<p/>", b"Set-Cookie: u=caf\xc3\xa9; Path=/\r\nSet-Cookie: k=1\r\n"),
    # validators that are not ASCII, kept by the store for the next run's conditional request
    b"/latin1-etag": _page(
        b"<title>tagged</title>",
        b'ETag: "caf\xe9"\r\nLast-Modified: Mon, 01 Jan 2024 00:00:00 GMT\xe9\r\n',
    ),
    # an answer followed by a second one nobody asked for, in the same write
    b"/and-more": _page(b"<p>first</p>") + _page(b"<title>unasked</title>"),
    # a body on an answer that has none: its bytes are left over, as above
    b"/no-content": b"HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\nhello",
}


class _Canned(LoopbackServer):
    """Answers each path with its bytes above, on kept-alive connections."""

    def __init__(self) -> None:
        super().__init__()
        self.start()

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        with conn:
            for head in request_heads(conn):
                path = head.split(b" ")[1]
                conn.sendall(_ANSWERS.get(path, b"HTTP/1.1 404 NF\r\nContent-Length: 0\r\n\r\n"))


@pytest.fixture(scope="module")
def server() -> Iterator[_Canned]:
    running = _Canned()
    yield running
    running.close()


def _fetch(
    server: _Canned,
    tmp_path: Path,
    paths: list[str],
    *,
    lean: bool,
    fresh: bool = False,
    warc: bool = False,
) -> tuple[list[FetchResult], set[str]]:
    """``paths`` (or whole URLs) fetched one after the other on one connection, by the lean or
    httpx route (``fresh``: not reusing the store's answers; ``warc``: evidence kept); the
    results and the names of the cookies in the jar after."""
    config = Config().with_(
        connect_to=tuple(
            ConnectTo.parse(f"{name}:80:127.0.0.1:{server.port}") for name in (HOST, EMOJI_HOST)
        ),
        per_host_concurrency=1,
        retries=0,
        timeout=2.0,
        report_dir=tmp_path,
        store=tmp_path / "store.db",
        warc=warc,
    )

    async def go() -> tuple[list[FetchResult], set[str]]:
        async with HttpFetcher(config, version="test") as fetcher:
            if not lean:
                fetcher._direct = None  # the httpx route, as with a proxy mounted
            urls = [path if "://" in path else f"http://{HOST}{path}" for path in paths]
            results = [await fetcher.get(url, fresh=fresh) for url in urls]
            return results, set(fetcher._client.cookies.keys())

    return asyncio.run(go())


@pytest.mark.parametrize("lean", [True, False], ids=["lean", "httpx"])
@pytest.mark.parametrize("setter", ["/latin1-cookie", "/utf8-cookie"])
def test_a_cookie_that_cannot_be_sent_back_breaks_no_later_request(
    server: _Canned, tmp_path: Path, setter: str, *, lean: bool
) -> None:
    """The host's next URLs were an exception out of ``HttpFetcher.get`` (a crash, not a
    result): the jar now refuses a cookie it could not send; an ASCII one is still kept."""
    (setting, page), jar = _fetch(server, tmp_path, [setter, "/page"], lean=lean)
    assert jar == ({"k"} if setter == "/utf8-cookie" else set())
    assert (setting.outcome, setting.status_code) == (Outcome.OK, 200)
    assert (page.outcome, page.text) == (Outcome.OK, "<title>page</title>")


@pytest.mark.parametrize("lean", [True, False], ids=["lean", "httpx"])
def test_a_stored_validator_that_is_not_ascii_breaks_no_later_run(
    server: _Canned, tmp_path: Path, *, lean: bool
) -> None:
    """The next run's conditional request was an exception out of ``HttpFetcher.get`` (httpx
    cannot encode the header): such a validator is not sent, the request is a plain GET."""
    (first,), _ = _fetch(server, tmp_path, ["/latin1-etag"], lean=lean)
    assert first.headers["etag"] == '"caf\u00e9"'
    (again,), _ = _fetch(server, tmp_path, ["/latin1-etag"], lean=lean, fresh=True)
    assert (again.outcome, again.text) == (Outcome.OK, "<title>tagged</title>")


@pytest.mark.parametrize("lean", [True, False], ids=["lean", "httpx"])
def test_a_host_idna_cannot_decode_is_fetched_as_written(
    server: _Canned, tmp_path: Path, *, lean: bool
) -> None:
    """Cited, or reached by a redirect, such a host was an IDNAError out of
    ``HttpFetcher.get`` (the host pools keyed by ``URL.host``): internal-error findings."""
    (cited, moved), _ = _fetch(
        server, tmp_path, [f"http://{EMOJI_HOST}/page", "/to-emoji"], lean=lean
    )
    assert (cited.outcome, cited.text) == (Outcome.OK, "<title>page</title>")
    assert (moved.final_url, moved.text) == (f"http://{EMOJI_HOST}/page", "<title>page</title>")


@pytest.mark.parametrize("lean", [True, False], ids=["lean", "httpx"])
def test_the_evidence_says_the_protocol_the_server_answered_in(
    server: _Canned, tmp_path: Path, *, lean: bool
) -> None:
    """An HTTP/1.0 answer was recorded as ``HTTP/1.1 200 OK`` (the h11 transport said 1.1 for
    every answer; httpcore's says the answer's own version)."""
    (old, page), _ = _fetch(server, tmp_path, ["/old", "/page"], lean=lean, warc=True)
    assert (old.status_code, page.status_code) == (200, 200)
    with (tmp_path / EVIDENCE_FILE).open("rb") as stream:
        protocols = [
            record.http_headers.protocol
            for record in ArchiveIterator(stream)
            if record.rec_type == "response"
        ]
    assert protocols == ["HTTP/1.0", "HTTP/1.1"]


@pytest.mark.parametrize("lean", [True, False], ids=["lean", "httpx"])
@pytest.mark.parametrize("first", ["/and-more", "/no-content"])
def test_an_answer_nobody_asked_for_is_not_the_next_urls(
    server: _Canned, tmp_path: Path, first: str, *, lean: bool
) -> None:
    """Bytes left after an answer were read as the answer to the next request on the kept
    connection: /page got the page sent after /and-more's, and after a 204 with a body /page
    and the URL after it failed as ``protocol`` (false alarms).  Such a connection is not
    kept."""
    (answer, page, other), _ = _fetch(server, tmp_path, [first, "/page", "/other"], lean=lean)
    status = 200 if first == "/and-more" else 204
    assert (answer.outcome, answer.status_code) == (Outcome.OK, status)
    assert (page.outcome, page.text) == (Outcome.OK, "<title>page</title>")
    assert (other.outcome, other.text) == (Outcome.OK, "<title>other</title>")
