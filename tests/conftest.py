"""Test-wide fixtures: a clean network environment for every test."""

from __future__ import annotations

import pytest

_NETWORK_VARS = (
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "NO_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "no_proxy",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
)


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy or CA setting of the machine leaks into a test (httpx's clean_environ)."""
    for name in _NETWORK_VARS:
        monkeypatch.delenv(name, raising=False)
