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
    "GITHUB_ACTIONS",
    "GITHUB_STEP_SUMMARY",
    "GITHUB_WORKSPACE",
    "CI",
    "SSLKEYLOGFILE",
    "CITECHECK_STORE",
)


@pytest.fixture(autouse=True)
def clean_environ(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """No proxy, CA or CI setting of the machine leaks into a test (httpx's clean_environ), and
    the cross-run store lives in a fresh cache folder per test, never the user's, and the user's
    own config.toml is an empty folder's."""
    for name in _NETWORK_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
