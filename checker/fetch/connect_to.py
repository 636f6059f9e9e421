"""``--connect-to`` and ``--cacert`` as an HTTP transport.

curl's ``--connect-to HOST1:PORT1:HOST2:PORT2`` changes only where the TCP connection goes: the
URL, the Host header and the TLS server name stay those of the cited URL.  That is what lets tests
and the demo check ``https://www.foreignaffairs.com/...`` exactly as written against a local
server.  httpcore resolves and connects through a *network backend*, below TLS and HTTP, so a
backend that rewrites ``(host, port)`` before connecting gives exactly curl's meaning; the
server name for TLS is still taken from the request URL by httpcore.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterable, Sequence

import httpcore
import httpx

from checker.config import Config, ConnectTo

__all__ = ["make_ssl_context", "make_transport"]


class _ConnectToBackend(httpcore.AsyncNetworkBackend):
    """Connects where the first matching rule says; otherwise where the URL says."""

    def __init__(self, rules: Sequence[ConnectTo]) -> None:
        self._rules = tuple(rules)
        self._inner = httpcore.AnyIOBackend()

    def target(self, host: str, port: int) -> tuple[str, int]:
        """The address a connection to ``host:port`` really goes to."""
        for rule in self._rules:
            if rule.matches(host, port):
                return rule.target_host or host, rule.target_port or port
        return host, port

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        real_host, real_port = self.target(host, port)
        return await self._inner.connect_tcp(
            real_host, real_port, timeout, local_address, socket_options
        )

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        return await self._inner.connect_unix_socket(path, timeout, socket_options)

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def make_ssl_context(config: Config) -> ssl.SSLContext:
    """Trust ``--cacert`` alone when given (curl's meaning), else SSL_CERT_FILE/DIR or certifi."""
    if config.cacert is not None:
        return ssl.create_default_context(cafile=str(config.cacert))
    return httpx.create_ssl_context(verify=True, trust_env=True)


def make_transport(config: Config, ssl_context: ssl.SSLContext) -> httpx.AsyncHTTPTransport:
    """The direct (non-proxied) transport, with connect-to rules applied below TLS."""
    transport = httpx.AsyncHTTPTransport(
        verify=ssl_context,
        http2=config.http2,
        limits=httpx.Limits(max_connections=config.concurrency, max_keepalive_connections=20),
        trust_env=True,
    )
    if config.connect_to:
        # httpx builds its httpcore pool without a way to pass a network backend; the pool keeps
        # it in one attribute that httpcore 1.x has always had (pinned in pyproject.toml, and
        # tests/fetch/test_connect_to.py fails loudly if it ever moves).
        pool = transport._pool
        assert isinstance(pool, httpcore.AsyncConnectionPool)
        pool._network_backend = _ConnectToBackend(config.connect_to)
    return transport
