"""Verdict leftovers of session 28 on real server behaviour (left 29b).

Each case is a post citing one source (title, author, date, URL after ``■``), checked through the
pipeline against the sample web (real HTTP and TLS servers on 127.0.0.1, ``--connect-to``):

- A long article about the message ("Page not found" as its h1 over an article's prose and
  metadata, or as a section's h2 under another headline) was ``soft-404``: a false alarm.  A
  long page whose main text is a list of links, or that states the message again under it,
  or that opens with nothing but the site's name or an "Oops!", still is.
- A consent, subscription or region wall whose title is only the site's name ("Example News")
  was read as the source: the wall's own text (its heading or opening statement) says what it
  is.  A teaser under the article's headline is still the article.
- A region wall reached by a redirect to a path with no wall word (``/unavailable``, ``/eu/``,
  ``/gate``) was judged a section page (``soft-404``); its text says it is a wall: ``blocked``.
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
_HTML = (("Content-Type", "text/html; charset=utf-8"),)
_PROSE = (
    "The error page is the least loved page of a site, and the one a reader meets when a link "
    "has rotted away. A good one says what happened, in words a person understands, and offers "
    "a way on: a search box, the section the article lived in, the newest stories. "
) * 6
_META = (
    '<meta property="og:type" content="article"><meta name="author" content="Jane Doe">'
    '<meta property="article:published_time" content="2025-05-12T08:00:00Z">'
)
_TEASERS = "".join(
    f"<p><a href=/a{n}>Story {n} of the week, read it now</a></p>" for n in range(50)
)


def _html(title: str, main: str, *, meta: str = "", outside: str = "") -> Response:
    html = (
        f"<!doctype html><html><head><meta charset=utf-8><title>{title}</title>{meta}</head>"
        f"<body><nav><a href=/>Home</a> <a href=/world>World</a></nav>{outside}<main>{main}</main>"
        "<footer>Example News, 2025</footer></body></html>"
    )
    return Response(200, _HTML, html.encode())


def _moved(to: str) -> Response:
    return Response(302, (("Location", to), ("Content-Type", "text/html")), b"moved")


# --- 1. long articles about the message, and the error pages beside them ----------------------

_SORRY = "Sorry, the page you are looking for could not be found."

REVIEW_TITLE = "Page Not Found"
_ABOUT_IT = {
    # a film review: its h1 is the film's title, its <title> the same with the site's name
    "film-review-h1": (
        "Page Not Found | Example Film",
        f"<h1>Page Not Found</h1><p>By Jane Doe, May 12, 2025</p><p>{_PROSE}</p>",
        _META,
    ),
    # a design article whose h1 is the message it is about, under a longer <title>
    "essay-h1": (
        "Page not found: why error pages matter | Example Magazine",
        f"<h1>Page not found</h1><p>{_PROSE}</p><h2>Say what happened</h2><p>{_PROSE}</p>",
        _META,
    ),
    # a blog post without article metadata: its h2 names the section on the message
    "guide-h2": (
        "Designing a friendly error page | Example Blog",
        f"<h1>Designing a friendly error page</h1><h2>Page not found</h2><p>{_PROSE}</p>"
        f"<h2>Server error</h2><p>{_PROSE}</p>",
        "",
    ),
}
_STILL_GONE = {
    # article metadata leaked into the 404 template, the message said again under it
    "restated": (
        "Page not found | Example News",
        "<h1>Page not found</h1><p>Sorry, the page you were looking for could not be found.</p>"
        f"<p>{_PROSE}</p>",
        _META,
    ),
    # the site's name as the first block, then the message, then prose (no metadata)
    "site-name-first": (
        "Example News",
        f"<h1>Example News</h1><h2>Page not found</h2><p>{_PROSE}</p>",
        "",
    ),
    # article metadata over a list of links, no prose of its own
    "teaser-list": ("Page not found | Example News", f"<h1>Page not found</h1>{_TEASERS}", _META),
    # an article's type over prose, but no date: a template's, not an article's
    "undated": (
        "Page not found | Example News",
        f"<h1>Page not found</h1><p>{_PROSE}</p>",
        '<meta property="og:type" content="article">',
    ),
    # a breadcrumb or a search label before the message is no headline (mend 29a)
    "breadcrumb-first": (
        "Example News",
        f"<p>Home / Blog / 2025</p><p>{_SORRY}</p><p>{_PROSE}</p>",
        "",
    ),
    "search-label-first": (
        "Blog | Example News",
        f"<p>Search this site</p><p>{_SORRY}</p><p>{_PROSE}</p>",
        "",
    ),
    # dated only by the site's JSON-LD node or a generic date meta: no article's date
    "website-dated": (
        "Page not found | Example News",
        f"<h1>Page not found</h1><p>{_PROSE}</p>",
        '<meta property="og:type" content="article"><script type="application/ld+json">'
        '{"@type": "WebSite", "name": "Example News", "datePublished": "2020-01-01"}</script>',
    ),
    "meta-dated": (
        "Page not found | Example News",
        f"<h1>Page not found</h1><p>{_PROSE}</p>",
        '<meta property="og:type" content="article"><meta name="dc.date" content="2025-05-12">',
    ),
}


# --- 2. and 3. walls titled only with the site's name ---------------------------------------

_SITE_WALLS = {
    "consent-h2": (
        "<h1>Example News</h1><h2>Before you continue</h2>"
        "<p>We use cookies and data to deliver our services. Accept all or reject all.</p>"
    ),
    "paywall-h1": "<h1>Subscribe to continue reading</h1><p>Plans from $1 a week.</p>",
    "region-statement": (
        "<p>Sorry, this content is not available in your country.</p><p>Example News</p>"
    ),
    # a consent dialog: all it says is in its form, which holds no main text
    "consent-dialog": (
        '<div role="dialog" aria-modal="true"><form action="/save" method="post">'
        "<h2>We value your privacy</h2><p>We and our partners store and access information on "
        "your device.</p><button>Accept all</button><button>Reject all</button></form></div>"
    ),
    "region-unfortunately": (
        "<h1>Unfortunately, our website is currently unavailable in your country.</h1>"
        "<p>We are engaged on the issue and committed to looking at options.</p>"
    ),
}
_REGION_WALL = _html(
    "Example News",
    "<h1>Example News</h1><p>This content is not available in your region.</p>",
)
_GEO_PATHS = ("/unavailable", "/eu/", "/gate")
SHORT_TEASER = f"https://short-teaser.example{SLUG}"
BANNERED = f"https://bannered.example{SLUG}"
BANNERED_TITLE = "Council extends the tram line"


def _web() -> Web:
    web = Web()
    for name, (title, main, meta) in {**_ABOUT_IT, **_STILL_GONE}.items():
        web.add(f"https://{name}.example{SLUG}", _html(title, main, meta=meta))
    for name, main in _SITE_WALLS.items():
        web.add(f"https://wall-{name}.example{SLUG}", _html("Example News", main))
    for number, path in enumerate(_GEO_PATHS):
        host = f"geo-{number}.example"
        web.add(f"https://{host}{SLUG}", _moved(path))
        web.add(f"https://{host}{path}", _REGION_WALL)
    web.add(
        SHORT_TEASER,
        _html(
            "Example News",
            f"<h1>{TITLE}</h1><p>Defence budgets rose again.</p>"
            "<h2>Subscribe to continue reading</h2>",
        ),
    )
    web.add(
        BANNERED,
        _html(
            f"{BANNERED_TITLE} | Example News",
            f"<h1>{BANNERED_TITLE}</h1><p>The line will reach the hospital by 2027.</p>",
            outside="<div class=cookie-banner><h2>We value your privacy</h2>"
            "<p>We use cookies.</p><button>Accept</button></div>",
        ),
    )
    return web


def _cited() -> dict[str, str]:
    """Each cited URL and the title its citation gives."""
    cited = {f"https://{name}.example{SLUG}": TITLE for name in _STILL_GONE}
    cited |= {f"https://film-review-h1.example{SLUG}": REVIEW_TITLE}
    cited |= {f"https://essay-h1.example{SLUG}": "Page not found: why error pages matter"}
    cited |= {f"https://guide-h2.example{SLUG}": "Designing a friendly error page"}
    cited |= {f"https://wall-{name}.example{SLUG}": TITLE for name in _SITE_WALLS}
    cited |= {f"https://geo-{n}.example{SLUG}": TITLE for n in range(len(_GEO_PATHS))}
    return cited | {SHORT_TEASER: TITLE, BANNERED: BANNERED_TITLE}


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, CheckedCitation]:
    return check_sources_on(_web(), _cited(), tmp_path_factory.mktemp("left29b"))


@pytest.mark.parametrize("name", sorted(_ABOUT_IT))
def test_a_long_article_about_the_message_is_ok(
    checked: dict[str, CheckedCitation], name: str
) -> None:
    citation = checked[f"https://{name}.example{SLUG}"]
    assert citation.status is Status.OK, citation.findings
    assert Code.SOFT_404 not in codes(citation)


@pytest.mark.parametrize("name", sorted(_STILL_GONE))
def test_a_long_error_page_beside_them_is_still_soft_404(
    checked: dict[str, CheckedCitation], name: str
) -> None:
    assert Code.SOFT_404 in codes(checked[f"https://{name}.example{SLUG}"])


@pytest.mark.parametrize("name", sorted(_SITE_WALLS))
def test_a_wall_titled_with_the_sites_name_is_blocked(
    checked: dict[str, CheckedCitation], name: str
) -> None:
    citation = checked[f"https://wall-{name}.example{SLUG}"]
    assert citation.status is Status.BLOCKED, citation.findings
    assert not codes(citation) & {Code.TITLE_MISMATCH, Code.SOFT_404}
    assert "could not be verified" in citation.findings[0].message


@pytest.mark.parametrize("path", _GEO_PATHS)
def test_a_region_wall_behind_a_plain_path_is_blocked(
    checked: dict[str, CheckedCitation], path: str
) -> None:
    citation = checked[f"https://geo-{_GEO_PATHS.index(path)}.example{SLUG}"]
    assert citation.status is Status.BLOCKED, citation.findings
    assert Code.SOFT_404 not in codes(citation)


def test_a_teaser_under_the_headline_is_the_article(
    checked: dict[str, CheckedCitation],
) -> None:
    """Near miss: the page leads with the article's headline; the wall is below it."""
    citation = checked[SHORT_TEASER]
    assert citation.status is Status.OK, citation.findings
    assert Code.BLOCKED not in codes(citation)


def test_a_cookie_banner_over_a_titled_article_is_the_article(
    checked: dict[str, CheckedCitation],
) -> None:
    """Near miss (mend 29a): a short article titled with its headline and site, a cookie
    banner's heading before its main text; only a page titled with one name is read for a
    wall's statement."""
    citation = checked[BANNERED]
    assert citation.status is Status.OK, citation.findings
    assert Code.BLOCKED not in codes(citation)
