"""A TLS server on 127.0.0.1 that chooses its protocol by ALPN, for the lean path's HTTPS tests.

The sample web's TLS server speaks HTTP/1.1 only (its ALPN offers ``http/1.1``).  This one
offers what it is told: ``("h2", "http/1.1")`` answers HTTP/2 (with the ``h2`` library) to a
client that offers it, ``()`` chooses no protocol at all (a server without ALPN), and every
connection that is not HTTP/2 gets plain HTTP/1.1 with keep-alive.  It records each request's
protocol and path, and how many connections (TLS handshakes) it accepted.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Self

import h2.config
import h2.connection
import h2.events
import trustme

__all__ = ["HeadRecorder", "LoopbackServer", "TlsServer", "request_heads", "send_page"]


def request_heads(sock: socket.socket) -> Iterator[bytes]:
    """Each request head (up to its blank line) a kept-alive HTTP/1.1 client sends on ``sock``,
    until it hangs up; the test clients send GETs, so there is no body to skip."""
    data = b""
    while True:
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                return
            data += chunk
        head, _, data = data.partition(b"\r\n\r\n")
        yield head


def send_page(sock: socket.socket, body: bytes) -> None:
    """A 200 HTML answer with its length, so the connection stays open for the next request."""
    sock.sendall(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )


class LoopbackServer:
    """A listening socket on 127.0.0.1 serving each accepted connection on a thread of its own
    (``_serve``), counting the connections: the accept loop the test servers here share."""

    def __init__(self) -> None:
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._server.getsockname()[1]
        self.connections = 0

    def start(self) -> None:
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._server.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        raise NotImplementedError


class HeadRecorder(LoopbackServer):
    """Plain HTTP/1.1 on kept-alive connections: records each request head as sent (``heads``),
    counts the requests for each target (``asked``) and answers each with :meth:`answer`
    (started at once)."""

    def __init__(self) -> None:
        super().__init__()
        self.heads: list[bytes] = []
        self.asked: dict[str, int] = {}
        self.start()

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with conn, contextlib.suppress(OSError):  # a client hangs up on an answer it refuses
            for head in request_heads(conn):
                self.heads.append(head)
                target = head.split(b" ")[1]
                self.asked[target.decode()] = self.asked.get(target.decode(), 0) + 1
                if self.answer(conn, target) is False:
                    return

    def answer(self, conn: socket.socket, target: bytes) -> bool | None:
        """Send the answer to a request for ``target`` (path and query) on ``conn``; ``False``
        to hang up after it."""
        raise NotImplementedError


class CannedAnswers(HeadRecorder):
    """Answers each request with the bytes ``answers`` holds for its target, then hangs up (an
    answer read until the end needs it)."""

    def __init__(self, answers: Mapping[bytes, bytes]) -> None:
        self._answers = dict(answers)
        super().__init__()

    def answer(self, conn: socket.socket, target: bytes) -> bool:
        conn.sendall(self._answers[target])
        return False


class TlsServer(LoopbackServer):
    """Serves ``<title>{protocol} {path}</title>`` for every GET, for one host name."""

    def __init__(
        self, host: str, folder: Path, *, alpn: Sequence[str], ca: trustme.CA | None = None
    ) -> None:
        self.ca = ca or trustme.CA()
        self.ca_path = folder / "tls-server-ca.pem"
        self.ca_path.write_bytes(self.ca.cert_pem.bytes())
        self._context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.ca.issue_cert(host).configure_cert(self._context)
        if alpn:
            self._context.set_alpn_protocols(list(alpn))
        super().__init__()
        self.requests: list[tuple[str, str]] = []
        """``(protocol, path)`` of each request served, protocol ``h2`` or ``http/1.1``."""

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def _serve(self, conn: socket.socket) -> None:
        conn.settimeout(5)
        try:
            with self._context.wrap_socket(conn, server_side=True) as tls:
                if tls.selected_alpn_protocol() == "h2":
                    self._h2(tls)
                else:
                    self._h1(tls)
        except OSError:
            return  # the client hung up or the handshake failed: nothing to serve

    def _page(self, protocol: str, path: str) -> bytes:
        self.requests.append((protocol, path))
        return f"<title>{protocol} {path}</title>".encode()

    def _h2(self, tls: ssl.SSLSocket) -> None:
        h2c = h2.connection.H2Connection(h2.config.H2Configuration(client_side=False))
        h2c.initiate_connection()
        tls.sendall(h2c.data_to_send())
        while data := tls.recv(65536):
            for event in h2c.receive_data(data):
                if isinstance(event, h2.events.RequestReceived):
                    headers = dict(event.headers or ())
                    body = self._page("h2", bytes(headers[b":path"]).decode())
                    h2c.send_headers(
                        event.stream_id,
                        [
                            (":status", "200"),
                            ("content-type", "text/html"),
                            ("content-length", str(len(body))),
                        ],
                    )
                    h2c.send_data(event.stream_id, body, end_stream=True)
                elif isinstance(event, h2.events.ConnectionTerminated):
                    return
            tls.sendall(h2c.data_to_send())

    def _h1(self, tls: ssl.SSLSocket) -> None:
        for head in request_heads(tls):
            path = head.split(b"\r\n", 1)[0].split(b" ")[1].decode()
            send_page(tls, self._page("http/1.1", path))
