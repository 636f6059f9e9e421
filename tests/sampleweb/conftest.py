"""Fixtures for the sample web tests: a raw HTTP(S) client that keeps the cited host intact.

``http.client.HTTPSConnection`` would send SNI for the address it connects to, so the client here
opens the socket to 127.0.0.1 itself and wraps it with the hostname of the URL, exactly what the
fetch engine's ``--connect-to`` does.
"""

from __future__ import annotations

import http.client
import socket
import ssl
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest

from checker.sampleweb import SampleWeb

__all__ = ["Answer", "Fetch"]


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


Fetch = Callable[..., Answer]


def open_connection(
    site: SampleWeb, url: str, *, context: ssl.SSLContext | None = None, timeout: float = 5.0
) -> http.client.HTTPConnection:
    """A connection for ``url``'s host, routed to the sample web like ``--connect-to`` does."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = site.https_port if parts.scheme == "https" else site.http_port
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    connection = http.client.HTTPConnection(host, timeout=timeout)
    if parts.scheme == "https":
        tls = context or site.ca.client_context()
        try:
            connection.sock = tls.wrap_socket(sock, server_hostname=host)
        except BaseException:
            sock.close()
            raise
    else:
        connection.sock = sock
    return connection


def target_of(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def read_answer(connection: http.client.HTTPConnection) -> Answer:
    response = connection.getresponse()
    body = response.read()
    return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, body)


@pytest.fixture
def fetch() -> Iterator[Fetch]:
    """``fetch(site, url, method="GET")``: one request on a fresh connection, closed after."""
    opened: list[http.client.HTTPConnection] = []

    def _fetch(site: SampleWeb, url: str, method: str = "GET", timeout: float = 5.0) -> Answer:
        connection = open_connection(site, url, timeout=timeout)
        opened.append(connection)
        connection.request(method, target_of(url))
        return read_answer(connection)

    yield _fetch
    for connection in opened:
        connection.close()
