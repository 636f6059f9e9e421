"""A hostile corner of the web for the fault-injection suite: every way a server can misbehave."""

from __future__ import annotations

import os
import socket
import struct
import threading
import time
import zlib
from collections.abc import Iterator
from types import TracebackType
from typing import Self

from checker.sampleweb.server import Request, Response, Web
from tests.fetch.support import sequence

__all__ = ["EXPECTED", "HOSTILE", "IDN", "ONE_GB", "UNFOLLOWABLE", "Tarpit", "hostile_web"]

HOSTILE = "https://hostile.example.com"
IDN = "https://例え.jp"
ONE_GB = 1 << 30
_CHUNK = 64 * 1024
_HTML = (("Content-Type", "text/html"),)
_OK = Response(200, (("Content-Type", "text/html; charset=utf-8"),), b"<title>back</title>")
JAPANESE = "ウクライナが迎えた冬が最大の試練だ。ロシアは計画していた。"

# cited URL -> the status citecheck must report for it (never broken, never soft-404)
EXPECTED: dict[str, str] = {
    f"{HOSTILE}/retry-after": "ok",
    f"{HOSTILE}/503-twice": "ok",
    f"{HOSTILE}/reset": "ok",
    f"{HOSTILE}/loop-a": "unreachable",
    f"{HOSTILE}/trickle": "unreachable",
    f"{HOSTILE}/one-gb": "ok",
    f"{HOSTILE}/gzip-bomb": "ok",
    f"{HOSTILE}/brotli": "ok",
    f"{HOSTILE}/undeclared-sjis": "ok",
    f"{HOSTILE}/chain/0": "unreachable",
    f"{HOSTILE}/header-bomb": "unreachable",
    f"{HOSTILE}/malformed": "ok",
    f"{HOSTILE}/bad-utf8": "ok",
    f"{HOSTILE}/binary": "ok",
    f"{IDN}/": "ok",
    f"{HOSTILE}/記事/ウクライナ": "ok",
    f"{HOSTILE}/%E8%A8%98%E4%BA%8B/%E3%83%AD%E3%82%B7%E3%82%A2": "ok",
}

# Locations no client can follow; each is served at f"{HOSTILE}/to-unsupported/{index}"
UNFOLLOWABLE: tuple[str, ...] = (
    "javascript:alert(1)",
    "mailto:editor@example.com",
    "data:text/html,<title>hi</title>",
    "about:blank",
    "http:example.com",
    "http:\\\\host\\x",
    "http://[::1",
    "https://www.example.com:99999/a",
    "ftp://files.example.com/a",
    "http://",
)


def _one_gb(_: Request) -> Response:
    head = b"<html><head><title>huge</title></head><body>"
    chunk = b"<p>" + b"a" * (_CHUNK - 7) + b"</p>\n"
    return Response(200, _HTML, head, stream=(chunk for _ in range(ONE_GB // _CHUNK)))


def _trickle(_: Request) -> Response:
    def drip() -> Iterator[bytes]:
        for _ in range(20):
            time.sleep(1.0)
            yield b" "

    return Response(200, _HTML, b"<title>slow</title>", stream=drip())


def _drip(_: Request) -> Response:
    """A 200 whose body comes a byte every 0.25 s for 12 s: never idle long enough to time out."""

    def drip() -> Iterator[bytes]:
        for _ in range(48):
            time.sleep(0.25)
            yield b" "

    return Response(200, _HTML, b"<title>drip</title>", stream=drip())


def gzip_bomb(size: int = ONE_GB) -> bytes:
    """A valid gzip stream of ``size`` bytes of HTML (mostly spaces), about 1 MB compressed."""
    head = b"<html><head><title>bomb</title></head><body>" + b" " * _CHUNK
    block = b" " * (1 << 20)
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    first = packer.compress(head) + packer.flush(zlib.Z_SYNC_FLUSH)
    middle = packer.compress(block) + packer.flush(zlib.Z_SYNC_FLUSH)
    repeats = (size - len(head)) // len(block)
    crc = zlib.crc32(head)
    for _ in range(repeats):
        crc = zlib.crc32(block, crc)
    total = len(head) + repeats * len(block)
    return first + middle * repeats + b"\x03\x00" + struct.pack("<II", crc, total & 0xFFFFFFFF)


def hostile_web() -> Web:
    """The hostile routes of :data:`EXPECTED`."""
    web = Web()
    retry_after = Response(429, (("Retry-After", "1"),))
    web.add(f"{HOSTILE}/retry-after", sequence([retry_after, _OK]))
    web.add(f"{HOSTILE}/503-twice", sequence([Response(503), Response(503), _OK]))
    reset = Response(200, _HTML, b"<title>cut</title>" + b"x" * 200_000, reset=True)
    web.add(f"{HOSTILE}/reset", sequence([reset, _OK]))
    web.redirect(f"{HOSTILE}/loop-a", "/loop-b")
    web.redirect(f"{HOSTILE}/loop-b", "/loop-a")
    web.add(f"{HOSTILE}/trickle", _trickle)
    web.add(f"{HOSTILE}/drip", _drip)
    for index, location in enumerate(UNFOLLOWABLE):
        web.redirect(f"{HOSTILE}/to-unsupported/{index}", location, status=302)
    web.add(f"{HOSTILE}/one-gb", _one_gb)
    gzip_headers = (*_HTML, ("Content-Encoding", "gzip"))
    web.add(f"{HOSTILE}/gzip-bomb", Response(200, gzip_headers, gzip_bomb()))
    brotli = (*_HTML, ("Content-Encoding", "br"))
    web.add(f"{HOSTILE}/brotli", Response(200, brotli, os.urandom(50_000)))
    page = f"<html><head><title>{JAPANESE}</title></head><body>{JAPANESE * 30}</body></html>"
    web.add(f"{HOSTILE}/undeclared-sjis", Response(200, _HTML, page.encode("cp932")))
    for hop in range(30):
        web.redirect(f"{HOSTILE}/chain/{hop}", f"/chain/{hop + 1}")
    web.page(f"{HOSTILE}/chain/30", "<title>end of the chain</title>")
    junk = tuple((f"X-Junk-{n}", "v" * 100) for n in range(3000))
    web.add(f"{HOSTILE}/header-bomb", Response(200, junk, b"<title>headers</title>"))
    malformed = b"<html><head><title>Broken <b>markup</title><body><p><<div>></a></td>&bogus;<p"
    web.add(f"{HOSTILE}/malformed", Response(200, _HTML, malformed))
    # declared UTF-8, with a Latin-1 byte and a broken sequence in an otherwise UTF-8 page
    bad = (
        "<title>正しいタイトル</title><p>" + "本文です。" * 40
    ).encode() + b"caf\xe9 \xc3\x28</p>"
    web.add(
        f"{HOSTILE}/bad-utf8", Response(200, (("Content-Type", "text/html; charset=utf-8"),), bad)
    )
    web.add(
        f"{HOSTILE}/binary",
        Response(200, (("Content-Type", "application/octet-stream"),), os.urandom(20_000)),
    )
    web.page("https://xn--r8jz45g.jp/", "<title>IDN host</title>")
    web.page(f"{HOSTILE}/記事/ウクライナ", "<title>Unicode path</title>")
    web.page(f"{HOSTILE}/記事/ロシア", "<title>Percent-encoded path</title>")
    return web


class Tarpit:
    """A TCP server on 127.0.0.1 that accepts every connection and never sends a byte.

    ``accepted`` counts the connections made to it, so a test can tell how often it was asked.
    """

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0), backlog=128)
        self._listener.settimeout(0.05)
        self._held: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self.accepted = 0

    @property
    def port(self) -> int:
        """The port it listens on."""
        return int(self._listener.getsockname()[1])

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join()
        for connection in [*self._held, self._listener]:
            connection.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            self._held.append(connection)
            self.accepted += 1
