"""The one HTTP engine: every byte citecheck reads from the network comes through here.

Layers, outermost first, each a plain piece of code in this order:

1. in-run dedupe: one task per URL, however many citations or pages ask for it;
2. global concurrency limit;
3. retry loop (``retry.RetryPolicy``: what to retry, how long to wait);
4. redirects, followed by hand so each hop is recorded and loops and long chains are caught;
5. per-host concurrency limit, held for each single request;
6. the size cap while streaming the body, then charset decoding (``decode``);
7. the transport: connection reuse, HTTP/2 where offered, ``--connect-to`` and ``--cacert``
   (``connect_to``), proxies and CA variables from the environment (httpx ``trust_env``).

Failures are data: whatever goes wrong becomes a :class:`FetchResult` with an
:class:`Outcome`, so one bad source never stops the run.  Foreign exceptions are translated to an
Outcome in exactly one place, :func:`_outcome_of`.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
import time
from collections.abc import Mapping
from dataclasses import replace
from types import TracebackType
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from checker.config import Config
from checker.encoding import decode_body, is_textual
from checker.fetch.connect_to import make_ssl_context, make_transport
from checker.fetch.retry import RetryPolicy
from checker.model import FetchResult, Hop, Outcome

__all__ = ["HttpFetcher"]

_REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})


class HttpFetcher:
    """The pipeline's :class:`~checker.model.Fetcher`: polite, deduplicated, failure-as-data.

    Use as an async context manager; ``requests`` counts the HTTP requests actually sent (every
    try and every redirect hop), for reports and tests that prove nothing is fetched twice.
    """

    def __init__(self, config: Config, *, version: str) -> None:
        self._config = config
        self._policy = RetryPolicy(config.retries, config.retry_backoff)
        ssl_context = make_ssl_context(config)
        self._client = httpx.AsyncClient(
            transport=make_transport(config, ssl_context),
            verify=ssl_context,
            http2=config.http2,
            trust_env=True,
            follow_redirects=False,
            timeout=httpx.Timeout(config.timeout, connect=config.connect_timeout),
            headers={"User-Agent": config.user_agent.format(version=version)},
        )
        self._tasks: dict[str, asyncio.Task[FetchResult]] = {}
        self._global = asyncio.Semaphore(config.concurrency)
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self.requests = 0

    async def __aenter__(self) -> HttpFetcher:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for task in self._tasks.values():
            task.cancel()
        await self._client.aclose()

    async def get(self, url: str) -> FetchResult:
        """Fetch ``url`` once per run; later calls share the first call's result."""
        key = url.split("#", 1)[0]
        task = self._tasks.get(key)
        if task is None:
            task = asyncio.create_task(self._fetch(key))
            self._tasks[key] = task
        return await asyncio.shield(task)

    async def _fetch(self, url: str) -> FetchResult:
        problem = _check_url(url)
        if problem is not None:
            return problem
        async with self._global:
            attempt = 1
            while True:
                started = time.monotonic()
                try:
                    async with asyncio.timeout(self._config.total_timeout):
                        result = await self._follow(url)
                except TimeoutError:
                    result = FetchResult(url, Outcome.TIMEOUT, error="total time per URL exceeded")
                result = _with(result, elapsed=time.monotonic() - started, attempts=attempt)
                if not self._policy.should_retry(result, attempt):
                    return result
                await asyncio.sleep(self._policy.wait(result, attempt))
                attempt += 1

    async def _follow(self, url: str) -> FetchResult:
        hops: list[Hop] = []
        seen = {url}
        current = url
        while True:
            result, location = await self._request(current)
            if location is None or result.status_code not in _REDIRECT_CODES:
                return _with(result, url=url, final_url=current, redirects=tuple(hops))
            hops.append(Hop(current, result.status_code))
            target = urljoin(current, location)
            problem = _check_url(target)
            if problem is not None:
                return _with(
                    problem,
                    url=url,
                    final_url=target,
                    redirects=tuple(hops),
                    error=f"bad redirect target: {problem.error}",
                )
            if target in seen or len(hops) >= self._config.max_redirects:
                reason = "redirect loop" if target in seen else "too many redirects"
                return FetchResult(
                    url,
                    Outcome.TOO_MANY_REDIRECTS,
                    final_url=target,
                    redirects=tuple(hops),
                    error=f"{reason} after {len(hops)} hops",
                )
            seen.add(target)
            current = target

    async def _request(self, url: str) -> tuple[FetchResult, str | None]:
        """One GET, under the host's limit; returns the result and any redirect Location."""
        host = urlsplit(url).hostname or ""
        limit = self._hosts.setdefault(host, asyncio.Semaphore(self._config.per_host_concurrency))
        async with limit:
            self.requests += 1
            try:
                async with self._client.stream("GET", url) as response:
                    headers = _headers(response.headers)
                    location = response.headers.get("location")
                    if response.status_code in _REDIRECT_CODES and location:
                        return _result(url, response, headers), location
                    body, truncated = await self._read(response)
            except (httpx.HTTPError, OSError, ssl.SSLError) as exc:
                outcome, message = _outcome_of(exc)
                return FetchResult(url, outcome, error=message), None
        result = _result(url, response, headers)
        if body and is_textual(result.content_type, body):
            text, encoding = decode_body(body, result.content_type)
            result = _with(result, text=text, encoding=encoding)
        return _with(result, truncated=truncated), None

    async def _read(self, response: httpx.Response) -> tuple[bytes, bool]:
        """Read at most ``max_bytes`` of the (decompressed) body; stop early rather than fail."""
        cap = self._config.max_bytes
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            chunks.append(chunk)
            size += len(chunk)
            if size >= cap:
                return b"".join(chunks)[:cap], True
        return b"".join(chunks), False


def _check_url(url: str) -> FetchResult | None:
    """A FetchResult for a URL that cannot be requested at all, else None."""
    try:
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https"):
            return FetchResult(url, Outcome.UNSUPPORTED_SCHEME, error=f"not an http(s) URL: {url}")
        if not parts.hostname:
            raise ValueError("no host")
        httpx.URL(url)
    except (ValueError, httpx.InvalidURL) as exc:
        return FetchResult(url, Outcome.INVALID_URL, error=f"malformed URL: {exc}")
    return None


def _headers(headers: httpx.Headers) -> dict[str, str]:
    merged: dict[str, str] = {}
    for name, value in headers.multi_items():
        merged[name] = f"{merged[name]}, {value}" if name in merged else value
    return merged


def _result(url: str, response: httpx.Response, headers: Mapping[str, str]) -> FetchResult:
    return FetchResult(
        url,
        Outcome.OK,
        final_url=url,
        status_code=response.status_code,
        headers=headers,
        content_type=response.headers.get("content-type"),
    )


def _with(result: FetchResult, **changes: Any) -> FetchResult:
    return replace(result, **changes)


def _outcome_of(exc: BaseException) -> tuple[Outcome, str]:
    """Translate a foreign exception into an Outcome: the one border for transport errors."""
    chain = _causes(exc)
    detail = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.TimeoutException):
        return Outcome.TIMEOUT, f"timed out ({type(exc).__name__})"
    if any(isinstance(e, socket.gaierror) for e in chain):
        return Outcome.DNS, f"name not resolved: {detail}"
    if any(isinstance(e, ssl.SSLError) for e in chain):
        return Outcome.TLS, f"TLS failure: {detail}"
    if isinstance(exc, httpx.UnsupportedProtocol):
        return Outcome.UNSUPPORTED_SCHEME, detail
    if isinstance(exc, httpx.InvalidURL):
        return Outcome.INVALID_URL, detail
    if isinstance(exc, httpx.ConnectError | ConnectionRefusedError):
        return Outcome.CONNECT, f"connection failed: {detail}"
    return Outcome.PROTOCOL, f"{type(exc).__name__}: {detail}"


def _causes(exc: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain
