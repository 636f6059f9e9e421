"""Safety: no fetches into private networks (also after redirects), no leaks across hosts."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from checker.config import Config, ConnectTo
from checker.fetch.safety import forbidden_reason
from checker.model import Outcome
from checker.sampleweb import SampleWeb
from checker.sampleweb.server import Request, Response, Web
from tests.fetch.support import config_for, fetch

A = "https://a.example.com"
B = "https://b.example.com"
PORTS: dict[str, int] = {}
SEEN: dict[str, list[str | None]] = {"cookie": [], "authorization": []}


@pytest.mark.parametrize(
    ("address", "label"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("::1", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("fc00::1", "private"),
        ("169.254.1.1", "link-local"),
        ("fe80::1", "link-local"),
        ("169.254.169.254", "metadata"),
        ("fd00:ec2::254", "metadata"),
        ("100.100.100.200", "metadata"),
        ("100.64.1.1", "carrier-grade NAT"),
        ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:10.0.0.1", "private"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
        ("[::1]", "loopback"),
        # IPv6 addresses that carry an IPv4 address are judged by the IPv4 address
        ("2002:7f00:1::", "loopback"),  # 6to4 of 127.0.0.1
        ("2002:a00:1::1", "private"),  # 6to4 of 10.0.0.1
        ("2002:a9fe:a9fe::", "metadata"),  # 6to4 of 169.254.169.254
        ("64:ff9b::10.0.0.1", "private"),  # NAT64
        ("64:ff9b:1::a9fe:a9fe", "metadata"),  # local-use NAT64
        ("::127.0.0.1", "loopback"),  # IPv4-compatible
        ("2001:0:4136:e378:8000:63bf:80ff:fffe", "loopback"),  # Teredo, client 127.0.0.1
    ],
)
def test_non_public_addresses_are_forbidden(address: str, label: str) -> None:
    reason = forbidden_reason(address)
    assert reason is not None and label in reason


@pytest.mark.parametrize(
    "address",
    [
        "93.184.216.34",
        "8.8.8.8",
        "100.128.0.1",
        "2606:4700:4700::1111",
        "172.32.0.1",
        "2002:808:808::1",  # near miss: 6to4 of a public address
        "::ffff:8.8.8.8",
    ],
)
def test_public_addresses_are_allowed(address: str) -> None:
    assert forbidden_reason(address) is None


def _to_local(_: Request) -> Response:
    return Response(302, (("Location", f"http://127.0.0.1:{PORTS['http']}/secret"),))


def _to_6to4_loopback(_: Request) -> Response:
    return Response(302, (("Location", f"http://[2002:7f00:1::]:{PORTS['http']}/secret"),))


def _echo(request: Request) -> Response:
    SEEN["cookie"].append(request.header("Cookie"))
    SEEN["authorization"].append(request.header("Authorization"))
    return Response(200, (("Content-Type", "text/html"),), b"<title>echo</title>")


def _web() -> Web:
    web = Web()
    web.page(f"{A}/ok", "<title>public</title>")
    web.add(f"{A}/to-local", _to_local)
    web.add(f"{A}/to-6to4", _to_6to4_loopback)
    web.page("http://127.0.0.1/secret", "<title>internal</title>")
    web.fallback("127.0.0.1", Response(200, (), b"internal"))
    cookie = ("Set-Cookie", "sid=secret; Path=/")
    web.add(f"{A}/cookie-to-b", Response(302, (cookie, ("Location", f"{B}/echo"))))
    web.add(f"{A}/cookie-to-a", Response(302, (cookie, ("Location", f"{A}/echo"))))
    web.add(f"{A}/auth-to-b", Response(302, (("Location", f"{B}/echo"),)))
    web.add(f"{A}/auth-to-a", Response(302, (("Location", "/echo"),)))
    web.add(f"{A}/echo", _echo)
    web.add(f"{B}/echo", _echo)
    return web


@pytest.fixture(scope="module")
def site() -> Iterator[SampleWeb]:
    with SampleWeb(_web()) as running:
        PORTS["http"] = running.http_port
        yield running


@pytest.fixture
def config(site: SampleWeb) -> Config:
    """Connect-to rules for the two named hosts only, as a user pointing at a mirror would."""
    rules = [
        f"{host}:{port}:127.0.0.1:{local}"
        for host in ("a.example.com", "b.example.com")
        for port, local in ((443, site.https_port), (80, site.http_port))
    ]
    return config_for(site, connect_to=tuple(ConnectTo.parse(r) for r in rules), retries=0)


def test_connect_to_targets_count_as_allowed(config: Config) -> None:
    [result] = fetch(config, f"{A}/ok")
    assert (result.outcome, result.status_code) == (Outcome.OK, 200)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/secret",
        "http://localhost:{port}/secret",
        "http://[::1]:{port}/secret",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://10.0.0.1/admin",
    ],
)
def test_private_urls_are_not_fetched(config: Config, site: SampleWeb, url: str) -> None:
    before = len(site.requests)
    started = time.monotonic()
    [result] = fetch(config, url.format(port=site.http_port))
    assert result.outcome is Outcome.FORBIDDEN_ADDRESS
    assert result.error is not None and "not fetched" in result.error
    assert len(site.requests) == before
    assert time.monotonic() - started < 2  # refused before any connection attempt


def test_redirect_into_a_private_network_is_not_followed(config: Config, site: SampleWeb) -> None:
    [result] = fetch(config, f"{A}/to-local")
    assert result.outcome is Outcome.FORBIDDEN_ADDRESS
    assert [hop.status_code for hop in result.redirects] == [302]
    assert site.count("http://127.0.0.1/secret") == 0


def test_redirect_to_a_6to4_address_of_loopback_is_not_followed(config: Config) -> None:
    [result] = fetch(config, f"{A}/to-6to4")
    assert result.outcome is Outcome.FORBIDDEN_ADDRESS
    assert result.error is not None and "127.0.0.1 is a loopback address" in result.error
    assert [hop.status_code for hop in result.redirects] == [302]


def test_allow_private_reaches_local_hosts(config: Config, site: SampleWeb) -> None:
    allowed = config.with_(allow_private=True)
    [direct, redirected] = fetch(allowed, f"http://127.0.0.1:{site.http_port}/x", f"{A}/to-local")
    assert (direct.outcome, direct.status_code) == (Outcome.OK, 200)
    assert (redirected.outcome, redirected.status_code) == (Outcome.OK, 200)
    assert site.count("http://127.0.0.1/secret") == 1


@pytest.mark.parametrize(
    ("url", "cookie"), [(f"{A}/cookie-to-b", None), (f"{A}/cookie-to-a", "sid=secret")]
)
def test_cookies_stay_with_the_host_that_set_them(
    config: Config, url: str, cookie: str | None
) -> None:
    SEEN["cookie"].clear()
    [result] = fetch(config, url)
    assert result.status_code == 200
    assert SEEN["cookie"] == [cookie]


@pytest.mark.parametrize(("path", "sent"), [("/auth-to-b", False), ("/auth-to-a", True)])
def test_credentials_are_dropped_on_a_cross_host_redirect(
    config: Config, path: str, sent: bool
) -> None:
    SEEN["authorization"].clear()
    [result] = fetch(config, f"https://user:pw@a.example.com{path}")
    assert result.status_code == 200
    [authorization] = SEEN["authorization"]
    assert (authorization is not None) is sent
