"""``--connect-to`` and ``--cacert`` as an HTTP transport.

curl's ``--connect-to HOST1:PORT1:HOST2:PORT2`` changes only where the TCP connection goes: the
URL, the Host header and the TLS server name stay those of the cited URL.  That is what lets tests
and the demo check ``https://www.foreignaffairs.com/...`` exactly as written against a local
server.  httpcore resolves and connects through a *network backend*, below TLS and HTTP, so a
backend that rewrites ``(host, port)`` before connecting gives exactly curl's meaning; the
server name for TLS is still taken from the request URL by httpcore.

The same backend is where ``safety`` is enforced: a host with no connect-to rule is resolved
here, every address is checked, and the connection goes to a checked address (no rebinding
window).  A connect-to target is the user's explicit choice and is always allowed.
"""

from __future__ import annotations

import binascii
import os
import socket
import ssl
import sys
import urllib.request
from collections.abc import Iterable, Sequence
from functools import partial
from typing import Any, NoReturn
from urllib.parse import urlsplit

import httpcore
import httpx

from checker.config import Config, ConnectTo
from checker.errors import ConfigError
from checker.fetch.h1 import H1Transport
from checker.fetch.network import NO_ROUTE, Resolver, causes, system_resolver
from checker.fetch.pools import HostPools, pool_limits
from checker.fetch.safety import ForbiddenAddressError, forbidden_reason
from checker.fetch.streams import AsyncioBackend
from checker.redact import redact_url

__all__ = ["ProxyUnreachableError", "make_ssl_context", "make_transport", "proxy_mounts"]


class _ConnectToBackend(httpcore.AsyncNetworkBackend):
    """Connects where the first matching rule says; otherwise to a checked address of the URL's."""

    def __init__(
        self,
        rules: Sequence[ConnectTo],
        *,
        allow_private: bool = False,
        resolve: Resolver = system_resolver,
    ) -> None:
        self._rules = tuple(rules)
        self._allow_private = allow_private
        self._resolve = resolve
        self._inner = AsyncioBackend()

    def target(self, host: str, port: int) -> tuple[str, int]:
        """The address a connection to ``host:port`` really goes to."""
        rule = self._rule_for(host, port)
        if rule is not None:
            return rule.target_host or host, rule.target_port or port
        return host, port

    def _rule_for(self, host: str, port: int) -> ConnectTo | None:
        return next((rule for rule in self._rules if rule.matches(host, port)), None)

    async def _addresses(self, host: str, port: int) -> list[str]:
        """Every address of ``host``, refused as a whole if any of them is not public."""
        try:
            addresses = await self._resolve(host, port)
        except OSError as exc:
            raise httpcore.ConnectError(str(exc)) from exc
        if not self._allow_private:
            for address in addresses:
                reason = forbidden_reason(address)
                if reason is not None:
                    raise ForbiddenAddressError(f"{host} resolves to {reason}")
        return addresses

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        rule = self._rule_for(host, port)
        if rule is not None:
            real_host, real_port = rule.target_host or host, rule.target_port or port
            return await self._inner.connect_tcp(
                real_host, real_port, timeout, local_address, socket_options
            )
        error: httpcore.ConnectError | None = None
        for address in await self._addresses(host, port):
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except httpcore.ConnectError as exc:
                error = exc
        raise error or httpcore.ConnectError(f"{host} has no address")

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
    """Trust ``--cacert`` alone when given (curl's meaning), else SSL_CERT_FILE/DIR or certifi.

    The context :func:`preload_ssl_context` made for the same trust is taken instead, once.

    A CA file that holds no certificate is the user's input, not a bug: a ConfigError (one line,
    exit 2) naming where it came from, so the user's files are looked at now.  Bundles of many
    certificates (SSL_CERT_FILE, certifi's) are parsed on the first TLS handshake instead
    (:class:`_LazyContext`): a run of ``http://`` URLs, or a warm rerun that fetches nothing,
    never pays for them.
    """
    if _PRELOADED and _PRELOADED[0][0] == _trust_of(config):
        return _PRELOADED.pop()[1]
    if config.fetch.cacert is not None:
        try:
            return ssl.create_default_context(cafile=str(config.fetch.cacert))
        except (ssl.SSLError, OSError) as exc:
            raise ConfigError(
                f"--cacert {config.fetch.cacert}: not a PEM file of CA certificates ({exc})"
            ) from exc
    bundle = os.environ.get("SSL_CERT_FILE")
    if bundle:  # httpx's precedence: the file before the folder
        label = f"SSL_CERT_FILE {bundle}"
        problem = _pem_problem(bundle)
        if problem is not None:
            raise ConfigError(
                f"the CA certificates cannot be loaded ({label}: {problem}); "
                "check SSL_CERT_FILE and SSL_CERT_DIR"
            )
        return _LazyContext.default(label, bundle)
    if os.environ.get("SSL_CERT_DIR"):  # a folder is read certificate by certificate, as needed
        try:
            return httpx.create_ssl_context(verify=True, trust_env=True)
        except (ssl.SSLError, OSError) as exc:
            raise ConfigError(
                f"the CA certificates cannot be loaded ({exc}); "
                "check SSL_CERT_FILE and SSL_CERT_DIR"
            ) from exc
    return _LazyContext.default("certifi's CA certificates", None)


_PRELOADED: list[tuple[tuple[str | None, ...], ssl.SSLContext]] = []
"""The context :func:`preload_ssl_context` loaded, with the trust it was made for."""


def _trust_of(config: Config) -> tuple[str | None, ...]:
    """What decides a context's trust and settings: a context is reused only for the same."""
    cacert = config.fetch.cacert
    return (
        None if cacert is None else str(cacert),
        *(os.environ.get(name) for name in ("SSL_CERT_FILE", "SSL_CERT_DIR", "SSLKEYLOGFILE")),
    )


def preload_ssl_context(config: Config) -> None:
    """Make the run's context and read its CA bundle now, in the driver before it forks its
    workers: each forked worker then takes it read (:func:`make_ssl_context`, once a process),
    where each read certifi's ~150 certificates again on its first handshake (~240 M
    instructions, ~0.1 s of CPU a worker; issue 19, session 37's note).  The driver reads them
    on its own first handshake either way.  A bundle that cannot be read is left to that
    handshake, which says so as it did (nothing is kept)."""
    context = make_ssl_context(config)
    if not isinstance(context, _LazyContext):
        return  # ``--cacert`` (read already) or SSL_CERT_DIR (read as needed)
    try:
        context.load()
    except ConfigError:
        return
    _PRELOADED[:] = [(_trust_of(config), context)]


_PEM_BEGIN = "-----BEGIN "
_PEM_CERTIFICATES = ("CERTIFICATE-----", "TRUSTED CERTIFICATE-----", "X509 CRL-----")


def _pem_problem(path: str) -> str | None:
    """What makes ``path`` no PEM bundle of certificates (None: it looks like one).

    The cheap part of OpenSSL's reading: the file opens, holds at least one certificate block,
    and every block's body is base64.  Parsing each certificate (~240 M instructions for
    certifi's 150) is left to the first handshake; a block that is base64 but no certificate
    then fails that handshake as a ConfigError, as a broken certifi install does.
    """
    try:
        with open(path, "rb") as file:
            text = file.read().decode("ascii", "replace")
    except OSError as exc:
        return exc.strerror or str(exc)
    found = 0
    start = text.find(_PEM_BEGIN)
    while start != -1:
        head_end = text.find("\n", start)
        label = text[start + len(_PEM_BEGIN) : head_end].strip() if head_end != -1 else ""
        end = text.find("-----END ", head_end) if head_end != -1 else -1
        if end == -1:
            return "a PEM block is not closed"
        if label in _PEM_CERTIFICATES:
            try:
                binascii.a2b_base64("".join(text[head_end:end].split()), strict_mode=True)
            except (binascii.Error, ValueError):
                return "a certificate block is not base64"
            found += 1
        start = text.find(_PEM_BEGIN, end)
    return None if found else "no certificate found"


class _LazyContext(ssl.SSLContext):
    """A client context as :func:`ssl.create_default_context` makes it with a ``cafile``, the
    file read on the first handshake.

    Parsing a bundle of ~150 certificates was ~240 M instructions, 15 % of a one-URL check's
    CPU and 75-100 ms of a warm rerun that fetches nothing (issue 19), paid by every run.
    Every TLS connection starts with :meth:`wrap_bio` (asyncio's and httpcore's streams) or
    :meth:`wrap_socket`, so the bundle is loaded there, before any certificate is verified; the
    settings are the standard library's defaults for a client (tests/test_startup.py compares
    them).  ``cafile`` None is certifi's bundle.
    """

    _loaded = False
    _label = ""
    _cafile: str | None = None

    @classmethod
    def default(cls, label: str, cafile: str | None) -> _LazyContext:
        """A client context as :func:`ssl.create_default_context` makes it, bundle not read."""
        context = cls(ssl.PROTOCOL_TLS_CLIENT)
        context.verify_mode = ssl.CERT_REQUIRED
        context.check_hostname = True
        keylog = os.environ.get("SSLKEYLOGFILE")
        if keylog and not sys.flags.ignore_environment:
            context.keylog_filename = keylog
        context._label = label
        context._cafile = cafile
        return context

    @property
    def loaded(self) -> bool:
        """Whether the bundle was read (a handshake started)."""
        return self._loaded

    def load(self) -> None:
        """Read the bundle into this context, once.

        A bundle that cannot be read now is a broken install or environment, raised as a
        ConfigError (the handshake fails; the fetcher reports an internal error), never an
        ``ssl.SSLError``, which would read as the source's TLS failing (a false alarm).
        """
        if self._loaded:
            return
        cafile = self._cafile
        if cafile is None:
            import certifi  # noqa: PLC0415 (httpx's dependency; imported by its transports anyway)

            cafile = certifi.where()
        try:
            self.load_verify_locations(cafile=cafile)
        except (ssl.SSLError, OSError) as exc:
            raise ConfigError(f"{self._label} cannot be loaded ({exc})") from exc
        self._loaded = True

    def wrap_bio(self, *args: Any, **kwargs: Any) -> ssl.SSLObject:
        self.load()
        return super().wrap_bio(*args, **kwargs)

    def wrap_socket(self, *args: Any, **kwargs: Any) -> ssl.SSLSocket:
        self.load()
        return super().wrap_socket(*args, **kwargs)


def proxy_mounts(
    config: Config, ssl_context: ssl.SSLContext, direct: httpx.AsyncBaseTransport
) -> dict[str, httpx.AsyncBaseTransport]:
    """Transports for ``HTTP_PROXY``/``HTTPS_PROXY``/``ALL_PROXY``, with ``NO_PROXY`` hosts direct.

    httpx reads these variables only when it builds its own transport; citecheck passes its own
    (for ``--connect-to`` and the address check), so the environment is read here instead, with
    the standard library's reading of it.  Through a proxy, the proxy makes the connection:
    ``--connect-to`` and the private-address check apply to reaching the proxy, as in curl.
    """
    proxies = urllib.request.getproxies_environment()
    mounts: dict[str, httpx.AsyncBaseTransport] = {}
    for scheme in ("http", "https"):
        key = scheme if proxies.get(scheme) else "all"
        proxy = proxies.get(key)
        if proxy:
            proxy = _usable_proxy(proxy if "://" in proxy else f"http://{proxy}", key)
            mounts[f"{scheme}://"] = HostPools(
                partial(_proxy_pool, config, ssl_context, proxy), keep=_kept_pools(config)
            )
    if not mounts:
        return mounts
    patterns, unusable = no_proxy_patterns(proxies.get("no", ""))
    if patterns is None:
        return {}
    for entry in unusable:
        _warn_once(f"NO_PROXY entry {entry!r} is not a host name or address; ignored")
    for pattern in patterns:
        mounts[pattern] = direct
    return mounts


def no_proxy_patterns(value: str) -> tuple[list[str] | None, list[str]]:
    """The httpx mount patterns ``NO_PROXY`` sends direct (None for ``*``: every host), and the
    entries skipped.

    httpx parses a pattern's host (IDNA-decoding it) when the client is built: an entry such as
    ``xn--zz`` (not valid Punycode) or ``::1`` raised there, so one bad entry in a shared
    environment stopped every run with an internal error.  curl ignores an entry it cannot use,
    and so does citecheck, naming it.  A name covers its subdomains, a leading dot and a port
    are dropped (the standard library's reading), and an IPv6 address is written either way.
    """
    patterns: list[str] = []
    unusable: list[str] = []
    for entry in (e.strip() for e in value.split(",")):
        host = entry.lower()
        if host == "*":
            return None, unusable
        if not host:
            continue
        mine = _no_proxy_entry_patterns(host)
        if mine:
            patterns.extend(mine)
        else:
            unusable.append(entry)
    return patterns, unusable


def _no_proxy_entry_patterns(entry: str) -> list[str]:
    """The mount patterns of one lower-cased ``NO_PROXY`` entry, empty if httpx cannot parse one."""
    if entry.startswith("["):
        hosts = [entry[: entry.find("]") + 1]] if "]" in entry else []
    elif entry.count(":") > 1:
        hosts = [f"[{entry}]"]
    else:
        bare = entry.lstrip(".").split(":")[0]
        hosts = [bare, f"*.{bare}"] if bare else []
    patterns = [f"all://{host}" for host in hosts]
    try:
        for pattern in patterns:
            url = httpx.URL(pattern)
            url.host, url.port  # noqa: B018  (what httpx's URLPattern reads, raising as it would)
    except (httpx.InvalidURL, ValueError):
        return []
    return patterns


_warned: set[str] = set()


def _warn_once(message: str) -> None:
    """One warning line on stderr per message and process, as the store's moved-aside warning."""
    if message not in _warned:
        _warned.add(message)
        print(f"citecheck: warning: {message}", file=sys.stderr)


def _usable_proxy(proxy: str, key: str) -> str:
    """``proxy`` when an http(s) proxy URL with a host and a port, else a ConfigError naming it.

    A proxy URL that cannot work is the environment's fault, not each citation's: it failed
    every request, so a run reported every citation as an internal error.
    """
    try:
        parts = urlsplit(proxy)
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError as exc:
        raise ConfigError(f"{key.upper()}_PROXY {proxy!r} is not a URL ({exc})") from exc
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ConfigError(
            f"{key.upper()}_PROXY {proxy!r}: use an http:// or https:// proxy URL with a host"
        )
    return proxy


class ProxyUnreachableError(httpx.ConnectError):
    """The proxy itself could not be reached: its name does not resolve, or it refuses.

    Through a forward proxy, citecheck never connects to a cited host: the proxy does, and a
    dead cited host comes back as the proxy's answer (502, 504, a refused CONNECT).  So a failed
    lookup or a refused connection is the proxy's, and says nothing about the source: reported
    per citation as ``broken`` (and remembered in the store as a strike), it would condemn every
    source of a run behind a mistyped ``HTTPS_PROXY``.
    """

    def __init__(self, proxy: str, cause: BaseException) -> None:
        super().__init__(f"the proxy {proxy} cannot be reached ({cause})")
        self.proxy = proxy


class _ProxyTransport(H1Transport):
    """A proxy pool whose connection failures name the proxy (:class:`ProxyUnreachableError`)."""

    def __init__(self, proxy: str, **options: Any) -> None:
        super().__init__(proxy=proxy, **options)
        self._proxy = redact_url(proxy)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return await super().handle_async_request(request)
        except httpx.ConnectError as exc:
            self._name_the_proxy(exc)
            raise

    def _failed(self, exc: Exception) -> NoReturn:
        """A failure of the fetcher's GET through a plain-HTTP proxy (``client._route``),
        named as :meth:`handle_async_request` names it."""
        try:
            super()._failed(exc)
        except httpx.ConnectError as mapped:
            self._name_the_proxy(mapped)
            raise

    def _name_the_proxy(self, exc: httpx.ConnectError) -> None:
        """Raise ``exc`` as :class:`ProxyUnreachableError` if reaching the proxy failed (once:
        ``handle_async_request`` reaches ``exchange`` for a plain ``http://`` URL)."""
        if not isinstance(exc, ProxyUnreachableError) and _reaching_the_proxy_failed(exc):
            raise ProxyUnreachableError(self._proxy, exc) from exc


def _reaching_the_proxy_failed(exc: BaseException) -> bool:
    """A failed lookup, or a refused or unroutable connection: only the proxy is connected to."""
    return any(
        isinstance(e, socket.gaierror | ConnectionRefusedError)
        or (isinstance(e, OSError) and e.errno in NO_ROUTE)
        for e in causes(exc)
    )


def _proxy_pool(
    config: Config, ssl_context: ssl.SSLContext, proxy: str
) -> httpx.AsyncHTTPTransport:
    transport = _ProxyTransport(
        proxy,
        keep=config.politeness.per_host_concurrency,
        verify=ssl_context,
        http2=config.fetch.http2,
        limits=pool_limits(config.politeness.per_host_concurrency, config.politeness.concurrency),
    )
    _set_backend(transport, AsyncioBackend())
    return transport


def make_transport(
    config: Config, ssl_context: ssl.SSLContext, resolve: Resolver = system_resolver
) -> HostPools:
    """The direct (non-proxied) transport, with connect-to rules applied below TLS; host names
    without a rule are looked up with ``resolve``."""
    return HostPools(partial(_direct_pool, config, ssl_context, resolve), keep=_kept_pools(config))


def _kept_pools(config: Config) -> int:
    """Host pools kept open: enough for every host the run may be asking at once, twice over."""
    return max(16, 2 * config.politeness.concurrency)


def _direct_pool(config: Config, ssl_context: ssl.SSLContext, resolve: Resolver) -> H1Transport:
    transport = H1Transport(
        keep=config.politeness.per_host_concurrency,
        verify=ssl_context,
        http2=config.fetch.http2,
        limits=pool_limits(config.politeness.per_host_concurrency, config.politeness.concurrency),
        trust_env=True,
    )
    backend = _ConnectToBackend(
        config.fetch.connect_to, allow_private=config.fetch.allow_private, resolve=resolve
    )
    _set_backend(transport, backend)
    return transport


def _set_backend(
    transport: httpx.AsyncHTTPTransport, backend: httpcore.AsyncNetworkBackend
) -> None:
    """Make ``transport``'s pool connect through ``backend``.

    httpx builds its httpcore pool without a way to pass a network backend; the pool keeps it in
    one attribute that httpcore 1.x has always had (pinned in pyproject.toml, and
    tests/fetch/test_client.py fails loudly if it ever moves).  A proxy pool is a subclass.
    """
    pool = transport._pool
    assert isinstance(pool, httpcore.AsyncConnectionPool)
    pool._network_backend = backend
