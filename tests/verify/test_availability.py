"""Table-driven tests of the availability verdict: every rule has triggers and near misses."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from checker.findings import Code
from checker.model import FetchResult, Hop, Outcome, Status
from checker.verify.availability import Verdict, classify

ARTICLE = "https://news.example.com/2025/02/ukraine-ceasefire-talks-stall/"
ARTICLE_PAGE = (
    "<html><head><title>Ukraine ceasefire talks stall | Example News</title></head>"
    "<body><h1>Ukraine ceasefire talks stall</h1><p>" + "Body text. " * 400 + "</p></body></html>"
)


def _page(title: str, h1: str = "", body: str = "Some text. " * 300) -> str:
    return (
        f"<html><head><title>{title}</title></head><body><h1>{h1}</h1><p>{body}</p></body></html>"
    )


def _fetch(
    status: int | None = 200,
    *,
    outcome: Outcome = Outcome.OK,
    text: str | None = ARTICLE_PAGE,
    final_url: str | None = None,
    redirects: tuple[Hop, ...] = (),
    headers: Mapping[str, str] | None = None,
    url: str = ARTICLE,
) -> FetchResult:
    return FetchResult(
        url=url,
        outcome=outcome,
        final_url=final_url or url,
        status_code=status,
        redirects=redirects,
        headers=dict(headers or {}),
        content_type="text/html",
        text=text,
    )


def _codes(verdict: Verdict) -> tuple[Code, ...]:
    return tuple(f.code for f in verdict.findings)


# --- transport outcomes -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("outcome", "status", "codes", "page_ok"),
    [
        (Outcome.DNS, Status.BROKEN, (Code.BROKEN,), False),
        (Outcome.CONNECT, Status.BROKEN, (Code.BROKEN,), False),
        (Outcome.TIMEOUT, Status.UNREACHABLE, (Code.UNREACHABLE,), False),
        (Outcome.PROTOCOL, Status.UNREACHABLE, (Code.UNREACHABLE,), False),
        # A bad certificate is not proof that the article is gone.
        (Outcome.TLS, Status.UNREACHABLE, (Code.UNREACHABLE,), False),
        # A loop is usually a cookie wall, not a removed page.
        (Outcome.TOO_MANY_REDIRECTS, Status.UNREACHABLE, (Code.UNREACHABLE,), False),
        (Outcome.TOO_LARGE, Status.UNREACHABLE, (Code.UNREACHABLE,), False),
        (Outcome.INVALID_URL, Status.BROKEN, (Code.MALFORMED_URL,), False),
        (Outcome.UNSUPPORTED_SCHEME, Status.SKIPPED, (), False),
    ],
)
def test_transport_outcomes(
    outcome: Outcome, status: Status, codes: tuple[Code, ...], page_ok: bool
) -> None:
    verdict = classify(_fetch(None, outcome=outcome, text=None), cited_url=ARTICLE)
    assert (verdict.status, _codes(verdict), verdict.page_ok) == (status, codes, page_ok)


def test_skipped_carries_a_note() -> None:
    result = _fetch(None, outcome=Outcome.UNSUPPORTED_SCHEME, text=None, url="mailto:a@b.c")
    verdict = classify(result, cited_url="mailto:a@b.c")
    assert verdict.note is not None and "not checked" in verdict.note


def test_forbidden_address_is_skipped_with_a_note() -> None:
    result = _fetch(
        None, outcome=Outcome.FORBIDDEN_ADDRESS, text=None, url="http://169.254.169.254/"
    )
    verdict = classify(result, cited_url="http://169.254.169.254/")
    assert (verdict.status, verdict.findings, verdict.page_ok) == (Status.SKIPPED, (), False)
    assert verdict.note is not None and "--allow-private" in verdict.note
    # near miss: a refused connection to a public host is still proof of absence
    refused = classify(_fetch(None, outcome=Outcome.CONNECT, text=None), cited_url=ARTICLE)
    assert refused.status is Status.BROKEN


def test_dns_message_says_name_not_resolved() -> None:
    verdict = classify(_fetch(None, outcome=Outcome.DNS, text=None), cited_url=ARTICLE)
    assert "does not resolve" in verdict.findings[0].message


def test_too_large_with_a_status_is_still_checked() -> None:
    verdict = classify(_fetch(200, outcome=Outcome.TOO_LARGE), cited_url=ARTICLE)
    assert (verdict.status, verdict.page_ok, verdict.findings) == (Status.OK, True, ())


# --- HTTP status codes ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "status", "finding"),
    [
        (200, Status.OK, None),
        (203, Status.OK, None),
        (404, Status.BROKEN, Code.BROKEN),
        (410, Status.BROKEN, Code.BROKEN),
        (401, Status.BLOCKED, Code.BLOCKED),
        (403, Status.BLOCKED, Code.BLOCKED),
        (451, Status.BLOCKED, Code.BLOCKED),
        (429, Status.BLOCKED, Code.BLOCKED),
        (999, Status.BLOCKED, Code.BLOCKED),
        (500, Status.UNREACHABLE, Code.UNREACHABLE),
        (502, Status.UNREACHABLE, Code.UNREACHABLE),
        (503, Status.UNREACHABLE, Code.UNREACHABLE),
        (522, Status.UNREACHABLE, Code.UNREACHABLE),
        (408, Status.UNREACHABLE, Code.UNREACHABLE),
        # Not proof of absence: never "broken".
        (400, Status.UNREACHABLE, Code.UNREACHABLE),
        (405, Status.UNREACHABLE, Code.UNREACHABLE),
    ],
)
def test_status_codes(code: int, status: Status, finding: Code | None) -> None:
    text = ARTICLE_PAGE if code < 300 else _page(f"{code} error")
    verdict = classify(_fetch(code, text=text), cited_url=ARTICLE)
    assert verdict.status is status
    assert _codes(verdict) == ((finding,) if finding else ())
    assert verdict.page_ok is (status is Status.OK)


def test_429_says_it_is_rate_limited() -> None:
    verdict = classify(_fetch(429, text=None), cited_url=ARTICLE)
    assert "rate limited" in verdict.findings[0].message


# --- bot challenges ---------------------------------------------------------------------------

CF_CHALLENGE = (
    "<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
    "<noscript>Enable JavaScript and cookies to continue</noscript>"
    "<script>window._cf_chl_opt={cvId: '3'};</script></body></html>"
)


@pytest.mark.parametrize(
    ("code", "text", "headers"),
    [
        (403, CF_CHALLENGE, {"cf-mitigated": "challenge"}),
        (503, CF_CHALLENGE, {"Server": "cloudflare"}),
        (200, CF_CHALLENGE, {}),
        (200, "<html><body>x</body></html>", {"CF-Mitigated": "challenge"}),
        (403, _page("Attention Required! | Cloudflare", body="Sorry, you have been blocked"), {}),
        (200, _page("Access Denied", body="You don't have permission. errors.edgesuite.net"), {}),
        (
            403,
            "<html><body><script src='https://geo.captcha-delivery.com/captcha/'></script>",
            {"x-datadome": "protected"},
        ),
        (200, _page("Access to this page has been denied.", body="<div id='px-captcha'>"), {}),
        (200, _page("Pardon Our Interruption", body="As you were browsing"), {}),
        (200, "<html><body><p>Enable JavaScript and cookies to continue</p></body></html>", {}),
        # Entities and any Unicode white space between the words, as the page shows them.
        (200, "<html><body><p>Verify&nbsp;you\u2003are\u3000\n human</p></body></html>", {}),
        (503, _page("ok", body="Checking your browser before accessing example.com."), {}),
    ],
)
def test_bot_challenges_are_blocked_never_broken(
    code: int, text: str, headers: dict[str, str]
) -> None:
    verdict = classify(_fetch(code, text=text, headers=headers), cited_url=ARTICLE)
    assert (verdict.status, _codes(verdict), verdict.page_ok) == (
        Status.BLOCKED,
        (Code.BLOCKED,),
        False,
    )


@pytest.mark.parametrize(
    "text",
    [
        # A normal Cloudflare-served article carries the jsd script, not a challenge.
        ARTICLE_PAGE.replace(
            "</body>",
            "<script src='/cdn-cgi/challenge-platform/scripts/jsd/main.js'></script></body>",
        ),
        # An article about bot walls: the phrase is there, but so is a whole article.
        _page("How sites ask you to verify you are human", body="verify you are human. " * 200),
        # Title merely contains the words.
        _page("Just a moment of silence for the victims | Example News"),
        _page("Access denied: the fight over archives | Example News"),
        # A paywalled article whose head is readable stays ok.
        _page("Ukraine ceasefire talks stall", body="Subscribe to continue reading. " * 100),
    ],
)
def test_challenge_near_misses_stay_ok(text: str) -> None:
    verdict = classify(_fetch(200, text=text, headers={"server": "cloudflare"}), cited_url=ARTICLE)
    assert (verdict.status, verdict.page_ok) == (Status.OK, True)


# --- soft-404: landing pages ------------------------------------------------------------------


def _moved(
    cited: str, final: str, status: int = 301, text: str | None = ARTICLE_PAGE
) -> FetchResult:
    return _fetch(200, url=cited, final_url=final, redirects=(Hop(cited, status),), text=text)


def _teaser(n: int) -> str:
    link = f"<a href='/2025/02/story-{n}'>Story number {n} of the day</a>"
    return f"<article><h2>{link}</h2></article>"


# A section page: a listing of teasers and headline links, no article metadata of its own.
SECTION_PAGE = (
    "<html><head><title>World news | Example News</title></head><body><main><h1>World</h1>"
    + "".join(_teaser(n) for n in range(12))
    + "</main></body></html>"
)


@pytest.mark.parametrize(
    ("cited", "final"),
    [
        (ARTICLE, "https://news.example.com/"),
        (ARTICLE, "https://www.news.example.com/index.html"),
        (ARTICLE, "https://news.example.com/news/"),
        (ARTICLE, "https://news.example.com/2025/02/"),
        ("https://example.com/world/europe/story-123456", "https://example.com/world/"),
        ("https://example.com/ukraine-war-enters-fourth-winter", "https://example.com/"),
        ("https://example.com/eier-legen-huehner/", "https://example.com/"),
        ("https://wiki.example.com/Penny", "https://wiki.example.com/"),
        ("https://example.com/ddg48/", "https://example.com/"),
        ("https://example.com/article.php?id=1234", "https://example.com/"),
        ("https://old-paper.example/2020/05/story.html", "https://new-paper.example/"),
        (ARTICLE, "https://news.example.com/404.html"),
        (ARTICLE, "https://news.example.com/errors/not-found"),
    ],
)
def test_redirect_to_landing_is_soft_404(cited: str, final: str) -> None:
    # The destination lists teasers; or shows nothing to judge it by (no body, an empty shell),
    # when the shape of its path decides as before.
    for hop_status in (301, 302):
        for text in (SECTION_PAGE, None, "<html><body></body></html>"):
            verdict = classify(_moved(cited, final, hop_status, text), cited_url=cited)
            assert (verdict.status, _codes(verdict), verdict.page_ok) == (
                Status.BROKEN,
                (Code.SOFT_404,),
                False,
            ), (cited, final, hop_status, text)


@pytest.mark.parametrize(
    ("cited", "final", "status"),
    [
        # Cosmetic changes: never nag.
        ("http://news.example.com/2025/02/ukraine-ceasefire-talks-stall/", ARTICLE, Status.OK),
        ("https://www.news.example.com/2025/02/ukraine-ceasefire-talks-stall", ARTICLE, Status.OK),
        (ARTICLE + "?utm_source=twitter", ARTICLE, Status.OK),
        ("https://example.com/a/index.html", "https://example.com/a/", Status.OK),
        # The home page cited as the home page.
        ("https://example.com", "https://www.example.com/", Status.OK),
        # A section cited, the home page reached: moved, but it was not an article.
        ("https://example.com/news", "https://example.com/", Status.REDIRECTED),
        ("https://example.com/blog/", "https://example.com/", Status.REDIRECTED),
        ("https://example.com/index.html", "https://example.com/", Status.OK),
        # Same article under a new slug or a new permalink scheme.
        (ARTICLE, "https://news.example.com/2025/02/ukraine-talks-stall-again/", Status.REDIRECTED),
        (ARTICLE, "https://news.example.com/ukraine-ceasefire-talks-stall/", Status.REDIRECTED),
        (ARTICLE, "https://news.example.com/story/123456", Status.REDIRECTED),
        ("https://example.com/p/story", "https://example.com/p/story/amp", Status.REDIRECTED),
        # A shortlink that resolves to a home page is what the author linked.
        ("https://t.co/AbC123xyz", "https://example.com/", Status.OK),
        ("https://bit.ly/3xYzAbc", "https://example.com/ukraine-story", Status.OK),
        # A cited URL that is itself about "404".
        ("https://example.com/the-404-club/", "https://example.com/the-404-club/", Status.OK),
    ],
)
def test_landing_near_misses(cited: str, final: str, status: Status) -> None:
    verdict = classify(_moved(cited, final), cited_url=cited)
    assert verdict.status is status, (cited, final)
    assert verdict.page_ok is True


# --- soft-404: "not found" pages --------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "h1"),
    [
        ("Page not found | The Example Times", ""),
        ("404 Not Found", ""),
        ("404", ""),
        ("Error 404 - Example", ""),
        ("Example News", "Oops! That page can’t be found."),
        ("Example News", "Sorry, the page you were looking for could not be found."),
        ("This page is no longer available - Example", ""),
        ("Not Found", ""),
        ("ページが見つかりません - 朝日新聞", ""),
        ("お探しのページは見つかりませんでした。", ""),
        ("404 Not Found | NHK", ""),
        ("日本経済新聞", "指定されたページは存在しません"),
        ("Seite nicht gefunden - Beispiel", ""),
        ("Fehler 404 – Seite nicht gefunden", ""),
        ("Page introuvable | Le Exemple", ""),
        ("Página no encontrada", ""),
        ("页面不存在", ""),
        ("找不到页面 - 示例", ""),
        ("페이지를 찾을 수 없습니다", ""),
        ("Страница не найдена", ""),
        ("Ошибка 404 — Страница не найдена", ""),
    ],
)
def test_not_found_page_is_soft_404(title: str, h1: str) -> None:
    verdict = classify(_fetch(200, text=_page(title, h1)), cited_url=ARTICLE)
    assert (verdict.status, _codes(verdict), verdict.page_ok) == (
        Status.BROKEN,
        (Code.SOFT_404,),
        False,
    ), title


@pytest.mark.parametrize(
    ("title", "h1"),
    [
        ("The 404 Club: inside the hackers' bar | Example", "The 404 Club"),
        ("Missing plane not found after week-long search | Example", ""),
        ("Why the page you want is not found by search engines", ""),
        ("404 Media | Independent tech journalism", ""),
        ("Error rates rise in 2025 - Example", ""),
        ("見つかりません、という声 - 東京新聞", ""),
        ("Plane not found", ""),
        ("Ukraine ceasefire talks stall", "Ukraine ceasefire talks stall"),
        ("Not Found: the art of losing things | Example", ""),
    ],
)
def test_not_found_near_misses(title: str, h1: str) -> None:
    verdict = classify(_fetch(200, text=_page(title, h1)), cited_url=ARTICLE)
    assert (verdict.status, verdict.page_ok) == (Status.OK, True), title


def test_article_about_not_found_pages_is_not_soft_404() -> None:
    cited = "https://example.com/blog/page-not-found/"
    verdict = classify(_fetch(200, text=_page("Page Not Found"), url=cited), cited_url=cited)
    assert verdict.status is Status.OK


# --- login and consent walls ------------------------------------------------------------------


@pytest.mark.parametrize(
    "final",
    [
        "https://consent.example.com/v2/collectConsent?sessionId=3",
        "https://news.example.com/login?next=/2025/02/ukraine-ceasefire-talks-stall/",
        "https://accounts.example.com/signin?continue=https://news.example.com/2025/02/x",
    ],
)
def test_login_or_consent_wall_is_blocked(final: str) -> None:
    verdict = classify(_moved(ARTICLE, final, 302), cited_url=ARTICLE)
    assert (verdict.status, _codes(verdict)) == (Status.BLOCKED, (Code.BLOCKED,))


def test_cited_login_page_is_not_a_wall() -> None:
    cited = "https://example.com/login"
    verdict = classify(_fetch(200, url=cited), cited_url=cited)
    assert verdict.status is Status.OK


# --- redirects --------------------------------------------------------------------------------

NEW = "https://news.example.com/2025/02/ceasefire-talks-ukraine-stall-again/"


@pytest.mark.parametrize(
    ("hops", "status"),
    [
        ((301,), Status.REDIRECTED),
        ((308,), Status.REDIRECTED),
        ((301, 301), Status.REDIRECTED),
        ((302,), Status.OK),
        ((303,), Status.OK),
        ((307,), Status.OK),
        ((302, 301), Status.OK),
    ],
)
def test_permanent_redirects_are_reported(hops: tuple[int, ...], status: Status) -> None:
    chain = tuple(
        Hop(ARTICLE if i == 0 else f"{NEW}?step={i}", code) for i, code in enumerate(hops)
    )
    result = _fetch(200, final_url=NEW, redirects=chain)
    verdict = classify(result, cited_url=ARTICLE)
    assert (verdict.status, verdict.page_ok) == (status, True)
    if status is Status.REDIRECTED:
        (finding,) = verdict.findings
        assert finding.code is Code.REDIRECTED
        assert finding.suggestion == f"cite {NEW}"
    else:
        assert verdict.findings == ()


def test_permanent_then_temporary_suggests_the_permanent_target() -> None:
    chain = (Hop(ARTICLE, 301), Hop(NEW, 302))
    result = _fetch(200, final_url=NEW + "?region=jp", redirects=chain)
    verdict = classify(result, cited_url=ARTICLE)
    assert verdict.findings[0].suggestion == f"cite {NEW}"


def test_scheme_upgrade_then_temporary_is_cosmetic() -> None:
    cited = ARTICLE.replace("https", "http")
    chain = (Hop(cited, 301), Hop(ARTICLE, 302))
    result = _fetch(200, url=cited, final_url=ARTICLE + "?consent=1", redirects=chain)
    assert classify(result, cited_url=cited).status is Status.OK
