"""Soft-404 evidence read from a page: lexicon, landing pages, siblings, file types, forwards."""

from __future__ import annotations

import time

import pytest

from checker.findings import Code
from checker.model import Citation, CitationKind, Cited, FetchResult, Hop, Outcome, Status
from checker.verify.availability import classify, needs_sibling
from checker.verify.citation import memo_keys
from checker.verify.soft404 import (
    PageShape,
    Sibling,
    client_redirect,
    is_not_found_message,
    landing_verdict,
    not_found_in,
    page_shape,
    same_as_sibling,
    sibling_url,
    type_mismatch,
)

ARTICLE_URL = "https://news.example.com/2025/02/ukraine-ceasefire-talks-stall"
META = (
    '<meta property="og:type" content="article">'
    '<meta property="article:published_time" content="2025-02-12">'
)


def _page(title: str, body: str, head: str = "") -> str:
    return f"<html><head><title>{title}</title>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize(
    "text",
    [
        "page not found, oops",
        "Oops! That page can’t be found.",
        "Error 404",
        "Seite nicht gefunden",
        "Diese Seite existiert leider nicht",
        "Página no encontrada",
        "Lo sentimos, la página que buscas no existe",
        "Cette page n’existe pas",
        "Nous n’avons pas pu trouver cette page",
        "ページが見つかりません",
        "页面不存在",
        "Страница не найдена",
        "Hmm, we can’t find that page",
        "The requested URL was not found on this server.",
        "Sorry, the page you were looking for could not be found.",
        "Page missing",
    ],
)
def test_not_found_messages(text: str) -> None:
    assert is_not_found_message(text)


@pytest.mark.parametrize(
    "text",
    [
        "Missing",  # a film
        "Plane not found",
        "The 404 Club",
        "404 Media | Independent tech journalism",
        "How to fix a 404 Not Found error",
        "Not Found: the art of losing things | Example",
        "Why the page you want is not found by search engines",
        "見つかりません、という声 - 東京新聞",
        "Error rates rise in 2025 - Example",
    ],
)
def test_not_found_near_misses(text: str) -> None:
    assert not is_not_found_message(text)


def test_body_404_under_a_normal_title_counts_on_a_short_page() -> None:
    shape = page_shape(_page("Example News", "<nav>Menu</nav><main><p>404 Not Found</p></main>"))
    assert not_found_in(shape) == "404 Not Found"


def test_an_article_that_opens_with_not_found_is_about_it() -> None:
    body = "<main><p>404 Not Found</p>" + "<p>The band played on for hours.</p>" * 60 + "</main>"
    shape = page_shape(_page("A night with the band | Example", body, META))
    assert not_found_in(shape) is None
    # "not found" deep in the text of a page without metadata is not its first block either
    deep = "<main>" + "<p>The search went on.</p>" * 10 + "<p>Page not found.</p></main>"
    assert not_found_in(page_shape(_page("Search | Example", deep))) is None


@pytest.mark.parametrize(
    "hider",
    [
        '<div class="hid player-unavailable">',
        "<div hidden>",
        '<div style="display: none">',
        '<div class="player"><div class="is-hidden">',
    ],
)
def test_a_hidden_not_found_message_is_not_what_the_page_says(hider: str) -> None:
    """A video page keeps "This video is unavailable." in a hidden container, shown only when
    the player fails: the playable video is no soft-404 (issue 14, a YouTube watch page)."""
    closing = "</div>" * hider.count("<div")
    hidden = f"{hider}<h1>This video is unavailable.</h1><p>Page not found</p>{closing}"
    body = f"<main>{hidden}<h1>Flood statistics for today</h1><p>Subscribe</p></main>"
    shape = page_shape(_page("Flood statistics for today - Videos", body))
    assert shape.headings == ("Flood statistics for today",)
    assert not_found_in(shape) is None
    # the same message shown (or hidden only on narrow screens) is one
    for shown in ("<div>", '<div class="hidden md:block">', '<div class="d-none d-lg-block">'):
        page = _page("Videos", f"<main>{shown}<h1>This video is unavailable.</h1></div></main>")
        assert not_found_in(page_shape(page)) == "This video is unavailable."


def _listing(title: str, site: str = "") -> str:
    head = f'<meta property="og:site_name" content="{site}">' if site else ""
    teasers = "".join(
        f"<article><h2><a href='/s/{n}'>Headline of story {n} today</a></h2></article>"
        for n in range(6)
    )
    return _page(title, f"<main>{teasers}</main>", head)


NOTES = "<p>Fixed a bug in the parser.</p>"


@pytest.mark.parametrize(
    ("html", "url", "verdict"),
    [
        (_listing("World | Example News"), "https://example.com/world", True),
        (_listing("Example News", "Example News"), "https://example.com/start", True),
        (_page("Example News", "<p>Hi</p>"), "https://www.example-news.com/x", True),
        (_page("Climate deal | Example", "<h1>Climate deal</h1>", META), "https://e.com/a", False),
        (_page("Release notes", "<h1>Notes</h1>" + NOTES * 40), "https://e.com/r", False),
        (_page("Something", "<p>Short.</p>"), "https://example.com/x", None),
    ],
)  # fmt: skip
def test_landing_verdict(html: str, url: str, verdict: bool | None) -> None:
    assert landing_verdict(page_shape(html), url) is verdict


@pytest.mark.parametrize(
    ("cited", "final"),
    [
        ("https://news.example.com/p/8841", "https://news.example.com/climate-deal"),
        ("https://news.example.com/archives/123", "https://news.example.com/release-notes/"),
    ],
)
def test_permanent_move_to_a_short_slug_is_not_soft_404(cited: str, final: str) -> None:
    article = _page(
        "Climate deal | Example",
        "<h1>Climate deal</h1>" + "<p>The talks ended with a deal.</p>" * 40,
    )
    result = FetchResult(
        cited, Outcome.OK, final_url=final, status_code=200, redirects=(Hop(cited, 301),),
        content_type="text/html", text=article,
    )  # fmt: skip
    verdict = classify(result, cited_url=cited)
    assert (verdict.status, verdict.page_ok) == (Status.REDIRECTED, True)
    listing = classify(
        FetchResult(**{**_fields(result), "text": _listing("Climate | Example")}), cited_url=cited
    )
    assert [f.code for f in listing.findings] == [Code.SOFT_404]


def _fields(result: FetchResult) -> dict[str, object]:
    return {name: getattr(result, name) for name in FetchResult.__slots__}


# --- client-side forwards ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "target"),
    [
        ("<meta http-equiv='refresh' content='0; url=/gone'>", "https://e.com/gone"),
        ("<meta http-equiv='Refresh' content='3;URL=\"https://e.com/\"'>", "https://e.com/"),
        ("<script>window.location.href = '/';</script>", "https://e.com/"),
        ('<script>location.replace("/404")</script><p>Redirecting…</p>', "https://e.com/404"),
        ("<script>window.location='https://e.com/home';</script>", "https://e.com/home"),
        # not forwards: a self-refresh, a reload without URL, a noscript fallback, a long page
        ("<meta http-equiv='refresh' content='0; url=/a/b'>", None),
        ("<meta http-equiv='refresh' content='30'>", None),
        ("<noscript><meta http-equiv='refresh' content='0; url=/nojs'></noscript>", None),
        ("<meta http-equiv='refresh' content='600; url=/'><p>" + "Text. " * 300 + "</p>", None),
        ("<script>if (x) window.location = '/';</script><p>" + "Text. " * 300 + "</p>", None),
        ("<script>var u = location.href;</script>", None),
    ],
)
def test_client_redirect(html: str, target: str | None) -> None:
    page = f"<html><head></head><body>{html}</body></html>"
    assert client_redirect(page, "https://e.com/a/b") == target


def test_forward_to_a_404_is_soft_404() -> None:
    cited = "https://e.com/a/b"
    result = FetchResult(
        cited, Outcome.OK, final_url="https://e.com/gone", status_code=404,
        redirects=(Hop(cited, 200),), text="<title>Not Found</title>",
    )  # fmt: skip
    verdict = classify(result, cited_url=cited)
    assert [f.code for f in verdict.findings] == [Code.SOFT_404]
    # a server's own 404 stays "broken"
    plain = FetchResult(cited, Outcome.OK, final_url=cited, status_code=404)
    assert [f.code for f in classify(plain, cited_url=cited).findings] == [Code.BROKEN]


# --- files ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "content_type", "body", "wrong"),
    [
        ("https://e.com/r/report.pdf", "text/html; charset=utf-8", "<h1>Welcome</h1>", True),
        ("https://e.com/i/map.JPG", "text/html", "<p>Home</p>", True),
        ("https://e.com/v/clip.mp4", "text/html", "<p>Home</p>", True),
        ("https://e.com/r/report.pdf", "application/pdf", "", False),
        ("https://e.com/r/report.pdf", "text/html", "<embed src='/files/report.pdf'>", False),
        ("https://e.com/r/report.pdf", "text/html", "<iframe src='/v?file=%2Freport.pdf'>", False),
        ("https://e.com/i/map.jpg", "text/html", "<img src='https://cdn.e.com/map.jpg'>", False),
        ("https://e.com/story.html", "text/html", "<p>Story</p>", False),
        ("https://e.com/story", "text/html", "<p>Story</p>", False),
    ],
)  # fmt: skip
def test_type_mismatch(url: str, content_type: str, body: str, wrong: bool) -> None:
    shape = page_shape(_page("x", body)) if body else PageShape()
    assert (type_mismatch(url, content_type, shape) is not None) is wrong


# --- the random sibling -----------------------------------------------------------------------


def test_sibling_url_keeps_directory_depth_and_style() -> None:
    url = sibling_url("https://e.com/2025/02/story/")
    assert url is not None and url.startswith("https://e.com/2025/02/") and url.endswith("/")
    assert url.count("/") == "https://e.com/2025/02/story/".count("/")
    html = sibling_url("https://e.com/news/story.html")
    assert html is not None and html.endswith(".html") and html != "https://e.com/news/story.html"
    # the slug depends on host and depth only: one probe answers for a host's whole depth
    first, second = sibling_url("https://e.com/2025/03/o"), sibling_url("https://e.com/2025/02/s")
    assert first is not None and second is not None
    assert first.rsplit("/", 1)[1] == second.rsplit("/", 1)[1]
    assert sibling_url("https://e.com/") is None
    # a page named by its query: the made-up page of its directory, the query left out
    script = sibling_url("https://e.com/article.php?id=3")
    assert script is not None and script.endswith(".php") and "?" not in script
    assert script.count("/") == "https://e.com/article.php".count("/")


HOME = _listing("Catchall Times", "Catchall Times")


def _sibling(html: str | None, status: int = 200) -> Sibling:
    shape = page_shape(html) if html else PageShape()
    return Sibling("https://e.com/a/zzz", status, "https://e.com/a/zzz", shape.title, shape.words)


def test_same_as_sibling() -> None:
    page = page_shape(HOME)
    assert same_as_sibling(page, "https://e.com/a/b", False, _sibling(HOME))
    assert not same_as_sibling(page, "https://e.com/a/b", False, _sibling(HOME, status=404))
    other = page_shape(_page("Real | Catchall Times", "<h1>Real</h1>" + "<p>Real text.</p>" * 9))
    assert not same_as_sibling(other, "https://e.com/a/b", False, _sibling(HOME))
    # an empty script-rendered shell says nothing, even when every URL answers it
    shell = "<html><head><title>App</title></head><body><div id=root></div></body></html>"
    assert not same_as_sibling(page_shape(shell), "https://e.com/a/b", False, _sibling(shell))


def test_sibling_verdict_and_when_it_is_asked() -> None:
    url = "https://e.com/a/vanished"
    result = FetchResult(
        url, Outcome.OK, final_url=url, status_code=200, content_type="text/html", text=HOME
    )
    assert needs_sibling(result, url)
    verdict = classify(result, cited_url=url, sibling=_sibling(HOME))
    assert [f.code for f in verdict.findings] == [Code.SOFT_404]
    assert classify(result, cited_url=url).status is Status.OK  # no probe, no verdict
    # an article that says it is one is not probed; nor a root, a shortlink, another host
    article = FetchResult(**{**_fields(result), "text": _page("A | B", "<p>x</p>", META)})
    assert not needs_sibling(article, url)
    assert not needs_sibling(result, "https://e.com/")
    assert not needs_sibling(result, "https://t.co/AbCdEf")
    moved = FetchResult(**{**_fields(result), "final_url": "https://other.com/a/vanished"})
    assert not needs_sibling(moved, url)


def test_the_sibling_is_part_of_the_memo_inputs() -> None:
    citation = Citation(CitationKind.SOURCE, ARTICLE_URL, Cited(title="A story"))
    result = FetchResult(ARTICLE_URL, Outcome.OK, final_url=ARTICLE_URL, status_code=200)
    plain = memo_keys(citation, result)
    assert memo_keys(citation, result, None) == plain
    assert memo_keys(citation, result, _sibling(HOME))[1] != plain[1]
    assert (
        memo_keys(citation, result, _sibling(HOME, 404))[1]
        != memo_keys(citation, result, _sibling(HOME))[1]
    )


# --- linear time ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "unit",
    [
        "<a href='x'>a b c</a>",
        "<div><p>",
        "<meta http-equiv='refresh' content='0",
        "<script>location.href='",
        "<title>404 ",
        "not found ",
    ],
)
def test_reading_a_page_is_linear(unit: str) -> None:
    def cost(repeats: int) -> float:
        html = "<html><head></head><body>" + unit * repeats
        start = time.process_time()  # CPU, not wall: other jobs share the machine
        page_shape(html)
        client_redirect(html, "https://e.com/a")
        is_not_found_message(html)
        return time.process_time() - start

    small = min(cost(2_000) for _ in range(3))
    large = min(cost(20_000) for _ in range(3))
    assert large < small * 10 * 4 + 0.05  # ten times the input: well under a hundred times


def test_needs_sibling_reads_an_unredirected_url_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 19: the cited URL and the same final URL were split and read for a host twice."""
    from checker.verify import availability  # noqa: PLC0415

    url = "https://e.com/a/vanished"
    result = FetchResult(
        url, Outcome.OK, final_url=url, status_code=200, content_type="text/html", text=HOME
    )
    hosts: list[str] = []
    url_host = availability.url_host

    def counted(address: str) -> str:
        hosts.append(address)
        return url_host(address)

    monkeypatch.setattr(availability, "url_host", counted)
    assert needs_sibling(result, url)
    assert hosts == [url]
    moved = FetchResult(**{**_fields(result), "final_url": "https://www.e.com/a/vanished"})
    assert needs_sibling(moved, url)  # the same site, redirected: both read
    assert hosts == [url, url, "https://www.e.com/a/vanished"]
