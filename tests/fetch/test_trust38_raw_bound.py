"""A compressed body that decodes to nothing is read with a bound (trust, session 38).

A ``Content-Encoding: gzip`` body of one small page and then gzip members that are empty, sent
without end, never reached the decoded cap (``--max-bytes``): every raw byte was read until the
request's deadline.  Raw bytes past twice the cap now end the read, the body truncated.
"""

from __future__ import annotations

import asyncio
import gzip
from collections.abc import AsyncIterator

import httpx

from checker.fetch.body import Reply, read_body

_PAGE = b"<html><head><title>Post</title></head><body><p>Text.</p></body></html>"
_EMPTY = gzip.compress(b"", mtime=0)


def _reply(body: AsyncIterator[bytes], sent: list[int]) -> Reply:
    async def counted() -> AsyncIterator[bytes]:
        async for chunk in body:
            sent[0] += len(chunk)
            yield chunk

    headers = [("content-encoding", "gzip"), ("content-type", "text/html")]
    response = httpx.Response(200, headers=headers, content=counted())
    return Reply(
        response,
        status_code=200,
        reason="OK",
        http_version="HTTP/1.1",
        headers=headers,
        location=None,
        target=b"/",
        request_headers=[],
    )


async def _padded(members: int) -> AsyncIterator[bytes]:
    yield gzip.compress(_PAGE, mtime=0)
    for _ in range(members // 1000):
        yield _EMPTY * 1000


def test_a_body_of_empty_members_stops_past_twice_the_cap() -> None:
    sent = [0]
    cap = 10_000
    body = asyncio.run(read_body(_reply(_padded(200_000), sent), cap))  # 4 MB of empty members
    assert body.truncated
    assert body.data == _PAGE
    assert sent[0] < 2 * cap + (1 << 16) + len(_EMPTY) * 1000  # the base: all 4 MB


def test_a_whole_compressed_body_within_the_cap_is_read_whole() -> None:
    sent = [0]
    body = asyncio.run(read_body(_reply(_padded(1000), sent), 10_000))
    assert not body.truncated and body.data == _PAGE
