"""A throwaway certificate authority that can vouch for any hostname the sample web is asked for.

Tests and ``citecheck demo`` check cited URLs exactly as written (``https://www.foreignaffairs.com/…``)
while the fetch engine routes the connection to 127.0.0.1 and trusts our CA through ``--cacert``.
For TLS to succeed, the local HTTPS server must present a certificate for whatever name the client
puts in SNI.  Rather than list hosts up front, :meth:`CertificateAuthority.server_context` installs
an SNI callback that issues (and caches) a leaf certificate for each new server name on demand.
"""

from __future__ import annotations

import ssl
import threading
from pathlib import Path

import trustme

__all__ = ["CertificateAuthority"]

_NO_SNI_IDENTITIES = ("localhost", "127.0.0.1")


class CertificateAuthority:
    """One in-memory CA (``trustme``) plus a cache of leaf contexts, one per server name."""

    def __init__(self) -> None:
        self._ca = trustme.CA(organization_name="citecheck sample web")
        self._lock = threading.Lock()
        self._leaf_contexts: dict[str, ssl.SSLContext] = {}

    @property
    def cert_pem(self) -> bytes:
        """The CA certificate in PEM form: what a client must trust."""
        return bytes(self._ca.cert_pem.bytes())

    def write_pem(self, path: Path) -> Path:
        """Write the CA certificate to ``path`` (for ``--cacert``) and return the path."""
        path.write_bytes(self.cert_pem)
        return path

    def client_context(self) -> ssl.SSLContext:
        """A client context that trusts this CA only, with hostname checking on."""
        context = ssl.create_default_context(cadata=self.cert_pem.decode("ascii"))
        return context

    def server_context(self) -> ssl.SSLContext:
        """A server context whose certificate follows the name the client asks for in SNI.

        Clients that send no SNI (connecting to an IP address) get a certificate for
        ``localhost`` and ``127.0.0.1``.
        """
        context = self._leaf_context(None)
        context.sni_callback = self._select_certificate
        return context

    def _select_certificate(
        self, sock: ssl.SSLObject | ssl.SSLSocket, server_name: str | None, _: ssl.SSLContext
    ) -> None:
        sock.context = self._leaf_context(server_name)

    def _leaf_context(self, server_name: str | None) -> ssl.SSLContext:
        key = (server_name or "").lower()
        with self._lock:
            context = self._leaf_contexts.get(key)
            if context is None:
                context = self._issue_context(key)
                self._leaf_contexts[key] = context
            return context

    def _issue_context(self, server_name: str) -> ssl.SSLContext:
        identities = (server_name,) if server_name else _NO_SNI_IDENTITIES
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        context.set_alpn_protocols(["http/1.1"])
        self._ca.issue_cert(*identities).configure_cert(context)
        return context
