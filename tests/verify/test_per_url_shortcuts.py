"""The per-URL checks before a request, rewritten for CPU (issue 19), answer as they did.

``urls.is_host_name`` tests the host's characters as a set at C speed, and
``availability._host_of`` reads the host ``url_host`` keeps per URL instead of the
``SplitResult``'s ``hostname`` property: each is held here to the definition it replaced, on
every character a host could hold up to U+3000 and on URLs of every shape the extractor keeps.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from checker.urls import _NOT_IN_HOSTS, is_host_name
from checker.verify.availability import _host_of, unfetched_verdict


def _is_host_name_by_characters(host: str) -> bool:
    return bool(host) and not any(c in _NOT_IN_HOSTS for c in host)


def _host_of_by_property(url: str) -> str | None:
    try:
        parts = urlsplit(url)
        return parts.hostname if parts.scheme.lower() in ("http", "https") else None
    except ValueError:
        return None


HOSTS = ["", "example.com", "EXAMPLE.com", "a b.com", "bad|host", "xn--bcher-kva.example"]
HOSTS += [f"host{chr(code)}name.example" for code in range(0x3000)]


def test_is_host_name_is_its_character_definition() -> None:
    for host in HOSTS:
        assert is_host_name(host) is _is_host_name_by_characters(host), repr(host)


URLS = [
    "https://example.com/a",
    "HTTPS://Example.COM:8443/a?b#c",
    "http://user:secret@example.com/",
    "https://[2001:db8::1]/x",
    "https://[2001:db8::1/x",  # urlsplit refuses it: ValueError
    "https:///no-host",
    "https://",
    "ftp://example.com/file",
    "mailto:someone@example.com",
    "file:///home/me/notes.md",
    "//example.com/protocol-relative",
    "/relative/path",
    "https://exa mple.com/space",
    "https://bad|host.example/",
    "https://example.com./root-dot",
    "https://例え.jp/",
    "htps://example.com/near-miss",
    "www.example.com",
]


@pytest.mark.parametrize("url", URLS)
def test_host_of_is_the_split_url_s_host(url: str) -> None:
    assert _host_of(url) == _host_of_by_property(url)
    assert _host_of(url) == _host_of_by_property(url)  # asked again: the kept answer


@pytest.mark.parametrize("url", URLS)
def test_unfetched_verdict_is_unchanged_by_the_kept_host(url: str) -> None:
    first, again = unfetched_verdict(url), unfetched_verdict(url)
    assert first == again
