"""Walls that state themselves outside the main text, or in a consent platform's words
(trust, session 30).

A consent or subscription wall whose page is titled only with the site's name and whose main
text says nothing (its words stand in an ``<aside>``, a ``<footer>`` or a consent banner the
main-text walk skips), or whose statement is a consent platform's own sentence ("Yahoo is part
of the Yahoo family of brands", "We and our partners use cookies …"), was read as the source:
the citation was judged against the wall (a false ``title-mismatch``) instead of ``blocked``.
Each case is a post citing one source through the pipeline on the sample web (real HTTP/TLS on
loopback, ``--connect-to``); the near misses are a short article whose own text stands beside
such a banner, and one titled with its headline.
"""

from __future__ import annotations

import pytest

from checker.findings import Code
from checker.model import CheckedCitation, Status
from checker.sampleweb import Web
from checker.sampleweb.server import Response
from tests.fetch.support import check_sources_on, codes

TITLE = "Council extends the tram line to the hospital"
SLUG = "/2025/05/council-extends-the-tram-line"
_HTML = (("Content-Type", "text/html; charset=utf-8"),)


def _page(title: str, body: str) -> Response:
    html = (
        f"<!doctype html><html><head><meta charset=utf-8><title>{title}</title></head>"
        f"<body><header><a href=/>Example News</a></header>{body}</body></html>"
    )
    return Response(200, _HTML, html.encode())


_CONSENT = (
    "<p>We and our partners use cookies and similar technologies to store and access "
    "information on your device.</p><button>Accept all</button><button>Reject all</button>"
)
_NOTICE = (
    "<p>We use cookies to give you the best experience on our website.</p><button>OK</button>"
    "<p>Example News is part of the Example family of brands.</p>"
)
"""The notices most news sites show on every page, in a banner or their footer."""
_ARTICLE = f"<h1>{TITLE}</h1><p>The line will reach the hospital by 2027, the council said.</p>"
WALLS = {
    "aside": f"<main></main><aside class=notice><p>Before you continue to Example News</p>"
    f"{_CONSENT}</aside>",
    "footer": "<main><p>Example News</p></main><footer><p>Subscribe to continue reading.</p>"
    "<p>Plans from $1 a week.</p></footer>",
    "banner": f'<div id="consent-banner" class="cmp-container">{_CONSENT}</div>',
    "family": "<main><p>Example News is part of the Example family of brands</p>"
    f"<p>When you use our sites and apps, we use cookies to:</p>{_CONSENT}</main>",
}
NEAR_MISSES = {
    # the article's own text beside the same banner: the article
    "text-beside": (
        "Example News",
        f"<main><h1>{TITLE}</h1><p>The line will reach the hospital by 2027, the council "
        f"said on Monday.</p></main><div id=consent-banner>{_CONSENT}</div>",
    ),
    # titled with its headline: never read for a wall's statement (mend 29a)
    "titled": (f"{TITLE} | Example News", f"<main></main><aside>{_CONSENT}</aside>"),
    # a site's cookie notice above its article's headline: a banner, the article (probe 30i)
    "notice-over-headline": (
        "Example News",
        f"<p>This site uses cookies. Learn more.</p><article><h1>{TITLE}</h1>"
        "<p>The line will reach the hospital by 2027, the council said.</p></article>",
    ),
    "notice-before-text": ("Example News", f"<div class=notice>{_NOTICE}</div>{_ARTICLE}"),
    # a footer's notices over a page whose main holds a video: on every page of the site
    "footer-notice": (
        "Example News",
        f"<main><video src=/clip.mp4 controls></video></main><footer>{_NOTICE}</footer>",
    ),
    "footer-notice-article": ("Example News", f"<main>{_ARTICLE}</main><footer>{_NOTICE}</footer>"),
}


def _web() -> Web:
    web = Web()
    for name, body in WALLS.items():
        web.add(f"https://wall-{name}.example{SLUG}", _page("Example News", body))
    for name, (title, body) in NEAR_MISSES.items():
        web.add(f"https://near-{name}.example{SLUG}", _page(title, body))
    web.add(
        f"https://titled-family.example{SLUG}",
        _page("Example News is part of the Example family of brands", WALLS["family"]),
    )
    return web


def _cited() -> dict[str, str]:
    names = [f"wall-{n}" for n in WALLS] + [f"near-{n}" for n in NEAR_MISSES]
    return {f"https://{name}.example{SLUG}": TITLE for name in [*names, "titled-family"]}


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, CheckedCitation]:
    return check_sources_on(_web(), _cited(), tmp_path_factory.mktemp("left30b"))


@pytest.mark.parametrize("name", [*(f"wall-{n}" for n in WALLS), "titled-family"])
def test_a_wall_stated_outside_the_main_text_or_in_a_platforms_words_is_blocked(
    checked: dict[str, CheckedCitation], name: str
) -> None:
    citation = checked[f"https://{name}.example{SLUG}"]
    assert citation.status is Status.BLOCKED, citation.findings
    assert not codes(citation) & {Code.TITLE_MISMATCH, Code.SOFT_404}, citation.findings


@pytest.mark.parametrize("name", sorted(NEAR_MISSES))
def test_a_page_of_its_own_beside_a_banner_is_read_as_the_source(
    checked: dict[str, CheckedCitation], name: str
) -> None:
    citation = checked[f"https://near-{name}.example{SLUG}"]
    assert citation.status is Status.OK, citation.findings
    assert Code.BLOCKED not in codes(citation)
