"""Soft-404 classes of issue 14 that tests/e2e/test_soft404.py leaves to unit tests, end to end.

tests/e2e/test_soft404.py cites a meta refresh to a 404 and a script to the home page, file URLs
ending in ``.pdf`` and ``.jpg``, and id URLs moved to a slug by path (``/p/8841``,
``/archives/123``).  Here the other halves of those classes go through the fixture web too: a
meta refresh to the home page, a one-line script to a 404, a ``.mp4`` answered by an HTML page;
and, as the false alarms they must not become, ids in a query (WordPress ``/?p=``) or a Drupal
``/node/`` path moved permanently to a descriptive slug, and a forward to another article.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from checker.config import Config
from checker.findings import Code
from checker.model import Report, Status
from checker.pipeline import check
from checker.sampleweb import SampleWeb, Web
from tests.e2e.blogger import CitedPost, blogger_page, connect_rules, source_of

BLOG = "https://soft404-gaps.blogspot.com"
NEWS = "https://www.gazette-example.com"

DEAD = {
    "meta-refresh-to-home": f"{NEWS}/2025/02/refresh-home",
    "js-to-404": f"{NEWS}/2025/02/script-gone",
    "mp4-as-html": f"{NEWS}/media/summit-speech.mp4",
}
ALIVE = {
    "wordpress-id-to-slug": (f"{NEWS}/?p=8841", "Summit agreement"),
    "drupal-node-to-slug": (f"{NEWS}/node/123", "Summit speech"),
    "script-to-article": (f"{NEWS}/2025/02/script-moved", "Summit agreement"),
    "video-with-hidden-unavailable": (f"{NEWS}/watch?v=Lfw9H63g0OQ", "Summit video"),
}


def _article(title: str, *, meta: bool = True) -> str:
    head = '<meta property="og:type" content="article">' if meta else ""
    text = "<p>" + "The delegates met again on Tuesday and agreed on a text. " * 12 + "</p>"
    return (
        f"<!DOCTYPE html><html><head><title>{title} | Gazette</title>{head}</head><body>"
        f"<header><a href='/'>Gazette</a></header><main><article><h1>{title}</h1>{text}</article>"
        "</main></body></html>"
    )


def _home() -> str:
    teasers = "".join(
        f"<article><h2><a href='/2025/02/story-{n}'>Headline of story number {n} today</a></h2>"
        f"<p>Teaser {n}.</p></article>"
        for n in range(10)
    )
    return (
        "<!DOCTYPE html><html><head><title>Gazette</title>"
        '<meta property="og:site_name" content="Gazette"></head><body><header>Gazette</header>'
        f"<main>{teasers}</main></body></html>"
    )


def _web() -> Web:
    web = Web()
    posts = [CitedPost(slug, "", "Summit story", None, None, url) for slug, url in DEAD.items()]
    posts += [CitedPost(slug, "", title, None, None, url) for slug, (url, title) in ALIVE.items()]
    web.page(f"{BLOG}/search/label/test", blogger_page(BLOG, posts))
    web.page(f"{NEWS}/", _home())
    web.page(f"{NEWS}/2025/02/gone", "<title>Not Found</title>", status=404)
    refresh = "<meta http-equiv='refresh' content='0; url=https://www.gazette-example.com/'>"
    web.page(DEAD["meta-refresh-to-home"], f"<html><head>{refresh}</head><body></body></html>")
    script = "<script>window.location.href = '/2025/02/gone';</script>"
    web.page(DEAD["js-to-404"], f"<html><head>{script}</head><body>Redirecting…</body></html>")
    web.page(DEAD["mp4-as-html"], _home())
    web.redirect(ALIVE["wordpress-id-to-slug"][0], "/2025/02/summit-agreement/", status=301)
    web.page(f"{NEWS}/2025/02/summit-agreement/", _article("Summit agreement"))
    web.redirect(ALIVE["drupal-node-to-slug"][0], "/summit-speech", status=308)
    web.page(f"{NEWS}/summit-speech", _article("Summit speech", meta=False))
    moved = "<script>location.replace('/2025/02/summit-agreement/');</script>"
    web.page(ALIVE["script-to-article"][0], f"<html><head>{moved}</head><body></body></html>")
    # a playable video page keeps its "unavailable" heading hidden until the player fails
    hidden = "<div class='hid player-unavailable'><h1>This video is unavailable.</h1></div>"
    video = _article("Summit video", meta=False).replace("<main>", f"<main>{hidden}")
    web.page(ALIVE["video-with-hidden-unavailable"][0], video)
    return web


@pytest.fixture(scope="module")
def report() -> Iterator[Report]:
    web = _web()
    with SampleWeb(web) as site:
        rules = connect_rules(web, site)
        config = Config().with_(connect_to=rules, cacert=site.ca_path, retries=0)
        yield check([f"{BLOG}/search/label/test"], config)


@pytest.mark.parametrize("slug", list(DEAD))
def test_soft_404(report: Report, slug: str) -> None:
    checked = source_of(report, slug)
    assert checked.status is Status.BROKEN, checked
    assert [f.code for f in checked.findings] == [Code.SOFT_404], checked.findings


@pytest.mark.parametrize("slug", list(ALIVE))
def test_not_soft_404(report: Report, slug: str) -> None:
    checked = source_of(report, slug)
    assert checked.status in (Status.OK, Status.REDIRECTED), checked
    assert {f.code for f in checked.findings} <= {Code.REDIRECTED}, checked.findings
