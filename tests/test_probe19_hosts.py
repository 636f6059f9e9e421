"""Probe 19: a cited URL whose host name holds a character no host name can is malformed.

``https://ex ample.com/`` (a space typed into the host) was requested as ``ex%20ample.com``,
asked of the resolver and reported ``broken``: "the host name does not resolve — find where the
publisher moved the article", a fix for a dead page, not for a typo.  It is ``malformed-url``
now, with no request made.  Hosts browsers accept stay checked as before.
"""

from __future__ import annotations

import pytest

from checker.findings import Code
from checker.model import Status
from checker.urls import is_host_name
from checker.verify.availability import unfetched_verdict


@pytest.mark.parametrize(
    "url",
    ["https://ex ample.com/", "http://a<b.com/", "https://a|b.com/", "https://a^b.com/"],
)
def test_a_host_no_client_can_reach_is_malformed(url: str) -> None:
    verdict = unfetched_verdict(url)
    assert verdict is not None
    assert verdict.status is Status.BROKEN
    assert [f.code for f in verdict.findings] == [Code.MALFORMED_URL]
    assert "host name" in verdict.findings[0].message


@pytest.mark.parametrize(
    "url",
    [
        "https://www.example.com/a b",  # a space in the path is the server's to judge
        "https://例え.jp/",
        "https://xn--r8jz45g.jp/",
        "https://[::1]:8443/",
        "https://ex%61mple.com/",  # browsers percent-decode a host
        "https://user:pw@example.com/",
    ],
)
def test_hosts_browsers_accept_are_fetched(url: str) -> None:
    assert unfetched_verdict(url) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("www.example.com", True), ("::1", True), ("例え.jp", True), ("a b", False), ("", False)],
)
def test_is_host_name(text: str, expected: bool) -> None:
    assert is_host_name(text) is expected
