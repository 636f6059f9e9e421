"""The sample web server through real sockets: virtual hosts, SNI certificates, HEAD, delays."""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import time

import httpx
import pytest
from conftest import Fetch, open_connection, read_answer, target_of

from checker.sampleweb import Request, Response, SampleWeb, Web, canonical_target

FA = "https://www.foreignaffairs.com/ukraine/ukraines-hardest-winter"
NI = "https://nationalinterest.org/feature/some-article"


def _web() -> Web:
    web = Web()
    web.page(FA, "<title>Ukraine’s Hardest Winter | Foreign Affairs</title>")
    web.page(NI, "<title>NI</title>")
    web.page("https://www.foreignaffairs.com/search?q=ukraine&page=2", "<p>page two</p>")
    web.redirect("https://nationalinterest.org/old", NI)
    web.redirect("http://nationalinterest.org/feature/some-article", NI)
    web.add("https://slow.example/", Response(200, body=b"late", delay=0.5))
    web.page("https://citecheck-sample.blogspot.com/search/label/ウクライナ", "<p>label</p>")
    web.fallback("www.19fortyfive.com", Response(404, body=b"19FortyFive: page not found"))
    return web


@pytest.fixture(scope="module")
def site() -> object:
    with SampleWeb(_web()) as running:
        yield running


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/a/b?x=1", "/a/b?x=1"),
        ("/search/label/ウクライナ", "/search/label/%E3%82%A6%E3%82%AF%E3%83%A9%E3%82%A4%E3%83%8A"),
        ("/search/label/%e3%82%a6", "/search/label/%E3%82%A6"),
        ("/a%2Fb", "/a%2Fb"),  # an escaped slash stays an escaped slash
        ("/a b", "/a%20b"),
        ("", "/"),
    ],
)
def test_canonical_target(target: str, expected: str) -> None:
    assert canonical_target(target) == expected


@pytest.mark.parametrize("url", [FA, NI])
def test_https_certificate_is_valid_for_each_sni_name(
    site: SampleWeb, fetch: Fetch, url: str
) -> None:
    answer = fetch(site, url)
    assert answer.status == 200
    assert answer.headers["content-type"] == "text/html; charset=utf-8"
    assert answer.headers["content-length"] == str(len(answer.body))


def test_certificate_names_the_requested_host_only(site: SampleWeb) -> None:
    sock = socket.create_connection(("127.0.0.1", site.https_port), timeout=5)
    context = site.ca.client_context()
    with context.wrap_socket(sock, server_hostname="www.foreignaffairs.com") as tls:
        cert = tls.getpeercert()
    names = {value for kind, value in cert["subjectAltName"] if kind == "DNS"}
    assert names == {"www.foreignaffairs.com"}


def test_untrusted_client_fails_the_handshake(site: SampleWeb) -> None:
    stranger = ssl.create_default_context()  # system roots, not our CA
    sock = socket.create_connection(("127.0.0.1", site.https_port), timeout=5)
    with pytest.raises(ssl.SSLCertVerificationError):
        stranger.wrap_socket(sock, server_hostname="www.foreignaffairs.com")
    sock.close()


def test_ca_file_holds_the_ca(site: SampleWeb) -> None:
    context = ssl.create_default_context(cafile=str(site.ca_path))
    connection = open_connection(site, FA, context=context)
    connection.request("GET", target_of(FA))
    assert read_answer(connection).status == 200
    connection.close()


def test_connect_to_rules(site: SampleWeb) -> None:
    assert site.connect_to() == (
        f":80:127.0.0.1:{site.http_port}",
        f":443:127.0.0.1:{site.https_port}",
    )


def test_unknown_path_on_known_host_is_a_realistic_404(site: SampleWeb, fetch: Fetch) -> None:
    answer = fetch(site, "https://www.foreignaffairs.com/no/such/page")
    assert answer.status == 404
    assert "<title>404 Not Found</title>" in answer.text


def test_query_is_part_of_the_route(site: SampleWeb, fetch: Fetch) -> None:
    assert fetch(site, "https://www.foreignaffairs.com/search?q=ukraine&page=2").status == 200
    assert fetch(site, "https://www.foreignaffairs.com/search?q=ukraine&page=3").status == 404


def test_host_fallback_answers_every_unrouted_path(site: SampleWeb, fetch: Fetch) -> None:
    answer = fetch(site, "https://www.19fortyfive.com/anything")
    assert (answer.status, answer.body) == (404, b"19FortyFive: page not found")


def test_unknown_host_is_misdirected(site: SampleWeb, fetch: Fetch) -> None:
    answer = fetch(site, "https://unknown.example/")
    assert answer.status == 421
    assert "no host named 'unknown.example'" in answer.text


def test_host_header_is_case_insensitive_and_port_free(site: SampleWeb) -> None:
    connection = open_connection(site, FA)
    connection.putrequest("GET", target_of(FA), skip_host=True)
    connection.putheader("Host", "WWW.ForeignAffairs.com:443")
    connection.endheaders()
    assert read_answer(connection).status == 200
    connection.close()


def test_redirect(site: SampleWeb, fetch: Fetch) -> None:
    answer = fetch(site, "https://nationalinterest.org/old")
    assert (answer.status, answer.headers["location"]) == (301, NI)


def test_scheme_specific_route_wins_over_the_other_scheme(site: SampleWeb, fetch: Fetch) -> None:
    assert fetch(site, NI.replace("https:", "http:")).status == 301  # its own http route
    assert fetch(site, FA.replace("https:", "http:")).status == 200  # falls back to https route


def test_percent_encoded_and_raw_utf8_paths_reach_the_same_page(
    site: SampleWeb, fetch: Fetch
) -> None:
    encoded = "https://citecheck-sample.blogspot.com" + canonical_target("/search/label/ウクライナ")
    assert fetch(site, encoded).status == 200
    raw = socket.create_connection(("127.0.0.1", site.http_port), timeout=5)
    raw.sendall(
        "GET /search/label/ウクライナ HTTP/1.1\r\nHost: citecheck-sample.blogspot.com\r\n"
        "Connection: close\r\n\r\n".encode()
    )
    chunks = []
    while chunk := raw.recv(65536):
        chunks.append(chunk)
    raw.close()
    assert b"".join(chunks).startswith(b"HTTP/1.1 200 ")


def test_head_has_the_headers_of_get_and_no_body(site: SampleWeb) -> None:
    connection = open_connection(site, FA)
    connection.request("HEAD", target_of(FA))
    head = connection.getresponse()
    head.read()
    connection.request("GET", target_of(FA))  # same keep-alive connection: no stray body bytes
    get = read_answer(connection)
    connection.close()
    assert head.status == get.status == 200
    assert head.getheader("Content-Length") == get.headers["content-length"] != "0"


def test_keep_alive_serves_several_requests_on_one_connection(site: SampleWeb) -> None:
    connection = open_connection(site, FA)
    statuses = []
    for url in (FA, "https://www.foreignaffairs.com/missing", FA):
        connection.request("GET", target_of(url))
        statuses.append(read_answer(connection).status)
    connection.close()
    assert statuses == [200, 404, 200]


def test_delay_holds_the_answer_back(site: SampleWeb, fetch: Fetch) -> None:
    started = time.monotonic()
    assert fetch(site, "https://slow.example/").body == b"late"
    assert time.monotonic() - started >= 0.45


def test_delay_makes_an_impatient_client_time_out(site: SampleWeb, fetch: Fetch) -> None:
    with pytest.raises(TimeoutError):
        fetch(site, "https://slow.example/", timeout=0.1)


def test_request_log_counts_requests_per_url(site: SampleWeb, fetch: Fetch) -> None:
    url = "https://www.foreignaffairs.com/counted"
    before = site.count(url)
    fetch(site, url)
    fetch(site, url, "HEAD")
    assert site.count(url) == before + 2
    assert site.count(url, "head") == 1
    assert ("HEAD", url) in site.requests


def test_plain_http_with_httpx(site: SampleWeb) -> None:
    url = "http://www.foreignaffairs.com/ukraine/ukraines-hardest-winter"
    before = site.count(url)
    with httpx.Client(trust_env=False) as client:
        response = client.get(
            f"http://127.0.0.1:{site.http_port}/ukraine/ukraines-hardest-winter",
            headers={"Host": "www.foreignaffairs.com"},
        )
    assert response.status_code == 200
    assert "Hardest Winter" in response.text
    assert site.count(url) == before + 1


def test_handler_sees_the_request_and_its_failure_is_a_500() -> None:
    seen: list[Request] = []

    def echo(request: Request) -> Response:
        seen.append(request)
        return Response(200, body=request.header("User-Agent", "").encode())

    def broken(_: Request) -> Response:
        raise ValueError("boom")

    web = Web()
    web.add("https://api.example/echo?x=1", echo)
    web.add("https://api.example/broken", broken)
    with SampleWeb(web) as site:
        connection = open_connection(site, "https://api.example/")
        connection.request("GET", "/echo?x=1", headers={"User-Agent": "citecheck-test"})
        assert read_answer(connection).body == b"citecheck-test"
        connection.request("GET", "/broken")
        failed = read_answer(connection)
        connection.close()
    assert (seen[0].method, seen[0].host, seen[0].path) == ("GET", "api.example", "/echo?x=1")
    assert failed.status == 500
    assert b"ValueError: boom" in failed.body


def test_web_is_frozen_while_served() -> None:
    web = Web()
    web.page("https://a.example/", "<p>a</p>")
    with SampleWeb(web), pytest.raises(RuntimeError, match="already being served"):
        web.page("https://a.example/b", "<p>b</p>")


def test_route_needs_an_absolute_http_url() -> None:
    with pytest.raises(ValueError, match="absolute http"):
        Web().page("/relative", "<p>x</p>")


def test_stop_is_clean_even_with_open_idle_and_slow_connections() -> None:
    web = Web()
    web.page("https://a.example/", "<p>a</p>")
    web.add("https://a.example/slow", Response(body=b"never", delay=60))
    before = set(threading.enumerate())
    site = SampleWeb(web)
    site.start()
    ca_path, port = site.ca_path, site.https_port
    idle = open_connection(site, "https://a.example/")
    slow = open_connection(site, "https://a.example/")
    try:
        idle.request("GET", "/")
        read_answer(idle)  # the connection stays open, its server thread waits for more
        slow.request("GET", "/slow")
        time.sleep(0.1)
        started = time.monotonic()
        site.stop()
        assert time.monotonic() - started < 2
        # Handler threads are told to stop and exit on their own; allow a loaded machine a moment.
        deadline = time.monotonic() + 2
        while not set(threading.enumerate()) <= before and time.monotonic() < deadline:
            time.sleep(0.02)
        assert set(threading.enumerate()) <= before
        assert not ca_path.exists()
        with pytest.raises((http.client.HTTPException, OSError)):
            slow.getresponse()
    finally:
        idle.close()
        slow.close()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=1)
