"""Verdicts against how real servers answer (probe 28): walls, labels, questions, searches.

Each case is a post citing one source (title, author, date, URL after ``■``), checked through the
pipeline against the sample web (real HTTP and TLS servers on 127.0.0.1, ``--connect-to``):

- A wall between the reader and the article is ``blocked``, never ``broken``, and its title is
  never compared with the cited one.  Redirected to ``/subscribe``, ``/age-verification`` or
  ``/gdpr``, a deep article was judged sent to a section page (``soft-404``); served in place of
  the article with a 200 ("Before you continue", "Subscribe to read | Financial Times", "Are you
  18 or older?", "Not available in your region"), the wall's title was a ``title-mismatch``.
- A PDF its server labels ``text/html`` is the PDF (it was ``soft-404``: "an HTML page that does
  not show it").
- A title that asks "Page Not Found? …" is a tutorial's, and a cited search that found nothing
  is a search page: both were ``soft-404``.
- "Not found" pages in Korean, Russian, Spanish and German phrasings the lexicon did not know
  passed as ``ok``.
"""

from __future__ import annotations

import pytest

from checker.findings import Code
from checker.model import CheckedCitation, Status
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from tests.fetch.support import check_sources_on, codes

TITLE = "Europe's Quiet Rearmament Gathers Pace"
SLUG = "/2025/05/europes-quiet-rearmament-gathers-pace"
_ARTICLE_TEXT = "Defence budgets across Europe rose again this year as governments answered. " * 12


def _page(title: str, text: str, *, article: bool = False) -> Response:
    head = (
        f'<meta property="og:type" content="article"><meta property="og:title" content="{title}">'
        '<meta name="author" content="Jane Doe">'
        if article
        else ""
    )
    html = (
        f"<!doctype html><html><head><meta charset=utf-8><title>{title}</title>{head}</head>"
        f"<body><nav><a href=/>Home</a> <a href=/world>World</a></nav><main><h1>{title}</h1>"
        f"<p>{text}</p></main><footer>Example News, 2025</footer></body></html>"
    )
    return Response(200, (("Content-Type", "text/html; charset=utf-8"),), html.encode())


def _moved(to: str) -> Response:
    return Response(302, (("Location", to), ("Content-Type", "text/html")), b"moved")


def _error_page(heading: str) -> Response:
    """A site's 200 "not found" page: the site's name as its title, the message in its h1."""
    html = (
        "<!doctype html><html><head><meta charset=utf-8><title>Example News</title></head>"
        f"<body><nav><a href=/>Home</a></nav><main><h1>{heading}</h1>"
        "<p><a href=/>Home</a></p></main></body></html>"
    )
    return Response(200, (("Content-Type", "text/html; charset=utf-8"),), html.encode())


ARTICLE = _page(TITLE, _ARTICLE_TEXT, article=True)
_HTML = (("Content-Type", "text/html; charset=utf-8"),)
_OOPS = (
    b"<html><head><title>Example News</title></head><body><h1>Oops!</h1><p>404</p></body></html>"
)


def _guide(heading: str, section: str) -> Response:
    """A long page without article metadata (a framework's guide) whose second block is
    ``section``."""
    text = "Server-rendering an error page for every visit adds load to the server. " * 30
    html = (
        f"<!doctype html><html><head><title>Routing: {heading} | Docs</title></head><body><main>"
        f"<h1>{heading}</h1><h2>{section}</h2><p>{text}</p><h2>500 Page</h2><p>{text}</p>"
        "</main></body></html>"
    )
    return Response(200, _HTML, html.encode())


_WALL_REDIRECTS = {
    "subscribe": "/subscribe",
    "subscribe-return": f"/subscribe?returnTo={SLUG}",
    "age-gate": "/age-verification",
    "region": "/gdpr",
    "authwall": "/authwall?trk=public_post",
    "zustimmung": "/zustimmung",
}
_WALL_PAGES = {
    "consent": ("Before you continue", "We use cookies and data to run our services. Accept all"),
    "paywall": (
        "Subscribe to read | Financial Times",
        "Subscribe to unlock this article. Try unlimited access: only $1 for 4 weeks.",
    ),
    "age": ("Are you 18 or older?", "This site holds age-restricted material. Confirm to enter."),
    "region": ("Not available in your region", "This content is not available in your country."),
}
_LOCAL_404 = {
    "ko": "페이지를 찾을 수 없음",
    "ko-missing": "존재하지 않는 페이지입니다",
    "ru": "Такой страницы не существует.",
    "es": "Lo sentimos, no pudimos encontrar la página que buscas.",
    "de": "Diese Seite gibt es nicht mehr.",
    "zh-status": "404错误",
    "ja-status": "404エラー",
    "ja-url": "指定されたURLは存在しません。",
}
PDF = "https://pdf-label.example/reports/rearmament-2025.pdf"
QUESTION = "https://question.example/blog/fixing-nextjs-routing"
STATED = "https://stated.example/blog/fixing-nextjs-routing"
SEARCH = "https://search.example/search?q=rearmament+quiet+europe"
NOT_SEARCH = "https://search.example/item.php?id=4411"
GUIDE = "https://guide.example/docs/pages/routing/custom-error"
SHORT_OOPS = f"https://oops.example{SLUG}"
LONG_GONE = f"https://long-gone.example{SLUG}"
WALL_LIKE_ARTICLE = f"https://wall-like.example{SLUG}"
TEASER = f"https://teaser.example{SLUG}"
MOVED_OLD_AGE = f"https://moved.example{SLUG}"
PLAIN_DE = f"https://plain-de.example{SLUG}"
PLAIN_JA = "https://plain-ja.example/blog/404-error-causes"


def _web() -> Web:
    web = Web()
    for name, to in _WALL_REDIRECTS.items():
        host = f"wall-{name}.example"
        web.add(f"https://{host}{SLUG}", _moved(to))
        web.add(f"https://{host}{to}", _page("Subscribe - Example News", "Plans from $1 a week."))
    for name, (title, text) in _WALL_PAGES.items():
        web.add(f"https://page-{name}.example{SLUG}", _page(title, text))
    for lang, heading in _LOCAL_404.items():
        web.add(f"https://gone-{lang}.example{SLUG}", _error_page(heading))
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<</Type/Catalog>>endobj\n" + b"0" * 3000
    web.add(PDF, Response(200, (("Content-Type", "text/html"),), pdf))
    web.add(QUESTION, _page("Page Not Found? Fixing Next.js Routing", _ARTICLE_TEXT))
    web.add(STATED, _page("Lost? Page not found.", "Try the home page."))
    web.add(SEARCH, _page("Search results", "<h2>Nothing found</h2>Try other keywords."))
    web.add(NOT_SEARCH, _page("Example Shop", "<h2>Nothing found</h2>Try other keywords."))
    web.add(GUIDE, _guide("Custom Errors", "404 Page"))
    web.add(SHORT_OOPS, Response(200, _HTML, _OOPS))
    web.add(LONG_GONE, _guide("Oops!", "Page not found"))
    web.add(WALL_LIKE_ARTICLE, _page("Before you continue", _ARTICLE_TEXT * 3))
    web.add(TEASER, _page(TITLE, "Defence budgets rose again. Subscribe to continue reading."))
    web.add(MOVED_OLD_AGE, _moved("/2025/05/old-age-pensions-and-rearmament"))
    web.add("https://moved.example/2025/05/old-age-pensions-and-rearmament", ARTICLE)
    web.add(PLAIN_DE, _page("Das gibt es nicht", "Ein Essay über Dinge, die es nicht gibt."))
    web.add(PLAIN_JA, _page("404エラーの原因と対処法", "404エラーが出たときに確かめること。"))
    return web


CITED = [
    *(f"https://wall-{name}.example{SLUG}" for name in _WALL_REDIRECTS),
    *(f"https://page-{name}.example{SLUG}" for name in _WALL_PAGES),
    *(f"https://gone-{lang}.example{SLUG}" for lang in _LOCAL_404),
    PDF,
    QUESTION,
    STATED,
    GUIDE,
    SHORT_OOPS,
    LONG_GONE,
    SEARCH,
    NOT_SEARCH,
    WALL_LIKE_ARTICLE,
    TEASER,
    MOVED_OLD_AGE,
    PLAIN_DE,
    PLAIN_JA,
]


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, CheckedCitation]:
    folder = tmp_path_factory.mktemp("server28")
    cited = dict.fromkeys(CITED, TITLE)
    return check_sources_on(_web(), cited, folder, heading="欧州の再軍備 {}", text="本文です。")


@pytest.mark.parametrize("name", sorted(_WALL_REDIRECTS))
def test_a_redirect_to_a_wall_is_blocked_not_broken(
    checked: dict[str, CheckedCitation], name: str
) -> None:
    citation = checked[f"https://wall-{name}.example{SLUG}"]
    assert citation.status is Status.BLOCKED, citation.findings
    assert Code.SOFT_404 not in codes(citation)


@pytest.mark.parametrize("name", sorted(_WALL_PAGES))
def test_a_wall_in_place_of_the_page_is_blocked_and_its_title_not_compared(
    checked: dict[str, CheckedCitation], name: str
) -> None:
    citation = checked[f"https://page-{name}.example{SLUG}"]
    assert citation.status is Status.BLOCKED, citation.findings
    assert Code.TITLE_MISMATCH not in codes(citation)


def test_an_article_titled_like_a_wall_is_read_as_the_article(
    checked: dict[str, CheckedCitation],
) -> None:
    """Near miss: a wall's title over an article's worth of text is the article."""
    citation = checked[WALL_LIKE_ARTICLE]
    assert citation.status is Status.OK
    assert Code.TITLE_MISMATCH in codes(citation)


def test_a_teaser_under_the_articles_title_is_the_article(
    checked: dict[str, CheckedCitation],
) -> None:
    """Near miss: a paywalled page whose head is readable is checked, not ``blocked``."""
    citation = checked[TEASER]
    assert citation.status is Status.OK
    assert not codes(citation) & {Code.TITLE_MISMATCH, Code.BLOCKED}


def test_an_article_moved_under_a_slug_holding_a_wall_word_is_redirected(
    checked: dict[str, CheckedCitation],
) -> None:
    """Near miss: ``old-age-pensions`` holds "age" among an article's words: no wall."""
    assert checked[MOVED_OLD_AGE].status is Status.OK


_LIVE = {
    "pdf-labelled-html": PDF,
    "title-asks-page-not-found": QUESTION,
    "search-found-nothing": SEARCH,
    "long-guide-with-404-page-section": GUIDE,
}
"""Live pages that were ``soft-404``: a PDF labelled ``text/html``, a tutorial titled "Page Not
Found? Fixing Next.js Routing", a cited search that found nothing, a long guide whose second
block is the section "404 Page"."""
_GONE = {
    "states-after-a-question": STATED,
    "query-names-an-item": NOT_SEARCH,
    "short-page-bare-404": SHORT_OOPS,
    "long-page-states-it": LONG_GONE,
}
"""Near misses, still ``soft-404``: "Lost? Page not found."; ``?id=`` names an item, not words
searched; a bare "404" on a short page; a long page that states "Page not found"."""


@pytest.mark.parametrize("url", list(_LIVE.values()), ids=list(_LIVE))
def test_a_live_page_that_looked_like_an_error_page_is_ok(
    checked: dict[str, CheckedCitation], url: str
) -> None:
    assert checked[url].status is Status.OK, checked[url].findings
    assert Code.SOFT_404 not in codes(checked[url])


@pytest.mark.parametrize("url", list(_GONE.values()), ids=list(_GONE))
def test_an_error_page_beside_those_is_still_soft_404(
    checked: dict[str, CheckedCitation], url: str
) -> None:
    assert Code.SOFT_404 in codes(checked[url])


@pytest.mark.parametrize("lang", sorted(_LOCAL_404))
def test_a_localized_not_found_page_is_soft_404(
    checked: dict[str, CheckedCitation], lang: str
) -> None:
    citation = checked[f"https://gone-{lang}.example{SLUG}"]
    assert citation.status is Status.BROKEN
    assert Code.SOFT_404 in codes(citation)


@pytest.mark.parametrize("url", [PLAIN_DE, PLAIN_JA], ids=["de", "ja"])
def test_a_title_about_what_does_not_exist_is_no_error_page(
    checked: dict[str, CheckedCitation], url: str
) -> None:
    """Near misses: "Das gibt es nicht" names no page (an essay's title); "404エラーの原因と
    対処法" (causes of 404 errors and what to do) is a guide's."""
    assert checked[url].status is Status.OK, checked[url].findings
