"""Reading a response body with every size bounded, compressed or not.

httpx's ``aiter_bytes`` decompresses each network chunk in one call with no output limit, so a
64 KiB chunk of a gzip bomb can become 64 MiB in memory before any cap is checked.  Here the raw
bytes are read (``aiter_raw``) and decompressed with zlib's ``max_length``, so no more than the
cap (plus one byte, to know it was exceeded) is ever produced.  Only ``gzip`` and ``deflate`` are
asked for (``ACCEPT_ENCODING``); a body in any other coding (``br``, ``zstd``) is not decoded at
all, and reported as having no readable content rather than decompressed without a bound.
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from httpx import StreamClosed, StreamConsumed

if TYPE_CHECKING:
    import httpx

__all__ = ["ACCEPT_ENCODING", "Body", "read_body"]

ACCEPT_ENCODING = "gzip, deflate"


@dataclass(frozen=True, slots=True)
class Body:
    """The (decompressed) head of a body; ``readable`` is false for a coding we do not decode."""

    data: bytes
    truncated: bool
    readable: bool = True


class _Decoder(Protocol):
    def feed(self, data: bytes, limit: int) -> bytes: ...


class _Identity:
    def feed(self, data: bytes, limit: int) -> bytes:
        return data[:limit]


class _Zlib:
    """gzip or deflate (zlib-wrapped, or raw as some servers send it), output bounded."""

    def __init__(self, wbits: int) -> None:
        self._wbits = wbits
        self._inner = zlib.decompressobj(wbits)
        self._started = False

    def feed(self, data: bytes, limit: int) -> bytes:
        try:
            out = self._inner.decompress(data, limit)
        except zlib.error:
            if self._started or self._wbits != zlib.MAX_WBITS:
                raise
            self._inner = zlib.decompressobj(-zlib.MAX_WBITS)
            out = self._inner.decompress(data, limit)
        self._started = True
        return out


def _decoder(content_encoding: str | None) -> _Decoder | None:
    codings = [c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    if not codings:
        return _Identity()
    if codings in (["gzip"], ["x-gzip"]):
        return _Zlib(zlib.MAX_WBITS | 16)
    if codings == ["deflate"]:
        return _Zlib(zlib.MAX_WBITS)
    return None


async def read_body(response: httpx.Response, cap: int) -> Body:
    """At most ``cap`` decompressed bytes of ``response``; stop reading as soon as it is reached."""
    decoder = _decoder(response.headers.get("content-encoding"))
    if decoder is None:
        return Body(b"", truncated=False, readable=False)
    chunks: list[bytes] = []
    size = 0
    stream = _raw(response)
    try:
        async for raw in stream:
            if not raw:
                continue  # as ``aiter_raw`` skips them: an empty chunk is no data
            piece = decoder.feed(raw, cap - size + 1)
            chunks.append(piece)
            size += len(piece)
            if size > cap:
                return Body(b"".join(chunks)[:cap], truncated=True)
    except zlib.error:
        return Body(b"".join(chunks), truncated=True, readable=size > 0)
    await response.aclose()  # read to its end: released now, as ``aiter_raw`` does
    return Body(b"".join(chunks), truncated=False)


def _raw(response: httpx.Response) -> AsyncIterable[bytes]:
    """The response's raw body, iterated as httpx's ``aiter_raw`` iterates it, without that
    async generator: asyncio registers and unregisters each one (issue 19)."""
    if response.is_stream_consumed:
        raise StreamConsumed()
    if response.is_closed:
        raise StreamClosed()
    stream = response.stream
    assert isinstance(stream, AsyncIterable)  # an async client's response
    response.is_stream_consumed = True
    return stream
