"""A redirect back to an address already asked, after the server set a cookie (probe 30).

Sites check that a client keeps cookies by setting one and sending it back to the same address
(a "cookie check", ASP.NET's cookieless detection, a consent cookie), or send it through a
single sign-on host that sets a cookie for the whole domain and back.  A browser, curl with its
cookie engine and DeadlinkChecker ask again with the cookie and get the page.  citecheck kept
the cookie but called the second visit a "redirect loop": the live page was ``unreachable``
(a false alarm, a failure once it lasted).  A revisit with no cookie set since is still a loop.
"""

from __future__ import annotations

from collections.abc import Callable

from checker.model import FetchResult, Outcome
from checker.sampleweb import SampleWeb, Web
from checker.sampleweb.server import Request, Response
from tests.fetch.support import config_for, fetch_counting

PATH = "/2021/03/city-council-approves-new-budget"
_HTML = (("Content-Type", "text/html; charset=utf-8"),)
_ARTICLE = Response(200, _HTML, b"<title>City council approves new budget</title><p>Voted.</p>")


def _gate(cookie: str, back: str, set_at: str = "") -> Callable[[Request], Response]:
    """A route that answers the article with ``cookie``, else redirects to ``back``, setting
    the cookie itself unless ``set_at`` (another host's route) does."""

    def route(request: Request) -> Response:
        if cookie in (request.header("cookie") or ""):
            return _ARTICLE
        headers: tuple[tuple[str, str], ...] = (("Location", back),)
        if not set_at:
            headers += (("Set-Cookie", f"{cookie}; Path=/"),)
        return Response(302, headers, b"")

    return route


def _web() -> Web:
    web = Web()
    web.add(f"https://gate.test{PATH}", _gate("gate=1", PATH))
    sso_back = f"https://auth.sso.test/check?back=https://www.sso.test{PATH}"
    web.add(f"https://www.sso.test{PATH}", _gate("sso=1", sso_back, set_at="auth"))
    web.add(
        sso_back,
        Response(
            302,
            (("Location", f"https://www.sso.test{PATH}"), ("Set-Cookie", "sso=1; Domain=sso.test")),
            b"",
        ),
    )
    # a true loop: back to itself, no cookie
    web.add(f"https://loop.test{PATH}", Response(302, (("Location", PATH),), b""))
    # a loop that sets a cookie on every answer but never lets the client in
    web.add(
        f"https://greedy.test{PATH}",
        Response(302, (("Location", PATH), ("Set-Cookie", "n=1; Path=/")), b""),
    )
    # a loop whose every answer sets a cookie the jar refuses (another domain's)
    web.add(
        f"https://refused.test{PATH}",
        Response(302, (("Location", PATH), ("Set-Cookie", "r=1; Domain=elsewhere.test")), b""),
    )
    return web


def _fetched(*urls: str) -> tuple[dict[str, FetchResult], int]:
    with SampleWeb(_web()) as site:
        config = config_for(site, retries=0, timeout=5.0)
        results, requests = fetch_counting(config, urls)
    return {r.url: r for r in results}, requests


def test_a_cookie_check_redirect_to_the_same_address_is_followed() -> None:
    (result,) = _fetched(f"https://gate.test{PATH}")[0].values()
    assert result.outcome is Outcome.OK, result.error
    assert result.status_code == 200


def test_a_single_sign_on_round_trip_is_followed() -> None:
    (result,) = _fetched(f"https://www.sso.test{PATH}")[0].values()
    assert result.outcome is Outcome.OK, result.error
    assert result.final_url == f"https://www.sso.test{PATH}"


def test_a_revisit_with_no_cookie_set_is_still_a_loop() -> None:
    (result,) = _fetched(f"https://loop.test{PATH}")[0].values()
    assert result.outcome is Outcome.TOO_MANY_REDIRECTS
    assert "redirect loop" in (result.error or "")


def test_the_same_cookie_set_again_is_no_progress_but_a_loop() -> None:
    """Only a change in the jar lets an address be asked again: the second answer setting the
    cookie the jar already holds alike sends the client round the same loop (mend 30b)."""
    results, requests = _fetched(f"https://greedy.test{PATH}")
    (result,) = results.values()
    assert result.outcome is Outcome.TOO_MANY_REDIRECTS
    assert result.error == "redirect loop after 2 hops"
    assert requests == 2


def test_a_cookie_the_jar_refuses_is_no_progress_but_a_loop() -> None:
    results, requests = _fetched(f"https://refused.test{PATH}")
    (result,) = results.values()
    assert result.outcome is Outcome.TOO_MANY_REDIRECTS
    assert result.error == "redirect loop after 1 hops"
    assert requests == 1
