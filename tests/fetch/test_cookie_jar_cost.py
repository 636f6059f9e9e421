"""The cookie jar's work for a request grows with the request's own domains, not with the jar.

The standard library's jar asks its policy about every domain it holds for each request (each
question parses the request's URL again) and walks every cookie it holds for expired ones after
each: with one session cookie from each of 40 hosts, ~1.6 M instructions a request, more than the
rest of the request (issue 19, session 34; a real server's answers set cookies).  The jar here
(``client._ChangeCountingJar``) must still pick the same cookies, in the same order, as the
standard one, and still drop what expired.  It is used as the fetcher uses it: an origin's
``Cookie`` header through ``cookie_header``, an answer's cookies through ``take``.
"""

from __future__ import annotations

import http.cookiejar
import time
import urllib.request
from http.cookiejar import Cookie, CookieJar, DefaultCookiePolicy

import httpx
import pytest

from checker.fetch.client import (
    RequestURL,
    _ChangeCountingJar,
    _CookieAnswer,
    _SendableCookies,
    cookie_domains,
)
from checker.fetch.h1 import simple_target


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


def _target(url: str) -> RequestURL:
    """``url`` as the fetcher hands it to the jar."""
    return simple_target(url) or httpx.URL(url)


def _sent(jar: CookieJar, url: str) -> str | None:
    """The ``Cookie`` header ``jar`` gives a GET of ``url``: ours as the fetcher asks it."""
    if isinstance(jar, _ChangeCountingJar):
        return jar.cookie_header(_target(url))
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


class _CountedWalks(dict):  # type: ignore[type-arg]
    """A jar's domains, counting those a walk over them visits."""

    walked = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        for domain in super().__iter__():
            type(self).walked += 1
            yield domain


def test_a_request_matching_two_domains_does_not_walk_every_domain_held() -> None:
    """A host's cookie and its parent's (``.example.org``): the jar's order of the two is found
    without walking the other domains the jar holds (a run of many hosts: quadratic)."""
    jar = _ChangeCountingJar(_SendableCookies())
    jar.set_cookie(_cookie("wide", ".example.org"))
    for n in range(200):
        jar.set_cookie(_cookie(f"h{n}", f"news{n:03d}.example.com"))
    jar.set_cookie(_cookie("a", "a.example.org"))
    jar._cookies = _CountedWalks(jar._cookies)  # type: ignore[attr-defined]
    _CountedWalks.walked = 0
    assert _sent(jar, "http://a.example.org/") == "wide=v-wide; a=v-a"
    assert _CountedWalks.walked < 10  # the base: all 202


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


def _answer(*fields: str) -> _CookieAnswer:
    return _CookieAnswer([("content-type", "text/html"), *(("set-cookie", f) for f in fields)])


def _take(jar: CookieJar, answer: _CookieAnswer, url: str) -> None:
    """``answer``'s cookies into ``jar``: ours as the fetcher hands them over."""
    if isinstance(jar, _ChangeCountingJar):
        jar.take(answer, _target(url))
    else:
        jar.extract_cookies(answer, urllib.request.Request(url))  # type: ignore[arg-type]


def _contents(jar: CookieJar) -> list[list[tuple[str, object]]]:
    """Every attribute of every cookie held, in the jar's order."""
    return [sorted(vars(c).items()) for c in jar]


_LATER = "Expires=Wed, 01 Jan 2031 00:00:00 GMT"
_EVENTS: list[tuple[str, tuple[str, ...], float]] = [
    ("http://a.example.org/2024/01/x.html", ("sid=1; Path=/; HttpOnly",), 0),
    ("http://a.example.org/2024/01/y.html", ("sid=1; Path=/; HttpOnly",), 1),  # taken alike
    ("http://a.example.org/2024/01/z.html", ("sid=2; Path=/",), 2),  # another value
    ("http://a.example.org/2024/01/w.html", ("sid=1; Path=/; HttpOnly",), 3),  # back again
    ("http://a.example.org/2025/t.html", ("sid=1; Path=/; HttpOnly",), 3.5),  # elsewhere
    ("http://a.example.org/2025/s.html", ("sid=1; Path=/; HttpOnly",), 3.6),
    ("http://a.example.org/2024/02/v.html", ("here=1",), 4),  # no Path: the directory's
    ("http://a.example.org/2024/03/v.html", ("here=1",), 5),  # another directory, another
    ("http://a.example.org/2024/03/u.html", ("here=1",), 6),
    ("http://a.example.org/", ("age=1; Max-Age=100; Path=/",), 7),
    ("http://a.example.org/", ("age=1; Max-Age=100; Path=/",), 50),  # its expiry moves
    ("http://a.example.org/d/p", ("v=1; Version=1; Path=/d",), 8),
    ("http://a.example.org/d/q", ("v=1; Version=1; Path=/d",), 9),
    ("http://a.example.org/", ("soon=1; Path=/; Expires=Thu, 01 Jan 2030 00:00:00 GMT",), 10),
    ("http://a.example.org/", ("soon=1; Path=/; Expires=Thu, 01 Jan 2030 00:00:00 GMT",), 11),
    ("http://b.example.org/", ("wide=1; Domain=example.org; Path=/", f"late=2; {_LATER}"), 12),
    ("http://b.example.org/", ("wide=1; Domain=example.org; Path=/", f"late=2; {_LATER}"), 13),
    ("http://c.example.org/", ("wide=3; Domain=example.org; Path=/",), 14),
    ("http://b.example.org/", ("wide=1; Domain=example.org; Path=/", f"late=2; {_LATER}"), 15),
    ("http://b.example.org:8080/", ("sid=9; Path=/",), 16),
    ("https://b.example.org/", ("sid=9; Path=/",), 17),
    ("http://b.example.org/", ("gone=1; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT",), 18),
    ("http://a.example.org/", ("sid=1; Path=/",), 19),
    ("http://a.example.org/", (f"sid=caf\u00e9; Path=/; {_LATER}",), 20),  # refused
    ("http://a.example.org/", ("soon=1; Path=/; Expires=Thu, 01 Jan 2030 00:00:00 GMT",), 1e9),
    ("http://a.example.org/", ("alien=1; Domain=example.net; Path=/",), 1e9 + 1),
    ("http://a.example.org/", ("alien=1; Domain=example.net; Path=/",), 1e9 + 2),
    ("http://a.example.org/", (f"sid=caf\u00e9; Path=/; {_LATER}",), 1e9 + 3),  # now a removal
]


def test_the_jar_holds_what_the_standard_jar_holds_after_each_answer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ours = _ChangeCountingJar(_SendableCookies())
    standard = CookieJar(_SendableCookies())
    start = time.time()
    for url, fields, offset in _EVENTS:
        monkeypatch.setattr(time, "time", lambda offset=offset: start + offset)
        for jar in (ours, standard):
            _take(jar, _answer(*fields), url)
        assert _contents(ours) == _contents(standard), (url, fields, offset)
        assert _sent(ours, url) == _sent(standard, url)


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The requests whose answers a jar parsed (``make_cookies``), in order."""
    requests: list[object] = []
    make_cookies = CookieJar.make_cookies

    def counted(self: CookieJar, response: object, request: object) -> object:
        requests.append(request)
        return make_cookies(self, response, request)  # type: ignore[arg-type]

    monkeypatch.setattr(CookieJar, "make_cookies", counted)
    return requests


def test_an_answer_setting_the_cookies_held_is_not_parsed_again(parsed: list[object]) -> None:
    jar = _ChangeCountingJar(_SendableCookies())
    for n in range(5):
        url = f"http://news007.example.com/2024/{n:02d}/a.html"  # in another directory each
        jar.take(_answer("sid=1a2b; Path=/; HttpOnly"), _target(url))
    assert len(parsed) == 1  # the standard jar: 5
    assert _sent(jar, "http://news007.example.com/") == "sid=1a2b"


def test_long_cookie_fields_are_not_remembered(parsed: list[object]) -> None:
    """A jar remembers up to ``_TAKEN`` answers' fields: unbounded in size, a host's 100 KB
    ``Set-Cookie`` fields would hold ~100 MB of them."""
    jar = _ChangeCountingJar(_SendableCookies())
    long = "sid=" + "x" * 5000 + "; Path=/"
    for _ in range(2):
        jar.take(_answer(long), _target("http://a.example.org/"))
    assert len(parsed) == 2
    assert jar._taken == {}  # type: ignore[attr-defined]
    assert _sent(jar, "http://a.example.org/") == long.removesuffix("; Path=/")


def test_a_kept_header_is_what_the_standard_jar_sends() -> None:
    """Each URL asked twice, in two orders: the second answers from the origin's kept header
    where the jar keeps one, and is still the standard jar's."""
    ours = _filled(_ChangeCountingJar(_SendableCookies()))
    standard = _filled(CookieJar(_SendableCookies()))
    for url in [*_URLS, *reversed(_URLS), *_URLS]:
        assert _sent(ours, url) == _sent(standard, url), url


def test_an_origin_asked_again_does_not_ask_the_policy_and_sees_a_new_cookie_at_once() -> None:
    policy = _CountingPolicy()
    jar = _filled(_ChangeCountingJar(policy))
    url = "http://news007.example.com/2024/01/a.html"
    assert _sent(jar, url) == "h7=v-h7"
    policy.asked.clear()
    assert _sent(jar, "http://news007.example.com/2024/02/b.html") == "h7=v-h7"
    assert policy.asked == []  # kept: the base asked again for each request
    jar.set_cookie(_cookie("later", "news007.example.com"))
    assert _sent(jar, url) == "h7=v-h7; later=v-later"
    jar.set_cookie(_cookie("other", "news008.example.com"))  # another origin's: asked again
    assert _sent(jar, url) == "h7=v-h7; later=v-later"


def test_an_origin_whose_cookies_have_paths_is_picked_for_each_request() -> None:
    jar = _ChangeCountingJar(_SendableCookies())
    jar.set_cookie(_cookie("root", "a.example.org"))
    jar.set_cookie(_cookie("deep", "a.example.org", "/dir"))
    for _ in range(2):
        assert _sent(jar, "http://a.example.org/") == "root=v-root"
        assert _sent(jar, "http://a.example.org/dir/page") == "deep=v-deep; root=v-root"
        assert _sent(jar, "http://a.example.org/directory") == "root=v-root"
    jar.set_cookie(_cookie("wide", ".example.org", "/news"))  # a parent domain's path counts
    assert _sent(jar, "http://b.example.org/") is None
    assert _sent(jar, "http://b.example.org/news/1") == "wide=v-wide"
    assert _sent(jar, "http://b.example.org/") is None


def test_a_kept_header_follows_expiry_and_clearing(monkeypatch: pytest.MonkeyPatch) -> None:
    jar = _ChangeCountingJar(_SendableCookies())
    now = time.time()
    jar.set_cookie(_cookie("soon", "a.example.org", expires=int(now) + 10, discard=False))
    jar.set_cookie(_cookie("kept", "a.example.org"))
    assert _sent(jar, "http://a.example.org/") == "soon=v-soon; kept=v-kept"
    assert _sent(jar, "http://a.example.org/x") == "soon=v-soon; kept=v-kept"
    monkeypatch.setattr(time, "time", lambda: now + 50)
    assert _sent(jar, "http://a.example.org/") == "kept=v-kept"
    assert _sent(jar, "http://a.example.org/y") == "kept=v-kept"
    jar.clear("a.example.org")
    assert _sent(jar, "http://a.example.org/") is None
