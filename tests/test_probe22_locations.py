"""A redirect's Location with bytes past ASCII is followed as a browser follows it (probe 22).

Chrome escapes each such byte of a Location as it is (``EscapeNonASCII``: ``/caf\\xe9`` is
asked as ``/caf%E9``), and so does curl; a UTF-8 Location (``/記事``) comes out the same either
way.  citecheck read the head's values as one text (ASCII, else UTF-8 if every value is, else
Latin-1, as httpx does), so it asked ``/caf%C3%A9`` for the first, and for the second, when any
other header of the answer was not UTF-8, the Latin-1 reading of its bytes: a page that works in
a browser was reported ``broken`` (HTTP 404), on both routes.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator

import pytest

from checker.config import Config, ConnectTo
from checker.fetch import HttpFetcher
from checker.model import FetchResult
from tests.fetch.tls_server import HeadRecorder

HOST = "locations.example.org"
_PAGE = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 17\r\n\r\n<title>ok</title>"
_GONE = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"


def _moved(location: bytes, extra: bytes = b"") -> bytes:
    return (
        b"HTTP/1.1 302 Found\r\n"
        + extra
        + b"Location: "
        + location
        + b"\r\nContent-Length: 0\r\n\r\n"
    )


_ANSWERS = {
    b"/latin1": _moved(b"/caf\xe9"),
    b"/utf8-beside-latin1": _moved("/記事".encode(), b"X-Name: caf\xe9\r\n"),
    b"/utf8": _moved("/記事".encode()),
    b"/spaced": b'HTTP/1.1 301 Moved Permanently\r\nLocation: /new home?q="a"|{x}\r\n'
    b"Content-Length: 0\r\n\r\n",
    b"/new%20home?q=%22a%22|{x}": _PAGE,
    b"/caf%E9": _PAGE,
    b"/%E8%A8%98%E4%BA%8B": _PAGE,
}


class _Canned(HeadRecorder):
    def answer(self, conn: socket.socket, target: bytes) -> None:
        conn.sendall(_ANSWERS.get(target, _GONE))


@pytest.fixture(scope="module")
def server() -> Iterator[_Canned]:
    running = _Canned()
    yield running
    running.close()


def _fetch(server: _Canned, url: str, *, lean: bool) -> FetchResult:
    config = Config().with_(
        connect_to=(ConnectTo.parse(f"{HOST}:80:127.0.0.1:{server.port}"),),
        retries=0,
        timeout=2.0,
    )

    async def go() -> FetchResult:
        async with HttpFetcher(config, version="test") as fetcher:
            if not lean:
                fetcher._direct = None  # the httpx route, as for a run with a proxy mounted
            return await fetcher.get(url)

    return asyncio.run(go())


@pytest.mark.parametrize("lean", [True, False], ids=["lean", "httpx"])
@pytest.mark.parametrize(
    ("path", "asked"),
    [
        ("/latin1", "/caf%E9"),
        ("/utf8-beside-latin1", "/%E8%A8%98%E4%BA%8B"),
        ("/utf8", "/%E8%A8%98%E4%BA%8B"),
    ],
)
def test_a_location_past_ascii_is_asked_as_a_browser_asks_it(
    server: _Canned, path: str, asked: str, lean: bool
) -> None:
    result = _fetch(server, f"http://{HOST}{path}", lean=lean)
    assert result.status_code == 200, result
    assert server.asked.get(asked, 0) >= 1
    assert [hop.status_code for hop in result.redirects] == [302]


@pytest.mark.parametrize("lean", [True, False], ids=["lean", "httpx"])
def test_a_location_with_spaces_is_kept_as_the_url_asked(server: _Canned, lean: bool) -> None:
    """``Location: /new home?q="a"|{x}`` is asked percent-encoded, as a browser asks it, and the
    result names that URL: the ``redirected`` suggestion (and ``citecheck fix``) wrote the URL
    with its space, which ends a Markdown link there."""
    result = _fetch(server, f"http://{HOST}/spaced", lean=lean)
    assert result.status_code == 200, result
    assert result.final_url == f"http://{HOST}/new%20home?q=%22a%22|{{x}}"
