"""Every status class and mismatch kind, end to end through real sockets.

One fixture blog page lists one post per case; each post's attribution block cites one source on
the fixture web.  The run goes through the whole pipeline (discover → extract → fetch → verify)
exactly as the CLI runs it, so a case passes only if every stage does its part.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from checker.config import Config
from checker.findings import Code
from checker.model import Report, Status
from checker.pipeline import check
from checker.sampleweb import Response, SampleWeb, Web
from tests.e2e.blogger import CitedPost, article_page, blogger_page, connect_rules, source_of
from tests.fixtureweb.archive_web import Capture, add_wayback

BLOG = "https://test-blog.blogspot.com"
NEWS = "https://www.example-news.com"
JP = "https://www.example-shimbun.jp"
TITLE = "Russia and Ukraine Agree to Talks in a Policy Reversal"
JP_TITLE = "ロシアとウクライナ、協議開始で合意"
AUTHOR = "Jane Doe"

# slug → (post, expected status, expected finding codes)
CASES: dict[str, tuple[CitedPost, Status, set[Code]]] = {}


def _case(slug: str, status: Status, codes: set[Code], **cited: str | None) -> None:
    values: dict[str, str | None] = {
        "publisher": "Example News",
        "title": TITLE,
        "author": AUTHOR,
        "date": "February 12, 2025",
        "url": f"{NEWS}/2025/02/{slug}",
    }
    values.update(cited)
    CASES[slug] = (CitedPost(slug, **values), status, codes)  # type: ignore[arg-type]


_case("ok", Status.OK, set())
_case("no-url", Status.MISSING, {Code.MISSING_URL}, url=None)
_case("deleted", Status.BROKEN, {Code.BROKEN})
_case("gone", Status.BROKEN, {Code.BROKEN})
_case("to-home", Status.BROKEN, {Code.SOFT_404})
_case(
    "not-found-ja",
    Status.BROKEN,
    {Code.SOFT_404},
    publisher="Example Shimbun",
    url=f"{JP}/news/20250212/article",
)
_case("forbidden", Status.BLOCKED, {Code.BLOCKED})
_case("challenge", Status.BLOCKED, {Code.BLOCKED})
_case("down", Status.UNREACHABLE, {Code.UNREACHABLE})
_case("slow", Status.UNREACHABLE, {Code.UNREACHABLE})
_case(
    "no-such-host",
    Status.BROKEN,
    {Code.BROKEN},
    publisher="",  # a made-up .invalid domain has no publisher to compare
    url="https://www.no-such-host.invalid/a",
)
_case("moved", Status.REDIRECTED, {Code.REDIRECTED})
_case("retitled", Status.OK, {Code.TITLE_MISMATCH}, title="Trump Says He Will Meet Putin Soon")
_case("wrong-author", Status.OK, {Code.AUTHOR_MISMATCH}, author="John Smith")
_case("wrong-date", Status.OK, {Code.DATE_MISMATCH}, date="March 3, 2024")
_case("wrong-publisher", Status.OK, {Code.PUBLISHER_MISMATCH}, publisher="Foreign Policy")
_case(
    "shift-jis",
    Status.OK,
    set(),
    publisher="Example Shimbun",
    title=JP_TITLE,
    author=None,
    url=f"{JP}/news/20250212/sjis",
)


def _web() -> Web:
    web = Web()
    posts = [post for post, _, _ in CASES.values()]
    web.page(f"{BLOG}/search/label/test", blogger_page(BLOG, posts))
    good = article_page(TITLE, site="Example News", author=AUTHOR, date="2025-02-12")
    web.page(f"{NEWS}/", article_page("Example News — Home", site="Example News"))
    for slug in ("ok", "retitled", "wrong-author", "wrong-date", "wrong-publisher", "new-slug"):
        web.page(f"{NEWS}/2025/02/{slug}", good)
    web.page(f"{NEWS}/2025/02/deleted", "<title>Not Found</title>", status=404)
    web.page(f"{NEWS}/2025/02/gone", "<title>Gone</title>", status=410)
    web.redirect(f"{NEWS}/2025/02/to-home", "/", status=302)
    web.page(f"{NEWS}/2025/02/forbidden", "<title>Forbidden</title>", status=403)
    challenge = (
        "<html><head><title>Just a moment...</title></head><body>"
        "<noscript>Enable JavaScript and cookies to continue</noscript></body></html>"
    )
    web.page(
        f"{NEWS}/2025/02/challenge", challenge, status=403, headers=[("cf-mitigated", "challenge")]
    )
    web.add(f"{NEWS}/2025/02/down", Response(503))
    web.add(f"{NEWS}/2025/02/slow", Response(200, (), b"late", delay=5.0))
    web.redirect(f"{NEWS}/2025/02/moved", f"{NEWS}/2025/02/new-slug", status=301)
    web.page(f"{JP}/", article_page("Example Shimbun", site="Example Shimbun", lang="ja"))
    web.page(
        f"{JP}/news/20250212/article",
        "<html><head><title>ページが見つかりません | Example Shimbun</title></head>"
        "<body><h1>お探しのページは見つかりませんでした</h1></body></html>",
    )
    # The deleted article was archived the day after it was cited; the other dead ones never were.
    add_wayback(web, {f"{NEWS}/2025/02/deleted": [Capture("20250213120000", good)]})
    sjis = article_page(JP_TITLE, site="Example Shimbun", lang="ja", charset="shift_jis")
    web.add(
        f"{JP}/news/20250212/sjis",
        Response(200, (("Content-Type", "text/html"),), sjis.encode("shift_jis")),
    )
    return web


@pytest.fixture(scope="module")
def report() -> Iterator[Report]:
    web = _web()
    with SampleWeb(web) as site:
        rules = connect_rules(web, site)
        # Under the 5 s the slow page takes, with room for a loaded machine (1 s once timed out
        # the redirect to the home page when the suite ran beside other work).
        config = Config().with_(
            connect_to=rules, cacert=site.ca_path, timeout=2.5, retries=1, retry_backoff=0.01
        )
        yield check([f"{BLOG}/search/label/test"], config)


def test_every_post_is_found(report: Report) -> None:
    assert len(report.documents) == len(CASES)


@pytest.mark.parametrize("slug", list(CASES))
def test_case(report: Report, slug: str) -> None:
    _, status, codes = CASES[slug]
    checked = source_of(report, slug)
    assert checked.status is status, checked
    assert {f.code for f in checked.findings} == codes, checked.findings


def test_dead_source_gets_a_verified_archived_copy(report: Report) -> None:
    [finding] = source_of(report, "deleted").findings
    assert finding.archive_url == (
        f"https://web.archive.org/web/20250213120000/{NEWS}/2025/02/deleted"
    )
    assert finding.suggestion is not None
    assert 'data-versiondate="2025-02-13"' in finding.suggestion
    for slug in ("gone", "to-home", "not-found-ja", "down"):
        assert all(f.archive_url is None for f in source_of(report, slug).findings), slug


def test_publisher_of_the_case_posts_is_read(report: Report) -> None:
    checked = source_of(report, "ok")
    assert checked.citation.cited.publisher == "Example News"
    assert checked.observed is not None
    assert checked.observed.title == TITLE
