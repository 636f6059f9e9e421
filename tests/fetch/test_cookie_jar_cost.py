"""The cookie jar's work for a request grows with the request's own domains, not with the jar.

The standard library's jar asks its policy about every domain it holds for each request (each
question parses the request's URL again) and walks every cookie it holds for expired ones after
each: with one session cookie from each of 40 hosts, ~1.6 M instructions a request, more than the
rest of the request (issue 19, session 34; a real server's answers set cookies).  The jar here
(``client._ChangeCountingJar``) must still pick the same cookies, in the same order, as the
standard one, and still drop what expired.
"""

from __future__ import annotations

import http.cookiejar
import time
import urllib.request
from http.cookiejar import Cookie, CookieJar, DefaultCookiePolicy

import pytest

from checker.fetch.client import _ChangeCountingJar, _SendableCookies, cookie_domains


def _cookie(name: str, domain: str, path: str = "/", **options: object) -> Cookie:
    dotted = domain.startswith(".")
    values: dict[str, object] = {
        "version": 0,
        "name": name,
        "value": f"v-{name}",
        "port": None,
        "port_specified": False,
        "domain": domain,
        "domain_specified": dotted,
        "domain_initial_dot": dotted,
        "path": path,
        "path_specified": True,
        "secure": False,
        "expires": None,
        "discard": True,
        "comment": None,
        "comment_url": None,
        "rest": {},
    }
    values.update(options)
    return Cookie(**values)  # type: ignore[arg-type]


def _filled(jar: CookieJar) -> CookieJar:
    later = int(time.time()) + 3600
    for cookie in (
        _cookie("a", "a.example.org"),
        _cookie("wide", ".example.org"),
        _cookie("deep", "a.example.org", "/dir"),
        _cookie("deeper", ".example.org", "/dir/sub"),
        _cookie("b", "b.example.org"),
        _cookie("nested", "x.a.example.org"),
        _cookie("top", ".org"),
        _cookie("local", "localhost.local"),
        _cookie("safe", "a.example.org", secure=True),
        _cookie("later", "a.example.org", expires=later, discard=False),
        _cookie("other", "example.net"),
        _cookie("bare", "example.org"),
        _cookie("ip", "127.0.0.1"),
        *(_cookie(f"h{n}", f"news{n:03d}.example.com") for n in range(40)),
    ):
        jar.set_cookie(cookie)
    return jar


_URLS = [
    "http://a.example.org/",
    "http://a.example.org/dir/page",
    "https://a.example.org/dir/sub/x",
    "http://A.Example.org:8080/dir",
    "http://x.a.example.org/",
    "http://b.example.org/dir/sub/",
    "http://example.org/",
    "http://c.org/",
    "http://localhost/",
    "http://127.0.0.1/",
    "http://example.net/",
    "http://news007.example.com/2024/01/a.html",
    "http://unrelated.test/",
]


def _sent(jar: CookieJar, url: str) -> str | None:
    request = urllib.request.Request(url, method="GET")
    jar.add_cookie_header(request)
    return request.unredirected_hdrs.get("Cookie")


@pytest.mark.parametrize("url", _URLS)
def test_the_jar_sends_what_the_standard_jar_sends(url: str) -> None:
    ours = _filled(_ChangeCountingJar(_SendableCookies()))
    standard = _filled(CookieJar(_SendableCookies()))
    assert _sent(ours, url) == _sent(standard, url)


def test_every_domain_the_policy_can_accept_is_asked() -> None:
    """What ``cookie_domains`` leaves out, the policy's first test refuses, for every domain a
    jar can hold for these hosts."""
    policy = DefaultCookiePolicy()
    domains = {"", ".", "org", ".org", "example.org", ".example.org", "a.example.org"}
    domains |= {".a.example.org", "x.a.example.org", "le.org", ".le.org", "localhost"}
    domains |= {"localhost.local", ".local", "127.0.0.1", ".0.0.1", "0.1", "..org"}
    for url in _URLS:
        request = urllib.request.Request(url)
        for domain in domains:
            if policy.domain_return_ok(domain, request):
                host, effective = http.cookiejar.eff_request_host(request)  # type: ignore[attr-defined]
                assert domain in cookie_domains(host) | cookie_domains(effective), (url, domain)


class _CountingPolicy(_SendableCookies):
    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def domain_return_ok(self, domain: str, request: urllib.request.Request) -> bool:
        self.asked.append(domain)
        return super().domain_return_ok(domain, request)


def test_a_request_asks_about_its_own_domains_only() -> None:
    policy = _CountingPolicy()
    jar = _filled(_ChangeCountingJar(policy))
    assert _sent(jar, "http://news007.example.com/2024/01/a.html") == "h7=v-h7"
    assert policy.asked == ["news007.example.com"]  # the standard jar asks about all 53


def test_a_jar_of_session_cookies_is_not_walked_after_each_request(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    jar = _ChangeCountingJar(_SendableCookies())
    for n in range(40):
        jar.set_cookie(_cookie(f"h{n}", f"news{n:03d}.example.com"))
    looked = []
    is_expired = Cookie.is_expired

    def counted(cookie: Cookie, now: float | None = None) -> bool:
        looked.append(cookie.name)
        return is_expired(cookie, now)

    monkeypatch.setattr(Cookie, "is_expired", counted)
    assert _sent(jar, "http://news007.example.com/") == "h7=v-h7"
    assert looked == ["h7"]  # the policy's own look at the one sent; the standard jar: 41


def test_an_expired_cookie_is_still_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    jar = _ChangeCountingJar(_SendableCookies())
    now = time.time()
    jar.set_cookie(_cookie("soon", "a.example.org", expires=int(now) + 10, discard=False))
    jar.set_cookie(_cookie("late", "a.example.org", expires=int(now) + 100, discard=False))
    jar.set_cookie(_cookie("kept", "b.example.org"))
    assert _sent(jar, "http://a.example.org/") == "soon=v-soon; late=v-late"
    monkeypatch.setattr(time, "time", lambda: now + 50)
    assert _sent(jar, "http://b.example.org/") == "kept=v-kept"
    assert sorted(c.name for c in jar) == ["kept", "late"]  # dropped after that request
    monkeypatch.setattr(time, "time", lambda: now + 500)
    assert _sent(jar, "http://a.example.org/") is None
    assert [c.name for c in jar] == ["kept"]
